// QR views in proportion (issue 17): with large text on a 7-inch 800x480 panel a QR view keeps its title, its hint
// and every character of its address, and an event keeps its name, day, time and place, all inside the window and
// above the overdose help's strip (words that do not fit beside the code scroll, never vanish); and the code itself,
// measured in real screenshots and decoded by zbarimg (zbar-tools, not our code), is 35 to 70 mm on the glass at
// the four reference sizes. The words are read from the real kiosk's `texts` (each line drawn, with its visible
// rectangle), scrolled through with finger drags.
#include "support/image.hpp"
#include "support/process.hpp"
#include "support/screen_dump.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

struct View {
    std::string size = "800x480";
    std::string language = "en";
    bool large = true;
    std::string open;
    std::string bundle = demo;
};

std::string larger_text(const std::string& language)
{
    return language == "es" ? "Texto más grande" : "Larger text";
}

// Runs the kiosk on `view` with `script` after the text size is set; returns its dumps.
std::vector<Dump> run_view(const TempDir& dir, const View& view, const std::string& script)
{
    std::string before = "wait 300\n";
    if (view.large)
        before += "tap \"" + larger_text(view.language) + "\"\nwait 300\n";
    std::string file = dir.write("view.script", before + script + "quit\n");
    auto r = run_kiosk({"--windowed", "--size", view.size, "--bundle", view.bundle, "--now", "2026-12-01T10:00",
        "--lang", view.language, "--open", view.open, "--script", file});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    return parse_dumps(r.out);
}

// The screen's lines of text, first as it opens, then after each drag that moves the words up by less than their
// view's height less a line (the finger held still before it lifts, so nothing flings): every line is whole in some
// dump. The view is found from the first dump: from its first line down to its "more below" cue.
std::vector<Dump> scroll_through(const TempDir& dir, const View& view)
{
    std::vector<Dump> first = run_view(dir, view, "controls\ntexts\n");
    REQUIRE(first.size() == 1);
    REQUIRE_FALSE(first[0].texts.empty());
    const Box* cue = find_box(first[0].controls, "more below");
    if (!cue)
        return first; // Everything fits.
    const Box& top = first[0].texts.front();
    float tallest = 0.0f;
    for (const Box& line : first[0].texts)
        tallest = std::max(tallest, line.height());
    float view_h = cue->y1 - top.y0;
    int step = std::max(8, int((view_h - tallest) * 0.8f));
    int x = int(top.x0) + 10, y = int((cue->y0 + cue->y1) * 0.5f);
    std::string script = "controls\ntexts\n";
    for (int i = 0; i < 40; ++i) {
        script += "down " + std::to_string(x) + " " + std::to_string(y) + "\nmove " + std::to_string(x) + " "
            + std::to_string(y - step) + " 500\nwait 200\nup\nwait 1200\ncontrols\ntexts\n";
    }
    std::vector<Dump> dumps = run_view(dir, view, script);
    REQUIRE(dumps.size() == 41);
    CHECK_MESSAGE(!find_box(dumps.back().controls, "more below"), "the drags did not reach the end of the words");
    return dumps;
}

// Each line's height when whole: the tallest it was in any dump.
std::map<std::string, float> whole_heights(const std::vector<Dump>& dumps)
{
    std::map<std::string, float> heights;
    for (const Dump& dump : dumps) {
        for (const Box& line : dump.texts)
            heights[line.words] = std::max(heights[line.words], line.height());
    }
    return heights;
}

std::vector<std::string> whole_lines(const Dump& dump, const std::map<std::string, float>& heights)
{
    std::vector<std::string> lines;
    for (const Box& line : dump.texts) {
        if (line.height() >= heights.at(line.words) - 0.5f)
            lines.push_back(line.words);
    }
    return lines;
}

// The whole lines of every dump in reading order, each once: a dump after a drag overlaps the one before.
std::vector<std::string> merged_lines(const std::vector<Dump>& dumps)
{
    auto heights = whole_heights(dumps);
    std::vector<std::string> merged;
    for (const Dump& dump : dumps) {
        std::vector<std::string> lines = whole_lines(dump, heights);
        std::size_t overlap = std::min(merged.size(), lines.size());
        while (overlap > 0 && !std::equal(merged.end() - long(overlap), merged.end(), lines.begin()))
            --overlap;
        merged.insert(merged.end(), lines.begin() + long(overlap), lines.end());
    }
    return merged;
}

// Whether some run of consecutive lines, joined with `joint`, is `text`.
bool has_run(const std::vector<std::string>& lines, const std::string& text, const std::string& joint)
{
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string joined;
        for (std::size_t j = i; j < lines.size() && joined.size() < text.size(); ++j) {
            joined += (j == i ? "" : joint) + lines[j];
            if (joined == text)
                return true;
        }
    }
    return false;
}

std::string describe(const std::vector<std::string>& lines)
{
    std::string out;
    for (const std::string& line : lines)
        out += "\n  " + line;
    return out;
}

// Every line of every dump inside the window and above the overdose help's strip, which is there throughout.
void check_inside(const std::vector<Dump>& dumps, int width, const std::string& urgent, const std::string& back)
{
    for (const Dump& dump : dumps) {
        const Box* strip = find_box(dump.controls, urgent);
        REQUIRE_MESSAGE(strip, "no overdose help strip");
        REQUIRE(find_box(dump.controls, back));
        for (const Box& line : dump.texts) {
            CAPTURE(line.words);
            CHECK(line.x0 >= 0.0f);
            CHECK(line.x1 <= float(width));
            CHECK(line.y0 >= 0.0f);
            CHECK(line.y1 <= strip->y0);
        }
    }
}

std::string urgent_title(const std::string& language)
{
    return language == "es" ? "¿Sobredosis? Busca ayuda ya" : "Overdose? Get help now";
}

std::string scan_hint(const std::string& language)
{
    return language == "es" ? "Escanea con la cámara de tu teléfono" : "Scan with your phone camera";
}

// The address as the kiosk writes it: no scheme, no trailing slash.
std::string display_address(std::string url)
{
    for (const char* scheme : {"https://", "http://"}) {
        if (url.rfind(scheme, 0) == 0)
            url = url.substr(std::string(scheme).size());
    }
    if (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

// A copy of the demo with a resource whose address is 113 characters long, with a query.
const std::string long_url = "https://harmreduction.example.org/programs/naloxone-distribution/"
                             "find-a-site-near-you?city=portland&language=en&from=kiosk";

std::string long_link_bundle(const TempDir& dir)
{
    std::string bundle = dir.file("long");
    fs::copy(demo, bundle, fs::copy_options::recursive);
    std::ofstream csv(bundle + "/resources.csv", std::ios::app);
    csv << "naloxone-sites,Where to get naloxone near you,Every place in town that hands out naloxone kits for free.,"
        << long_url << ",Support,Dónde conseguir naloxona cerca de ti,"
        << "Todos los lugares de la ciudad que dan naloxona gratis.,Apoyo\n";
    return bundle;
}

struct Card {
    std::string path, title_en, title_es, url;
};

} // namespace

TEST_CASE("large text keeps the title and address of a QR view at 800x480")
{
    TempDir dir;
    std::string bundle = long_link_bundle(dir);
    const Card cards[] = {
        {"unions/nusu", "National Urban Survivors Union (NUSU)", "National Urban Survivors Union (NUSU)",
            "http://nurbansurvivorunion.org/national-usu/"},
        {"resources/union-list", "List of drug user unions", "Lista de sindicatos de usuarios",
            "https://ncurbansurvivorunion.org/greensboro-urban-survivors-union/drug-user-unions/"},
        {"resources/naloxone-sites", "Where to get naloxone near you", "Dónde conseguir naloxona cerca de ti",
            long_url},
        {"act/link-1", "List of drug user unions", "Lista de sindicatos de usuarios (en inglés)",
            "https://ncurbansurvivorunion.org/greensboro-urban-survivors-union/drug-user-unions/"},
    };
    CHECK(display_address(long_url).size() >= 90);
    for (const Card& card : cards) {
        for (const std::string& language : {std::string("en"), std::string("es")}) {
            CAPTURE(card.path);
            CAPTURE(language);
            View view;
            view.open = card.path;
            view.language = language;
            view.bundle = bundle;
            std::vector<Dump> dumps = scroll_through(dir, view);
            check_inside(dumps, 800, urgent_title(language), language == "es" ? "Atrás" : "Back");
            for (const Dump& dump : dumps) // Close stays, whatever the words do.
                CHECK(find_box(dump.controls, language == "es" ? "Cerrar" : "Close"));
            std::vector<std::string> lines = merged_lines(dumps);
            INFO("lines read: ", describe(lines));
            // The title first, its first line whole on the first screen; the title, the hint and every character of
            // the address on the screen as the words scroll by.
            const std::string& title = language == "es" ? card.title_es : card.title_en;
            std::vector<std::string> first = whole_lines(dumps.front(), whole_heights(dumps));
            REQUIRE_FALSE(first.empty());
            CHECK(title.rfind(first.front(), 0) == 0);
            CHECK(has_run(lines, title, " "));
            CHECK(has_run(lines, scan_hint(language), " "));
            CHECK(has_run(lines, display_address(card.url), ""));
        }
    }
}

TEST_CASE("large text keeps an event's name, day, time and place at 800x480, with a link and without")
{
    struct Event {
        std::string path, name, day, time, place;
        bool linked;
    };
    const Event events[] = {
        {"events/start-a-union-2027-01-12@2027-01-12", "Start a union: info night (example)", "Tuesday, January 12",
            "6:00 PM – 7:30 PM", "Community room", true},
        {"events/holiday-potluck@2026-12-18", "Holiday potluck (example)", "Friday, December 18", "5:00 PM – 7:00 PM",
            "Community room", false},
        {"events/start-a-union-2027-01-12@2027-01-12", "Crea un sindicato: noche informativa (ejemplo)",
            "Martes, 12 de enero", "18:00 – 19:30", "Sala comunitaria", true},
        {"events/holiday-potluck@2026-12-18", "Comida de las fiestas (ejemplo)", "Viernes, 18 de diciembre",
            "17:00 – 19:00", "Sala comunitaria", false},
    };
    TempDir dir;
    for (const Event& event : events) {
        bool spanish = event.day.rfind("Martes", 0) == 0 || event.day.rfind("Viernes", 0) == 0;
        std::string language = spanish ? "es" : "en";
        CAPTURE(event.path);
        CAPTURE(language);
        View view;
        view.open = event.path;
        view.language = language;
        std::vector<Dump> dumps = scroll_through(dir, view);
        check_inside(dumps, 800, urgent_title(language), language == "es" ? "Atrás" : "Back");
        std::vector<std::string> lines = merged_lines(dumps);
        INFO("lines read: ", describe(lines));
        for (const std::string& fact : {event.name, event.day, event.time, event.place})
            CHECK_MESSAGE(has_run(lines, fact, " "), fact);
        if (!event.linked) {
            // Without a code beside them, all four are whole on the first screen.
            std::vector<std::string> first = whole_lines(dumps.front(), whole_heights(dumps));
            INFO("whole on the first screen: ", describe(first));
            for (const std::string& fact : {event.name, event.day, event.time, event.place})
                CHECK_MESSAGE(has_run(first, fact, " "), fact);
        } else {
            CHECK(has_run(lines, scan_hint(language), " "));
        }
    }
}

namespace {

// The millimetres per pixel the kiosk takes for a panel of this size (ui/metrics.cpp: the diagonal guessed from the
// resolution when nobody says).
float px_per_mm(int w, int h)
{
    int short_side = std::min(w, h);
    float inches = short_side <= 600 ? 7.0f : short_side <= 800 ? 10.1f : 15.6f;
    return std::sqrt(float(w * w + h * h)) / (inches * 25.4f);
}

// The bounding box of the pure black pixels: the code's dark modules (nothing else on a visitor screen is black).
struct Square {
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
    int width() const { return x1 - x0 + 1; }
    int height() const { return y1 - y0 + 1; }
};

Square dark_square(const Image& image)
{
    Square s;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const std::uint8_t* p = image.at(x, y);
            if (p[0] == 0 && p[1] == 0 && p[2] == 0) {
                s.x0 = std::min(s.x0, x);
                s.y0 = std::min(s.y0, y);
                s.x1 = std::max(s.x1, x);
                s.y1 = std::max(s.y1, y);
            }
        }
    }
    return s;
}

std::string zbar(const std::string& png)
{
    std::string command = "zbarimg -q --raw '" + png + "' 2>/dev/null";
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
            out.append(buffer, n);
        pclose(pipe);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    return out;
}

} // namespace

TEST_CASE("the QR code is 35 to 70 mm on the glass at the four reference sizes, and decodes")
{
    struct Code {
        std::string path, url;
    };
    const Code codes[] = {
        {"unions/nusu", "http://nurbansurvivorunion.org/national-usu/"},
        {"resources/union-list", "https://ncurbansurvivorunion.org/greensboro-urban-survivors-union/drug-user-unions/"},
        {"resources/duu-podcast", "https://tinyurl.com/DUUpodcast"},
        {"history/link-1", "https://inpud.net/vancouver-declaration/"},
        {"events/start-a-union-2027-01-12@2027-01-12",
            "https://ncurbansurvivorunion.org/greensboro-urban-survivors-union/drug-user-unions/"},
    };
    const std::pair<int, int> sizes[] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};
    TempDir dir;
    for (auto [w, h] : sizes) {
        for (const Code& code : codes) {
            for (bool large : {false, true}) {
                std::string size = std::to_string(w) + "x" + std::to_string(h);
                CAPTURE(size);
                CAPTURE(code.path);
                CAPTURE(large);
                std::string shot = dir.file("qr.png");
                View view;
                view.size = size;
                view.open = code.path;
                view.large = large;
                run_view(dir, view, "shot " + shot + "\n");
                REQUIRE(zbar(shot) == code.url);
                Image image = load_png(shot);
                Square square = dark_square(image);
                REQUIRE(square.x1 >= 0);
                CHECK(square.width() == square.height());
                float mm = float(square.width()) / px_per_mm(w, h);
                CAPTURE(mm);
                CHECK(mm >= 35.0f);
                CHECK(mm <= 70.0f);
            }
        }
    }
}
