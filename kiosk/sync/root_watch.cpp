// RootWatch: inotify on the folders where bundles are found, POLLPRI on /proc/self/mountinfo, and an eventfd to poke.
#include "sync/root_watch.hpp"

#include "content/posix_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::sync {

namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr int max_watches = 1000;                       // A root such as /mnt may hold anything; bundles need a few.
constexpr std::chrono::milliseconds settle {500};       // A change is read once nothing changed for this long...
constexpr std::chrono::milliseconds settle_most {2000}; // ...or this long after it began, whichever comes first.

// What changes a stick as find_bundle_folders and folder_fingerprint see it: names coming and going, files written,
// sizes and times, a watched folder removed or unmounted.
constexpr std::uint32_t watch_mask = IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB
    | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW;

bool is_folder(const std::string& path)
{
    struct stat st { };
    return lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode); // Links are not followed, as find_bundle_folders.
}

bool is_file(const std::string& path)
{
    struct stat st { };
    return lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::vector<std::string> subfolders(const std::string& dir)
{
    std::vector<std::string> found;
    for (const std::string& name : posix::list_dir(dir).value_or(std::vector<std::string> {})) {
        if (name[0] == '.')
            continue; // Hidden folders, which find_bundle_folders skips too.
        std::string child = dir + "/" + name;
        if (is_folder(child))
            found.push_back(child);
    }
    return found;
}

int ms_until(SteadyClock::time_point when)
{
    auto left = std::chrono::ceil<std::chrono::milliseconds>(when - SteadyClock::now()).count();
    return int(std::clamp<std::int64_t>(left, 0, 24 * 3600 * 1000));
}

} // namespace

RootWatch::RootWatch(std::vector<std::string> roots)
    : m_roots(std::move(roots))
    , m_mounts(open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC))
    , m_poke(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{ }

RootWatch::~RootWatch()
{
    for (int fd : {m_inotify, m_mounts, m_poke}) {
        if (fd >= 0)
            close(fd);
    }
}

void RootWatch::refresh()
{
    // A fresh inotify instance each time: folders gone or covered by a mount drop out, new ones and mounted sticks
    // come in, with nothing to keep in step.
    if (m_inotify >= 0)
        close(m_inotify);
    m_inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    m_watched = 0;
    if (m_inotify < 0)
        return;
    auto watch = [this](const std::string& dir) {
        if (m_watched >= max_watches)
            return false;
        if (inotify_add_watch(m_inotify, dir.c_str(), watch_mask) >= 0)
            ++m_watched;
        return true;
    };
    // `depth` below the root while looking for bundles; `inside` levels into a bundle's own folders.
    auto walk = [&](const std::string& dir, int depth, int inside, auto& self) -> void {
        if (!watch(dir))
            return;
        if (inside == 0 && is_file(dir + "/bundle.toml"))
            inside = 1; // A bundle: its pages/ and images/ change it too.
        else if (inside > 0)
            ++inside;
        if (inside > 2 || (inside == 0 && depth >= 2))
            return;
        for (const std::string& child : subfolders(dir))
            self(child, depth + 1, inside, self);
    };
    for (const std::string& root : m_roots) {
        if (is_folder(root))
            walk(root, 0, 0, walk);
    }
}

void RootWatch::poke()
{
    if (m_poke >= 0) {
        std::uint64_t one = 1;
        [[maybe_unused]] ssize_t written = write(m_poke, &one, sizeof one);
    }
}

bool RootWatch::drain_events()
{
    bool matters = false;
    alignas(inotify_event) char buffer[8192];
    for (;;) {
        ssize_t n = read(m_inotify, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return matters;
        for (char* at = buffer; at < buffer + n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(at);
            at += sizeof(inotify_event) + event->len;
            if (event->mask & IN_IGNORED)
                continue; // The watch went with its folder; the event that removed it is reported on its own.
            if (event->len > 0 && (event->name[0] == '.' || std::strcmp(event->name, "kiosk-report.txt") == 0))
                continue; // Hidden files and the report the kiosk writes are not part of a bundle.
            matters = true;
        }
    }
}

bool RootWatch::wait(std::chrono::milliseconds timeout)
{
    bool changed = false;
    SteadyClock::time_point until = SteadyClock::now() + timeout;
    SteadyClock::time_point settle_limit {};
    for (;;) {
        pollfd fds[3] = {{m_poke, POLLIN, 0}, {m_inotify, POLLIN, 0}, {m_mounts, POLLPRI, 0}};
        int n = poll(fds, 3, ms_until(until));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return changed; // The time is up, or everything settled.
        if (fds[0].revents & POLLIN) {
            std::uint64_t count = 0;
            [[maybe_unused]] ssize_t got = read(m_poke, &count, sizeof count);
            return changed;
        }
        bool now_changed = false;
        if (fds[1].revents & POLLIN)
            now_changed = drain_events();
        if (fds[2].revents & (POLLPRI | POLLERR))
            now_changed = true; // A mount came or went (the next poll() waits for the one after).
        if (!now_changed)
            continue;
        SteadyClock::time_point now = SteadyClock::now();
        if (!changed)
            settle_limit = now + settle_most;
        changed = true;
        until = std::min(now + settle, settle_limit);
    }
}

} // namespace kiosk::sync
