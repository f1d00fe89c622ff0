// WakeQueue: a mutex-guarded task list, SDL_PushEvent (which SDL documents as safe from any thread) and an eventfd for
// a loop that sleeps outside SDL.
#include "platform/wake_queue.hpp"

#include <SDL.h>
#include <algorithm>
#include <cstdint>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace kiosk::platform {

WakeQueue::~WakeQueue()
{
    if (m_fd >= 0)
        close(m_fd);
}

bool WakeQueue::init()
{
    Uint32 type = SDL_RegisterEvents(1);
    if (type == Uint32(-1))
        return false;
    m_event_type = type;
    if (m_fd < 0)
        m_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    return true;
}

void WakeQueue::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    wake();
}

void WakeQueue::wake()
{
    SDL_Event event {};
    event.type = m_event_type;
    SDL_PushEvent(&event);
    if (m_fd >= 0) {
        std::uint64_t one = 1;
        [[maybe_unused]] ssize_t written = write(m_fd, &one, sizeof one);
    }
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

void WakeQueue::sleep(Millis timeout, int also)
{
    int ms = int(std::clamp(timeout, Millis(0), Millis(24 * 3600 * 1000)).count());
    if (m_fd < 0) {
        SDL_Delay(Uint32(std::min(ms, 10))); // No eventfd (never seen): nothing could wake a longer sleep.
        return;
    }
    pollfd fds[2] = {{m_fd, POLLIN, 0}, {also, POLLIN, 0}};
    if (poll(fds, also >= 0 ? 2 : 1, ms) > 0 && (fds[0].revents & POLLIN)) {
        std::uint64_t count = 0;
        [[maybe_unused]] ssize_t got = read(m_fd, &count, sizeof count);
    }
}

} // namespace kiosk::platform
