// Touch and mouse into ImGui, event by event (PLATFORM-NOTES.md: ImGui 1.86's SDL backend polls and ignores fingers).
#pragma once

#include "content/clock.hpp"

#include <deque>
#include <functional>
#include <optional>
#include <vector>

union SDL_Event;
struct ImGuiIO;

namespace kiosk::platform {

// What a finger did while touch exploration is on (read aloud), in the content's coordinates.
struct Gesture {
    enum class Kind {
        Touch,     // A tap (once no second tap followed), or a finger held still: say what is there.
        Pass,      // A sliding finger over this point: say what is there if it is something new.
        DoubleTap, // Two taps: choose the last thing said.
        Hold,      // A finger held still for hold_time (the staff corner's long press).
    };
    Kind kind = Kind::Touch;
    float x = 0.0f, y = 0.0f;
};

class PointerInput {
public:
    // How long a tap may last, and the most time between the two taps of a double tap.
    static constexpr Millis tap_time {350};
    static constexpr Millis hold_time {3000};

    // Takes a mouse or finger event at uptime `now`; returns false for anything else. Touch-synthesized mouse events,
    // extra fingers and mouse moves with no button held are dropped: one finger counts once, and nothing hovers.
    bool handle(const SDL_Event& event, int window_width, int window_height, Millis now = Millis(0));
    // Turns a point on the display into a point of the content (a panel mounted turned); unset, points pass as they
    // are.
    void set_to_content(std::function<void(float& x, float& y)> map) { m_to_content = std::move(map); }

    // Applies queued input to `io` for one frame. At most one press or release per frame (the latch), so a tap
    // shorter than a frame still clicks; the rest waits for the next frame. After a release the pointer leaves
    // the screen, so the last thing touched does not stay lit for the next visitor.
    void apply(ImGuiIO& io);

    bool pending() const { return !m_queue.empty() || m_leave_next || m_explore.tap_pending || m_explore.fingers > 0; }

    // Touch exploration: while on, one finger's touches become gestures (take_gestures) and never reach the screens;
    // two fingers sliding scroll, as a mouse wheel under their middle does (so they never press anything), by
    // `wheel_step` pixels a wheel step. `slop`: how far in pixels a finger may wander and still tap. Turning it on
    // releases a press the screens had (it chooses nothing: the UI cleared it).
    void set_exploring(bool on, float slop, float wheel_step = 48.0f);
    // The gestures finished by `now` (a tap is known once no second tap can follow).
    std::vector<Gesture> take_gestures(Millis now);
    // A press and release at `x`, `y` (the content's coordinates), as a finger's: choosing what exploration or a
    // keypad's focus chose.
    void inject_tap(float x, float y);
    bool down() const { return m_down; }

    // Forgets every press (idle reset, a new screen of content).
    void reset();

private:
    // A finger's event while exploring (`finger` -1 for the mouse).
    // An event while exploring: whether it was a pointer's (taken), or nothing when it goes the ordinary way.
    std::optional<bool> handle_exploring(const SDL_Event& e, int window_width, int window_height, Millis now);
    enum class Phase { Down, Move, Up };
    void explore(Phase phase, long long finger, float x, float y, Millis now);
    void explore_one(Phase phase, float x, float y, Millis now);
    void explore_scroll(float x, float y);

    std::function<void(float& x, float& y)> m_to_content;
    struct Event {
        enum class Type { Down, Move, Up, Wheel, Pause } type; // Pause: nothing until the next frame.
        float x, y, wheel;
    };

    std::deque<Event> m_queue;
    bool m_down = false;        // As ImGui sees it.
    bool m_source_down = false; // As the device reports it.
    bool m_finger_active = false;
    long long m_finger = 0; // The one finger followed; others are ignored until it lifts.
    bool m_leave_next = false;
    float m_last_x = 0.0f, m_last_y = 0.0f; // Where the pointer was last, as ImGui sees it.

    struct Explore {
        bool on = false;
        float slop = 8.0f;
        int fingers = 0; // Down now: one explores, two scroll.
        long long ids[2] {};
        float fx[2] {}, fy[2] {};
        float start_x = 0, start_y = 0; // Where the exploring finger (or the two fingers' middle) went down.
        Millis down_at {0};
        bool moved = false;     // Past the slop: a drag.
        bool second = false;    // Went down within tap_time of a tap: may be a double tap.
        bool held_said = false; // Held still past tap_time: said already.
        bool hold_sent = false; // Held still past hold_time: Hold sent.
        bool scrolling = false; // Two fingers: their middle's slide goes to the screens as wheel steps.
        float wheel_step = 48.0f;
        float scroll_x = 0, scroll_y = 0; // The middle when its last slide was sent.
        bool tap_pending = false;         // A tap ended, waiting to see whether a second follows.
        float tap_x = 0, tap_y = 0;
        Millis tap_up_at {0};
        std::vector<Gesture> out;
    };
    Explore m_explore;
};

} // namespace kiosk::platform
