// Home's Listen button (issue 19): where home has no room to write how to turn read aloud on, a button that does it,
// "Listen · Escuchar", in every language of the content.
#pragma once

#include "ui/screen.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

struct ListenButton {
    std::vector<std::string> words;     // "Listen", "Escuchar": the word of each language of the content, in its order.
    std::vector<std::string> languages; // Their languages.
    bool stacked = false;               // A line a language; else all on one line, between dots.
    ImFont* font = nullptr;             // None: it does not fit.
};

// The button for a `size` area, in the largest font its words fit: a line a language when each line is still a
// finger's height, else all on one line; no font when neither fits (or read aloud is not offered).
ListenButton listen_button(const ScreenContext& context, ImVec2 size);

// Draws it at the cursor, `size` large. Each language's word is a press area of its own that chooses that language:
// a Spanish reader on an English screen who taps "Escuchar" hears Spanish. Returns that language when tapped. While
// read aloud is on, it shows a tick, and read aloud says of it how to turn it off.
std::optional<std::string> draw_listen_button(const ScreenContext& context, const ListenButton& button, ImVec2 size);

} // namespace kiosk::ui
