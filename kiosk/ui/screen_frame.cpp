// What every screen but home shares: the navigation bar, and the window they all draw in.
#include "ui/screen.hpp"

#include <algorithm>
#include <imgui_internal.h>
#include <tuple>

namespace kiosk::ui {

namespace {

// A language's name in that language ("Español"), from its strings file; the code when there is none.
std::string language_name(const ScreenContext& c, const std::string& language)
{
    if (c.strings.has_language(language))
        return c.strings.get("language_name", language);
    std::string code = language;
    for (char& ch : code)
        ch = char(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    return code;
}

// The languages offered: every other one when there are up to three, else the next one in the content's order.
std::vector<std::string> offered_languages(const ScreenContext& c)
{
    const std::vector<std::string>& all = c.content.info().languages;
    std::vector<std::string> others;
    for (const std::string& language : all) {
        if (language != c.language)
            others.push_back(language);
    }
    if (others.size() <= 3)
        return others;
    auto at = std::find(all.begin(), all.end(), c.language);
    std::size_t next = at == all.end() ? 0 : std::size_t(at - all.begin() + 1) % all.size();
    return {all[next]};
}

float toggle_width(const Style& style)
{
    return std::max(style.metrics.touch() * 1.2f, style.metrics.em(2.2f));
}

} // namespace

float care_buttons_width(const ScreenContext& c)
{
    const Style& style = c.style;
    float gap = style.metrics.em(0.4f);
    float w = 2.0f * (toggle_width(style) + gap);
    for (const std::string& language : offered_languages(c))
        w += header_button_width(language_name(c, language), style) + gap;
    return w - gap;
}

float draw_care_buttons(const ScreenContext& c, float right, float y, float h, std::optional<Intent>& intent)
{
    const Style& style = c.style;
    float gap = style.metrics.em(0.4f);
    float origin_x = ImGui::GetWindowPos().x;
    float x = right;
    auto place = [&](float w) {
        x -= w;
        ImGui::SetCursorPos(ImVec2(x - origin_x, y));
        float at = x;
        x -= gap;
        return at;
    };
    place(toggle_width(style));
    if (header_button("contrast", ImVec2(toggle_width(style), h), "", Icon::Contrast, style, false, c.contrast,
            c.word("high_contrast")))
        intent = Intent {Intent::Kind::Contrast, {}};
    place(toggle_width(style));
    if (header_button("text-size", ImVec2(toggle_width(style), h), "", Icon::TextSize, style, false, c.large_text,
            c.word("larger_text")))
        intent = Intent {Intent::Kind::LargeText, {}};
    std::vector<std::string> languages = offered_languages(c);
    for (auto language = languages.rbegin(); language != languages.rend(); ++language) {
        std::string name = language_name(c, *language);
        float w = header_button_width(name, style);
        place(w);
        ImGui::PushID(language->c_str());
        if (header_button("language", ImVec2(w, h), name, Icon::None, style))
            intent = Intent {Intent::Kind::Language, *language};
        ImGui::PopID();
    }
    return x + gap;
}

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
    // A line under the bar, so it stands apart where bar and page share a colour (high contrast).
    list->AddRectFilled(ImVec2(origin.x, origin.y + height - style.line()), ImVec2(origin.x + width, origin.y + height),
        style.theme.border);

    float pad = style.pad();
    float gap = m.em(0.4f);
    float button_h = height - m.em(0.6f);
    float y = (height - button_h) * 0.5f;
    std::string back = c.word("back");
    std::string home = c.word("home");
    std::string help = c.word("help");
    bool with_help = !urgent && c.content.info().urgent;
    // Words on Back, Home and Help while there is room for them and a title; on a narrow panel (or with large
    // text) their icons alone, which keeps every button where it always is.
    auto widths = [&](bool words) {
        float b = words ? header_button_width(back, style) : header_button_width("", style);
        float h = words ? header_button_width(home, style) : header_button_width("", style);
        float p = !with_help ? 0.0f : words ? header_button_width(help, style) : header_button_width("", style);
        return std::tuple(b, h, p);
    };
    float care_w = care_buttons_width(c);
    auto [back_w, home_w, help_w] = widths(true);
    bool words = pad * 2.0f + back_w + home_w + care_w + help_w + gap * 4.0f + m.em(8.0f) <= width;
    if (!words)
        std::tie(back_w, home_w, help_w) = widths(false);
    ImGui::SetCursorPos(ImVec2(pad, y));
    if (header_button("back", ImVec2(back_w, button_h), words ? back : "", Icon::Back, style, urgent, false, back))
        intent = Intent {Intent::Kind::Back, {}};
    ImGui::SetCursorPos(ImVec2(pad + back_w + gap, y));
    if (header_button("home", ImVec2(home_w, button_h), words ? home : "", Icon::Home, style, urgent, false, home))
        intent = Intent {Intent::Kind::Home, {}};

    // Help in an overdose is one tap away from every screen, at the right end, in the urgent tile's colours.
    float right = origin.x + width - pad;
    if (with_help) {
        ImGui::SetCursorPos(ImVec2(width - pad - help_w, y));
        if (header_button("help", ImVec2(help_w, button_h), words ? help : "", Icon::Help, style, true, false, help))
            intent = Intent {Intent::Kind::Open, "urgent"};
        right -= help_w + gap;
    }
    right = draw_care_buttons(c, right, y, button_h, intent) - m.em(0.8f);

    // The title: in the title font when it fits on the line, else a size smaller, else cut with an ellipsis; left out
    // when there is hardly room for a word.
    float title_x = origin.x + pad + back_w + gap + home_w + m.em(0.8f);
    float title_w = right - title_x;
    ImFont* font = style.fonts.title;
    if (wrapped_height(font, title_w, title) > font->FontSize * 1.5f)
        font = style.fonts.tile;
    bool shown = title_w >= m.em(5.0f);
    bool cut = !shown || wrapped_height(font, title_w, title) > font->FontSize * 1.5f;
    if (title_cut)
        *title_cut = cut;
    if (shown) {
        float h = wrapped_height(font, title_w, title, 1);
        draw_wrapped(list, font, ImVec2(title_x, origin.y + (height - h) * 0.5f), title_w,
            urgent ? style.theme.urgent_text : style.theme.header_text, title, 1);
    }
    return intent;
}

void draw_content_title(const ScreenContext& c, const std::string& title, float left, float width)
{
    ImGui::SetCursorPosX(left);
    float h = draw_wrapped(
        ImGui::GetWindowDrawList(), c.style.fonts.title, ImGui::GetCursorScreenPos(), width, c.style.theme.text, title);
    ImGui::Dummy(ImVec2(width, h + c.style.metrics.em(0.6f)));
}

void begin_screen(const char* id, const Style& style, ImVec2 shift)
{
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + shift.x, viewport->Pos.y + shift.y));
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
