// The content store (SQLite): opening and migrating the database, the sync log, usage counts and health checks.
#include "store/store.hpp"

#include "content/text_util.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

#include <sqlite3.h>

namespace kiosk::store {

namespace {

constexpr std::int64_t sync_log_kept = 1000; // Entries; a year of 15-minute polls that each changed something.

} // namespace

const char* sqlite_version()
{
    return sqlite3_libversion();
}

Store::Store(std::unique_ptr<Database> database)
    : m_db(std::move(database))
{ }

Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& path, std::string& error)
{
    return open_up_to(path, latest_schema_version(), error);
}

std::unique_ptr<Store> Store::open_at_schema(const std::string& path, int max_version, std::string& error)
{
    return open_up_to(path, max_version, error);
}

std::unique_ptr<Store> Store::open_up_to(const std::string& path, int max_version, std::string& error)
{
    auto database = Database::open(path, error);
    if (!database)
        return nullptr;
    if (!migrate(*database, max_version, error))
        return nullptr;
    return std::unique_ptr<Store>(new Store(std::move(database)));
}

bool Store::log_sync(std::int64_t at, const std::string& source, const std::string& result, std::int64_t bytes,
    const std::string& message, const std::string& reason)
{
    std::lock_guard lock(m_mutex);
    Transaction transaction(*m_db, Transaction::Kind::Immediate);
    if (!transaction.active())
        return false;
    {
        // Below schema 7 (tests of migrations) there is no reason column.
        bool with_reason = schema_version_of(*m_db) >= 7;
        StatementUse insert = m_db->use(with_reason
                ? "INSERT INTO sync_log (at, source, result, bytes, message, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                : "INSERT INTO sync_log (at, source, result, bytes, message) VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!insert)
            return false;
        insert->bind_int(1, at)
            .bind_text(2, escape_controls(source))
            .bind_text(3, result)
            .bind_int(4, bytes)
            .bind_text(5, escape_controls(message));
        if (with_reason)
            insert->bind_text(6, reason);
        if (!insert->run())
            return false;
    }
    {
        StatementUse trim = m_db->use("DELETE FROM sync_log WHERE id <= (SELECT max(id) FROM sync_log) - ?1");
        if (!trim || !trim->bind_int(1, sync_log_kept).run())
            return false;
    }
    return transaction.commit();
}

bool Store::save_calendar(const Calendar& calendar)
{
    std::lock_guard lock(m_mutex);
    StatementUse upsert = m_db->use("INSERT OR REPLACE INTO calendar_urls (url, fetched_at, etag, last_modified, ics) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5)");
    return upsert
        && upsert->bind_text(1, calendar.url)
               .bind_int(2, calendar.fetched_at)
               .bind_text(3, calendar.etag)
               .bind_text(4, calendar.last_modified)
               .bind_text(5, calendar.ics)
               .run();
}

bool Store::remove_calendar(const std::string& url)
{
    std::lock_guard lock(m_mutex);
    StatementUse remove = m_db->use("DELETE FROM calendar_urls WHERE url = ?1");
    return remove && remove->bind_text(1, url).run();
}

std::vector<Store::Calendar> Store::calendars()
{
    std::lock_guard lock(m_mutex);
    std::vector<Calendar> out;
    StatementUse query = m_db->use("SELECT url, fetched_at, etag, last_modified, ics FROM calendar_urls ORDER BY url");
    if (!query)
        return out;
    while (query->step() == Step::Row) {
        out.push_back(Calendar {query->column_text(0), query->column_int(1), query->column_text(2),
            query->column_text(3), query->column_text(4)});
    }
    return out;
}

std::vector<SyncLogEntry> Store::sync_log(std::size_t limit)
{
    std::lock_guard lock(m_mutex);
    std::vector<SyncLogEntry> entries;
    bool with_reason = schema_version_of(*m_db) >= 7;
    StatementUse query = m_db->use(with_reason
            ? "SELECT at, source, result, bytes, message, reason FROM sync_log ORDER BY id DESC LIMIT ?1"
            : "SELECT at, source, result, bytes, message, '' FROM sync_log ORDER BY id DESC LIMIT ?1");
    if (!query)
        return entries;
    query->bind_int(1, static_cast<std::int64_t>(limit));
    while (query->step() == Step::Row) {
        entries.push_back(SyncLogEntry {query->column_int(0), query->column_text(1), query->column_text(2),
            query->column_int(3), query->column_text(4), query->column_text(5)});
    }
    return entries;
}

bool Store::add_counts(const std::vector<std::tuple<std::string, std::string, int>>& rows)
{
    std::lock_guard lock(m_mutex);
    Transaction transaction(*m_db, Transaction::Kind::Immediate);
    if (!transaction.active())
        return false;
    {
        StatementUse upsert = m_db->use("INSERT INTO daily_counts (day, path, count) VALUES (?1, ?2, ?3) "
                                        "ON CONFLICT (day, path) DO UPDATE SET count = count + excluded.count");
        if (!upsert)
            return false;
        for (const auto& [day, path, n] : rows) {
            if (!upsert->bind_text(1, day).bind_text(2, path).bind_int(3, n).run())
                return false;
        }
    }
    return transaction.commit();
}

std::vector<std::tuple<std::string, std::string, int>> Store::counts()
{
    std::lock_guard lock(m_mutex);
    std::vector<std::tuple<std::string, std::string, int>> rows;
    StatementUse query = m_db->use("SELECT day, path, count FROM daily_counts ORDER BY day, path");
    if (!query)
        return rows;
    while (query->step() == Step::Row)
        rows.emplace_back(query->column_text(0), query->column_text(1), static_cast<int>(query->column_int(2)));
    return rows;
}

std::string Store::integrity_check()
{
    std::lock_guard lock(m_mutex);
    StatementUse query = m_db->use("PRAGMA integrity_check");
    if (!query)
        return m_db->error();
    std::string findings;
    Step step;
    while ((step = query->step()) == Step::Row) {
        if (!findings.empty())
            findings += '\n';
        findings += query->column_text(0);
    }
    if (step == Step::Error)
        return m_db->error();
    return findings;
}

int Store::schema_version()
{
    std::lock_guard lock(m_mutex);
    return schema_version_of(*m_db);
}

std::string Store::last_error()
{
    std::lock_guard lock(m_mutex);
    return m_db->error();
}

std::int64_t Store::set_max_page_count(std::int64_t pages)
{
    std::lock_guard lock(m_mutex);
    // A pragma takes no bound parameters; the number is formatted here, never text from outside.
    std::string sql = "PRAGMA max_page_count = " + std::to_string(pages);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(m_db->handle(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
        return -1;
    std::int64_t limit = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    return limit;
}

} // namespace kiosk::store
