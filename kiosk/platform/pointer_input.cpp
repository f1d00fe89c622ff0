// PointerInput: SDL mouse and finger events to ImGui's mouse, with the press latch and hover clearing.
#include "platform/pointer_input.hpp"

#include <SDL.h>
#include <cfloat>
#include <imgui.h>

namespace kiosk::platform {

bool PointerInput::handle(const SDL_Event& e, int window_width, int window_height)
{
    auto push = [this](Event::Type type, float x, float y, float wheel = 0.0f) {
        if (m_to_content)
            m_to_content(x, y);
        m_queue.push_back({type, x, y, wheel});
    };
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
        if (e.type == Event::Type::Down || e.type == Event::Type::Up) {
            if (changed)
                break; // The latch: the next press or release waits for the next frame.
            changed = true;
            m_down = e.type == Event::Type::Down;
            io.MouseDown[0] = m_down;
            if (!m_down)
                m_leave_next = true;
        } else if (e.type == Event::Type::Wheel) {
            io.MouseWheel += e.wheel;
            m_leave_next = true;
        }
        io.MousePos = ImVec2(e.x, e.y);
        m_queue.pop_front();
    }
}

void PointerInput::reset()
{
    m_queue.clear();
    m_down = m_source_down = m_finger_active = false;
    m_leave_next = true;
}

} // namespace kiosk::platform
