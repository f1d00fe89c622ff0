// The fonts the kiosk draws with, from Debian's font packages, rasterised at the sizes the metrics ask for.
#pragma once

#include "ui/metrics.hpp"

#include <imgui.h>
#include <string>
#include <vector>

namespace kiosk::ui {

// One section icon, rasterised into the font atlas.
struct IconGlyph {
    char32_t codepoint = 0;
    ImVec2 offset;   // Its bitmap's top left corner from its em square's, in pixels.
    ImVec2 size;     // Its bitmap's size, in pixels.
    ImVec2 uv0, uv1; // Where the bitmap is in the atlas.
};

// Section icons from the icon font at one size, only the characters asked for. stb_truetype draws them into
// rectangles of the font atlas beside the text: as an ImGui font they would cost two lookup tables as long as the
// highest character (0xF233 here), about 370 KB at each size.
struct IconGlyphs {
    float em = 0.0f; // The em square they were drawn in, in pixels.
    std::vector<IconGlyph> glyphs;
    const IconGlyph* find(char32_t codepoint) const;
};

struct Fonts {
    ImFont* body = nullptr;   // Running text.
    ImFont* bold = nullptr;   // Buttons and strong text.
    ImFont* italic = nullptr; // Emphasis in pages.
    ImFont* tile = nullptr;   // Tile labels, 1.25x.
    ImFont* title = nullptr;  // The center's name and screen titles, 1.6x.
    ImFont* small = nullptr;  // Secondary text, 0.87x: capitals of at least 2.8 mm.
    // Section icons at a regular tile's icon size and at a compact one's. Empty when the icon font is missing or
    // damaged: tiles then draw their kinds' icons with lines.
    IconGlyphs icons;
    IconGlyphs icons_small;
};

// A tile's icon, in text heights: a regular tile's and a compact one's (widgets.cpp draws them at these sizes).
inline constexpr float tile_icon_ems = 1.7f;
inline constexpr float compact_tile_icon_ems = 1.0f;
// An icon font's em square for an icon box of 1: Material Icons keep 2/24 of the em clear on each side, and 1.1
// draws them across about 0.9 of the box, as the icons drawn with lines are.
inline constexpr float icon_em_per_box = 1.1f;

// The icon font: Material Icons from Debian's fonts-material-design-icons-iconfont, or the file $KIOSK_ICON_FONT
// names (tests name a missing or damaged one).
std::string icon_font_path();

// The characters to rasterise: Latin with the accents of most European languages and common punctuation, plus every
// character of `texts` (the UI strings and the content), so any language the content is written in shows.
std::vector<ImWchar> glyph_ranges(const std::vector<const std::string*>& texts);

// Rebuilds `atlas` for `metrics` with `ranges` (from glyph_ranges; kept alive by the caller) and the icon font's
// `icons` (the content's section icons and the kinds' own). Returns false and says why in `error` when no usable font
// file is installed; a missing or damaged icon font only leaves `fonts.icons` empty.
bool build_fonts(ImFontAtlas& atlas, const Metrics& metrics, const std::vector<ImWchar>& ranges,
    const std::vector<char32_t>& icons, Fonts& fonts, std::string& error);

} // namespace kiosk::ui
