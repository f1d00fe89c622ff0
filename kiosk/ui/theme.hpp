// Colours, read from assets/theme.toml so a center can restyle the kiosk without code.
#pragma once

#include "content/diagnostic.hpp"

#include <cstdint>
#include <string>

namespace kiosk::ui {

using Color = std::uint32_t; // 0xAABBGGRR, ImGui's packed colour.

struct Theme {
    Color background = 0xFFEEF3F6;
    Color surface = 0xFFFFFFFF;         // Tiles and cards.
    Color surface_pressed = 0xFFD4DEE4; // A tile under the finger.
    Color border = 0xFF7E858A;          // 3:1 on the background.
    Color text = 0xFF1A1B1C;
    Color text_muted = 0xFF51575B;
    Color accent = 0xFF8B5F1F;      // Icons, links, chosen chips.
    Color accent_text = 0xFFFFFFFF; // Words on an accent fill (a chosen chip, the "Now" pill).
    Color header = 0xFF4D3A1F;      // The top band.
    Color header_text = 0xFFFFFFFF;
    Color header_pressed = 0xFF6B5634;
    Color urgent = 0xFF1E26B3; // The urgent-help tile: never used for anything else.
    Color urgent_text = 0xFFFFFFFF;
    Color urgent_pressed = 0xFF181D8C;
    float border_mm = 0.3f; // Width of tile and card edges.
};

// The high-contrast theme's built-in colours: white and yellow on black, edges twice as wide.
Theme contrast_theme_defaults();

// Reads the table `table` ("colors", or "contrast" for the high-contrast theme) of `path` over `defaults`; a missing
// or broken entry keeps the default colour and is reported in `diagnostics`.
Theme load_theme(const std::string& path, const std::string& file_name, Diagnostics& diagnostics,
    const char* table = "colors", Theme defaults = {});

// The WCAG contrast ratio of two opaque colours, from 1 (the same) to 21 (black and white).
float contrast_ratio(Color a, Color b);

// Parses "#RRGGBB" or "#RRGGBBAA".
bool parse_color(const std::string& text, Color& out);

} // namespace kiosk::ui
