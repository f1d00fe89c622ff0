// Home's tiles as arithmetic: how many columns, which form and what size, for an area, a count and the labels.
#pragma once

#include <functional>

namespace kiosk::ui {

// A tile's form: regular (roomy margins, a large icon) or compact (the icon small beside the label, little margin),
// for small panels. Both keep the tile font and are at least a finger tall.
enum class TileForm { Regular, Compact };

struct TileGridInput {
    float width = 0.0f;  // The area the tiles may fill, in pixels.
    float height = 0.0f; // Its height: what fits in it shows without scrolling.
    int count = 0;       // Tiles.
    float gap = 0.0f;    // Between tiles, across and down.
    float touch = 0.0f;  // The least side of a control (9 mm).
    float line = 0.0f;   // The tile font's size: a label's line is 1.15 of it, its first line 1.
    // Width a tile spends besides its label (insets, the icon and the space after it), per form.
    float regular_chrome = 0.0f;
    float compact_chrome = 0.0f;
    float regular_least = 0.0f; // The least height of a regular tile.
    float most = 0.0f;          // The tallest a tile grows to fill a big screen.
    // The most lines any label wraps to at a text width (unbounded: a label cut at two lines counts all it needs).
    std::function<int(float text_width)> lines;
};

struct TileGrid {
    int columns = 1;
    int rows = 1;
    TileForm form = TileForm::Regular;
    float tile_w = 0.0f;
    float tile_h = 0.0f;
    int lines = 1;    // The most lines a label needs at this width; more than 2 are cut.
    bool fits = true; // Every tile shows in the area; false: the area scrolls.
};

// The grid for `in`, chosen in this order: every tile shown without scrolling (and no label needing more than three
// lines, of which two show); every label in at most two lines;
// regular tiles over compact ones; then the column count (2 to 4, never more than the tiles) whose tiles, grown to
// fill the area up to `most`, come nearest a 2.8:1 button. When nothing fits, tiles at their least height in the
// columns that cut the fewest lines, then scroll the least.
TileGrid tile_grid(const TileGridInput& in);

// A tile's least height in `form` for a label of `lines` lines (at most 2 are drawn).
float tile_least_height(const TileGridInput& in, TileForm form, int lines);

} // namespace kiosk::ui
