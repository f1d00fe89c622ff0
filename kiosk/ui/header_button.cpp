// The header band's buttons, and the band's height and font that they and the screens lay out by.
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>

namespace kiosk::ui {

float Style::bar_row_height() const
{
    // A finger's button with a margin, and the clock's two lines (the time over the date), but never a sixth of the
    // screen: large text on a short panel shows the time alone.
    float clock = std::min(metrics.em(2.2f), float(metrics.height) * 0.17f);
    return std::ceil(std::max(metrics.touch() + metrics.em(0.5f), clock));
}

float Style::header_height() const
{
    return bar_row_height() * float(std::max(1, bar_rows));
}

float Style::bar_button_height() const
{
    float height = bar_row_height();
    return std::min(height, std::max(metrics.touch(), height - metrics.em(0.6f)));
}

ImFont* Style::bar_font() const
{
    return fonts.bold->FontSize <= bar_button_height() * 0.66f ? fonts.bold : fonts.small;
}

float header_button_width(const std::string& label, const Style& style, Icon icon)
{
    // As header_button lays it out: a margin each side, the icon and the space after it, the words.
    ImFont* font = style.bar_font();
    const Metrics& m = style.metrics;
    float label_w = label.empty() ? 0.0f : text_width(font, label);
    float icon_w = icon == Icon::None ? 0.0f : m.em(1.0f) + (label.empty() ? 0.0f : m.em(0.4f));
    return std::max(m.touch() * 1.2f, std::ceil(label_w + icon_w + m.em(1.2f)));
}

bool header_button(const char* id, ImVec2 size, const std::string& label, Icon icon, const Style& style, bool urgent,
    bool on, const std::string& name)
{
    ImVec2 pos = ImGui::GetCursorScreenPos();
    Press press = press_area(id, size, label.empty() ? name : label);
    const Theme& theme = style.theme;
    const Metrics& m = style.metrics;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    Color fill = urgent ? theme.urgent : on ? theme.header_text : theme.header;
    Color pressed = urgent ? theme.urgent_pressed : theme.header_pressed;
    Color ink = urgent ? theme.urgent_text : on ? theme.header : theme.header_text;
    fill_rounded(list, pos, max, press.held ? pressed : fill, style.radius());
    list->AddRect(pos, max, ink, style.radius(), 0, style.line());
    // An icon alone stays inside its button: a narrow one (large text on a panel turned upright) draws it smaller.
    float most = label.empty() ? size.x * 0.6f : size.y;
    float icon_size = icon == Icon::None ? 0.0f : std::min({m.em(1.0f), size.y * 0.62f, most});
    ImFont* font = style.bar_font();
    float label_width = label.empty() ? 0.0f : text_width(font, label);
    float gap = label.empty() || icon == Icon::None ? 0.0f : m.em(0.4f);
    float content = icon_size + gap + label_width;
    float x = pos.x + std::max(m.em(0.5f), (size.x - content) * 0.5f);
    draw_icon(list, icon, ImVec2(x + icon_size * 0.5f, pos.y + size.y * 0.5f), icon_size, ink);
    if (!label.empty()) {
        list->PushClipRect(pos, max, true);
        draw_text(list, font, ImVec2(x + icon_size + gap, pos.y + (size.y - font->FontSize) * 0.5f), ink, label);
        list->PopClipRect();
    }
    if (on) {
        // A tick in a round badge at the top right corner: "this is on", whatever the colours.
        float r = std::max(m.em(0.38f), 7.0f);
        ImVec2 c(max.x - r * 0.75f, pos.y + r * 0.75f);
        list->AddCircleFilled(c, r, theme.accent, 20);
        list->AddCircle(c, r, theme.header, 20, std::max(1.0f, r * 0.15f));
        draw_icon(list, Icon::Check, c, r * 1.2f, theme.accent_text);
    }
    return press.clicked;
}

} // namespace kiosk::ui
