// Version rows and the state keys pointing at them (active, previous, rollback pin, last signed), for the store.
#pragma once

#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::store {

class Database;

// The keys of the state table.
namespace state_key {
inline constexpr const char* active = "active";                             // Row id of the version shown.
inline constexpr const char* previous = "previous";                         // Row id a rollback goes back to.
inline constexpr const char* pinned_from = "pinned_from";                   // Version string rolled away from.
inline constexpr const char* pinned_signed = "pinned_signed";               // "1" when that version was signed.
inline constexpr const char* last_signed = "last_signed";                   // Highest signed version accepted.
inline constexpr const char* last_signed_identity = "last_signed_identity"; // Its identity.
inline constexpr const char* local_serial = "local_serial";                 // The n of the last "local-<n>".
} // namespace state_key

// A state value; nothing when the key is not set. `failed` is set on a database error.
std::optional<std::string> read_state(Database& database, const char* key, bool& failed);
std::optional<std::int64_t> read_state_int(Database& database, const char* key, bool& failed);
bool write_state(Database& database, const char* key, const std::string& value);
bool erase_state(Database& database, const char* key);

// The version row `id`; nothing when it is not there (or on a database error, with `failed` set).
std::optional<VersionInfo> read_version(Database& database, std::int64_t id, bool& failed);

// True for versions `kiosk pack` writes: digits only ("20261126120000").
bool is_packed_version(std::string_view version);
// Compares two packed versions as the numbers they spell: <0, 0 or >0.
int compare_versions(std::string_view a, std::string_view b);
// The packed version (UTC YYYYMMDDHHMMSS) of a moment, and back: Unix seconds, or 0 when `version` is not 14 digits.
// MANIFEST's "expires" has the same form.
std::string packed_version_at(std::int64_t unix_seconds);
std::int64_t packed_version_seconds(std::string_view version);

} // namespace kiosk::store
