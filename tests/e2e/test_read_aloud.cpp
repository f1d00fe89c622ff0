// Read aloud on the running kiosk (issue 19), by scripts on the small test bundle at 800x480: what each screen says
// when it is turned on (the same words `kiosk speak` prints), touch exploration (a tap says and does not choose, a
// double tap chooses, a slide reads what it passes), the 3-second hold, the Stop, the keypad, and the idle reset in
// the middle of speech. Scripts print what the kiosk says, an utterance a line ("say en: ..."); the voice itself is
// SDL's dummy audio device here (tests/CMakeLists.txt), and test_speak.cpp listens to real audio.
#include "support/files.hpp"
#include "support/image.hpp"
#include "support/process.hpp"
#include "support/screen_dump.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <doctest/doctest.h>
#include <sstream>

using namespace kiosk::test;

namespace {

const std::string bundle = KIOSK_TEST_DATA "/screens";
const std::string now = "2026-12-02T10:00";

RunResult run_script(const TempDir& dir, const std::string& text, const std::string& open = "home",
    const std::string& language = "en", const std::vector<std::string>& more = {})
{
    std::string script = dir.write("test.script", text);
    std::vector<std::string> args {"--windowed", "--size", "800x480", "--bundle", bundle, "--now", now, "--open", open,
        "--lang", language, "--script", script};
    args.insert(args.end(), more.begin(), more.end());
    return run_kiosk(args);
}

// The lines a script printed that start with `prefix`, without it.
std::vector<std::string> lines_after(const std::string& out, const std::string& prefix)
{
    std::vector<std::string> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(prefix, 0) == 0)
            lines.push_back(line.substr(prefix.size()));
    }
    return lines;
}

std::vector<std::string> said(const std::string& out, const std::string& language = "en")
{
    return lines_after(out, "say " + language + ": ");
}

// `kiosk speak`'s utterances for a screen, each ending as a sentence as the live kiosk joins them.
std::vector<std::string> speak_lines(const TempDir& dir, const std::string& path, const std::string& language)
{
    auto r = run_kiosk({"speak", "--bundle", bundle, "--now", now, "--open", path, "--lang", language, "--out",
        dir.file("speak.wav")});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<std::string> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) {
        char last = line.empty() ? '.' : line.back();
        if (last != '.' && last != '!' && last != '?' && last != ':' && last != ';')
            line += '.';
        lines.push_back(line);
    }
    return lines;
}

bool contains(const std::vector<std::string>& lines, const std::string& words)
{
    for (const std::string& line : lines) {
        if (line.find(words) != std::string::npos)
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("turned on, read aloud says that it is on, then each kind of screen from the top, in English and Spanish")
{
    TempDir dir;
    // Home, a page, the urgent page, a card list, a card's QR view, a card's details, the agenda, an event, a page
    // link's QR view.
    const char* paths[] = {"home", "guide", "urgent", "places", "places/north-desk", "places/market-corner", "events",
        "links", "guide/link-1"};
    for (const std::string language : {"en", "es"}) {
        for (const std::string path : paths) {
            CAPTURE(language);
            CAPTURE(path);
            auto r = run_script(dir,
                "wait 300\ntap \"" + std::string(language == "en" ? "Read aloud" : "Leer en voz alta")
                    + "\"\nwait 300\n",
                path, language);
            REQUIRE_MESSAGE(r.status == 0, r.err);
            std::vector<std::string> lines = said(r.out, language);
            REQUIRE(lines.size() >= 2);
            CHECK(lines.front().find(language == "en" ? "Read aloud is on" : "lectura en voz alta está activada")
                != std::string::npos);
            std::vector<std::string> screen(lines.begin() + 1, lines.end());
            CHECK(screen == speak_lines(dir, path, language));
            CHECK(r.out.find("screen: ") == std::string::npos); // Nothing opened.
        }
    }
}

TEST_CASE("touch exploration: a tap says what is under the finger and chooses nothing, and a double tap chooses it")
{
    TempDir dir;
    auto r = run_script(dir,
        "tap \"Read aloud\"\nwait 300\ntap \"Places near you\"\nwait 600\nexpect home\n"
        "tap 400 470\nwait 100\ntap 400 470\nwait 600\nexpect places\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<std::string> lines = said(r.out);
    // The tile's words once tapped; then, after the double tap elsewhere, the new screen from its top.
    auto tapped = std::find(lines.begin(), lines.end(), "Places near you");
    REQUIRE(tapped != lines.end());
    CHECK(std::find(tapped + 1, lines.end(), "Places near you.") != lines.end()); // The list's title, said anew.
    CHECK(lines_after(r.out, "screen: ") == std::vector<std::string> {"places"});
    // A double tap before anything was said says how, and chooses nothing.
    r = run_script(dir, "tap \"Read aloud\"\nwait 300\ntap 400 300\nwait 100\ntap 400 300\nwait 600\nexpect home\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(contains(said(r.out), "then double tap to choose it"));
}

TEST_CASE("touch exploration: a finger sliding over home reads each tile it passes, once")
{
    TempDir dir;
    std::string dump = run_script(dir, "controls\n").out;
    std::vector<Box> controls = parse_controls(dump);
    const Box* first = find_box(controls, "How the center works");
    const Box* last = find_box(controls, "Overdose? Get help");
    REQUIRE(first);
    REQUIRE(last);
    std::ostringstream drag;
    drag << "tap \"Read aloud\"\nwait 300\ndrag " << int((first->x0 + first->x1) / 2) << " "
         << int((first->y0 + first->y1) / 2) << " " << int((first->x0 + first->x1) / 2) << " "
         << int((last->y0 + last->y1) / 2) << " 1500\nwait 600\nexpect home\n";
    auto r = run_script(dir, drag.str());
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<std::string> lines = said(r.out);
    auto from = std::find(lines.begin(), lines.end(), "How the center works");
    REQUIRE(from != lines.end());
    std::vector<std::string> passed(from, lines.end());
    CHECK(passed.size() >= 3);
    CHECK(passed.back() == "Overdose? Get help");
    for (std::size_t i = 1; i < passed.size(); ++i)
        CHECK(passed[i] != passed[i - 1]); // Each once while the finger stays on it.
    CHECK(lines_after(r.out, "screen: ").empty());
}

TEST_CASE("holding one finger still for 3 seconds turns read aloud on and says so, and a shorter press does not")
{
    TempDir dir;
    auto r = run_script(dir, "press 400 300 2500\nwait 300\nexpect home\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(said(r.out).empty());
    r = run_script(dir, "press 400 300 3200\nwait 300\nexpect home\nexpect \"Stop\"\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<std::string> lines = said(r.out);
    REQUIRE(!lines.empty());
    CHECK(lines.front().find("Read aloud is on") != std::string::npos);
    CHECK(lines_after(r.out, "screen: ").empty()); // The press chose nothing under it.
    // Held on one of the attract loop's buttons, it speaks that button's language, as a tap there would show it.
    r = run_script(dir, "at 61000\npress \"Toca la pantalla para empezar\" 3200\nwait 300\nexpect home\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(said(r.out, "en").empty());
    lines = said(r.out, "es");
    REQUIRE(!lines.empty());
    CHECK(lines.front().find("lectura en voz alta está activada") != std::string::npos);
}

TEST_CASE("the big Stop quiets the voice at the first touch, and a screen change says the new screen")
{
    TempDir dir;
    auto r = run_script(dir, "tap \"Read aloud\"\nwait 300\nexpect \"Stop\"\ntap \"Stop\"\nwait 600\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.out.find("speech: quiet") != std::string::npos);
    CHECK(lines_after(r.out, "screen: ").empty());
}

TEST_CASE("a keypad walks every control of home in order, says each, and Enter opens a section")
{
    TempDir dir;
    std::string config = dir.write("kiosk.toml", "keypad = true\n");
    std::vector<std::string> labels;
    for (const Box& box : parse_controls(run_script(dir, "controls\n").out)) {
        if (box.words != "staff corner")
            labels.push_back(box.words);
    }
    REQUIRE(labels.size() >= 6);
    std::string keys;
    for (std::size_t i = 0; i < labels.size(); ++i)
        keys += "key Down\nwait 100\n";
    auto r = run_script(dir, keys, "home", "en", {"--config", config});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(said(r.out) == labels);
    // Down to the second tile, Up back to the first, Enter: its section opens and is said.
    std::size_t tile = std::size_t(std::find(labels.begin(), labels.end(), "How the center works") - labels.begin());
    REQUIRE(tile < labels.size());
    std::string walk;
    for (std::size_t i = 0; i <= tile + 1; ++i)
        walk += "key Down\n";
    walk += "key Up\nkey Return\nwait 600\nexpect guide\nkey F1\nwait 100\n";
    r = run_script(dir, walk, "home", "en", {"--config", config});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<std::string> lines = said(r.out);
    CHECK(contains(lines, "How the center works."));                                        // The page, said anew.
    CHECK(contains(lines, "You are on: How the center works. Use the arrow keys to move")); // The help key.
    // Without keypad = true, keys do nothing.
    r = run_script(dir, "key Down\nkey Return\nwait 300\nexpect home\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(said(r.out).empty());
}

TEST_CASE("the idle reset in the middle of speech quiets it in that frame, and home looks as nobody touched it")
{
    TempDir dir;
    std::string touched = dir.file("touched.png"), untouched = dir.file("untouched.png");
    auto r = run_script(dir,
        "tap \"Read aloud\"\nwait 300\ntap \"Places near you\"\nwait 600\nexpect \"Stop\"\nat 61000\nshot " + touched
            + "\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::string out = r.out;
    auto idle = out.find("screen: home (idle)");
    REQUIRE(idle != std::string::npos);
    CHECK(out.find("speech: quiet", idle) == out.find('\n', idle) + 1); // The very next thing: quiet.
    r = run_script(dir, "at 61000\nshot " + untouched + "\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    Image a = load_png(touched), b = load_png(untouched);
    REQUIRE(a.width == b.width);
    CHECK(a.rgb == b.rgb);
}

TEST_CASE("the live kiosk's voice reaches the sound card: SDL's disk driver captures speech pocketsphinx can hear")
{
    TempDir dir;
    std::string audio = dir.file("audio.raw");
    // SDL's disk audio driver stands in for the sound card: it writes what the device would play, in real time.
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", audio.c_str(), 1);
    auto r = run_script(dir, "wait 300\ntap \"Read aloud\"\nlisten 7000\n");
    unsetenv("SDL_AUDIODRIVER");
    unsetenv("SDL_DISKAUDIOFILE");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::string bytes = read_text(audio);
    std::vector<std::int16_t> samples(bytes.size() / 2);
    std::memcpy(samples.data(), bytes.data(), samples.size() * 2); // The device's format: 16-bit mono, 22,050 Hz.
    int peak = 0;
    for (std::int16_t s : samples)
        peak = std::max(peak, std::abs(int(s)));
    CHECK(peak > 3000);
    CHECK(double(samples.size()) / 22050.0 > 3.0);

    const std::string model = "/usr/share/pocketsphinx/model/en-us";
    if (shell("command -v pocketsphinx_continuous").empty()
        || shell("test -d " + model + "/en-us && echo yes") != "yes") {
        MESSAGE("pocketsphinx or pocketsphinx-en-us is not installed: not checked");
        return;
    }
    std::string heard = shell("pocketsphinx_continuous -infile " + audio + " -samprate 22050 -nfft 1024 -hmm " + model
        + "/en-us -lm " + model + "/en-us.lm.bin -dict " + model + "/cmudict-en-us.dict -logfn /dev/null 2>/dev/null");
    MESSAGE("pocketsphinx heard: \"", heard, "\"");
    int found = 0;
    for (const char* word : {"read", "aloud", "touch", "screen", "hear", "double", "choose"})
        found += (" " + heard + " ").find(std::string(" ") + word + " ") != std::string::npos ? 1 : 0;
    CHECK(found >= 3);
}

TEST_CASE("a double tap chooses the control said even where the big Stop now covers its middle")
{
    TempDir dir;
    const std::string demo = KIOSK_SOURCE_DIR "/data/demo";
    // The first layout of the demo's home where the Stop, drawn while read aloud speaks, covers a tile's middle.
    for (const char* size : {"1280x800", "800x480", "1920x1080", "1080x1920"}) {
        auto run = [&](const std::string& text) {
            return run_kiosk({"--windowed", "--size", size, "--large-text", "--bundle", demo, "--now", now, "--script",
                dir.write("stop.script", text)});
        };
        auto r = run("wait 300\ntap \"Read aloud\"\nwait 300\nexpect \"Stop\"\ncontrols\n");
        REQUIRE_MESSAGE(r.status == 0, r.err);
        std::vector<Box> controls = parse_controls(r.out);
        const Box* stop = find_box(controls, "Stop");
        REQUIRE(stop);
        const Box* tile = nullptr;
        for (const Box& box : controls) {
            float mx = (box.x0 + box.x1) / 2, my = (box.y0 + box.y1) / 2;
            bool covered = mx > stop->x0 && mx < stop->x1 && my > stop->y0 && my < stop->y1;
            if (covered && box.words != "Stop" && (box.y1 > stop->y1 + 8 || box.y0 < stop->y0 - 8)) {
                tile = &box;
                break;
            }
        }
        if (!tile)
            continue;
        CAPTURE(size);
        CAPTURE(tile->words);
        // Touch the tile where the Stop leaves it showing, then double tap far away.
        float y = tile->y1 > stop->y1 + 8 ? tile->y1 - 4 : tile->y0 + 4;
        std::ostringstream script;
        script << "wait 300\ntap \"Read aloud\"\nwait 300\ntap " << int((tile->x0 + tile->x1) / 2) << " " << int(y)
               << "\nwait 500\nexpect \"Stop\"\ntap 20 300\nwait 100\ntap 20 300\nwait 600\n";
        r = run(script.str());
        REQUIRE_MESSAGE(r.status == 0, r.err);
        CHECK(contains(said(r.out), tile->words));
        CHECK(lines_after(r.out, "screen: ").size() == 1); // It opened.
        return;
    }
    FAIL("no layout of the demo's home has a tile under the Stop: choose another case for this test");
}

TEST_CASE("on a 7-inch panel with no room for the hint, home's Listen button says it in each language and turns it on")
{
    // The demo's seven sections at 800x480 leave no room to write how to turn read aloud on: the cells beside the
    // last row hold a button instead, "Listen" in every language of the content; with six sections in Spanish, whose
    // longer titles take two columns and every row, it goes under them.
    TempDir dir;
    const std::string demo = KIOSK_SOURCE_DIR "/data/demo";
    std::string six = dir.file("six");
    shell("cp -r '" + demo + "' '" + six + "'");
    std::string toml = read_text(six + "/bundle.toml");
    std::size_t act = toml.find("[[sections]]\nid = \"act\"");
    REQUIRE(act != std::string::npos);
    toml.erase(act, toml.find("\n\n", act) + 2 - act);
    write_text(six + "/bundle.toml", toml);
    struct Case {
        std::string bundle, language, label, size = "800x480";
        bool large = false;
    };
    // Each language's word chooses its language: "Escuchar" tapped on an English home speaks Spanish.
    for (const Case& c : {Case {demo, "en", "Listen"}, Case {demo, "es", "Escuchar"}, Case {six, "es", "Escuchar"},
             Case {demo, "en", "Escuchar"}}) {
        CAPTURE(c.bundle);
        CAPTURE(c.language);
        CAPTURE(c.size);
        std::string script = dir.write("listen.script",
            "wait 300\ncontrols\ntexts\ntap \"" + c.label + "\"\nwait 300\nexpect home\ntap \"" + c.label
                + "\"\nwait 600\n");
        std::vector<std::string> args {"--windowed", "--size", c.size, "--bundle", c.bundle, "--now", now, "--lang",
            c.language, "--script", script};
        if (c.large)
            args.push_back("--large-text");
        auto r = run_kiosk(args);
        REQUIRE_MESSAGE(r.status == 0, r.err);
        // Both languages' words are on it, whole, and it overlaps no tile and stays above the overdose band.
        std::vector<std::string> texts = lines_after(r.out, "text: ");
        CHECK(contains(texts, "Listen"));
        CHECK(contains(texts, "Escuchar"));
        struct Box {
            int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        };
        Box button;
        std::vector<Box> others;
        for (const std::string& line : lines_after(r.out, "control: ")) {
            Box box;
            char label[200] = {};
            REQUIRE(std::sscanf(line.c_str(), "%d %d %d %d %199[^\n]", &box.x0, &box.y0, &box.x1, &box.y1, label) == 5);
            if (std::string(label) == c.label)
                button = box;
            else if (box.y0 > 80) // Below the bar.
                others.push_back(box);
        }
        REQUIRE(!others.empty());
        CHECK(button.y1 - button.y0 >= 40); // At least a touch target's 9 mm on a 7-inch panel (5.2 px a mm).
        for (const Box& other : others) {
            bool apart
                = button.x1 <= other.x0 || other.x1 <= button.x0 || button.y1 <= other.y0 || other.y1 <= button.y0;
            CHECK(apart);
        }
        // Tapped, it turns read aloud on and opens nothing; tapped again while on (exploring), it says how to turn
        // it off rather than its label.
        std::string heard = c.label == "Listen" ? "en" : "es";
        CHECK(said(r.out, heard == "en" ? "es" : "en").empty());
        std::vector<std::string> lines = said(r.out, heard);
        REQUIRE(lines.size() >= 2);
        CHECK(lines.front().find(heard == "en" ? "Read aloud is on" : "lectura en voz alta está activada")
            != std::string::npos);
        CHECK(lines.back().find(heard == "en" ? "Double tap to turn it off" : "Toca dos veces para desactivarla")
            != std::string::npos);
        CHECK(lines_after(r.out, "screen: ").empty());
    }
}

TEST_CASE("a tile with the same words as the Read aloud control is read as itself, not as the control")
{
    TempDir dir;
    std::string copy = dir.file("demo");
    shell("cp -r '" KIOSK_SOURCE_DIR "/data/demo' '" + copy + "'");
    std::string toml = read_text(copy + "/bundle.toml");
    std::size_t title = toml.find("{ en = \"Get involved\"");
    REQUIRE(title != std::string::npos);
    toml.replace(title, std::strlen("{ en = \"Get involved\""), "{ en = \"Read aloud\"");
    write_text(copy + "/bundle.toml", toml);
    // The bar's control comes first among the controls so labelled: `tap "Read aloud"` turns it on. The tile sits
    // at the start of the last row at 800x480.
    std::string script = dir.write("tile.script", "tap \"Read aloud\"\nwait 300\ntap 135 362\nwait 600\nexpect home\n");
    auto r = run_kiosk(
        {"--windowed", "--size", "800x480", "--bundle", copy, "--now", now, "--lang", "en", "--script", script});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<std::string> lines = said(r.out);
    REQUIRE(!lines.empty());
    CHECK(lines.back() == "Read aloud");
    CHECK_FALSE(contains(lines, "Double tap to turn it off"));
}

TEST_CASE(
    "home says how to turn read aloud on at the four reference sizes, in both languages, with and without large text")
{
    // In words, in every language of the content; or with the Listen button where the words have no room; or, with
    // large text, at the end of the tiles, which then scroll (the scroll cue shows there is more).
    TempDir dir;
    const std::string demo = KIOSK_SOURCE_DIR "/data/demo";
    std::string script = dir.write("hint.script", "wait 300\ncontrols\ntexts\n");
    for (const std::string size : {"800x480", "1280x800", "1920x1080", "1080x1920"}) {
        for (const std::string language : {"en", "es"}) {
            for (bool large : {false, true}) {
                CAPTURE(size);
                CAPTURE(language);
                CAPTURE(large);
                std::vector<std::string> args {"--windowed", "--size", size, "--bundle", demo, "--now", now, "--lang",
                    language, "--script", script};
                if (large)
                    args.push_back("--large-text");
                auto r = run_kiosk(args);
                REQUIRE_MESSAGE(r.status == 0, r.err);
                std::vector<std::string> texts = lines_after(r.out, "text: ");
                std::vector<std::string> controls = lines_after(r.out, "control: ");
                bool written = contains(texts, "hold a finger on it") && contains(texts, "mantén un dedo");
                bool button = contains(controls, " Listen") && contains(controls, " Escuchar");
                bool scrolls = large && contains(controls, " more below");
                CHECK((written || button || scrolls));
            }
        }
    }
}
