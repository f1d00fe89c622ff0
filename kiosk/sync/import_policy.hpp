// Where an import is decided: the signature, the version rules, waiting for staff, the pictures and the store write,
// for a bundle folder already copied where nobody else writes (staging, or a staff member's own folder).
#pragma once

#include "content/clock.hpp"
#include "store/store.hpp"
#include "sync/import_report.hpp"
#include "sync/signing.hpp"

#include <string>
#include <vector>

namespace kiosk::sync {

struct ImportPolicy {
    // What becomes of a bundle not signed by a trusted key.
    enum class Unsigned {
        Import, // Imported as a local version: a staff member asked for it (`kiosk import`, the staff screen).
        Wait,   // It waits for staff (`--signed-only`: sticks and the feed).
    };
    std::vector<PublicKey> trusted_keys;
    std::vector<KeyProblem> key_problems; // The settings' trusted keys that could not be read: named when unsigned.
    Unsigned unsigned_bundles = Unsigned::Import;
    std::string source;    // As the store and the sync log name it: "usb:/media/...", "feed:https://...".
    std::string time_zone; // The settings' time_zone, or "" (the bundle's, else the system's).
    WallTime now;          // The kiosk's clock (--now reaches it).
    // For a bundle that waited for staff: when it started waiting (Unix seconds), or 0. A signed version imported
    // since then has moved past it, and it is refused (docs/updates.md, "When a waiting bundle goes").
    std::int64_t waiting_since = 0;
};

// Reads, verifies and checks the bundle in `dir`, then imports it into `store` when the policy allows. Every outcome
// of ImportReport but RefusedLimits, SetAside and Busy (the parent's, which runs this in a child) can come back.
ImportReport import_bundle(const std::string& dir, const ImportPolicy& policy, store::Store& store);

} // namespace kiosk::sync
