// Text content may put on a screen: marks piled on one letter, invisible and control characters are left out (with a
// warning at their line), real writing is untouched, and no text, however long, reaches ImGui in one call it would
// abort on.
#include "content/csv.hpp"
#include "content/event.hpp"
#include "content/markdown.hpp"
#include "content/text_util.hpp"
#include "ui/rich_text.hpp"
#include "ui/widgets.hpp"

#include <csignal>
#include <cstdio>
#include <doctest/doctest.h>
#include <imgui.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

using namespace kiosk;

namespace {

std::string repeat(const std::string& piece, int times)
{
    std::string out;
    for (int i = 0; i < times; ++i)
        out += piece;
    return out;
}

const std::string acute = "\xCC\x81";          // U+0301 COMBINING ACUTE ACCENT
const std::string zero_width = "\xE2\x80\x8B"; // U+200B ZERO WIDTH SPACE
const std::string rlo = "\xE2\x80\xAE";        // U+202E RIGHT-TO-LEFT OVERRIDE

const Diagnostic* find_warning(const Diagnostics& d, const std::string& words)
{
    for (const Diagnostic& x : d.all())
        if (x.message.find(words) != std::string::npos)
            return &x;
    return nullptr;
}

} // namespace

TEST_CASE("a flood of combining marks on one letter keeps only the first few")
{
    DisplayTextChanges changes;
    std::string text = "Peer meeting e" + repeat(acute, 17000) + " tonight";
    std::string bounded = bound_display_text(text, &changes);
    CHECK(bounded == "Peer meeting e" + repeat(acute, max_marks_per_character) + " tonight");
    CHECK(changes.marks == 17000 - max_marks_per_character);
    CHECK(changes.invisible == 0);
    CHECK(changes.first == std::string("Peer meeting e").size() + max_marks_per_character * acute.size());
    CHECK(display_text_message(changes).find("accents piled on single letters") != std::string::npos);
}

TEST_CASE("invisible, bidi and control characters are dropped, line breaks, tabs and a leading BOM stay")
{
    DisplayTextChanges changes;
    std::string text = "\xEF\xBB\xBF"
                       "Call"
        + zero_width + " 911" + rlo
        + "\tnow\r\nfree\x07"
          "\xC2\x85"
          "\xC2\xAD"
        + "\xEF\xBB\xBF" + "!";
    std::string bounded = bound_display_text(text, &changes);
    CHECK(bounded
        == "\xEF\xBB\xBF"
           "Call 911\tnow\r\nfree!");
    CHECK(changes.invisible == 6); // ZWSP, RLO, BEL, NEL (C1), soft hyphen, a BOM inside the text.
    CHECK(changes.first == 7);
    CHECK(bound_display_text("one\xE2\x80\xA8two") == "one two"); // A line separator is a space.
}

TEST_CASE("real writing passes unchanged")
{
    for (std::string text : {"Año nuevo, reunión: ¿vienes?", "Vie\xCC\xA3\xCC\x82t Nam", // Two stacked marks.
             "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7\xE0\xA4\xA4\xE0\xA5\x8D\xE0\xA4\xB0\xE0\xA4\xBF", // Hindi.
             "Наркопотребители", "日本語のテキスト", "Tab\there\nand a new line"}) {
        DisplayTextChanges changes;
        CHECK(bound_display_text(text, &changes) == text);
        CHECK_FALSE(changes.any());
    }
}

TEST_CASE("a Markdown page with a flood warns at its line and shows the bounded text")
{
    Diagnostics d;
    std::string page
        = "# Welcome\n\nFirst paragraph.\n\nTap here" + zero_width + rlo + " o" + repeat(acute, 500) + "k\n";
    Document doc = parse_markdown(page, "pages/welcome.md", d);
    const Diagnostic* w = find_warning(d, "left out");
    REQUIRE(w);
    CHECK(w->severity == Severity::Warning);
    CHECK(w->file == "pages/welcome.md");
    CHECK(w->line == 5);
    CHECK(w->message.find("2 invisible") != std::string::npos);
    std::string all;
    for (const Block& b : doc.blocks)
        for (const Span& s : b.spans)
            all += s.text;
    CHECK(all.find(zero_width) == std::string::npos);
    CHECK(all.find("Tap here o" + repeat(acute, max_marks_per_character) + "k") != std::string::npos);
}

TEST_CASE("a CSV cell with a flood warns at its line")
{
    Diagnostics d;
    std::string csv = "title,description\nNaloxone,Free at the desk\nFlood,a" + repeat(acute, 300) + "\n";
    auto table = parse_csv(csv, "cards/resources.csv", d, CsvLimits {});
    REQUIRE(table);
    const Diagnostic* w = find_warning(d, "left out");
    REQUIRE(w);
    CHECK(w->line == 3);
    CHECK(table->rows.back().fields[1] == "a" + repeat(acute, max_marks_per_character));
}

TEST_CASE("a calendar event with a flood warns at the event and keeps a bounded title")
{
    std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:flood@test\r\n"
                      "DTSTAMP:20261201T000000Z\r\nDTSTART:20261210T180000Z\r\nSUMMARY:X"
        + repeat(acute, 17000) + zero_width + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    Diagnostics d;
    std::vector<Event> events = read_ics(ics, "calendars/flood.ics", {"en"}, d, IcsLimits {});
    REQUIRE(events.size() == 1);
    CHECK(events[0].title.in("en", "en") == "X" + repeat(acute, max_marks_per_character));
    const Diagnostic* w = find_warning(d, "left out");
    REQUIRE(w);
    CHECK(w->line == 4);
}

namespace {

const char* const noto = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";

// An ImGui frame with the kiosk's font (Noto Sans, whose combining marks and zero-width spaces have no advance, so
// they all stay inside the clip rectangle and are drawn), a window covering the display, and `draw` called inside it.
template <typename Draw> void imgui_frame(Draw draw)
{
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 480);
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset; // As the kiosk's SDL_Renderer backend declares.
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0300, 0x036F, 0x2000, 0x206F, 0};
    io.Fonts->AddFontFromFileTTF(noto, 20.0f, nullptr, ranges);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("text", nullptr, ImGuiWindowFlags_NoDecoration);
    draw(ImGui::GetWindowDrawList(), ImGui::GetFont());
    ImGui::End();
    ImGui::Render();
    ImGui::DestroyContext();
}

// Runs `body` in a child process; true when it ended normally with status 0. The child dies of an abort quietly:
// without doctest's crash report, and with ImGui's assertion message thrown away.
template <typename Body> bool survives(Body body)
{
    pid_t child = fork();
    if (child == 0) {
        std::signal(SIGABRT, SIG_DFL);
        if (!std::freopen("/dev/null", "w", stderr))
            _exit(2);
        body();
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace

TEST_CASE("no text reaches ImGui in a call it aborts on, however many glyphs it holds")
{
    if (access(noto, R_OK) != 0) {
        MESSAGE("skipped: no ", noto, " (fonts-noto-core)");
        return;
    }
    // Straight from a reader that did not bound it: one letter and 20,000 accents, then 30,000 zero-width spaces.
    std::string flood = "e" + repeat(acute, 20000) + repeat(zero_width, 30000);
    // Debian's ImGui (asserts on, 16-bit indices) aborts on the text in one call: what draw_text exists to prevent.
    CHECK_FALSE(survives([&] {
        imgui_frame([&](ImDrawList* list, ImFont* font) {
            list->AddText(
                font, font->FontSize, ImVec2(10, 10), IM_COL32_WHITE, flood.data(), flood.data() + flood.size());
        });
    }));
    CHECK(survives([&] {
        imgui_frame([&](ImDrawList* list, ImFont* font) {
            ui::draw_text(list, font, ImVec2(10, 10), IM_COL32_WHITE, flood);
            ui::draw_wrapped(list, font, ImVec2(10, 40), 300, IM_COL32_WHITE, flood, 3);
        });
    }));
}

TEST_CASE("escape_controls keeps a printed line one line, with nothing for a terminal to act on")
{
    CHECK(escape_controls("usb:/media/a\nIMPORTED: x\x1B[2J\x07") == "usb:/media/a\\x0AIMPORTED: x\\x1B[2J\\x07");
    CHECK(escape_controls("evil\xE2\x80\xAEgpj.md") == "evil\\u202Egpj.md"); // A right-to-left override.
    CHECK(escape_controls("\xC2\x9B"
                          "31m")
        == "\\u009B31m"); // C1 CSI.
    CHECK(escape_controls("bad\xFF"
                          "byte")
        == "bad\\xFFbyte");
    CHECK(escape_controls("Año, reunión: 日本") == "Año, reunión: 日本");
}

TEST_CASE("diagnostics keep file names and messages on one line")
{
    Diagnostics d;
    d.warning("pages/a\nb.md", 3, "quoted \"x\x1B[31m\"");
    CHECK(d.all()[0].to_string() == "pages/a\\x0Ab.md:3: warning: quoted \"x\\x1B[31m\"");
}

TEST_CASE("a long run without spaces wraps anywhere, each line inside the width, nothing lost")
{
    if (access(noto, R_OK) != 0) {
        MESSAGE("skipped: no ", noto, " (fonts-noto-core)");
        return;
    }
    ImGui::CreateContext();
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x3040, 0x30FF, 0x4E00, 0x9FFF, 0};
    ImFont* font = ImGui::GetIO().Fonts->AddFontFromFileTTF(noto, 20.0f, nullptr, ranges);
    ImGui::GetIO().Fonts->Build();
    ui::RichFonts fonts {font, font, font, IM_COL32_BLACK, IM_COL32_BLACK};
    for (const std::string& run : {std::string(100000, 'x'), repeat("日本語のテキスト", 2000)}) {
        ui::RichLayout layout = ui::layout_rich_text({Span {run}}, 400.0f, fonts);
        std::string all;
        for (const ui::RichLine& line : layout.lines) {
            CHECK(line.width <= 400.0f);
            for (const ui::RichRun& r : line.runs)
                all += r.text;
        }
        CHECK(all == run);
        CHECK(layout.lines.size() > 100);
        // The same layout, from the cache.
        const ui::RichLayout& again = ui::cached_rich_layout({Span {run}}, 400.0f, fonts);
        CHECK(again.lines.size() == layout.lines.size());
    }
    ImGui::DestroyContext();
}
