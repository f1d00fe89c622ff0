// ScrollArea: ImGui glue for the Scroller. The area takes ImGui's active item when a press becomes a drag, so the
// item first pressed is not clicked on release and nothing else lights up under the moving finger (ImGui #3379).
#include "ui/scroll_area.hpp"

#include "ui/controls.hpp"

#include <algorithm>
#include <imgui_internal.h>

namespace kiosk::ui {

void ScrollArea::begin(const char* id, ImVec2 size, Millis now, float drag_threshold, const Theme* theme)
{
    m_theme = theme;
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
    ImGui::BeginChild(
        id, size, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
}

void ScrollArea::end()
{
    float max_offset = ImGui::GetScrollMaxY();
    m_scroller.set_max_offset(max_offset);
    if (m_theme)
        draw_cues(max_offset);
    ImGui::EndChild();
    if (m_stretch != 0.0f)
        ImGui::PopClipRect();
}

// Drawn last into the area's own list, so they lie over its content (a parent's list is drawn under its children).
void ScrollArea::draw_cues(float max_offset)
{
    // The fades: a band of the background colour, opaque at the edge, clear inwards.
    ImDrawList* list = ImGui::GetWindowDrawList();
    float em = ImGui::GetFontSize();
    float band = std::min(em * 0.9f, (m_max.y - m_min.y) * 0.1f);
    ImU32 solid = m_theme->background | IM_COL32_A_MASK;
    ImU32 clear = m_theme->background & ~IM_COL32_A_MASK;
    bool more_below = m_scroller.offset() < max_offset - 0.5f;
    if (more_below)
        list->AddRectFilledMultiColor(ImVec2(m_min.x, m_max.y - band), m_max, clear, clear, solid, solid);
    if (m_scroller.offset() > 0.5f)
        list->AddRectFilledMultiColor(m_min, ImVec2(m_max.x, m_min.y + band), solid, solid, clear, clear);
    // The arrow shows only at the top of a list, where a visitor decides whether there is more; once they scroll,
    // they know.
    m_arrow_radius = 0.0f;
    if (more_below && m_scroller.offset() < 0.5f) {
        float r = em * 0.85f;
        ImVec2 c((m_min.x + m_max.x) * 0.5f, m_max.y - r - em * 0.35f);
        m_arrow_center = c;
        m_arrow_radius = r;
        list->AddCircleFilled(c, r, m_theme->accent, 32);
        record_control("more below", ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r));
        float s = r * 0.45f;
        ImVec2 points[]
            = {ImVec2(c.x - s, c.y - s * 0.35f), ImVec2(c.x, c.y + s * 0.55f), ImVec2(c.x + s, c.y - s * 0.35f)};
        list->AddPolyline(points, 3, m_theme->accent_text, 0, std::max(2.0f, r * 0.18f));
    }
}

void ScrollArea::handle_input(Millis now)
{
    ImGuiIO& io = ImGui::GetIO();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImVec2 pos = io.MousePos;
    bool inside = pos.x >= m_min.x && pos.x < m_max.x && pos.y >= m_min.y && pos.y < m_max.y;

    // A tap on the arrow glides the list on by most of a screen, and clicks nothing under the arrow.
    float dx = pos.x - m_arrow_center.x, dy = pos.y - m_arrow_center.y;
    bool on_arrow = m_arrow_radius > 0.0f && dx * dx + dy * dy <= (m_arrow_radius * 1.4f) * (m_arrow_radius * 1.4f);
    if (io.MouseClicked[0] && inside && on_arrow) {
        m_arrow_pressed = true;
        ImGui::SetActiveID(m_id, window);
    } else if (m_arrow_pressed) {
        if (!io.MouseDown[0]) {
            m_arrow_pressed = false;
            if (g.ActiveId == m_id)
                ImGui::ClearActiveID();
            m_scroller.glide((m_max.y - m_min.y) * 0.7f, now);
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
