// The command line: help and version, and a one-line message with exit status 2 for every usage mistake.
#include "support/process.hpp"

#include <doctest/doctest.h>

using kiosk::test::run_kiosk;
using kiosk::test::TempDir;

namespace {

const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

int lines(const std::string& text)
{
    int n = 0;
    for (char c : text)
        n += c == '\n';
    return n;
}

} // namespace

TEST_CASE("--help and --version exit 0")
{
    auto help = run_kiosk({"--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("--windowed") != std::string::npos);
    CHECK(help.out.find("screenshot") != std::string::npos);
    auto version = run_kiosk({"--version"});
    CHECK(version.status == 0);
    CHECK(version.out.rfind("kiosk ", 0) == 0);
    CHECK(version.out.find("Dear ImGui 1.86") != std::string::npos);
}

TEST_CASE("a bad flag or value prints one line and exits 2")
{
    for (auto args : std::vector<std::vector<std::string>> {
             {"--bogus"}, {"--size", "big"}, {"--size", "100x100"}, {"--now", "yesterday"}, {"screenshot"}, {"fly"}}) {
        auto r = run_kiosk(args);
        CAPTURE(args[0]);
        CHECK(r.status == 2);
        CHECK(lines(r.err) == 1);
        CHECK(r.err.rfind("kiosk: ", 0) == 0);
    }
}

TEST_CASE("global options work before and after the subcommand")
{
    TempDir dir;
    auto before = run_kiosk({"--size", "800x480", "screenshot", "--out", dir.file("a.png")});
    CHECK_MESSAGE(before.status == 0, before.err);
    auto after = run_kiosk({"screenshot", "--out", dir.file("b.png"), "--size", "800x480", "--lang", "es"});
    CHECK_MESSAGE(after.status == 0, after.err);
}

TEST_CASE("a bad script line names its file and line and exits 2")
{
    TempDir dir;
    std::string script = dir.write("bad.script", "# taps\ntap 100 100\ntap 100\n");
    // The demo shown as a folder: this is about scripts, not a first start's import (which says so on stderr).
    auto r = run_kiosk({"--windowed", "--size", "800x480", "--bundle", demo, "--script", script});
    CHECK(r.status == 2);
    CHECK(r.err == script + ":3: expected 'tap X Y' or 'tap \"LABEL\"'\n");
    script = dir.write("quote.script", "tap \"Events\"\ntap \"Find a union\n");
    r = run_kiosk({"--windowed", "--size", "800x480", "--bundle", demo, "--script", script});
    CHECK(r.status == 2);
    CHECK(r.err == script + ":2: the quote opened at column 5 is not closed\n");
}

TEST_CASE("a script tapping a label that is not on the screen says which labels are, and exits 1")
{
    TempDir dir;
    // The demo content's home: its tiles, the urgent band and the visitor's settings are there; Back is not.
    std::string script = dir.write("labels.script",
        "expect \"Find a union\"\nexpect \"find A UNION\"\nwait 100\n"
        "tap \"Back\"\n");
    auto r = run_kiosk(
        {"--windowed", "--size", "800x480", "--bundle", demo, "--now", "2026-12-02T10:00", "--script", script});
    CHECK(r.status == 1);
    CHECK_MESSAGE(
        r.err.rfind(script + ":4: no control labelled \"Back\" is on the screen; the labels there are: ", 0) == 0,
        r.err);
    for (const char* label : {"\"Find a union\"", "\"Events\"", "\"Overdose? Get help now\"", "\"Español\"",
             "\"Larger text\"", "\"High contrast\""})
        CHECK_MESSAGE(r.err.find(label) != std::string::npos, label);
}

TEST_CASE("a script taps the scroll cues by their labels: more below glides the list on, more above back")
{
    TempDir dir;
    // The places of the screens bundle fill more than an 800x480 screen: River Street Van shows only after the glide.
    // At the top there is no "more above"; after the glide there is, and a tap on it goes back to the top.
    std::string script = dir.write("arrow.script",
        "wait 200\ntap \"Places near you\"\nwait 500\nexpect \"more below\"\ntap \"more below\"\nwait 1500\n"
        "expect \"River Street Van\"\ntap \"more above\"\nwait 1500\nexpect \"All\"\nexpect \"more above\"\n");
    auto r = run_kiosk({"--windowed", "--size", "800x480", "--bundle", KIOSK_TEST_DATA "/screens", "--now",
        "2026-12-02T10:00", "--lang", "en", "--script", script});
    CHECK(r.status == 1);
    CHECK_MESSAGE(r.err.rfind(script + ":11: no control labelled \"more above\" is on the screen", 0) == 0, r.err);
}

TEST_CASE("a script tapping outside the window says where")
{
    TempDir dir;
    std::string script = dir.write("out.script", "tap 900 100\n");
    auto r = run_kiosk({"--windowed", "--size", "800x480", "--bundle", demo, "--script", script});
    CHECK(r.status == 2);
    CHECK(r.err.find(script + ":1: the point 900,100 is outside the 800x480 window") == 0);
}

TEST_CASE("an unknown --open path or language is refused with what exists")
{
    TempDir dir;
    auto open = run_kiosk({"screenshot", "--out", dir.file("x.png"), "--open", "nowhere"});
    CHECK(open.status == 2);
    CHECK(open.err.find("there is no screen 'nowhere': use home, urgent, about") != std::string::npos);
    auto lang = run_kiosk({"screenshot", "--out", dir.file("x.png"), "--lang", "fr"});
    CHECK(lang.status == 2);
    CHECK(lang.err.find("no language 'fr' (it has en, es)") != std::string::npos);
}

TEST_CASE("settings: a bad value names the key and stops, an unknown key only warns")
{
    TempDir dir;
    std::string bad = dir.write("bad.toml", "idle_seconds = 5\n");
    auto r = run_kiosk({"--config", bad, "screenshot", "--out", dir.file("x.png")});
    CHECK(r.status == 2);
    CHECK(r.err.find(bad + ":1: error: idle_seconds must be") == 0);

    std::string unknown = dir.write("unknown.toml", "idle_seconds = 30\nbrightness = 3\n");
    auto w = run_kiosk({"--config", unknown, "screenshot", "--out", dir.file("y.png")});
    CHECK(w.status == 0);
    CHECK(w.err.find(unknown + ":2: warning: unknown setting 'brightness'") == 0);

    auto missing = run_kiosk({"--config", dir.file("none.toml"), "screenshot", "--out", dir.file("z.png")});
    CHECK(missing.status == 2);
    CHECK(missing.err.find("the file is missing") != std::string::npos);
}
