// The urgent page opens with its actions: on a 7-inch 800x480 panel the demo's three blocks are whole on the first
// screen, in English and in Spanish, and with large text the first one still is; a bundle without actions shows its
// page as before. Measured twice: each block is a control with its words (scripts expect it by label), and in the
// screenshot each block is a run of rows in the urgent colour whose foot is followed by the page's background.
#include "support/image.hpp"
#include "support/process.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace kiosk::test;

namespace {

const std::string demo = KIOSK_SOURCE_DIR "/data/demo";
const std::string no_actions = KIOSK_TEST_DATA "/screens";

RunResult run_urgent(
    const TempDir& dir, const std::string& bundle, const std::string& language, const std::string& text)
{
    std::string script = dir.write("test.script", text);
    return run_kiosk({"--windowed", "--size", "800x480", "--bundle", bundle, "--now", "2026-12-02T10:00", "--lang",
        language, "--open", "urgent", "--script", script});
}

bool near(const std::uint8_t* pixel, int r, int g, int b, int tolerance)
{
    return std::abs(pixel[0] - r) <= tolerance && std::abs(pixel[1] - g) <= tolerance
        && std::abs(pixel[2] - b) <= tolerance;
}

// assets/theme.toml's urgent colour (#B3261E) and background (#F6F3EE).
bool urgent_colour(const std::uint8_t* pixel)
{
    return near(pixel, 0xB3, 0x26, 0x1E, 6);
}

bool background(const std::uint8_t* pixel)
{
    return near(pixel, 0xF6, 0xF3, 0xEE, 6);
}

struct Run {
    int top = 0, bottom = 0; // Rows [top, bottom).
};

// The runs of rows that hold the urgent colour in the middle half of the screen, top to bottom: the urgent page's
// bar first, then each action block (the words inside a block are white, but every row of it has red beside them).
// Runs of a few rows (an edge's anti-aliasing under the bar) are left out.
std::vector<Run> urgent_runs(const Image& image)
{
    std::vector<Run> runs;
    bool in_run = false;
    for (int y = 0; y < image.height; ++y) {
        bool red = false;
        for (int x = image.width / 4; x < image.width * 3 / 4 && !red; ++x)
            red = urgent_colour(image.at(x, y));
        if (red && !in_run)
            runs.push_back({y, y + 1});
        else if (red)
            runs.back().bottom = y + 1;
        in_run = red;
    }
    std::erase_if(runs, [](const Run& run) { return run.bottom - run.top < 4; });
    return runs;
}

// Whether `run` is a whole block on screen: taller than a line of text, and ending above the screen's foot on the
// page's own background (not under the fade that says there is more below).
bool whole_block(const Image& image, const Run& run)
{
    return run.bottom - run.top >= 40 && run.bottom < image.height && background(image.at(image.width / 2, run.bottom));
}

std::string describe(const std::vector<Run>& runs)
{
    std::string out;
    for (const Run& run : runs)
        out += "[" + std::to_string(run.top) + ", " + std::to_string(run.bottom) + ") ";
    return out;
}

} // namespace

TEST_CASE("the urgent page opens with its three actions, whole on the first screen of an 800x480 panel")
{
    struct Case {
        const char* language;
        std::vector<std::string> actions;
    };
    const Case cases[] = {
        {"en", {"Call 911", "Naloxone is free at the front desk: ask any staff member", "Tell staff now"}},
        {"es", {"Llama al 911", "La naloxona es gratis en la recepción: pídela al personal", "Avisa al personal ya"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.language);
        TempDir dir;
        std::string shot = dir.file("urgent.png");
        std::string script = "wait 300\nexpect urgent\n";
        for (const std::string& action : c.actions)
            script += "expect \"" + action + "\"\n";
        script += "shot " + shot + "\n";
        auto r = run_urgent(dir, demo, c.language, script);
        REQUIRE_MESSAGE(r.status == 0, r.err);
        Image image = load_png(shot);
        REQUIRE(image.width == 800);
        std::vector<Run> runs = urgent_runs(image);
        INFO("urgent-coloured rows: ", describe(runs));
        REQUIRE(runs.size() >= 4); // The bar, then the three blocks.
        CHECK(runs[0].top == 0);
        for (std::size_t i = 1; i <= 3; ++i)
            CHECK(whole_block(image, runs[i]));
        CHECK(runs.size() == 4); // Nothing else on the page is in the urgent colour.
    }
}

TEST_CASE("with large text the first action is still whole on the first screen")
{
    TempDir dir;
    std::string shot = dir.file("large.png");
    auto r = run_urgent(
        dir, demo, "en", "wait 300\ntap \"Larger text\"\nwait 300\nexpect \"Call 911\"\nshot " + shot + "\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    Image image = load_png(shot);
    std::vector<Run> runs = urgent_runs(image);
    INFO("urgent-coloured rows: ", describe(runs));
    REQUIRE(runs.size() >= 2);
    CHECK(whole_block(image, runs[1]));
}

TEST_CASE("an urgent page without actions shows its Markdown first, as before")
{
    TempDir dir;
    std::string shot = dir.file("plain.png");
    auto r = run_urgent(dir, no_actions, "en", "wait 300\nexpect urgent\nshot " + shot + "\n");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::vector<Run> runs = urgent_runs(load_png(shot));
    INFO("urgent-coloured rows: ", describe(runs));
    CHECK(runs.size() == 1); // The bar alone.
}
