// Bundles waiting for staff (STATE/pending, STATE/pending-2): where they came from, and when they stop waiting
// because what shows has moved past them (docs/updates.md, "When a waiting bundle goes").
#pragma once

#include "content/clock.hpp"
#include "content/reason.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::sync {

// The bundle waiting for staff (STATE/pending, copied from a stick) and where it came from (STATE/pending-info).
struct PendingInfo {
    std::string source;         // "usb:/media/kiosk/STICK/folder"; empty when nothing waits.
    std::int64_t arrived = 0;   // Unix seconds, when it started waiting; 0 when not known (kept before it was).
    std::string arrived_text;   // Local "YYYY-MM-DD HH:MM".
    std::string identity;       // Its content hash.
    Reason why;                 // Why it waits: not signed, or signed by a key this kiosk does not trust.
    std::int64_t problems = -1; // Errors and warnings its check found; -1 when not known (kept before it was).
    // Other bundles that arrived while it waited, refused so as not to replace it: "usb:... at YYYY-MM-DD HH:MM".
    std::vector<std::string> refused;
};
// Two bundles can wait at once, in slots 1 (STATE/pending) and 2 (STATE/pending-2), so that a second arrival never
// replaces the first: staff see both and choose. A third is refused while both wait, and listed with the first.
// A slot is a place, not an order: once staff apply or ignore the bundle in slot 1, the one in slot 2 waits alone
// (and the next arrival takes slot 1). Whatever reads "the one waiting" asks waiting_slots().
inline constexpr int pending_slots = 2;
// "YYYY-MM-DD HH:MM" in the kiosk's local time, as pending infos, stick reports and the staff screen give times.
std::string local_minutes_text(std::int64_t unix_seconds);
std::string pending_folder(const std::string& state_dir, int slot = 1);
PendingInfo read_pending_info(const std::string& state_dir, int slot = 1);
bool write_pending_info(const std::string& state_dir, const PendingInfo& info, int slot = 1);
// Staff applied or ignored it: the copy and its info go.
void forget_pending(const std::string& state_dir, int slot = 1);
// The slots that hold a bundle, the one waiting longest first (by `arrived`, an unknown time first; slot order when
// they arrived in the same second): "the first" on the staff screen and in `kiosk status`.
std::vector<int> waiting_slots(const std::string& state_dir);

// The version in the MANIFEST of the bundle in `dir` (one signed by a key this kiosk does not trust, or packed and
// then changed), or "" when it has none. Read, not verified: it only ever keeps a bundle from waiting.
std::string unverified_manifest_version(const std::string& dir);
// The same for the bundle waiting in `slot`.
std::string pending_manifest_version(const std::string& state_dir, int slot = 1);
// Why a bundle whose MANIFEST says `version` is older than the newest signed version taken, or nothing.
Reason older_than_floor(const std::string& version, store::Store& store);

// The newest signed version the store holds that was imported after `since` (Unix seconds; in a later second, as
// the store keeps them), or nothing.
std::optional<store::VersionInfo> signed_since(store::Store& store, std::int64_t since);

// Why the bundle waiting in `slot` should no longer wait, in plain words, or nothing while it still may be applied:
// - the content showing is that very bundle;
// - a signed version was imported after it started waiting (it is older than what the kiosk took since);
// - its MANIFEST's version is older than the newest signed version the kiosk took.
Reason superseded_why(const std::string& state_dir, int slot, store::Store& store);

// Drops every waiting bundle that superseded_why names, each with a line in the sync log ("dropped", under the
// source it came from), and remembers it (STATE/superseded-bundles) so that the same stick, left in, does not make
// it wait again. Returns those lines. Called after every import from a stick, the feed or staff, after a roll back,
// and at each look at the sticks (so as the kiosk starts).
std::vector<std::string> drop_superseded_pending(const std::string& state_dir, store::Store& store, WallTime now);

// Whether the bundle with this identity was dropped as superseded (it does not wait again until it changes).
bool was_superseded(const std::string& state_dir, const std::string& identity);

// Drops the bundle waiting from `source` (a stick's "usb:<folder>") unless it is `identity`: the stick no longer
// holds it (it changed, or could not be copied whole), so what waits is not what is on the stick. With a line in the
// sync log, whose text is returned (one per bundle dropped).
std::vector<std::string> drop_pending_from(const std::string& state_dir, const std::string& source,
    const std::string& identity, const Reason& why, store::Store& store, WallTime now);

} // namespace kiosk::sync
