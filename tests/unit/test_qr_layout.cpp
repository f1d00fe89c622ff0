// The QR view's sizes and addresses: the code between 35 and 70 mm and never under 1.2 mm a module, the quiet zone
// narrowed only to keep that least, and addresses broken after '/', '.', '?', '&' or '-', never shortened.
#include "ui/metrics.hpp"
#include "ui/qr_layout.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace kiosk::ui;

namespace {

// Every character the same width: an address of N characters is N units wide.
float monospace(std::string_view piece)
{
    return float(piece.size());
}

} // namespace

TEST_CASE("a QR code's dark square is 35 to 70 mm where the panel allows, and a module at least 1.2 mm")
{
    struct Panel {
        int w, h;
    };
    for (Panel p : {Panel {800, 480}, Panel {1280, 800}, Panel {1920, 1080}, Panel {1080, 1920}}) {
        Metrics m = compute_metrics(p.w, p.h, guess_diagonal_inches(p.w, p.h));
        for (int modules : {21, 25, 29, 33, 37, 41}) {
            CAPTURE(p.w);
            CAPTURE(modules);
            QrModuleRange r = qr_module_range(modules, m.px_per_mm, 4000.0f); // Room enough for any of them.
            CHECK(r.quiet == qr_quiet_zone);
            CHECK(r.least <= r.most);
            CHECK(float(r.least) >= qr_module_least_mm * m.px_per_mm);
            CHECK(float(r.least * modules) >= qr_least_mm * m.px_per_mm);
            CHECK(float(r.most * modules) <= qr_most_mm * m.px_per_mm);
            CHECK(float((r.most + 1) * modules) > qr_most_mm * m.px_per_mm); // As large as 70 mm allows.
        }
    }
}

TEST_CASE("a short room narrows the quiet zone before a module goes under 1.2 mm, then the code takes what fits")
{
    float px_per_mm = 5.25f; // 800x480 at 7 inches: a module of 1.2 mm is 7 pixels.
    QrModuleRange r = qr_module_range(37, px_per_mm, 45 * 7);
    CHECK(r.quiet == 4);
    CHECK(r.least == 7);
    r = qr_module_range(37, px_per_mm, 41 * 7);
    CHECK(r.quiet == 2);
    CHECK(r.least == 7);
    CHECK(r.most == 7);
    r = qr_module_range(37, px_per_mm, 41 * 6);
    CHECK(r.quiet == 2);
    CHECK(r.most == 6);
    CHECK(r.least == 6);
    r = qr_module_range(37, px_per_mm, 10);
    CHECK(r.most == 1);
    CHECK(r.least == 1);
}

TEST_CASE("a long address's code keeps its 1.2 mm modules even past 70 mm")
{
    QrModuleRange r = qr_module_range(101, 5.56f, 2000.0f); // Version 21: 101 modules of 7 px = 127 mm.
    CHECK(r.least == 7);
    CHECK(r.most == 7);
}

TEST_CASE("the address is written without its scheme and trailing slash")
{
    CHECK(display_address("https://example.org/") == "example.org");
    CHECK(display_address("http://example.org/a/b/") == "example.org/a/b");
    CHECK(display_address("mailto:help@example.org") == "help@example.org");
    CHECK(display_address("tel:+18004843731") == "+18004843731");
    CHECK(display_address("ftp://example.org") == "ftp://example.org");
}

TEST_CASE("an address is broken after a slash where it can be, and nothing of it is left out")
{
    std::string address = "ncurbansurvivorunion.org/greensboro-urban-survivors-union/drug-user-unions";
    std::string lines = break_address(address, 40.0f, monospace);
    CHECK(lines == "ncurbansurvivorunion.org/\ngreensboro-urban-survivors-union/\ndrug-user-unions");
    std::string joined;
    for (char ch : lines) {
        if (ch != '\n')
            joined += ch;
    }
    CHECK(joined == address);
    CHECK(break_address(address, 200.0f, monospace) == address); // One line when it fits.
}

TEST_CASE(
    "an address breaks after '.', '?', '&' or '-' when no slash fills half a line, inside a piece only when it must")
{
    CHECK(break_address("example.org/search?q=naloxone&city=portland", 20.0f, monospace)
        == "example.org/search?\nq=naloxone&\ncity=portland");
    CHECK(break_address("a/very-long-name-of-a-page", 12.0f, monospace) == "a/very-long-\nname-of-a-\npage");
    CHECK(break_address("abcdefghijklmnop", 5.0f, monospace) == "abcde\nfghij\nklmno\np");
    // A character of several bytes is never split.
    CHECK(break_address("\xC3\xA9\xC3\xA9\xC3\xA9", 4.0f, monospace) == "\xC3\xA9\xC3\xA9\n\xC3\xA9");
}
