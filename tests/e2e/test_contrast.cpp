// High contrast, measured from the pixels the kiosk draws: on every kind of visitor screen, every control's left and
// right edges stand out at least 3:1 (WCAG 1.4.11, non-text contrast) from what surrounds them, so a visitor with low
// vision sees where each button is. The rectangles come from the script command `controls`; the colours from a
// screenshot of the same frame.
#include "support/image.hpp"
#include "support/process.hpp"
#include "support/screen_dump.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>

using namespace kiosk::test;

namespace {

const std::string bundle = KIOSK_TEST_DATA "/screens";

// A control's rectangle in whole pixels (as `controls` prints it), to index the screenshot with.
struct PixelBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string label;
};

double luminance(const std::uint8_t* rgb)
{
    auto channel = [](std::uint8_t value) {
        double v = double(value) / 255.0;
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

double contrast(const std::uint8_t* a, const std::uint8_t* b)
{
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The contrast of one side of `box` (`side` -1: left, 1: right): on each row of the middle half of its height, the
// strongest contrast between a pixel of the band just inside the edge (5 px, where an edge line or a fill starts) and
// the pixel 4 px outside it; the side's figure is the median over those rows (a glyph or an anti-aliased corner on a
// row or two does not decide it). Negative when the side is at the window's edge, where nothing surrounds it.
double side_contrast(const Image& image, const PixelBox& box, int side)
{
    int edge = side < 0 ? box.x0 : box.x1 - 1;
    int outside = edge + side * 4;
    if (outside < 0 || outside >= image.width)
        return -1.0;
    std::vector<double> rows;
    int h = box.y1 - box.y0;
    for (int y = box.y0 + h / 4; y < box.y1 - h / 4; ++y) {
        double best = 1.0;
        for (int i = 0; i < 5; ++i) {
            int x = edge - side * i;
            if (x >= 0 && x < image.width && x >= box.x0 && x < box.x1)
                best = std::max(best, contrast(image.at(x, y), image.at(outside, y)));
        }
        rows.push_back(best);
    }
    if (rows.empty())
        return -1.0;
    std::nth_element(rows.begin(), rows.begin() + std::ptrdiff_t(rows.size() / 2), rows.end());
    return rows[rows.size() / 2];
}

// The controls and a screenshot of `open` at `size` with high contrast on (and large text with `large`).
std::pair<std::vector<PixelBox>, Image> shoot(
    const TempDir& dir, const std::string& open, const std::string& size, bool large)
{
    std::string shot = dir.file("shot.png");
    std::string script = dir.write("contrast.script",
        std::string("wait 300\ntap \"High contrast\"\nwait 300\n") + (large ? "tap \"Larger text\"\nwait 300\n" : "")
            + "controls\nshot " + shot + "\n");
    auto r = run_kiosk({"--windowed", "--size", size, "--bundle", bundle, "--now", "2026-12-02T10:00", "--open", open,
        "--script", script});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<PixelBox> boxes;
    for (const Box& box : parse_controls(r.out))
        boxes.push_back({int(box.x0), int(box.y0), int(box.x1), int(box.y1), box.words});
    return {boxes, load_png(shot)};
}

} // namespace

TEST_CASE("in high contrast every control's edges stand out 3:1 from what surrounds them, on every kind of screen")
{
    const char* const screens[] = {"home", "guide", "places", "events", "places/north-desk",
        "events/naloxone-class@2026-12-04", "events/art-afternoon@2026-12-02", "guide/link-1", "urgent"};
    TempDir dir;
    for (const char* size : {"800x480", "1280x800"}) {
        for (bool large : {false, true}) {
            for (const char* open : screens) {
                std::string where = std::string(open) + " at " + size + (large ? " with large text" : "");
                CAPTURE(where);
                auto [boxes, image] = shoot(dir, open, size, large);
                REQUIRE_FALSE(image.empty());
                int measured = 0;
                for (const PixelBox& box : boxes) {
                    // Every control is at least 9 mm tall (47 px at 800x480): one lower is cut by the end of its
                    // list, and the middle of what shows is not its side.
                    if (box.x1 - box.x0 < 40 || box.y1 - box.y0 < 40)
                        continue;
                    for (int side : {-1, 1}) {
                        double ratio = side_contrast(image, box, side);
                        if (ratio < 0.0)
                            continue;
                        ++measured;
                        std::string what = "\"" + box.label + "\" " + (side < 0 ? "left" : "right") + " edge "
                            + std::to_string(ratio) + ":1";
                        CHECK_MESSAGE(ratio >= 3.0, what);
                    }
                }
                CHECK(measured >= 6); // The bar's buttons at least: the test measured something.
            }
        }
    }
}
