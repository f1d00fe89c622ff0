// Importing a bundle in a child process (`kiosk import DIR --json`) and reading its typed answer: what sticks, the
// feed, the staff screen and the demo's first import share.
#pragma once

#include "sync/child_process.hpp"
#include "sync/import_policy.hpp"
#include "sync/import_report.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::sync {

// An import child's answer, with what became of the child itself.
struct ChildImport {
    ImportReport report;   // Parsed from its JSON; outcome Failed or RefusedLimits when it gave none.
    bool answered = false; // It answered (so its problems are known).
    bool crashed = false;  // It crashed or was stopped by a limit (report.outcome RefusedLimits for a limit).
};

// The limits of an import child for the bundle in `dir`. Pictures are most of an import's work (about 0.07 s of CPU
// for a 4096-pixel JPEG here, and a Raspberry Pi 4 is about four times slower): the CPU limit is 60 s plus 0.5 s for
// each file in images/, the wall clock 120 s plus 1 s for each, so that every bundle within the documented limits
// (500 pictures of 4096 pixels) imports on a Pi.
ChildLimits import_limits(const std::string& dir);
// Names the limits above; a bundle that went over them is refused again only while the limits are the same
// (STATE/refused-bundles keeps it with this id), so a kiosk update that changes them tries it again.
inline constexpr const char* import_limits_id = "limits-2";

// Runs `kiosk` (argv prefix `kiosk_argv`, with its --state and --config) as `import DIR --json --source SOURCE`,
// with `--signed-only` when unsigned bundles wait and `--waiting-since` for a bundle that waited for staff (Unix
// seconds), under the child limits (KIOSK_CHILD_WALL_MS shortens the wall clock, for tests).
ChildImport import_in_child(const std::vector<std::string>& kiosk_argv, const std::string& dir,
    const std::string& source, ImportPolicy::Unsigned unsigned_bundles = ImportPolicy::Unsigned::Wait,
    std::int64_t waiting_since = 0);

} // namespace kiosk::sync
