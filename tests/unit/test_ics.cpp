// The iCalendar reader: fields, lines, zones, all-day events, ids, recurrence, overrides, limits and hostile input.
#include "ics_fixtures.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::test::ics_fixtures;

TEST_CASE("ics: a timed event keeps its fields")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\n"
                                "UID:42@example.org\n"
                                "SUMMARY:Harm reduction drop-in\n"
                                "DESCRIPTION:Coffee\\, snacks\\nand supplies.\n"
                                "LOCATION:Front room\n"
                                "URL:https://example.org/drop-in\n"
                                "DTSTART;TZID=America/New_York:20261205T110000\n"
                                "DTEND;TZID=America/New_York:20261205T123000\n"
                                "END:VEVENT\n"),
        diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 1);
    const Event& e = events[0];
    CHECK(e.id == "42-example-org");
    CHECK(e.title.in("en", "en") == "Harm reduction drop-in");
    CHECK(e.description.in("en", "en") == "Coffee, snacks\nand supplies.");
    CHECK(e.location.in("en", "en") == "Front room");
    CHECK(e.url == "https://example.org/drop-in");
    CHECK(e.file == file_name);
    CHECK(e.line == 4);
    CHECK_FALSE(e.all_day);
    CHECK(same_time(e.start, 2026, 12, 5, 11, 0));
    CHECK(e.start.weekday == 6);
    CHECK(e.duration_seconds == 5400);
    CHECK(e.time_zone == "America/New_York");
    CHECK(e.vtimezone.empty());
    CHECK_FALSE(e.recurring());
}

TEST_CASE("ics: LANGUAGE parameters name the text's language, and a URL must be a web address")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:a\nDTSTART:20260101T100000Z\n"
                                "SUMMARY;LANGUAGE=es:Café comunitario\nSUMMARY;LANGUAGE=en:Community coffee\n"
                                "URL:ftp://example.org/x\nEND:VEVENT\n"),
        diagnostics);
    REQUIRE(events.size() == 1);
    CHECK(events[0].title.in("es", "en") == "Café comunitario");
    CHECK(events[0].title.in("en", "en") == "Community coffee");
    CHECK(events[0].url.empty());
    CHECK(messages(diagnostics)
        == std::vector<std::string> {"calendars/test.ics:4: warning: the event \"Community coffee\" has a URL that is "
                                     "not a web address (http or https): it is ignored"});
}

TEST_CASE("ics: lines of several events come from the pre-scan, with CRLF and folded lines")
{
    std::string body = "BEGIN:VEVENT\n" // Line 4.
                       "UID:first\nSUMMARY:A long title that is\n  folded\n"
                       "DTSTART:20260301T100000\nEND:VEVENT\n"
                       "BEGIN:VEVENT\n" // Line 10.
                       "UID:second\nSUMMARY:No start\nEND:VEVENT\n"
                       "BEGIN:VTODO\nUID:todo\nEND:VTODO\n"
                       "begin:vevent\n" // Line 17.
                       "UID:third\nSUMMARY:Third\nDTSTART;TZID=Mars/Olympus:20260301T100000\nEND:VEVENT\n";
    for (bool crlf : {false, true}) {
        CAPTURE(crlf);
        Diagnostics diagnostics;
        auto events = read(calendar(body, crlf), diagnostics);
        REQUIRE(events.size() == 2);
        CHECK(events[0].line == 4);
        CHECK(events[0].title.in("en", "en") == "A long title that is folded");
        CHECK(events[1].line == 17);
        CHECK(messages(diagnostics)
            == std::vector<std::string> {
                "calendars/test.ics:10: error: the event \"No start\" has no start (DTSTART): it is skipped",
                "calendars/test.ics:17: warning: the time zone \"Mars/Olympus\" is unknown: times are read in the "
                "kiosk's time zone"});
    }
}

TEST_CASE("ics: a missing DTSTART is an error with the line, and the event is skipped")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:ok\nSUMMARY:Kept\nDTSTART:20260301T100000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:no-start\nSUMMARY:Coffee hour\nEND:VEVENT\n"),
        diagnostics);
    REQUIRE(events.size() == 1);
    CHECK(events[0].id == "ok");
    CHECK(messages(diagnostics)
        == std::vector<std::string> {
            "calendars/test.ics:9: error: the event \"Coffee hour\" has no start (DTSTART): it is skipped"});
}

TEST_CASE("ics: an unknown TZID is warned at the VEVENT line and read in the kiosk's zone")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:a\nSUMMARY:Somewhere\n"
                                "DTSTART;TZID=Olympus Mons Standard Time:20260301T100000\n"
                                "DTEND;TZID=Olympus Mons Standard Time:20260301T110000\nEND:VEVENT\n"),
        diagnostics);
    REQUIRE(events.size() == 1);
    CHECK(events[0].time_zone.empty());
    CHECK(events[0].duration_seconds == 3600);
    CHECK(messages(diagnostics)
        == std::vector<std::string> {"calendars/test.ics:4: warning: the time zone \"Olympus Mons Standard Time\" is "
                                     "unknown: times are read in the kiosk's time zone"});
    auto berlin = TimeZone::named("Europe/Berlin");
    REQUIRE(berlin);
    auto occurrences
        = expand_occurrences(events, wall("2026-03-01T00:00", *berlin), wall("2026-03-02T00:00", *berlin), *berlin);
    REQUIRE(occurrences.size() == 1);
    CHECK(local_text(occurrences[0].start, *berlin) == "2026-03-01 10:00");
}

TEST_CASE("ics: Windows, prefixed and UTC zone names find IANA zones, and floating times stay floating")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:windows\nDTSTART;TZID=Eastern Standard Time:20260301T100000\n"
                                "END:VEVENT\n"
                                "BEGIN:VEVENT\nUID:mozilla\n"
                                "DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20260301T100000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:utc\nDTSTART:20260301T100000Z\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:floating\nDTSTART:20260301T100000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:romance\nDTSTART;TZID=\"Romance Standard Time\":20260301T100000\n"
                                "END:VEVENT\n"),
        diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 5);
    CHECK(events[0].time_zone == "America/New_York");
    CHECK(events[1].time_zone == "Europe/Paris");
    CHECK(events[2].time_zone == "UTC");
    CHECK(events[3].time_zone.empty());
    CHECK(events[4].time_zone == "Europe/Paris");
    for (const Event& e : events) {
        CHECK(e.vtimezone.empty());
        CHECK(e.duration_seconds == 0); // A DATE-TIME start with no end takes no time.
    }
}

TEST_CASE("ics: a zone only the calendar defines keeps its VTIMEZONE block")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:a\nDTSTART;TZID=My Office:20260115T100000\nDURATION:PT45M\n"
                                "END:VEVENT\n"
                                "BEGIN:VTIMEZONE\nTZID:My Office\nBEGIN:STANDARD\nDTSTART:16010101T030000\n"
                                "TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\n"
                                "END:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\n"
                                "TZOFFSETTO:+0200\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\n"
                                "END:VTIMEZONE\n"),
        diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 1);
    CHECK(events[0].time_zone == "My Office");
    CHECK(events[0].vtimezone.find("BEGIN:VTIMEZONE") != std::string::npos);
    CHECK(events[0].vtimezone.find("X-KIOSK") == std::string::npos);
    CHECK(vtimezone_problem(events[0].vtimezone).empty());
    CHECK(events[0].duration_seconds == 45 * 60);
    TimeZone utc = TimeZone::utc();
    auto occurrences = expand_occurrences(events, wall("2026-01-15T00:00", utc), wall("2026-01-16T00:00", utc), utc);
    REQUIRE(occurrences.size() == 1);
    CHECK(local_text(occurrences[0].start, utc) == "2026-01-15 09:00");
}

TEST_CASE("ics: a zone block the kiosk cannot use is warned with the reason, and a stray END is ignored")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VTIMEZONE\nTZID:Loop\nBEGIN:STANDARD\nDTSTART:20000101T000000\n"
                                "TZOFFSETTO:+0100\nRRULE:FREQ=SECONDLY\nEND:STANDARD\nEND:VTIMEZONE\n"
                                "BEGIN:VEVENT\nUID:a\nSUMMARY:Loop\nDTSTART;TZID=Loop:20260101T100000\nEND:VEVENT\n")
            + "END:VCALENDAR\n",
        diagnostics);
    REQUIRE(events.size() == 1);
    CHECK(events[0].time_zone.empty());
    CHECK(messages(diagnostics)
        == std::vector<std::string> {"calendars/test.ics:12: warning: the time zone \"Loop\" cannot be used (the time "
                                     "zone block (VTIMEZONE) changes its offset by a rule that is not yearly): times "
                                     "are read in the kiosk's time zone",
            "calendars/test.ics:18: warning: this END line has no BEGIN before it: it is ignored"});
}

TEST_CASE("ics: all-day events keep their date and last whole days")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:one\nDTSTART;VALUE=DATE:20260703\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:three\nDTSTART;VALUE=DATE:20261031\nDTEND;VALUE=DATE:20261103\n"
                                "END:VEVENT\n"
                                "BEGIN:VEVENT\nUID:outlook\nDTSTART;TZID=W. Europe Standard Time:20260704T000000\n"
                                "DTEND;TZID=W. Europe Standard Time:20260705T000000\n"
                                "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\nEND:VEVENT\n"),
        diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 3);
    CHECK(events[0].all_day);
    CHECK(same_time(events[0].start, 2026, 7, 3));
    CHECK(events[0].duration_seconds == 86400);
    CHECK(events[0].time_zone.empty());
    CHECK(events[1].duration_seconds == 3 * 86400);
    CHECK(events[2].all_day);
    CHECK(same_time(events[2].start, 2026, 7, 4));
    CHECK(events[2].duration_seconds == 86400);
}

TEST_CASE("ics: ids are unique slugs of UIDs, or of the summary when there is no UID")
{
    Diagnostics diagnostics;
    std::string long_uid = "040000008200E00074C5B7101A82E00800000000C41E94C5B4F3DA010000000000000000100000007EA1D0AA9";
    auto events = read(calendar("BEGIN:VEVENT\nUID:Same@Example.org\nDTSTART:20260301T100000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:Same@Example.org\nDTSTART:20260302T100000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nSUMMARY:Peer support group\nDTSTART:20260303T100000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nSUMMARY:Peer support group\nDTSTART:20260304T100000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nDTSTART:20260305T100000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:"
                           + long_uid + "\nDTSTART:20260306T100000\nEND:VEVENT\n" + "BEGIN:VEVENT\nUID:" + long_uid
                           + "X\nDTSTART:20260307T100000\nEND:VEVENT\n"),
        diagnostics);
    REQUIRE(events.size() == 7);
    CHECK(events[0].id == "same-example-org");
    CHECK(events[1].id == "same-example-org-2");
    CHECK(events[2].id == "peer-support-group");
    CHECK(events[3].id == "peer-support-group-2");
    CHECK(events[4].id == "event");
    CHECK(events[5].id != events[6].id);
    for (const Event& e : events) {
        CAPTURE(e.id);
        CHECK(e.id.size() <= 64);
        CHECK(std::all_of(e.id.begin(), e.id.end(),
            [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }));
    }
}

TEST_CASE("ics: RRULE, EXDATE and RDATE are kept as local times of the series")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:a\nSUMMARY:Weekly\n"
                                "DTSTART;TZID=America/New_York:20260107T190000\nDURATION:PT1H\n"
                                "RRULE:FREQ=WEEKLY;BYDAY=WE\n"
                                "EXDATE:20260115T000000Z\n" // 19:00 the 14th in New York.
                                "EXDATE;TZID=America/New_York:20260121T190000,20260128T190000\n"
                                "RDATE;VALUE=PERIOD:20260130T230000Z/PT1H\n" // 18:00 the 30th.
                                "RDATE;VALUE=DATE:20260131\n"                // At the series' time of day.
                                "END:VEVENT\n"),
        diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 1);
    const Event& e = events[0];
    CHECK(e.recurring());
    CHECK(e.rrule.find("FREQ=WEEKLY") != std::string::npos);
    REQUIRE(e.exdates.size() == 3);
    CHECK(same_time(e.exdates[0], 2026, 1, 14, 19, 0));
    CHECK(same_time(e.exdates[1], 2026, 1, 21, 19, 0));
    CHECK(same_time(e.exdates[2], 2026, 1, 28, 19, 0));
    REQUIRE(e.rdates.size() == 2);
    CHECK(same_time(e.rdates[0], 2026, 1, 30, 18, 0));
    CHECK(same_time(e.rdates[1], 2026, 1, 31, 19, 0));
    auto ny = TimeZone::named("America/New_York");
    REQUIRE(ny);
    auto occurrences = expand_occurrences(events, wall("2026-01-01T00:00", *ny), wall("2026-02-08T00:00", *ny), *ny);
    std::vector<std::string> starts;
    for (const Occurrence& o : occurrences)
        starts.push_back(local_text(o.start, *ny));
    CHECK(starts
        == std::vector<std::string> {"2026-01-07 19:00", "2026-01-30 18:00", "2026-01-31 19:00", "2026-02-04 19:00"});
}

TEST_CASE("ics: a repeat rule the kiosk cannot use is an error, and the event is shown once")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:a\nSUMMARY:Never\nDTSTART:20260101T100000Z\n"
                                "RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:b\nSUMMARY:Unreadable\nDTSTART:20260101T100000Z\n"
                                "RRULE:FREQ=SOMETIMES;BYDAY=XX\nEND:VEVENT\n"),
        diagnostics);
    REQUIRE(events.size() == 2);
    CHECK(events[0].rrule.empty());
    CHECK(events[1].rrule.empty());
    auto all = messages(diagnostics);
    REQUIRE(all.size() == 2);
    CHECK(all[0].rfind("calendars/test.ics:4: error: the event \"Never\" is shown once: the repeat rule (RRULE) ", 0)
        == 0);
    CHECK(all[1].rfind("calendars/test.ics:10: error: the repeat rule (RRULE) cannot be read", 0) == 0);
    CHECK(all[1].find("FREQ=SOMETIMES") != std::string::npos);
}

TEST_CASE("ics: a RECURRENCE-ID override moves one occurrence, and cancelled ones only remove it")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:moved@x\nRECURRENCE-ID;TZID=Europe/Berlin:20260304T180000\n"
                                "SUMMARY:Group (moved)\nDTSTART;TZID=Europe/Berlin:20260305T170000\n"
                                "DTEND;TZID=Europe/Berlin:20260305T180000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:moved@x\nSUMMARY:Group\nRRULE:FREQ=WEEKLY\n"
                                "DTSTART;TZID=Europe/Berlin:20260225T180000\nDURATION:PT1H\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:moved@x\nRECURRENCE-ID:20260311T170000Z\nSTATUS:CANCELLED\n"
                                "SUMMARY:Group\nDTSTART;TZID=Europe/Berlin:20260311T180000\nEND:VEVENT\n"
                                "BEGIN:VEVENT\nUID:gone\nSTATUS:CANCELLED\nSUMMARY:Called off\n"
                                "DTSTART:20260301T100000Z\nEND:VEVENT\n"),
        diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 2);
    const Event* series = find_event(events, "moved-x");
    const Event* moved = find_event(events, "moved-x-20260304");
    REQUIRE(series);
    REQUIRE(moved);
    CHECK(moved->line == 4);
    CHECK_FALSE(moved->recurring());
    REQUIRE(series->exdates.size() == 2);
    CHECK(same_time(series->exdates[0], 2026, 3, 4, 18, 0));
    CHECK(same_time(series->exdates[1], 2026, 3, 11, 18, 0)); // 17:00Z is 18:00 in Berlin.

    auto berlin = TimeZone::named("Europe/Berlin");
    REQUIRE(berlin);
    auto occurrences
        = expand_occurrences(events, wall("2026-03-01T00:00", *berlin), wall("2026-03-22T00:00", *berlin), *berlin);
    std::vector<std::string> starts;
    for (const Occurrence& o : occurrences)
        starts.push_back(local_text(o.start, *berlin) + " " + o.event->id);
    CHECK(starts == std::vector<std::string> {"2026-03-05 17:00 moved-x-20260304", "2026-03-18 18:00 moved-x"});
}

TEST_CASE("ics: size, event count, nesting and files that are not calendars are fatal")
{
    auto fatal_message = [](const std::string& text, const IcsLimits& limits = {}) {
        Diagnostics diagnostics;
        auto events = read(text, diagnostics, limits);
        CHECK(events.empty());
        CHECK(diagnostics.has_fatal());
        return diagnostics.all().empty() ? std::string() : diagnostics.all().back().to_string();
    };
    std::string big = calendar("X-PAD:" + std::string(5 * 1024 * 1024, 'a') + "\n");
    CHECK(fatal_message(big) == "calendars/test.ics: error: the calendar is 5121 KiB, more than the limit of 4096 KiB");
    std::string two = calendar("BEGIN:VEVENT\nDTSTART:20260101T100000Z\nEND:VEVENT\n"
                               "BEGIN:VEVENT\nDTSTART:20260101T100000Z\nEND:VEVENT\n");
    IcsLimits one;
    one.max_events = 1;
    CHECK(fatal_message(two, one) == "calendars/test.ics: error: the calendar has 2 events, more than the limit of 1");
    CHECK(fatal_message("hello\nworld\n")
        == "calendars/test.ics: error: this is not an iCalendar file: it must start with BEGIN:VCALENDAR");
    CHECK(fatal_message("").find("must start with BEGIN:VCALENDAR") != std::string::npos);
    CHECK(fatal_message("BEGIN:VEVENT\nDTSTART:20260101T100000Z\nEND:VEVENT\n").find("must start with")
        != std::string::npos);
    CHECK(fatal_message("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101T100000Z\n").find("END:VCALENDAR")
        != std::string::npos);
    CHECK(fatal_message(std::string("\xff\xfe", 2) + "B\0E\0", {}).find("UTF-16") != std::string::npos);
    std::string deep = "BEGIN:VCALENDAR\n";
    for (int i = 0; i < 5000; ++i)
        deep += "BEGIN:X-DEEP\n";
    CHECK(fatal_message(deep).find("deep") != std::string::npos);
}

TEST_CASE("ics: several calendars in one file are all read, and a byte order mark is skipped")
{
    Diagnostics diagnostics;
    std::string text = "\xef\xbb\xbf" + calendar("BEGIN:VEVENT\nUID:a\nDTSTART:20260101T100000Z\nEND:VEVENT\n")
        + calendar("BEGIN:VEVENT\nUID:b\nDTSTART:20260102T100000Z\nEND:VEVENT\n");
    auto events = read(text, diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(events.size() == 2);
    CHECK(events[1].id == "b");
    CHECK(events[1].line == 12);
}

TEST_CASE("ics: libical's parse errors (X-LIC-ERROR) are warned at the component's line, quoted")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:a\nSUMMARY:Quirky\nDESCRIPTION:\nDTSTART;VALUE=DATE:20141210\n"
                                "RDATE:20131210Z\nEND:VEVENT\n"),
        diagnostics);
    REQUIRE(events.size() == 1);
    // An empty DESCRIPTION is allowed by RFC 5545 and not reported.
    CHECK(messages(diagnostics)
        == std::vector<std::string> {"calendars/test.ics:4: warning: this line cannot be read and is ignored: \"Can't "
                                     "parse as DATE-TIME value in RDATE property. Removing entire property: "
                                     "20131210Z\""});
}

TEST_CASE("ics: hostile calendars do not crash and stay bounded")
{
    std::vector<std::string> inputs {
        calendar("BEGIN:VEVENT\nBEGIN:VEVENT\nBEGIN:VEVENT\nDTSTART:20260101T100000Z\nEND:VEVENT\nEND:VEVENT\n"
                 "END:VEVENT\n"),
        calendar("BEGIN:VEVENT\nDTSTART:99999999T999999\nEND:VEVENT\n"),
        calendar("BEGIN:VEVENT\nDTSTART:20260231T250000\nEND:VEVENT\n"),
        calendar("BEGIN:VEVENT\nDTSTART;TZID=:20260101T100000\nEXDATE;TZID=\"\":junk\nRDATE:,,,\nEND:VEVENT\n"),
        calendar("BEGIN:VEVENT\nDTSTART:20260101T100000Z\nDURATION:P99999999W\nRRULE:FREQ=DAILY;INTERVAL=0\n"
                 "END:VEVENT\n"),
        calendar(
            "BEGIN:VEVENT\nDTSTART:20260101T100000Z\nRRULE:FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO;BYMONTH=1;BYSETPOS=-9\n"
            "END:VEVENT\n"),
        calendar("BEGIN:VTIMEZONE\nTZID:Loop\nBEGIN:STANDARD\nDTSTART:20000101T000000\nTZOFFSETTO:+0100\n"
                 "RRULE:FREQ=SECONDLY\nEND:STANDARD\nEND:VTIMEZONE\n"
                 "BEGIN:VEVENT\nDTSTART;TZID=Loop:20260101T100000\nEND:VEVENT\n"),
        calendar("BEGIN:VEVENT\nDTSTART:20260101T100000Z\nSUMMARY:" + std::string(100000, '\xff') + "\nEND:VEVENT\n"),
        calendar("BEGIN:VEVENT\nUID:x\nRECURRENCE-ID:20260101T100000Z\nDTSTART:20260101T100000Z\nEND:VEVENT\n"),
        calendar("END:VEVENT\nEND:VEVENT\nBEGIN:\nBEGIN\n:\n;;;\n \n\t\n"),
        "BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR\n",
    };
    std::string many = "BEGIN:VCALENDAR\n";
    for (int i = 0; i < 3000; ++i)
        many += "BEGIN:VEVENT\nDTSTART:20260101T100000Z\nSUMMARY:Same\nX-BROKEN;=;:\nEND:VEVENT\n";
    inputs.push_back(many + "END:VCALENDAR\n");
    auto began = std::chrono::steady_clock::now();
    for (const std::string& text : inputs) {
        Diagnostics diagnostics;
        auto events = read(text, diagnostics);
        CHECK(diagnostics.all().size() <= 52); // Listed problems are capped per file.
        TimeZone utc = TimeZone::utc();
        bool capped = false;
        auto occurrences = expand_occurrences(
            events, wall("2025-01-01T00:00", utc), wall("2027-01-01T00:00", utc), utc, 1000, &capped);
        for (const Occurrence& o : occurrences)
            CHECK(o.start <= o.end);
    }
    MESSAGE("took " << std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count()
                    << " s (timing is measured by the benchmark, never asserted)");
}
