// Everything a screen needs to know about how things look: sizes, fonts and colours.
#pragma once

#include "ui/fonts.hpp"
#include "ui/metrics.hpp"
#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

struct Style {
    Metrics metrics;
    Fonts fonts;
    Theme theme;

    float pad() const { return metrics.em(0.75f); } // Space around and between tiles.
    float gap() const { return metrics.em(0.5f); }  // Space between lines of items.
    // The top band holds one row of buttons, or two where Back, Home and the visitor's settings do not fit one (a
    // 7-inch panel turned upright): the Ui sets this each frame from bar_fits_one_row.
    int bar_rows = 1;
    float header_height() const;     // The top band on every screen: bar_rows rows.
    float bar_row_height() const;    // One row of it.
    float bar_button_height() const; // Buttons in the top band: at least a finger, a margin above and below.
    ImFont* bar_font() const;        // Their words: bold, or small print where bold would crowd the button.
    float radius() const { return metrics.em(0.4f); }                          // Corner rounding of tiles and buttons.
    float line() const { return std::max(1.0f, metrics.mm(theme.border_mm)); } // Edges of tiles and cards.
    float cue_gutter() const { return std::round(metrics.touch()); } // The scroll cues' strip at a list's right.
};

} // namespace kiosk::ui
