// Running untrusted work (verifying, validating, importing a stranger's bundle) in a child process under memory,
// CPU-time and wall-clock limits: a hostile file can kill only that child, never the screen.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::sync {

struct ChildLimits {
    std::uint64_t memory_bytes = 768ull * 1024 * 1024; // Address space; a 1 GB Pi keeps room for the screen.
    int cpu_seconds = 60;
    int wall_milliseconds = 120000; // Killed after this long even when it waits rather than computes.
    // The sandbox (child_sandbox.hpp): no network, and no writes outside the `writable` folders. Empty `writable`:
    // the database's folder and the scratch folder of the state folder after "--state" in the child's arguments
    // (STATE/db and STATE/staging: never the rest of it, where the staff PIN's hash is), and with no --state there, no
    // writes at all. Temporary files (TMPDIR, SQLITE_TMPDIR) go to the last one.
    bool sandbox = true;
    std::vector<std::string> writable;
};

struct ChildResult {
    int exit_status = -1;   // The child's exit status, or -1 when it did not exit by itself.
    int signal = 0;         // The signal that ended it, or 0.
    bool timed_out = false; // Killed by the wall-clock limit.
    std::string out;        // Its standard output (at most 4 MiB kept).
    std::string err;        // Its standard error (at most 1 MiB kept).

    bool ok() const { return exit_status == 0; }
    // Why it failed, in plain words ("it was stopped after 120 s", "it crashed (signal 11)"), or "" when it did not.
    std::string failure() const;
};

// Runs `argv` (argv[0] is the program's path; no shell) with the limits and in the sandbox, collecting its output.
// A sandbox the kernel cannot give (see child_sandbox.hpp) is left out with a "kiosk: sandbox: ..." line on the
// child's standard error.
ChildResult run_child(const std::vector<std::string>& argv, const ChildLimits& limits = {});

// The path of the running kiosk executable, for running `kiosk import` as a child.
std::string self_executable();

} // namespace kiosk::sync
