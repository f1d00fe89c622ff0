// Calendar URLs as calendar programs hand them out: webcal:// and webcals:// are fetched over https://.
#include "sync/calendars.hpp"

#include <doctest/doctest.h>

using namespace kiosk::sync;

TEST_CASE("calendar URLs: webcal and webcals are fetched over https, web addresses as they are")
{
    // Google's "Public address in iCal format" and Apple's shared calendar, as a subscribe link gives them.
    CHECK(calendar_fetch_url("webcal://calendar.google.com/calendar/ical/x%40group/public/basic.ics")
        == "https://calendar.google.com/calendar/ical/x%40group/public/basic.ics");
    CHECK(calendar_fetch_url("webcal://p52-caldav.icloud.com/published/2/abc")
        == "https://p52-caldav.icloud.com/published/2/abc");
    CHECK(calendar_fetch_url("webcals://example.org/a.ics") == "https://example.org/a.ics");
    CHECK(calendar_fetch_url("WebCal://example.org/a.ics") == "https://example.org/a.ics");
    CHECK(calendar_fetch_url("https://example.org/a.ics") == "https://example.org/a.ics");
    CHECK(calendar_fetch_url("http://127.0.0.1:8080/a.ics") == "http://127.0.0.1:8080/a.ics");
    CHECK(calendar_fetch_url("HTTPS://example.org/a.ics") == "https://example.org/a.ics");
}

TEST_CASE("calendar URLs: other schemes and addresses without a host are not calendars to fetch")
{
    CHECK_FALSE(calendar_fetch_url("webcal://"));
    CHECK_FALSE(calendar_fetch_url("webcal:///a.ics"));
    CHECK_FALSE(calendar_fetch_url("https://"));
    CHECK_FALSE(calendar_fetch_url("ftp://example.org/a.ics"));
    CHECK_FALSE(calendar_fetch_url("file:///etc/passwd"));
    CHECK_FALSE(calendar_fetch_url("webcal:example.org/a.ics"));
    CHECK_FALSE(calendar_fetch_url("calendar.google.com/calendar/ical/basic.ics"));
    CHECK_FALSE(calendar_fetch_url(""));
}
