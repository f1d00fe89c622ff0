// SQLite under the store: one connection, statements prepared once, a transaction that rolls back unless committed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::store {

class Database;

enum class Step {
    Row,   // A row is ready to read with the column helpers.
    Done,  // The statement has finished.
    Error, // The Database holds the error.
};

// A statement prepared once and kept by its Database; bound, stepped and reset for each use.
class Statement {
public:
    Statement(Database& database, sqlite3_stmt* statement)
        : m_database(database)
        , m_statement(statement)
    { }
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters count from 1, as in SQL's ?1. A failed bind is remembered and reported by the next step().
    Statement& bind_int(int index, std::int64_t value);
    Statement& bind_text(int index, std::string_view text);
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_null(int index);

    Step step();
    // Steps a statement that returns no rows, then resets it for the next use. False on an error.
    bool run();
    // Forgets the last run and its bindings, so a read transaction does not stay open.
    void reset();

    // Columns count from 0.
    std::int64_t column_int(int index) const;
    std::string column_text(int index) const;
    std::string column_blob(int index) const;

private:
    Database& m_database;
    sqlite3_stmt* m_statement;
    int m_bind_error = 0; // The first failed bind's SQLite code since the last reset, or 0.
};

// A cached statement in use: reset when it goes, so a query left half read never holds a read transaction open.
class StatementUse {
public:
    explicit StatementUse(Statement* statement)
        : m_statement(statement)
    { }
    ~StatementUse()
    {
        if (m_statement)
            m_statement->reset();
    }
    StatementUse(StatementUse&& other) noexcept
        : m_statement(other.m_statement)
    {
        other.m_statement = nullptr;
    }
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
    StatementUse& operator=(StatementUse&&) = delete;

    explicit operator bool() const { return m_statement != nullptr; }
    Statement* operator->() const { return m_statement; }

private:
    Statement* m_statement;
};

// The one connection to a database file. Statements are prepared on first use and kept until the connection closes.
class Database {
public:
    // Opens or creates the file with WAL, foreign keys on, a 5 s busy timeout and synchronous=NORMAL. Returns nullptr
    // with `error` in plain words when it cannot.
    static std::unique_ptr<Database> open(const std::string& path, std::string& error);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements that return nothing worth reading (schema, pragmas).
    bool exec(const char* sql);
    // The statement for `sql`, prepared the first time and reset on every later use; empty when it cannot be prepared.
    StatementUse use(const char* sql);

    std::int64_t last_insert_rowid() const;
    bool in_transaction() const;
    const std::string& path() const { return m_path; }

    // The last error in plain words with SQLite's own words after them: "the disk is full (database or disk is full)".
    const std::string& error() const { return m_error; }
    // The last error's primary SQLite code (SQLITE_FULL...), or 0.
    int error_code() const { return m_error_code; }
    // Takes the connection's current error (after a call returned `code`).
    void record_error(int code);
    void set_error(int code, std::string message);

    sqlite3* handle() const { return m_db; }

private:
    Database(sqlite3* db, std::string path)
        : m_db(db)
        , m_path(std::move(path))
    { }

    sqlite3* m_db;
    std::string m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_statements; // By SQL text.
    std::string m_error;
    int m_error_code = 0;
};

// A transaction that rolls back when it goes out of scope unless commit() succeeded (SQLiteCpp's Transaction).
class Transaction {
public:
    enum class Kind {
        Deferred,  // Reads: takes the write lock only if it writes.
        Immediate, // Writes: takes the write lock at once, so it never fails half way for a busy database.
    };
    Transaction(Database& database, Kind kind);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // False when BEGIN failed (the Database holds the error).
    bool active() const { return m_begun && !m_finished; }
    bool commit();

private:
    Database& m_database;
    bool m_begun = false;
    bool m_finished = false;
};

// Sets PRAGMA synchronous=FULL while it lives (an import must survive a power cut), NORMAL again after.
class SynchronousFull {
public:
    explicit SynchronousFull(Database& database);
    ~SynchronousFull();
    SynchronousFull(const SynchronousFull&) = delete;
    SynchronousFull& operator=(const SynchronousFull&) = delete;

private:
    Database& m_database;
};

// What an SQLite result code means for the person reading the message: "the disk is full".
std::string plain_error(int code);

} // namespace kiosk::store
