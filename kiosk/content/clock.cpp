// Clock: real, offset or simulated "now".
#include "content/clock.hpp"

namespace kiosk {

Clock::Clock(WallTime start, Mode mode, bool follow_system)
    : m_start(start)
    , m_steady_start(std::chrono::steady_clock::now())
    , m_mode(mode)
    , m_follow_system(follow_system)
{ }

Clock Clock::system()
{
    return Clock(std::chrono::system_clock::now(), Mode::Real, true);
}

Clock Clock::starting_at(WallTime start, Mode mode)
{
    return Clock(start, mode, false);
}

Millis Clock::uptime() const
{
    if (m_mode == Mode::Simulated)
        return m_simulated;
    return std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - m_steady_start);
}

WallTime Clock::now() const
{
    if (m_follow_system)
        return std::chrono::system_clock::now();
    return m_start + uptime();
}

void Clock::advance(Millis by)
{
    if (m_mode == Mode::Simulated && by.count() > 0)
        m_simulated += by;
}

} // namespace kiosk
