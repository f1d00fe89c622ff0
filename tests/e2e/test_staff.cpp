// The staff side on the real kiosk at 800x480, in simulated time: kiosk set-pin, the long press and the PIN pad, the
// lockout that survives a restart, and the staff screen's apply, roll back and export; idle takes staff back out.
#include "store/store.hpp"
#include "support/files.hpp"
#include "support/image.hpp"
#include "support/json.hpp"
#include "support/process.hpp"
#include "support/screen_dump.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

const std::string pin = "2468";

// The PIN pad's keys, by their labels.
std::string key(char digit)
{
    return std::string("tap \"") + digit + "\"\nwait 100\n";
}
const std::string ok = "tap \"OK\"\nwait 400\n";
const std::string long_press = "wait 200\npress \"staff corner\" 3200\nwait 300\n";

// A staff action's button, by its words (assets/strings/en.toml).
std::string act(const std::string& words)
{
    return "tap \"" + words + "\"\nwait 500\n";
}
// Actions that change something ask first: the question's confirm button, by its words.
std::string confirm(const std::string& words)
{
    return "wait 300\ntap \"" + words + "\"\nwait 500\n";
}
const std::string apply = act("Apply the stick\u2019s content") + confirm("Yes, apply it");
// At 800x480 the last row of staff buttons (Restart, Stop) is below the answer strip: the scroll cue brings it up.
const std::string scroll_down = "tap \"more below\"\nwait 1500\n";

std::string type(const std::string& digits)
{
    std::string script;
    for (char d : digits)
        script += key(d);
    return script + ok;
}

struct Staff {
    TempDir dir;
    std::string state = dir.file("state");

    Staff()
    {
        auto r = run_kiosk({"set-pin", "--state", state}, pin + "\n" + pin + "\n");
        REQUIRE_MESSAGE(r.status == 0, r.err);
    }

    RunResult script(const std::string& text, const std::string& config = "", const std::string& language = "")
    {
        std::string file = dir.write("staff.script", text);
        std::vector<std::string> args {
            "--windowed", "--size", "800x480", "--state", state, "--now", "2026-12-02T10:00", "--script", file};
        if (!config.empty())
            args.insert(args.end(), {"--config", config});
        if (!language.empty())
            args.insert(args.end(), {"--lang", language});
        return run_kiosk(args);
    }

    std::string status() { return run_kiosk({"status", "--state", state}).out; }

    // A stick named `name` in `sticks`, the only one in, with the demo's `from` changed to `to`, as kiosk sync --once
    // reads it (an unsigned bundle waits for staff). It stays in until the next.
    std::string sticks = dir.file("media");
    RunResult stick(const std::string& name, const std::string& from, const std::string& to)
    {
        fs::remove_all(sticks);
        fs::create_directories(sticks);
        fs::copy(KIOSK_SOURCE_DIR "/data/demo", sticks + "/" + name, fs::copy_options::recursive);
        std::string toml = read_text(sticks + "/" + name + "/bundle.toml");
        toml.replace(toml.find(from), from.size(), to);
        write_text(sticks + "/" + name + "/bundle.toml", toml);
        std::string with_stick = dir.write("stick.toml", "usb_roots = [\"" + sticks + "\"]\n");
        return run_kiosk({"sync", "--once", "--config", with_stick, "--state", state});
    }
};

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("kiosk set-pin keeps no plain PIN anywhere, and refuses two different PINs")
{
    Staff staff;
    for (const auto& entry : fs::recursive_directory_iterator(staff.state)) {
        if (entry.is_regular_file()) {
            CAPTURE(entry.path().string());
            CHECK(read_text(entry.path()).find(pin) == std::string::npos);
        }
    }
    CHECK((fs::status(staff.state + "/staff-pin").permissions() & fs::perms::others_read) == fs::perms::none);
    auto differ = run_kiosk({"set-pin", "--state", staff.state}, "1234\n4321\n");
    CHECK(differ.status == 1);
    CHECK(differ.err.find("differ") != std::string::npos);
    auto none = run_kiosk({"status", "--state", TempDir().path()});
    CHECK(none.out.find("staff PIN:   not set") != std::string::npos);
}

TEST_CASE("a long press opens the PIN pad, five wrong PINs lock it, across a restart, until the delay is over")
{
    Staff staff;
    std::string wrong = type("1111");
    auto first = staff.script(long_press + wrong + wrong + wrong + wrong + wrong);
    REQUIRE_MESSAGE(first.status == 0, first.err);
    CHECK(count(first.out, "staff: Wrong PIN.") == 5);
    CHECK(first.out.find("staff: Wrong PIN. 4 tries left.") != std::string::npos);
    CHECK(first.out.find("locked for 30 s") != std::string::npos);
    CHECK(first.out.find("staff: open") == std::string::npos);

    // A restart at the same moment: still locked, even for the right PIN; after the delay the right PIN opens it.
    auto second = staff.script(long_press + type(pin) + "wait 45000\n" + type(pin));
    REQUIRE_MESSAGE(second.status == 0, second.err);
    CHECK(second.out.find("staff: Too many wrong PINs.") != std::string::npos);
    CHECK(second.out.find("staff: open") != std::string::npos);
}

TEST_CASE("the PIN pad is the same in ordinary text after a visitor chose larger text")
{
    Staff staff;
    // The pad's keys 5 and OK, as "controls" prints them.
    auto keys = [](const std::string& out) {
        std::vector<Dump> dumps = parse_dumps(out);
        REQUIRE(dumps.size() == 1);
        const Box* five = find_box(dumps[0].controls, "5");
        const Box* ok = find_box(dumps[0].controls, "OK");
        REQUIRE((five && ok));
        return std::vector<float> {five->x0, five->y0, five->x1, five->y1, ok->x0, ok->y0, ok->x1, ok->y1};
    };
    auto ordinary = staff.script(long_press + "controls\n");
    auto after_large = staff.script("wait 200\ntap \"Larger text\"\nwait 300\n" + long_press + "controls\n");
    REQUIRE_MESSAGE(ordinary.status == 0, ordinary.err);
    REQUIRE_MESSAGE(after_large.status == 0, after_large.err);
    CHECK_MESSAGE(keys(after_large.out) == keys(ordinary.out), after_large.out);
}

TEST_CASE("without a PIN the corner does nothing")
{
    TempDir dir;
    // Without a PIN there is no staff corner to press by its label: the press is where it would be. No PIN pad
    // opens, so there is no key to tap.
    std::string file = dir.write("s.script", "wait 200\npress 30 30 3200\nwait 300\nexpect home\n" + type(pin));
    auto r = run_kiosk({"--windowed", "--size", "800x480", "--state", dir.file("state"), "--now", "2026-12-02T10:00",
        "--script", file});
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.find(":5: no control labelled \"2\" is on the screen") != std::string::npos, r.err);
    CHECK(r.err.find("staff corner") == std::string::npos);
    CHECK(r.out.find("staff:") == std::string::npos);
}

TEST_CASE("staff apply a stick's unsigned bundle, then roll back to the previous version")
{
    Staff staff;
    // An unsigned stick leaves its bundle pending (kiosk sync --once), with a name of its own.
    std::string sticks = staff.dir.file("media");
    fs::create_directories(sticks);
    fs::copy(KIOSK_SOURCE_DIR "/data/demo", sticks + "/STICK", fs::copy_options::recursive);
    std::string toml = read_text(sticks + "/STICK/bundle.toml");
    toml.replace(toml.find("Eastside Drop-in"), 16, "Westside Drop-in");
    std::ofstream(sticks + "/STICK/bundle.toml") << toml;
    std::string with_stick = staff.dir.write("stick.toml", "usb_roots = [\"" + sticks + "\"]\n");
    run_kiosk({"import", KIOSK_SOURCE_DIR "/data/demo", "--state", staff.state});
    auto synced = run_kiosk({"sync", "--once", "--config", with_stick, "--state", staff.state});
    REQUIRE_MESSAGE(synced.out.find(": pending: ") != std::string::npos, synced.out);
    REQUIRE(fs::exists(staff.state + "/pending/bundle.toml"));
    std::string quiet = staff.dir.write("quiet.toml", "usb_roots = [\"" + staff.dir.file("none") + "\"]\n");

    auto applied = staff.script(long_press + type(pin) + apply, quiet);
    REQUIRE_MESSAGE(applied.status == 0, applied.err);
    CHECK_MESSAGE(
        applied.out.find("staff: Applied: the stick's content is showing now.") != std::string::npos, applied.out);
    CHECK(staff.status().find("usb (applied by staff)") != std::string::npos);
    CHECK_FALSE(fs::exists(staff.state + "/pending"));

    // Now there is a previous version to go back to.
    auto rolled
        = staff.script(long_press + type(pin) + act("Show the previous content") + confirm("Yes, go back"), quiet);
    REQUIRE_MESSAGE(rolled.status == 0, rolled.err);
    CHECK_MESSAGE(
        rolled.out.find("staff: Rolled back: version local-1 is showing again.") != std::string::npos, rolled.out);
    CHECK(staff.status().find("version:     local-1") != std::string::npos);
}

TEST_CASE("staff export the counts as CSV onto a stick")
{
    Staff staff;
    std::string sticks = staff.dir.file("media");
    fs::create_directories(sticks + "/STICK");
    std::string config = staff.dir.write("kiosk.toml", "usb_roots = [\"" + sticks + "\"]\n");
    // A visitor opens the first section twice (home's first tile; Back between).
    std::string tile = "tap \"What is a drug user union?\"\nwait 300\n";
    auto visits = staff.script("wait 200\n" + tile + "tap \"Back\"\nwait 300\n" + tile, config);
    REQUIRE_MESSAGE(visits.status == 0, visits.err);
    auto exported = staff.script(long_press + type(pin) + act("Save the counts to the stick"), config);
    REQUIRE_MESSAGE(exported.status == 0, exported.err);
    CHECK_MESSAGE(exported.out.find("You can take the stick out now.") != std::string::npos, exported.out);
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(sticks + "/STICK"))
        files.push_back(entry.path());
    REQUIRE(files.size() == 1);
    CHECK(files[0].filename().string().rfind("kiosk-counts-", 0) == 0);
    // The title: what the path showed, in the content's first language.
    CHECK(read_text(files[0]) == "day,path,count,title\n2026-12-02,about,2,What is a drug user union?\n");
}

TEST_CASE("staff stop for maintenance exits with status 10")
{
    Staff staff;
    auto stopped = staff.script(long_press + type(pin) + scroll_down + act("Stop for maintenance")
        + confirm("Yes, stop the kiosk") + "expect home\n");
    CHECK_MESSAGE(stopped.status == 10, stopped.out << stopped.err);
    CHECK(stopped.out.find("staff: Stopping for maintenance.") != std::string::npos);
}

TEST_CASE("the staff screen leaves by itself when idle, as everything else does")
{
    Staff staff;
    auto visit = staff.script(long_press + type(pin) + "at 150000\nshot " + staff.dir.file("after.png") + "\n");
    REQUIRE_MESSAGE(visit.status == 0, visit.err);
    CHECK(visit.out.find("staff: open") != std::string::npos);
    CHECK(visit.out.find("screen: home (idle)") != std::string::npos);
    auto untouched = staff.script("at 150000\nshot " + staff.dir.file("untouched.png") + "\n");
    Image a = load_png(staff.dir.file("after.png")), b = load_png(staff.dir.file("untouched.png"));
    REQUIRE_FALSE(b.empty());
    CHECK(a.rgb == b.rgb);
}

namespace {

double mean(const Image& image)
{
    double sum = 0;
    for (std::uint8_t v : image.rgb)
        sum += v;
    return image.rgb.empty() ? -1.0 : sum / double(image.rgb.size());
}

} // namespace

TEST_CASE("screen hours: dark outside them, the off and on commands run once each, taps ignored")
{
    TempDir dir;
    std::string log = dir.file("display.log");
    std::string config = dir.write("kiosk.toml",
        "screen_on = [\"Mon-Fri 09:00-17:00\"]\ndisplay_off_command = \"echo off >> " + log
            + "\"\ndisplay_on_command = \"echo on >> " + log + "\"\nusb_roots = [\"" + dir.file("none") + "\"]\n");
    // Wednesday 16:58: lit; 17:01 dark; a tap does nothing; Thursday 09:00 lit again (16 h 2 min later). The tap is
    // where the places tile is when lit: in pixels, as nothing is drawn in the dark to find by its label.
    std::string script = "wait 200\nshot " + dir.file("lit.png") + "\nat 180000\nshot " + dir.file("dark.png")
        + "\ntap 592 218\nwait 500\nshot " + dir.file("tapped.png") + "\nat 57780000\nshot " + dir.file("morning.png")
        + "\n";
    std::string file = dir.write("hours.script", script);
    auto r = run_kiosk({"--windowed", "--size", "800x480", "--state", dir.file("state"), "--config", config, "--now",
        "2026-12-02T16:58", "--script", file});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("screen: dark") != std::string::npos);
    CHECK(r.out.find("screen: lit") != std::string::npos);
    CHECK(r.out.find("screen: places") == std::string::npos); // The tap in the dark opened nothing.
    CHECK(mean(load_png(dir.file("lit.png"))) > 100.0);
    CHECK(mean(load_png(dir.file("dark.png"))) == 0.0);
    CHECK(mean(load_png(dir.file("tapped.png"))) == 0.0);
    CHECK(mean(load_png(dir.file("morning.png"))) > 100.0);
    // The commands run detached: give the shell a moment to write.
    for (int i = 0; i < 50 && read_text(log) != "off\non\n"; ++i)
        usleep(20000);
    CHECK(read_text(log) == "off\non\n");
}

TEST_CASE("screen hours: a long press in the dark lights the screen for two minutes, then it goes dark again")
{
    TempDir dir;
    std::string config = dir.write(
        "kiosk.toml", "screen_on = [\"Mon-Fri 09:00-17:00\"]\nusb_roots = [\"" + dir.file("none") + "\"]\n");
    std::string script = "wait 500\nshot " + dir.file("dark.png") + "\npress 400 240 2500\nwait 500\nshot "
        + dir.file("woken.png") + "\nwait 125000\nshot " + dir.file("again.png") + "\n";
    std::string file = dir.write("wake.script", script);
    auto r = run_kiosk({"--windowed", "--size", "800x480", "--state", dir.file("state"), "--config", config, "--now",
        "2026-12-02T20:00", "--script", file});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("screen: woken for two minutes") != std::string::npos);
    CHECK(mean(load_png(dir.file("dark.png"))) == 0.0);
    CHECK(mean(load_png(dir.file("woken.png"))) > 100.0);
    CHECK(mean(load_png(dir.file("again.png"))) == 0.0);
}

TEST_CASE("staff apply a large bundle while the screen keeps drawing: no frame over 100 ms (timing)")
{
    // The benchmark's large bundle (10,000 events, 2,000 cards, 198 page files, 50 images), unsigned on a stick: its
    // check (when the staff screen opens) and its apply take seconds. They run beside the frame loop, not in it.
    Staff staff;
    std::string sticks = staff.dir.file("media");
    fs::create_directories(sticks);
    std::string generate = "python3 '" KIOSK_SOURCE_DIR "/tests/bench/gen_bundle.py' '" + sticks + "/STICK' >/dev/null";
    REQUIRE(std::system(generate.c_str()) == 0);
    std::string with_stick = staff.dir.write("stick.toml", "usb_roots = [\"" + sticks + "\"]\n");
    run_kiosk({"import", KIOSK_SOURCE_DIR "/data/demo", "--state", staff.state});
    auto synced = run_kiosk({"sync", "--once", "--config", with_stick, "--state", staff.state});
    REQUIRE_MESSAGE(synced.out.find(": pending: ") != std::string::npos, synced.out);
    std::string quiet = staff.dir.write("quiet.toml", "usb_roots = [\"" + staff.dir.file("none") + "\"]\n");

    std::string times = staff.dir.file("frame-times.txt");
    ScopedEnv record("KIOSK_FRAME_TIMES", times.c_str());
    auto applied = staff.script(long_press + type(pin) + apply, quiet);
    REQUIRE_MESSAGE(applied.status == 0, applied.err);
    CHECK_MESSAGE(
        applied.out.find("staff: Applied: the stick's content is showing now.") != std::string::npos, applied.out);
    // Every frame drawn meanwhile, the PIN's check, the staff screen's and the apply's included: build and render.
    std::istringstream lines(read_text(times));
    long long build = 0, render = 0, cpu = 0, slowest = 0;
    int frames = 0;
    while (lines >> build >> render >> cpu) {
        slowest = std::max(slowest, build + render);
        ++frames;
    }
    MESSAGE(frames << " frames, the slowest " << slowest / 1000 << " ms");
    CHECK(frames > 50); // The screen kept drawing while the work ran.
    CHECK(slowest < 100000);
}

TEST_CASE("staff reset a version floor dated far ahead, after confirming")
{
    Staff staff;
    run_kiosk({"import", KIOSK_SOURCE_DIR "/data/demo", "--state", staff.state});
    {
        // A kiosk that took a signed version dated 9999 (before versions that far ahead were refused).
        std::string error;
        auto store = kiosk::store::Store::open(staff.state + "/db/kiosk.db", error);
        REQUIRE_MESSAGE(store, error);
        REQUIRE(store->reset_version_floor(error));
    }
    std::string set = "sqlite3 '" + staff.state
        + "/db/kiosk.db' \"INSERT OR REPLACE INTO state VALUES ('last_signed', "
          "'99991231235959')\"";
    REQUIRE(std::system(set.c_str()) == 0);
    std::string reset = act("Reset the version floor");
    // Tapped, it only asks (test_staff_safety.cpp taps twice on the spot: the confirm button is elsewhere).
    auto once = staff.script(long_press + type(pin) + reset + "controls\n");
    REQUIRE_MESSAGE(once.status == 0, once.err);
    CHECK_MESSAGE(once.out.find("Yes, reset it") != std::string::npos, once.out);
    CHECK_MESSAGE(once.out.find("staff: Reset:") == std::string::npos, once.out);
    auto twice = staff.script(long_press + type(pin) + reset + confirm("Yes, reset it"));
    REQUIRE_MESSAGE(twice.status == 0, twice.err);
    CHECK_MESSAGE(twice.out.find("staff: Reset: the kiosk takes signed content of any date again") != std::string::npos,
        twice.out);
    std::string error;
    auto store = kiosk::store::Store::open(staff.state + "/db/kiosk.db", error);
    REQUIRE(store);
    CHECK(store->version_floor().empty());
}

TEST_CASE("a second unsigned stick waits beside the first instead of replacing it, staff see both, where each came "
          "from and what each changes, and choose")
{
    Staff staff;
    run_kiosk({"import", KIOSK_SOURCE_DIR "/data/demo", "--state", staff.state});
    const std::string& sticks = staff.sticks;
    // Staff's own draft waits; then a visitor's stick with a fake emergency number arrives; then a third.
    auto draft = staff.stick("DRAFT", "Eastside Drop-in", "Westside Drop-in");
    REQUIRE_MESSAGE(draft.out.find(": pending: ") != std::string::npos, draft.out);
    auto fake = staff.stick("FAKE", "Overdose? Get help now", "Overdose? Call 555-0100");
    CHECK_MESSAGE(
        fake.out.find("(another bundle waits too: staff see both and choose)") != std::string::npos, fake.out);
    CHECK(read_text(staff.state + "/pending/bundle.toml").find("Westside Drop-in") != std::string::npos);
    auto third = staff.stick("THIRD", "Eastside Drop-in", "Northside Drop-in");
    CHECK_MESSAGE(
        third.out.find(": refused: two bundles already wait for staff (usb:" + sticks + "/DRAFT") != std::string::npos,
        third.out);
    CHECK(read_text(sticks + "/THIRD/kiosk-report.txt").find("NOT IMPORTED: two bundles already wait")
        != std::string::npos);

    // The staff screen names each one's origin and what it would change, and the one refused.
    std::string quiet = staff.dir.write("quiet.toml", "usb_roots = [\"" + staff.dir.file("none") + "\"]\n");
    auto opened = staff.script(long_press + type(pin), quiet);
    REQUIRE_MESSAGE(opened.status == 0, opened.err);
    CHECK_MESSAGE(
        opened.out.find("staff: waiting from usb:" + sticks + "/DRAFT, arrived ") != std::string::npos, opened.out);
    CHECK_MESSAGE(opened.out.find("Compared with what shows: the name on screen becomes \"Westside Drop-in\".")
            != std::string::npos,
        opened.out);
    CHECK_MESSAGE(
        opened.out.find("Also arrived while it waits, and refused so as not to replace it: usb:" + sticks + "/THIRD (")
            != std::string::npos,
        opened.out);
    CHECK_MESSAGE(
        opened.out.find("staff: also waiting from usb:" + sticks + "/FAKE, arrived ") != std::string::npos, opened.out);
    CHECK_MESSAGE(
        opened.out.find("THE URGENT PAGE CHANGES: its title is \"Overdose? Call 555-0100\"") != std::string::npos,
        opened.out);

    // On a Spanish kiosk, all of it in Spanish: why it waits, what it holds, what it would change.
    auto spanish = staff.script(long_press + type(pin), quiet, "es");
    REQUIRE_MESSAGE(spanish.status == 0, spanish.err);
    for (const char* words :
        {"Motivo: no est\u00e1 firmado (no tiene MANIFEST).", "5 p\u00e1ginas, 18 tarjetas, 8 eventos (",
            "Comparado con lo que se muestra: el nombre en pantalla pasa a ser "
            "\"Westside Drop-in\".",
            "CAMBIA LA P\u00c1GINA URGENTE: su t\u00edtulo es \"Overdose? Call 555-0100\""})
        CHECK_MESSAGE(spanish.out.find(words) != std::string::npos, words << "\n" << spanish.out);
    for (const char* english : {"it waits for staff", "it is not signed", "waits for staff to apply"})
        CHECK_MESSAGE(spanish.out.find(english) == std::string::npos, english << "\n" << spanish.out);

    // Staff ignore the second, then apply the first.
    auto ignored = staff.script(
        long_press + type(pin) + act("Ignore the stick\u2019s content") + confirm("Ignore the second one"), quiet);
    REQUIRE_MESSAGE(ignored.status == 0, ignored.err);
    CHECK_MESSAGE(ignored.out.find("staff: Set aside: the stick's content will not be applied.") != std::string::npos,
        ignored.out);
    CHECK_FALSE(fs::exists(staff.state + "/pending-2"));
    CHECK(fs::exists(staff.state + "/pending"));
    auto applied = staff.script(long_press + type(pin) + apply, quiet);
    CHECK_MESSAGE(
        applied.out.find("staff: Applied: the stick's content is showing now.") != std::string::npos, applied.out);
    CHECK(staff.status().find("usb (applied by staff)") != std::string::npos);
}

namespace {

// A kiosk where two unsigned sticks wait for staff, A and then B, each with urgent words of its own for home's band
// (which a script can expect): A in STATE/pending, B in STATE/pending-2.
struct TwoWaiting : Staff {
    std::string quiet = dir.write("quiet.toml", "usb_roots = [\"" + dir.file("none") + "\"]\n");

    TwoWaiting()
    {
        run_kiosk({"import", KIOSK_SOURCE_DIR "/data/demo", "--state", state});
        for (const std::string name : {"A", "B"}) {
            auto waits = stick(name, "Overdose? Get help now", "Overdose? Help from stick " + name);
            REQUIRE_MESSAGE(waits.out.find(": pending: ") != std::string::npos, waits.out);
        }
        REQUIRE(fs::exists(state + "/pending-2/bundle.toml"));
    }
};

} // namespace

TEST_CASE("once staff apply or ignore the first of two waiting bundles, the second is the one waiting: Apply takes it "
          "on the running kiosk and after a restart, and kiosk status names it")
{
    const std::string leave = "tap \"Leave\"\nwait 500\n";
    const std::string shows_b = "expect \"Overdose? Help from stick B\"\n";
    struct First {
        std::string button; // The staff button, then the question's button for the first of two.
        std::string first;
        std::string said;    // The staff screen's answer.
        std::size_t applied; // How many bundles staff applied, A's and B's.
    };
    for (const First& first : {First {"Apply the stick\u2019s content", "Apply the first one", "staff: Applied: ", 2},
             First {"Ignore the stick\u2019s content", "Ignore the first one", "staff: Set aside: ", 1}}) {
        CAPTURE(first.button);
        const std::string first_goes = long_press + type(pin) + act(first.button) + confirm(first.first);
        {
            // On the running kiosk: A goes, and then Apply takes B, with one question and no choice to make.
            TwoWaiting kiosk;
            auto running = kiosk.script(first_goes + apply + leave + shows_b, kiosk.quiet);
            CHECK_MESSAGE(running.status == 0, running.err);
            CHECK_MESSAGE(running.out.find(first.said) != std::string::npos, running.out);
            CHECK_MESSAGE(count(running.out, "staff: Applied: the stick's content is showing now.") == first.applied,
                running.out);
            CHECK(kiosk.status().find("waiting:     nothing waits for staff") != std::string::npos);
        }
        {
            // After a restart: kiosk status and the staff screen both say B waits, alone, and Apply takes it.
            TwoWaiting kiosk;
            auto gone = kiosk.script(first_goes, kiosk.quiet);
            REQUIRE_MESSAGE(gone.status == 0, gone.err);
            CHECK_MESSAGE(gone.out.find(first.said) != std::string::npos, gone.out);
            std::string status = kiosk.status();
            CHECK_MESSAGE(count(status, "waiting:     usb:") == 1, status);
            CHECK_MESSAGE(status.find("waiting:     usb:" + kiosk.sticks + "/B, ") != std::string::npos, status);
            auto json = json_of(run_kiosk({"status", "--json", "--state", kiosk.state}).out);
            REQUIRE(json.is_object());
            CHECK(json["pending"]["source"] == "usb:" + kiosk.sticks + "/B");

            auto restarted = kiosk.script(long_press + type(pin) + apply + leave + shows_b, kiosk.quiet);
            CHECK_MESSAGE(restarted.status == 0, restarted.err);
            CHECK_MESSAGE(restarted.out.find("staff: waiting from usb:" + kiosk.sticks + "/B, ") != std::string::npos,
                restarted.out);
            CHECK(restarted.out.find("staff: also waiting") == std::string::npos);
            CHECK_MESSAGE(
                restarted.out.find("staff: Applied: the stick's content is showing now.") != std::string::npos,
                restarted.out);
            CHECK(kiosk.status().find("waiting:     nothing waits for staff") != std::string::npos);
        }
    }

    // A stick arriving while B waits alone (in STATE/pending-2) waits beside it, as the second: B has waited longer.
    TwoWaiting kiosk;
    auto gone = kiosk.script(
        long_press + type(pin) + act("Ignore the stick\u2019s content") + confirm("Ignore the first one"), kiosk.quiet);
    REQUIRE_MESSAGE(gone.status == 0, gone.err);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100)); // Arrival times are kept in seconds.
    auto third = kiosk.stick("C", "Overdose? Get help now", "Overdose? Help from stick C");
    CHECK_MESSAGE(
        third.out.find("(another bundle waits too: staff see both and choose)") != std::string::npos, third.out);
    CHECK(fs::exists(kiosk.state + "/pending/bundle.toml"));
    auto both = kiosk.script(long_press + type(pin) + act("Apply the stick\u2019s content")
            + confirm("Apply the second one") + leave + "expect \"Overdose? Help from stick C\"\n",
        kiosk.quiet);
    CHECK_MESSAGE(both.status == 0, both.err);
    CHECK_MESSAGE(both.out.find("staff: waiting from usb:" + kiosk.sticks + "/B, ") != std::string::npos, both.out);
    CHECK_MESSAGE(
        both.out.find("staff: also waiting from usb:" + kiosk.sticks + "/C, ") != std::string::npos, both.out);
    CHECK_MESSAGE(kiosk.status().find("waiting:     usb:" + kiosk.sticks + "/B, ") != std::string::npos, both.out);
}

TEST_CASE("staff cannot apply a draft once a newer signed version arrived while it waited: they are told why, and "
          "the signed version stays")
{
    Staff staff;
    std::string sticks = staff.dir.file("media");
    fs::create_directories(sticks);
    fs::copy(KIOSK_SOURCE_DIR "/data/demo", sticks + "/STICK", fs::copy_options::recursive);
    std::string toml = read_text(sticks + "/STICK/bundle.toml");
    toml.replace(toml.find("Eastside Drop-in"), 16, "Westside Drop-in");
    write_text(sticks + "/STICK/bundle.toml", toml);
    std::string with_stick = staff.dir.write("stick.toml", "usb_roots = [\"" + sticks + "\"]\n");
    auto synced = run_kiosk({"sync", "--once", "--config", with_stick, "--state", staff.state});
    REQUIRE_MESSAGE(synced.out.find(": pending: ") != std::string::npos, synced.out);

    // A signed version is imported by hand a second later (the store keeps seconds), as the feed would bring it.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    auto made = run_kiosk({"keygen", "--out", staff.dir.file("center")});
    REQUIRE_MESSAGE(made.status == 0, made.err);
    std::string packed = staff.dir.file("signed");
    fs::copy(KIOSK_SOURCE_DIR "/data/demo", packed, fs::copy_options::recursive);
    REQUIRE(run_kiosk({"pack", packed, "--key", staff.dir.file("center.key")}).status == 0);
    std::string keyed = staff.dir.write("keyed.toml",
        "trusted_keys = [\"" + staff.dir.file("center.pub") + "\"]\nusb_roots = [\"" + sticks + "/none\"]\n");
    auto imported = run_kiosk({"import", packed, "--config", keyed, "--state", staff.state});
    REQUIRE_MESSAGE(imported.status == 0, imported.out << imported.err);
    REQUIRE(imported.out.find(", signed") != std::string::npos);
    std::string version = manifest_version(packed);
    REQUIRE(fs::exists(staff.state + "/pending/bundle.toml")); // Not yet dropped: no sync has looked since.

    auto refused = staff.script(long_press + type(pin) + apply, keyed);
    REQUIRE_MESSAGE(refused.status == 0, refused.err);
    CHECK_MESSAGE(refused.out.find("staff: Not applied, and no longer waiting: a signed version (" + version)
            != std::string::npos,
        refused.out);
    CHECK(staff.status().find("version:     " + version) != std::string::npos);
    CHECK_FALSE(fs::exists(staff.state + "/pending"));
    auto json = run_kiosk({"status", "--json", "--state", staff.state});
    CHECK_MESSAGE(json.out.find("\"pending\":null") != std::string::npos, json.out);
}
