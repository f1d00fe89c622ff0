// Dates as spreadsheets write them in events.csv: each form, the day/month order a file or date_order settles, and
// what staff read when a date cannot be used.
#include "content/bundle_reader.hpp"
#include "content/card.hpp"
#include "content/csv.hpp"
#include "content/sheet_dates.hpp"
#include "support/diagnostics.hpp"
#include "support/temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kiosk;
using kiosk::test::messages;

namespace {

const std::vector<std::string> en_es = {"en", "es"};

// The time `text` reads as in `order`, as the kiosk would write it back ("2026-12-31 18:00"), or "" when it does not.
std::string read_as(const char* text, DateOrder order = DateOrder::Unsettled)
{
    DateReading reading = read_date_cell(text, order);
    if (!reading.time)
        return "";
    return iso_cell_text(reading.time->local, reading.time->date_only);
}

std::vector<Event> events_of(const std::string& csv, Diagnostics& d, DateOrder order = DateOrder::Unsettled)
{
    auto table = parse_csv(csv, "events.csv", d);
    REQUIRE(table);
    return read_events_csv(*table, "events.csv", en_es, d, order);
}

bool has(const std::string& all, const std::string& part)
{
    return all.find(part) != std::string::npos;
}

// A bundle folder with an agenda, this events.csv (bytes as written) and these extra bundle.toml lines.
struct EventsBundle {
    EventsBundle(const std::string& csv, const std::string& toml_extra = "")
    {
        std::filesystem::create_directories(dir.path() + "/pages");
        dir.write("bundle.toml",
            "name = \"Test\"\nlanguages = [\"en\", \"es\"]\n" + toml_extra
                + "\n[[sections]]\nid = \"about\"\nkind = \"page\"\npage = \"about\"\ntitle = \"About\"\n"
                  "[[sections]]\nid = \"events\"\nkind = \"agenda\"\ntitle = \"Events\"\n");
        dir.write("pages/about.md", "# About\n");
        dir.write("events.csv", csv);
        bundle = read_bundle(dir.path(), diagnostics);
        REQUIRE(bundle);
    }
    const Event* find(const std::string& title) const
    {
        for (const Event& e : bundle->events) {
            if (e.title.in("en", "en") == title)
                return &e;
        }
        return nullptr;
    }
    test::TempDir dir;
    Diagnostics diagnostics;
    std::optional<Bundle> bundle;
};

} // namespace

TEST_CASE("dates: every form spreadsheets write reads")
{
    // ISO 8601 and the kiosk's own form, whatever the order.
    CHECK(read_as("2026-12-31 18:00") == "2026-12-31 18:00");
    CHECK(read_as("2026-12-31T18:00:30", DateOrder::MonthFirst) == "2026-12-31 18:00:30");
    CHECK(read_as("2026-12-31") == "2026-12-31");
    CHECK(read_as("2026/12/31 18:00", DateOrder::DayFirst) == "2026-12-31 18:00"); // Year first: always Y/M/D.
    CHECK(read_as("2026.1.5") == "2026-01-05");
    CHECK(read_date_cell("2026-12-31T18:00:00.000-05:00", DateOrder::DayFirst).time->offset_minutes == -300);
    // Day first, as European spreadsheets write it: '/', '.' or '-', 24-hour times with or without seconds.
    CHECK(read_as("31/12/2026 18:00", DateOrder::DayFirst) == "2026-12-31 18:00");
    CHECK(read_as("1/2/2026 9:05", DateOrder::DayFirst) == "2026-02-01 09:05");
    CHECK(read_as("31.12.2026 18:00:00", DateOrder::DayFirst) == "2026-12-31 18:00");
    CHECK(read_as("31-12-2026 18:00", DateOrder::DayFirst) == "2026-12-31 18:00");
    CHECK(read_as("03.12.26 18:00", DateOrder::DayFirst) == "2026-12-03 18:00"); // Two-digit years are 20YY.
    CHECK(read_as("31/12/2026", DateOrder::DayFirst) == "2026-12-31");           // A date alone: all day.
    CHECK(read_date_cell("31/12/2026", DateOrder::DayFirst).time->date_only);
    // Month first, as US spreadsheets write it, with AM/PM in the forms locales use.
    CHECK(read_as("12/31/2026 6:00 PM", DateOrder::MonthFirst) == "2026-12-31 18:00");
    CHECK(read_as("12/31/2026 6:00pm", DateOrder::MonthFirst) == "2026-12-31 18:00");
    CHECK(read_as("12/31/2026 6:00 p. m.", DateOrder::MonthFirst) == "2026-12-31 18:00");
    CHECK(read_as("12/31/2026 6:00 a.m.", DateOrder::MonthFirst) == "2026-12-31 06:00");
    CHECK(read_as("12/31/2026 6:00\xE2\x80\xAFPM", DateOrder::MonthFirst) == "2026-12-31 18:00");
    CHECK(read_as("12/31/2026 12:00 AM", DateOrder::MonthFirst) == "2026-12-31 00:00");
    CHECK(read_as("12/31/2026 12:30 PM", DateOrder::MonthFirst) == "2026-12-31 12:30");
    CHECK(read_as("12/31/26 6:00:15 PM", DateOrder::MonthFirst) == "2026-12-31 18:00:15");
    CHECK(read_as("12/31/2026, 6:00 PM", DateOrder::MonthFirst) == "2026-12-31 18:00");
    // A date over 12 settles its own order; one that could be either needs the file or date_order.
    CHECK(read_as("31/12/2026 18:00") == "2026-12-31 18:00");
    CHECK(read_as("12/31/2026 18:00") == "2026-12-31 18:00");
    CHECK(read_date_cell("03/04/2026 18:00", DateOrder::Unsettled).unsettled);
    CHECK(read_as("03/04/2026 18:00", DateOrder::DayFirst) == "2026-04-03 18:00");
    CHECK(read_as("03/04/2026 18:00", DateOrder::MonthFirst) == "2026-03-04 18:00");
    // Not dates at all.
    for (const char* text : {"tomorrow", "12/01/2026 7pm", "2026/12", "123/4/2026", "31/12/2026T18:00",
             "31/12/2026 18:00Z", "2026-12-01 18:00 PMX", "2026-12-01T18:00+25:00"}) {
        CAPTURE(text);
        CHECK(read_date_cell(text, DateOrder::DayFirst).unreadable);
    }
}

TEST_CASE("dates: an impossible date says what is wrong, and a rewrite only when one exists")
{
    struct Case {
        const char* text;
        DateOrder order;
        const char* problem;
        const char* rewrite;
    };
    const Case cases[] = {
        {"2027-02-31 09:30", DateOrder::Unsettled, "is not a real date: February 2027 has 28 days", ""},
        {"29/02/2027", DateOrder::DayFirst, "is not a real date: February 2027 has 28 days", ""},
        {"2026-04-31", DateOrder::Unsettled, "is not a real date: April 2026 has 30 days", ""},
        {"2026-13-01 10:00", DateOrder::Unsettled, "is not a real date: there is no month 13", ""},
        {"2026-12-00 10:00", DateOrder::Unsettled, "is not a real date: there is no day 0", ""},
        {"1/12/1900", DateOrder::DayFirst,
            "is not a real date: the year 1900 is not one the kiosk shows (1970 to 2199)", ""},
        {"2026-12-01 25:00", DateOrder::Unsettled, "is not a real time: 25:00 is not a time of day", ""},
        {"2026-12-01 18:75", DateOrder::Unsettled, "is not a real time: 18:75 is not a time of day", ""},
        {"12/31/2026 0:30 PM", DateOrder::MonthFirst, "is not a real time: 0:30 PM is not a time of day", ""},
        {"2026-12-31 24:00", DateOrder::Unsettled,
            "is not a real time: 24:00 is not a time of day (midnight is 00:00 of the next day)", "2027-01-01 00:00"},
        {"12/31/2026 13:00 PM", DateOrder::MonthFirst,
            "is not a real time: 13:00 PM is not a time of day (13:00 needs no AM or PM)", "2026-12-31 13:00"},
        // The other order reads: that is the rewrite, if it is what was meant.
        {"12/25/2026 18:00", DateOrder::DayFirst, "is not a real date: there is no month 25", "2026-12-25 18:00"},
        {"31/12/2026 18:00", DateOrder::MonthFirst, "is not a real date: there is no month 31", "2026-12-31 18:00"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        DateReading reading = read_date_cell(c.text, c.order);
        CHECK_FALSE(reading.time);
        CHECK_FALSE(reading.unreadable);
        CHECK(reading.problem == c.problem);
        CHECK(reading.rewrite == c.rewrite);
        CHECK(reading.rewrite != c.text); // Never the form the value already has.
    }
    CHECK(read_as("2028-02-29") == "2028-02-29");
}

TEST_CASE("dates: the messages staff read, each on its row, the rest of the file kept")
{
    Diagnostics d;
    auto events = events_of("title,start,end\n"
                            "Leap,2027-02-31 09:30,\n"
                            "Late,2026-12-01 25:00,\n"
                            "Fine,2026-12-02 18:00,2026-12-02 19:00\n"
                            "Midnight,2026-12-31 24:00,\n"
                            "Word,tomorrow,\n"
                            "\"Two\nlines\",2026-12-01 18:00,2026-12-01 19:00\n"
                            "After,2026-12-01 18:00,2026-12-01 18:75\n",
        d);
    REQUIRE(events.size() == 2);
    CHECK(events[0].title.in("en", "en") == "Fine");
    std::string all = messages(d);
    CHECK(has(all,
        "events.csv:2: error: the start \"2027-02-31 09:30\" is not a real date: February 2027 has 28 days; the "
        "event is skipped\n"));
    CHECK(has(all,
        "events.csv:3: error: the start \"2026-12-01 25:00\" is not a real time: 25:00 is not a time of day; the "
        "event is skipped\n"));
    CHECK(has(all,
        "events.csv:5: error: the start \"2026-12-31 24:00\" is not a real time: 24:00 is not a time of day "
        "(midnight is 00:00 of the next day): write 2027-01-01 00:00; the event is skipped\n"));
    CHECK(has(all,
        "events.csv:6: error: the start \"tomorrow\" is not a date and time: write it as 2026-12-01 18:00 (or "
        "2026-12-01T18:00, or 2026-12-01 for all day); the event is skipped\n"));
    CHECK(has(all,
        "events.csv:9: error: the end \"2026-12-01 18:75\" is not a real time: 18:75 is not a time of "
        "day; the event is skipped (spreadsheet row 8)\n"));
}

TEST_CASE("dates: the file settles day/month or month/day")
{
    SUBCASE("a day over 12 in one row settles the whole file as day first")
    {
        Diagnostics d;
        auto events = events_of("title,start\nA,03/04/2026 18:00\nB,25/12/2026 18:00\nC,04/03/2026\n", d);
        CHECK_MESSAGE(d.empty(), messages(d));
        REQUIRE(events.size() == 3);
        CHECK(events[0].start.month == 4);
        CHECK(events[0].start.day == 3);
        CHECK(events[2].start.month == 3);
        CHECK(events[2].all_day);
    }
    SUBCASE("a second number over 12, in an end, settles month first")
    {
        Diagnostics d;
        auto events = events_of("title,start,end\nA,03/04/2026 6:00 PM,03/04/2026 7:00 PM\n"
                                "B,12/24/2026 10:00 AM,12/31/2026 10:00 AM\n",
            d);
        CHECK_MESSAGE(d.empty(), messages(d));
        REQUIRE(events.size() == 2);
        CHECK(events[0].start.month == 3);
        CHECK(events[0].start.day == 4);
        CHECK(events[0].start.hour == 18);
        CHECK(events[0].duration_seconds == 3600);
    }
    SUBCASE("nothing settles it: one error for the file, not one a row, and ISO rows are kept")
    {
        Diagnostics d;
        auto events = events_of("title,start,end\nA,03/04/2026 18:00,\nB,2026-12-01 18:00,\n"
                                "C,05/06/2026 18:00,05/06/2026 19:00\nD,07/08/2026,\n",
            d);
        REQUIRE(events.size() == 1);
        CHECK(events[0].title.in("en", "en") == "B");
        REQUIRE(d.all().size() == 1);
        CHECK(messages(d)
            == "events.csv:2: error: the dates could be day/month or month/day (this line has \"03/04/2026 "
               "18:00\"): add date_order = \"dmy\" (day first) or date_order = \"mdy\" (month first) to "
               "bundle.toml; until then the 3 events whose dates could be read either way are skipped\n");
    }
    SUBCASE("rows that contradict each other: one error naming both lines")
    {
        Diagnostics d;
        auto events = events_of("title,start\nA,25/12/2026 18:00\nB,05/06/2026 18:00\nC,12/26/2026 6:00 PM\n", d);
        REQUIRE(events.size() == 2); // Each settles its own order; B could be either.
        CHECK(events[0].start.day == 25);
        CHECK(events[1].start.day == 26);
        REQUIRE(d.all().size() == 1);
        CHECK(messages(d)
            == "events.csv:4: error: the dates disagree: line 2 has \"25/12/2026 18:00\" (day first: 2026-12-25 "
               "18:00) and line 4 has \"12/26/2026 6:00 PM\" (month first: 2026-12-26 18:00): write every date the "
               "same way, best as 2026-12-31 18:00, or add date_order = \"dmy\" (day first) or date_order = "
               "\"mdy\" (month first) to bundle.toml; until then the event whose date could be read either way is "
               "skipped\n");
    }
    SUBCASE("date_order settles it, and a row against it says how to write it")
    {
        Diagnostics d;
        auto events = events_of("title,start\nA,03/04/2026 18:00\nB,12/25/2026 18:00\n", d, DateOrder::DayFirst);
        REQUIRE(events.size() == 1);
        CHECK(events[0].start.month == 4);
        CHECK(messages(d)
            == "events.csv:3: error: the start \"12/25/2026 18:00\" is not a real date: there is no month 25 "
               "(bundle.toml has date_order = \"dmy\": the day comes first); if the month comes first, write "
               "2026-12-25 18:00; the event is skipped\n");
        Diagnostics m;
        events = events_of("title,start\nA,03/04/2026 18:00\nB,31/12/2026 18:00\n", m, DateOrder::MonthFirst);
        REQUIRE(events.size() == 1);
        CHECK(events[0].start.month == 3);
        CHECK(has(messages(m), "if the day comes first, write 2026-12-31 18:00; the event is skipped"));
    }
}

TEST_CASE("dates: date_order in bundle.toml")
{
    EventsBundle dmy("title,start\nA,03/04/2026 18:00\n", "date_order = \"dmy\"");
    CHECK_MESSAGE(dmy.diagnostics.empty(), messages(dmy.diagnostics));
    CHECK(dmy.bundle->info.date_order == DateOrder::DayFirst);
    REQUIRE(dmy.find("A"));
    CHECK(dmy.find("A")->start.month == 4);

    EventsBundle mdy("title,start\nA,03/04/2026 18:00\n", "date_order = \"mdy\"");
    REQUIRE(mdy.find("A"));
    CHECK(mdy.find("A")->start.month == 3);

    EventsBundle wrong("title,start\nA,03/04/2026 18:00\n", "date_order = \"ymd\"");
    CHECK(wrong.bundle->info.date_order == DateOrder::Unsettled);
    CHECK(has(messages(wrong.diagnostics),
        "bundle.toml:3: error: date_order must be \"dmy\" (day first, 31/12/2026) or \"mdy\" (month first, "
        "12/31/2026): it is ignored\n"));
    CHECK(has(messages(wrong.diagnostics), "events.csv:2: error: the dates could be day/month or month/day"));
}

TEST_CASE("dates: a European LibreOffice export (day first, semicolons, Windows-1252)")
{
    // What LibreOffice in a Spanish or French locale writes: CRLF, ';', accents in Windows-1252, day first.
    EventsBundle europe("title;start;end;location\r\n"
                        "Taller de naloxona;03/12/2026 18:00;03/12/2026 19:30;Caf\xE9 Ma\xF1"
                        "ana\r\n"
                        "Grupo de apoyo;15/12/2026 10:00;15/12/2026 12:00;Sala 2\r\n"
                        "Comida de fin de a\xF1o;24/12/2026;;Caf\xE9 Ma\xF1"
                        "ana\r\n");
    std::string all = messages(europe.diagnostics);
    CHECK(has(all, "events.csv"));      // The Windows-1252 warning.
    CHECK_FALSE(has(all, ": error: ")); // Every date read.
    const Event* workshop = europe.find("Taller de naloxona");
    REQUIRE(workshop);
    CHECK(workshop->start.month == 12);
    CHECK(workshop->start.day == 3);
    CHECK(workshop->duration_seconds == 90 * 60);
    CHECK(workshop->location.in("en", "en") == "Café Mañana");
    const Event* lunch = europe.find("Comida de fin de año");
    REQUIRE(lunch);
    CHECK(lunch->all_day);
    CHECK(lunch->start.day == 24);
}

TEST_CASE("dates: a US export (month first, AM/PM) and an ambiguous one")
{
    EventsBundle us("title,start,end,location\r\n"
                    "Drop-in hours,12/3/2026 6:00 PM,12/3/2026 7:30 PM,Main room\r\n"
                    "Potluck,12/18/2026,,Kitchen\r\n"
                    "Morning call,1/5/2027 9:00 AM,1/5/2027 10:00 AM,\r\n");
    CHECK_MESSAGE(us.diagnostics.empty(), messages(us.diagnostics));
    REQUIRE(us.find("Drop-in hours"));
    CHECK(us.find("Drop-in hours")->start.day == 3);
    CHECK(us.find("Drop-in hours")->start.hour == 18);
    REQUIRE(us.find("Morning call"));
    CHECK(us.find("Morning call")->start.month == 1);
    CHECK(us.find("Morning call")->start.day == 5);

    EventsBundle unclear("title,start\r\nA,3/4/2026 18:00\r\nB,5/6/2026 18:00\r\n");
    CHECK(unclear.bundle->events.empty());
    REQUIRE(unclear.diagnostics.all().size() == 1);
    CHECK(has(messages(unclear.diagnostics), "events.csv:2: error: the dates could be day/month or month/day"));
}

TEST_CASE("dates: real spreadsheet exports in the shared test data read")
{
    std::filesystem::path folder(KIOSK_SHARED_TESTDATA);
    if (!std::filesystem::exists(folder)) {
        MESSAGE("skipped: " << folder.string() << " is not there");
        return;
    }
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (entry.path().extension() != ".csv")
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        Diagnostics d;
        auto table = parse_csv(bytes.str(), "events.csv", d);
        if (!table || std::find(table->header.begin(), table->header.end(), "start") == table->header.end())
            continue; // Not an events file.
        ++files;
        CAPTURE(entry.path().string());
        auto events = read_events_csv(*table, "events.csv", en_es, d);
        CHECK_FALSE(events.empty());
        for (const Diagnostic& diagnostic : d.all())
            CHECK_MESSAGE(diagnostic.line > 0, diagnostic.to_string());
    }
    if (files == 0)
        MESSAGE("skipped: no events CSV in " << folder.string());
}
