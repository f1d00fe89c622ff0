// The import child's report: every outcome survives the trip through JSON, and a broken answer is refused, not guessed.
#include "store_fixtures.hpp"
#include "sync/check_report.hpp"
#include "sync/identity.hpp"
#include "sync/import_report.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::sync;

namespace {

const Outcome every_outcome[] = {Outcome::Imported, Outcome::Unchanged, Outcome::Pending, Outcome::RefusedSignature,
    Outcome::RefusedVersion, Outcome::RefusedLimits, Outcome::SetAside, Outcome::Busy, Outcome::Invalid,
    Outcome::Unreadable, Outcome::Failed};

ImportReport sample(Outcome outcome)
{
    ImportReport report;
    report.outcome = outcome;
    report.is_signed = outcome == Outcome::Imported;
    report.importable = outcome != Outcome::Invalid;
    report.version = "20261206043414";
    report.counts = {3, 12, 4, 9, 2};
    Reason older = Reason::said("version_older", {{"version", "31/02"}, {"last", "2027"}});
    report.diagnostics = {{"events.csv", 3, Severity::Error, older.text(), older},
        {"bundle.toml", 0, Severity::Fatal, "no sections", {}},
        {"pages/a.md", 7, Severity::Warning, "odd \"quotes\"\n", {}}};
    if (outcome != Outcome::Imported) // A part with a key and values, then words said as they are.
        report.reason = Reason::said("version_older", {{"version", "2026"}, {"last", "{version} \"x\"\n"}})
            + Reason::plain("; why, in \"plain\" words: \xC3\xA9t\xC3\xA9");
    return report;
}

} // namespace

TEST_CASE("import report: every outcome written by the child reads back the same in the parent")
{
    for (Outcome outcome : every_outcome) {
        CAPTURE(outcome_name(outcome));
        ImportReport sent = sample(outcome);
        std::string line = json_line(to_json(sent));
        CHECK(line.find('\n') == std::string::npos); // One line: the parent reads the first.
        std::string error;
        auto got = report_from_json(line, error);
        REQUIRE_MESSAGE(got, error);
        CHECK(got->outcome == outcome);
        CHECK(got->is_signed == sent.is_signed);
        CHECK(got->importable == sent.importable);
        CHECK(got->version == sent.version);
        CHECK(got->counts.pages == 3);
        CHECK(got->counts.cards == 12);
        CHECK(got->counts.events == 4);
        CHECK(got->counts.occurrences == 9);
        CHECK(got->counts.images == 2);
        CHECK(got->reason == sent.reason);
        REQUIRE(got->diagnostics.size() == sent.diagnostics.size());
        for (std::size_t i = 0; i < sent.diagnostics.size(); ++i) {
            CHECK(got->diagnostics[i].file == sent.diagnostics[i].file);
            CHECK(got->diagnostics[i].line == sent.diagnostics[i].line);
            CHECK(got->diagnostics[i].severity == sent.diagnostics[i].severity);
            CHECK(got->diagnostics[i].message == sent.diagnostics[i].message);
            CHECK(got->diagnostics[i].reason == sent.diagnostics[i].reason);
        }
        CHECK(got->problems_text() == sent.problems_text());
    }
}

TEST_CASE("import report: the documented keys are there for readers that predate \"outcome\"")
{
    nlohmann::json json = to_json(sample(Outcome::Pending));
    for (const char* key : {"outcome", "imported", "unchanged", "pending", "signed", "version", "importable", "why",
             "error", "reason", "counts", "report", "diagnostics"})
        CHECK_MESSAGE(json.contains(key), key);
    CHECK(json["pending"] == true);
    CHECK(json["imported"] == false);
    CHECK(json["outcome"] == "pending");
    nlohmann::json failed = to_json(sample(Outcome::Failed));
    CHECK(failed["error"] != "");
    CHECK(failed["why"] == "");
}

TEST_CASE("import report: a report with no reason (from a kiosk before them) keeps its words, and changed words win")
{
    ImportReport sent = sample(Outcome::RefusedVersion);
    nlohmann::json json = to_json(sent);
    CHECK(json["why"] == sent.reason.text());
    json.erase("reason");
    std::string error;
    auto old = report_from_json(json_line(json), error);
    REQUIRE_MESSAGE(old, error);
    CHECK(old->reason == Reason::plain(sent.reason.text()));
    json = to_json(sent);
    json["why"] = "other words";
    auto changed = report_from_json(json_line(json), error);
    REQUIRE_MESSAGE(changed, error);
    CHECK(changed->reason == Reason::plain("other words"));
    CHECK(reason_from_text("").empty());
    CHECK(reason_from_text("not JSON").empty());
    CHECK(reason_from_text("[1, {\"key\": 3}]").parts.size() == 1); // A part that is an object, with no text.
}

TEST_CASE("import report: names map one to one, and to the sync log's five words")
{
    for (Outcome outcome : every_outcome) {
        CHECK(outcome_from_name(outcome_name(outcome)) == outcome);
        std::string word = result_word(outcome);
        CHECK(
            (word == "imported" || word == "unchanged" || word == "pending" || word == "refused" || word == "failed"));
        CHECK(is_failure(outcome) == (word == "refused" || word == "failed"));
        CHECK(is_transient(outcome) == (word == "failed"));
    }
    CHECK_FALSE(outcome_from_name("imported, probably"));
}

TEST_CASE("import report: an answer that is not a report is refused with a reason, never guessed at")
{
    std::string error;
    for (const char* text : {"", "Segmentation fault", "{\"imported\": true}", "[1, 2]", "{\"outcome\": \"maybe\"}",
             "{\"outcome\": 3}", "{\"outcome\": \"imported\", \"counts\": {\"pages\": "}) {
        CAPTURE(text);
        error.clear();
        CHECK_FALSE(report_from_json(text, error));
        CHECK_FALSE(error.empty());
    }
    // Wrong types in a known outcome's fields are read as absent, never thrown.
    auto odd
        = report_from_json("{\"outcome\": \"invalid\", \"signed\": \"yes\", \"version\": 7, \"counts\": {\"pages\": "
                           "-1, \"cards\": \"2\"}, \"diagnostics\": [3, {\"line\": \"x\", \"fatal\": 1}]}",
            error);
    REQUIRE(odd);
    CHECK(odd->outcome == Outcome::Invalid);
    CHECK_FALSE(odd->is_signed);
    CHECK(odd->version.empty());
    CHECK(odd->counts.pages == 0);
    CHECK(odd->counts.cards == 0);
    REQUIRE(odd->diagnostics.size() == 1);
    CHECK(odd->diagnostics[0].line == 0);
    CHECK(odd->diagnostics[0].severity == Severity::Error);
}

TEST_CASE("import report: text that is not UTF-8 is written as JSON all the same")
{
    ImportReport report = sample(Outcome::Invalid);
    report.diagnostics[0].file = "caf\xE9.csv"; // Latin-1 from a stick's file name.
    std::string error;
    auto got = report_from_json(json_line(to_json(report)), error);
    REQUIRE_MESSAGE(got, error);
    CHECK(got->diagnostics[0].file == "caf\xEF\xBF\xBD.csv");
}

TEST_CASE("check report: what staff and calendar URLs read from a check child reads back the same")
{
    CheckReport sent;
    sent.importable = true;
    sent.counts = {1, 2, 3, 4, 5};
    sent.diagnostics = {{"events.csv", 3, Severity::Warning, "a warning", {}}};
    sent.compared = true;
    Changes changes;
    changes.pages_added = {"pages/new.md"};
    changes.pages_changed = {"pages/urgent.md", "pages/about.es.md"};
    changes.cards_added = 2;
    changes.events_removed = 1;
    changes.new_name = "North Hub";
    changes.sections_changed = 1;
    changes.urgent_changed = true;
    changes.urgent_title = "Overdose?";
    changes.urgent_text = "Call 911 / Naloxone at the desk";
    sent.changes = changes;
    std::string error;
    auto got = check_from_json(json_line(to_json(sent)), error);
    REQUIRE_MESSAGE(got, error);
    CHECK(got->ok());
    CHECK(got->warnings() == 1);
    CHECK(summary_text(*got) == summary_text(sent));
    REQUIRE(got->changes);
    CHECK(changes_text(*got->changes) == changes_text(changes));
    CHECK(summary_text(sent) == "1 page, 2 cards, 3 events (4 in the next 90 days), 5 images; no errors, 1 warning");
    CHECK(changes_text(changes).find("; 2 cards added; 1 event removed;") != std::string::npos);

    sent.changes.reset();
    sent.compare_error = "there is no content yet";
    got = check_from_json(json_line(to_json(sent)), error);
    REQUIRE(got);
    CHECK_FALSE(got->changes);
    CHECK(got->compare_error == "there is no content yet");
}

TEST_CASE("check report: an urgent action changed is an urgent change staff see, with its new words first")
{
    using namespace kiosk::test::store_fixtures;
    const std::string dir = KIOSK_SOURCE_DIR "/data/demo";
    Content shown = demo();
    std::string error;
    auto files = bundle_identity(dir, error);
    REQUIRE_MESSAGE(files, error);
    ImportRequest request = shown.request("demo-hash");
    request.source_files = files->files;
    TestStore s;
    import(*s.store, request);

    auto same = compare_with_shown(shown.bundle, dir, *s.store, error);
    REQUIRE_MESSAGE(same, error);
    CHECK_FALSE(same->urgent_changed);

    Bundle next = shown.bundle;
    REQUIRE(next.info.urgent);
    REQUIRE_FALSE(next.info.urgent->actions.empty());
    next.info.urgent->actions[0] = Text("Call 555-0100");
    auto changed = compare_with_shown(next, dir, *s.store, error);
    REQUIRE_MESSAGE(changed, error);
    CHECK(changed->urgent_changed);
    CHECK(changed->urgent_text == "Call 555-0100");

    next.info.urgent->actions.clear();
    auto removed = compare_with_shown(next, dir, *s.store, error);
    REQUIRE_MESSAGE(removed, error);
    CHECK(removed->urgent_changed);
}

TEST_CASE("check report: a tile given another icon is a home tile changed, and naming its kind's icon is not")
{
    using namespace kiosk::test::store_fixtures;
    const std::string dir = KIOSK_SOURCE_DIR "/data/demo";
    Content shown = demo();
    std::string error;
    auto files = bundle_identity(dir, error);
    REQUIRE_MESSAGE(files, error);
    REQUIRE(shown.bundle.info.sections.at(3).kind == SectionKind::Agenda);
    shown.bundle.info.sections.at(3).icon.clear(); // The events tile shows the agenda's icon, "calendar_month".
    ImportRequest request = shown.request("demo-hash");
    request.source_files = files->files;
    TestStore s;
    import(*s.store, request);

    Bundle next = shown.bundle;
    next.info.sections.at(3).icon = "calendar_month"; // The same picture, named.
    auto same = compare_with_shown(next, dir, *s.store, error);
    REQUIRE_MESSAGE(same, error);
    CHECK(same->sections_changed == 0);

    next.info.sections.at(0).icon = "info";
    auto changed = compare_with_shown(next, dir, *s.store, error);
    REQUIRE_MESSAGE(changed, error);
    CHECK(changed->sections_changed == 1);
    CHECK(changes_text(*changed).find("1 home tile added, removed, renamed or with another icon") != std::string::npos);
}

TEST_CASE("the changes paragraph takes any page path a child sends: short, empty or outside pages/")
{
    // Found by fuzz_report: a page path shorter than "pages/" threw std::out_of_range in the parent.
    Changes changes;
    changes.pages_changed = {"", "x", "pages/about.md", "other/page.md"};
    std::string text;
    CHECK_NOTHROW(text = changes_text(changes));
    CHECK(text.find("about.md") != std::string::npos);
    CHECK(text.find("pages/about.md") == std::string::npos);
    CHECK(text.find("other/page.md") != std::string::npos);
}
