// The fonts the kiosk draws with, from Debian's font packages, rasterised at the sizes the metrics ask for.
#pragma once

#include "ui/metrics.hpp"

#include <string>

struct ImFont;
struct ImFontAtlas;

namespace kiosk::ui {

struct Fonts {
    ImFont* body = nullptr;   // Running text.
    ImFont* bold = nullptr;   // Buttons and strong text.
    ImFont* italic = nullptr; // Emphasis in pages.
    ImFont* tile = nullptr;   // Tile labels, 1.25x.
    ImFont* title = nullptr;  // The center's name and screen titles, 1.6x.
    ImFont* small = nullptr;  // Small print, 0.8x.
};

// Rebuilds `atlas` for `metrics`. Returns false and says why in `error` when no usable font file is installed.
bool build_fonts(ImFontAtlas& atlas, const Metrics& metrics, Fonts& fonts, std::string& error);

} // namespace kiosk::ui
