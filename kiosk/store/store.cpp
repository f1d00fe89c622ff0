// The content store (SQLite).
#include "store/store.hpp"

#include <sqlite3.h>

namespace kiosk::store {

const char* sqlite_version()
{
    return sqlite3_libversion();
}

} // namespace kiosk::store
