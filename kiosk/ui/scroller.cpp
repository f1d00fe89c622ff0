// Scroller: tap versus drag, drag-to-scroll with a rubber band past the ends, a fling that decays, and a spring
// that pulls the content back to the end it went past.
#include "ui/scroller.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {

float ms(Millis t)
{
    return static_cast<float>(t.count());
}

// A spring this close to its end, this slowly, has settled: it stops there exactly (pixels, pixels per second).
constexpr float settle_distance = 0.5f;
constexpr float settle_speed = 20.0f;

} // namespace

float Scroller::clamp(float offset) const
{
    return std::clamp(offset, 0.0f, m_max_offset);
}

// iOS's rubber band: L * (1 - 1 / (c * x / L + 1)). It moves by c per pixel at first, and never reaches L.
float Scroller::stretch(float travel) const
{
    float limit = m_config.max_overscroll;
    if (limit <= 0.0f || travel <= 0.0f)
        return 0.0f;
    return limit * (1.0f - 1.0f / (m_config.overscroll_resistance * travel / limit + 1.0f));
}

float Scroller::unstretch(float distance) const
{
    float limit = m_config.max_overscroll;
    if (limit <= 0.0f || distance <= 0.0f)
        return 0.0f;
    distance = std::min(distance, limit * 0.999f);
    return limit / m_config.overscroll_resistance * distance / (limit - distance);
}

float Scroller::banded(float travel) const
{
    if (travel < 0.0f)
        return -stretch(-travel);
    if (travel > m_max_offset)
        return m_max_offset + stretch(travel - m_max_offset);
    return travel;
}

float Scroller::unbanded(float offset) const
{
    if (offset < 0.0f)
        return -unstretch(-offset);
    if (offset > m_max_offset)
        return m_max_offset + unstretch(offset - m_max_offset);
    return offset;
}

void Scroller::set_max_offset(float max_offset)
{
    m_max_offset = std::max(0.0f, max_offset);
    m_spring_end = clamp(m_spring_end);
    // At rest the content sits within the ends; moving, it may be past one, by the rubber band's limit at most.
    if (m_pressed || animating())
        m_offset = std::clamp(m_offset, -m_config.max_overscroll, m_max_offset + m_config.max_overscroll);
    else
        m_offset = clamp(m_offset);
}

void Scroller::reset(float offset)
{
    m_pressed = m_dragging = m_stopped_fling = false;
    m_velocity = 0.0f;
    m_motion = Motion::None;
    m_samples.clear();
    m_offset = clamp(offset);
}

void Scroller::press(float y, Millis now)
{
    update(now);
    m_stopped_fling = std::abs(m_velocity) > m_config.fling_stop_speed;
    m_velocity = 0.0f;
    m_motion = Motion::None;
    m_pressed = true;
    m_dragging = false;
    m_press_y = y;
    // A press on stretched content holds it where it is: the finger takes it on from there.
    m_press_offset = unbanded(m_offset);
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
        // The content follows the finger from where it was pressed, so it moves by exactly the dragged distance;
        // past an end, by the rubber band.
        m_offset = banded(m_press_offset + (m_press_y - y));
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
    m_motion = Motion::None;
    if (m_offset != clamp(m_offset)) {
        // Let go past an end: the content springs back from rest, whatever the finger was doing.
        m_spring_end = clamp(m_offset);
        m_motion = Motion::Spring;
    } else if (m_dragging && m_samples.size() >= 2) {
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
        if (m_velocity != 0.0f)
            m_motion = Motion::Fling;
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
    float speed
        = (std::abs(distance) + m_config.stop_speed * m_config.decay_ms / 1000.0f) / (m_config.decay_ms / 1000.0f);
    m_velocity = distance < 0.0f ? -speed : speed; // Negative: back up the list.
    m_motion = Motion::Fling;
}

void Scroller::update(Millis now)
{
    float t = ms(now);
    float dt = t - m_last_update;
    m_last_update = t;
    if (m_pressed || dt <= 0.0f)
        return;
    if (m_motion == Motion::Fling)
        advance_fling(dt);
    else if (m_motion == Motion::Spring)
        advance_spring(dt);
}

// Integrates the exponential decay exactly, so the distance does not depend on the frame rate. A fling that reaches
// an end within the step hands its speed at that moment to the spring, for the rest of the step.
void Scroller::advance_fling(float dt)
{
    float tau = m_config.decay_ms / 1000.0f; // Seconds.
    float decay = std::exp(-dt / m_config.decay_ms);
    float next = m_offset + m_velocity * tau * (1.0f - decay);
    if (next == clamp(next)) {
        m_offset = next;
        m_velocity *= decay;
        if (std::abs(m_velocity) < m_config.stop_speed) {
            m_velocity = 0.0f;
            m_motion = Motion::None;
        }
        return;
    }
    float end = next < 0.0f ? 0.0f : m_max_offset;
    // The part of the way to rest covered on reaching the end: 1 - e^(-t/tau), so the speed there is v * (1 - part).
    float part = std::clamp((end - m_offset) / (m_velocity * tau), 0.0f, 1.0f);
    float reached_after_ms = part < 1.0f ? -m_config.decay_ms * std::log(1.0f - part) : dt;
    m_offset = end;
    m_velocity *= 1.0f - part;
    m_spring_end = end;
    m_motion = Motion::Spring;
    advance_spring(std::max(0.0f, dt - reached_after_ms));
}

// A critically damped spring, solved exactly: x(t) = (x0 + (v0 + w x0) t) e^(-w t), so it never oscillates and
// lands at the same place whatever the frame rate.
void Scroller::advance_spring(float dt)
{
    float w = m_config.spring_rate;
    float t = dt / 1000.0f;
    float x0 = m_offset - m_spring_end;
    float v0 = m_velocity;
    float e = std::exp(-w * t);
    float x = (x0 + (v0 + w * x0) * t) * e;
    float v = (v0 - w * (v0 + w * x0) * t) * e;
    x = std::clamp(x, -m_config.max_overscroll, m_config.max_overscroll);
    bool crossed = (x0 > 0.0f && x < 0.0f) || (x0 < 0.0f && x > 0.0f);
    if (crossed || (std::abs(x) < settle_distance && std::abs(v) < settle_speed)) {
        m_offset = m_spring_end;
        m_velocity = 0.0f;
        m_motion = Motion::None;
        return;
    }
    m_offset = m_spring_end + x;
    m_velocity = v;
}

} // namespace kiosk::ui
