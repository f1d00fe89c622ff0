// Real calendars from real software (../shared/testdata): each reads and expands as its source shows it.
#include "ics_fixtures.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::test::ics_fixtures;

TEST_CASE("calendar files: every shared real-world calendar reads and expands")
{
    std::filesystem::path folder = shared_calendars();
    if (!std::filesystem::exists(folder)) {
        MESSAGE("skipped: " << folder.string() << " is not there");
        return;
    }
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".ics")
            continue;
        ++files;
        std::string name = entry.path().filename().string();
        CAPTURE(name);
        Diagnostics diagnostics;
        auto events = read_ics(slurp(entry.path()), "calendars/" + name, {"en"}, diagnostics);
        CHECK_FALSE(diagnostics.has_fatal());
        CHECK_FALSE(events.empty());
        for (const Diagnostic& d : diagnostics.all()) {
            INFO(d.to_string());
            CHECK(d.line > 0);
        }
        if (events.empty())
            continue;
        TimeZone utc = TimeZone::utc();
        WallTime first = WallTime::max();
        WallTime last = WallTime::min();
        for (const Event& e : events) {
            first = std::min(first, utc.to_wall(e.start));
            last = std::max(last, utc.to_wall(e.start));
        }
        bool capped = true;
        auto occurrences = expand_occurrences(
            events, first - std::chrono::hours(48), last + std::chrono::hours(24 * 90), utc, 1000, &capped);
        CHECK_FALSE(capped);
        CHECK_FALSE(occurrences.empty());
    }
    CHECK(files >= 10);
}

TEST_CASE("calendar files: outlook-biweekly-allday-exdate.ics skips the EXDATE of 15 July")
{
    std::string text = shared_calendar("outlook-biweekly-allday-exdate.ics");
    if (text.empty())
        return;
    Diagnostics diagnostics;
    auto events = read_ics(text, "calendars/outlook.ics", {"en"}, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 3);
    CHECK(events[0].id == "111");
    CHECK(events[0].all_day);
    CHECK(events[0].duration_seconds == 7 * 86400);
    REQUIRE(events[0].exdates.size() == 1);
    CHECK(same_time(events[0].exdates[0], 2024, 7, 15));
    CHECK(events[2].time_zone == "Europe/London"); // "GMT Standard Time".
    auto london = TimeZone::named("Europe/London");
    REQUIRE(london);
    std::vector<Event> series {events[0]};
    auto occurrences
        = expand_occurrences(series, wall("2024-06-01T00:00", *london), wall("2024-10-01T00:00", *london), *london);
    std::vector<std::string> dates;
    for (const Occurrence& o : occurrences)
        dates.push_back(o.date);
    // Every other Monday; the UNTIL (23:00Z on the 28th) is local midnight of the 29th, the last occurrence.
    CHECK(dates == std::vector<std::string> {"2024-07-01", "2024-07-29"});
    auto timed = expand_occurrences(
        {events[2]}, wall("2024-10-04T00:00", *london), wall("2024-10-05T00:00", *london), *london);
    REQUIRE(timed.size() == 1);
    CHECK(local_text(timed[0].start, TimeZone::utc()) == "2024-10-04 17:30"); // 18:30 BST.
}

TEST_CASE("calendar files: exchange-allday-moved-occurrence.ics shows the moved day, not the old one")
{
    std::string text = shared_calendar("exchange-allday-moved-occurrence.ics");
    if (text.empty())
        return;
    Diagnostics diagnostics;
    auto events = read_ics(text, "calendars/exchange.ics", {"en"}, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 2);
    for (const char* kiosk_zone : {"Europe/Berlin", "America/Los_Angeles"}) {
        CAPTURE(kiosk_zone);
        auto zone = TimeZone::named(kiosk_zone);
        REQUIRE(zone);
        auto occurrences
            = expand_occurrences(events, wall("2026-02-16T00:00", *zone), wall("2026-03-02T00:00", *zone), *zone);
        std::vector<std::string> dates;
        for (const Occurrence& o : occurrences)
            dates.push_back(o.date);
        CHECK(dates == std::vector<std::string> {"2026-02-19", "2026-02-24", "2026-02-27"});
    }
}

TEST_CASE("calendar files: google-daily-count-moved-occurrence.ics keeps COUNT and the moved occurrence")
{
    std::string text = shared_calendar("google-daily-count-moved-occurrence.ics");
    if (text.empty())
        return;
    Diagnostics diagnostics;
    auto events = read_ics(text, "calendars/google.ics", {"en"}, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 2);
    auto denver = TimeZone::named("America/Denver");
    REQUIRE(denver);
    auto occurrences
        = expand_occurrences(events, wall("2026-02-01T00:00", *denver), wall("2026-03-01T00:00", *denver), *denver);
    std::vector<std::string> starts;
    for (const Occurrence& o : occurrences)
        starts.push_back(local_text(o.start, *denver) + " " + o.event->title.in("en", "en"));
    CHECK(starts
        == std::vector<std::string> {"2026-02-10 10:00 TEST RECURR 3", "2026-02-11 10:30 TEST RECURR 3 - MODIFIED",
            "2026-02-12 10:00 TEST RECURR 3"});
}

TEST_CASE("calendar files: outlook-thunderbird-french-numeric-tzid.ics resolves the numeric zone")
{
    std::string text = shared_calendar("outlook-thunderbird-french-numeric-tzid.ics");
    if (text.empty())
        return;
    Diagnostics diagnostics;
    auto events = read_ics(text, "calendars/french.ics", {"en"}, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 2);
    CHECK(events[0].time_zone == "Europe/Paris");
    CHECK(events[1].time_zone == "1"); // TZID " 1", defined by the VTIMEZONE after the events.
    CHECK_FALSE(events[1].vtimezone.empty());
    CHECK(events[1].description.in("fr-FR", "en").find("Désolé pour ces changements de date") == 0);
    CHECK(events[1].location.in("fr-FR", "en") == "https://visio-agents.education.fr/");
    TimeZone utc = TimeZone::utc();
    auto occurrences = expand_occurrences(events, wall("2023-12-01T00:00", utc), wall("2024-02-01T00:00", utc), utc);
    REQUIRE(occurrences.size() == 2);
    CHECK(local_text(occurrences[0].start, utc) == "2023-12-15 14:00"); // 15:00 in Paris, UTC+1.
    CHECK(local_text(occurrences[1].start, utc) == "2024-01-08 10:00"); // 11:00 in the file's UTC+1 zone.
    CHECK(occurrences[1].end - occurrences[1].start == std::chrono::hours(1));
}

TEST_CASE("calendar files: wordpress-events-calendar-floating.ics reads floating times in the kiosk's zone")
{
    std::string text = shared_calendar("wordpress-events-calendar-floating.ics");
    if (text.empty())
        return;
    Diagnostics diagnostics;
    auto events = read_ics(text, "calendars/school.ics", {"en"}, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 1);
    CHECK(events[0].time_zone.empty());
    CHECK(events[0].url == "https://www.washougal.k12.wa.us/hathaway/event/possible-snow-makeup-day/");
    CHECK(events[0].description.in("en", "en").find("\xc2\xa0") != std::string::npos); // The no-break space.
    for (const char* kiosk_zone : {"America/Los_Angeles", "Europe/Berlin"}) {
        CAPTURE(kiosk_zone);
        auto zone = TimeZone::named(kiosk_zone);
        REQUIRE(zone);
        auto occurrences
            = expand_occurrences(events, wall("2024-06-20T00:00", *zone), wall("2024-07-05T00:00", *zone), *zone);
        REQUIRE(occurrences.size() == 1);
        CHECK(local_text(occurrences[0].start, *zone) == "2024-06-27 00:00");
        CHECK(local_text(occurrences[0].end, *zone) == "2024-06-27 23:00");
        CHECK(occurrences[0].date == "2024-06-27");
    }
}

TEST_CASE("calendar files: the demo bundle's calendars read with no diagnostics, in English and Spanish")
{
    std::filesystem::path folder = std::filesystem::path(KIOSK_SOURCE_DIR) / "data" / "demo" / "calendars";
    REQUIRE(std::filesystem::exists(folder));
    int files = 0;
    int recurring = 0;
    std::vector<std::string> untranslated;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".ics" || entry.path().stem().extension() == ".es")
            continue; // union-calls.es.ics is read with union-calls.ics.
        ++files;
        std::string name = entry.path().filename().string();
        CAPTURE(name);
        std::filesystem::path spanish = folder / (entry.path().stem().string() + ".es.ics");
        std::string translation = std::filesystem::exists(spanish) ? slurp(spanish) : "";
        std::vector<IcsTranslation> translations;
        if (!translation.empty())
            translations.push_back({translation, "calendars/" + spanish.filename().string(), "es"});
        Diagnostics diagnostics;
        auto events
            = read_ics(slurp(entry.path()), "calendars/" + name, {"en", "es"}, diagnostics, IcsLimits {}, translations);
        CHECK(messages(diagnostics).empty());
        REQUIRE_FALSE(events.empty());
        for (const Event& event : events) {
            CHECK(event.time_zone == "America/New_York");
            if (!event.title.has("es"))
                untranslated.push_back(event.title.in("en", "en"));
            if (!event.recurring())
                continue;
            ++recurring;
            auto ny = TimeZone::named("America/New_York");
            REQUIRE(ny);
            bool capped = true;
            auto occurrences = expand_occurrences(
                {event}, wall("2026-11-01T00:00", *ny), wall("2027-03-01T00:00", *ny), *ny, 1000, &capped);
            CHECK_FALSE(capped);
            CHECK(occurrences.size() >= 2);
        }
    }
    CHECK(files >= 1);
    CHECK(recurring >= 2);
    // One event is left in English on purpose, so that the demo shows the note on untranslated items.
    CHECK(untranslated == std::vector<std::string> {"Chapter organizing call (example)"});
}
