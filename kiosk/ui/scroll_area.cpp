// ScrollArea: ImGui glue for the Scroller. The area takes ImGui's active item when a press becomes a drag, so the
// item first pressed is not clicked on release and nothing else lights up under the moving finger (ImGui #3379).
#include "ui/scroll_area.hpp"

#include "ui/controls.hpp"

#include <algorithm>
#include <imgui_internal.h>

namespace kiosk::ui {

void ScrollArea::begin(const char* id, ImVec2 size, Millis now, float drag_threshold, const Theme* theme, float gutter)
{
    m_theme = theme;
    m_gutter = theme ? std::clamp(gutter, 0.0f, size.x * 0.5f) : 0.0f;
    ImGuiWindow* parent = ImGui::GetCurrentWindow();
    m_id = parent->GetID(id);
    m_min = ImGui::GetCursorScreenPos();
    m_max = ImVec2(m_min.x + size.x, m_min.y + size.y);
    m_scroller.set_drag_threshold(drag_threshold);
    m_scroller.set_max_overscroll(size.y * 0.2f); // A rubber band of at most a fifth of the view.
    handle_input(now);
    // ImGui scrolls only between the ends; past one, the whole child moves instead, clipped to the area.
    float scroll = std::clamp(m_scroller.offset(), 0.0f, m_scroller.max_offset());
    m_stretch = scroll - m_scroller.offset();
    ImGui::SetNextWindowScroll(ImVec2(0.0f, scroll));
    if (m_stretch != 0.0f) {
        ImGui::PushClipRect(m_min, m_max, true);
        ImGui::SetNextWindowPos(ImVec2(m_min.x, m_min.y + m_stretch));
    }
    ImGui::BeginChild(id, ImVec2(size.x - m_gutter, size.y), false,
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
}

void ScrollArea::end()
{
    float max_offset = ImGui::GetScrollMaxY();
    m_scroller.set_max_offset(max_offset);
    ImGui::EndChild();
    if (m_stretch != 0.0f)
        ImGui::PopClipRect();
    if (m_theme)
        draw_cues(max_offset);
}

// Drawn in the parent, in the strip at the area's right that the content never reaches.
void ScrollArea::draw_cues(float max_offset)
{
    m_up_radius = m_down_radius = 0.0f;
    if (m_gutter <= 0.0f || max_offset < 0.5f)
        return;
    ImDrawList* list = ImGui::GetWindowDrawList();
    float x0 = m_max.x - m_gutter;
    float r = std::min(m_gutter * 0.45f, (m_max.y - m_min.y) * 0.2f);
    float cx = x0 + m_gutter * 0.5f;
    bool more_above = m_scroller.offset() > 0.5f;
    bool more_below = m_scroller.offset() < max_offset - 0.5f;

    // The track between the arrows, and where the view is on it.
    float top = m_min.y + r * 2.0f + r * 0.4f, bottom = m_max.y - r * 2.0f - r * 0.4f;
    if (bottom - top > r) {
        float track_w = std::max(2.0f, r * 0.12f);
        list->AddRectFilled(
            ImVec2(cx - track_w * 0.5f, top), ImVec2(cx + track_w * 0.5f, bottom), m_theme->border, track_w * 0.5f);
        float view = m_max.y - m_min.y;
        float length = bottom - top;
        float thumb = std::max(r, length * view / (view + max_offset));
        float at = std::clamp(m_scroller.offset() / max_offset, 0.0f, 1.0f) * (length - thumb);
        float thumb_w = std::max(track_w * 3.0f, r * 0.35f);
        list->AddRectFilled(ImVec2(cx - thumb_w * 0.5f, top + at), ImVec2(cx + thumb_w * 0.5f, top + at + thumb),
            m_theme->accent, thumb_w * 0.5f);
    }
    auto arrow = [&](ImVec2 c, bool up, const char* label) {
        list->AddCircleFilled(c, r, m_theme->accent, 32);
        list->AddCircle(c, r, m_theme->accent_text, 32, std::max(1.0f, r * 0.06f));
        // An item id of its own, so read aloud finds the cue it said again as the list moves under it.
        record_control(label, ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), ClipTo::Window, ImGui::GetID(label));
        float s = r * 0.45f, d = up ? -1.0f : 1.0f;
        ImVec2 points[] = {ImVec2(c.x - s, c.y - d * s * 0.35f), ImVec2(c.x, c.y + d * s * 0.55f),
            ImVec2(c.x + s, c.y - d * s * 0.35f)};
        list->AddPolyline(points, 3, m_theme->accent_text, 0, std::max(2.0f, r * 0.18f));
    };
    if (more_above) {
        m_up_center = ImVec2(cx, m_min.y + r * 1.1f);
        m_up_radius = r;
        arrow(m_up_center, true, "more above");
    }
    if (more_below) {
        m_down_center = ImVec2(cx, m_max.y - r * 1.1f);
        m_down_radius = r;
        arrow(m_down_center, false, "more below");
    }
}

void ScrollArea::handle_input(Millis now)
{
    ImGuiIO& io = ImGui::GetIO();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImVec2 pos = io.MousePos;
    bool inside = pos.x >= m_min.x && pos.x < m_max.x && pos.y >= m_min.y && pos.y < m_max.y;

    // A tap on an arrow glides the list on by most of a screen; anywhere in the strip, the nearer arrow counts.
    auto on = [&](ImVec2 c, float r) {
        float dx = pos.x - c.x, dy = pos.y - c.y;
        return r > 0.0f && dx * dx + dy * dy <= (r * 1.4f) * (r * 1.4f);
    };
    int arrow = on(m_up_center, m_up_radius) ? -1 : on(m_down_center, m_down_radius) ? 1 : 0;
    if (io.MouseClicked[0] && inside && arrow != 0) {
        m_arrow_pressed = arrow;
        ImGui::SetActiveID(m_id, window);
    } else if (m_arrow_pressed != 0) {
        if (!io.MouseDown[0]) {
            float distance = (m_max.y - m_min.y) * 0.7f * float(m_arrow_pressed);
            m_arrow_pressed = 0;
            if (g.ActiveId == m_id)
                ImGui::ClearActiveID();
            m_scroller.glide(distance, now);
        } else {
            ImGui::KeepAliveID(m_id);
        }
    } else if (io.MouseClicked[0] && inside) {
        m_tracking = true;
        m_scroller.press(pos.y, now);
        if (m_scroller.press_stopped_fling()) {
            ImGui::SetActiveID(m_id, window); // A tap on a moving list only stops it.
            m_captured = true;
        }
    } else if (m_tracking && io.MouseDown[0]) {
        m_scroller.move(pos.y, now);
        if (m_scroller.dragging() && !m_captured) {
            ImGui::SetActiveID(m_id, window);
            m_captured = true;
        }
    }
    if (m_tracking && !io.MouseDown[0]) {
        m_scroller.release(now);
        m_tracking = false;
        if (m_captured && g.ActiveId == m_id)
            ImGui::ClearActiveID();
        m_captured = false;
    }
    if (m_captured)
        ImGui::KeepAliveID(m_id);
    if (inside && io.MouseWheel != 0.0f && !m_tracking)
        m_scroller.reset(m_scroller.offset() - io.MouseWheel * 3.0f * ImGui::GetFontSize());
    m_scroller.update(now);
}

} // namespace kiosk::ui
