// Home fits its choices (issue 17): at the four reference sizes every tile, the coming-up events and the urgent band
// show without scrolling, for the demo and for nine sections; with large text at 800x480 the band and four tiles do.
// Measured from the layout: the real kiosk prints its controls' labels and rectangles (the script's `controls`).
#include "support/process.hpp"
#include "support/screen_dump.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

struct Panel {
    int w, h;
    std::string size() const { return std::to_string(w) + "x" + std::to_string(h); }
    // 9 mm in pixels, as the kiosk guesses the diagonal from the resolution (ui/metrics.cpp).
    float touch() const
    {
        int short_side = std::min(w, h);
        float inches = short_side <= 600 ? 7.0f : short_side <= 800 ? 10.1f : 15.6f;
        return 9.0f * std::sqrt(float(w * w + h * h)) / (inches * 25.4f);
    }
};

const Panel panels[] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};

const std::vector<std::string> demo_titles_en = {"What is a drug user union?", "What it can mean for you",
    "Find a union", "Events", "Resources to take with you", "A short history", "Get involved"};
const std::vector<std::string> demo_titles_es = {"¿Qué es un sindicato de usuarios?", "Lo que puede significar para ti",
    "Encuentra un sindicato", "Eventos", "Recursos para llevar", "Un poco de historia", "Participa"};
const std::string urgent_en = "Overdose? Get help now";
const std::string urgent_es = "¿Sobredosis? Busca ayuda ya";

// The demo with two more sections: nine tiles.
std::string nine_sections(const TempDir& dir)
{
    std::string bundle = dir.file("nine");
    fs::copy(demo, bundle, fs::copy_options::recursive);
    std::ofstream toml(bundle + "/bundle.toml", std::ios::app);
    toml << "\n[[sections]]\nid = \"naloxone\"\nkind = \"page\"\npage = \"urgent\"\n"
            "title = { en = \"Naloxone and safer use\", es = \"Naloxona y consumo seguro\" }\n"
            "\n[[sections]]\nid = \"hours\"\nkind = \"page\"\npage = \"act\"\n"
            "title = { en = \"When we are open\", es = \"Cuándo abrimos\" }\n";
    return bundle;
}

// Home's controls at `panel`, after the script lines `before`.
std::vector<Box> home_controls(const TempDir& dir, const std::string& bundle, const Panel& panel,
    const std::string& language, const std::string& before = "")
{
    std::string script = dir.write("home.script", before + "wait 300\ncontrols\n");
    auto r = run_kiosk({"--windowed", "--size", panel.size(), "--bundle", bundle, "--now", "2026-12-01T10:00", "--lang",
        language, "--script", script});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return parse_controls(r.out);
}

// The tallest band across the screen, below the top bar's controls, that no control reaches into.
float tallest_empty_band(const std::vector<Box>& boxes, float screen_h)
{
    std::vector<std::pair<float, float>> spans;
    spans.reserve(boxes.size());
    for (const Box& box : boxes)
        spans.emplace_back(box.y0, box.y1);
    std::sort(spans.begin(), spans.end());
    float reached = 0.0f, tallest = 0.0f;
    for (auto [y0, y1] : spans) {
        tallest = std::max(tallest, y0 - reached);
        reached = std::max(reached, y1);
    }
    return std::max(tallest, screen_h - reached);
}

// Every tile, the coming-up events and the urgent band on screen whole, none over another, the screen used.
void check_fits(const std::vector<Box>& boxes, const Panel& panel, const std::vector<std::string>& titles,
    const std::string& urgent)
{
    const Box* band = find_box(boxes, urgent);
    REQUIRE_MESSAGE(band, "no urgent band");
    CHECK(band->y1 <= float(panel.h));
    CHECK(band->height() >= panel.touch() - 1.0f);
    CHECK_FALSE(find_box(boxes, "more below"));
    float tile_h = 0.0f;
    for (const std::string& title : titles) {
        const Box* box = find_box(boxes, title);
        CHECK_MESSAGE(box, "no tile \"" << title << "\"");
        if (box)
            tile_h = std::max(tile_h, box->height());
    }
    CHECK(tile_h >= panel.touch() - 1.0f);
    // Rows may differ in height (a row of one-line labels is lower on a short panel), but the tiles of a row are
    // equal: a tile cut by the end of the tiles' area would be lower than its neighbours, or missing.
    for (const std::string& title : titles) {
        const Box* box = find_box(boxes, title);
        if (!box)
            continue;
        CAPTURE(title);
        CHECK(box->height() >= panel.touch() - 1.0f);
        for (const std::string& other : titles) {
            const Box* beside = find_box(boxes, other);
            if (beside && std::abs(beside->y0 - box->y0) < 1.0f)
                CHECK(std::abs(beside->height() - box->height()) < 1.0f);
        }
        CHECK(box->y1 <= band->y0);
    }
    // Events are the full-width rows other than the band.
    int events = 0;
    for (const Box& box : boxes)
        events += box.words != urgent && box.x1 - box.x0 > float(panel.w) * 0.8f;
    CHECK(events >= 1);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        for (std::size_t j = i + 1; j < boxes.size(); ++j)
            CHECK_MESSAGE(!overlap(boxes[i], boxes[j]), boxes[i].words << " overlaps " << boxes[j].words);
    }
    CHECK(tallest_empty_band(boxes, float(panel.h)) <= float(panel.h) * 0.15f);
}

} // namespace

TEST_CASE("home shows every tile, the events and the urgent band without scrolling at the four reference sizes")
{
    TempDir dir;
    std::string nine = nine_sections(dir);
    std::vector<std::string> nine_en = demo_titles_en, nine_es = demo_titles_es;
    nine_en.insert(nine_en.end(), {"Naloxone and safer use", "When we are open"});
    nine_es.insert(nine_es.end(), {"Naloxona y consumo seguro", "Cuándo abrimos"});
    for (const Panel& panel : panels) {
        CAPTURE(panel.size());
        check_fits(home_controls(dir, demo, panel, "en"), panel, demo_titles_en, urgent_en);
        check_fits(home_controls(dir, demo, panel, "es"), panel, demo_titles_es, urgent_es);
        check_fits(home_controls(dir, nine, panel, "en"), panel, nine_en, urgent_en);
        check_fits(home_controls(dir, nine, panel, "es"), panel, nine_es, urgent_es);
    }
}

TEST_CASE("with large text at 800x480 home shows the urgent band and four whole tiles, and says more are below")
{
    TempDir dir;
    Panel panel {800, 480};
    for (const std::string& language : {std::string("en"), std::string("es")}) {
        CAPTURE(language);
        auto boxes = home_controls(dir, demo, panel, language,
            "tap \"" + std::string(language == "en" ? "Larger text" : "Texto más grande") + "\"\n");
        const auto& titles = language == "en" ? demo_titles_en : demo_titles_es;
        const Box* band = find_box(boxes, language == "en" ? urgent_en : urgent_es);
        REQUIRE(band);
        CHECK(band->y1 <= float(panel.h));
        // Whole: at least a finger tall, above the band, and ending before the tiles' area does (the row the area's
        // end cuts ends exactly there; a whole last row would too, and is not counted: the test errs on the safe side).
        float area_end = 0.0f;
        for (const std::string& title : titles) {
            if (const Box* box = find_box(boxes, title))
                area_end = std::max(area_end, box->y1);
        }
        int whole = 0;
        for (const std::string& title : titles) {
            const Box* box = find_box(boxes, title);
            whole += box && box->height() >= panel.touch() - 1.0f && box->y1 <= band->y0 && box->y1 < area_end - 0.5f;
        }
        CHECK(whole >= 4);
        const Box* cue = find_box(boxes, "more below");
        REQUIRE(cue);
        for (const Box& box : boxes) {
            bool clear = box.words == "more below" || !overlap(box, *cue);
            CHECK_MESSAGE(clear, box.words << " is under the cue");
        }
    }
}

TEST_CASE("on a 7-inch panel turned upright the bars' buttons never overlap, and every tile label and the band show")
{
    // 480x800: Back, Home, the language, larger text, high contrast and Read aloud do not fit one row: the bar takes
    // two (the settings on the second), on home and on every other screen. Large text stays within twelve lines of
    // text across, tiles go to one column rather than break a word inside ("Even / ts"), and the urgent band grows to
    // hold its words.
    TempDir dir;
    const Panel panel {480, 800};
    for (const std::string language : {"en", "es"}) {
        for (bool large : {false, true}) {
            for (const std::string open : {"home", "resources"}) {
                CAPTURE(language);
                CAPTURE(large);
                CAPTURE(open);
                std::string script = dir.write("narrow.script", "wait 300\ncontrols\n");
                std::vector<std::string> args {"--windowed", "--size", panel.size(), "--bundle", demo, "--now",
                    "2026-12-01T10:00", "--lang", language, "--open", open, "--script", script};
                if (large)
                    args.push_back("--large-text");
                auto r = run_kiosk(args);
                REQUIRE_MESSAGE(r.status == 0, r.err);
                std::vector<Box> boxes = parse_controls(r.out);
                for (std::size_t i = 0; i < boxes.size(); ++i) {
                    CHECK(boxes[i].x0 >= 0.0f);
                    CHECK(boxes[i].x1 <= float(panel.w));
                    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
                        const Box& a = boxes[i];
                        const Box& b = boxes[j];
                        bool inside = (a.x0 <= b.x0 && b.x1 <= a.x1 && a.y0 <= b.y0 && b.y1 <= a.y1)
                            || (b.x0 <= a.x0 && a.x1 <= b.x1 && b.y0 <= a.y0 && a.y1 <= b.y1);
                        CHECK_MESSAGE((!overlap(a, b) || inside), a.words << " overlaps " << b.words);
                    }
                }
                std::vector<std::string> keys = language == "en" ? std::vector<std::string> {"Back", "Home"}
                                                                 : std::vector<std::string> {"Atrás", "Inicio"};
                for (const std::string& label : keys) {
                    if (open != "home")
                        CHECK_MESSAGE(find_box(boxes, label), "no " << label);
                }
                CHECK(find_box(boxes, language == "en" ? urgent_en : urgent_es));
                if (open == "home") {
                    for (const std::string& title : language == "en" ? demo_titles_en : demo_titles_es) {
                        const Box* tile = find_box(boxes, title);
                        CHECK_MESSAGE(tile, "no tile \"" << title << "\"");
                        if (tile) // Wide enough for its longest word: one column of them at most.
                            CHECK(tile->x1 - tile->x0 >= float(panel.w) * (large ? 0.8f : 0.4f));
                    }
                }
            }
        }
    }
}
