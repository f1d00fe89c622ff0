// Home's tile grid: columns, form and size for an area, a count and the labels' widths.
#include "ui/tile_grid.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace kiosk::ui;

namespace {

// Sizes as the kiosk has them at 800x480 on 7 inches (body text 26 px, tile font 33 px, 9 mm = 47 px), for an area
// `w` x `h` and labels whose longest is `longest` px on one line.
TileGridInput small_panel(float w, float h, int count, float longest)
{
    TileGridInput in;
    in.width = w;
    in.height = h;
    in.count = count;
    in.gap = 10.0f;
    in.touch = 47.0f;
    in.line = 33.0f;
    in.regular_chrome = 26.0f * 4.0f;
    in.compact_chrome = 26.0f * 2.15f;
    in.regular_least = 26.0f * 3.6f;
    in.most = in.regular_least * 2.4f;
    // Words wrap a little worse than an even split: a tenth more.
    in.lines = [longest, count](TileForm, float text_w) {
        return std::vector<int>(std::size_t(count), int(std::ceil(longest * 1.1f / text_w)));
    };
    return in;
}

// The same at 1920x1080 on 15.6 inches (body 28 px, tile font 35 px, 9 mm = 50 px).
TileGridInput big_panel(float w, float h, int count, float longest, bool portrait = false)
{
    TileGridInput in = small_panel(w, h, count, longest);
    in.gap = 21.0f;
    in.touch = 50.0f;
    in.line = 35.0f;
    in.regular_chrome = 28.0f * 4.0f;
    in.compact_chrome = 28.0f * 2.15f;
    in.regular_least = 28.0f * 3.6f;
    in.most = in.regular_least * (portrait ? 3.0f : 2.4f);
    return in;
}

void check_sound(const TileGridInput& in, const TileGrid& g)
{
    CHECK(g.columns >= 1);
    CHECK(g.columns <= 4);
    CHECK(g.columns <= std::max(1, in.count));
    CHECK(g.rows == (in.count + g.columns - 1) / g.columns);
    CHECK(float(g.columns) * g.tile_w + float(g.columns - 1) * in.gap <= in.width + 0.01f);
    CHECK(g.tile_h >= in.touch);
    CHECK(g.row_h.size() == std::size_t(g.rows));
    if (g.fits)
        CHECK(g.height <= in.height + 0.5f);
}

} // namespace

TEST_CASE("a small panel shows seven or nine tiles as compact tiles in three columns")
{
    for (int count : {7, 9}) {
        TileGridInput in = small_panel(780.0f, 263.0f, count, 330.0f);
        TileGrid g = tile_grid(in);
        CAPTURE(count);
        check_sound(in, g);
        CHECK(g.fits);
        CHECK(g.form == TileForm::Compact);
        CHECK(g.columns == 3);
        CHECK(g.lines <= 2);
    }
}

TEST_CASE("a big landscape screen has regular tiles that grow, in rows near a 2.8:1 button")
{
    TileGridInput in = big_panel(1878.0f, 700.0f, 7, 330.0f);
    TileGrid g = tile_grid(in);
    check_sound(in, g);
    CHECK(g.fits);
    CHECK(g.form == TileForm::Regular);
    CHECK(g.columns == 3);
    CHECK(g.tile_h > in.regular_least); // Grown to fill.
    CHECK(g.tile_h <= in.most);
}

TEST_CASE("a portrait screen takes two columns of tall tiles")
{
    TileGridInput in = big_panel(1038.0f, 1400.0f, 7, 330.0f, true);
    TileGrid g = tile_grid(in);
    check_sound(in, g);
    CHECK(g.fits);
    CHECK(g.form == TileForm::Regular);
    CHECK(g.columns == 2);
    CHECK(g.tile_h == doctest::Approx(in.most)); // Capped: the rest of the height goes to more events.
}

TEST_CASE("labels that need three lines at more columns take fewer, wider tiles when those fit")
{
    // At 3 columns a 700 px label needs three lines of text; at 2 it needs two, and two columns still fit.
    TileGridInput in = big_panel(1278.0f, 600.0f, 6, 700.0f);
    TileGrid g = tile_grid(in);
    check_sound(in, g);
    CHECK(g.fits);
    CHECK(g.lines <= 2);
}

TEST_CASE("when nothing fits, tiles keep their least height, cut the fewest lines, and the area scrolls")
{
    TileGridInput in = small_panel(780.0f, 150.0f, 9, 330.0f);
    TileGrid g = tile_grid(in);
    check_sound(in, g);
    CHECK_FALSE(g.fits);
    CHECK(g.lines <= 2);
    CHECK(g.tile_h == doctest::Approx(tile_least_height(in, g.form, g.lines)));
}

TEST_CASE("one or two sections never leave empty columns")
{
    for (int count : {1, 2, 3}) {
        TileGridInput in = big_panel(1878.0f, 700.0f, count, 200.0f);
        TileGrid g = tile_grid(in);
        CAPTURE(count);
        check_sound(in, g);
        CHECK(g.columns <= count);
        CHECK(g.fits);
    }
}

TEST_CASE("every grid is sound over many areas and counts")
{
    for (float w = 300.0f; w <= 2000.0f; w += 170.0f) {
        for (float h = 60.0f; h <= 1600.0f; h += 130.0f) {
            for (int count = 1; count <= 12; ++count) {
                TileGridInput in = small_panel(w, h, count, 300.0f);
                CAPTURE(w);
                CAPTURE(h);
                CAPTURE(count);
                check_sound(in, tile_grid(in));
            }
        }
    }
}

TEST_CASE("rows are as tall as their own labels need: long labels in the first row, short ones after, still fit")
{
    // Spanish at 800x480: the first two labels need two lines in two columns, the other five one. Rows all as tall as
    // the tallest would need 4 x 76 + 3 gaps; rows of their own height need 76 + 3 x 47.
    TileGridInput in = small_panel(780.0f, 250.0f, 7, 330.0f);
    in.line = in.compact_line = 33.0f;
    in.lines = [](TileForm, float text_w) {
        int two = text_w < 400.0f ? 2 : 1;
        return std::vector<int> {two, two, 1, 1, 1, 1, 1};
    };
    TileGrid g = tile_grid(in);
    check_sound(in, g);
    CHECK(g.fits);
    REQUIRE(g.row_h.size() == std::size_t(g.rows));
    CHECK(g.row_h.front() >= g.row_h.back());
    CHECK(g.height <= in.height + 0.5f);
}

TEST_CASE("spare height is shared so that rows come out equal where it allows")
{
    TileGridInput in = small_panel(780.0f, 600.0f, 6, 100.0f);
    in.lines = [](TileForm, float) { return std::vector<int> {2, 1, 1, 1, 1, 1}; };
    TileGrid g = tile_grid(in);
    CHECK(g.fits);
    for (float h : g.row_h)
        CHECK(h == doctest::Approx(g.row_h.front()).epsilon(0.02));
}
