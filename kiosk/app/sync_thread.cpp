// SyncThread: the stick thread and the network thread, each with its own store.
#include "app/sync_thread.hpp"

#include "app/installed_content.hpp"
#include "content/text_util.hpp"
#include "sync/calendars.hpp"
#include "sync/http.hpp"

#include <algorithm>
#include <iostream>
#include <utility>

namespace kiosk {

SyncThread::SyncThread(std::string database, sync::UsbConfig config, std::optional<sync::FeedConfig> feed,
    std::vector<std::string> calendar_urls, int poll_minutes, platform::WakeQueue& wake,
    std::function<void(SnapshotPtr)> arrived, const TimeZone& zone)
    : m_database(std::move(database))
    , m_state_dir(config.state_dir)
    , m_child(config.child)
    , m_clock(config.clock)
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

SyncThread::~SyncThread()
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

void SyncThread::wake_now()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_sticks_now = m_network_now = true;
    }
    m_network_wakeup.notify_all();
    m_roots.poke();
}

store::Store* SyncThread::thread_store(std::unique_ptr<store::Store>& store)
{
    if (!store) {
        std::string error;
        store = store::Store::open(m_database, error);
        if (!store)
            std::cerr << "kiosk: the store cannot be opened (" << error << "): updates wait\n";
    }
    return store.get();
}

void SyncThread::run_sticks()
{
    std::unique_ptr<store::Store> store;
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
            if (store::Store* opened = thread_store(store)) {
                for (const sync::StickResult& result : m_watcher.scan(*opened)) {
                    std::cerr << "kiosk: " << escape_controls(result.source) << ": "
                              << sync::result_word(result.outcome) << ": " << escape_controls(result.reason.text())
                              << std::endl;
                    if (result.outcome == sync::Outcome::Imported)
                        deliver(*opened);
                }
            }
            look_at = SteadyClock::now() + safety_look;
        }
        auto timeout = std::chrono::ceil<std::chrono::milliseconds>(look_at - SteadyClock::now());
        changed = m_roots.wait(std::max(timeout, std::chrono::milliseconds(0)));
    }
}

void SyncThread::sync_feed(store::Store& store)
{
    sync::FeedResult result = m_feed->sync(store);
    if (result.outcome != sync::Outcome::Unchanged)
        std::cerr << "kiosk: " << result.source << ": " << sync::result_word(result.outcome) << ": "
                  << escape_controls(result.reason.text()) << std::endl;
    if (result.outcome == sync::Outcome::Imported)
        deliver(store);
    m_feed_due = SteadyClock::now() + m_feed->next_wait(sync::is_transient(result.outcome), m_poll_minutes);
}

void SyncThread::sync_calendars(store::Store& store)
{
    bool any_changed = false, failed = false;
    for (const std::string& url : m_calendar_urls) {
        sync::CalendarResult result = sync::sync_calendar(url, store, m_state_dir, m_child, m_clock);
        any_changed = any_changed || result.outcome == sync::Outcome::Imported;
        failed = failed || sync::is_transient(result.outcome);
        if (result.outcome != sync::Outcome::Unchanged)
            std::cerr << "kiosk: " << result.source << ": " << sync::result_word(result.outcome) << ": "
                      << escape_controls(result.reason.text()) << std::endl;
    }
    if (any_changed)
        deliver(store);
    m_calendars_due = SteadyClock::now() + m_calendar_timing.next_wait(failed, m_poll_minutes);
}

void SyncThread::run_network()
{
    std::unique_ptr<store::Store> store;
    for (;;) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_stop)
                return;
            if (std::exchange(m_network_now, false))
                m_feed_due = m_calendars_due = SteadyClock::now();
        }
        store::Store* opened = thread_store(store);
        if (opened && m_feed && SteadyClock::now() >= m_feed_due)
            sync_feed(*opened);
        if (opened && !m_calendar_urls.empty() && SteadyClock::now() >= m_calendars_due)
            sync_calendars(*opened);
        SteadyClock::time_point due = SteadyClock::now() + safety_look;
        if (m_feed)
            due = std::min(due, m_feed_due);
        if (!m_calendar_urls.empty())
            due = std::min(due, m_calendars_due);
        std::unique_lock<std::mutex> lock(m_mutex);
        m_network_wakeup.wait_until(lock, due, [this] { return m_stop || m_network_now; });
    }
}

void SyncThread::deliver(store::Store& store)
{
    std::lock_guard<std::mutex> one_at_a_time(m_deliver_mutex);
    std::string error;
    InstalledContent content = stored_content(store, error);
    if (!content.bundle) {
        std::cerr << "kiosk: the new content cannot be loaded (" << error << "): the old content stays\n";
        return;
    }
    SnapshotPtr snapshot
        = make_snapshot(content.bundle, content.images, m_clock.now(), m_zone, content.imported_at, content.expires_at);
    m_wake.post([arrived = m_arrived, snapshot] { arrived(snapshot); });
}

} // namespace kiosk
