// SQLite underneath the store: the connection, cached statements, transactions, and errors in plain words.
#include "store/database.hpp"

#include <sqlite3.h>

namespace kiosk::store {

namespace {

// SQLite copies the bound bytes (SQLITE_TRANSIENT without its old-style cast): callers bind temporaries.
// NOLINTNEXTLINE(performance-no-int-to-ptr): SQLite's API defines SQLITE_TRANSIENT as this pointer.
const sqlite3_destructor_type copy_bytes = reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));

constexpr int busy_timeout_ms = 5000; // Another kiosk process (an import child) may hold the write lock briefly.

} // namespace

std::string plain_error(int code)
{
    switch (code & 0xff) {
    case SQLITE_FULL:
        return "the disk is full";
    case SQLITE_IOERR:
        return "the disk could not be read or written";
    case SQLITE_CORRUPT:
        return "the database file is damaged";
    case SQLITE_NOTADB:
        return "the file is not a kiosk database";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "the database is busy (another kiosk process is using it)";
    case SQLITE_READONLY:
        return "the database cannot be written (it is read-only)";
    case SQLITE_CANTOPEN:
        return "the database file cannot be opened";
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return "the kiosk is not allowed to use the database file";
    case SQLITE_NOMEM:
        return "the kiosk ran out of memory";
    case SQLITE_TOOBIG:
        return "a value is too big for the database";
    case SQLITE_CONSTRAINT:
        return "the data breaks a rule of the database";
    default:
        return "the database reported an error";
    }
}

// ---- Statement

Statement::~Statement()
{
    sqlite3_finalize(m_statement);
}

Statement& Statement::bind_int(int index, std::int64_t value)
{
    int rc = sqlite3_bind_int64(m_statement, index, value);
    if (rc != SQLITE_OK && m_bind_error == 0)
        m_bind_error = rc;
    return *this;
}

Statement& Statement::bind_text(int index, std::string_view text)
{
    int rc = sqlite3_bind_text64(m_statement, index, text.data(), text.size(), copy_bytes, SQLITE_UTF8);
    if (rc != SQLITE_OK && m_bind_error == 0)
        m_bind_error = rc;
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes)
{
    // A zero-length blob is still a blob, not NULL: sqlite3_bind_blob64 with a null pointer would store NULL.
    int rc = bytes.empty() ? sqlite3_bind_zeroblob(m_statement, index, 0)
                           : sqlite3_bind_blob64(m_statement, index, bytes.data(), bytes.size(), copy_bytes);
    if (rc != SQLITE_OK && m_bind_error == 0)
        m_bind_error = rc;
    return *this;
}

Statement& Statement::bind_null(int index)
{
    int rc = sqlite3_bind_null(m_statement, index);
    if (rc != SQLITE_OK && m_bind_error == 0)
        m_bind_error = rc;
    return *this;
}

Step Statement::step()
{
    if (m_bind_error != 0) {
        m_database.record_error(m_bind_error);
        return Step::Error;
    }
    int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return Step::Row;
    if (rc == SQLITE_DONE)
        return Step::Done;
    m_database.record_error(rc);
    return Step::Error;
}

bool Statement::run()
{
    Step result = step();
    if (result == Step::Row)
        m_database.set_error(SQLITE_MISUSE, "a statement that should return nothing returned a row");
    reset();
    return result == Step::Done;
}

void Statement::reset()
{
    // sqlite3_reset repeats the last step's error, which step() has already recorded.
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_bind_error = 0;
}

std::int64_t Statement::column_int(int index) const
{
    return sqlite3_column_int64(m_statement, index);
}

std::string Statement::column_text(int index) const
{
    const unsigned char* text = sqlite3_column_text(m_statement, index);
    int size = sqlite3_column_bytes(m_statement, index);
    if (!text || size <= 0)
        return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::string Statement::column_blob(int index) const
{
    const void* bytes = sqlite3_column_blob(m_statement, index);
    int size = sqlite3_column_bytes(m_statement, index);
    if (!bytes || size <= 0)
        return {};
    return std::string(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

// ---- Database

std::unique_ptr<Database> Database::open(const std::string& path, std::string& error)
{
    sqlite3* db = nullptr;
    // The Store serialises its callers with its own mutex, so SQLite's per-connection mutex is not needed.
    int rc
        = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        error = "the database " + path + " cannot be opened: " + plain_error(rc) + " ("
            + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + ")";
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    std::unique_ptr<Database> database(new Database(db, path));
    // WAL: readers never wait for an import, and a killed import leaves the last commit intact. The first statement
    // reads the file, so a file that is not a database fails here.
    if (!database->exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")) {
        error = "the database " + path + " cannot be opened: " + database->error();
        return nullptr;
    }
    return database;
}

Database::~Database()
{
    m_statements.clear(); // Finalized before the connection closes, or sqlite3_close would refuse.
    sqlite3_close(m_db);
}

bool Database::exec(const char* sql)
{
    char* message = nullptr;
    int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        set_error(rc, plain_error(rc) + " (" + (message ? message : sqlite3_errstr(rc)) + ")");
        sqlite3_free(message);
        return false;
    }
    return true;
}

StatementUse Database::use(const char* sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        sqlite3_stmt* statement = nullptr;
        int rc = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
        if (rc != SQLITE_OK) {
            record_error(rc);
            sqlite3_finalize(statement);
            return StatementUse(nullptr);
        }
        it = m_statements.emplace(sql, std::make_unique<Statement>(*this, statement)).first;
    }
    return StatementUse(it->second.get());
}

std::int64_t Database::last_insert_rowid() const
{
    return sqlite3_last_insert_rowid(m_db);
}

bool Database::in_transaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

void Database::record_error(int code)
{
    set_error(code, plain_error(code) + " (" + sqlite3_errmsg(m_db) + ")");
}

void Database::set_error(int code, std::string message)
{
    m_error_code = code & 0xff;
    m_error = std::move(message);
}

// ---- Transaction

Transaction::Transaction(Database& database, Kind kind)
    : m_database(database)
{
    m_begun = m_database.exec(kind == Kind::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction()
{
    // SQLite may already have rolled back by itself (after SQLITE_FULL, say); ROLLBACK would then fail harmlessly,
    // but it must not replace the error that explains what happened.
    if (active() && m_database.in_transaction())
        sqlite3_exec(m_database.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

bool Transaction::commit()
{
    if (!active())
        return false;
    if (!m_database.in_transaction()) {
        // SQLite rolled back by itself after an error the caller did not stop for.
        m_finished = true;
        m_database.set_error(SQLITE_ABORT, "the database gave up the changes after an error");
        return false;
    }
    m_finished = m_database.exec("COMMIT");
    return m_finished;
}

// ---- SynchronousFull

SynchronousFull::SynchronousFull(Database& database)
    : m_database(database)
{
    sqlite3_exec(m_database.handle(), "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr);
}

SynchronousFull::~SynchronousFull()
{
    sqlite3_exec(m_database.handle(), "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
}

} // namespace kiosk::store
