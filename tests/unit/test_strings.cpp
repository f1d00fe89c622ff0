// UI strings: English and Spanish load, dates read naturally in each, gaps fall back to English.
#include "ui/strings.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::ui;

TEST_CASE("the shipped strings load and format dates in each language")
{
    Diagnostics d;
    Strings s = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    CHECK(d.empty());
    CHECK(s.has_language("en"));
    CHECK(s.has_language("es"));
    LocalTime t {2026, 12, 1, 18, 5, 0, 2};
    CHECK(s.format_date(t, "en") == "Tuesday, December 1");
    CHECK(s.format_date(t, "es") == "martes, 1 de diciembre");
    CHECK(s.format_time(t, "en") == "6:05 PM");
    CHECK(s.format_time(t, "es") == "18:05");
    t.hour = 0;
    CHECK(s.format_time(t, "en") == "12:05 AM");
    CHECK(s.get("back", "es") == "Atrás");
    CHECK(s.get("back", "fr") == "Back");
    CHECK(s.get("no-such-key", "en") == "no-such-key");
}
