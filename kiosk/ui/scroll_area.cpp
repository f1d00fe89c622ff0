// ScrollArea: ImGui glue for the Scroller. The area takes ImGui's active item when a press becomes a drag, so the
// item first pressed is not clicked on release and nothing else lights up under the moving finger (ImGui #3379).
#include "ui/scroll_area.hpp"

#include <algorithm>
#include <imgui_internal.h>

namespace kiosk::ui {

void ScrollArea::begin(const char* id, ImVec2 size, Millis now, float drag_threshold, ImU32 edge_color)
{
    m_edge_color = edge_color;
    ImGuiWindow* parent = ImGui::GetCurrentWindow();
    m_id = parent->GetID(id);
    m_min = ImGui::GetCursorScreenPos();
    m_max = ImVec2(m_min.x + size.x, m_min.y + size.y);
    m_scroller.set_drag_threshold(drag_threshold);
    handle_input(now);
    ImGui::SetNextWindowScroll(ImVec2(0.0f, m_scroller.offset()));
    ImGui::BeginChild(
        id, size, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
}

void ScrollArea::end()
{
    float max_offset = ImGui::GetScrollMaxY();
    m_scroller.set_max_offset(max_offset);
    ImGui::EndChild();
    if (m_edge_color == 0)
        return;
    // The fades: a band of the background colour, opaque at the edge, clear inwards.
    ImDrawList* list = ImGui::GetWindowDrawList();
    float band = std::min(ImGui::GetFontSize() * 1.4f, (m_max.y - m_min.y) * 0.15f);
    ImU32 solid = m_edge_color | IM_COL32_A_MASK;
    ImU32 clear = m_edge_color & ~IM_COL32_A_MASK;
    if (m_scroller.offset() < max_offset - 0.5f)
        list->AddRectFilledMultiColor(ImVec2(m_min.x, m_max.y - band), m_max, clear, clear, solid, solid);
    if (m_scroller.offset() > 0.5f)
        list->AddRectFilledMultiColor(m_min, ImVec2(m_max.x, m_min.y + band), solid, solid, clear, clear);
}

void ScrollArea::handle_input(Millis now)
{
    ImGuiIO& io = ImGui::GetIO();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImVec2 pos = io.MousePos;
    bool inside = pos.x >= m_min.x && pos.x < m_max.x && pos.y >= m_min.y && pos.y < m_max.y;

    if (io.MouseClicked[0] && inside) {
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
