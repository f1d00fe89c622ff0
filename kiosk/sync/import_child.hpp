// Importing a bundle from staging in a child process (`kiosk import DIR --json --signed-only`) and reading its answer:
// what sticks and the feed share.
#pragma once

#include "sync/child_process.hpp"

#include <string>
#include <vector>

namespace kiosk::sync {

enum class StickOutcome {
    Imported,  // Signed by a trusted key, valid, allowed: it is showing now.
    Unchanged, // The same content is already showing.
    Pending,   // Unsigned or signed by another key: waiting for staff to apply it with the PIN.
    Refused,   // Valid signature but refused (an older version, errors), or not a usable bundle.
    Failed,    // It could not be read (pulled out, unreadable, a server down), or it stopped the checker.
};

const char* outcome_word(StickOutcome outcome); // "imported", "unchanged", "pending", "refused", "failed"

struct ChildImport {
    StickOutcome outcome = StickOutcome::Failed;
    std::string version;      // The version showing after it.
    std::string message;      // One line in plain words.
    std::string problems;     // Every problem of the check, "file:line: severity: message" lines.
    bool checked = false;     // The check ran (its problems are known).
    bool crashed = false;     // The child crashed or was killed by a limit.
    bool over_limits = false; // Killed by its CPU, memory or wall-clock limit (crashed is set too).
};

// The limits of an import child for the bundle in `dir`. Pictures are most of an import's work (about 0.07 s of CPU
// for a 4096-pixel JPEG here, and a Raspberry Pi 4 is about four times slower): the CPU limit is 60 s plus 0.5 s for
// each file in images/, the wall clock 120 s plus 1 s for each, so that every bundle within the documented limits
// (500 pictures of 4096 pixels) imports on a Pi.
ChildLimits import_limits(const std::string& dir);
// Names the limits above; a bundle that went over them is refused again only while the limits are the same
// (STATE/refused-bundles keeps it with this id), so a kiosk update that changes them tries it again.
inline constexpr const char* import_limits_id = "limits-2";

// Runs `kiosk` (argv prefix `kiosk_argv`, with its --state and --config) as `import DIR --json --signed-only
// --source SOURCE` under the child limits (KIOSK_CHILD_WALL_MS shortens the wall clock, for tests).
ChildImport import_in_child(
    const std::vector<std::string>& kiosk_argv, const std::string& dir, const std::string& source);

// The value of a top-level key of a one-line JSON object: "true", "false", a number, or a string unescaped.
std::string json_field(const std::string& json, const std::string& key);

} // namespace kiosk::sync
