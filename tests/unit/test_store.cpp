// The SQLite store: the codec, the schema and its migrations, and exact read-back of what was imported.
#include "store_fixtures.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::store;
using namespace std::string_literals;
using namespace kiosk::test::store_fixtures;

TEST_CASE("store: texts, tags, lists and times encode and decode exactly")
{
    Text tricky;
    tricky.set("", "no language");
    tricky.set("en", "separators \x1E\x1F and escape \x1B and a NUL \0 inside"s);
    tricky.set("es", "");
    for (const Text& t : {tricky, Text(), Text(""), text("a", "b")})
        CHECK(decode_text(encode_text(t))->by_language() == t.by_language());
    std::map<std::string, Text> tags {{"region", tricky}, {"", Text("x")}, {"cat\x1F", Text()}};
    CHECK(tag_map(*decode_tags(encode_tags(tags))) == tag_map(tags));
    for (const std::vector<std::string>& list : std::vector<std::vector<std::string>> {{}, {""}, {"en", "es"}})
        CHECK(*decode_list(encode_list(list)) == list);
    for (const std::vector<Text>& texts : std::vector<std::vector<Text>> {{}, {Text()}, {tricky, text("a", "b")}}) {
        auto decoded = decode_texts(encode_texts(texts));
        REQUIRE(decoded);
        REQUIRE(decoded->size() == texts.size());
        for (std::size_t i = 0; i < texts.size(); ++i)
            CHECK((*decoded)[i].by_language() == texts[i].by_language());
    }
    CHECK(decode_texts("")->empty());
    CHECK_FALSE(decode_texts(encode_list({"dangling\x1B"}))); // A list whose item is not an encoded text.
    std::vector<LocalTime> times {local(2026, 11, 26, 12, 0, 5), local(1999, 1, 2, 3, 4, 59)};
    CHECK(same_times(*decode_times(encode_times(times)), times));
    CHECK(decode_times("")->empty());
    CHECK(format_local_time(times[0]) == "2026-11-26T12:00:05");
    CHECK(parse_stored_time("2026-11-26T12:00:05")->weekday == 4); // A Thursday.
    CHECK_FALSE(decode_text("dangling\x1B"));
    CHECK_FALSE(decode_text("no separator\x1E"));
    CHECK_FALSE(decode_times("2026-11-26T12:00:05,"));
}

TEST_CASE("store: an empty file becomes a database of the current schema")
{
    test::TempDir dir;
    std::string path = dir.write("kiosk.db", "");
    std::string error;
    auto store = Store::open(path, error);
    REQUIRE_MESSAGE(store, error);
    CHECK(store->schema_version() == latest_schema_version());
    CHECK(latest_schema_version() >= 2);
    CHECK(store->integrity_check() == "ok");
    CHECK_FALSE(store->active_version());
    CHECK_FALSE(store->load_active_bundle(error));
    CHECK(error.empty());
    CHECK(std::filesystem::exists(path + "-wal")); // Write-ahead logging is on.
}

TEST_CASE("store: a file that cannot be a database is refused in plain words")
{
    test::TempDir dir;
    std::string error;
    std::string junk = dir.write("kiosk.db", std::string(4096, 'x'));
    CHECK_FALSE(Store::open(junk, error));
    CHECK(error.find("the database " + junk + " cannot be opened: the file is not a kiosk database") == 0);
    error.clear();
    CHECK_FALSE(Store::open(dir.path() + "/no/such/folder/kiosk.db", error));
    CHECK(error.find("cannot be opened") != std::string::npos);
}

TEST_CASE("store: a database written by a newer kiosk is left alone")
{
    TestStore s;
    s.store.reset();
    CHECK(sql_number(s.path, "PRAGMA user_version = 99") == -1); // A pragma that sets returns no row.
    std::string error;
    CHECK_FALSE(Store::open(s.path, error));
    CHECK(error.find("newer kiosk (schema 99") != std::string::npos);
}

TEST_CASE("store: a version 1 database migrates to the current schema with its content kept")
{
    test::TempDir dir;
    std::string path = dir.file("kiosk.db");
    Content content = demo();
    std::string error;
    {
        auto old = Store::open_at_schema(path, 1, error);
        REQUIRE_MESSAGE(old, error);
        CHECK(old->schema_version() == 1);
        import(*old, content.request("demo-hash"));
    }
    CHECK(sql_number(path, "SELECT count(*) FROM sqlite_master WHERE name = 'sync_log'") == 0);
    auto store = Store::open(path, error);
    REQUIRE_MESSAGE(store, error);
    CHECK(store->schema_version() == latest_schema_version());
    REQUIRE(store->active_version());
    CHECK(store->active_version()->identity == "demo-hash");
    auto loaded = store->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    // A version imported before the urgent actions had their column has none; the rest is as imported.
    REQUIRE(content.bundle.info.urgent);
    CHECK_FALSE(content.bundle.info.urgent->actions.empty());
    REQUIRE(loaded->info.urgent);
    CHECK(loaded->info.urgent->actions.empty());
    content.bundle.info.urgent->actions.clear();
    // Nor icons: its sections show their kinds'. Nor pronunciations.
    for (Section& section : content.bundle.info.sections)
        section.icon.clear();
    content.bundle.info.pronounce.clear();
    check_same_bundle(*loaded, content.bundle);
    // The migrated database takes actions, icons and pronunciations at the next import.
    content.bundle.info.urgent->actions = {text("Call 911", "Llama al 911")};
    content.bundle.info.sections.front().icon = "groups";
    content.bundle.info.pronounce["en"] = {{"NUSU", "new-soo"}};
    import(*store, content.request("demo-hash-2"));
    loaded = store->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    check_same_bundle(*loaded, content.bundle);
    CHECK(store->log_sync(1, "usb:/media/x", "imported", 10, "fine"));
    CHECK(store->add_counts({{"2026-11-26", "home", 1}}));
    CHECK(store->integrity_check() == "ok");
}

TEST_CASE("store: a version 5 database migrates to 6 with its sections kept, and takes icons at the next import")
{
    test::TempDir dir;
    std::string path = dir.file("kiosk.db");
    Content content = demo();
    std::string error;
    std::size_t sections = content.bundle.info.sections.size();
    {
        auto old = Store::open_at_schema(path, 5, error);
        REQUIRE_MESSAGE(old, error);
        CHECK(old->schema_version() == 5);
        import(*old, content.request("demo-hash"));
    }
    CHECK(sql_number(path, "SELECT count(*) FROM pragma_table_info('sections') WHERE name = 'icon'") == 0);
    CHECK(sql_number(path, "SELECT count(*) FROM sections") == std::int64_t(sections));
    content.bundle.info.pronounce.clear(); // Up to version 6 only: no pronunciations.
    auto store = Store::open_at_schema(path, 6, error);
    REQUIRE_MESSAGE(store, error);
    CHECK(store->schema_version() == 6);
    CHECK(sql_number(path, "SELECT count(*) FROM sections WHERE icon = ''") == std::int64_t(sections));
    auto loaded = store->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    // Every old row is there, as imported, without an icon: its tile shows its kind's.
    Content without_icons = content;
    for (Section& section : without_icons.bundle.info.sections)
        section.icon.clear();
    check_same_bundle(*loaded, without_icons.bundle);
    import(*store, content.request("demo-hash-2"));
    loaded = store->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    check_same_bundle(*loaded, content.bundle);
    CHECK(loaded->info.find_section("about")->icon == "groups");
    CHECK(sql_number(path, "SELECT count(*) FROM sections WHERE icon = 'groups'") == 1);
    CHECK(store->integrity_check() == "ok");
}

TEST_CASE("store: a version 6 sync log migrates to 7 with its entries kept, and takes reasons after")
{
    test::TempDir dir;
    std::string path = dir.file("kiosk.db");
    std::string error;
    {
        auto old = Store::open_at_schema(path, 6, error);
        REQUIRE_MESSAGE(old, error);
        CHECK(old->log_sync(100, "usb:/media/a", "refused", 0, "old words", "[ignored below 7]"));
        REQUIRE(old->sync_log().size() == 1);
        CHECK(old->sync_log()[0].reason.empty());
    }
    auto store = Store::open_at_schema(path, 7, error);
    REQUIRE_MESSAGE(store, error);
    CHECK(store->schema_version() == 7);
    CHECK(store->log_sync(200, "usb:/media/b", "pending", 0, "new words", "[{\"key\": \"not_signed\"}]"));
    auto log = store->sync_log();
    REQUIRE(log.size() == 2);
    CHECK(log[0].message == "new words");
    CHECK(log[0].reason == "[{\"key\": \"not_signed\"}]");
    CHECK(log[1].message == "old words");
    CHECK(log[1].reason.empty());
    CHECK(store->integrity_check() == "ok");
}

TEST_CASE("store: a version 7 database migrates to 8 with its content kept, and takes pronunciations after")
{
    test::TempDir dir;
    std::string path = dir.file("kiosk.db");
    Content content = demo();
    content.bundle.info.pronounce = {{"en", {{"NUSU", "new-soo"}, {"VANDU", "van-doo"}}}, {"es", {{"NUSU", "nu-su"}}}};
    std::string error;
    {
        auto old = Store::open_at_schema(path, 7, error);
        REQUIRE_MESSAGE(old, error);
        import(*old, content.request("demo-hash"));
    }
    CHECK(sql_number(path, "SELECT count(*) FROM sqlite_master WHERE name = 'pronunciations'") == 0);
    auto store = Store::open(path, error);
    REQUIRE_MESSAGE(store, error);
    CHECK(store->schema_version() == 8);
    CHECK(latest_schema_version() == 8);
    auto loaded = store->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    // Imported before the table was there: the version says its words the engine's way.
    Content without = content;
    without.bundle.info.pronounce.clear();
    check_same_bundle(*loaded, without.bundle);
    import(*store, content.request("demo-hash-2"));
    loaded = store->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    check_same_bundle(*loaded, content.bundle);
    CHECK(sql_number(path, "SELECT count(*) FROM pronunciations") == 3);
    // A version's pronunciations go with it: three versions are kept, each with its three.
    for (const char* identity : {"demo-hash-3", "demo-hash-4", "demo-hash-5"})
        import(*store, content.request(identity));
    CHECK(store->versions().size() == 3);
    CHECK(sql_number(path, "SELECT count(*) FROM pronunciations") == 9);
    CHECK(store->integrity_check() == "ok");
}

TEST_CASE("store: the demo bundle reads back from the store field for field")
{
    TestStore s;
    Content content = demo();
    CHECK(import(*s.store, content.request("demo-hash")) == ImportOutcome::Imported);
    s.reopen();
    std::string error;
    auto loaded = s->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    check_same_bundle(*loaded, content.bundle);
    CHECK(s->integrity_check() == "ok");
}

TEST_CASE("store: every field of a bundle made in code reads back exactly")
{
    Content c;
    Bundle& b = c.bundle;
    b.info.name = text("Center", "Centro");
    b.info.name.set("", "Center without a language");
    b.info.languages = {"en", "es"};
    b.info.time_zone = "America/New_York";
    b.info.urgent = UrgentTile {text("Overdose?", "¿Sobredosis?"), "urgent",
        {text("Call 911", "Llama al 911"), Text("odd bytes: \x1E\x1F\x1B"), text("Tell staff", "Avisa")}};
    b.info.urgent->actions[2].set("", "no language");
    // In file order, which is not the order of the words, odd bytes and all.
    b.info.pronounce["en"] = {{"VANDU", "van-doo"}, {"NUSU", "new-soo"}, {"odd \x1E\x1F\x1B", "said \x1B"}};
    b.info.pronounce["es"] = {{"NUSU", "nu-su"}};
    b.info.pronounce_lines["en"] = {10, 11, 12}; // Only kiosk check needs them: the store does not keep them.
    b.info.sections = {
        {"about", SectionKind::Page, text("About", "Acerca"), "about", "", "", "info"},
        {"unions", SectionKind::Cards, Text("Unions"), "", "unions.csv", "region", "groups"},
        {"empty", SectionKind::Cards, Text(), "", "empty.csv", "", ""},
        {"events", SectionKind::Agenda, text("Events", "Eventos"), "", "", "", "event"},
    };
    auto add_page = [&](const std::string& name, const std::string& language, const std::string& file,
                        const std::string& markdown) {
        b.pages[name].name = name;
        b.pages[name].by_language[language] = parsed(markdown, file);
        b.pages[name].files[language] = {file, markdown};
    };
    add_page("about", "en", "pages/about.md", "# About\n\nA [link](https://example.org) and *emphasis*.\n");
    add_page("about", "es", "pages/about.es.md", "# Acerca\n\n1. uno\n2. dos\n");
    add_page("history", "en", "pages/history.en.md", "# History\n\n> quoted\n\n---\n");
    // Only a Spanish text: it stands in for English too, as read_bundle does.
    add_page("urgent", "es", "pages/urgent.es.md", "# Llama al 911\n\n`code` and ![a map](images/a.png)\n");
    b.pages["urgent"].by_language["en"] = b.pages["urgent"].by_language["es"];
    b.pages["urgent"].files["en"] = b.pages["urgent"].files["es"];
    b.info.sections.push_back({"history", SectionKind::Page, Text("History"), "history", "", "", "history_edu"});

    Card card;
    card.id = "north-union";
    card.title = text("North Union", "Sindicato Norte");
    card.description.set("", "odd bytes: \x1E\x1F\x1B and \0 end"s);
    card.url = "https://example.org/north";
    card.image = "images/a.png";
    card.tags["region"] = text("North", "Norte");
    card.tags["category"] = Text("union");
    card.file = "unions.csv";
    card.line = 7;
    b.card_lists["unions.csv"] = {card, Card {"plain", Text("Plain"), Text(), "", "", {}, "unions.csv", 8}};
    b.card_lists["empty.csv"] = {};

    Event series;
    series.id = "call";
    series.title = text("Union call", "Llamada");
    series.description = Text("Every other week.");
    series.location = text("Online", "En línea");
    series.url = "https://example.org/call";
    series.file = "calendars/calls.ics";
    series.line = 12;
    series.start = local(2026, 11, 18, 19, 0, 30);
    series.duration_seconds = 5400;
    series.time_zone = "W. Europe Standard Time";
    series.vtimezone = "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nEND:VTIMEZONE\r\n";
    series.rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE";
    series.rdates = {local(2026, 12, 1, 19, 0), local(2026, 12, 3, 10, 15)};
    series.exdates = {local(2026, 12, 2, 19, 0)};
    Event day;
    day.id = "open-day";
    day.title = Text("Open day");
    day.all_day = true;
    day.start = local(2026, 12, 5, 0, 0);
    day.duration_seconds = 2 * 86400;
    day.file = "events.csv";
    day.line = 3;
    b.events = {series, day};

    b.images["images/a.png"] = ImageInfo {ImageFormat::Png, 10, 20, 1234};
    b.images["images/b.jpg"] = ImageInfo {ImageFormat::Jpeg, 4096, 3000, 5u * 1024 * 1024};
    c.image_data["images/a.png"] = "\x89PNG\r\n\x1A\n\0\0\0"s;

    TestStore s;
    import(*s.store, c.request("hash-1"));
    std::string error;
    auto loaded = s->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    check_same_bundle(*loaded, b);
    CHECK(loaded->info.pronounce_lines.empty());
    CHECK(loaded->events[0].start.weekday == 3); // 2026-11-18 is a Wednesday.
    CHECK(s->image_data("images/a.png") == c.image_data["images/a.png"]);
    CHECK_FALSE(s->image_data("images/b.jpg"));
    CHECK_FALSE(s->image_data("images/none.png"));
}

TEST_CASE("store: a page whose Markdown was not given fails the import and changes nothing")
{
    TestStore s;
    Content content = demo();
    import(*s.store, content.request("first"));
    content.bundle.pages["about"].files.erase("es");
    ImportRequest request = content.request("second");
    std::string error;
    CHECK_FALSE(s->import_bundle(request, error));
    CHECK(error.find("page \"about\" in \"es\" was not given") != std::string::npos);
    CHECK(error.find("the content that was showing stays") != std::string::npos);
    CHECK(s->active_version()->identity == "first");
    CHECK(s->versions().size() == 1);
}
