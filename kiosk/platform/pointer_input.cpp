// PointerInput: SDL mouse and finger events to ImGui's mouse, with the press latch and hover clearing.
#include "platform/pointer_input.hpp"

#include <SDL.h>
#include <cfloat>
#include <imgui.h>
#include <utility>

namespace kiosk::platform {

std::optional<bool> PointerInput::handle_exploring(const SDL_Event& e, int window_width, int window_height, Millis now)
{
    auto to_content = [this](float& x, float& y) {
        if (m_to_content)
            m_to_content(x, y);
    };
    float x = 0.0f, y = 0.0f;
    switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT)
            return true;
        x = float(e.button.x), y = float(e.button.y);
        to_content(x, y);
        explore(e.type == SDL_MOUSEBUTTONDOWN ? Phase::Down : Phase::Up, -1, x, y, now);
        return true;
    case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID)
            return true;
        x = float(e.motion.x), y = float(e.motion.y);
        to_content(x, y);
        explore(Phase::Move, -1, x, y, now);
        return true;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        x = e.tfinger.x * float(window_width), y = e.tfinger.y * float(window_height);
        to_content(x, y);
        explore(e.type == SDL_FINGERDOWN ? Phase::Down
                : e.type == SDL_FINGERUP ? Phase::Up
                                         : Phase::Move,
            e.tfinger.fingerId, x, y, now);
        return true;
    case SDL_MOUSEWHEEL:
        return std::nullopt; // A wheel scrolls as ever.
    default:
        return false;
    }
}

bool PointerInput::handle(const SDL_Event& e, int window_width, int window_height, Millis now)
{
    auto push = [this](Event::Type type, float x, float y, float wheel = 0.0f) {
        if (m_to_content)
            m_to_content(x, y);
        m_queue.push_back({type, x, y, wheel});
    };
    if (m_explore.on) {
        if (std::optional<bool> taken = handle_exploring(e, window_width, window_height, now))
            return *taken;
    }
    switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT || m_finger_active)
            return true;
        if ((e.type == SDL_MOUSEBUTTONDOWN) == m_source_down)
            return true;
        m_source_down = e.type == SDL_MOUSEBUTTONDOWN;
        push(m_source_down ? Event::Type::Down : Event::Type::Up, float(e.button.x), float(e.button.y));
        return true;
    case SDL_MOUSEMOTION:
        if (e.motion.which != SDL_TOUCH_MOUSEID && m_source_down && !m_finger_active)
            push(Event::Type::Move, float(e.motion.x), float(e.motion.y));
        return true;
    case SDL_MOUSEWHEEL:
        if (e.wheel.which != SDL_TOUCH_MOUSEID && !m_source_down) {
            push(Event::Type::Wheel, float(e.wheel.mouseX), float(e.wheel.mouseY), e.wheel.preciseY);
        }
        return true;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        float x = e.tfinger.x * float(window_width);
        float y = e.tfinger.y * float(window_height);
        if (e.type == SDL_FINGERDOWN) {
            if (m_finger_active || m_source_down)
                return true;
            m_finger_active = m_source_down = true;
            m_finger = e.tfinger.fingerId;
            push(Event::Type::Down, x, y);
        } else if (m_finger_active && e.tfinger.fingerId == m_finger) {
            if (e.type == SDL_FINGERMOTION) {
                push(Event::Type::Move, x, y);
            } else {
                m_finger_active = m_source_down = false;
                push(Event::Type::Up, x, y);
            }
        }
        return true;
    }
    default:
        return false;
    }
}

void PointerInput::apply(ImGuiIO& io)
{
    io.MouseWheel = 0.0f;
    if (m_leave_next) {
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        m_leave_next = false;
    }
    io.MouseDown[0] = m_down;
    bool changed = false;
    while (!m_queue.empty()) {
        const Event& e = m_queue.front();
        if (e.type == Event::Type::Pause) {
            m_queue.pop_front();
            break;
        }
        if (e.type == Event::Type::Down || e.type == Event::Type::Up) {
            if (changed)
                break; // The latch: the next press or release waits for the next frame.
            changed = true;
            m_down = e.type == Event::Type::Down;
            io.MouseDown[0] = m_down;
            if (!m_down)
                m_leave_next = true;
            if (m_down) { // The press alone in its frame, where the finger went down: a slide after it comes next.
                io.MousePos = ImVec2(e.x, e.y);
                m_last_x = e.x, m_last_y = e.y;
                m_queue.pop_front();
                break;
            }
        } else if (e.type == Event::Type::Wheel) {
            io.MouseWheel += e.wheel;
            m_leave_next = true;
        }
        io.MousePos = ImVec2(e.x, e.y);
        m_last_x = e.x, m_last_y = e.y;
        m_queue.pop_front();
    }
}

void PointerInput::reset()
{
    m_queue.clear();
    m_down = m_source_down = m_finger_active = false;
    m_leave_next = true;
    bool on = m_explore.on;
    float slop = m_explore.slop;
    m_explore = Explore {};
    m_explore.on = on;
    m_explore.slop = slop;
}

void PointerInput::set_exploring(bool on, float slop, float wheel_step)
{
    m_explore.slop = slop;
    m_explore.wheel_step = wheel_step;
    if (on == m_explore.on)
        return;
    m_explore = Explore {};
    m_explore.on = on;
    m_explore.slop = slop;
    m_explore.wheel_step = wheel_step;
    if (on && (m_source_down || m_down)) {
        // The finger that turned exploration on (the 3-second hold) lifts, as far as the screens know: the UI cleared
        // its press, so the release chooses nothing. Its own lifting later is a finger exploration never saw go down.
        m_queue.push_back({Event::Type::Up, m_last_x, m_last_y, 0.0f});
        m_source_down = m_finger_active = false;
    }
}

void PointerInput::inject_tap(float x, float y)
{
    // A frame first: ImGui finds the window under the pointer from the frame before, and the choice has just taken
    // away the big Stop that may have been over the control.
    m_queue.push_back({Event::Type::Pause, x, y, 0.0f});
    m_queue.push_back({Event::Type::Down, x, y, 0.0f});
    m_queue.push_back({Event::Type::Up, x, y, 0.0f});
}

std::vector<Gesture> PointerInput::take_gestures(Millis now)
{
    Explore& e = m_explore;
    if (e.tap_pending && now - e.tap_up_at >= tap_time) {
        e.tap_pending = false;
        e.out.push_back({Gesture::Kind::Touch, e.tap_x, e.tap_y});
    }
    // A finger held still says what is under it without waiting for it to lift.
    if (e.fingers == 1 && !e.scrolling && !e.moved && !e.second && !e.held_said && now - e.down_at >= tap_time) {
        e.held_said = true;
        e.out.push_back({Gesture::Kind::Touch, e.start_x, e.start_y});
    }
    if (e.fingers == 1 && !e.scrolling && !e.moved && !e.second && !e.hold_sent && now - e.down_at >= hold_time) {
        e.hold_sent = true;
        e.out.push_back({Gesture::Kind::Hold, e.start_x, e.start_y});
    }
    return std::exchange(e.out, {});
}

void PointerInput::explore(Phase phase, long long finger, float x, float y, Millis now)
{
    Explore& e = m_explore;
    int index = -1;
    for (int i = 0; i < e.fingers; ++i) {
        if (e.ids[i] == finger)
            index = i;
    }
    if (phase == Phase::Down) {
        if (index >= 0 || e.fingers == 2)
            return; // A third finger is ignored.
        e.ids[e.fingers] = finger;
        e.fx[e.fingers] = x, e.fy[e.fingers] = y;
        ++e.fingers;
        if (e.fingers == 1) {
            explore_one(phase, x, y, now);
        } else { // A second finger: the two scroll; the first one's touch is no tap.
            e.scrolling = true;
            e.tap_pending = false;
            e.start_x = e.scroll_x = (e.fx[0] + e.fx[1]) * 0.5f;
            e.start_y = e.scroll_y = (e.fy[0] + e.fy[1]) * 0.5f;
        }
        return;
    }
    if (index < 0)
        return; // A finger that went down before exploration began.
    e.fx[index] = x, e.fy[index] = y;
    if (e.scrolling) {
        if (e.fingers == 2)
            explore_scroll((e.fx[0] + e.fx[1]) * 0.5f, (e.fy[0] + e.fy[1]) * 0.5f);
    } else {
        explore_one(phase, x, y, now);
    }
    if (phase == Phase::Up) {
        e.ids[index] = e.ids[e.fingers - 1];
        e.fx[index] = e.fx[e.fingers - 1], e.fy[index] = e.fy[e.fingers - 1];
        if (--e.fingers == 0)
            e.scrolling = false; // Until every finger is up, the one left does nothing.
    }
}

void PointerInput::explore_scroll(float x, float y)
{
    // The fingers' middle slides the screen under it as a mouse wheel would, once past the slop: nothing is pressed,
    // so two fingers resting on a button, or sliding across one, never choose it.
    Explore& e = m_explore;
    float dx = x - e.start_x, dy = y - e.start_y;
    if (dx * dx + dy * dy <= e.slop * e.slop)
        return;
    m_queue.push_back({Event::Type::Wheel, x, y, (y - e.scroll_y) / e.wheel_step});
    e.scroll_x = x, e.scroll_y = y;
}

void PointerInput::explore_one(Phase phase, float x, float y, Millis now)
{
    Explore& e = m_explore;
    switch (phase) {
    case Phase::Down:
        e.second = e.tap_pending && now - e.tap_up_at < tap_time;
        e.tap_pending = false;
        e.start_x = x, e.start_y = y;
        e.down_at = now;
        e.moved = e.held_said = e.hold_sent = false;
        break;
    case Phase::Move: {
        float dx = x - e.start_x, dy = y - e.start_y;
        if (!e.moved && dx * dx + dy * dy > e.slop * e.slop) {
            e.moved = true;
            e.out.push_back({Gesture::Kind::Pass, e.start_x, e.start_y}); // Where the slide began, first.
        }
        if (e.moved)
            e.out.push_back({Gesture::Kind::Pass, x, y});
        break;
    }
    case Phase::Up:
        if (e.moved || e.held_said || now - e.down_at >= tap_time)
            break; // A slide or a held finger said what it passed; lifting says nothing more.
        if (e.second) {
            e.out.push_back({Gesture::Kind::DoubleTap, x, y});
            break;
        }
        e.tap_pending = true;
        e.tap_x = e.start_x, e.tap_y = e.start_y;
        e.tap_up_at = now;
        break;
    }
}

} // namespace kiosk::platform
