// The fonts the kiosk draws with, from Debian's font packages, rasterised at the sizes the metrics ask for.
#pragma once

#include "ui/metrics.hpp"

#include <imgui.h>
#include <string>
#include <vector>

namespace kiosk::ui {

struct Fonts {
    ImFont* body = nullptr;   // Running text.
    ImFont* bold = nullptr;   // Buttons and strong text.
    ImFont* italic = nullptr; // Emphasis in pages.
    ImFont* tile = nullptr;   // Tile labels, 1.25x.
    ImFont* title = nullptr;  // The center's name and screen titles, 1.6x.
    ImFont* small = nullptr;  // Secondary text, 0.87x: capitals of at least 2.8 mm.
};

// The characters to rasterise: Latin with the accents of most European languages and common punctuation, plus every
// character of `texts` (the UI strings and the content), so any language the content is written in shows.
std::vector<ImWchar> glyph_ranges(const std::vector<const std::string*>& texts);

// Rebuilds `atlas` for `metrics` with `ranges` (from glyph_ranges; kept alive by the caller). Returns false and says
// why in `error` when no usable font file is installed.
bool build_fonts(
    ImFontAtlas& atlas, const Metrics& metrics, const std::vector<ImWchar>& ranges, Fonts& fonts, std::string& error);

} // namespace kiosk::ui
