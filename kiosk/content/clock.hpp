// The one source of "now" for everything: the system's time, a time set with --now, or simulated time for scripts.
#pragma once

#include <chrono>

namespace kiosk {

using WallTime = std::chrono::system_clock::time_point;
using Millis = std::chrono::milliseconds;

class Clock {
public:
    enum class Mode {
        Real,      // Runs with real time.
        Simulated, // Moves only when advance() is called (scripts, tests).
    };

    // The system clock, or a clock that starts at `start` and then runs (Mode::Real) or waits for advance().
    static Clock system();
    static Clock starting_at(WallTime start, Mode mode);

    WallTime now() const;
    // Monotonic time since the clock was made; frame timing and gestures use this.
    Millis uptime() const;
    Mode mode() const { return m_mode; }

    // Moves simulated time forward; ignored for a real clock.
    void advance(Millis by);

private:
    Clock(WallTime start, Mode mode, bool follow_system);

    WallTime m_start;
    std::chrono::steady_clock::time_point m_steady_start;
    Millis m_simulated {0};
    Mode m_mode;
    bool m_follow_system; // now() is the system's time, not `m_start` plus uptime.
};

} // namespace kiosk
