// Scripted input on the real kiosk: a drag scrolls by the dragged distance and never clicks, and stretches past the
// top; a tap afterwards hits the tile under the finger; a tap on a moving list only stops it. These taps are about
// places on the screen, so they are pixels, but for the long press on a tile, which is by its label.
#include "support/image.hpp"
#include "support/process.hpp"

#include <cstdlib>
#include <doctest/doctest.h>

using namespace kiosk::test;

namespace {

const std::string long_home = KIOSK_TEST_DATA "/long-home";

RunResult run_script(const TempDir& dir, const std::string& text)
{
    std::string script = dir.write("test.script", text);
    return run_kiosk(
        {"--windowed", "--size", "800x480", "--bundle", long_home, "--now", "2026-12-01T10:00", "--script", script});
}

// The last "screen: X" line the kiosk printed, or "home" when none.
std::string last_screen(const std::string& out)
{
    auto at = out.rfind("screen: ");
    if (at == std::string::npos)
        return "home";
    return out.substr(at + 8, out.find('\n', at) - at - 8);
}

// Two taps half a tile apart, in the first column: where the list stopped, one of them may fall between rows, never
// both. The section's screen has nothing to tap at those places, so the first tile hit is the last screen reached.
const std::string tap_a_tile = "tap 100 300\nwait 300\ntap 100 350\n";

} // namespace

TEST_CASE("a drag scrolls the list by the dragged distance and does not click")
{
    TempDir dir;
    auto r = run_script(dir,
        "shot " + dir.file("before.png")
            + "\n"
              "down 100 380\n"
              "move 100 180 400\n"
              "wait 300\n" // The finger rests, so nothing is thrown on release.
              "shot "
            + dir.file("during.png")
            + "\n"
              "up\n"
              "wait 1000\n"
              "shot "
            + dir.file("after.png") + "\nexpect home\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("screen:") == std::string::npos); // The press that became a drag clicked nothing.
    Image before = load_png(dir.file("before.png"));
    Image during = load_png(dir.file("during.png"));
    Image after = load_png(dir.file("after.png"));
    REQUIRE_FALSE(before.empty());
    // Compare the band of tiles between the header and the urgent band.
    int shift = vertical_shift(before, during, 90, 360, 260);
    CHECK(std::abs(shift - 200) <= 3);
    CHECK(vertical_shift(during, after, 90, 360, 100) == 0);
}

TEST_CASE("a drag down at the top of the list stretches it less than the finger, and it springs back")
{
    TempDir dir;
    auto r = run_script(dir,
        "wait 300\nshot " + dir.file("before.png") + "\ndown 100 200\nmove 100 400 300\nshot " + dir.file("during.png")
            + "\nup\nwait 600\nshot " + dir.file("after.png") + "\nexpect home\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("screen:") == std::string::npos);
    Image before = load_png(dir.file("before.png"));
    Image during = load_png(dir.file("during.png"));
    Image after = load_png(dir.file("after.png"));
    REQUIRE_FALSE(before.empty());
    // Pulled down by the rubber band: some way, but less than the finger's 200 px and at most a fifth of the view.
    int stretch = -vertical_shift(before, during, 150, 360, 150);
    CHECK(stretch > 10);
    CHECK(stretch < 100);
    CHECK(vertical_shift(before, after, 90, 360, 100) == 0);
}

TEST_CASE("after a drag, a tap hits the tile that is under the finger")
{
    TempDir dir;
    // Which tile is 200 px below the tap point before any scrolling?
    auto reference = run_script(dir, "tap 100 380\n");
    REQUIRE_MESSAGE(reference.status == 0, reference.err);
    std::string target = last_screen(reference.out);
    REQUIRE(target != "home");

    auto r = run_script(
        dir, "down 100 380\nmove 100 180 400\nwait 300\nup\nwait 500\ntap 100 180\nexpect " + target + "\n");
    CHECK_MESSAGE(r.status == 0, r.err);
    CHECK(last_screen(r.out) == target);
}

TEST_CASE("a fast drag flings the list on, and a tap on the moving list stops it without clicking")
{
    TempDir dir;
    auto flung = run_script(dir,
        "drag 100 380 100 180 100\n"
        "wait 50\n"
        "tap 100 250\n"
        "expect home\n"
        "shot "
            + dir.file("stopped.png") + "\nwait 1000\nshot " + dir.file("later.png") + "\n" + tap_a_tile);
    REQUIRE_MESSAGE(flung.status == 0, flung.err);
    // The tap stopped the list where it was: a second later nothing has moved.
    Image stopped = load_png(dir.file("stopped.png"));
    Image later = load_png(dir.file("later.png"));
    REQUIRE_FALSE(stopped.empty());
    CHECK(stopped.rgb == later.rgb);

    // The same 200 px drag made slowly, with a rest before lifting, moves the list only 200 px: the fling went
    // further down the list than that.
    auto slow = run_script(dir, "down 100 380\nmove 100 180 400\nwait 300\nup\nwait 500\n" + tap_a_tile);
    REQUIRE(slow.status == 0);
    std::string after_fling = last_screen(flung.out), after_drag = last_screen(slow.out);
    REQUIRE(after_fling.rfind("s-", 0) == 0);
    REQUIRE(after_drag.rfind("s-", 0) == 0);
    CHECK(std::stoi(after_fling.substr(2)) > std::stoi(after_drag.substr(2)));
}

TEST_CASE("a long press does not scroll, and a tap on a tile opens its section")
{
    TempDir dir;
    auto r = run_script(dir, "press \"Section 1\" 3000\nexpect s-01\n");
    CHECK_MESSAGE(r.status == 0, r.err);
}
