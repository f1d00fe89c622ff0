// What every screen but home shares: the navigation bar, and the window they all draw in.
#include "ui/screen.hpp"

#include <algorithm>
#include <imgui_internal.h>

namespace kiosk::ui {

std::optional<Intent> draw_navigation_bar(
    const ScreenContext& c, const std::string& title, bool urgent, bool* title_cut)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::optional<Intent> intent;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = style.header_height();
    list->AddRectFilled(
        origin, ImVec2(origin.x + width, origin.y + height), urgent ? style.theme.urgent : style.theme.header);

    float pad = style.pad();
    float button_h = height - m.em(0.6f);
    float y = (height - button_h) * 0.5f;
    std::string back = c.strings.get("back", c.language);
    std::string home = c.strings.get("home", c.language);
    float back_w = header_button_width(back, style);
    float home_w = header_button_width(home, style);
    ImGui::SetCursorPos(ImVec2(pad, y));
    if (header_button("back", ImVec2(back_w, button_h), back, Icon::Back, style, urgent))
        intent = Intent {Intent::Kind::Back, {}};
    ImGui::SetCursorPos(ImVec2(pad + back_w + m.em(0.5f), y));
    if (header_button("home", ImVec2(home_w, button_h), home, Icon::Home, style, urgent))
        intent = Intent {Intent::Kind::Home, {}};

    // Help in an overdose is one tap away from every screen, at the right end, in the urgent tile's colours.
    float right = origin.x + width - pad;
    if (!urgent && c.content.info().urgent) {
        std::string help = c.word("help");
        float help_w = header_button_width(help, style);
        ImGui::SetCursorPos(ImVec2(width - pad - help_w, y));
        if (header_button("help", ImVec2(help_w, button_h), help, Icon::Help, style, true))
            intent = Intent {Intent::Kind::Open, "urgent"};
        right -= help_w + m.em(1.0f);
    }

    // The title: in the title font when it fits on the line, else a size smaller, else cut with an ellipsis.
    float title_x = origin.x + pad + back_w + m.em(0.5f) + home_w + m.em(1.0f);
    float title_w = right - title_x;
    ImFont* font = style.fonts.title;
    if (wrapped_height(font, title_w, title) > font->FontSize * 1.5f)
        font = style.fonts.tile;
    bool cut = wrapped_height(font, title_w, title) > font->FontSize * 1.5f;
    if (title_cut)
        *title_cut = cut;
    if (title_w > m.em(3.0f)) {
        float h = wrapped_height(font, title_w, title, 1);
        draw_wrapped(list, font, ImVec2(title_x, origin.y + (height - h) * 0.5f), title_w,
            urgent ? style.theme.urgent_text : style.theme.header_text, title, 1);
    }
    return intent;
}

void begin_screen(const char* id, const Style& style)
{
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
    // No window fill: the renderer clears to the background colour already, and a second full-screen fill costs a
    // software renderer about 1.5 ms a frame.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, 0u);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, 0u);
    ImGui::Begin(id, nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings
            | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushFont(style.fonts.body);
}

void end_screen()
{
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(4);
}

} // namespace kiosk::ui
