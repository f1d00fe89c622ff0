// The overdose help off home, on the real kiosk: on every kind of screen, at the common panel sizes and in both text
// sizes, a control labelled with the urgent title sits at the same place at the foot of the screen, at least 9 mm
// tall, in the urgent colour, and a tap on it opens the urgent page.
#include "support/image.hpp"
#include "support/process.hpp"
#include "ui/metrics.hpp"

#include <algorithm>
#include <cstdlib>
#include <doctest/doctest.h>

using namespace kiosk::test;

namespace {

const std::string bundle = KIOSK_TEST_DATA "/screens";
const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

struct Size {
    int w, h;
};
const Size sizes[] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};

// A page, cards, the agenda, a card's QR view and an event's QR view of the test bundle.
const char* const screens[]
    = {"guide", "places", "events", "places/north-desk", "events/naloxone-class@2026-12-04", "guide/link-1"};

RunResult run_script(const TempDir& dir, const std::string& text, const std::string& open, Size size,
    const std::string& from = bundle, const std::string& language = "en")
{
    std::string script = dir.write("test.script", text);
    return run_kiosk({"--windowed", "--size", std::to_string(size.w) + "x" + std::to_string(size.h), "--bundle", from,
        "--now", "2026-12-02T10:00", "--lang", language, "--open", open, "--script", script});
}

// Where the pixels of the urgent colour (assets/theme.toml: #B3261E, used by nothing else) are: their bounding box.
struct Box {
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    bool empty() const { return x1 < 0; }
    int height() const { return y1 - y0 + 1; }
    bool operator==(const Box&) const = default;
};

Box urgent_pixels(const Image& image)
{
    Box box;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const std::uint8_t* p = image.at(x, y);
            if (std::abs(p[0] - 0xB3) <= 6 && std::abs(p[1] - 0x26) <= 6 && std::abs(p[2] - 0x1E) <= 6) {
                box.x0 = std::min(box.x0, x);
                box.y0 = std::min(box.y0, y);
                box.x1 = std::max(box.x1, x);
                box.y1 = std::max(box.y1, y);
            }
        }
    }
    return box;
}

} // namespace

TEST_CASE("the overdose help is at the foot of every screen but home, 9 mm or taller, and opens the urgent page")
{
    for (Size size : sizes) {
        // The kiosk's own millimetres: the offscreen display reports no size, so the diagonal is guessed from the
        // resolution, as kiosk/app/kiosk_client.cpp does through ui::compute_metrics.
        kiosk::ui::Metrics m = kiosk::ui::compute_metrics(size.w, size.h, 0.0f);
        for (bool large : {false, true}) {
            Box first;
            for (const char* path : screens) {
                CAPTURE(size.w);
                CAPTURE(size.h);
                CAPTURE(large);
                CAPTURE(path);
                TempDir dir;
                std::string script = std::string("wait 200\n") + (large ? "tap \"Larger text\"\nwait 300\n" : "")
                    + "expect \"Overdose? Get help\"\nshot " + dir.file("shot.png")
                    + "\ntap \"Overdose? Get help\"\nwait 300\nexpect urgent\n";
                auto r = run_script(dir, script, path, size);
                REQUIRE_MESSAGE(r.status == 0, r.err);
                Box box = urgent_pixels(load_png(dir.file("shot.png")));
                REQUIRE_FALSE(box.empty());
                // At least 9 mm tall (a pixel less for the rounding of its edges), across most of the width, in the
                // lowest part of the screen.
                CHECK(float(box.height()) >= m.touch() - 1.0f);
                CHECK(box.x1 - box.x0 > size.w * 8 / 10);
                CHECK(float(box.y1) > float(size.h) - m.touch() * 0.8f);
                // The same place on every screen of this size and text size.
                if (first.empty())
                    first = box;
                CHECK(box == first);
            }
        }
    }
}

TEST_CASE("the urgent page itself has no second way to itself, and home keeps its own band")
{
    TempDir dir;
    auto r = run_script(dir, "wait 200\nexpect \"Overdose? Get help\"\n", "urgent", {800, 480});
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find("no control labelled \"Overdose? Get help\"") != std::string::npos, r.err);
    r = run_script(dir, "wait 200\ntap \"Overdose? Get help\"\nwait 300\nexpect urgent\n", "home", {800, 480});
    CHECK_MESSAGE(r.status == 0, r.err);
}

TEST_CASE("the demo's urgent title is the control's label on a 7-inch panel with large text, in English and Spanish")
{
    TempDir dir;
    auto r = run_script(dir,
        "wait 200\ntap \"Larger text\"\nwait 300\ntap \"Overdose? Get help now\"\nwait 300\nexpect urgent\n", "about",
        {800, 480}, demo);
    CHECK_MESSAGE(r.status == 0, r.err);
    r = run_script(dir,
        "wait 200\ntap \"Texto más grande\"\nwait 300\ntap \"¿Sobredosis? Busca ayuda ya\"\nwait 300\nexpect urgent\n",
        "unions", {800, 480}, demo, "es");
    CHECK_MESSAGE(r.status == 0, r.err);
}
