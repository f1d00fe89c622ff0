// Scroller: tap versus drag, drag-to-scroll, and a fling that decays and stops at the ends.
#include "ui/scroller.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {

float ms(Millis t)
{
    return static_cast<float>(t.count());
}

} // namespace

float Scroller::clamp(float offset) const
{
    return std::clamp(offset, 0.0f, m_max_offset);
}

void Scroller::set_max_offset(float max_offset)
{
    m_max_offset = std::max(0.0f, max_offset);
    m_offset = clamp(m_offset);
}

void Scroller::reset(float offset)
{
    m_pressed = m_dragging = m_stopped_fling = false;
    m_velocity = 0.0f;
    m_samples.clear();
    m_offset = clamp(offset);
}

void Scroller::press(float y, Millis now)
{
    update(now);
    m_stopped_fling = std::abs(m_velocity) > m_config.fling_stop_speed;
    m_velocity = 0.0f;
    m_pressed = true;
    m_dragging = false;
    m_press_y = y;
    m_press_offset = m_offset;
    m_samples.clear();
    m_samples.push_back({y, ms(now)});
}

void Scroller::move(float y, Millis now)
{
    if (!m_pressed)
        return;
    if (!m_dragging && std::abs(y - m_press_y) > m_config.drag_threshold)
        m_dragging = true;
    if (m_dragging) {
        // The content follows the finger from where it was pressed, so it moves by exactly the dragged distance.
        m_offset = clamp(m_press_offset + (m_press_y - y));
    }
    m_samples.push_back({y, ms(now)});
    while (m_samples.size() > 2 && m_samples.back().t - m_samples.front().t > m_config.velocity_window_ms)
        m_samples.pop_front();
}

void Scroller::release(Millis now)
{
    if (!m_pressed)
        return;
    m_pressed = false;
    m_last_update = ms(now);
    m_velocity = 0.0f;
    if (m_dragging && m_samples.size() >= 2) {
        // Speed over the recent window; a finger that rested before lifting throws nothing.
        const Sample& last = m_samples.back();
        const Sample* first = &m_samples.front();
        for (const Sample& s : m_samples) {
            if (last.t - s.t <= m_config.velocity_window_ms) {
                first = &s;
                break;
            }
        }
        float since_last = ms(now) - last.t;
        float dt = last.t - first->t;
        if (dt > 0.0f && since_last < m_config.velocity_window_ms)
            m_velocity = (first->y - last.y) / dt * 1000.0f;
        if (std::abs(m_velocity) < m_config.stop_speed)
            m_velocity = 0.0f;
    }
    m_dragging = false;
    m_samples.clear();
}

void Scroller::glide(float distance, Millis now)
{
    // A fling of speed v travels v * decay in all; the stop speed cuts a little off the end.
    m_pressed = m_dragging = m_stopped_fling = false;
    m_samples.clear();
    m_last_update = ms(now);
    m_velocity = (distance + m_config.stop_speed * m_config.decay_ms / 1000.0f) / (m_config.decay_ms / 1000.0f);
}

void Scroller::update(Millis now)
{
    float t = ms(now);
    float dt = t - m_last_update;
    m_last_update = t;
    if (m_pressed || m_velocity == 0.0f || dt <= 0.0f)
        return;
    // Integrate an exponential decay exactly, so the distance does not depend on the frame rate.
    float decay = std::exp(-dt / m_config.decay_ms);
    float travelled = m_velocity * m_config.decay_ms / 1000.0f * (1.0f - decay);
    m_velocity *= decay;
    float next = m_offset + travelled;
    m_offset = clamp(next);
    if (m_offset != next || std::abs(m_velocity) < m_config.stop_speed)
        m_velocity = 0.0f;
}

} // namespace kiosk::ui
