// Calendars in several languages: LANGUAGE parameters, and calendars/NAME.es.ics translating calendars/NAME.ics.
#include "content/bundle_reader.hpp"
#include "ics_fixtures.hpp"
#include "support/diagnostics.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace kiosk;
using namespace kiosk::test::ics_fixtures;

namespace {

const std::string translation_file = "calendars/test.es.ics";

std::vector<Event> read_translated(
    const std::string& text, const std::string& translation, Diagnostics& diagnostics, const IcsLimits& limits = {})
{
    return read_ics(text, file_name, {"en", "es"}, diagnostics, limits, {{translation, translation_file, "es"}});
}

// A weekly call on Wednesdays from 2 December 2026, its 9 December occurrence moved an hour later with the same
// words, its 16 December one renamed, and a one-off.
const std::string calls = calendar("BEGIN:VEVENT\n" // Line 4.
                                   "UID:call\nSUMMARY:Union call\nLOCATION:Online\n"
                                   "DTSTART;TZID=America/New_York:20261202T190000\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n"
                                   "BEGIN:VEVENT\n" // Line 11.
                                   "UID:call\nRECURRENCE-ID;TZID=America/New_York:20261209T190000\n"
                                   "SUMMARY:Union call\nLOCATION:Online\n"
                                   "DTSTART;TZID=America/New_York:20261209T200000\nEND:VEVENT\n"
                                   "BEGIN:VEVENT\n" // Line 18.
                                   "UID:call\nRECURRENCE-ID;TZID=America/New_York:20261216T190000\n"
                                   "SUMMARY:Union call: new members\nLOCATION:Online\n"
                                   "DTSTART;TZID=America/New_York:20261216T190000\nEND:VEVENT\n"
                                   "BEGIN:VEVENT\n" // Line 25.
                                   "UID:potluck\nSUMMARY:Potluck\nDTSTART:20261218T170000\nEND:VEVENT\n");

const Event& event_titled(const std::vector<Event>& events, const std::string& english)
{
    auto it
        = std::find_if(events.begin(), events.end(), [&](const Event& e) { return e.title.in("en", "en") == english; });
    REQUIRE(it != events.end());
    return *it;
}

} // namespace

TEST_CASE("calendar translations: LANGUAGE names one of the bundle's languages, whatever its region or case")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:a\nDTSTART:20261201T100000Z\n"
                                "SUMMARY:Coffee\nSUMMARY;LANGUAGE=es-MX:Café\nSUMMARY;LANGUAGE=es:Café de olla\n"
                                "DESCRIPTION;LANGUAGE=ES:Para todos.\nDESCRIPTION:For everyone.\n"
                                "LOCATION;LANGUAGE=en-US:Front room\nLOCATION;LANGUAGE=es_ES:Sala de entrada\n"
                                "END:VEVENT\n"),
        diagnostics);
    CHECK(messages(diagnostics).empty());
    REQUIRE(events.size() == 1);
    const Event& e = events[0];
    CHECK(e.title.in("en", "en") == "Coffee");
    CHECK(e.title.in("es", "en") == "Café"); // Two SUMMARYs in Spanish: the first is kept.
    CHECK(e.description.in("es", "en") == "Para todos.");
    CHECK(e.description.in("en", "en") == "For everyone.");
    CHECK(e.location.in("en", "en") == "Front room");
    CHECK(e.location.in("es", "en") == "Sala de entrada");
    CHECK(e.title.by_language().size() == 2); // "en" and "es", nothing under the tags as written.
}

TEST_CASE("calendar translations: a language the bundle does not have is warned at the event's line and not shown")
{
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:a\nDTSTART:20261201T100000Z\n"
                                "SUMMARY:Coffee\nSUMMARY;LANGUAGE=fr-CA:Café\nLOCATION;LANGUAGE=de:Vorne\n"
                                "LOCATION:Front room\nEND:VEVENT\n"),
        diagnostics);
    REQUIRE(events.size() == 1);
    CHECK(events[0].title.by_language() == std::map<std::string, std::string> {{"en", "Coffee"}});
    CHECK(events[0].location.by_language() == std::map<std::string, std::string> {{"en", "Front room"}});
    CHECK(messages(diagnostics)
        == std::vector<std::string> {
            "calendars/test.ics:4: warning: the event \"Coffee\" has a title (SUMMARY) in the language \"fr-CA\", "
            "which is not one of the bundle's languages, so it is not shown: add \"fr\" to languages in bundle.toml to "
            "show it",
            "calendars/test.ics:4: warning: the event \"Coffee\" has a place (LOCATION) in the language \"de\", which "
            "is not one of the bundle's languages, so it is not shown: add \"de\" to languages in bundle.toml to show "
            "it"});
}

TEST_CASE("calendar translations: a text only in a language the bundle does not have stands for the default one")
{
    // A French Outlook writes LANGUAGE=fr-FR on every text: the words are shown, with nothing to warn about.
    Diagnostics diagnostics;
    auto events = read(calendar("BEGIN:VEVENT\nUID:a\nDTSTART:20261201T100000Z\n"
                                "SUMMARY;LANGUAGE=fr-FR:Réunion\nDESCRIPTION;LANGUAGE=fr-FR:Pour tous\n"
                                "DESCRIPTION;LANGUAGE=de:Für alle\nEND:VEVENT\n"),
        diagnostics);
    REQUIRE(events.size() == 1);
    CHECK(events[0].title.by_language() == std::map<std::string, std::string> {{"en", "Réunion"}});
    CHECK(events[0].description.by_language() == std::map<std::string, std::string> {{"en", "Pour tous"}});
    // The second language is still not shown, and said so.
    CHECK(messages(diagnostics)
        == std::vector<std::string> {
            "calendars/test.ics:4: warning: the event \"Réunion\" has a description (DESCRIPTION) in the language "
            "\"de\", which is not one of the bundle's languages, so it is not shown: add \"de\" to languages in "
            "bundle.toml to show it"});
}

TEST_CASE("calendar translations: a translation file's events are matched by UID and RECURRENCE-ID")
{
    std::string translation = calendar("BEGIN:VEVENT\n" // Line 4: the series.
                                       "UID:call\nSUMMARY:Llamada del sindicato\nLOCATION;LANGUAGE=en:En línea\n"
                                       "END:VEVENT\n"
                                       "BEGIN:VEVENT\n" // Line 9: the renamed occurrence, its time in UTC.
                                       "UID:call\nRECURRENCE-ID:20261217T000000Z\n"
                                       "SUMMARY:Llamada: nuevos miembros\nEND:VEVENT\n"
                                       "BEGIN:VEVENT\n" // Line 14.
                                       "UID:nothing-like-it\nSUMMARY:Nada\nEND:VEVENT\n"
                                       "BEGIN:VEVENT\n" // Line 18.
                                       "UID:call\nRECURRENCE-ID;TZID=America/New_York:20261223T190000\n"
                                       "SUMMARY:Llamada de Navidad\nEND:VEVENT\n"
                                       "BEGIN:VEVENT\n" // Line 23.
                                       "SUMMARY:Sin UID\nEND:VEVENT\n");
    Diagnostics diagnostics;
    auto events = read_translated(calls, translation, diagnostics);
    REQUIRE(events.size() == 4); // The series, two changed occurrences and the potluck: nothing from the translation.
    const Event& series = events[0];
    CHECK(series.title.in("es", "en") == "Llamada del sindicato");
    CHECK(series.location.in("es", "en") == "En línea"); // The file's language, whatever LANGUAGE says.
    CHECK(series.title.in("en", "en") == "Union call");
    // The occurrence moved with the same words keeps the series' translation; the renamed one has its own.
    const Event* moved = find_event(events, "call-20261209");
    REQUIRE(moved);
    CHECK(moved->title.in("es", "en") == "Llamada del sindicato");
    const Event& renamed = event_titled(events, "Union call: new members");
    CHECK(renamed.title.in("es", "en") == "Llamada: nuevos miembros");
    CHECK(renamed.location.in("es", "en") == "En línea"); // The place was not changed.
    CHECK_FALSE(event_titled(events, "Potluck").title.has("es"));
    INFO(kiosk::test::messages(diagnostics));
    CHECK(messages(diagnostics)
        == std::vector<std::string> {
            "calendars/test.es.ics:14: warning: no event in calendars/test.ics has the UID \"nothing-like-it\", so "
            "this translation is not shown: check that its UID line is the same as the event's in calendars/test.ics",
            "calendars/test.es.ics:18: warning: the event with UID \"call\" in calendars/test.ics has no changed "
            "occurrence (RECURRENCE-ID) on 2026-12-23 at 19:00, so this translation is not shown: check this event's "
            "RECURRENCE-ID line against calendars/test.ics",
            "calendars/test.es.ics:23: warning: the event \"Sin UID\" has no UID, so the kiosk cannot tell which event "
            "of calendars/test.ics it translates: copy the event's UID line from calendars/test.ics"});
}

TEST_CASE("calendar translations: a translation file is held to a calendar's limits")
{
    Diagnostics diagnostics;
    IcsLimits limits;
    limits.max_bytes = calls.size() + 10;
    std::string big = calendar(std::string(calls.size(), '\n'));
    read_translated(calls, big, diagnostics, limits);
    REQUIRE(diagnostics.has_fatal());
    CHECK(diagnostics.all().back().file == translation_file);
    CHECK(diagnostics.all().back().message.find("more than the limit") != std::string::npos);

    Diagnostics not_a_calendar;
    read_translated(calls, "SUMMARY:Hola\n", not_a_calendar);
    CHECK(messages(not_a_calendar)
        == std::vector<std::string> {"calendars/test.es.ics: error: this is not an iCalendar file: it must start with "
                                     "BEGIN:VCALENDAR"});
}

TEST_CASE("calendar translations: calendars/NAME.es.ics beside calendars/NAME.ics translates it in a bundle")
{
    test::TempDir dir;
    std::filesystem::create_directories(dir.path() + "/calendars");
    dir.write("bundle.toml",
        "name = \"Center\"\nlanguages = [\"en\", \"es\"]\n[[sections]]\nid = \"events\"\nkind = \"agenda\"\n"
        "title = \"Events\"\n");
    dir.write("calendars/calls.ics", calls);
    dir.write("calendars/calls.ES.ics", calendar("BEGIN:VEVENT\nUID:potluck\nSUMMARY:Comida compartida\nEND:VEVENT\n"));
    dir.write("calendars/talks.es.ics", calendar("BEGIN:VEVENT\nUID:talk\nSUMMARY:Charla\nEND:VEVENT\n"));
    // Named like a translation into the default language, or one the bundle does not have: calendars of their own.
    dir.write("calendars/walks.en.ics",
        calendar("BEGIN:VEVENT\nUID:walk\nSUMMARY:Walk\nDTSTART:20261203T100000\n"
                 "END:VEVENT\n"));
    dir.write("calendars/walks.fr.ics",
        calendar("BEGIN:VEVENT\nUID:marche\nSUMMARY:Marche\nDTSTART:20261203T100000\n"
                 "END:VEVENT\n"));
    Diagnostics diagnostics;
    auto bundle = read_bundle(dir.path(), diagnostics);
    REQUIRE(bundle);
    CHECK(kiosk::test::messages(diagnostics)
        == "calendars/talks.es.ics: warning: this looks like the \"es\" translation of calendars/talks.ics, but there "
           "is no calendars/talks.ics, so it is not used: name it after the calendar it translates, with .es before "
           ".ics\n");
    CHECK(bundle->events.size() == 6);
    CHECK(event_titled(bundle->events, "Potluck").title.in("es", "en") == "Comida compartida");
    CHECK(event_titled(bundle->events, "Walk").file == "calendars/walks.en.ics");
    CHECK(event_titled(bundle->events, "Marche").file == "calendars/walks.fr.ics");
}

TEST_CASE("calendar translations: one named nearly like its calendar says which calendar is there")
{
    test::TempDir dir;
    std::filesystem::create_directories(dir.path() + "/calendars");
    dir.write("bundle.toml",
        "name = \"Center\"\nlanguages = [\"en\", \"es\"]\n[[sections]]\nid = \"events\"\nkind = \"agenda\"\n"
        "title = \"Events\"\n");
    dir.write("calendars/union-calls.ics", calls);
    dir.write("calendars/union calls.es.ics", calendar("BEGIN:VEVENT\nUID:potluck\nSUMMARY:Comida\nEND:VEVENT\n"));
    Diagnostics diagnostics;
    REQUIRE(read_bundle(dir.path(), diagnostics));
    CHECK(kiosk::test::messages(diagnostics)
        == "calendars/union calls.es.ics: warning: this looks like the \"es\" translation of calendars/union "
           "calls.ics, "
           "but there is no calendars/union calls.ics, so it is not used: name it after the calendar it translates, "
           "with .es before .ics; did you mean calendars/union-calls.ics?\n");
}
