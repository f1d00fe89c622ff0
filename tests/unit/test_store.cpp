// The SQLite store: all-or-nothing imports (killed, disk full), exact read-back, versions, rollback, migrations, logs.
#include "store/codec.hpp"
#include "store/store.hpp"
#include "support/diagnostics.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sqlite3.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace kiosk;
using namespace kiosk::store;
using namespace std::string_literals;

namespace {

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// One number from a query, through a connection of its own (as the sqlite3 tool would see the file).
std::int64_t sql_number(const std::string& path, const std::string& sql)
{
    sqlite3* db = nullptr;
    std::int64_t value = -1;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK
            && sqlite3_step(statement) == SQLITE_ROW)
            value = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
    }
    sqlite3_close(db);
    return value;
}

// A bundle with what an import needs beside it.
struct Content {
    Bundle bundle;
    std::map<std::string, std::string> page_sources;
    std::map<std::string, std::string> image_data;

    ImportRequest request(const std::string& identity, const std::string& version = "", bool is_signed = false) const
    {
        ImportRequest r;
        r.bundle = &bundle;
        r.identity = identity;
        r.source = "test";
        r.version = version;
        r.is_signed = is_signed;
        r.page_sources = page_sources;
        r.image_data = image_data;
        r.counts.pages = bundle.pages.size();
        for (const auto& [source, cards] : bundle.card_lists)
            r.counts.cards += cards.size();
        r.counts.events = bundle.events.size();
        r.counts.images = bundle.images.size();
        return r;
    }
};

Content demo()
{
    Content content;
    Diagnostics diagnostics;
    auto bundle = read_bundle(KIOSK_SOURCE_DIR "/data/demo", diagnostics);
    REQUIRE_MESSAGE(bundle, test::messages(diagnostics));
    content.bundle = std::move(*bundle);
    for (const auto& entry : std::filesystem::directory_iterator(KIOSK_SOURCE_DIR "/data/demo/pages"))
        content.page_sources["pages/" + entry.path().filename().string()] = read_file(entry.path().string());
    return content;
}

Text text(const std::string& en, const std::string& es)
{
    Text t;
    t.set("en", en);
    t.set("es", es);
    return t;
}

LocalTime local(int year, int month, int day, int hour, int minute, int second = 0)
{
    LocalTime t;
    t.year = year, t.month = month, t.day = day, t.hour = hour, t.minute = minute, t.second = second;
    return t;
}

Document parsed(const std::string& markdown, const std::string& file)
{
    Diagnostics ignored;
    return parse_markdown(markdown, file, ignored);
}

// A bundle of any size, every kind of row in it, for the speed, full-disk and kill tests.
Content generated(std::size_t events, std::size_t cards, std::size_t pages, std::size_t images)
{
    Content c;
    c.bundle.info.name = text("Generated", "Generado");
    c.bundle.info.languages = {"en", "es"};
    c.bundle.info.time_zone = "America/New_York";
    c.bundle.info.sections.push_back(Section {"list", SectionKind::Cards, text("List", "Lista"), "", "list.csv", ""});
    c.bundle.info.sections.push_back(Section {"agenda", SectionKind::Agenda, Text("Agenda"), "", "", ""});
    for (std::size_t i = 0; i < pages; ++i) {
        std::string name = "page-" + std::to_string(i);
        std::string markdown = "# Page " + std::to_string(i) + "\n\nWords about [this](https://example.org/"
            + std::to_string(i) + ") and **more**.\n\n- one\n- two\n";
        Page page;
        page.name = name;
        page.by_language["en"] = parsed(markdown, "pages/" + name + ".md");
        c.page_sources["pages/" + name + ".md"] = markdown;
        c.bundle.pages[name] = std::move(page);
        c.bundle.info.sections.push_back(Section {name, SectionKind::Page, Text(name), name, "", ""});
    }
    auto& list = c.bundle.card_lists["list.csv"];
    for (std::size_t i = 0; i < cards; ++i) {
        Card card;
        card.id = "card-" + std::to_string(i);
        card.title = text("Card " + std::to_string(i), "Tarjeta " + std::to_string(i));
        card.description = Text("A card that says something useful about a place to go.");
        card.url = "https://example.org/card/" + std::to_string(i);
        card.tags["region"] = text("North", "Norte");
        card.file = "list.csv";
        card.line = static_cast<int>(i + 2);
        list.push_back(std::move(card));
    }
    for (std::size_t i = 0; i < events; ++i) {
        Event event;
        event.id = "event-" + std::to_string(i);
        event.title = text("Event " + std::to_string(i), "Evento " + std::to_string(i));
        event.location = Text("The back room");
        event.file = "calendars/big.ics";
        event.line = static_cast<int>(i * 10 + 1);
        event.start = local(2026, 1 + static_cast<int>(i % 12), 1 + static_cast<int>(i % 28), 18, 30);
        event.duration_seconds = 3600;
        event.time_zone = "America/New_York";
        if (i % 3 == 0) {
            event.rrule = "FREQ=WEEKLY;INTERVAL=2";
            event.exdates = {local(2026, 12, 24, 18, 30)};
        }
        c.bundle.events.push_back(std::move(event));
    }
    for (std::size_t i = 0; i < images; ++i) {
        std::string path = "images/image-" + std::to_string(i) + ".png";
        std::string bytes(2048, '\0');
        for (std::size_t b = 0; b < bytes.size(); ++b)
            bytes[b] = static_cast<char>((b * 31 + i) % 256);
        c.bundle.images[path] = ImageInfo {ImageFormat::Png, 64, 48, bytes.size()};
        c.image_data[path] = bytes;
    }
    return c;
}

void check_same_document(const Document& a, const Document& b)
{
    REQUIRE(a.blocks.size() == b.blocks.size());
    for (std::size_t i = 0; i < a.blocks.size(); ++i) {
        const Block& x = a.blocks[i];
        const Block& y = b.blocks[i];
        CHECK((x.kind == y.kind && x.level == y.level && x.ordered == y.ordered && x.number == y.number
            && x.image == y.image && x.alt == y.alt && x.line == y.line && x.continuation == y.continuation));
        REQUIRE(x.spans.size() == y.spans.size());
        for (std::size_t s = 0; s < x.spans.size(); ++s) {
            CHECK(x.spans[s].text == y.spans[s].text);
            CHECK((x.spans[s].strong == y.spans[s].strong && x.spans[s].emphasis == y.spans[s].emphasis
                && x.spans[s].code == y.spans[s].code && x.spans[s].link == y.spans[s].link));
        }
    }
    REQUIRE(a.links.size() == b.links.size());
    for (std::size_t i = 0; i < a.links.size(); ++i)
        CHECK((a.links[i].url == b.links[i].url && a.links[i].text == b.links[i].text
            && a.links[i].line == b.links[i].line));
}

bool same_time(const LocalTime& a, const LocalTime& b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour && a.minute == b.minute
        && a.second == b.second;
}

bool same_times(const std::vector<LocalTime>& a, const std::vector<LocalTime>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_time);
}

std::map<std::string, std::map<std::string, std::string>> tag_map(const std::map<std::string, Text>& tags)
{
    std::map<std::string, std::map<std::string, std::string>> out;
    for (const auto& [name, value] : tags)
        out[name] = value.by_language();
    return out;
}

// Every field of `a` equals `b`'s (the weekday of a time aside: the store fills it from the date).
void check_same_bundle(const Bundle& a, const Bundle& b)
{
    CHECK(a.info.name.by_language() == b.info.name.by_language());
    CHECK(a.info.languages == b.info.languages);
    CHECK(a.info.time_zone == b.info.time_zone);
    REQUIRE(a.info.urgent.has_value() == b.info.urgent.has_value());
    if (a.info.urgent) {
        CHECK(a.info.urgent->title.by_language() == b.info.urgent->title.by_language());
        CHECK(a.info.urgent->page == b.info.urgent->page);
    }
    REQUIRE(a.info.sections.size() == b.info.sections.size());
    for (std::size_t i = 0; i < a.info.sections.size(); ++i) {
        const Section& x = a.info.sections[i];
        const Section& y = b.info.sections[i];
        CHECK((x.id == y.id && x.kind == y.kind && x.page == y.page && x.source == y.source
            && x.filter_column == y.filter_column));
        CHECK(x.title.by_language() == y.title.by_language());
    }
    REQUIRE(a.pages.size() == b.pages.size());
    for (const auto& [name, page] : a.pages) {
        REQUIRE(b.pages.count(name));
        const Page& other = b.pages.at(name);
        CHECK(page.name == other.name);
        REQUIRE(page.by_language.size() == other.by_language.size());
        for (const auto& [language, document] : page.by_language) {
            REQUIRE(other.by_language.count(language));
            check_same_document(document, other.by_language.at(language));
        }
    }
    REQUIRE(a.card_lists.size() == b.card_lists.size());
    for (const auto& [source, cards] : a.card_lists) {
        REQUIRE(b.card_lists.count(source));
        const auto& others = b.card_lists.at(source);
        REQUIRE(cards.size() == others.size());
        for (std::size_t i = 0; i < cards.size(); ++i) {
            const Card& x = cards[i];
            const Card& y = others[i];
            CHECK((x.id == y.id && x.url == y.url && x.image == y.image && x.file == y.file && x.line == y.line));
            CHECK(x.title.by_language() == y.title.by_language());
            CHECK(x.description.by_language() == y.description.by_language());
            CHECK(tag_map(x.tags) == tag_map(y.tags));
        }
    }
    REQUIRE(a.events.size() == b.events.size());
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        const Event& x = a.events[i];
        const Event& y = b.events[i];
        CHECK((x.id == y.id && x.url == y.url && x.file == y.file && x.line == y.line && x.all_day == y.all_day));
        CHECK(x.title.by_language() == y.title.by_language());
        CHECK(x.description.by_language() == y.description.by_language());
        CHECK(x.location.by_language() == y.location.by_language());
        CHECK(same_time(x.start, y.start));
        CHECK((x.duration_seconds == y.duration_seconds && x.time_zone == y.time_zone && x.vtimezone == y.vtimezone
            && x.rrule == y.rrule));
        CHECK(same_times(x.rdates, y.rdates));
        CHECK(same_times(x.exdates, y.exdates));
    }
    REQUIRE(a.images.size() == b.images.size());
    for (const auto& [path, info] : a.images) {
        REQUIRE(b.images.count(path));
        const ImageInfo& other = b.images.at(path);
        CHECK((info.format == other.format && info.width == other.width && info.height == other.height
            && info.bytes == other.bytes));
    }
}

// A store on a fresh file in a temporary folder, removed afterwards.
struct TestStore {
    TestStore() { reopen(); }
    void reopen()
    {
        store.reset();
        std::string error;
        store = Store::open(path, error);
        REQUIRE_MESSAGE(store, error);
    }
    Store* operator->() { return store.get(); }

    test::TempDir dir;
    std::string path = dir.file("kiosk.db");
    std::unique_ptr<Store> store;
};

ImportOutcome import(Store& store, const ImportRequest& request)
{
    std::string error;
    auto outcome = store.import_bundle(request, error);
    REQUIRE_MESSAGE(outcome, error);
    CHECK(error.empty());
    return *outcome;
}

} // namespace

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
    check_same_bundle(*loaded, content.bundle);
    CHECK(store->log_sync(1, "usb:/media/x", "imported", 10, "fine"));
    CHECK(store->add_counts({{"2026-11-26", "home", 1}}));
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
    b.info.urgent = UrgentTile {text("Overdose?", "¿Sobredosis?"), "urgent"};
    b.info.sections = {
        {"about", SectionKind::Page, text("About", "Acerca"), "about", "", ""},
        {"unions", SectionKind::Cards, Text("Unions"), "", "unions.csv", "region"},
        {"empty", SectionKind::Cards, Text(), "", "empty.csv", ""},
        {"events", SectionKind::Agenda, text("Events", "Eventos"), "", "", ""},
    };
    auto add_page = [&](const std::string& name, const std::string& language, const std::string& file,
                        const std::string& markdown) {
        b.pages[name].name = name;
        b.pages[name].by_language[language] = parsed(markdown, file);
        c.page_sources[file] = markdown;
    };
    add_page("about", "en", "pages/about.md", "# About\n\nA [link](https://example.org) and *emphasis*.\n");
    add_page("about", "es", "pages/about.es.md", "# Acerca\n\n1. uno\n2. dos\n");
    add_page("history", "en", "pages/history.en.md", "# History\n\n> quoted\n\n---\n");
    // Only a Spanish text: it stands in for English too, as read_bundle does.
    add_page("urgent", "es", "pages/urgent.es.md", "# Llama al 911\n\n`code` and ![a map](images/a.png)\n");
    b.pages["urgent"].by_language["en"] = b.pages["urgent"].by_language["es"];
    b.info.sections.push_back({"history", SectionKind::Page, Text("History"), "history", "", ""});

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
    ImportRequest request = content.request("second");
    request.page_sources.erase("pages/about.es.md");
    std::string error;
    CHECK_FALSE(s->import_bundle(request, error));
    CHECK(error.find("page \"about\" in \"es\" was not given") != std::string::npos);
    CHECK(error.find("the content that was showing stays") != std::string::npos);
    CHECK(s->active_version()->identity == "first");
    CHECK(s->versions().size() == 1);
}

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
    std::string why;
    CHECK_FALSE(s->version_allowed("20261126000000", true, "b", why));
    CHECK(why.find("rolled back from version 20261126000000") != std::string::npos);
    CHECK(s->version_allowed("20261127000000", true, "c", why));
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
    std::string why;
    import(*s.store, content.request("demo")); // Local: blocks nothing.
    CHECK(s->version_allowed("20200101000000", true, "old", why));
    import(*s.store, content.request("a", "20261126120000", true));
    CHECK(s->version_allowed("20261126120000", true, "a", why)); // The same bundle again: harmless.
    CHECK_FALSE(s->version_allowed("20261126120000", true, "other", why));
    CHECK(why.find("same version 20261126120000") != std::string::npos);
    CHECK_FALSE(s->version_allowed("20261001000000", true, "older", why));
    CHECK(why.find("older than version 20261126120000") != std::string::npos);
    CHECK_FALSE(s->version_allowed("020261001000000", true, "older", why)); // Compared as numbers.
    CHECK(s->version_allowed("120261001000000", true, "longer", why));
    CHECK(s->version_allowed("20261126120001", true, "newer", why));
    CHECK(s->version_allowed("local-9", false, "local", why));
    CHECK(s->version_allowed("", false, "local", why));
    CHECK_FALSE(s->version_allowed("2026-11-26", true, "x", why));
    CHECK(why.find("not one kiosk pack writes") != std::string::npos);
    // A staff-applied older signed bundle does not lower the mark.
    import(*s.store, content.request("older", "20261001000000", true));
    CHECK_FALSE(s->version_allowed("20261101000000", true, "between", why));
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
