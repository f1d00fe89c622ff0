// The child's sandbox: a libseccomp deny list, and a Landlock ruleset through raw system calls.
#include "sync/child_sandbox.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/landlock.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_SANITIZER 1
#endif
#endif

namespace kiosk::sync {

namespace {

// No network, no other processes, no kernel configuration.
constexpr int denied[] = {
    SCMP_SYS(socket),
    SCMP_SYS(connect),
    SCMP_SYS(bind),
    SCMP_SYS(listen),
    SCMP_SYS(accept),
    SCMP_SYS(accept4),
    SCMP_SYS(sendto),
    SCMP_SYS(sendmsg),
    SCMP_SYS(sendmmsg),
    SCMP_SYS(ptrace),
    SCMP_SYS(process_vm_readv),
    SCMP_SYS(process_vm_writev),
    SCMP_SYS(mount),
    SCMP_SYS(umount2),
    SCMP_SYS(pivot_root),
    SCMP_SYS(chroot),
    SCMP_SYS(setns),
    SCMP_SYS(unshare),
    SCMP_SYS(init_module),
    SCMP_SYS(finit_module),
    SCMP_SYS(delete_module),
    SCMP_SYS(kexec_load),
    SCMP_SYS(reboot),
    SCMP_SYS(swapon),
    SCMP_SYS(swapoff),
    SCMP_SYS(bpf),
    SCMP_SYS(perf_event_open),
    SCMP_SYS(userfaultfd),
    SCMP_SYS(keyctl),
    SCMP_SYS(add_key),
    SCMP_SYS(request_key),
};

bool install_seccomp(std::string& why)
{
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
    if (!filter) {
        why = "seccomp: cannot make a filter";
        return false;
    }
    int rc = 0;
    for (int call : denied) {
        if (call < 0)
            continue; // Not a call on this architecture.
#ifdef KIOSK_SANITIZER
        if (call == SCMP_SYS(ptrace))
            continue; // LeakSanitizer stops the threads with ptrace when the process exits (test builds only).
#endif
        rc = seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), call, 0);
        if (rc != 0)
            break;
    }
    if (rc == 0)
        rc = seccomp_load(filter); // Sets no_new_privs first (the filter's default attribute).
    seccomp_release(filter);
    if (rc != 0) {
        why = std::string("seccomp: ") + std::strerror(-rc);
        return false;
    }
    return true;
}

bool install_landlock(const std::vector<std::string>& writable, std::string& why)
{
    long abi = syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 1) {
        why = std::string("Landlock: ") + std::strerror(errno);
        return false;
    }
    __u64 write_access = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE
        | LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG
        | LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK
        | LANDLOCK_ACCESS_FS_MAKE_SYM;
#ifdef LANDLOCK_ACCESS_FS_REFER
    if (abi >= 2)
        write_access |= LANDLOCK_ACCESS_FS_REFER;
#endif
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
    if (abi >= 3)
        write_access |= LANDLOCK_ACCESS_FS_TRUNCATE;
#endif
    landlock_ruleset_attr attr {};
    attr.handled_access_fs = write_access;
    int ruleset = int(syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0));
    if (ruleset < 0) {
        why = std::string("Landlock: ") + std::strerror(errno);
        return false;
    }
    bool ok = true;
    for (const std::string& folder : writable) {
        landlock_path_beneath_attr beneath {};
        beneath.allowed_access = write_access;
        beneath.parent_fd = open(folder.c_str(), O_PATH | O_CLOEXEC | O_DIRECTORY);
        ok = ok && beneath.parent_fd >= 0
            && syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0) == 0;
        if (beneath.parent_fd >= 0)
            close(beneath.parent_fd);
    }
    ok = ok && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 && syscall(SYS_landlock_restrict_self, ruleset, 0) == 0;
    if (!ok)
        why = std::string("Landlock: ") + std::strerror(errno);
    close(ruleset);
    return ok;
}

} // namespace

SandboxStatus enter_sandbox(const std::vector<std::string>& writable)
{
    SandboxStatus status;
    std::string why;
    // Landlock first: its own set-up needs no call the seccomp filter refuses, but keep the order obvious.
    status.landlock = install_landlock(writable, why);
    if (!status.landlock)
        status.note = why;
    why.clear();
    status.seccomp = install_seccomp(why);
    if (!status.seccomp)
        status.note += (status.note.empty() ? "" : "; ") + why;
    return status;
}

} // namespace kiosk::sync
