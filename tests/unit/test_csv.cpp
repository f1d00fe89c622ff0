// CSV as spreadsheets write it, and cards and events read from it, with each message's file, line and words.
#include "content/card.hpp"
#include "content/csv.hpp"
#include "content/sheet.hpp"
#include "content/text_util.hpp"
#include "support/diagnostics.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using kiosk::test::messages;

namespace {

const std::vector<std::string> en_es = {"en", "es"};

CsvTable parse(const std::string& text, Diagnostics& d)
{
    auto table = parse_csv(text, "list.csv", d);
    REQUIRE(table);
    return *table;
}

} // namespace

TEST_CASE("separators are detected from the header")
{
    for (const char* text : {"id,title\na,Alpha\n", "id;title\na;Alpha\n", "id\ttitle\na\tAlpha\n"}) {
        Diagnostics d;
        CsvTable t = parse(text, d);
        CHECK(t.header == std::vector<std::string> {"id", "title"});
        REQUIRE(t.rows.size() == 1);
        CHECK(t.rows[0].fields[1] == "Alpha");
        CHECK(d.empty());
    }
    // A semicolon file whose values contain commas (a spreadsheet set to a European language).
    Diagnostics d;
    CsvTable t = parse("title;description\nA;one, two, three\n", d);
    CHECK(t.separator == ';');
    CHECK(t.rows[0].fields[1] == "one, two, three");
}

TEST_CASE("quoted fields hold separators, quotes and line breaks, and rows know their spreadsheet number")
{
    Diagnostics d;
    CsvTable t = parse("id,title,description\r\n"
                       "a,\"Alpha, the first\",\"She said \"\"hi\"\"\"\r\n"
                       "b,Beta,\"line one\r\nline two\r\nline three\"\r\n"
                       "c,Gamma,plain\r\n",
        d);
    CHECK(d.empty());
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].fields[1] == "Alpha, the first");
    CHECK(t.rows[0].fields[2] == "She said \"hi\"");
    CHECK(t.rows[1].fields[2] == "line one\nline two\nline three");
    CHECK(t.rows[1].line == 3);
    CHECK(t.rows[1].row == 3);
    // Gamma starts on file line 6, but it is row 4 in a spreadsheet.
    CHECK(t.rows[2].line == 6);
    CHECK(t.rows[2].row == 4);
    CHECK(spreadsheet_row_note(t.rows[2]) == " (spreadsheet row 4)");
}

TEST_CASE("a UTF-8 byte order mark is skipped")
{
    Diagnostics d;
    CsvTable t = parse("\xEF\xBB\xBFid,title\na,Caf\xC3\xA9\n", d);
    CHECK(t.header[0] == "id");
    CHECK(t.encoding == CsvEncoding::Utf8WithBom);
    CHECK(t.rows[0].fields[1] == "Café");
    CHECK(d.empty());
}

TEST_CASE("Windows-1252 is read with a warning that says how to save as UTF-8")
{
    Diagnostics d;
    CsvTable t = parse("id,title\na,Caf\xE9 \x93quoted\x94 \x80 5\n", d);
    CHECK(t.encoding == CsvEncoding::Windows1252);
    CHECK(t.rows[0].fields[1] == "Café “quoted” € 5");
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::Warning);
    CHECK(d.all()[0].line == 2);
    CHECK(d.all()[0].message.find("CSV UTF-8") != std::string::npos);
}

TEST_CASE("UTF-16 and empty files are refused with what to do")
{
    Diagnostics d;
    CHECK_FALSE(parse_csv(std::string("\xFF\xFEi\0d\0", 6), "list.csv", d));
    CHECK(messages(d).find("UTF-16") != std::string::npos);
    Diagnostics e;
    CHECK_FALSE(parse_csv("\n\n", "list.csv", e));
    CHECK(messages(e).find("the file is empty") != std::string::npos);
}

TEST_CASE("an unterminated quote is reported on the line it opens")
{
    Diagnostics d;
    CsvTable t = parse("id,title\na,Alpha\nb,\"Beta\nc,Gamma\n", d);
    CHECK(messages(d).find("list.csv:3: error: a value in quotes that starts on this line never ends")
        != std::string::npos);
}

TEST_CASE("a quote left open that swallows the next rows up to another quote is reported on the line it opens")
{
    // Line 3's quote is not closed where it should be; line 5's opening quote closes it: lines 3 to 5 are one row.
    Diagnostics d;
    CsvTable t = parse("id,title,place\na,Alpha,Hall\nb,\"Beta,Hall\nc,Gamma,Hall\nd,\"Delta\",Hall\n", d);
    CHECK(t.rows.size() == 2);
    CHECK(messages(d).find("list.csv:3: warning: a value in quotes that starts on this line runs on to line 5, and the "
                           "lines in it look like rows of their own")
        != std::string::npos);
    // A description over several lines, in quotes as it should be, is not a mistake, even with commas in its lines.
    Diagnostics e;
    parse("id,title,place\na,\"Alpha\nthe second line of it\",Hall\n", e);
    parse("title,description\nHours,\"Open Monday to Friday,\n9 to 5, drop in any time\"\n", e);
    CHECK(messages(e).empty());
}

TEST_CASE("a row with more values than the header has columns counts them in words that agree with the number")
{
    Diagnostics d;
    parse("title\nA,B\n", d);
    CHECK(messages(d).find("list.csv:2: warning: this row has 2 values but the header has 1 column: the extra values "
                           "are ignored")
        != std::string::npos);
    CHECK(count_of(1, "value", "values") == "1 value");
    CHECK(count_of(0, "value", "values") == "0 values");
    CHECK(count_of(21, "value", "values") == "21 values");
}

TEST_CASE("limits are named when hit")
{
    CsvLimits limits;
    limits.max_rows = 3;
    Diagnostics d;
    CHECK_FALSE(parse_csv("t\n1\n2\n3\n4\n", "list.csv", d, limits));
    CHECK(messages(d).find("list.csv:5: error: the file has more than 3 rows, the limit") != std::string::npos);
    limits = {};
    limits.max_bytes = 10;
    Diagnostics e;
    CHECK_FALSE(parse_csv("title\nsomething long\n", "list.csv", e, limits));
    CHECK(messages(e).find("more than the limit") != std::string::npos);
}

TEST_CASE("cards: columns in any order, translations, derived ids, unknown columns warned")
{
    Diagnostics d;
    CsvTable t = parse("region,Title,title.es,url,colour,title.fr\n"
                       "Canada,Vancouver Area Network,Red de Vancouver,https://vandureplace.wordpress.com/,red,x\n"
                       "United States,Año Nuevo,,,,\n"
                       "United States,Año Nuevo,,,,\n",
        d);
    auto cards = read_cards(t, "unions.csv", en_es, d);
    REQUIRE(cards.size() == 3);
    CHECK(cards[0].id == "vancouver-area-network");
    CHECK(cards[0].title.in("es", "en") == "Red de Vancouver");
    CHECK(cards[0].tags.at("region").in("en", "en") == "Canada");
    CHECK(cards[0].url == "https://vandureplace.wordpress.com/");
    CHECK(cards[1].id == "ano-nuevo");
    CHECK(cards[1].title.in("es", "en") == "Año Nuevo"); // No Spanish given: the default language.
    CHECK(cards[2].id == "ano-nuevo-2");
    std::string all = messages(d);
    CHECK(all.find("unions.csv:1: warning: unknown column(s) colour are ignored") != std::string::npos);
    CHECK(all.find("unions.csv:1: warning: the column \"title.fr\" is a translation into \"fr\"") != std::string::npos);
    CHECK(all.find("unions.csv:4: warning: the id \"ano-nuevo\" is used by an earlier row") != std::string::npos);
}

TEST_CASE("cards: a row without a title is skipped and the rest kept")
{
    Diagnostics d;
    CsvTable t = parse("id,title,url\na,Alpha,https://a.example\nb,,https://b.example\nc,Gamma,www.c.org\n", d);
    auto cards = read_cards(t, "resources.csv", en_es, d);
    REQUIRE(cards.size() == 2);
    CHECK(cards[1].url.empty());
    std::string all = messages(d);
    CHECK(all.find("resources.csv:3: error: this row has no title: it is skipped") != std::string::npos);
    CHECK(all.find("resources.csv:4: warning: the link \"www.c.org\" needs https:// in front") != std::string::npos);
}

TEST_CASE("events: dates as spreadsheets and ISO 8601 write them")
{
    Diagnostics d;
    CsvTable t = parse("title,start,end,location\n"
                       "Drop-in,2026-12-01 18:00,2026-12-01 19:30,Community room\n"
                       "Call,2026-12-02T19:00:00,,\n"
                       "Offset,2026-12-03T10:00:00-05:00,2026-12-03T11:00:00-05:00,\n"
                       "Potluck day,2026-12-18,,\n"
                       "Bad,01/12/2026 18:00,,\n"
                       "Backwards,2026-12-05 18:00,2026-12-05 17:00,\n",
        d);
    auto events = read_events_csv(t, "events.csv", en_es, d);
    REQUIRE(events.size() == 4);
    CHECK(events[0].start.hour == 18);
    CHECK(events[0].duration_seconds == 90 * 60);
    CHECK(events[0].time_zone.empty()); // The kiosk's zone.
    CHECK(events[1].duration_seconds == 0);
    CHECK(events[2].time_zone == "UTC");
    CHECK(events[2].start.hour == 15);
    CHECK(events[2].duration_seconds == 3600);
    CHECK(events[3].all_day);
    CHECK(events[3].duration_seconds == 86400);
    std::string all = messages(d);
    // The file's only slashed date could be either day/month or month/day (test_sheet_dates.cpp has the rest).
    CHECK(all.find("events.csv:6: error: the dates could be day/month or month/day (this line has \"01/12/2026 "
                   "18:00\"): add date_order")
        != std::string::npos);
    CHECK(all.find("events.csv:7: error: the event ends (2026-12-05 17:00) before it starts (2026-12-05 18:00)")
        != std::string::npos);
}

TEST_CASE("slugs, links and cell times")
{
    CHECK(slugify("Urban Survivors Union (NCUSU)") == "urban-survivors-union-ncusu");
    CHECK(slugify("¿Qué es? Año") == "que-es-ano");
    CHECK(slugify("!!!") == "");
    CHECK(slugify(std::string(100, 'a')).size() == 64);
    CHECK(is_link_address("https://nextdistro.org/socialsupport"));
    CHECK(is_link_address("http://www.vocal-ny.org/"));
    CHECK(is_link_address("tel:+18004843731"));
    CHECK_FALSE(is_link_address("javascript:alert(1)"));
    CHECK_FALSE(is_link_address("https://"));
    CHECK_FALSE(is_link_address("https://exa mple.org"));
    CHECK(parse_cell_time("2026-12-01T18:00Z")->offset_minutes == 0);
    CHECK(parse_cell_time("2026-12-01T18:00:00.000+0100")->offset_minutes == 60);
    CHECK_FALSE(parse_cell_time("2026-12-01T18:00+25:00"));
    CHECK_FALSE(parse_cell_time("tomorrow"));
}

TEST_CASE("csv values written for spreadsheets: quoted when needed, never a formula, read back as written")
{
    CHECK(csv_value("Find a union") == "Find a union");
    CHECK(csv_value("") == "");
    CHECK(csv_value("Events: Peer drop-in, 2026-12-08") == "\"Events: Peer drop-in, 2026-12-08\"");
    CHECK(csv_value("The \"Eastside\" room") == "\"The \"\"Eastside\"\" room\"");
    CHECK(csv_value("two\nlines") == "\"two\nlines\"");
    CHECK(csv_value("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    CHECK(csv_value("+1 555") == "'+1 555");
    CHECK(csv_value("-5") == "'-5");
    CHECK(csv_value("@SUM(A1)") == "'@SUM(A1)");
    // Our own reader gets each value back in one cell.
    Diagnostics d;
    std::string text = "title,n\n" + csv_value("a, \"b\"\nc") + ",1\n";
    CsvTable table = parse(text, d);
    REQUIRE(table.rows.size() == 1);
    CHECK(table.rows[0].fields[0] == "a, \"b\"\nc");
}
