// Home's Listen button: a loudspeaker and each language's word, a press area for each.
#include "ui/listen_button.hpp"

#include "ui/controls.hpp"
#include "ui/widgets.hpp"
#include "ui/wrapped_text.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

namespace kiosk::ui {

namespace {

const char* const dot = " \u00b7 ";

float inset(const Style& style)
{
    return style.metrics.em(0.4f);
}

float icon_size(const ImFont* font)
{
    return font->FontSize * 1.1f;
}

std::string joined(const std::vector<std::string>& words)
{
    std::string line;
    for (const std::string& word : words)
        line += (line.empty() ? "" : dot) + word;
    return line;
}

} // namespace

ListenButton listen_button(const ScreenContext& c, ImVec2 size)
{
    ListenButton button;
    if (!c.read_aloud_offered)
        return button;
    for (const std::string& language : c.content.info().languages) {
        if (c.strings.has_language(language)) {
            button.words.push_back(c.strings.get("read_aloud_button", language));
            button.languages.push_back(language);
        }
    }
    if (button.words.empty())
        return button;
    auto n = float(button.words.size());
    float pad = inset(c.style);
    for (ImFont* font : {c.style.fonts.bold, c.style.fonts.small}) {
        float room = size.x - 3.0f * pad - icon_size(font); // The insets and the loudspeaker.
        bool stack = std::all_of(button.words.begin(), button.words.end(),
                         [&](const std::string& word) { return text_width(font, word) <= room; })
            && n * font->FontSize * 1.15f + pad <= size.y && size.y / n >= c.style.metrics.touch();
        bool line = text_width(font, joined(button.words)) <= room && font->FontSize * 1.15f + pad <= size.y;
        if (stack || line) {
            button.stacked = stack && n > 1.0f && !line; // One line reads as one button: it wins where it fits.
            button.font = font;
            return button;
        }
    }
    return button;
}

std::optional<std::string> draw_listen_button(const ScreenContext& c, const ListenButton& button, ImVec2 size)
{
    const Style& style = c.style;
    const Theme& t = style.theme;
    const Metrics& m = style.metrics;
    ImFont* font = button.font;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    float pad = inset(style);
    float icon = icon_size(font);
    float text_x = pos.x + 2.0f * pad + icon;

    // A press area for each language: a band a line when stacked, else the stretch of the line its word is on (to
    // the middle of the dots between).
    std::optional<std::string> chosen;
    bool held = false;
    std::size_t n = button.words.size();
    float dot_w = text_width(font, dot);
    float x = text_x;
    for (std::size_t i = 0; i < n; ++i) {
        ImVec2 a = pos, b = max;
        if (button.stacked) {
            a.y = pos.y + std::floor(size.y * float(i) / float(n));
            b.y = pos.y + std::floor(size.y * float(i + 1) / float(n));
        } else {
            float word_end = x + text_width(font, button.words[i]);
            a.x = i == 0 ? pos.x : x - dot_w * 0.5f;
            b.x = i + 1 == n ? max.x : word_end + dot_w * 0.5f;
            x = word_end + dot_w;
        }
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(int(i));
        Press press = press_area("listen", ImVec2(b.x - a.x, b.y - a.y), button.words[i]);
        set_language(ImGui::GetItemID(), button.languages[i]);
        if (c.read_aloud_on)
            set_said(ImGui::GetItemID(), c.word("read_aloud_toggle_said"));
        ImGui::PopID();
        held = held || press.held;
        if (press.clicked)
            chosen = button.languages[i];
    }

    // Unlike a section's tile: the screen's own colour inside an accent edge; filled with the accent while it is on.
    ImDrawList* list = ImGui::GetWindowDrawList();
    Color fill = held ? t.surface_pressed : c.read_aloud_on ? t.accent : t.background;
    Color ink = c.read_aloud_on && !held ? t.accent_text : t.text;
    fill_rounded(list, pos, max, fill, style.radius());
    list->AddRect(pos, max, t.accent, style.radius(), 0, style.line() * 2.0f);
    draw_icon(list, Icon::Speaker, ImVec2(pos.x + pad + icon * 0.5f, pos.y + size.y * 0.5f), icon,
        c.read_aloud_on && !held ? t.accent_text : t.accent);
    std::vector<std::string> lines = button.stacked ? button.words : std::vector<std::string> {joined(button.words)};
    float lines_h = float(lines.size()) * font->FontSize * 1.15f;
    float y = pos.y + std::floor((size.y - lines_h) * 0.5f + font->FontSize * 0.075f);
    TextScope scope(TextKind::Label);
    for (const std::string& line : lines) {
        draw_wrapped(list, font, ImVec2(text_x, y), max.x - pad - text_x, ink, line, 1);
        y += font->FontSize * 1.15f;
    }
    if (c.read_aloud_on) { // A tick at the top right corner, as the bar's control has: "this is on".
        float r = std::max(m.em(0.38f), 7.0f);
        ImVec2 at(max.x - r * 1.2f, pos.y + r * 1.2f);
        list->AddCircleFilled(at, r, t.accent_text, 20);
        draw_icon(list, Icon::Check, at, r * 1.2f, t.accent);
    }
    ImGui::SetCursorScreenPos(ImVec2(pos.x, max.y)); // As one item `size` large would leave the layout.
    return chosen;
}

} // namespace kiosk::ui
