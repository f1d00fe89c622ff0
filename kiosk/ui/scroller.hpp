// Drag-to-scroll with momentum, as pure math with time as an input (LVGL's model), so tests can use a fake clock.
#pragma once

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
};

class Scroller {
public:
    explicit Scroller(ScrollerConfig config = {})
        : m_config(config)
    { }

    // The furthest the content can scroll (content height minus view height, never below 0).
    void set_max_offset(float max_offset);
    void set_drag_threshold(float pixels) { m_config.drag_threshold = pixels; }

    void press(float y, Millis now);
    void move(float y, Millis now);
    void release(Millis now);
    // Advances a fling to `now`; call once a frame.
    void update(Millis now);
    // Glides by about `distance` pixels (positive: further down), slowing as a fling does.
    void glide(float distance, Millis now);
    // Forgets any press and fling and jumps to `offset` (clamped).
    void reset(float offset = 0.0f);

    float offset() const { return m_offset; }
    float max_offset() const { return m_max_offset; }
    float velocity() const { return m_velocity; } // Offset pixels per second, during a fling.
    bool pressed() const { return m_pressed; }
    // The current press has travelled past the threshold: it scrolls and must never click.
    bool dragging() const { return m_dragging; }
    // The current press landed on a moving fling: it stops the fling and must never click.
    bool press_stopped_fling() const { return m_stopped_fling; }
    bool flinging() const { return m_velocity != 0.0f; }
    // True while the view changes without input, so the frame loop keeps drawing.
    bool animating() const { return flinging(); }

private:
    struct Sample {
        float y;
        float t;
    };

    float clamp(float offset) const;

    ScrollerConfig m_config;
    float m_offset = 0.0f;
    float m_max_offset = 0.0f;
    float m_velocity = 0.0f;
    float m_last_update = 0.0f;
    bool m_pressed = false;
    bool m_dragging = false;
    bool m_stopped_fling = false;
    float m_press_y = 0.0f;
    float m_press_offset = 0.0f;
    std::deque<Sample> m_samples;
};

} // namespace kiosk::ui
