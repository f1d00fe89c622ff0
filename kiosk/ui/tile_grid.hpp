// Home's tiles as arithmetic: how many columns, which form and what size, for an area, a count and the labels.
#pragma once

#include <functional>
#include <vector>

namespace kiosk::ui {

// A tile's form: regular (roomy margins, a large icon) or compact (the icon small beside the label, little margin),
// for small panels, labelled in bold body text rather than the larger tile font. Both are at least a finger tall.
enum class TileForm { Regular, Compact };

struct TileGridInput {
    float width = 0.0f;        // The area the tiles may fill, in pixels.
    float height = 0.0f;       // Its height: what fits in it shows without scrolling.
    int count = 0;             // Tiles.
    float gap = 0.0f;          // Between tiles, across and down.
    float touch = 0.0f;        // The least side of a control (9 mm).
    float line = 0.0f;         // The regular tile font's size: a label's line is 1.15 of it, its first line 1.
    float compact_line = 0.0f; // The compact tile font's size (0: the same as `line`).
    // Width a tile spends besides its label (insets, the icon and the space after it), per form.
    float regular_chrome = 0.0f;
    float compact_chrome = 0.0f;
    float regular_least = 0.0f; // The least height of a regular tile.
    float most = 0.0f;          // The tallest a tile grows to fill a big screen.
    // The lines each label wraps to at a text width, in the tiles' order (unbounded: a label cut at two lines counts
    // all it needs). Missing entries count as one line.
    std::function<std::vector<int>(TileForm form, float text_width)> lines;
    // Whether some label has a word wider than a text width, which would be broken inside it ("Even / ts"); unset:
    // none has.
    std::function<bool(TileForm form, float text_width)> breaks_word;
    bool portrait = false; // The screen is taller than wide.
};

struct TileGrid {
    int columns = 1;
    int rows = 1;
    TileForm form = TileForm::Regular;
    float tile_w = 0.0f;
    float tile_h = 0.0f;      // The tallest row's height.
    std::vector<float> row_h; // Each row's height: a row of one-line labels is lower on a short panel.
    float height = 0.0f;      // All rows and the gaps between them.
    int lines = 1;            // The most lines a label needs at this width; more than 2 are cut.
    bool fits = true;         // Every tile shows in the area; false: the area scrolls.
    bool breaks_word = false; // A label's word is wider than its tile's text.
};

// The grid for `in`. Each row is as tall as its longest label needs; when everything fits, the rows grow evenly into
// the space left (the lowest first, so rows come out equal where the space allows), up to `most`. Chosen in this
// order: every tile shown without scrolling (and no label needing more than three
// lines, of which two show); every label in at most two lines;
// regular tiles over compact ones; then the column count (2 to 4, never more than the tiles) whose tiles, grown to
// fill the area up to `most`, come nearest a 2.8:1 button. When nothing fits, tiles at their least height in the
// columns that cut the fewest lines, then scroll the least. One column replaces that choice only where it shows every
// tile, each label whole, and the choice broke a word inside a label, or cut one on a portrait screen (a 7-inch panel
// turned upright; a landscape screen's tiles in one column would be bars).
TileGrid tile_grid(const TileGridInput& in);

// A tile's least height in `form` for a label of `lines` lines (at most 2 are drawn).
float tile_least_height(const TileGridInput& in, TileForm form, int lines);

} // namespace kiosk::ui
