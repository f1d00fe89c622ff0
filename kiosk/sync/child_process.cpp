// Child processes with rlimits: fork, limit, exec; the parent reads both pipes with poll and enforces the wall clock.
#include "sync/child_process.hpp"

#include "content/posix_file.hpp"

#include "sync/child_sandbox.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <fcntl.h>
#include <iostream>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_ASAN 1
#endif
#endif

namespace kiosk::sync {

namespace {

constexpr std::size_t max_out = 4 * 1024 * 1024;
constexpr std::size_t max_err = 1024 * 1024;

void limit(int resource, rlim_t value)
{
    rlimit r {value, value};
    setrlimit(resource, &r);
}

// In the child, between fork and exec: its rlimits, its own process group, and the sandbox.
void confine(const ChildLimits& limits, const std::vector<std::string>& writable)
{
    limit(RLIMIT_CPU, rlim_t(limits.cpu_seconds));
    limit(RLIMIT_CORE, 0);
#ifndef KIOSK_ASAN
    // AddressSanitizer reserves terabytes of address space, so sanitizer builds run without this limit.
    limit(RLIMIT_AS, rlim_t(limits.memory_bytes));
#endif
    setpgid(0, 0);
    if (!limits.sandbox)
        return;
    if (!writable.empty()) {
        setenv("TMPDIR", writable.back().c_str(), 1);
        setenv("SQLITE_TMPDIR", writable.back().c_str(), 1);
    }
    SandboxStatus sandbox = enter_sandbox(writable);
    if (!sandbox.note.empty()) {
        std::string line = "kiosk: sandbox: " + sandbox.note + " (left out)\n";
        [[maybe_unused]] ssize_t written = write(2, line.data(), line.size());
    }
}

} // namespace

std::string ChildResult::failure() const
{
    if (exit_status == 0)
        return {};
    if (timed_out)
        return "it took too long and was stopped";
    if (signal == SIGXCPU || signal == SIGKILL)
        return "it used more than its share of the processor or memory and was stopped";
    if (signal != 0)
        return "it crashed (signal " + std::to_string(signal) + ")";
    return "it failed (exit status " + std::to_string(exit_status) + ")";
}

std::string self_executable()
{
    char path[PATH_MAX] = {};
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    return n > 0 ? std::string(path, std::size_t(n)) : std::string();
}

namespace {

// What the child may write: the limits' folders, else for a kiosk child (`--state DIR`) its database and scratch
// folders, made first (Landlock's rules need the folders to exist).
std::vector<std::string> writable_folders(const std::vector<std::string>& argv, const ChildLimits& limits)
{
    std::vector<std::string> writable = limits.writable;
    for (std::size_t i = 0; writable.empty() && i + 1 < argv.size(); ++i) {
        if (argv[i] == "--state") {
            writable = {argv[i + 1] + "/db", argv[i + 1] + "/staging"};
            mkdir(argv[i + 1].c_str(), 0700);
            for (const std::string& folder : writable)
                mkdir(folder.c_str(), 0700);
        }
    }
    return writable;
}

// Reads the child's standard output and error (each up to its cap) until both close, or kills it at `deadline`.
void collect_output(posix::UniqueFd out, posix::UniqueFd err, pid_t pid, std::chrono::steady_clock::time_point deadline,
    ChildResult& result)
{
    pollfd fds[2] = {{out.get(), POLLIN, 0}, {err.get(), POLLIN, 0}};
    int open_fds = 2;
    char buffer[16384];
    while (open_fds > 0) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        int ready = poll(fds, 2, int(left.count()));
        if (ready < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n <= 0) {
                fds[i].fd = -1; // Closed with its UniqueFd.
                --open_fds;
                continue;
            }
            std::string& sink = i == 0 ? result.out : result.err;
            std::size_t cap = i == 0 ? max_out : max_err;
            if (sink.size() < cap)
                sink.append(buffer, std::min(std::size_t(n), cap - sink.size()));
        }
    }
}

} // namespace

ChildResult run_child(const std::vector<std::string>& argv, const ChildLimits& limits)
{
    ChildResult result;
    int out_pipe[2], err_pipe[2];
    if (argv.empty() || pipe2(out_pipe, O_CLOEXEC) != 0)
        return result;
    posix::UniqueFd out_read(out_pipe[0]), out_write(out_pipe[1]);
    if (pipe2(err_pipe, O_CLOEXEC) != 0)
        return result;
    posix::UniqueFd err_read(err_pipe[0]), err_write(err_pipe[1]);
    std::vector<std::string> writable = writable_folders(argv, limits);
    std::vector<std::string> args = argv;
    std::vector<char*> cargs;
    cargs.reserve(args.size() + 1);
    for (std::string& a : args)
        cargs.push_back(a.data());
    cargs.push_back(nullptr);

    pid_t pid = fork();
    if (pid == 0) {
        dup2(out_write.get(), 1);
        dup2(err_write.get(), 2);
        confine(limits, writable);
        execv(cargs[0], cargs.data());
        _exit(127);
    }
    out_write = posix::UniqueFd();
    err_write = posix::UniqueFd();
    if (pid < 0)
        return result;
    collect_output(std::move(out_read), std::move(err_read), pid,
        std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.wall_milliseconds), result);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    if (WIFEXITED(status) && !result.timed_out)
        result.exit_status = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.signal = WTERMSIG(status);
    // A sandbox left out is said once in the kiosk's own log (the journal), not only in a child's captured output.
    static std::atomic<bool> said {false};
    if (std::size_t at = result.err.find("kiosk: sandbox: "); at != std::string::npos && !said.exchange(true))
        std::cerr << result.err.substr(at, result.err.find('\n', at) - at) << std::endl;
    return result;
}

} // namespace kiosk::sync
