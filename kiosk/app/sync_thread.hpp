// The kiosk's sync thread: sticks, the feed and calendar URLs, off the UI thread (docs/architecture.md, "Content
// sources").
#pragma once

#include "app/installed_content.hpp"
#include "content/snapshot.hpp"
#include "content/text_util.hpp"
#include "content/time_zone.hpp"
#include "platform/wake_queue.hpp"
#include "store/store.hpp"
#include "sync/calendars.hpp"
#include "sync/feed.hpp"
#include "sync/http.hpp"
#include "sync/root_watch.hpp"
#include "sync/usb.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace kiosk {

// Content sources on their own threads while the kiosk runs: one for the sticks, one for the network (the feed and
// the calendar URLs), so that a slow feed never keeps a stick waiting (a stick is read within a second or two of being
// plugged in, whatever the feed is doing). A stick is copied, checked and imported in a child process; the new content
// is loaded and expanded here, and only the finished snapshot goes to the UI thread, between frames, so a sync never
// holds up a frame. The stick thread sleeps until a stick may have come or changed (RootWatch) or a minute has passed
// (a safety look); the network thread until the feed or the calendars are due. Imports from both at once are safe:
// the store checks the version rules inside each import's transaction.
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
        , m_sticks([this] { run_sticks(); })
    {
        if (feed || !m_calendar_urls.empty())
            m_network = std::thread([this, feed = std::move(feed)] {
                if (feed)
                    m_feed.emplace(*feed);
                run_network();
            });
    }

    ~SyncThread()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_network_wakeup.notify_all();
        m_roots.poke();
        sync::cancel_http(); // A feed that answers slowly, or never, must not hold up the exit.
        m_sticks.join();
        if (m_network.joinable())
            m_network.join();
    }

    SyncThread(const SyncThread&) = delete;
    SyncThread& operator=(const SyncThread&) = delete;

    // Staff asked to look for updates now: the feed, the calendars and the sticks are due, and the threads wake.
    void wake_now()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_sticks_now = m_network_now = true;
        }
        m_network_wakeup.notify_all();
        m_roots.poke();
    }

private:
    using SteadyClock = std::chrono::steady_clock;

    void run_sticks()
    {
        SteadyClock::time_point look_at = SteadyClock::now(); // The next look at the sticks with nothing changed.
        bool changed = true;
        for (;;) {
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (m_stop)
                    return;
                changed = changed || std::exchange(m_sticks_now, false);
            }
            if (changed || SteadyClock::now() >= look_at) {
                m_roots.refresh(); // Watched before they are read: a change after this wakes the thread again.
                for (const sync::StickResult& result : m_watcher.scan()) {
                    std::cerr << "kiosk: " << escape_controls(result.source) << ": "
                              << sync::outcome_word(result.outcome) << ": " << escape_controls(result.message)
                              << std::endl;
                    if (result.outcome == sync::StickOutcome::Imported)
                        deliver();
                }
                look_at = SteadyClock::now() + safety_look;
            }
            auto timeout = std::chrono::ceil<std::chrono::milliseconds>(look_at - SteadyClock::now());
            changed = m_roots.wait(std::max(timeout, std::chrono::milliseconds(0)));
        }
    }

    void run_network()
    {
        for (;;) {
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (m_stop)
                    return;
                if (std::exchange(m_network_now, false))
                    m_feed_due = m_calendars_due = SteadyClock::now();
            }
            if (m_feed && SteadyClock::now() >= m_feed_due) {
                sync::FeedResult result = m_feed->sync();
                if (result.outcome != sync::StickOutcome::Unchanged)
                    std::cerr << "kiosk: " << result.source << ": " << sync::outcome_word(result.outcome) << ": "
                              << escape_controls(result.message) << std::endl;
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
                                  << escape_controls(result.message) << std::endl;
                }
                if (any_changed)
                    deliver();
                m_calendars_due = SteadyClock::now() + m_calendar_timing.next_wait(failed, m_poll_minutes);
            }
            SteadyClock::time_point due = SteadyClock::now() + safety_look;
            if (m_feed)
                due = std::min(due, m_feed_due);
            if (!m_calendar_urls.empty())
                due = std::min(due, m_calendars_due);
            std::unique_lock<std::mutex> lock(m_mutex);
            m_network_wakeup.wait_until(lock, due, [this] { return m_stop || m_network_now; });
        }
    }

    // Loads the new active version and expands it here, off the UI thread. One at a time, so that snapshots reach the
    // UI in the order they were loaded, whichever thread imported.
    void deliver()
    {
        std::lock_guard<std::mutex> one_at_a_time(m_deliver_mutex);
        std::string error;
        auto store = store::Store::open(m_database, error);
        InstalledContent content = store ? stored_content(*store, error) : InstalledContent {};
        if (!content.bundle) {
            std::cerr << "kiosk: the new content cannot be loaded (" << error << "): the old content stays\n";
            return;
        }
        SnapshotPtr snapshot = make_snapshot(content.bundle, content.images, std::chrono::system_clock::now(), m_zone,
            content.imported_at, content.expires_at);
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
    std::optional<sync::FeedSource> m_feed; // Made and used on the network thread only.
    std::chrono::steady_clock::time_point m_feed_due = std::chrono::steady_clock::now() + std::chrono::seconds(3);
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
