// Paragraphs of mixed text (bold, italic, links) wrapped into lines, measured once and drawn as often as needed.
#pragma once

#include "content/markdown.hpp"
#include "ui/theme.hpp"

#include <imgui.h>
#include <string>
#include <vector>

namespace kiosk::ui {

struct RichFonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;   // **strong**
    ImFont* italic = nullptr; // *emphasis*
    Color text = 0;
    // Link words: this colour and underlined, so colour is not the only sign, and tappable. 0: links read as the
    // text around them and are not tappable (a page shows each link once, as its chip).
    Color link = 0;
};

struct RichRun {
    ImFont* font = nullptr;
    Color color = 0;
    bool underline = false;
    float x = 0.0f; // From the paragraph's left edge.
    std::string text;
    int link = -1; // The Document's link these words belong to, or -1.
    float width = 0.0f;
};

struct RichLine {
    std::vector<RichRun> runs;
    float width = 0.0f;
};

struct RichLayout {
    std::vector<RichLine> lines;
    float line_height = 0.0f; // Distance between baselines.
    float height = 0.0f;      // From the top of the first line to the bottom of the last.
};

// Wraps `spans` to `width` at spaces; a word longer than a line is broken between characters. Line breaks inside a
// span ("\n", from a Markdown hard break) start a new line.
RichLayout layout_rich_text(const std::vector<Span>& spans, float width, const RichFonts& fonts);

// layout_rich_text, remembered: the same words, fonts, colours and width give the layout made the first time, so a
// page's paragraphs are measured when first drawn and not on every frame. Only for the UI thread. The reference
// holds until the next call.
const RichLayout& cached_rich_layout(const std::vector<Span>& spans, float width, const RichFonts& fonts);

// Draws the lines that fall inside the draw list's clip rectangle.
void draw_rich_text(ImDrawList* list, const RichLayout& layout, ImVec2 pos);

// Makes the words of each link in `layout` (drawn at `pos`) tappable, with the line's full height as the target.
// Returns the link tapped this frame, or -1.
int press_rich_links(const RichLayout& layout, ImVec2 pos);

} // namespace kiosk::ui
