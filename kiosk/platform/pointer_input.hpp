// Touch and mouse into ImGui, event by event (PLATFORM-NOTES.md: ImGui 1.86's SDL backend polls and ignores fingers).
#pragma once

#include <functional>

#include <deque>

union SDL_Event;
struct ImGuiIO;

namespace kiosk::platform {

class PointerInput {
public:
    // Takes a mouse or finger event; returns false for anything else. Touch-synthesized mouse events, extra
    // fingers and mouse moves with no button held are dropped: one finger counts once, and nothing hovers.
    bool handle(const SDL_Event& event, int window_width, int window_height);
    // Turns a point on the display into a point of the content (a panel mounted turned); unset, points pass as they
    // are.
    void set_to_content(std::function<void(float& x, float& y)> map) { m_to_content = std::move(map); }

    // Applies queued input to `io` for one frame. At most one press or release per frame (the latch), so a tap
    // shorter than a frame still clicks; the rest waits for the next frame. After a release the pointer leaves
    // the screen, so the last thing touched does not stay lit for the next visitor.
    void apply(ImGuiIO& io);

    bool pending() const { return !m_queue.empty() || m_leave_next; }
    bool down() const { return m_down; }

    // Forgets every press (idle reset, a new screen of content).
    void reset();

private:
    std::function<void(float& x, float& y)> m_to_content;
    struct Event {
        enum class Type { Down, Move, Up, Wheel } type;
        float x, y, wheel;
    };

    std::deque<Event> m_queue;
    bool m_down = false;        // As ImGui sees it.
    bool m_source_down = false; // As the device reports it.
    bool m_finger_active = false;
    long long m_finger = 0; // The one finger followed; others are ignored until it lifts.
    bool m_leave_next = false;
};

} // namespace kiosk::platform
