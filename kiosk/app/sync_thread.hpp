// The kiosk's sync thread: sticks, the feed and calendar URLs, off the UI thread (docs/architecture.md, "Content
// sources").
#pragma once

#include "app/installed_content.hpp"
#include "content/snapshot.hpp"
#include "content/time_zone.hpp"
#include "platform/wake_queue.hpp"
#include "store/store.hpp"
#include "sync/calendars.hpp"
#include "sync/feed.hpp"
#include "sync/root_watch.hpp"
#include "sync/usb.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {

// Watches the USB mount roots on its own thread while the kiosk runs. A stick is copied, checked and imported in a
// child process; the new content is loaded and expanded here, and only the finished snapshot goes to the UI thread,
// between frames, so a sync never holds up a frame. The thread sleeps until a stick may have come or changed
// (RootWatch), the feed or the calendars are due, or a minute has passed (a safety look at the sticks).
class SyncThread {
public:
    SyncThread(sync::UsbConfig config, std::optional<sync::FeedConfig> feed, std::vector<std::string> calendar_urls,
        int poll_minutes, platform::WakeQueue& wake, std::function<void(SnapshotPtr)> arrived, const TimeZone& zone)
        : m_database(config.database)
        , m_state_dir(config.state_dir)
        , m_child(config.child)
        , m_calendar_urls(std::move(calendar_urls))
        , m_calendar_timing(sync::FeedConfig {})
        , m_roots(config.roots)
        , m_watcher(std::move(config))
        , m_poll_minutes(poll_minutes)
        , m_wake(wake)
        , m_arrived(std::move(arrived))
        , m_zone(zone)
        , m_thread([this, feed = std::move(feed)] {
            if (feed)
                m_feed.emplace(*feed);
            run();
        })
    { }

    ~SyncThread()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_roots.poke();
        m_thread.join();
    }

    SyncThread(const SyncThread&) = delete;
    SyncThread& operator=(const SyncThread&) = delete;

    // Staff asked to look for updates now: the feed, the calendars and the sticks are due, and the thread wakes.
    void wake_now()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_now = true;
        }
        m_roots.poke();
    }

private:
    void run()
    {
        using SteadyClock = std::chrono::steady_clock;
        SteadyClock::time_point look_at = SteadyClock::now(); // The next look at the sticks with nothing changed.
        bool changed = true;
        for (;;) {
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (m_stop)
                    return;
                if (m_now) {
                    m_now = false;
                    m_feed_due = m_calendars_due = SteadyClock::now();
                    changed = true;
                }
            }
            if (m_feed && SteadyClock::now() >= m_feed_due) {
                sync::FeedResult result = m_feed->sync();
                if (result.outcome != sync::StickOutcome::Unchanged)
                    std::cerr << "kiosk: " << result.source << ": " << sync::outcome_word(result.outcome) << ": "
                              << result.message << std::endl;
                if (result.outcome == sync::StickOutcome::Imported)
                    deliver();
                bool failed = result.outcome == sync::StickOutcome::Failed;
                m_feed_due = SteadyClock::now() + m_feed->next_wait(failed, m_poll_minutes);
            }
            if (!m_calendar_urls.empty() && SteadyClock::now() >= m_calendars_due) {
                bool any_changed = false, failed = false;
                for (const std::string& url : m_calendar_urls) {
                    sync::CalendarResult result = sync::sync_calendar(url, m_database, m_state_dir, m_child);
                    any_changed = any_changed || result.outcome == sync::StickOutcome::Imported;
                    failed = failed || result.outcome == sync::StickOutcome::Failed;
                    if (result.outcome != sync::StickOutcome::Unchanged)
                        std::cerr << "kiosk: " << result.source << ": " << sync::outcome_word(result.outcome) << ": "
                                  << result.message << std::endl;
                }
                if (any_changed)
                    deliver();
                m_calendars_due = SteadyClock::now() + m_calendar_timing.next_wait(failed, m_poll_minutes);
            }
            if (changed || SteadyClock::now() >= look_at) {
                m_roots.refresh(); // Watched before they are read: a change after this wakes the thread again.
                for (const sync::StickResult& result : m_watcher.scan()) {
                    std::cerr << "kiosk: " << result.source << ": " << sync::outcome_word(result.outcome) << ": "
                              << result.message << std::endl;
                    if (result.outcome == sync::StickOutcome::Imported)
                        deliver();
                }
                look_at = SteadyClock::now() + safety_look;
            }
            SteadyClock::time_point due = look_at;
            if (m_feed)
                due = std::min(due, m_feed_due);
            if (!m_calendar_urls.empty())
                due = std::min(due, m_calendars_due);
            auto timeout = std::chrono::ceil<std::chrono::milliseconds>(due - SteadyClock::now());
            changed = m_roots.wait(std::max(timeout, std::chrono::milliseconds(0)));
        }
    }

    // Loads the new active version and expands it here, off the UI thread.
    void deliver()
    {
        std::string error;
        auto store = store::Store::open(m_database, error);
        InstalledContent content = store ? stored_content(*store, error) : InstalledContent {};
        if (!content.bundle) {
            std::cerr << "kiosk: the new content cannot be loaded (" << error << "): the old content stays\n";
            return;
        }
        SnapshotPtr snapshot = make_snapshot(
            content.bundle, content.images, std::chrono::system_clock::now(), m_zone, content.imported_at);
        m_wake.post([arrived = m_arrived, snapshot] { arrived(snapshot); });
    }

    // Sticks are noticed through RootWatch within about a second; this look catches anything it cannot see (a root
    // made after the start, a change deep inside a stick's folders).
    static constexpr std::chrono::seconds safety_look {60};

    std::string m_database;
    std::string m_state_dir;
    std::vector<std::string> m_child;
    std::vector<std::string> m_calendar_urls;
    sync::FeedSource m_calendar_timing; // Only its poll timing (jitter, backoff) is used, for the calendars.
    std::chrono::steady_clock::time_point m_calendars_due = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    sync::RootWatch m_roots;
    sync::UsbWatcher m_watcher;
    int m_poll_minutes;
    std::optional<sync::FeedSource> m_feed; // Made and used on the sync thread only.
    std::chrono::steady_clock::time_point m_feed_due = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    platform::WakeQueue& m_wake;
    std::function<void(SnapshotPtr)> m_arrived;
    const TimeZone& m_zone;
    std::mutex m_mutex; // Guards m_stop and m_now; m_roots.poke() wakes the thread to look at them.
    bool m_stop = false;
    bool m_now = false;
    std::thread m_thread; // Last: it starts once everything above is ready.
};

} // namespace kiosk
