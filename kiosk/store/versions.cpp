// Which versions are kept and which one shows: rollback and its pin, and the rules refusing old or altered bundles.
#include "store/versions.hpp"

#include "store/codec.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

#include <charconv>
#include <ctime>

namespace kiosk::store {

std::optional<std::string> read_state(Database& database, const char* key, bool& failed)
{
    StatementUse query = database.use("SELECT value FROM state WHERE key = ?1");
    if (!query) {
        failed = true;
        return std::nullopt;
    }
    query->bind_text(1, key);
    Step step = query->step();
    if (step == Step::Error)
        failed = true;
    if (step != Step::Row)
        return std::nullopt;
    return query->column_text(0);
}

std::optional<std::int64_t> read_state_int(Database& database, const char* key, bool& failed)
{
    auto value = read_state(database, key, failed);
    if (!value)
        return std::nullopt;
    const std::string& text = *value; // Bound first: clang-analyzer took optional's -> for a reallocation.
    std::int64_t number = 0;
    auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (problem != std::errc() || end != text.data() + text.size())
        return std::nullopt; // A damaged value counts as unset.
    return number;
}

bool write_state(Database& database, const char* key, const std::string& value)
{
    StatementUse statement = database.use("INSERT OR REPLACE INTO state (key, value) VALUES (?1, ?2)");
    return statement && statement->bind_text(1, key).bind_text(2, value).run();
}

bool erase_state(Database& database, const char* key)
{
    StatementUse statement = database.use("DELETE FROM state WHERE key = ?1");
    return statement && statement->bind_text(1, key).run();
}

std::optional<VersionInfo> read_version(Database& database, std::int64_t id, bool& failed)
{
    bool expiry = schema_version_of(database) >= 4; // Below it (tests of migrations), no expiry column.
    StatementUse query = database.use(expiry
            ? "SELECT id, version, is_signed, identity, source, imported_at, pages, cards, events, occurrences, "
              "images, report, expires FROM versions WHERE id = ?1"
            : "SELECT id, version, is_signed, identity, source, imported_at, pages, cards, events, occurrences, "
              "images, report, '' FROM versions WHERE id = ?1");
    if (!query) {
        failed = true;
        return std::nullopt;
    }
    query->bind_int(1, id);
    Step step = query->step();
    if (step == Step::Error)
        failed = true;
    if (step != Step::Row)
        return std::nullopt;
    VersionInfo info;
    info.id = query->column_int(0);
    info.version = query->column_text(1);
    info.is_signed = query->column_int(2) != 0;
    info.identity = query->column_text(3);
    info.source = query->column_text(4);
    info.imported_at = query->column_int(5);
    info.counts.pages = static_cast<std::size_t>(query->column_int(6));
    info.counts.cards = static_cast<std::size_t>(query->column_int(7));
    info.counts.events = static_cast<std::size_t>(query->column_int(8));
    info.counts.occurrences = static_cast<std::size_t>(query->column_int(9));
    info.counts.images = static_cast<std::size_t>(query->column_int(10));
    info.report = query->column_text(11);
    info.expires = query->column_text(12);
    return info;
}

bool is_packed_version(std::string_view version)
{
    if (version.empty())
        return false;
    for (char c : version) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

int compare_versions(std::string_view a, std::string_view b)
{
    auto strip = [](std::string_view s) {
        std::size_t zeros = s.find_first_not_of('0');
        return zeros == std::string_view::npos ? std::string_view() : s.substr(zeros);
    };
    a = strip(a);
    b = strip(b);
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    int order = a.compare(b);
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

// ---- Store: versions, rollback and the version rules

namespace {

std::optional<VersionInfo> version_at(Database& database, const char* key)
{
    bool failed = false;
    auto id = read_state_int(database, key, failed);
    if (!id)
        return std::nullopt;
    return read_version(database, *id, failed);
}

} // namespace

std::optional<VersionInfo> Store::active_version()
{
    std::lock_guard lock(m_mutex);
    return version_at(*m_db, state_key::active);
}

std::optional<VersionInfo> Store::previous_version()
{
    std::lock_guard lock(m_mutex);
    return version_at(*m_db, state_key::previous);
}

std::vector<VersionInfo> Store::versions()
{
    std::lock_guard lock(m_mutex);
    std::vector<std::int64_t> ids;
    {
        StatementUse query = m_db->use("SELECT id FROM versions ORDER BY id DESC");
        if (!query)
            return {};
        while (query->step() == Step::Row)
            ids.push_back(query->column_int(0));
    }
    std::vector<VersionInfo> all;
    bool failed = false;
    for (std::int64_t id : ids) {
        if (auto info = read_version(*m_db, id, failed))
            all.push_back(std::move(*info));
    }
    return all;
}

bool Store::rollback(std::string& error)
{
    std::lock_guard lock(m_mutex);
    Database& db = *m_db;
    Transaction transaction(db, Transaction::Kind::Immediate);
    auto fail = [&] {
        error = "the rollback did not happen: " + db.error() + "; the content that was showing stays";
        return false;
    };
    if (!transaction.active())
        return fail();
    bool failed = false;
    auto active_id = read_state_int(db, state_key::active, failed);
    auto previous_id = read_state_int(db, state_key::previous, failed);
    auto active = active_id ? read_version(db, *active_id, failed) : std::nullopt;
    auto previous = previous_id ? read_version(db, *previous_id, failed) : std::nullopt;
    if (failed)
        return fail();
    if (!active || !previous) {
        error = "there is no earlier content to go back to";
        return false;
    }
    if (!write_state(db, state_key::active, std::to_string(previous->id))
        || !write_state(db, state_key::previous, std::to_string(active->id))
        || !write_state(db, state_key::pinned_from, active->version)
        || !write_state(db, state_key::pinned_signed, active->is_signed ? "1" : "0") || !transaction.commit())
        return fail();
    return true;
}

std::string Store::pinned_from()
{
    std::lock_guard lock(m_mutex);
    bool failed = false;
    return read_state(*m_db, state_key::pinned_from, failed).value_or("");
}

Store::Locale Store::active_locale()
{
    std::lock_guard lock(m_mutex);
    bool failed = false;
    auto id = read_state_int(*m_db, state_key::active, failed);
    if (!id)
        return {};
    StatementUse query = m_db->use("SELECT languages, time_zone FROM bundle_info WHERE version_id = ?1");
    if (!query)
        return {};
    query->bind_int(1, *id);
    if (query->step() != Step::Row)
        return {};
    auto languages = decode_list(query->column_text(0));
    return {languages && !languages->empty() ? languages->front() : "", query->column_text(1)};
}

std::string packed_version_at(std::int64_t unix_seconds)
{
    auto at = static_cast<std::time_t>(unix_seconds);
    std::tm tm {};
    gmtime_r(&at, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &tm);
    return text;
}

std::int64_t packed_version_seconds(std::string_view version)
{
    if (version.size() != 14 || !is_packed_version(version))
        return 0;
    auto number = [&](std::size_t at, std::size_t length) {
        int value = 0;
        std::from_chars(version.data() + at, version.data() + at + length, value);
        return value;
    };
    std::tm tm {};
    tm.tm_year = number(0, 4) - 1900;
    tm.tm_mon = number(4, 2) - 1;
    tm.tm_mday = number(6, 2);
    tm.tm_hour = number(8, 2);
    tm.tm_min = number(10, 2);
    tm.tm_sec = number(12, 2);
    return std::int64_t(timegm(&tm));
}

bool Store::version_allowed(
    const std::string& version, bool is_signed, const std::string& identity, std::int64_t now, Reason& why)
{
    std::lock_guard lock(m_mutex);
    // Read in one snapshot, so an import by another process cannot fall between the reads.
    Transaction transaction(*m_db, Transaction::Kind::Deferred);
    if (!transaction.active()) {
        why = Reason::plain("the kiosk cannot read which versions it has taken: " + m_db->error());
        return false;
    }
    return check_version_rules(version, is_signed, identity, now, why);
}

bool Store::check_version_rules(
    const std::string& version, bool is_signed, const std::string& identity, std::int64_t now, Reason& why)
{
    if (!is_signed)
        return true; // Staff applied it, or it is the demo: local versions never block, and are never blocked.
    if (!is_packed_version(version)) {
        why = Reason::said("version_not_packed", {{"version", version}});
        return false;
    }
    // More than a year after the kiosk's clock (366 days: a leap year's worth). A kiosk whose clock was never set
    // reads 1970 and would refuse everything: below 2020 the rule does not apply.
    constexpr std::int64_t year = 366LL * 86400, clock_plausible = 1577836800; // 2020-01-01.
    if (now >= clock_plausible) {
        if (compare_versions(version, packed_version_at(now + year)) > 0) {
            why = Reason::said("version_far_ahead", {{"version", version}});
            return false;
        }
    }
    Database& db = *m_db;
    bool failed = false;
    auto last = read_state(db, state_key::last_signed, failed);
    auto last_identity = read_state(db, state_key::last_signed_identity, failed);
    auto pinned = read_state(db, state_key::pinned_from, failed);
    auto pinned_signed = read_state(db, state_key::pinned_signed, failed);
    if (failed) {
        why = Reason::plain("the kiosk cannot read which versions it has taken: " + db.error());
        return false;
    }
    if (last) {
        int order = compare_versions(version, *last);
        if (order < 0) {
            why = Reason::said("version_older", {{"version", version}, {"last", *last}});
            return false;
        }
        if (order == 0 && identity != last_identity.value_or("")) {
            why = Reason::said("version_same_files_differ", {{"version", version}});
            return false;
        }
    }
    if (pinned && pinned_signed.value_or("0") == "1" && compare_versions(version, *pinned) <= 0) {
        why = Reason::said("version_rolled_back", {{"pinned", *pinned}, {"version", version}});
        return false;
    }
    return true;
}

std::string Store::version_floor()
{
    std::lock_guard lock(m_mutex);
    bool failed = false;
    return read_state(*m_db, state_key::last_signed, failed).value_or("");
}

bool Store::reset_version_floor(std::string& error)
{
    std::lock_guard lock(m_mutex);
    Database& db = *m_db;
    Transaction transaction(db, Transaction::Kind::Immediate);
    if (!transaction.active() || !erase_state(db, state_key::last_signed)
        || !erase_state(db, state_key::last_signed_identity) || !erase_state(db, state_key::pinned_from)
        || !erase_state(db, state_key::pinned_signed) || !transaction.commit()) {
        error = "the version floor could not be reset: " + db.error();
        return false;
    }
    return true;
}

} // namespace kiosk::store
