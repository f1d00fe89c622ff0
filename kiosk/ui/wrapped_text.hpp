// Text as the screens draw it: one line at a time, or wrapped to a width, and how much room it takes.
#pragma once

#include "ui/theme.hpp"

#include <imgui.h>
#include <string>

namespace kiosk::ui {

// Draws one line of text from `pos`: every text a screen draws goes through here. It is handed to ImGui in pieces of
// at most a few thousand bytes, so no call comes near Dear ImGui's 16-bit vertex limit (one call of more than about
// 16,000 glyphs aborts Debian's build), whatever the text holds; pieces past the clip rectangle's right edge are not
// drawn. `end` null: up to the NUL.
void draw_text(ImDrawList* list, ImFont* font, ImVec2 pos, Color color, const char* begin, const char* end = nullptr);
inline void draw_text(ImDrawList* list, ImFont* font, ImVec2 pos, Color color, const std::string& text)
{
    draw_text(list, font, pos, color, text.data(), text.data() + text.size());
}

// Draws `text` wrapped to `width` from `pos`, at most `max_lines` lines (the last one ends in "..." when cut).
// `align` places each line: 0 at the left, 0.5 in the middle of `width`. Returns the height used. Inside a
// TextScope (controls.hpp) each line drawn is recorded as a text.
float draw_wrapped(ImDrawList* list, ImFont* font, ImVec2 pos, float width, Color color, const std::string& text,
    int max_lines = 1000, float align = 0.0f);
// The height `text` needs when wrapped to `width`.
float wrapped_height(ImFont* font, float width, const std::string& text, int max_lines = 1000);
// The widest of the lines `text` wraps into at `width` (at most `max_lines` of them), at most `width`.
float wrapped_width(ImFont* font, float width, const std::string& text, int max_lines);
// The width of `text` in `font` at its size, on one line.
float text_width(ImFont* font, const std::string& text);
// The width of the widest word of `text` (between spaces and line breaks): when it is wider than a line, the
// wrapping breaks that word inside it.
float widest_word(ImFont* font, const std::string& text);

} // namespace kiosk::ui
