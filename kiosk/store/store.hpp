// The content store (SQLite). The store issue fills this layer; for now it only names the SQLite library it wraps.
#pragma once

namespace kiosk::store {

// The SQLite library version the store is built against, for `kiosk --version`.
const char* sqlite_version();

} // namespace kiosk::store
