// Importing a bundle as a new version in one transaction, so a kiosk killed half way shows the old or the new, no mix.
#include "store/codec.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"
#include "store/versions.hpp"

#include <ctime>

namespace kiosk::store {

namespace {

constexpr int versions_kept = 3; // The active one, the previous one (for a rollback), and one more.

const char* image_format_name(ImageFormat format)
{
    return format == ImageFormat::Jpeg ? "jpeg" : "png";
}

// Writes the rows of one bundle under one version id. A false return leaves the reason in `problem`, or in the
// Database's error when SQLite failed.
class BundleWriter {
public:
    BundleWriter(Database& database, std::int64_t version_id, const ImportRequest& request)
        : m_db(database)
        , m_version_id(version_id)
        , m_request(request)
        , m_bundle(*request.bundle)
    { }

    bool write()
    {
        return write_info() && write_sections() && write_pages() && write_cards() && write_events() && write_images()
            && write_source_files() && write_pronunciations();
    }

    const std::string& problem() const { return m_problem; }

private:
    bool write_info()
    {
        const BundleInfo& info = m_bundle.info;
        // A database opened below the latest schema (open_at_schema, for tests of migrations) has no actions column.
        bool actions = schema_version_of(m_db) >= 5;
        StatementUse insert = m_db.use(actions
                ? "INSERT INTO bundle_info (version_id, name, languages, time_zone, has_urgent, urgent_title, "
                  "urgent_page, urgent_actions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                : "INSERT INTO bundle_info (version_id, name, languages, time_zone, has_urgent, urgent_title, "
                  "urgent_page) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!insert)
            return false;
        insert->bind_int(1, m_version_id)
            .bind_text(2, encode_text(info.name))
            .bind_text(3, encode_list(info.languages))
            .bind_text(4, info.time_zone)
            .bind_int(5, info.urgent ? 1 : 0)
            .bind_text(6, info.urgent ? encode_text(info.urgent->title) : std::string())
            .bind_text(7, info.urgent ? info.urgent->page : std::string());
        if (actions)
            insert->bind_text(8, info.urgent ? encode_texts(info.urgent->actions) : std::string());
        return insert->run();
    }

    bool write_sections()
    {
        // A database opened below the latest schema (open_at_schema, for tests of migrations) has no icon column.
        bool icons = schema_version_of(m_db) >= 6;
        StatementUse insert
            = m_db.use(icons ? "INSERT INTO sections (version_id, position, id, kind, title, page, "
                               "source, filter_column, icon) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                             : "INSERT INTO sections (version_id, position, id, kind, title, page, "
                               "source, filter_column) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!insert)
            return false;
        std::int64_t position = 0;
        for (const Section& section : m_bundle.info.sections) {
            insert->bind_int(1, m_version_id)
                .bind_int(2, position++)
                .bind_text(3, section.id)
                .bind_text(4, section_kind_name(section.kind))
                .bind_text(5, encode_text(section.title))
                .bind_text(6, section.page)
                .bind_text(7, section.source)
                .bind_text(8, section.filter_column);
            if (icons)
                insert->bind_text(9, section.icon);
            if (!insert->run())
                return false;
        }
        return true;
    }

    bool write_pages()
    {
        StatementUse insert
            = m_db.use("INSERT INTO pages (version_id, name, language, path, markdown) VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!insert)
            return false;
        for (const auto& [name, page] : m_bundle.pages) {
            if (page.by_language.empty()) {
                m_problem = "the page \"" + name + "\" has no text in any language";
                return false;
            }
            for (const auto& [language, document] : page.by_language) {
                auto source = page.files.find(language);
                if (source == page.files.end()) {
                    m_problem = "the Markdown of page \"" + name + "\" in \"" + language
                        + "\" was not given to the store (a bug in the kiosk)";
                    return false;
                }
                insert->bind_int(1, m_version_id)
                    .bind_text(2, name)
                    .bind_text(3, language)
                    .bind_text(4, source->second.path)
                    .bind_text(5, source->second.markdown);
                if (!insert->run())
                    return false;
            }
        }
        return true;
    }

    bool write_cards()
    {
        StatementUse list = m_db.use("INSERT INTO card_lists (version_id, source) VALUES (?1, ?2)");
        StatementUse insert
            = m_db.use("INSERT INTO cards (version_id, source, position, id, title, description, url, "
                       "image, tags, file, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        if (!list || !insert)
            return false;
        for (const auto& [source, cards] : m_bundle.card_lists) {
            if (!list->bind_int(1, m_version_id).bind_text(2, source).run())
                return false;
            std::int64_t position = 0;
            for (const Card& card : cards) {
                insert->bind_int(1, m_version_id)
                    .bind_text(2, source)
                    .bind_int(3, position++)
                    .bind_text(4, card.id)
                    .bind_text(5, encode_text(card.title))
                    .bind_text(6, encode_text(card.description))
                    .bind_text(7, card.url)
                    .bind_text(8, card.image)
                    .bind_text(9, encode_tags(card.tags))
                    .bind_text(10, card.file)
                    .bind_int(11, card.line);
                if (!insert->run())
                    return false;
            }
        }
        return true;
    }

    bool write_events()
    {
        StatementUse insert = m_db.use(
            "INSERT INTO events (version_id, position, id, title, description, location, url, file, line, all_day, "
            "start, duration_seconds, time_zone, vtimezone, rrule, rdates, exdates) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
        if (!insert)
            return false;
        std::int64_t position = 0;
        for (const Event& event : m_bundle.events) {
            insert->bind_int(1, m_version_id)
                .bind_int(2, position++)
                .bind_text(3, event.id)
                .bind_text(4, encode_text(event.title))
                .bind_text(5, encode_text(event.description))
                .bind_text(6, encode_text(event.location))
                .bind_text(7, event.url)
                .bind_text(8, event.file)
                .bind_int(9, event.line)
                .bind_int(10, event.all_day ? 1 : 0)
                .bind_text(11, format_local_time(event.start))
                .bind_int(12, event.duration_seconds)
                .bind_text(13, event.time_zone)
                .bind_text(14, event.vtimezone)
                .bind_text(15, event.rrule)
                .bind_text(16, encode_times(event.rdates))
                .bind_text(17, encode_times(event.exdates));
            if (!insert->run())
                return false;
        }
        return true;
    }

    bool write_images()
    {
        StatementUse insert = m_db.use("INSERT INTO images (version_id, path, format, width, height, bytes, data) "
                                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!insert)
            return false;
        for (const auto& [path, info] : m_bundle.images) {
            insert->bind_int(1, m_version_id)
                .bind_text(2, path)
                .bind_text(3, image_format_name(info.format))
                .bind_int(4, info.width)
                .bind_int(5, info.height)
                .bind_int(6, static_cast<std::int64_t>(info.bytes));
            if (auto data = m_request.image_data.find(path); data != m_request.image_data.end())
                insert->bind_blob(7, data->second);
            else
                insert->bind_null(7);
            if (!insert->run())
                return false;
        }
        return true;
    }

    bool write_source_files()
    {
        // OR REPLACE: a caller listing a path twice keeps its last hash rather than failing the import.
        StatementUse insert
            = m_db.use("INSERT OR REPLACE INTO source_files (version_id, path, hash) VALUES (?1, ?2, ?3)");
        if (!insert)
            return false;
        for (const auto& [path, hash] : m_request.source_files) {
            if (!insert->bind_int(1, m_version_id).bind_text(2, path).bind_text(3, hash).run())
                return false;
        }
        return true;
    }

    bool write_pronunciations()
    {
        // A database opened below the latest schema (open_at_schema, for tests of migrations) has no such table.
        if (schema_version_of(m_db) < 8)
            return true;
        StatementUse insert = m_db.use(
            "INSERT INTO pronunciations (version_id, language, position, word, said_as) VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!insert)
            return false;
        for (const auto& [language, entries] : m_bundle.info.pronounce) {
            std::int64_t position = 0;
            for (const auto& [word, said_as] : entries) {
                insert->bind_int(1, m_version_id)
                    .bind_text(2, language)
                    .bind_int(3, position++)
                    .bind_text(4, word)
                    .bind_text(5, said_as);
                if (!insert->run())
                    return false;
            }
        }
        return true;
    }

    Database& m_db;
    std::int64_t m_version_id;
    const ImportRequest& m_request;
    const Bundle& m_bundle;
    std::string m_problem;
};

std::int64_t as_int(std::size_t count)
{
    return static_cast<std::int64_t>(count);
}

// The next "local-<n>" for a version the caller gave no name. Local numbers never repeat, even after their versions
// were deleted. False on a database error.
bool next_local_version(Database& db, std::string& version)
{
    bool failed = false;
    std::int64_t serial = read_state_int(db, state_key::local_serial, failed).value_or(0) + 1;
    version = "local-" + std::to_string(serial);
    return !failed && write_state(db, state_key::local_serial, std::to_string(serial));
}

// The new version's row, named `version`. False on a database error.
bool insert_version(Database& db, const ImportRequest& request, const std::string& version)
{
    // A database opened below the latest schema (open_at_schema, for tests of migrations) has no expiry column.
    bool expiry = schema_version_of(db) >= 4;
    StatementUse insert = db.use(expiry
            ? "INSERT INTO versions (version, is_signed, identity, source, imported_at, pages, cards, events, "
              "occurrences, images, report, expires) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
            : "INSERT INTO versions (version, is_signed, identity, source, imported_at, pages, cards, events, "
              "occurrences, images, report) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!insert)
        return false;
    const BundleCounts& counts = request.counts;
    insert->bind_text(1, version)
        .bind_int(2, request.is_signed ? 1 : 0)
        .bind_text(3, request.identity)
        .bind_text(4, request.source)
        .bind_int(5, request.imported_at != 0 ? request.imported_at : static_cast<std::int64_t>(std::time(nullptr)))
        .bind_int(6, as_int(counts.pages))
        .bind_int(7, as_int(counts.cards))
        .bind_int(8, as_int(counts.events))
        .bind_int(9, as_int(counts.occurrences))
        .bind_int(10, as_int(counts.images))
        .bind_text(11, request.report);
    if (expiry)
        insert->bind_text(12, request.expires);
    return insert->run();
}

// Version `id` becomes the active one, and the one that was active (if any) the one a rollback goes back to. False
// on a database error.
bool activate(Database& db, std::int64_t id, const std::optional<VersionInfo>& active)
{
    if (!write_state(db, state_key::active, std::to_string(id)))
        return false;
    return active ? write_state(db, state_key::previous, std::to_string(active->id))
                  : erase_state(db, state_key::previous);
}

// A signed packed `version` above the last signed one becomes the last signed one. A failed read sets `failed` for
// the caller to see after its next reads; false when a write failed.
bool raise_last_signed(Database& db, const std::string& version, const std::string& identity, bool& failed)
{
    auto last = read_state(db, state_key::last_signed, failed);
    if (!last || compare_versions(version, *last) >= 0) {
        if (!write_state(db, state_key::last_signed, version)
            || !write_state(db, state_key::last_signed_identity, identity))
            return false;
    }
    return true;
}

// A pin from a signed version holds until a newer signed version comes; a pin from a local version gives way to any
// import, as local versions never hold back others. False on a database error, also one that set `failed` before.
bool release_pin(Database& db, const std::string& version, bool packed, bool& failed)
{
    auto pinned = read_state(db, state_key::pinned_from, failed);
    auto pinned_signed = read_state(db, state_key::pinned_signed, failed);
    if (failed)
        return false;
    if (pinned && (pinned_signed.value_or("0") != "1" || (packed && compare_versions(version, *pinned) > 0)))
        return erase_state(db, state_key::pinned_from) && erase_state(db, state_key::pinned_signed);
    return true;
}

// Keeps the active version `id`, the previous one and the newest others up to versions_kept; their rows go too.
bool prune_versions(Database& db, std::int64_t id, const std::optional<VersionInfo>& previous)
{
    StatementUse prune = db.use("DELETE FROM versions WHERE id NOT IN (SELECT id FROM versions "
                                "ORDER BY (id = ?1 OR id = ?2) DESC, id DESC LIMIT ?3)");
    return prune && prune->bind_int(1, id).bind_int(2, previous ? previous->id : -1).bind_int(3, versions_kept).run();
}

} // namespace

// One write transaction from start to commit: every step runs inside it (the rows themselves are BundleWriter's).
std::optional<ImportOutcome> Store::import_bundle(const ImportRequest& request, std::string& error)
{
    std::lock_guard lock(m_mutex);
    Database& db = *m_db;
    auto fail = [&](const std::string& why) {
        error = why + ": the new content was not saved, and the content that was showing stays";
        return std::optional<ImportOutcome>();
    };
    if (!request.bundle)
        return fail("there was no bundle to import (a bug in the kiosk)");
    if (request.bundle->info.languages.empty())
        return fail("the bundle names no language (a bug in the kiosk: read_bundle always gives one)");
    if (request.is_signed && request.version.empty())
        return fail("the signed bundle has no version");

    SynchronousFull durable(db); // Outlives the transaction: the commit itself is what must reach the disk.
    Transaction transaction(db, Transaction::Kind::Immediate);
    if (!transaction.active())
        return fail(db.error());

    bool failed = false;
    auto active_id = read_state_int(db, state_key::active, failed);
    auto active = active_id ? read_version(db, *active_id, failed) : std::nullopt;
    if (failed)
        return fail(db.error());
    if (active && active->identity == request.identity)
        return ImportOutcome::Unchanged;
    if (Reason why; request.check_version_rules
        && !check_version_rules(request.version, request.is_signed, request.identity, request.now, why)) {
        error = why.text();
        return ImportOutcome::Refused; // Inside the write transaction: no other import can come between.
    }

    std::string version = request.version;
    if (version.empty() && !next_local_version(db, version))
        return fail(db.error());
    if (!insert_version(db, request, version))
        return fail(db.error());
    std::int64_t id = db.last_insert_rowid();

    BundleWriter writer(db, id, request);
    if (!writer.write())
        return fail(writer.problem().empty() ? db.error() : writer.problem());
    if (!activate(db, id, active))
        return fail(db.error());
    bool packed = request.is_signed && is_packed_version(version);
    if (packed && !raise_last_signed(db, version, request.identity, failed))
        return fail(db.error());
    if (!release_pin(db, version, packed, failed) || !prune_versions(db, id, active))
        return fail(db.error());

    if (!transaction.commit())
        return fail(db.error());
    return ImportOutcome::Imported;
}

} // namespace kiosk::store
