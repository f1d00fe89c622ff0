// Staff work off the UI thread. Checking a PIN (Argon2), reading the staff screen's facts (which checks a waiting
// bundle in a child), applying a bundle, rolling back and exporting can each take from a fraction of a second to a
// minute; on the UI thread they froze the screen, and a frozen loop feeds no watchdog (30 s). Here each runs on a
// worker thread, one at a time, and hands its result to the UI thread through the wake queue.
#pragma once

#include "platform/wake_queue.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace kiosk {

class StaffWorker {
public:
    explicit StaffWorker(platform::WakeQueue& wake);
    // Waits for the job under way, if any (the kiosk stopping during an apply lets the apply finish).
    ~StaffWorker();
    StaffWorker(const StaffWorker&) = delete;
    StaffWorker& operator=(const StaffWorker&) = delete;

    // Runs `job` on the worker, then `done` with nothing on the UI thread: the job returns what `done` must do there.
    // False, and nothing runs, while another job or its result is under way.
    bool start(std::function<std::function<void()>()> job);
    // A job is running, or its result has not reached the UI thread yet.
    bool busy() const { return m_busy.load(); }

private:
    void loop();

    platform::WakeQueue& m_wake;
    std::mutex m_mutex;
    std::condition_variable m_wakeup;
    std::function<std::function<void()>()> m_job;
    bool m_quit = false;
    std::atomic<bool> m_busy {false};
    std::thread m_thread;
};

} // namespace kiosk
