// The frame loop's deadlines as plain arithmetic on uptime (tested with a fake clock): the next frame while something
// moves, the client's next change, and the heartbeat that feeds the service watchdog.
#pragma once

#include "content/clock.hpp"

namespace kiosk::platform {

constexpr Millis frame_interval {16}; // About 60 frames a second while something moves.

class FramePacing {
public:
    // A heartbeat every `every` from `now` on (the service watchdog); zero or less: none.
    void set_heartbeat(Millis every, Millis now);
    bool heartbeat_due(Millis now) const { return m_every.count() > 0 && now >= m_beat_at; }
    // The heartbeat was given at `now`: the next one is due `every` later.
    void beat(Millis now) { m_beat_at = now + m_every; }

    // How long the loop may sleep at `now`: until the next frame while `frames` (something moves; the last frame was
    // at `last_frame`), else until the earlier of the client's next change (`change_at`) and the heartbeat. Never
    // 0 (a 0 wait spins), and no fixed tick: an idle loop sleeps as long as nothing is due.
    Millis timeout(Millis now, bool frames, Millis last_frame, Millis change_at) const;

private:
    Millis m_every {0};
    Millis m_beat_at {0};
};

} // namespace kiosk::platform
