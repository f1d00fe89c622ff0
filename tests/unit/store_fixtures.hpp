// Bundles, stores and child processes the store tests share.
#pragma once

#include "store/codec.hpp"
#include "store/store.hpp"
#include "support/diagnostics.hpp"
#include "support/temp_dir.hpp"
#include <chrono>
#include <csignal>
#include <doctest/doctest.h>
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

namespace kiosk::test::store_fixtures {

inline std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// One number from a query, through a connection of its own (as the sqlite3 tool would see the file).
inline std::int64_t sql_number(const std::string& path, const std::string& sql)
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
    std::map<std::string, std::string> image_data;

    ImportRequest request(const std::string& identity, const std::string& version = "", bool is_signed = false) const
    {
        ImportRequest r;
        r.bundle = &bundle;
        r.identity = identity;
        r.source = "test";
        r.version = version;
        r.is_signed = is_signed;
        r.image_data = image_data;
        r.counts.pages = bundle.pages.size();
        for (const auto& [source, cards] : bundle.card_lists)
            r.counts.cards += cards.size();
        r.counts.events = bundle.events.size();
        r.counts.images = bundle.images.size();
        return r;
    }
};

inline Content demo()
{
    Content content;
    Diagnostics diagnostics;
    auto bundle = read_bundle(KIOSK_SOURCE_DIR "/data/demo", diagnostics);
    REQUIRE_MESSAGE(bundle, test::messages(diagnostics));
    content.bundle = std::move(*bundle);
    return content;
}

inline Text text(const std::string& en, const std::string& es)
{
    Text t;
    t.set("en", en);
    t.set("es", es);
    return t;
}

inline LocalTime local(int year, int month, int day, int hour, int minute, int second = 0)
{
    LocalTime t;
    t.year = year, t.month = month, t.day = day, t.hour = hour, t.minute = minute, t.second = second;
    return t;
}

inline Document parsed(const std::string& markdown, const std::string& file)
{
    Diagnostics ignored;
    return parse_markdown(markdown, file, ignored);
}

// A bundle of any size, every kind of row in it, for the speed, full-disk and kill tests.
inline Content generated(std::size_t events, std::size_t cards, std::size_t pages, std::size_t images)
{
    Content c;
    c.bundle.info.name = text("Generated", "Generado");
    c.bundle.info.languages = {"en", "es"};
    c.bundle.info.time_zone = "America/New_York";
    c.bundle.info.sections.push_back(
        Section {"list", SectionKind::Cards, text("List", "Lista"), "", "list.csv", "", "menu_book"});
    c.bundle.info.sections.push_back(Section {"agenda", SectionKind::Agenda, Text("Agenda"), "", "", "", ""});
    for (std::size_t i = 0; i < pages; ++i) {
        std::string name = "page-" + std::to_string(i);
        std::string markdown = "# Page " + std::to_string(i) + "\n\nWords about [this](https://example.org/"
            + std::to_string(i) + ") and **more**.\n\n- one\n- two\n";
        Page page;
        page.name = name;
        page.by_language["en"] = parsed(markdown, "pages/" + name + ".md");
        page.files["en"] = {"pages/" + name + ".md", markdown};
        c.bundle.pages[name] = std::move(page);
        c.bundle.info.sections.push_back(Section {name, SectionKind::Page, Text(name), name, "", "", ""});
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

inline void check_same_document(const Document& a, const Document& b)
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

inline bool same_time(const LocalTime& a, const LocalTime& b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour && a.minute == b.minute
        && a.second == b.second;
}

inline bool same_times(const std::vector<LocalTime>& a, const std::vector<LocalTime>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), same_time);
}

inline std::map<std::string, std::map<std::string, std::string>> tag_map(const std::map<std::string, Text>& tags)
{
    std::map<std::string, std::map<std::string, std::string>> out;
    for (const auto& [name, value] : tags)
        out[name] = value.by_language();
    return out;
}

// Every field of `a` equals `b`'s (the weekday of a time aside: the store fills it from the date).
inline void check_same_bundle(const Bundle& a, const Bundle& b)
{
    CHECK(a.info.name.by_language() == b.info.name.by_language());
    CHECK(a.info.languages == b.info.languages);
    CHECK(a.info.time_zone == b.info.time_zone);
    CHECK(a.info.pronounce == b.info.pronounce);
    REQUIRE(a.info.urgent.has_value() == b.info.urgent.has_value());
    if (a.info.urgent) {
        CHECK(a.info.urgent->title.by_language() == b.info.urgent->title.by_language());
        CHECK(a.info.urgent->page == b.info.urgent->page);
        REQUIRE(a.info.urgent->actions.size() == b.info.urgent->actions.size());
        for (std::size_t i = 0; i < a.info.urgent->actions.size(); ++i)
            CHECK(a.info.urgent->actions[i].by_language() == b.info.urgent->actions[i].by_language());
    }
    REQUIRE(a.info.sections.size() == b.info.sections.size());
    for (std::size_t i = 0; i < a.info.sections.size(); ++i) {
        const Section& x = a.info.sections[i];
        const Section& y = b.info.sections[i];
        CHECK((x.id == y.id && x.kind == y.kind && x.page == y.page && x.source == y.source
            && x.filter_column == y.filter_column && x.icon == y.icon));
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

inline ImportOutcome import(Store& store, const ImportRequest& request)
{
    std::string error;
    auto outcome = store.import_bundle(request, error);
    REQUIRE_MESSAGE(outcome, error);
    CHECK(error.empty());
    return *outcome;
}

} // namespace kiosk::test::store_fixtures
