// The content store (SQLite): bundle versions imported all or nothing, rollback, replay rules, sync log, usage counts.
#pragma once

#include "content/bundle_reader.hpp"
#include "content/reason.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace kiosk::store {

class Database;

struct VersionInfo {
    std::int64_t id = 0; // Row id.
    std::string version; // "20261126120000" for packed bundles (UTC time, only grows), "local-<n>" otherwise.
    bool is_signed = false;
    std::string identity;         // The bundle's content hash (given by the caller).
    std::string source;           // Where it came from: "demo", "import:/path", "usb:/media/x", "feed:https://...".
    std::int64_t imported_at = 0; // Unix seconds.
    BundleCounts counts;          // As counted at import (occurrences over 90 days from then).
    std::string report;           // The import's diagnostics, one "file:line: severity: message" per line.
    std::string expires;          // Its MANIFEST's "expires" (UTC YYYYMMDDHHMMSS), or "" for none.
};

struct ImportRequest {
    const Bundle* bundle = nullptr; // Validated (read_bundle succeeded).
    std::string identity;           // Content hash; equal to the active version's => nothing changes.
    std::string source;
    std::string version; // "" => a new local version "local-<n>" is assigned; else the packed version string.
    bool is_signed = false;
    std::string expires; // The MANIFEST's "expires", or "".
    BundleCounts counts;
    std::string report;
    std::int64_t imported_at = 0; // Unix seconds; 0 => now.
    // "images/x.png" -> the encoded PNG/JPEG bytes to store (already scaled by the caller). An image without bytes
    // here keeps its ImageInfo, and image_data() gives nothing for it.
    std::map<std::string, std::string> image_data;
    std::vector<std::pair<std::string, std::string>> source_files; // (path in bundle, content hash) for every file.
    // Check version_allowed's rules inside the import's own write transaction, so that two imports at once cannot
    // both pass them and leave the older one active. `now` (Unix seconds) is the kiosk's clock, for the rule against
    // versions dated far ahead.
    bool check_version_rules = false;
    std::int64_t now = 0;
};

enum class ImportOutcome {
    Imported,  // A new version is active.
    Unchanged, // The active version already has this identity.
    Refused,   // check_version_rules: the rules refuse it (`error` says why, in plain words); nothing changed.
};

struct SyncLogEntry {
    std::int64_t at = 0; // Unix seconds.
    std::string source;  // "usb:/media/x", "feed:https://...".
    std::string result;  // A short word the caller chooses: "imported", "unchanged", "failed"...
    std::int64_t bytes = 0;
    std::string message; // In English.
    std::string reason;  // The message as its parts, to say it in another language (JSON), or "".
};

// The one connection to the kiosk's database. Every method may be called from any thread: calls are serialised.
// Errors come back as plain words for staff; nothing throws.
class Store {
public:
    // Opens or creates the database file (WAL, foreign keys on, busy timeout 5 s) and runs any migrations. Returns
    // nullptr with `error` in plain words when it cannot ("the database /x/kiosk.db cannot be opened: ...").
    static std::unique_ptr<Store> open(const std::string& path, std::string& error);
    // For tests: opens like open() but runs migrations only up to `max_version`, to make files of older schemas.
    static std::unique_ptr<Store> open_at_schema(const std::string& path, int max_version, std::string& error);

    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Writes the bundle as a new version in one transaction (synchronous=FULL while it runs), makes it active, keeps
    // the previous active version as "previous" and deletes the oldest versions beyond three. An identity equal to
    // the active version's changes nothing (Unchanged). Any failure (a full disk...) rolls back completely: the
    // active version stays, and `error` says so plainly. `error` is left alone on success. The version rules are
    // the caller's to check first (version_allowed): staff may apply a bundle they refuse.
    std::optional<ImportOutcome> import_bundle(const ImportRequest& request, std::string& error);

    std::optional<VersionInfo> active_version();
    std::optional<VersionInfo> previous_version();
    // Every stored version, newest first (at most three).
    std::vector<VersionInfo> versions();

    // Makes the previous version active (and the active one previous) and pins it: remembers the version rolled away
    // from until a version newer than it is imported. Fails with a plain message when there is no previous version.
    bool rollback(std::string& error);
    // The version rolled away from while a rollback pin holds, or "".
    std::string pinned_from();
    // The first language ("es") and time zone ("America/New_York", or "") of the content that shows: those the kiosk
    // speaks to staff in. Empty when nothing shows.
    struct Locale {
        std::string language;
        std::string time_zone;
    };
    Locale active_locale();

    // Whether a bundle with this version may be imported automatically. Signed versions compare as numbers
    // ("20261126120000"): one lower than the last signed version accepted is refused (no replay); the same version
    // with another identity is refused; while pinned from a signed version, one not newer than it is refused.
    // Unsigned versions are always allowed and never block signed ones. `why` says why not, in plain words.
    // A signed version dated more than a year after `now` (the kiosk's clock, Unix seconds) is refused too: one
    // accepted would refuse every normal version after it (a fast-forward attack, or a packing computer's wrong
    // clock).
    bool version_allowed(
        const std::string& version, bool is_signed, const std::string& identity, std::int64_t now, Reason& why);
    // The highest signed version taken ("the version floor": none lower is taken), or "".
    std::string version_floor();
    // Forgets the version floor and any rollback pin, so a signed version of any date is taken again. For staff, when
    // a version dated far ahead (or a wrong clock) has left the kiosk refusing every normal update.
    bool reset_version_floor(std::string& error);

    // The active version's content rebuilt as a Bundle (pages re-parsed from their stored Markdown). Nothing, with
    // `error` left empty, when no version is active; nothing with `error` set when the content cannot be read.
    std::optional<Bundle> load_active_bundle(std::string& error);
    // The stored bytes of an image of the active version, or nothing.
    std::optional<std::string> image_data(const std::string& path);
    // (path in bundle, content hash) of the active version's files, by path: a feed downloads only what changed.
    std::vector<std::pair<std::string, std::string>> active_source_files();

    // The sync log: appends an entry (the oldest go beyond 1000), and reads the latest `limit` entries, newest first.
    // `reason` is the message as parts (sync's reason_json), or "".
    bool log_sync(std::int64_t at, const std::string& source, const std::string& result, std::int64_t bytes,
        const std::string& message, const std::string& reason = "");
    std::vector<SyncLogEntry> sync_log(std::size_t limit = 50);

    // Calendars by URL (settings' calendar_urls), each the last good download; saving replaces it.
    struct Calendar {
        std::string url;
        std::int64_t fetched_at = 0;
        std::string etag;
        std::string last_modified;
        std::string ics;
    };
    bool save_calendar(const Calendar& calendar);
    std::vector<Calendar> calendars();
    // Forgets the calendar fetched from `url` (its events leave the screen; the next sync fetches it in full).
    bool remove_calendar(const std::string& url);

    // Anonymous per-day counts: adds each n to (day "YYYY-MM-DD", path) in one transaction; all rows by day and path.
    bool add_counts(const std::vector<std::tuple<std::string, std::string, int>>& rows);
    std::vector<std::tuple<std::string, std::string, int>> counts();

    // PRAGMA integrity_check's answer: "ok" when fine, else its findings one per line.
    std::string integrity_check();
    // PRAGMA user_version: the last migration applied.
    int schema_version();
    // The last error of log_sync, add_counts and the readers, in plain words ("" when none).
    std::string last_error();

    // For tests: PRAGMA max_page_count, so a test can fill the "disk". SQLite never sets it below the pages in use.
    // Returns the limit now in force.
    std::int64_t set_max_page_count(std::int64_t pages);

private:
    explicit Store(std::unique_ptr<Database> database);
    // version_allowed's rules, read within the caller's transaction (the mutex held).
    bool check_version_rules(
        const std::string& version, bool is_signed, const std::string& identity, std::int64_t now, Reason& why);
    static std::unique_ptr<Store> open_up_to(const std::string& path, int max_version, std::string& error);

    std::mutex m_mutex; // Serialises every call: the connection and its cached statements.
    std::unique_ptr<Database> m_db;
};

// The schema version this kiosk writes.
int latest_schema_version();

// The SQLite library version the store is built against, for `kiosk --version`.
const char* sqlite_version();

} // namespace kiosk::store
