// The store's schema as versioned migrations (Ladybird's LibDatabase style: each one numbered, with why it exists).
#include "store/schema.hpp"

#include "store/database.hpp"

namespace kiosk::store {

namespace {

// Texts (Text, tags, lists) are encoded by codec.hpp; times are "YYYY-MM-DDTHH:MM:SS"; every content row belongs to
// one version and goes with it (ON DELETE CASCADE), so dropping an old version is one DELETE.
const char* const content_tables = R"sql(
CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL,          -- "20261126120000" (packed) or "local-3"
    is_signed INTEGER NOT NULL,
    identity TEXT NOT NULL,         -- the bundle's content hash
    source TEXT NOT NULL,           -- "demo", "usb:/media/x", "feed:https://..."
    imported_at INTEGER NOT NULL,   -- Unix seconds
    pages INTEGER NOT NULL,
    cards INTEGER NOT NULL,
    events INTEGER NOT NULL,
    occurrences INTEGER NOT NULL,   -- over 90 days, counted at import
    images INTEGER NOT NULL,
    report TEXT NOT NULL            -- "file:line: severity: message" lines
);
CREATE TABLE state (
    key TEXT PRIMARY KEY,           -- active, previous, pinned_from, pinned_signed, last_signed, ...
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE bundle_info (
    version_id INTEGER PRIMARY KEY REFERENCES versions(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    languages TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    has_urgent INTEGER NOT NULL,
    urgent_title TEXT NOT NULL,
    urgent_page TEXT NOT NULL
);
CREATE TABLE sections (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,             -- page | cards | agenda
    title TEXT NOT NULL,
    page TEXT NOT NULL,
    source TEXT NOT NULL,
    filter_column TEXT NOT NULL,
    PRIMARY KEY (version_id, position)
);
CREATE TABLE pages (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    path TEXT NOT NULL,             -- the file it was read from, "pages/about.es.md"
    markdown TEXT NOT NULL,         -- re-parsed on load
    PRIMARY KEY (version_id, name, language)
);
CREATE TABLE card_lists (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    source TEXT NOT NULL,           -- "unions.csv"; kept even when it has no cards
    PRIMARY KEY (version_id, source)
);
CREATE TABLE cards (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    url TEXT NOT NULL,
    image TEXT NOT NULL,
    tags TEXT NOT NULL,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    PRIMARY KEY (version_id, source, position)
);
CREATE TABLE events (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    location TEXT NOT NULL,
    url TEXT NOT NULL,
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    all_day INTEGER NOT NULL,
    start TEXT NOT NULL,            -- local in time_zone
    duration_seconds INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    vtimezone TEXT NOT NULL,
    rrule TEXT NOT NULL,
    rdates TEXT NOT NULL,           -- local times joined by ","
    exdates TEXT NOT NULL,
    PRIMARY KEY (version_id, position)
);
CREATE TABLE source_files (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (version_id, path)
);
CREATE TABLE images (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,           -- png | jpeg
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,         -- the file's size in the bundle
    data BLOB,                      -- the bytes to show (already scaled), or NULL
    PRIMARY KEY (version_id, path)
);
)sql";

const char* const activity_tables = R"sql(
CREATE TABLE sync_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,            -- Unix seconds
    source TEXT NOT NULL,
    result TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE daily_counts (
    day TEXT NOT NULL,              -- "YYYY-MM-DD", the kiosk's local date
    path TEXT NOT NULL,             -- "unions/some-union", "events", "urgent"
    count INTEGER NOT NULL,
    PRIMARY KEY (day, path)
) WITHOUT ROWID;
)sql";

const char* const calendar_tables = R"sql(
CREATE TABLE calendar_urls (
    url TEXT PRIMARY KEY,           -- as in the settings' calendar_urls
    fetched_at INTEGER NOT NULL,    -- Unix seconds of the last good download
    etag TEXT NOT NULL,             -- for the next conditional request, or ""
    last_modified TEXT NOT NULL,
    ics TEXT NOT NULL               -- the last good calendar, as downloaded
) WITHOUT ROWID;
)sql";

const char* const pronunciation_table = R"sql(
CREATE TABLE pronunciations (
    version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
    language TEXT NOT NULL,         -- one of bundle_info's languages
    position INTEGER NOT NULL,      -- the word's place in its language's [pronounce] table, in file order
    word TEXT NOT NULL,
    said_as TEXT NOT NULL,
    PRIMARY KEY (version_id, language, position)
);
)sql";

} // namespace

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> all = {
        {1, "Bundle versions and their content, so an import is one transaction and a rollback one update.",
            content_tables},
        {2, "Sync results and anonymous per-day counts, which staff read on the staff screen and export.",
            activity_tables},
        {3, "Calendars fetched by URL, kept apart from bundle versions: a failed fetch keeps the last good one.",
            calendar_tables},
        {4,
            "A signed version's expiry (MANIFEST 'expires', UTC YYYYMMDDHHMMSS, or ''): past it staff are warned that "
            "the feed has stopped being updated.",
            "ALTER TABLE versions ADD COLUMN expires TEXT NOT NULL DEFAULT '';"},
        {5,
            "The urgent page's actions ([urgent] actions, texts listed by codec.hpp's encode_texts, or ''), shown "
            "first on it; versions imported before have none.",
            "ALTER TABLE bundle_info ADD COLUMN urgent_actions TEXT NOT NULL DEFAULT '';"},
        {6,
            "A section's tile icon (bundle.toml's icon, a name of content/section_icons.hpp's list, or '' for its "
            "kind's); versions imported before show their kinds' icons.",
            "ALTER TABLE sections ADD COLUMN icon TEXT NOT NULL DEFAULT '';"},
        {7,
            "A sync result's reason as its parts (sync/import_report.hpp's reason_json, or ''), so the staff screen "
            "says it in the kiosk's language; the message keeps it in English.",
            "ALTER TABLE sync_log ADD COLUMN reason TEXT NOT NULL DEFAULT '';"},
        {8,
            "Read aloud's pronunciations (bundle.toml's [pronounce]: per language, a word and how it is said); "
            "versions imported before have none, and read their words the engine's way.",
            pronunciation_table},
    };
    return all;
}

int latest_schema_version()
{
    return migrations().back().version;
}

int schema_version_of(Database& database)
{
    StatementUse query = database.use("PRAGMA user_version");
    if (!query || query->step() != Step::Row)
        return -1;
    return static_cast<int>(query->column_int(0));
}

bool migrate(Database& database, int max_version, std::string& error)
{
    int current = schema_version_of(database);
    if (current < 0) {
        error = "the database " + database.path() + " cannot be read: " + database.error();
        return false;
    }
    if (current > latest_schema_version()) {
        error = "the database " + database.path() + " was written by a newer kiosk (schema " + std::to_string(current)
            + ", this kiosk knows up to " + std::to_string(latest_schema_version())
            + "): install the newer kiosk again, or move the file away to start afresh";
        return false;
    }
    for (const Migration& migration : migrations()) {
        if (migration.version > max_version)
            break;
        if (migration.version <= current)
            continue;
        Transaction transaction(database, Transaction::Kind::Immediate);
        // Another process may have migrated while this one waited for the write lock.
        int now = transaction.active() ? schema_version_of(database) : -1;
        if (now >= migration.version) {
            current = now;
            continue;
        }
        std::string set_version = "PRAGMA user_version = " + std::to_string(migration.version);
        if (now < 0 || !database.exec(migration.sql) || !database.exec(set_version.c_str()) || !transaction.commit()) {
            error = "the database " + database.path() + " cannot be brought up to date (step "
                + std::to_string(migration.version) + "): " + database.error();
            return false;
        }
        current = migration.version;
    }
    return true;
}

} // namespace kiosk::store
