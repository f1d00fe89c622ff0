// Work from other threads for the UI thread: one queue, and an SDL user event that wakes the frame loop.
#pragma once

#include "content/clock.hpp"

#include <functional>
#include <mutex>
#include <vector>

namespace kiosk::platform {

class WakeQueue {
public:
    WakeQueue() = default;
    ~WakeQueue();
    WakeQueue(const WakeQueue&) = delete;
    WakeQueue& operator=(const WakeQueue&) = delete;

    // Registers the SDL event type; call after SDL_Init, on the UI thread.
    bool init();

    // Thread-safe: queues `task` for the UI thread and wakes the loop.
    void post(std::function<void()> task);
    // Thread-safe: wakes the loop with nothing to run (a signal arrived: the loop looks at its stop flag).
    void wake();
    // UI thread: runs everything queued so far. Returns how many tasks ran.
    int run_pending();
    unsigned event_type() const { return m_event_type; }

    // UI thread, for video drivers whose SDL_WaitEventTimeout cannot block (offscreen, kmsdrm: it sleeps 1 ms at a
    // time): sleeps until post() or wake() is called, `also` (when not -1) is readable, or `timeout` passes. The SDL
    // event is still in SDL's queue, and what is on `also` is left to read.
    void sleep(Millis timeout, int also = -1);

private:
    std::mutex m_mutex;
    std::vector<std::function<void()>> m_tasks;
    unsigned m_event_type = 0;
    int m_fd = -1; // An eventfd written with every wake-up.
};

} // namespace kiosk::platform
