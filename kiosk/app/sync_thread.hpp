// The kiosk's sync threads: sticks, the feed and calendar URLs, off the UI thread (docs/architecture.md, "Content
// sources").
#pragma once

#include "content/clock.hpp"
#include "content/snapshot.hpp"
#include "content/time_zone.hpp"
#include "platform/wake_queue.hpp"
#include "store/store.hpp"
#include "sync/feed.hpp"
#include "sync/root_watch.hpp"
#include "sync/usb.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {

// Content sources on their own threads while the kiosk runs: one for the sticks, one for the network (the feed and
// the calendar URLs), so that a slow feed never keeps a stick waiting (a stick is read within a second or two of being
// plugged in, whatever the feed is doing). A stick is copied, checked and imported in a child process; the new content
// is loaded and expanded here, and only the finished snapshot goes to the UI thread, between frames, so a sync never
// holds up a frame. The stick thread sleeps until a stick may have come or changed (RootWatch) or a minute has passed
// (a safety look); the network thread until the feed or the calendars are due. Imports from both at once are safe:
// the store checks the version rules inside each import's transaction. Each thread opens the store once, for itself.
class SyncThread {
public:
    SyncThread(std::string database, sync::UsbConfig config, std::optional<sync::FeedConfig> feed,
        std::vector<std::string> calendar_urls, int poll_minutes, platform::WakeQueue& wake,
        std::function<void(SnapshotPtr)> arrived, const TimeZone& zone);
    ~SyncThread();

    SyncThread(const SyncThread&) = delete;
    SyncThread& operator=(const SyncThread&) = delete;

    // Staff asked to look for updates now: the feed, the calendars and the sticks are due, and the threads wake.
    void wake_now();

private:
    using SteadyClock = std::chrono::steady_clock;

    void run_sticks();
    void run_network();
    void sync_feed(store::Store& store);
    void sync_calendars(store::Store& store);
    // The calling thread's store, opened on first use (again after a failure); nothing, logged, when it cannot be.
    store::Store* thread_store(std::unique_ptr<store::Store>& store);
    // Loads the new active version and expands it here, off the UI thread. One at a time, so that snapshots reach the
    // UI in the order they were loaded, whichever thread imported.
    void deliver(store::Store& store);

    // Sticks are noticed through RootWatch within about a second; this look catches anything it cannot see (a root
    // made after the start, a change deep inside a stick's folders).
    static constexpr std::chrono::seconds safety_look {60};

    std::string m_database;
    std::string m_state_dir;
    std::vector<std::string> m_child;
    Clock m_clock;
    std::vector<std::string> m_calendar_urls;
    sync::FeedSource m_calendar_timing; // Only its poll timing (jitter, backoff) is used, for the calendars.
    SteadyClock::time_point m_calendars_due = SteadyClock::now() + std::chrono::seconds(3);
    sync::RootWatch m_roots;
    sync::UsbWatcher m_watcher;
    int m_poll_minutes;
    std::optional<sync::FeedSource> m_feed; // Made and used on the network thread only.
    SteadyClock::time_point m_feed_due = SteadyClock::now() + std::chrono::seconds(3);
    platform::WakeQueue& m_wake;
    std::function<void(SnapshotPtr)> m_arrived;
    const TimeZone& m_zone;
    std::mutex m_deliver_mutex;
    std::mutex m_mutex; // Guards the flags below; m_roots.poke() and m_network_wakeup wake the threads to look.
    std::condition_variable m_network_wakeup;
    bool m_stop = false;
    bool m_sticks_now = false;
    bool m_network_now = false;
    std::thread m_sticks; // After everything above: it starts once that is ready.
    std::thread m_network;
};

} // namespace kiosk
