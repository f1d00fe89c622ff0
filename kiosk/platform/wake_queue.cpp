// WakeQueue: a mutex-guarded task list and SDL_PushEvent, which SDL documents as safe from any thread.
#include "platform/wake_queue.hpp"

#include <SDL.h>

namespace kiosk::platform {

bool WakeQueue::init()
{
    Uint32 type = SDL_RegisterEvents(1);
    if (type == Uint32(-1))
        return false;
    m_event_type = type;
    return true;
}

void WakeQueue::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    SDL_Event event {};
    event.type = m_event_type;
    SDL_PushEvent(&event);
}

int WakeQueue::run_pending()
{
    std::vector<std::function<void()>> tasks;
    {
        std::lock_guard lock(m_mutex);
        tasks.swap(m_tasks);
    }
    for (auto& task : tasks)
        task();
    return int(tasks.size());
}

} // namespace kiosk::platform
