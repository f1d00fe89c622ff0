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
    // `theme`, the area keeps a strip `gutter` wide at its right for the scroll cues, never over the content: a round
    // "more above" arrow at its top while there is more above, a round "more below" arrow at its foot while there is
    // more below (a tap on either glides the content on by most of the view), and between them a track showing where
    // the view is. The content is `size.x - gutter` wide.
    void begin(const char* id, ImVec2 size, Millis now, float drag_threshold, const Theme* theme = nullptr,
        float gutter = 0.0f);
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
    float m_gutter = 0.0f;
    // The arrows as last drawn (radius 0: not shown), and which one the finger is on (-1 up, 1 down, 0 none).
    ImVec2 m_up_center {}, m_down_center {};
    float m_up_radius = 0.0f, m_down_radius = 0.0f;
    int m_arrow_pressed = 0;
};

} // namespace kiosk::ui
