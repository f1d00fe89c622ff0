// The store's schema as versioned migrations, applied in order and counted in PRAGMA user_version.
#pragma once

#include <string>
#include <vector>

namespace kiosk::store {

class Database;

struct Migration {
    int version;     // The user_version the database has once this migration has run.
    const char* why; // One line: what this migration is for.
    const char* sql;
};

// Every migration, oldest first.
const std::vector<Migration>& migrations();

// The schema version this kiosk writes: the last migration's.
int latest_schema_version();

// The database's PRAGMA user_version, or -1 when it cannot be read.
int schema_version_of(Database& database);

// Runs the migrations the database has not had yet, up to `max_version`, each in its own transaction. Fails with
// `error` in plain words, and changes nothing more, when one fails or the database is newer than this kiosk.
bool migrate(Database& database, int max_version, std::string& error);

} // namespace kiosk::store
