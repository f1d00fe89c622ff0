// Caring for each visitor, on the real kiosk at 800x480 with the small test bundle: the language switch, large text
// and high contrast, the idle reset that leaves no trace of a visit, the anonymous counts, and a monkey.
#include "store/store.hpp"
#include "support/image.hpp"
#include "support/process.hpp"

#include <cstdlib>
#include <ctime>
#include <doctest/doctest.h>
#include <random>
#include <sstream>

using namespace kiosk::test;

namespace {

const std::string bundle = KIOSK_TEST_DATA "/screens";

// Home's top band with this bundle, by label: English at first, then Spanish, where "English" is the language button.
const char* const spanish = "tap \"Español\"\n";
const char* const larger_text = "tap \"Larger text\"\n";
const char* const contrast = "tap \"High contrast\"\n";
const char* const larger_text_es = "tap \"Texto más grande\"\n";
const char* const places_tile = "tap \"Places near you\"\n";

RunResult run_script(const TempDir& dir, const std::string& text, const std::string& state = "")
{
    std::string script = dir.write("test.script", text);
    std::vector<std::string> args {
        "--windowed", "--size", "800x480", "--bundle", bundle, "--now", "2026-12-02T10:00", "--script", script};
    if (!state.empty())
        args.insert(args.end(), {"--state", state});
    return run_kiosk(args);
}

double brightness(const Image& image)
{
    double sum = 0;
    for (std::uint8_t v : image.rgb)
        sum += v;
    return sum / double(image.rgb.size());
}

bool same(const Image& a, const Image& b)
{
    return !a.empty() && a.width == b.width && a.height == b.height && a.rgb == b.rgb;
}

} // namespace

TEST_CASE("one tap switches to Spanish, and the idle reset brings English back")
{
    TempDir dir;
    auto visit = run_script(dir,
        std::string("wait 200\n") + spanish + "wait 300\nshot " + dir.file("es.png") + "\nat 70000\nshot "
            + dir.file("after-idle.png") + "\n");
    REQUIRE_MESSAGE(visit.status == 0, visit.err);
    CHECK(visit.out.find("language: es") != std::string::npos);
    CHECK(visit.out.find("screen: home (idle)") != std::string::npos);
    auto fresh
        = run_script(dir, "at 500\nshot " + dir.file("en.png") + "\nat 70000\nshot " + dir.file("fresh.png") + "\n");
    REQUIRE_MESSAGE(fresh.status == 0, fresh.err);
    Image es = load_png(dir.file("es.png")), en = load_png(dir.file("en.png"));
    CHECK_FALSE(same(es, en)); // The words changed.
    CHECK(same(load_png(dir.file("after-idle.png")), load_png(dir.file("fresh.png"))));
}

TEST_CASE("large text and high contrast are one tap each, and the idle reset turns them off")
{
    TempDir dir;
    auto large = run_script(dir,
        std::string("wait 200\n") + larger_text + "wait 300\nshot " + dir.file("large.png") + "\nat 70000\nshot "
            + dir.file("large-idle.png") + "\n");
    REQUIRE_MESSAGE(large.status == 0, large.err);
    auto dark = run_script(dir,
        std::string("wait 200\n") + contrast + "wait 300\nshot " + dir.file("contrast.png") + "\nat 70000\nshot "
            + dir.file("contrast-idle.png") + "\n");
    REQUIRE_MESSAGE(dark.status == 0, dark.err);
    auto fresh = run_script(
        dir, "at 500\nshot " + dir.file("normal.png") + "\nat 70000\nshot " + dir.file("fresh.png") + "\n");
    REQUIRE_MESSAGE(fresh.status == 0, fresh.err);

    Image normal = load_png(dir.file("normal.png"));
    Image big = load_png(dir.file("large.png"));
    Image high = load_png(dir.file("contrast.png"));
    CHECK_FALSE(same(big, normal));
    // Large text: the name in the header takes more rows of pixels than before.
    CHECK(vertical_shift(normal, big, 80, 470, 60) != 0);
    // High contrast: light on dark.
    CHECK(brightness(normal) > 180.0);
    CHECK(brightness(high) < 80.0);
    Image reset = load_png(dir.file("fresh.png"));
    CHECK(same(load_png(dir.file("large-idle.png")), reset));
    CHECK(same(load_png(dir.file("contrast-idle.png")), reset));
}

TEST_CASE("idle after a visit gives the same pixels as idling without one")
{
    TempDir dir;
    // Taps, a scroll, a QR view, Home, Spanish, large text; then nobody for longer than idle_seconds (60).
    std::string visit_script = std::string("wait 200\n") + places_tile + "wait 300\ndrag 200 400 200 180 200\n"
        + "wait 1500\ntap \"South Hub\"\nwait 300\nexpect places/south-hub\ntap \"Home\"\nwait 300\n" + spanish
        + "wait 300\n" + larger_text_es + "wait 300\nat 150000\nshot " + dir.file("visited.png") + "\n";
    auto visit = run_script(dir, visit_script);
    REQUIRE_MESSAGE(visit.status == 0, visit.err);
    CHECK(visit.out.find("screen: places") != std::string::npos);
    CHECK(visit.out.find("language: es") != std::string::npos);
    auto fresh = run_script(dir, "at 150000\nshot " + dir.file("untouched.png") + "\n");
    REQUIRE_MESSAGE(fresh.status == 0, fresh.err);
    Image visited = load_png(dir.file("visited.png"));
    Image untouched = load_png(dir.file("untouched.png"));
    REQUIRE_FALSE(untouched.empty());
    CHECK(same(visited, untouched));
}

TEST_CASE("the attract loop changes by itself, moves against burn-in, and a touch wakes home without opening anything")
{
    TempDir dir;
    auto r = run_script(dir,
        "at 61000\nshot " + dir.file("a.png") + "\nat 73500\nshot " + dir.file("b.png") + "\nat 125000\nshot "
            + dir.file("c.png") + "\ntap \"Touch the screen to start\"\nwait 500\nshot " + dir.file("woken.png")
            + "\nexpect home\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    Image a = load_png(dir.file("a.png")), b = load_png(dir.file("b.png")), c = load_png(dir.file("c.png"));
    CHECK_FALSE(same(a, b)); // The next highlight.
    CHECK_FALSE(same(a, c));
    Image woken = load_png(dir.file("woken.png"));
    CHECK_FALSE(same(woken, c));
    // Only the idle reset shows in the trace: the waking touch opened no screen.
    CHECK(r.out.find("screen: places") == std::string::npos);
    CHECK(r.out.find("screen: guide") == std::string::npos);
}

TEST_CASE("the attract loop says touch to start in every language of the content, and each button wakes in its own")
{
    TempDir dir;
    // The test bundle has English and Spanish: both buttons show, each in its language.
    auto r = run_script(dir,
        "at 61000\nexpect \"Touch the screen to start\"\nexpect \"Toca la pantalla para empezar\"\n"
        "tap \"Toca la pantalla para empezar\"\nwait 500\nexpect home\nexpect \"Lugares cerca de ti\"\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("language: es") != std::string::npos);
    // A touch anywhere else wakes the kiosk in the language it was showing.
    r = run_script(dir, "at 61000\ntap 400 150\nwait 500\nexpect home\nexpect \"Places near you\"\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("language: es") == std::string::npos);
}

TEST_CASE("counts: three visits to a section and one QR view, and nothing else, for that day")
{
    TempDir dir;
    std::string state = dir.file("state");
    // The installed demo content: home's first tile is "What is a drug user union?", and the first event on home is
    // the union call at 7 PM, which has a link.
    std::string back = "tap \"Back\"\nwait 300\n";
    std::string tile = "tap \"What is a drug user union?\"\nwait 300\n";
    std::string script = "wait 200\n" + tile + back + tile + back + tile + back
        + "tap \"National union call (example)\"\nwait 300\nexpect "
        + "events/national-union-call-20261118-demo-drop-in-kiosk-invalid@2026-12-02\n";
    std::string file = dir.write("counts.script", script);
    auto r = run_kiosk(
        {"--windowed", "--size", "800x480", "--state", state, "--now", "2026-12-02T10:00", "--script", file});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::string error;
    auto store = kiosk::store::Store::open(state + "/db/kiosk.db", error);
    REQUIRE_MESSAGE(store, error);
    auto counts = store->counts();
    using Row = std::tuple<std::string, std::string, int>;
    std::vector<Row> expected {
        Row {"2026-12-02", "about", 3},
        Row {"2026-12-02", "events/national-union-call-20261118-demo-drop-in-kiosk-invalid@2026-12-02", 1},
    };
    CHECK(counts == expected);
}

TEST_CASE("a monkey: thousands of random taps, drags and waits crash nothing, and memory stays flat")
{
#ifdef KIOSK_SANITIZED
    const int actions = 2000;
#else
    const int actions = 20000;
#endif
    std::mt19937 random(20261126);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
    std::ostringstream script;
    // The first measure after large text has been on once: its font atlas (twice the ordinary one) is the peak the
    // allocator keeps afterwards, not a leak; glibc on arm64 keeps about 8 MiB of it, on amd64 less.
    script << "wait 300\ntap \"Larger text\"\nwait 300\ntap \"Larger text\"\nwait 300\nmemory\n";
    for (int i = 0; i < actions; ++i) {
        int what = pick(0, 99);
        if (what < 60)
            script << "tap " << pick(0, 799) << " " << pick(0, 479) << "\n";
        else if (what < 80)
            script << "drag " << pick(0, 799) << " " << pick(0, 479) << " " << pick(0, 799) << " " << pick(0, 479)
                   << " " << pick(20, 400) << "\n";
        else if (what < 98)
            script << "wait " << pick(0, 2000) << "\n";
        else
            script << "wait 61000\n"; // An idle reset now and then.
    }
    script << "wait 61000\nmemory\n";
    TempDir dir;
    auto r = run_script(dir, script.str(), dir.file("state"));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<long> memory;
    for (std::size_t at = r.out.find("memory: "); at != std::string::npos; at = r.out.find("memory: ", at + 1))
        memory.push_back(std::stol(r.out.substr(at + 8)));
    REQUIRE(memory.size() == 2);
    MESSAGE("resident after the first screen ", memory[0], " KiB, after ", actions, " actions ", memory[1], " KiB");
#ifndef KIOSK_SANITIZED
    // Under qemu-user (tools/arm64-test.sh) the resident size is the emulator's, whose translation cache grows as
    // new code runs: the crash part of this test holds there, the memory part is measured on real machines.
    if (std::getenv("KIOSK_EMULATED"))
        MESSAGE("memory not compared: running under ", std::getenv("KIOSK_EMULATED"));
    else
        CHECK(memory[1] - memory[0] < 5 * 1024);
#endif
}

TEST_CASE("in fullscreen a keyboard, Alt+F4 and a close request do nothing, in a window a close request ends it")
{
    TempDir dir;
    std::string keys = "wait 200\nkey a\nkey Return\nkey Escape\nkey Alt+F4\nkey Ctrl+Alt+Delete\nkey Alt+Tab\nclose\n"
                       "wait 500\nexpect home\n";
    std::string script = dir.write("keys.script", keys + "shot " + dir.file("still.png") + "\n");
    // No --windowed: the kiosk is fullscreen, as on a real box. It is still there to draw after all of that.
    auto full = run_kiosk({"--size", "800x480", "--bundle", bundle, "--now", "2026-12-02T10:00", "--script", script});
    CHECK_MESSAGE(full.status == 0, full.err);
    CHECK(full.out.find("screen:") == std::string::npos); // No key opened anything.
    CHECK_FALSE(load_png(dir.file("still.png")).empty());

    std::string windowed = dir.write("close.script", "wait 200\nclose\nwait 300\n" + std::string(places_tile));
    auto closed = run_kiosk(
        {"--windowed", "--size", "800x480", "--bundle", bundle, "--now", "2026-12-02T10:00", "--script", windowed});
    CHECK_MESSAGE(closed.status == 0, closed.err);
    CHECK(closed.out.find("screen: places") == std::string::npos); // It had stopped before the tap.
}

TEST_CASE("home says how old the content is once it is more than a week old")
{
    // The demo content is imported now, on the first start; the kiosk's clock is then set a day and three weeks on.
    auto day = [](int days_ahead) {
        std::time_t t = std::time(nullptr) + std::time_t(days_ahead) * 86400;
        char text[32];
        std::strftime(text, sizeof text, "%Y-%m-%dT12:00", std::gmtime(&t));
        return std::string(text);
    };
    TempDir dir;
    std::string state = dir.file("state");
    auto shot = [&](int days_ahead, const std::string& file) {
        auto r = run_kiosk(
            {"screenshot", "--state", state, "--size", "800x480", "--now", day(days_ahead), "--out", dir.file(file)});
        REQUIRE_MESSAGE(r.status == 0, r.err);
        return load_png(dir.file(file));
    };
    Image fresh = shot(1, "fresh.png");
    Image old = shot(21, "old.png");
    // The left of the top band holds the name, and under it, on the old content, "Updated 21 days ago" (or 20).
    auto band = [](const Image& image) {
        std::vector<std::uint8_t> pixels;
        for (int y = 0; y < 70; ++y) {
            for (int x = 0; x < 250; ++x)
                pixels.insert(pixels.end(), image.at(x, y), image.at(x, y) + 3);
        }
        return pixels;
    };
    REQUIRE_FALSE(fresh.empty());
    CHECK(band(fresh) != band(old));
    Image again = shot(2, "again.png");
    CHECK(band(fresh) == band(again)); // Two days old: nothing said.
}
