// Tests of expanding events into occurrences: rules, exceptions, zones, all-day dates and the per-event cap.
#include "content/event.hpp"

#include <chrono>
#include <doctest/doctest.h>

using namespace kiosk;

namespace {

TimeZone zone(const char* name)
{
    auto found = TimeZone::named(name);
    REQUIRE(found);
    return *found;
}

LocalTime at(const char* text)
{
    auto parsed = parse_local_time(text);
    REQUIRE(parsed);
    return *parsed;
}

Event make_event(
    const char* id, const char* start, const char* time_zone, std::int64_t duration_seconds, const char* rrule = "")
{
    Event event;
    event.id = id;
    event.title = Text(id);
    event.file = "calendars/test.ics";
    event.start = at(start);
    event.time_zone = time_zone;
    event.duration_seconds = duration_seconds;
    event.rrule = rrule;
    return event;
}

Event all_day_event(const char* id, const char* date, int days, const char* rrule = "")
{
    Event event = make_event(id, (std::string(date) + "T00:00").c_str(), "", days * 86400LL, rrule);
    event.all_day = true;
    return event;
}

// "2026-11-04 19:00" for an occurrence start in `zone`.
std::string local_text(WallTime time, const TimeZone& in)
{
    LocalTime t = in.to_local(time);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
    return buffer;
}

std::vector<std::string> starts(const std::vector<Occurrence>& occurrences, const TimeZone& in)
{
    std::vector<std::string> out;
    for (const Occurrence& o : occurrences)
        out.push_back(local_text(o.start, in));
    return out;
}

std::vector<Occurrence> expand(const std::vector<Event>& events, const TimeZone& kiosk, const char* from,
    const char* to, bool* capped = nullptr, std::size_t max_per_event = 1000)
{
    return expand_occurrences(events, kiosk.to_wall(at(from)), kiosk.to_wall(at(to)), kiosk, max_per_event, capped);
}

} // namespace

TEST_CASE("occurrences: a weekly rule over four weeks")
{
    TimeZone ny = zone("America/New_York");
    std::vector<Event> events {make_event("weekly", "2026-03-02T18:00", "America/New_York", 3600, "FREQ=WEEKLY")};
    bool capped = true;
    auto occurrences = expand(events, ny, "2026-03-02T00:00", "2026-03-30T00:00", &capped);
    CHECK_FALSE(capped);
    // The DST change of 8 March does not move the local hour.
    CHECK(starts(occurrences, ny)
        == std::vector<std::string> {"2026-03-02 18:00", "2026-03-09 18:00", "2026-03-16 18:00", "2026-03-23 18:00"});
    CHECK(occurrences[0].event == &events[0]);
    CHECK(occurrences[0].end - occurrences[0].start == std::chrono::hours(1));
    CHECK(occurrences[1].date == "2026-03-09");
}

TEST_CASE("occurrences: a biweekly Wednesday rule shows every other week")
{
    TimeZone ny = zone("America/New_York");
    std::vector<Event> events {
        make_event("call", "2026-11-18T19:00", "America/New_York", 3600, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")};
    auto occurrences = expand(events, ny, "2026-11-20T00:00", "2027-01-20T00:00");
    CHECK(starts(occurrences, ny)
        == std::vector<std::string> {"2026-12-02 19:00", "2026-12-16 19:00", "2026-12-30 19:00", "2027-01-13 19:00"});
}

TEST_CASE("occurrences: a monthly first Saturday rule with an EXDATE")
{
    TimeZone ny = zone("America/New_York");
    Event event = make_event("training", "2026-12-05T11:00", "America/New_York", 5400, "FREQ=MONTHLY;BYDAY=1SA");
    event.exdates.push_back(at("2027-01-02T11:00"));
    std::vector<Event> events {event};
    auto occurrences = expand(events, ny, "2026-12-01T00:00", "2027-04-01T00:00");
    CHECK(starts(occurrences, ny)
        == std::vector<std::string> {"2026-12-05 11:00", "2027-02-06 11:00", "2027-03-06 11:00"});
}

TEST_CASE("occurrences: RDATE adds starts, and EXDATE also applies to them and to one-off events")
{
    TimeZone utc = TimeZone::utc();
    Event event = make_event("extra", "2026-05-04T10:00", "UTC", 1800, "FREQ=WEEKLY;COUNT=2");
    event.rdates.push_back(at("2026-05-06T15:00"));
    event.rdates.push_back(at("2026-05-11T10:00")); // Already a rule start: listed once.
    event.rdates.push_back(at("2026-05-20T09:00"));
    event.exdates.push_back(at("2026-05-20T09:00"));
    Event once = make_event("once", "2026-05-05T10:00", "UTC", 60);
    once.exdates.push_back(at("2026-05-05T10:00"));
    std::vector<Event> events {event, once};
    auto occurrences = expand(events, utc, "2026-05-01T00:00", "2026-06-01T00:00");
    CHECK(starts(occurrences, utc)
        == std::vector<std::string> {"2026-05-04 10:00", "2026-05-06 15:00", "2026-05-11 10:00"});

    // RDATEs alone make an event recurring.
    Event listed = make_event("listed", "2026-05-04T10:00", "UTC", 1800);
    listed.rdates.push_back(at("2026-05-07T10:00"));
    CHECK(listed.recurring());
    CHECK(expand({listed}, utc, "2026-05-01T00:00", "2026-06-01T00:00").size() == 2);
}

TEST_CASE("occurrences: UNTIL and COUNT stop a rule")
{
    TimeZone berlin = zone("Europe/Berlin");
    // UNTIL in UTC is compared with the real time: 10:00 in Berlin is 08:00Z in summer, so the 10th is still in.
    std::vector<Event> until {
        make_event("until", "2026-06-01T10:00", "Europe/Berlin", 3600, "FREQ=DAILY;UNTIL=20260610T080000Z")};
    auto occurrences = expand(until, berlin, "2026-05-01T00:00", "2026-07-01T00:00");
    REQUIRE(occurrences.size() == 10);
    CHECK(local_text(occurrences.back().start, berlin) == "2026-06-10 10:00");

    std::vector<Event> count {make_event("count", "2026-06-01T10:00", "Europe/Berlin", 3600, "FREQ=DAILY;COUNT=3")};
    CHECK(starts(expand(count, berlin, "2026-05-01T00:00", "2026-07-01T00:00"), berlin)
        == std::vector<std::string> {"2026-06-01 10:00", "2026-06-02 10:00", "2026-06-03 10:00"});

    // A window after the end has nothing.
    CHECK(expand(count, berlin, "2026-06-04T00:00", "2026-07-01T00:00").empty());
}

TEST_CASE("occurrences: local 19:00 stays 19:00 across the DST change in America/New_York")
{
    TimeZone ny = zone("America/New_York");
    std::vector<Event> events {make_event("evening", "2026-10-28T19:00", "America/New_York", 3600, "FREQ=WEEKLY")};
    auto occurrences = expand(events, ny, "2026-10-27T00:00", "2026-11-10T00:00");
    REQUIRE(occurrences.size() == 2);
    CHECK(local_text(occurrences[0].start, ny) == "2026-10-28 19:00");
    CHECK(local_text(occurrences[1].start, ny) == "2026-11-04 19:00");
    // EDT (UTC-4) before 1 November, EST (UTC-5) after: 23:00Z, then 00:00Z the next day.
    CHECK(local_text(occurrences[0].start, TimeZone::utc()) == "2026-10-28 23:00");
    CHECK(local_text(occurrences[1].start, TimeZone::utc()) == "2026-11-05 00:00");
    CHECK(occurrences[1].date == "2026-11-04");
}

TEST_CASE("occurrences: all-day events are on their local date west and east of UTC")
{
    for (const char* name : {"America/Los_Angeles", "Europe/Berlin"}) {
        CAPTURE(name);
        TimeZone kiosk = zone(name);
        std::vector<Event> events {all_day_event("holiday", "2026-07-03", 1), all_day_event("camp", "2026-10-31", 3)};
        auto occurrences = expand(events, kiosk, "2026-07-01T00:00", "2026-12-01T00:00");
        REQUIRE(occurrences.size() == 2);
        CHECK(occurrences[0].date == "2026-07-03");
        CHECK(local_text(occurrences[0].start, kiosk) == "2026-07-03 00:00");
        CHECK(local_text(occurrences[0].end, kiosk) == "2026-07-04 00:00");
        // Three days over a DST change end at local midnight, not an hour off.
        CHECK(occurrences[1].date == "2026-10-31");
        CHECK(local_text(occurrences[1].start, kiosk) == "2026-10-31 00:00");
        CHECK(local_text(occurrences[1].end, kiosk) == "2026-11-03 00:00");
    }
}

TEST_CASE("occurrences: a yearly all-day rule keeps its date in the kiosk's zone")
{
    TimeZone la = zone("America/Los_Angeles");
    std::vector<Event> events {all_day_event("birthday", "2020-12-10", 1, "FREQ=YEARLY")};
    auto occurrences = expand(events, la, "2026-12-01T00:00", "2026-12-31T00:00");
    REQUIRE(occurrences.size() == 1);
    CHECK(occurrences[0].date == "2026-12-10");
    CHECK(local_text(occurrences[0].start, la) == "2026-12-10 00:00");
}

TEST_CASE("occurrences: FREQ=SECONDLY is capped at max_per_event, quickly")
{
    TimeZone utc = TimeZone::utc();
    std::vector<Event> events {make_event("runaway", "2026-01-01T00:00", "UTC", 0, "FREQ=SECONDLY")};
    auto began = std::chrono::steady_clock::now();
    bool capped = false;
    auto occurrences = expand(events, utc, "2026-01-01T00:00", "2026-02-01T00:00", &capped, 500);
    CHECK(capped);
    CHECK(occurrences.size() == 500);
    // A rule that starts long before the window skips ahead to it, keeping its phase (every 7 minutes).
    std::vector<Event> old {make_event("old", "2000-01-01T00:00", "UTC", 0, "FREQ=MINUTELY;INTERVAL=7")};
    capped = false;
    occurrences = expand(old, utc, "2026-01-01T00:00", "2026-01-01T01:00", &capped);
    CHECK_FALSE(capped);
    REQUIRE(occurrences.size() == 9);
    CHECK(local_text(occurrences[0].start, utc) == "2026-01-01 00:03"); // 13,675,683 minutes: a multiple of 7.
    // With COUNT it cannot skip: it stops after a bounded number of steps and says so.
    std::vector<Event> counted {make_event("counted", "2000-01-01T00:00", "UTC", 0, "FREQ=MINUTELY;COUNT=99999999")};
    CHECK(expand(counted, utc, "2026-01-01T00:00", "2026-02-01T00:00", &capped).empty());
    CHECK(capped);
    MESSAGE("took " << std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count()
                    << " s (timing is measured by the benchmark, never asserted)");
}

TEST_CASE("occurrences: rules libical would grind on are refused and shown once")
{
    TimeZone utc = TimeZone::utc();
    Event never = make_event("never", "2026-01-01T10:00", "UTC", 0, "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30");
    CHECK_FALSE(recurrence_problem(never).empty());
    Event february = make_event("february", "2026-01-01T10:00", "UTC", 0, "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30");
    CHECK(recurrence_problem(february).find("February 30") != std::string::npos);
    Event weekly = make_event("weekly", "2026-01-01T10:00", "UTC", 0, "FREQ=WEEKLY;BYMONTHDAY=3");
    CHECK_FALSE(recurrence_problem(weekly).empty());
    Event junk = make_event("junk", "2026-01-01T10:00", "UTC", 0, "FREQ=SOMETIMES");
    CHECK_FALSE(recurrence_problem(junk).empty());
    CHECK(recurrence_problem(make_event("ok", "2026-01-01T10:00", "UTC", 0, "FREQ=MONTHLY;BYDAY=-1FR")).empty());

    auto began = std::chrono::steady_clock::now();
    auto occurrences = expand({never, february, weekly, junk}, utc, "2025-12-01T00:00", "2026-12-01T00:00");
    CHECK(occurrences.size() == 4); // Each once, at its start.
    MESSAGE("took " << std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count()
                    << " s (timing is measured by the benchmark, never asserted)");
}

TEST_CASE("occurrences: a moved occurrence appears at its new time only")
{
    TimeZone denver = zone("America/Denver");
    Event series = make_event("series", "2026-02-10T10:00", "America/Denver", 1800, "FREQ=DAILY;COUNT=3");
    series.exdates.push_back(at("2026-02-11T10:00"));
    Event moved = make_event("series-20260211", "2026-02-11T10:30", "America/Denver", 1800);
    std::vector<Event> events {series, moved};
    auto occurrences = expand(events, denver, "2026-02-01T00:00", "2026-03-01T00:00");
    CHECK(starts(occurrences, denver)
        == std::vector<std::string> {"2026-02-10 10:00", "2026-02-11 10:30", "2026-02-12 10:00"});
    CHECK(occurrences[1].event->id == "series-20260211");
}

TEST_CASE("occurrences: the window includes events in progress and sorts by start, then title")
{
    TimeZone utc = TimeZone::utc();
    std::vector<Event> events {
        make_event("zebra", "2026-04-01T12:00", "UTC", 3600), make_event("apple", "2026-04-01T12:00", "UTC", 3600),
        make_event("long", "2026-03-30T09:00", "UTC", 4 * 86400), // Still on when the window opens.
        make_event("over", "2026-03-31T09:00", "UTC", 3600),      // Ended before.
        make_event("later", "2026-04-03T00:00", "UTC", 60),       // Starts exactly at `to`: out.
        make_event("instant", "2026-04-01T00:00", "UTC", 0),      // No duration, at `from`: in.
    };
    auto occurrences = expand(events, utc, "2026-04-01T00:00", "2026-04-03T00:00");
    std::vector<std::string> ids;
    for (const Occurrence& o : occurrences)
        ids.push_back(o.event->id);
    CHECK(ids == std::vector<std::string> {"long", "instant", "apple", "zebra"});
    CHECK(occurrences[0].date == "2026-03-30");
}

TEST_CASE("occurrences: floating times are read in the kiosk's zone, UTC times are not")
{
    std::vector<Event> events {
        make_event("floating", "2026-06-27T09:00", "", 3600), make_event("utc", "2026-06-27T09:00", "UTC", 3600)};
    for (const char* name : {"America/Los_Angeles", "Asia/Tokyo"}) {
        CAPTURE(name);
        TimeZone kiosk = zone(name);
        auto occurrences = expand(events, kiosk, "2026-06-20T00:00", "2026-07-05T00:00");
        REQUIRE(occurrences.size() == 2);
        for (const Occurrence& o : occurrences) {
            if (o.event->id == "floating")
                CHECK(local_text(o.start, kiosk) == "2026-06-27 09:00");
            else
                CHECK(local_text(o.start, TimeZone::utc()) == "2026-06-27 09:00");
        }
    }
}

TEST_CASE("occurrences: a daily rule from long ago still reaches the window without the cap")
{
    TimeZone utc = TimeZone::utc();
    std::vector<Event> events {make_event("daily", "1990-01-01T08:00", "UTC", 600, "FREQ=DAILY")};
    bool capped = true;
    auto occurrences = expand(events, utc, "2026-01-01T00:00", "2026-01-08T00:00", &capped);
    CHECK_FALSE(capped);
    CHECK(occurrences.size() == 7);
    CHECK(expand(events, utc, "2026-01-08T00:00", "2026-01-01T00:00").empty()); // An empty window.

    // Weekly and daily rules skip ahead to the window and keep their phase.
    TimeZone ny = zone("America/New_York");
    std::vector<Event> biweekly {
        make_event("biweekly", "2015-01-07T19:00", "America/New_York", 3600, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")};
    CHECK(starts(expand(biweekly, ny, "2026-01-01T00:00", "2026-02-01T00:00", &capped), ny)
        == std::vector<std::string> {"2026-01-07 19:00", "2026-01-21 19:00"});
    std::vector<Event> every_third_day {all_day_event("third", "2000-01-01", 1, "FREQ=DAILY;INTERVAL=3")};
    auto days = expand(every_third_day, ny, "2026-01-01T00:00", "2026-01-10T00:00", &capped);
    REQUIRE(days.size() == 3);
    CHECK(days[0].date == "2026-01-02"); // 9498 days after the start, a multiple of 3.
    CHECK_FALSE(capped);
}

TEST_CASE("occurrences: zones the calendar defines (VTIMEZONE) are rebuilt for expanding")
{
    const std::string vtimezone = "BEGIN:VTIMEZONE\r\nTZID:Kiosk Test Zone\r\n"
                                  "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
                                  "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
                                  "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\n"
                                  "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
                                  "END:VTIMEZONE\r\n";
    CHECK(vtimezone_problem(vtimezone).empty());
    Event event = make_event("defined", "2026-03-23T10:00", "Kiosk Test Zone", 3600, "FREQ=WEEKLY;COUNT=2");
    event.vtimezone = vtimezone;
    auto occurrences = expand({event}, TimeZone::utc(), "2026-03-01T00:00", "2026-04-30T00:00");
    // UTC+1 before the last Sunday of March, UTC+2 after.
    CHECK(starts(occurrences, TimeZone::utc()) == std::vector<std::string> {"2026-03-23 09:00", "2026-03-30 08:00"});

    CHECK_FALSE(vtimezone_problem("BEGIN:VTIMEZONE\nTZID:x\nBEGIN:STANDARD\nDTSTART:20000101T000000\n"
                                  "TZOFFSETTO:+0100\nRRULE:FREQ=SECONDLY\nEND:STANDARD\nEND:VTIMEZONE\n")
                    .empty());
    CHECK_FALSE(vtimezone_problem("garbage").empty());
}
