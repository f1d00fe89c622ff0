// Chips: the pills that open a link's QR view, or choose a filter.
#include "ui/widgets.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <imgui.h>

namespace kiosk::ui {

float chip_height(const Style& style)
{
    return std::max(style.metrics.touch(), style.fonts.bold->FontSize * 1.9f);
}

float chip_width(const std::string& label, Icon icon, float max_width, const Style& style)
{
    const Metrics& m = style.metrics;
    float icon_w = icon == Icon::None ? 0.0f : m.em(1.0f) + m.em(0.45f);
    float w = m.em(0.7f) * 2.0f + icon_w + text_width(style.fonts.bold, label);
    return std::min(std::max(w, style.metrics.touch() * 1.4f), max_width);
}

bool chip(const char* id, const std::string& label, Icon icon, bool selected, float max_width, const Style& style)
{
    const Theme& t = style.theme;
    const Metrics& m = style.metrics;
    Icon shown = selected ? Icon::Check : icon;
    // The same width chosen or not: a chip without an icon keeps room for the tick it shows when chosen, so chips do
    // not jump along the row when one is tapped.
    ImVec2 size(chip_width(label, icon == Icon::None ? Icon::Check : icon, max_width, style), chip_height(style));
    ImVec2 pos = ImGui::GetCursorScreenPos();
    Press press = press_area(id, size, label);
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    float rounding = size.y * 0.5f;
    Color fill = selected ? t.accent : press.held ? t.surface_pressed : t.surface;
    Color ink = selected ? t.accent_text : t.accent;
    fill_rounded(list, pos, max, fill, rounding);
    list->AddRect(pos, max, t.accent, rounding, 0, std::max(1.5f, style.line() * 1.3f));
    float x = pos.x + m.em(0.7f);
    float mid = pos.y + size.y * 0.5f;
    if (shown != Icon::None) {
        draw_icon(list, shown, ImVec2(x + m.em(0.5f), mid), m.em(0.9f), ink);
        x += m.em(1.0f) + m.em(0.45f);
    }
    ImFont* font = style.fonts.bold;
    float h = wrapped_height(font, FLT_MAX, label, 1);
    if (shown == Icon::None) // The tick's room shared either side: the words in the middle.
        x = std::max(x, std::floor(pos.x + (size.x - text_width(font, label)) * 0.5f));
    list->PushClipRect(pos, max, true);
    draw_wrapped(list, font, ImVec2(x, mid - h * 0.5f), max.x - m.em(0.6f) - x, ink, label, 1);
    list->PopClipRect();
    return press.clicked;
}

} // namespace kiosk::ui
