// Widgets' primitives: a pressable area at the cursor, and rounded rectangles filled cheaply.
#include "ui/widgets.hpp"

#include "ui/controls.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

namespace kiosk::ui {

void fill_rounded(ImDrawList* list, ImVec2 a, ImVec2 b, Color color, float radius)
{
    // Whole pixels: the pieces then meet exactly, with no seam of background between them.
    a = ImVec2(std::round(a.x), std::round(a.y));
    b = ImVec2(std::round(b.x), std::round(b.y));
    float r = std::floor(std::min({radius, (b.x - a.x) * 0.5f, (b.y - a.y) * 0.5f}));
    if (r < 1.0f) {
        list->AddRectFilled(a, b, color);
        return;
    }
    const float pi = 3.14159265f;
    struct Corner {
        ImVec2 center;
        float from;
    };
    const Corner corners[] = {{ImVec2(a.x + r, a.y + r), pi}, {ImVec2(b.x - r, a.y + r), pi * 1.5f},
        {ImVec2(b.x - r, b.y - r), 0.0f}, {ImVec2(a.x + r, b.y - r), pi * 0.5f}};
    for (const Corner& corner : corners) {
        list->PathLineTo(corner.center);
        list->PathArcTo(corner.center, r, corner.from, corner.from + pi * 0.5f);
        list->PathFillConvex(color);
    }
    // The rectangles last, a pixel into the corner fans: the fans' smoothed straight edges would otherwise leave a
    // faint line of background along them.
    list->AddRectFilled(ImVec2(a.x, a.y + r - 1.0f), ImVec2(b.x, b.y - r + 1.0f), color);
    list->AddRectFilled(ImVec2(a.x + r - 1.0f, a.y), ImVec2(b.x - r + 1.0f, a.y + r), color);
    list->AddRectFilled(ImVec2(a.x + r - 1.0f, b.y - r), ImVec2(b.x - r + 1.0f, b.y), color);
}

Press press_area(const char* id, ImVec2 size, const std::string& label)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImGuiID item = window->GetID(id);
    ImVec2 pos = window->DC.CursorPos;
    ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::ItemSize(size);
    Press press;
    if (!ImGui::ItemAdd(bb, item))
        return press;
    record_control(label, bb.Min, bb.Max, ClipTo::Window, item);
    bool hovered = false;
    press.clicked = ImGui::ButtonBehavior(bb, item, &hovered, &press.held);
    press.held = press.held && hovered;
    return press;
}

} // namespace kiosk::ui
