// StaffWorker: one thread, one job at a time, results through the wake queue.
#include "app/staff_worker.hpp"

namespace kiosk {

StaffWorker::StaffWorker(platform::WakeQueue& wake)
    : m_wake(wake)
    , m_thread([this] { loop(); })
{ }

StaffWorker::~StaffWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wakeup.notify_one();
    m_thread.join();
}

bool StaffWorker::start(std::function<std::function<void()>()> job)
{
    bool expected = false;
    if (!m_busy.compare_exchange_strong(expected, true))
        return false;
    {
        std::lock_guard lock(m_mutex);
        m_job = std::move(job);
    }
    m_wakeup.notify_one();
    return true;
}

void StaffWorker::loop()
{
    for (;;) {
        std::function<std::function<void()>()> job;
        {
            std::unique_lock lock(m_mutex);
            m_wakeup.wait(lock, [this] { return m_quit || m_job; });
            if (m_quit)
                return;
            job = std::move(m_job);
            m_job = nullptr;
        }
        std::function<void()> done = job();
        m_wake.post([this, done = std::move(done)] {
            if (done)
                done();
            m_busy.store(false); // Only now: a script waits for the result to be on screen, not just computed.
        });
    }
}

} // namespace kiosk
