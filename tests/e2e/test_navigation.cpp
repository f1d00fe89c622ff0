// Finding one's way on the real kiosk, by scripted taps on the small test bundle at 800x480: tiles open sections,
// cards open QR views and Close returns, filters narrow a list, agenda rows open their events, and Back and Home
// are in the same place on every screen and always work. Scripts tap controls by their labels, and by pixels only where
// a test is about a place on the screen.
#include "support/image.hpp"
#include "support/process.hpp"
#include "support/screen_dump.hpp"

#include <cstdlib>
#include <doctest/doctest.h>

using namespace kiosk::test;

namespace {

const std::string bundle = KIOSK_TEST_DATA "/screens";

// Where Back and Home are at 800x480 with this bundle (icons alone: with body text of 3.3 mm capitals the bar has no
// room for their words on a 7-inch panel), for the test that they never move.
const char* const back = "53 36";
const char* const home = "123 36";

RunResult run_script(const TempDir& dir, const std::string& text, const std::string& open = "home")
{
    std::string script = dir.write("test.script", text);
    return run_kiosk({"--windowed", "--size", "800x480", "--bundle", bundle, "--now", "2026-12-02T10:00", "--open",
        open, "--script", script});
}

// The screens the kiosk reached, one per "screen: X" line, in order.
std::vector<std::string> screens(const std::string& out)
{
    std::vector<std::string> list;
    for (std::size_t at = out.find("screen: "); at != std::string::npos; at = out.find("screen: ", at + 1))
        list.push_back(out.substr(at + 8, out.find('\n', at) - at - 8));
    return list;
}

} // namespace

TEST_CASE("a tile opens its section and Back returns home")
{
    TempDir dir;
    auto r = run_script(dir, "tap \"Places near you\"\nexpect places\nwait 300\ntap \"Back\"\nexpect home\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(screens(r.out) == std::vector<std::string> {"places", "home"});
}

TEST_CASE("a card with a link opens its QR view, and Close returns to the list")
{
    TempDir dir;
    auto r
        = run_script(dir, "tap \"North Side Desk\"\nexpect places/north-desk\nwait 300\nexpect \"Close\"\n", "places");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    r = run_script(dir, "tap \"Close\"\nexpect places\n", "places/north-desk");
    CHECK_MESSAGE(r.status == 0, r.err);
}

TEST_CASE("a filter chip narrows the cards, and another tap on it shows all again")
{
    TempDir dir;
    // With "South" chosen, South Hub is there and North Side Desk is not; tapping "South" again brings it back.
    auto r = run_script(dir,
        "tap \"South\"\nwait 300\ntap \"South Hub\"\nexpect places/south-hub\nwait 300\ntap \"Back\"\nexpect places\n"
        "wait 300\ntap \"South\"\nwait 300\ntap \"North Side Desk\"\nexpect places/north-desk\n",
        "places");
    CHECK_MESSAGE(r.status == 0, r.err);
    r = run_script(dir, "tap \"South\"\nwait 300\nexpect \"North Side Desk\"\n", "places");
    CHECK(r.status == 1);
    CHECK_MESSAGE(
        r.err.find(":3: no control labelled \"North Side Desk\" is on the screen") != std::string::npos, r.err);
    CHECK(r.err.find("\"South Hub\"") != std::string::npos);
}

TEST_CASE("a card without a link opens its details, where its whole description is read, and Back returns")
{
    TempDir dir;
    auto r = run_script(dir,
        "wait 300\ntap \"South\"\nwait 300\ntap \"more below\"\nwait 1500\ntap \"Market Corner Table\"\n"
        "wait 300\nexpect places/market-corner\ntap \"Back\"\nexpect places\n",
        "places");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    // Opened directly, too: the path of a card without a link is a screen of its own.
    r = run_script(dir, "wait 300\nexpect places/market-corner\n", "places/market-corner");
    CHECK_MESSAGE(r.status == 0, r.err);
}

TEST_CASE("filter chips keep their size and place when one is chosen")
{
    // The chips' rectangles and labels, as `controls` prints them, after the script `before`.
    auto chips = [](const std::string& before) {
        TempDir dir;
        auto r = run_script(dir, before + "wait 300\ncontrols\n", "places");
        REQUIRE_MESSAGE(r.status == 0, r.err);
        std::vector<Box> boxes;
        for (const Box& box : parse_controls(r.out)) {
            for (const char* label : {"All", "North", "South", "East"}) {
                if (box.words == label)
                    boxes.push_back(box);
            }
        }
        return boxes;
    };
    std::vector<Box> untouched = chips("");
    REQUIRE(untouched.size() >= 3);
    CHECK(chips("tap \"South\"\n") == untouched);
    CHECK(chips("tap \"North\"\n") == untouched);
}

TEST_CASE("an agenda row opens its event: the QR view when it has a link")
{
    TempDir dir;
    // Today's first row is the art afternoon (no link); the second the weekly meeting, which has one, half shown above
    // the overdose help's strip: a tap lands in the middle of the half that shows.
    auto r = run_script(
        dir, "tap \"Art afternoon\"\nwait 300\ntap \"Back\"\nwait 300\ntap \"Peer meeting\"\nwait 300\n", "events");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    auto reached = screens(r.out);
    REQUIRE(reached.size() == 3);
    CHECK(reached[0] == "events/art-afternoon@2026-12-02");
    CHECK(reached[1] == "events");
    CHECK(reached[2].rfind("events/peer-meeting", 0) == 0);
    CHECK(reached[2].size() > 11);
    CHECK(reached[2].substr(reached[2].size() - 11) == "@2026-12-02");
}

TEST_CASE("a drag scrolls a page by the dragged distance and clicks nothing")
{
    TempDir dir;
    auto r = run_script(dir,
        "shot " + dir.file("before.png") + "\ndown 200 380\nmove 200 230 300\nwait 300\nup\nwait 500\nshot "
            + dir.file("after.png") + "\nexpect guide\n",
        "guide");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(screens(r.out).empty());
    Image before = load_png(dir.file("before.png"));
    Image after = load_png(dir.file("after.png"));
    // The page's rows only: the overdose help's strip below them does not move.
    CHECK(std::abs(vertical_shift(before, after, 90, 410, 200) - 150) <= 3);
}

TEST_CASE("the arrow at the foot of a long page says there is more: a tap on it glides the page on")
{
    TempDir dir;
    // The arrow sits at the foot of the strip at the page's right (above the overdose help's strip), beside the text,
    // never over it; it opens nothing.
    auto r = run_script(dir,
        "wait 300\nshot " + dir.file("before.png") + "\ntap \"more below\"\nwait 1500\nshot " + dir.file("after.png")
            + "\nexpect guide\nexpect \"more above\"\n",
        "guide");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(screens(r.out).empty());
    Image before = load_png(dir.file("before.png"));
    Image after = load_png(dir.file("after.png"));
    // About seven tenths of the 340 px view.
    int shift = vertical_shift(before, after, 100, 410, 300);
    CHECK(shift > 200);
    CHECK(shift < 280);
}

TEST_CASE("a tap on a moving agenda only stops it, the next tap opens what is under the finger")
{
    TempDir dir;
    auto r = run_script(dir,
        "shot " + dir.file("before.png") + "\ndown 200 400\nmove 200 220 60\nup\nwait 50\ntap 400 300\nwait 1500\nshot "
            + dir.file("after.png") + "\nexpect events\nexpect \"more above\"\ntap 400 300\n",
        "events");
    REQUIRE_MESSAGE(r.status == 0, r.err); // The list moved: there is more above it now.
    auto reached = screens(r.out);
    REQUIRE(reached.size() == 1); // Only the second tap opened something.
    CHECK(reached[0].rfind("events/", 0) == 0);
    CHECK(load_png(dir.file("before.png")).rgb != load_png(dir.file("after.png")).rgb);
}

TEST_CASE("Back and Home are in the same place on every screen and always work")
{
    struct Case {
        const char* path;
        const char* parent;
    };
    const Case cases[] = {
        {"guide", "home"},
        {"places", "home"},
        {"events", "home"},
        {"links", "home"},
        {"urgent", "home"},
        {"places/north-desk", "places"},
        {"events/art-afternoon@2026-12-02", "events"},
        {"guide/link-1", "guide"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.path);
        TempDir dir;
        auto r = run_script(dir, std::string("tap ") + back + "\nexpect " + c.parent + "\n", c.path);
        CHECK_MESSAGE(r.status == 0, r.err);
        r = run_script(dir, std::string("tap ") + home + "\nexpect home\n", c.path);
        CHECK_MESSAGE(r.status == 0, r.err);
    }
}

TEST_CASE("a panel mounted turned (rotation 90): the content is drawn upright, and a tap lands on what it shows")
{
    TempDir dir;
    std::string config = dir.write("kiosk.toml", "rotation = 90\nusb_roots = [\"" + dir.file("none") + "\"]\n");
    auto shot = run_kiosk({"screenshot", "--config", config, "--bundle", bundle, "--size", "800x480", "--now",
        "2026-12-02T10:00", "--out", dir.file("turned.png")});
    REQUIRE_MESSAGE(shot.status == 0, shot.err);
    Image turned = load_png(dir.file("turned.png"));
    CHECK(turned.width == 480);
    CHECK(turned.height == 800);
    // On the 480x800 content, the first tile ("How the center works") is at the left, about a third of the way down.
    std::string script = dir.write("turned.script", "wait 200\ntap 124 280\nwait 300\nexpect guide\n");
    auto r = run_kiosk({"--windowed", "--size", "800x480", "--config", config, "--bundle", bundle, "--now",
        "2026-12-02T10:00", "--script", script});
    CHECK_MESSAGE(r.status == 0, r.err);
    // A tap by label lands on its control on the turned display too.
    script = dir.write("label.script", "wait 200\ntap \"Places near you\"\nwait 300\nexpect places\n");
    r = run_kiosk({"--windowed", "--size", "800x480", "--config", config, "--bundle", bundle, "--now",
        "2026-12-02T10:00", "--script", script});
    CHECK_MESSAGE(r.status == 0, r.err);
}

TEST_CASE("a page shows each link once: its chip, and not its words as a second control")
{
    TempDir dir;
    std::string script = dir.write("links.script", "wait 300\ncontrols\n");
    // Named: a joined literal inside the argument list reads as a missing comma (bugprone-suspicious-missing-comma).
    const std::string demo = KIOSK_SOURCE_DIR "/data/demo";
    auto r = run_kiosk({"--windowed", "--size", "1280x800", "--bundle", demo, "--now", "2026-12-01T10:00", "--open",
        "act", "--script", script});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::size_t count = 0;
    for (std::size_t at = r.out.find(" List of drug user unions\n"); at != std::string::npos;
         at = r.out.find(" List of drug user unions\n", at + 1))
        ++count;
    CHECK(count == 1);
}
