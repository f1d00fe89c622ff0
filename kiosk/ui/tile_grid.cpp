// The choice of home's tile grid: pure arithmetic, tested without a display.
#include "ui/tile_grid.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {

constexpr float line_spacing = 1.15f; // As widgets.cpp draws wrapped text.
constexpr float best_aspect = 2.8f;   // Width over height of a tile that reads as a button: icon, then two lines.

struct Candidate {
    TileGrid grid;
    float need = 0.0f; // Height of all rows at the least tile height.
    float score = 0.0f;
};

Candidate candidate(const TileGridInput& in, int columns, TileForm form)
{
    Candidate c;
    TileGrid& g = c.grid;
    g.columns = columns;
    g.form = form;
    g.rows = (in.count + columns - 1) / columns;
    g.tile_w = std::floor((in.width - in.gap * float(columns - 1)) / float(columns));
    float chrome = form == TileForm::Regular ? in.regular_chrome : in.compact_chrome;
    g.lines = in.lines ? std::max(1, in.lines(std::max(1.0f, g.tile_w - chrome))) : 1;
    float least = tile_least_height(in, form, g.lines);
    c.need = float(g.rows) * least + float(g.rows - 1) * in.gap;
    // A label that would need more than three lines loses too much to the cut: such a grid does not count as fitting.
    g.fits = c.need <= in.height + 0.5f && g.lines <= 3;
    float fill = std::floor((in.height - in.gap * float(g.rows - 1)) / float(g.rows));
    g.tile_h = g.fits ? std::clamp(fill, least, std::max(least, in.most)) : least;
    c.score = std::abs(std::log((g.tile_w / g.tile_h) / best_aspect));
    return c;
}

// True when `a` is the better grid.
bool better(const Candidate& a, const Candidate& b)
{
    if (a.grid.fits != b.grid.fits)
        return a.grid.fits;
    if (!a.grid.fits) // Nothing fits: the fewest lines cut, then the least scrolling.
        return a.grid.lines != b.grid.lines ? a.grid.lines < b.grid.lines : a.need < b.need;
    bool a_whole = a.grid.lines <= 2, b_whole = b.grid.lines <= 2;
    if (a_whole != b_whole)
        return a_whole;
    if (!a_whole && a.grid.lines != b.grid.lines)
        return a.grid.lines < b.grid.lines;
    if (a.grid.form != b.grid.form)
        return a.grid.form == TileForm::Regular;
    return a.score < b.score;
}

} // namespace

float tile_least_height(const TileGridInput& in, TileForm form, int lines)
{
    int shown = std::clamp(lines, 1, 2);
    float label = in.line * (1.0f + line_spacing * float(shown - 1));
    if (form == TileForm::Regular)
        return std::max({in.regular_least, label + in.line * 0.8f, in.touch});
    return std::max(in.touch, std::ceil(label + in.line * 0.05f));
}

TileGrid tile_grid(const TileGridInput& in)
{
    int count = std::max(1, in.count);
    TileGridInput input = in;
    input.count = count;
    int most_columns = std::min(4, count);
    int least_columns = std::min(2, most_columns);
    Candidate best;
    bool any = false;
    for (TileForm form : {TileForm::Regular, TileForm::Compact}) {
        for (int columns = least_columns; columns <= most_columns; ++columns) {
            Candidate c = candidate(input, columns, form);
            if (!any || better(c, best)) {
                best = c;
                any = true;
            }
        }
    }
    return best.grid;
}

} // namespace kiosk::ui
