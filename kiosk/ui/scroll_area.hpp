// A region whose content scrolls under the finger with momentum and elastic ends; a press that turns into a drag
// never clicks.
#pragma once

#include "ui/scroller.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

namespace kiosk::ui {

class ScrollArea {
public:
    explicit ScrollArea(ScrollerConfig config = {})
        : m_scroller(config)
    { }

    // Begins a child region at the cursor. Submit the content, then call end(). `now` is the frame's uptime;
    // `drag_threshold` the travel in pixels (about 2 mm) past which a press scrolls instead of clicking. With a
    // `theme`, an edge with more content beyond it fades into the background, and a round arrow at the bottom says
    // there is more below, so a visitor knows to scroll.
    void begin(const char* id, ImVec2 size, Millis now, float drag_threshold, const Theme* theme = nullptr);
    void end();

    // Back to the top, with no press or fling left over (idle reset, a new screen).
    void reset() { m_scroller.reset(); }
    bool animating() const { return m_scroller.animating() || m_scroller.pressed(); }
    float offset() const { return m_scroller.offset(); }

private:
    void handle_input(Millis now);
    void draw_cues(float max_offset);

    Scroller m_scroller;
    ImGuiID m_id = 0;
    ImVec2 m_min {}, m_max {};
    const Theme* m_theme = nullptr;
    bool m_tracking = false;
    bool m_captured = false; // The area holds the pointer: nothing under the finger is hovered or clicked.
    float m_stretch = 0.0f;  // Pixels the content is pulled past an end this frame (positive: down, past the top).
    // The "more below" arrow as last drawn (radius 0: not shown), and whether the finger is on it.
    ImVec2 m_arrow_center {};
    float m_arrow_radius = 0.0f;
    bool m_arrow_pressed = false;
};

} // namespace kiosk::ui
