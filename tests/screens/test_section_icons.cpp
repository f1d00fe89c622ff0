// Section icons on home's tiles (issue 17): the icon a section names is the icon font's glyph, drawn where the icon
// goes, centred and sized like the icons drawn with lines, in the theme's accent; without the font (or with a damaged
// one) the kiosk still runs and draws those.
#include "support/files.hpp"
#include "support/image.hpp"
#include "support/process.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <sstream>
#include <stb_truetype.h>

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

const std::string font_file = "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf";
const std::string tile_title = "How the center works"; // The golden bundle's page section, "guide".

struct Box {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0; // x1, y1 past the end.
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
    float center_x() const { return float(x0 + x1) * 0.5f; }
    float center_y() const { return float(y0 + y1) * 0.5f; }
    void add(int x, int y)
    {
        if (empty()) {
            *this = {x, y, x + 1, y + 1};
            return;
        }
        x0 = std::min(x0, x);
        y0 = std::min(y0, y);
        x1 = std::max(x1, x + 1);
        y1 = std::max(y1, y + 1);
    }
};

struct Shot {
    Image image;
    Box tile; // The page section's tile.
};

// The golden test bundle, its page section given `icon` ("" for none).
std::string bundle_with_icon(const TempDir& dir, const std::string& name, const std::string& icon)
{
    std::string bundle = dir.file(name);
    fs::copy(KIOSK_TEST_DATA "/screens", bundle, fs::copy_options::recursive);
    std::string toml = read_text(bundle + "/bundle.toml");
    // The guide section: drop an icon it may have, and give it this one.
    std::string marker = "page = \"guide\"\n";
    auto at = toml.find(marker);
    REQUIRE(at != std::string::npos);
    auto line_end = toml.find('\n', toml.find("\ntitle", at) + 1);
    std::string after = toml.substr(line_end + 1);
    if (after.rfind("icon = ", 0) == 0)
        after = after.substr(after.find('\n') + 1);
    toml = toml.substr(0, line_end + 1) + (icon.empty() ? "" : "icon = \"" + icon + "\"\n") + after;
    write_text(bundle + "/bundle.toml", toml);
    return bundle;
}

// Home at 1280x800 (regular tiles) or 800x480 (compact ones) for `bundle`, after `before` (script lines), with the
// icon font at `icon_font` ("" for the installed one).
Shot home(const TempDir& dir, const std::string& bundle, const std::string& size, const std::string& icon_font = "",
    const std::string& before = "")
{
    static int count = 0;
    std::string png = dir.file("shot-" + std::to_string(++count) + ".png");
    std::string script = dir.write("home.script", before + "wait 300\ncontrols\nshot " + png + "\n");
    ScopedEnv font("KIOSK_ICON_FONT", icon_font.c_str()); // Empty: the installed font.
    auto r = run_kiosk({"--windowed", "--size", size, "--bundle", bundle, "--now", "2026-12-02T10:00", "--lang", "en",
        "--script", script});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    Shot shot;
    shot.image = load_png(png);
    REQUIRE_FALSE(shot.image.empty());
    std::istringstream out(r.out);
    std::string line;
    while (std::getline(out, line)) {
        if (line.rfind("control: ", 0) != 0)
            continue;
        std::istringstream fields(line.substr(9));
        Box box;
        std::string label;
        fields >> box.x0 >> box.y0 >> box.x1 >> box.y1;
        std::getline(fields >> std::ws, label);
        if (label == tile_title)
            shot.tile = box;
    }
    REQUIRE_MESSAGE(!shot.tile.empty(), "no tile \"" << tile_title << "\" in:\n" << r.out);
    return shot;
}

// Where two shots of the same layout differ (a channel more than 24 apart), within `area` (all when empty).
Box difference(const Image& a, const Image& b, Box area = {})
{
    REQUIRE(a.width == b.width);
    REQUIRE(a.height == b.height);
    if (area.empty())
        area = {0, 0, a.width, a.height};
    Box box;
    for (int y = area.y0; y < area.y1; ++y) {
        for (int x = area.x0; x < area.x1; ++x) {
            const std::uint8_t* p = a.at(x, y);
            const std::uint8_t* q = b.at(x, y);
            if (std::abs(p[0] - q[0]) > 24 || std::abs(p[1] - q[1]) > 24 || std::abs(p[2] - q[2]) > 24)
                box.add(x, y);
        }
    }
    return box;
}

// A theme's colours of a tile, from assets/theme.toml: its icon's, its own and its edge's.
struct TileColors {
    int ink[3], paper[3], edge[3];
};
const TileColors normal_colors {{0x1F, 0x5F, 0x8B}, {0xFF, 0xFF, 0xFF}, {0x8A, 0x85, 0x7E}};
const TileColors contrast_colors {{0xFF, 0xD4, 0x3B}, {0, 0, 0}, {0xFF, 0xFF, 0xFF}};

// Whether a pixel is nearer the icon's colour than the tile's and its edge's (which curves in at the corners).
bool is_ink(const std::uint8_t* p, const TileColors& colors = normal_colors)
{
    auto distance
        = [&](const int c[3]) { return std::abs(p[0] - c[0]) + std::abs(p[1] - c[1]) + std::abs(p[2] - c[2]); };
    int ink = distance(colors.ink);
    return ink < distance(colors.paper) && ink < distance(colors.edge);
}

// The ink inside `area`.
Box ink_box(const Image& image, const Box& area, const TileColors& colors = normal_colors)
{
    Box box;
    for (int y = area.y0; y < area.y1; ++y) {
        for (int x = area.x0; x < area.x1; ++x) {
            if (is_ink(image.at(x, y), colors))
                box.add(x, y);
        }
    }
    return box;
}

// Where the icon of a tile is: where the phone and groups glyphs differ, and a few pixels around (the label, the
// same in both, is left out).
Box icon_area(const Image& phone, const Image& groups, const Box& tile)
{
    Box box = difference(phone, groups, tile);
    REQUIRE_FALSE(box.empty());
    return {box.x0 - 3, box.y0 - 3, box.x1 + 3, box.y1 + 3};
}

// How much of `glyph` (a coverage bitmap, `w` x `h`) and of the ink inside `box` of `image` cover each other:
// intersection over union of the two masks, the bitmap placed at the box's corner.
double overlap(const Image& image, const Box& box, const unsigned char* glyph, int w, int h)
{
    int both = 0, either = 0;
    for (int y = 0; y < std::max(h, box.height()); ++y) {
        for (int x = 0; x < std::max(w, box.width()); ++x) {
            bool in_glyph = x < w && y < h && glyph[y * w + x] >= 128;
            bool in_shot = x < box.width() && y < box.height() && is_ink(image.at(box.x0 + x, box.y0 + y));
            both += in_glyph && in_shot;
            either += in_glyph || in_shot;
        }
    }
    return either == 0 ? 0.0 : double(both) / double(either);
}

} // namespace

TEST_CASE("section icons: a tile shows its icon's glyph from the icon font, centred where the drawn icon was")
{
    if (!fs::exists(font_file)) {
        MESSAGE("skipped: fonts-material-design-icons-iconfont is not installed");
        return;
    }
    TempDir dir;
    std::string phone = bundle_with_icon(dir, "phone", "phone");
    std::string groups = bundle_with_icon(dir, "groups", "groups");
    std::string info_icon = bundle_with_icon(dir, "info", "info"); // A disc filling 0.83 of the font's em square.
    std::string plain = bundle_with_icon(dir, "plain", "");
    std::string font = read_text(font_file);
    const auto* data = reinterpret_cast<const unsigned char*>(font.data());
    stbtt_fontinfo info;
    REQUIRE(stbtt_InitFont(&info, data, stbtt_GetFontOffsetForIndex(data, 0)));
    // Regular tiles at 1280x800 and 800x480 (four sections), compact ones with large text at 800x480.
    const std::pair<std::string, std::string> cases[]
        = {{"1280x800", ""}, {"800x480", ""}, {"800x480", "tap \"Larger text\"\nwait 500\n"}};
    for (const auto& [size, before] : cases) {
        CAPTURE(size);
        CAPTURE(before);
        Shot a = home(dir, phone, size, "", before);
        Shot b = home(dir, groups, size, "", before);
        Shot disc = home(dir, info_icon, size, "", before);
        Shot drawn = home(dir, plain, size, "/nonexistent/icons.ttf", before); // The page icon drawn with lines.
        REQUIRE(a.tile.x0 == b.tile.x0);
        REQUIRE(a.tile.y0 == b.tile.y0);

        // Two icons differ only at the tile's left, where its icon is: the label and every other pixel stay.
        Box changed = difference(a.image, b.image);
        REQUIRE_FALSE(changed.empty());
        CHECK(changed.x0 > a.tile.x0);
        CHECK(changed.y0 > a.tile.y0);
        CHECK(changed.x1 < a.tile.x0 + a.tile.width() / 3);
        CHECK(changed.y1 < a.tile.y1);

        // Centred and sized like the icon drawn with lines (the page's sheet, about 0.9 of the icon's box): the
        // phone's handset, the groups' three people and the info disc, each symmetric in the font's em square, on
        // the same middle; the disc, which fills as much of its em square as a full icon does, as tall within a
        // pixel or two.
        Box area = icon_area(a.image, b.image, a.tile);
        Box glyph = ink_box(a.image, area);
        Box wide = ink_box(b.image, area);
        Box round = ink_box(disc.image, area);
        Box lines = ink_box(drawn.image, area);
        REQUIRE_FALSE(glyph.empty());
        REQUIRE_FALSE(lines.empty());
        for (const Box& icon : {glyph, wide, round}) {
            CHECK(std::abs(icon.center_y() - lines.center_y()) <= 1.0f);
            CHECK(std::abs(icon.center_x() - lines.center_x()) <= 1.0f);
        }
        CHECK(std::abs(round.height() - lines.height()) <= std::max(2, lines.height() / 20));
        CHECK(wide.width() > 2 * wide.height() - 4); // 512 by 256 font units.

        // And it is the font's phone: the glyph rasterised by stb_truetype at the drawn height covers the same pixels.
        int ux0 = 0, uy0 = 0, ux1 = 0, uy1 = 0;
        REQUIRE(stbtt_GetCodepointBox(&info, 0xe0cd, &ux0, &uy0, &ux1, &uy1));
        float scale = float(glyph.height()) / float(uy1 - uy0);
        int w = 0, h = 0;
        unsigned char* bitmap = stbtt_GetCodepointBitmap(&info, scale, scale, 0xe0cd, &w, &h, nullptr, nullptr);
        REQUIRE(bitmap);
        double iou = overlap(a.image, glyph, bitmap, w, h);
        stbtt_FreeBitmap(bitmap, nullptr);
        CHECK_MESSAGE(iou > 0.8, "the drawn icon and the font's glyph overlap " << iou);
    }
}

TEST_CASE("section icons: in high contrast the glyph is drawn in the contrast theme's accent")
{
    if (!fs::exists(font_file)) {
        MESSAGE("skipped: fonts-material-design-icons-iconfont is not installed");
        return;
    }
    TempDir dir;
    std::string phone = bundle_with_icon(dir, "phone", "phone");
    std::string groups = bundle_with_icon(dir, "groups", "groups");
    std::string contrast_on = "tap \"High contrast\"\nwait 500\n";
    Shot normal = home(dir, phone, "1280x800");
    Shot a = home(dir, phone, "1280x800", "", contrast_on);
    Shot b = home(dir, groups, "1280x800", "", contrast_on);
    Box area = icon_area(a.image, b.image, a.tile);
    Box glyph = ink_box(a.image, area, contrast_colors);
    Box usual = ink_box(normal.image, area);
    REQUIRE_FALSE(glyph.empty());
    // Same place, same shape.
    CHECK(glyph.x0 == usual.x0);
    CHECK(glyph.y0 == usual.y0);
    CHECK(glyph.width() == usual.width());
    CHECK(glyph.height() == usual.height());
    // Every pixel of it is the accent over black, whole or in part at the edges (t * yellow): no blue is left.
    int off = 0, total = 0;
    for (int y = glyph.y0; y < glyph.y1; ++y) {
        for (int x = glyph.x0; x < glyph.x1; ++x) {
            const std::uint8_t* p = a.image.at(x, y);
            if (!is_ink(p, contrast_colors))
                continue;
            ++total;
            float t = float(p[0]) / 255.0f;
            off += std::abs(float(p[1]) - t * 0xD4) > 16.0f || std::abs(float(p[2]) - t * 0x3B) > 16.0f;
        }
    }
    CHECK(total > 100);
    CHECK(off == 0);
}

TEST_CASE("section icons: without the icon font, or with a damaged one, the kiosk runs and draws its own icons")
{
    TempDir dir;
    std::string phone = bundle_with_icon(dir, "phone", "phone");
    std::string damaged = dir.write("damaged.ttf", std::string(4096, 'x'));
    std::string truncated = dir.write("truncated.ttf", std::string("\0\1\0\0", 4));
    for (std::string size : {"1280x800", "800x480"}) {
        CAPTURE(size);
        Shot missing = home(dir, phone, size, "/nonexistent/icons.ttf");
        Shot bad = home(dir, phone, size, damaged);
        Shot short_file = home(dir, phone, size, truncated);
        Shot folder = home(dir, phone, size, dir.path()); // Not a file at all.
        // The page icon drawn with lines, the same each way.
        CHECK(difference(missing.image, bad.image).empty());
        CHECK(difference(missing.image, short_file.image).empty());
        CHECK(difference(missing.image, folder.image).empty());
        if (fs::exists(font_file)) {
            Shot font = home(dir, phone, size);
            Box changed = difference(font.image, missing.image, font.tile);
            CHECK_FALSE(changed.empty()); // The glyph, not the lines.
            CHECK(changed.x1 < font.tile.x0 + font.tile.width() / 3);
        }
    }
}
