// Wakes the sync thread when a stick may have come, changed or gone: inotify on the USB mount roots and the folders
// where bundles are found, and the mount table, instead of looking every few seconds.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace kiosk::sync {

class RootWatch {
public:
    explicit RootWatch(std::vector<std::string> roots);
    ~RootWatch();
    RootWatch(const RootWatch&) = delete;
    RootWatch& operator=(const RootWatch&) = delete;

    // Watches the folders as they are now: each root, the folders up to two levels below it (where find_bundle_folders
    // looks) and a bundle folder's own folders two deep. Call before each scan, so that what the scan sees and what
    // changes after it are both covered.
    void refresh();

    // Thread-safe: wait() returns at once.
    void poke();

    // Blocks until something changed under the roots or in the mount table (mounting a stick on an existing folder
    // is seen only there), poke() is called, or `timeout` passes. After a change it waits for the writes to settle
    // (no change for half a second, two seconds at most), so a stick is read once it is all there. True when
    // something changed.
    bool wait(std::chrono::milliseconds timeout);

    // Folders watched now (tests, logs).
    int watched() const { return m_watched; }

private:
    // Reads the inotify events waiting; true when one of them matters (not a hidden file, not the kiosk's report).
    bool drain_events();

    std::vector<std::string> m_roots;
    int m_inotify = -1;
    int m_mounts = -1; // /proc/self/mountinfo: POLLPRI when a mount comes or goes.
    int m_poke = -1;   // An eventfd.
    int m_watched = 0;
};

} // namespace kiosk::sync
