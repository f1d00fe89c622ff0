// A region whose content scrolls under the finger with momentum; a press that turns into a drag never clicks.
#pragma once

#include "ui/scroller.hpp"

#include <imgui.h>

namespace kiosk::ui {

class ScrollArea {
public:
    explicit ScrollArea(ScrollerConfig config = {})
        : m_scroller(config)
    { }

    // Begins a child region at the cursor. Submit the content, then call end(). `now` is the frame's uptime;
    // `drag_threshold` the travel in pixels (about 2 mm) past which a press scrolls instead of clicking. When
    // `edge_color` (the background's) is given, an edge with more content beyond it fades into it, so a visitor
    // sees there is more to scroll to.
    void begin(const char* id, ImVec2 size, Millis now, float drag_threshold, ImU32 edge_color = 0);
    void end();

    // Back to the top, with no press or fling left over (idle reset, a new screen).
    void reset() { m_scroller.reset(); }
    bool animating() const { return m_scroller.animating() || m_scroller.pressed(); }
    float offset() const { return m_scroller.offset(); }

private:
    void handle_input(Millis now);

    Scroller m_scroller;
    ImGuiID m_id = 0;
    ImVec2 m_min {}, m_max {};
    ImU32 m_edge_color = 0;
    bool m_tracking = false;
    bool m_captured = false; // The area holds the pointer: nothing under the finger is hovered or clicked.
};

} // namespace kiosk::ui
