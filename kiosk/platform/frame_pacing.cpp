// FramePacing: the wait of the frame loop derived from its next deadline.
#include "platform/frame_pacing.hpp"

#include <algorithm>

namespace kiosk::platform {

namespace {

constexpr Millis longest_wait {24 * 3600 * 1000}; // SDL takes an int of milliseconds; nothing waits longer anyway.

} // namespace

void FramePacing::set_heartbeat(Millis every, Millis now)
{
    m_every = every;
    m_beat_at = now + every;
}

Millis FramePacing::timeout(Millis now, bool frames, Millis last_frame, Millis change_at) const
{
    Millis due = frames ? last_frame + frame_interval : change_at;
    if (m_every.count() > 0)
        due = std::min(due, m_beat_at);
    return std::clamp(due - now, Millis(1), longest_wait);
}

} // namespace kiosk::platform
