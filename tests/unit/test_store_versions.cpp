// The SQLite store's versions: unchanged imports, rollback and its pin, the version rules, three kept, counts, the sync
// log, a full disk and a kill at any moment.
#include "store_fixtures.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::store;
using namespace std::string_literals;
using namespace kiosk::test::store_fixtures;

TEST_CASE("store: importing the identity already showing changes nothing")
{
    TestStore s;
    Content content = demo();
    CHECK(import(*s.store, content.request("same")) == ImportOutcome::Imported);
    CHECK(import(*s.store, content.request("same")) == ImportOutcome::Unchanged);
    CHECK(s->versions().size() == 1);
    CHECK(s->active_version()->version == "local-1");
    CHECK_FALSE(s->previous_version());
    CHECK(sql_number(s.path, "SELECT count(*) FROM versions") == 1);
}

TEST_CASE("store: a version's status is kept as imported")
{
    TestStore s;
    Content content = demo();
    ImportRequest request = content.request("abc123", "20261126120000", true);
    request.source = "usb:/media/stick";
    request.imported_at = 1790000000;
    request.counts.occurrences = 42;
    request.report = "events.csv:3: warning: something\n";
    request.source_files = {{"bundle.toml", "h1"}, {"events.csv", "h2"}};
    import(*s.store, request);
    auto v = s->active_version();
    REQUIRE(v);
    CHECK(v->id > 0);
    CHECK(v->version == "20261126120000");
    CHECK(v->is_signed);
    CHECK(v->identity == "abc123");
    CHECK(v->source == "usb:/media/stick");
    CHECK(v->imported_at == 1790000000);
    CHECK(v->counts.pages == content.bundle.pages.size());
    CHECK(v->counts.events == content.bundle.events.size());
    CHECK(v->counts.cards == request.counts.cards);
    CHECK(v->counts.occurrences == 42);
    CHECK(v->report == request.report);
    CHECK(s->active_source_files() == request.source_files);
    CHECK(import(*s.store, content.request("local")) == ImportOutcome::Imported);
    CHECK(s->active_version()->version == "local-1");
    CHECK_FALSE(s->active_version()->is_signed);
    CHECK(s->active_version()->imported_at > 1790000000); // Now.
    CHECK(s->previous_version()->version == "20261126120000");
}

TEST_CASE("store: a rollback makes the previous version active and pins it")
{
    TestStore s;
    Content content = demo();
    std::string error;
    CHECK_FALSE(s->rollback(error));
    CHECK(error == "there is no earlier content to go back to");
    import(*s.store, content.request("a", "20261101000000", true));
    import(*s.store, content.request("b", "20261126000000", true));
    CHECK(s->pinned_from().empty());
    REQUIRE(s->rollback(error));
    CHECK(s->active_version()->identity == "a");
    CHECK(s->previous_version()->identity == "b");
    CHECK(s->pinned_from() == "20261126000000");
    s.reopen(); // The pin survives a restart.
    CHECK(s->pinned_from() == "20261126000000");
    Reason why;
    CHECK_FALSE(s->version_allowed("20261126000000", true, "b", 0, why));
    CHECK(why.text().find("rolled back from version 20261126000000") != std::string::npos);
    CHECK(s->version_allowed("20261127000000", true, "c", 0, why));
    // A local import keeps the pin of a signed version; a newer signed version lifts it.
    import(*s.store, content.request("local"));
    CHECK(s->pinned_from() == "20261126000000");
    import(*s.store, content.request("c", "20261127000000", true));
    CHECK(s->pinned_from().empty());
    std::string loaded_error;
    CHECK(s->load_active_bundle(loaded_error));
}

TEST_CASE("store: version rules refuse replays and altered bundles, and local versions never block")
{
    TestStore s;
    Content content = demo();
    Reason why;
    import(*s.store, content.request("demo")); // Local: blocks nothing.
    CHECK(s->version_allowed("20200101000000", true, "old", 0, why));
    import(*s.store, content.request("a", "20261126120000", true));
    CHECK(s->version_allowed("20261126120000", true, "a", 0, why)); // The same bundle again: harmless.
    CHECK_FALSE(s->version_allowed("20261126120000", true, "other", 0, why));
    CHECK(why.text().find("same version 20261126120000") != std::string::npos);
    CHECK_FALSE(s->version_allowed("20261001000000", true, "older", 0, why));
    CHECK(why.text().find("older than version 20261126120000") != std::string::npos);
    CHECK_FALSE(s->version_allowed("020261001000000", true, "older", 0, why)); // Compared as numbers.
    CHECK(s->version_allowed("120261001000000", true, "longer", 0, why));
    CHECK(s->version_allowed("20261126120001", true, "newer", 0, why));
    CHECK(s->version_allowed("local-9", false, "local", 0, why));
    CHECK(s->version_allowed("", false, "local", 0, why));
    CHECK_FALSE(s->version_allowed("2026-11-26", true, "x", 0, why));
    CHECK(why.text().find("not one kiosk pack writes") != std::string::npos);
    // A staff-applied older signed bundle does not lower the mark.
    import(*s.store, content.request("older", "20261001000000", true));
    CHECK_FALSE(s->version_allowed("20261101000000", true, "between", 0, why));
}

TEST_CASE("store: at most three versions are kept, with their rows")
{
    TestStore s;
    Content content = demo();
    for (int i = 1; i <= 5; ++i)
        import(*s.store, content.request("v" + std::to_string(i)));
    auto versions = s->versions();
    REQUIRE(versions.size() == 3);
    CHECK(versions[0].version == "local-5");
    CHECK(versions[2].version == "local-3");
    std::string error;
    REQUIRE(s->rollback(error)); // local-4 shows, local-5 is previous.
    import(*s.store, content.request("v6"));
    versions = s->versions();
    REQUIRE(versions.size() == 3);
    CHECK(versions[0].version == "local-6");
    CHECK(versions[1].version == "local-5");
    CHECK(versions[2].version == "local-4");
    CHECK(s->previous_version()->version == "local-4");
    for (const char* table : {"bundle_info", "sections", "pages", "card_lists", "cards", "events", "images"}) {
        CHECK(sql_number(s.path,
                  std::string("SELECT count(*) FROM ") + table + " WHERE version_id NOT IN (SELECT id FROM versions)")
            == 0);
    }
    CHECK(sql_number(s.path, "SELECT count(DISTINCT version_id) FROM events") == 3);
}

TEST_CASE("store: usage counts add up per day and path")
{
    TestStore s;
    CHECK(s->add_counts({{"2026-11-26", "home", 3}, {"2026-11-26", "unions/north", 1}}));
    CHECK(s->add_counts({{"2026-11-26", "home", 2}, {"2026-11-27", "home", 1}}));
    CHECK(s->add_counts({}));
    using Row = std::tuple<std::string, std::string, int>;
    CHECK(s->counts()
        == std::vector<Row> {{"2026-11-26", "home", 5}, {"2026-11-26", "unions/north", 1}, {"2026-11-27", "home", 1}});
}

TEST_CASE("store: the sync log reads back newest first and keeps the latest thousand")
{
    TestStore s;
    CHECK(s->log_sync(100, "feed:https://example.org/MANIFEST", "unchanged", 0, ""));
    CHECK(s->log_sync(200, "usb:/media/x", "failed", 1234, "the signature does not match"));
    auto log = s->sync_log();
    REQUIRE(log.size() == 2);
    CHECK(log[0].at == 200);
    CHECK(log[0].source == "usb:/media/x");
    CHECK(log[0].result == "failed");
    CHECK(log[0].bytes == 1234);
    CHECK(log[0].message == "the signature does not match");
    CHECK(log[1].result == "unchanged");
    CHECK(s->sync_log(1).size() == 1);
    for (int i = 0; i < 1005; ++i)
        s->log_sync(300 + i, "feed", "unchanged", 0, "");
    CHECK(sql_number(s.path, "SELECT count(*) FROM sync_log") == 1000);
    CHECK(s->sync_log(1)[0].at == 1304);
}

TEST_CASE("store: a full disk fails the import and keeps the content that was showing")
{
    TestStore s;
    Content content = demo();
    import(*s.store, content.request("demo"));
    auto before = s->active_version();
    Content big = generated(3000, 500, 20, 20);
    CHECK(s->set_max_page_count(1) > 1); // SQLite keeps the pages in use: the file can no longer grow.
    std::string error;
    CHECK_FALSE(s->import_bundle(big.request("big"), error));
    CHECK(error.find("the disk is full") == 0);
    CHECK(error.find("the content that was showing stays") != std::string::npos);
    CHECK(s->active_version()->id == before->id);
    CHECK(s->versions().size() == 1);
    CHECK(s->integrity_check() == "ok");
    auto loaded = s->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    check_same_bundle(*loaded, content.bundle);
    // With room again the same import goes through.
    s->set_max_page_count(1073741823);
    error.clear();
    CHECK(s->import_bundle(big.request("big"), error) == ImportOutcome::Imported);
    CHECK(error.empty());
}

TEST_CASE("store: a big bundle imports in well under two seconds")
{
    TestStore s;
    Content big = generated(10000, 2000, 200, 50);
    ImportRequest request = big.request("big");
    auto started = std::chrono::steady_clock::now();
    import(*s.store, request);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    MESSAGE("10,000 events, 2,000 cards, 200 pages and 50 images imported in " << seconds << " s");
    started = std::chrono::steady_clock::now();
    std::string error;
    auto loaded = s->load_active_bundle(error);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    MESSAGE("and loaded back in " << seconds << " s");
    REQUIRE_MESSAGE(loaded, error);
    check_same_bundle(*loaded, big.bundle);
    CHECK(s->image_data("images/image-7.png") == big.image_data["images/image-7.png"]);
}

TEST_CASE("store: an import killed at any moment leaves the old version or the new one whole")
{
    test::TempDir dir;
    std::string path = dir.file("kiosk.db");
    Content big = generated(4000, 800, 50, 20);
    {
        std::string error;
        auto store = Store::open(path, error);
        REQUIRE_MESSAGE(store, error);
        import(*store, big.request("first"));
    }
    std::mt19937 random(20261126);
    std::uniform_int_distribution<int> delay_ms(1, 250);
    int landed_new = 0;
    for (int round = 0; round < 20; ++round) {
        pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            // Imports new versions one after another until killed; no connection crosses the fork.
            std::string error;
            auto store = Store::open(path, error);
            if (!store)
                _exit(2);
            for (int n = 0; n < 1000; ++n)
                store->import_bundle(big.request("round-" + std::to_string(round) + "-" + std::to_string(n)), error);
            _exit(0);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));

        std::string error;
        auto store = Store::open(path, error);
        REQUIRE_MESSAGE(store, error);
        CHECK(store->integrity_check() == "ok");
        auto active = store->active_version();
        REQUIRE(active);
        landed_new += active->identity.rfind("round-" + std::to_string(round), 0) == 0 ? 1 : 0;
        auto loaded = store->load_active_bundle(error);
        REQUIRE_MESSAGE(loaded, error);
        std::size_t cards = 0;
        for (const auto& [source, list] : loaded->card_lists)
            cards += list.size();
        CHECK(loaded->pages.size() == active->counts.pages);
        CHECK(cards == active->counts.cards);
        CHECK(loaded->events.size() == active->counts.events);
        CHECK(loaded->images.size() == active->counts.images);
        CHECK(loaded->events.size() == big.bundle.events.size());
        std::string id = std::to_string(active->id);
        CHECK(sql_number(path, "SELECT count(*) FROM events WHERE version_id = " + id)
            == static_cast<std::int64_t>(big.bundle.events.size()));
        CHECK(sql_number(path, "SELECT count(*) FROM images WHERE data IS NOT NULL AND version_id = " + id)
            == static_cast<std::int64_t>(big.bundle.images.size()));
        CHECK(store->versions().size() <= 3);
    }
    MESSAGE(landed_new << " of 20 kills came after at least one new version was committed");
}

TEST_CASE("store: a signed version dated more than a year ahead of the clock is refused, staff can reset the floor")
{
    TestStore s;
    Content content = demo();
    const std::int64_t now = 1796558400; // 2026-12-06 12:00 UTC.
    Reason why;
    CHECK(s->version_allowed("20271206000000", true, "in-a-year", now, why));
    CHECK_FALSE(s->version_allowed("20271208000000", true, "too-far", now, why));
    CHECK(why.text().find("dated more than a year after the kiosk's clock") != std::string::npos);
    CHECK_FALSE(s->version_allowed("99991231235959", true, "fast-forward", now, why));
    CHECK(s->version_allowed("99991231235959", true, "no-clock", 0, why)); // A clock never set: no such rule.

    // A kiosk that took one before this rule (or while its clock was wrong) refuses every normal version after it.
    import(*s.store, content.request("a", "20261126120000", true));
    import(*s.store, content.request("far", "99991231235959", true));
    CHECK(s->version_floor() == "99991231235959");
    CHECK_FALSE(s->version_allowed("20261206000000", true, "normal", now, why));
    std::string error;
    REQUIRE(s->reset_version_floor(error));
    CHECK(s->version_floor().empty());
    CHECK(s->version_allowed("20261206000000", true, "normal", now, why));
    s.reopen();
    CHECK(s->version_floor().empty());
}

TEST_CASE("store: the version rules hold inside the import's transaction, so a slower older import cannot win")
{
    TestStore s;
    Content content = demo();
    const std::int64_t now = 1796558400;
    // Both passed version_allowed before either wrote: the newer one is written first.
    import(*s.store, content.request("newer", "20261206000000", true));
    ImportRequest older = content.request("older", "20261201000000", true);
    older.check_version_rules = true;
    older.now = now;
    std::string error;
    auto outcome = s->import_bundle(older, error);
    REQUIRE(outcome);
    CHECK(*outcome == ImportOutcome::Refused);
    CHECK(error.find("older than version 20261206000000") != std::string::npos);
    CHECK(s->active_version()->identity == "newer");
    // Far ahead is refused there too.
    ImportRequest far = content.request("far", "99991231235959", true);
    far.check_version_rules = true;
    far.now = now;
    CHECK(*s->import_bundle(far, error) == ImportOutcome::Refused);
    CHECK(s->active_version()->identity == "newer");
}
