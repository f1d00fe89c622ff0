// Work from other threads for the UI thread: one queue, and an SDL user event that wakes the frame loop.
#pragma once

#include <functional>
#include <mutex>
#include <vector>

namespace kiosk::platform {

class WakeQueue {
public:
    // Registers the SDL event type; call after SDL_Init, on the UI thread.
    bool init();

    // Thread-safe: queues `task` for the UI thread and wakes the loop.
    void post(std::function<void()> task);
    // UI thread: runs everything queued so far. Returns how many tasks ran.
    int run_pending();
    unsigned event_type() const { return m_event_type; }

private:
    std::mutex m_mutex;
    std::vector<std::function<void()>> m_tasks;
    unsigned m_event_type = 0;
};

} // namespace kiosk::platform
