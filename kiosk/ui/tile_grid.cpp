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

// Rows of at least `least` each grown evenly into `available`, the lowest first, none past `most` (unless its least is
// more).
std::vector<float> fill_rows(const std::vector<float>& least, float available, float most)
{
    float low = 0.0f, high = std::max(available, most);
    for (int i = 0; i < 40; ++i) { // The common height T: sum(max(least, min(T, most))) == available.
        float mid = (low + high) * 0.5f;
        float sum = 0.0f;
        for (float l : least)
            sum += std::max(l, std::min(mid, most));
        (sum > available ? high : low) = mid;
    }
    std::vector<float> rows;
    rows.reserve(least.size());
    for (float l : least)
        rows.push_back(std::max(l, std::min(std::floor(low), most)));
    return rows;
}

Candidate candidate(const TileGridInput& in, int columns, TileForm form)
{
    Candidate c;
    TileGrid& g = c.grid;
    g.columns = columns;
    g.form = form;
    g.rows = (in.count + columns - 1) / columns;
    g.tile_w = std::floor((in.width - in.gap * float(columns - 1)) / float(columns));
    float chrome = form == TileForm::Regular ? in.regular_chrome : in.compact_chrome;
    float text_w = std::max(1.0f, g.tile_w - chrome);
    std::vector<int> lines = in.lines ? in.lines(form, text_w) : std::vector<int>();
    g.breaks_word = in.breaks_word && in.breaks_word(form, text_w);
    std::vector<float> least(std::size_t(g.rows), 0.0f);
    g.lines = 1;
    for (int i = 0; i < in.count; ++i) {
        int n = std::size_t(i) < lines.size() ? std::max(1, lines[std::size_t(i)]) : 1;
        g.lines = std::max(g.lines, n);
        float& row = least[std::size_t(i / columns)];
        row = std::max(row, tile_least_height(in, form, n));
    }
    float gaps = in.gap * float(g.rows - 1);
    c.need = gaps;
    for (float l : least)
        c.need += l;
    // A label that would need more than three lines loses too much to the cut: such a grid does not count as fitting.
    g.fits = c.need <= in.height + 0.5f && g.lines <= 3;
    g.row_h = g.fits ? fill_rows(least, in.height - gaps, in.most) : least;
    g.tile_h = 0.0f;
    g.height = gaps;
    for (float h : g.row_h) {
        g.tile_h = std::max(g.tile_h, h);
        g.height += h;
    }
    float mean_h = (g.height - gaps) / float(g.rows);
    c.score = std::abs(std::log((g.tile_w / mean_h) / best_aspect));
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
    float line = form == TileForm::Compact && in.compact_line > 0.0f ? in.compact_line : in.line;
    float label = line * (1.0f + line_spacing * float(shown - 1));
    if (form == TileForm::Regular)
        return std::max({in.regular_least, label + line * 0.8f, in.touch});
    return std::max(in.touch, std::ceil(label + line * 0.2f));
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
    // One column where the choice breaks a word inside a label (Spanish titles with large text on a panel turned
    // upright), or cuts one on a portrait screen, and one column shows every tile with each label whole.
    if (least_columns > 1 && (best.grid.breaks_word || (in.portrait && best.grid.lines > 2))) {
        for (TileForm form : {TileForm::Regular, TileForm::Compact}) {
            Candidate c = candidate(input, 1, form);
            if (c.grid.fits && c.grid.lines <= 2 && !c.grid.breaks_word) {
                best = c;
                break;
            }
        }
    }
    return best.grid;
}

} // namespace kiosk::ui
