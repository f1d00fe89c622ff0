// Drag-to-scroll with momentum and elastic ends, as pure math with time as an input (LVGL's model), so tests can use
// a fake clock.
#pragma once

#include <algorithm>
#include <chrono>
#include <deque>

namespace kiosk::ui {

using Millis = std::chrono::milliseconds;

struct ScrollerConfig {
    float drag_threshold = 10.0f;     // Pixels of travel before a press becomes a scroll (about 2 mm on the panel).
    float decay_ms = 325.0f;          // Fling speed falls by e every this many ms.
    float stop_speed = 20.0f;         // Pixels per second below which a fling stops.
    float fling_stop_speed = 150.0f;  // A press during a fling faster than this only stops it, never clicks.
    float velocity_window_ms = 80.0f; // Release speed is measured over the last this many ms of movement.
    // Past an end the content moves by a rubber band: at first this fraction of the finger's travel, less and less
    // further out, never more than max_overscroll pixels (ScrollArea sets a fifth of the view's height).
    float overscroll_resistance = 0.55f;
    float max_overscroll = 120.0f;
    // Per second: the rate of the critically damped spring that pulls the content back to the end, after a release
    // past it or a fling into it. At 25 a full overscroll is back within about 350 ms, whatever the frame rate.
    float spring_rate = 25.0f;
};

class Scroller {
public:
    explicit Scroller(ScrollerConfig config = {})
        : m_config(config)
    { }

    // The furthest the content can scroll (content height minus view height, never below 0).
    void set_max_offset(float max_offset);
    void set_drag_threshold(float pixels) { m_config.drag_threshold = pixels; }
    void set_max_overscroll(float pixels) { m_config.max_overscroll = std::max(0.0f, pixels); }

    void press(float y, Millis now);
    void move(float y, Millis now);
    void release(Millis now);
    // Advances a fling or a spring back to `now`; call once a frame.
    void update(Millis now);
    // Glides by about `distance` pixels (positive: further down), slowing as a fling does.
    void glide(float distance, Millis now);
    // Forgets any press, fling and spring, and jumps to `offset` (clamped, no overscroll).
    void reset(float offset = 0.0f);

    // Where the content is: from 0 to max_offset(), and up to max_overscroll beyond either end while stretched.
    float offset() const { return m_offset; }
    float max_offset() const { return m_max_offset; }
    float velocity() const { return m_velocity; } // Offset pixels per second, during a fling or a spring back.
    bool pressed() const { return m_pressed; }
    // The current press has travelled past the threshold: it scrolls and must never click.
    bool dragging() const { return m_dragging; }
    // The current press landed on a moving fling: it stops the fling and must never click.
    bool press_stopped_fling() const { return m_stopped_fling; }
    bool flinging() const { return m_motion == Motion::Fling; }
    // Pulled back to an end after an overscroll; stops (exactly at the end) once settled.
    bool springing() const { return m_motion == Motion::Spring; }
    // True while the view changes without input, so the frame loop keeps drawing; false once all has settled.
    bool animating() const { return m_motion != Motion::None; }

private:
    struct Sample {
        float y;
        float t;
    };

    enum class Motion {
        None,
        Fling,
        Spring,
    };

    float clamp(float offset) const;
    // How far the content moves for a finger `travel` pixels past an end (the rubber band), and back again.
    float stretch(float travel) const;
    float unstretch(float distance) const;
    // The offset a finger's travel gives, with the rubber band past the ends; and back, from an offset to the travel.
    float banded(float travel) const;
    float unbanded(float offset) const;
    void advance_fling(float dt);
    void advance_spring(float dt);

    ScrollerConfig m_config;
    float m_offset = 0.0f;
    float m_max_offset = 0.0f;
    float m_velocity = 0.0f;
    Motion m_motion = Motion::None;
    float m_spring_end = 0.0f; // The end a spring pulls back to: 0 or m_max_offset.
    float m_last_update = 0.0f;
    bool m_pressed = false;
    bool m_dragging = false;
    bool m_stopped_fling = false;
    float m_press_y = 0.0f;
    float m_press_offset = 0.0f;
    std::deque<Sample> m_samples;
};

} // namespace kiosk::ui
