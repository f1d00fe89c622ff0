// The untrusted-work child's sandbox, on top of its rlimits: no network and no writes outside one folder.
//
// - seccomp (libseccomp): socket() and the calls that use or make connections fail with EPERM, and so do the calls
//   that reach other processes or the kernel's configuration (ptrace, mount, module loading, bpf, keyrings...). The
//   filter is a deny list: everything else a kiosk import does (files, memory, threads) goes on as before.
// - Landlock (the kernel's, through its system calls; no library): every way of writing to the file system (writing,
//   creating, removing, renaming, linking) is refused outside the `writable` folders: the database's folder and the
//   scratch folder, never the rest of the state folder (the staff PIN's hash is there). Reading is not restricted.
//
// Both are installed between fork and exec and hold for the child's whole life. A kernel without Landlock (older than
// 5.13, or with it turned off) or without seccomp (qemu-user runs the arm64 tests) leaves that part out and says so.
#pragma once

#include <string>
#include <vector>

namespace kiosk::sync {

struct SandboxStatus {
    bool seccomp = false;
    bool landlock = false;
    std::string note; // What could not be installed, and why; "" when both are.
};

// Installs both on the calling process (a child, after fork). Calls nothing that a forked child of a threaded parent
// must avoid beyond what glibc makes safe (malloc).
SandboxStatus enter_sandbox(const std::vector<std::string>& writable);

} // namespace kiosk::sync
