// The staff desk's facts and answers are phrases: the same view reads in English or Spanish, as the kiosk shows it.
#include "app/content_commands.hpp"
#include "app/paths.hpp"
#include "app/staff_desk.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"
#include "sync/import_report.hpp"
#include "ui/strings.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace kiosk;

namespace {

// Each fact as the staff screen draws it, in `language`.
std::vector<std::string> facts_in(const ui::Strings& strings, const ui::StaffView& view, const std::string& language)
{
    std::vector<std::string> lines;
    for (const ui::StaffFact& fact : view.facts)
        lines.push_back(strings.format(
            ui::Phrase {"staff_fact",
                {{"label", strings.get(fact.label, language)}, {"value", strings.format(fact.value, language)}}},
            language));
    return lines;
}

bool has(const std::vector<std::string>& lines, const std::string& line)
{
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

} // namespace

TEST_CASE("the staff desk's facts and answers render in the kiosk's language")
{
    Diagnostics d;
    ui::Strings strings = ui::Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    REQUIRE(d.empty());
    test::TempDir dir;
    Options options;
    options.state_dir = dir.path();
    Settings settings;
    StaffDesk desk(
        options, settings, Clock::starting_at(WallTime(std::chrono::seconds(1796198400)), Clock::Mode::Simulated));

    PeopleTime words {&strings, "en", TimeZone::utc(), {}};
    ui::StaffView view = desk.view(words);
    std::vector<std::string> english = facts_in(strings, view, "en");
    std::vector<std::string> spanish = facts_in(strings, view, "es");
    CAPTURE(english);
    CAPTURE(spanish);
    CHECK(has(english, "Feed: none set (feed_url)"));
    CHECK(has(spanish, "Fuente en internet: ninguna (feed_url)"));
    CHECK(std::count_if(spanish.begin(), spanish.end(), [](const std::string& line) {
        return line.rfind("Quiosco: versión ", 0) == 0;
    }) == 1);
    REQUIRE(view.sources.size() == 1);
    CHECK(strings.format(view.sources[0], "es") == "Todavía no se ha buscado ninguna actualización.");

    StaffOutcome nothing = desk.act(ui::StaffAction::Apply, 2, words);
    CHECK(strings.format(nothing.message, "en") == "There is nothing waiting to apply.");
    CHECK(strings.format(nothing.message, "es") == "No hay nada esperando para aplicar.");
    CHECK(strings.format(StaffDesk::working_on(ui::StaffAction::RollBack), "es") == "Volviendo al contenido anterior…");
    // Every action that changes what shows, what waits or whether the kiosk runs asks first; looking and saving the
    // counts do not.
    for (ui::StaffAction action : {ui::StaffAction::Apply, ui::StaffAction::Ignore, ui::StaffAction::RollBack,
             ui::StaffAction::ResetFloor, ui::StaffAction::Restart, ui::StaffAction::Stop})
        CHECK(ui::asks_first(action));
    CHECK_FALSE(ui::asks_first(ui::StaffAction::Sync));
    CHECK_FALSE(ui::asks_first(ui::StaffAction::Export));
    // With nothing to do, a button says why instead (the view has no bundle waiting and no previous version).
    REQUIRE(ui::staff_unavailable(view, ui::StaffAction::Apply));
    CHECK(strings.format(*ui::staff_unavailable(view, ui::StaffAction::Apply), "es")
        == "No espera nada en una memoria: no hay nada que aplicar.");
    CHECK_FALSE(ui::staff_unavailable(view, ui::StaffAction::Stop));
}

TEST_CASE("the staff screen's source lines say the sync log's reasons in the kiosk's language")
{
    Diagnostics d;
    ui::Strings strings = ui::Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    REQUIRE(d.empty());
    test::TempDir dir;
    Options options;
    options.state_dir = dir.path();
    std::string error;
    {
        auto store = store::Store::open(database_in(state_dir(dir.path())), error);
        REQUIRE_MESSAGE(store, error);
        Reason older = Reason::said("version_older", {{"version", "20261101000000"}, {"last", "20261201000000"}});
        CHECK(store->log_sync(
            1796198000, "usb:/media/OLD", "refused", 0, older.text(), sync::json_line(sync::reason_json(older))));
        CHECK(store->log_sync(1796198100, "feed:https://example.org/MANIFEST", "failed", 0, "words from before"));
    }
    StaffDesk desk(
        options, Settings {}, Clock::starting_at(WallTime(std::chrono::seconds(1796198400)), Clock::Mode::Simulated));
    auto lines = [&](const char* language) {
        PeopleTime words {&strings, language, TimeZone::utc(), {}};
        std::vector<std::string> said;
        for (const ui::Phrase& source : desk.view(words).sources)
            said.push_back(strings.format(source, language));
        return said;
    };
    std::vector<std::string> spanish = lines("es"), english = lines("en");
    CAPTURE(spanish);
    CAPTURE(english);
    REQUIRE(spanish.size() == 2);
    CHECK(spanish[1].find(
              "rechazado: la versi\u00f3n 20261101000000 de este contenido es m\u00e1s vieja que la versi\u00f3n "
              "20261201000000")
        != std::string::npos);
    CHECK(english[1].find("refused: this bundle's version 20261101000000 is older than version 20261201000000")
        != std::string::npos);
    // An entry logged before reasons were kept shows its English words.
    CHECK(spanish[0].find("fall\u00f3: words from before") != std::string::npos);
}

TEST_CASE("staff read times in the kiosk's zone with its name, and packed versions as when they were packed")
{
    Diagnostics d;
    ui::Strings strings = ui::Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    auto chicago = TimeZone::named("America/Chicago");
    REQUIRE(chicago);
    WallTime now(std::chrono::seconds(1796198400)); // 2026-12-02.
    std::int64_t at = 1796531834;                   // 2026-12-06T04:37:14Z: Saturday evening in Chicago.
    PeopleTime english {&strings, "en", *chicago, now};
    PeopleTime spanish {&strings, "es", *chicago, now};
    CHECK(english.time(at) == "Saturday, December 5, 10:37 PM CST");
    CHECK(spanish.time(at) == "sábado, 5 de diciembre, 22:37 CST");
    CHECK(PeopleTime {nullptr, "en", *chicago, now}.time(at) == "Saturday, December 5, 10:37 PM CST");
    CHECK(english.time(at - 366 * 86400) == "Thursday, December 4 2025, 10:37 PM CST");
    CHECK(english.version("20261206043714") == "packed Saturday, December 5, 10:37 PM CST (version 20261206043714)");
    CHECK(spanish.version("20261206043714")
        == "empaquetada el sábado, 5 de diciembre, 22:37 CST (versión 20261206043714)");
    CHECK(english.version("local-1") == "version local-1");
    // Dated past what a WallTime holds (a version floor of 9999): said in UTC, never overflowing.
    CHECK(english.version("99991231235959") == "packed 9999-12-31T23:59:59Z (version 99991231235959)");
    CHECK(english.time(-20'000'000'000) == "1336-03-23T12:26:40Z");
}
