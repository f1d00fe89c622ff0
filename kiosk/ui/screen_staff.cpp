// The staff screens: the PIN pad behind the long press, and the staff screen with what the kiosk shows and what staff
// can do about it. Plain words, big targets, and nothing a visitor could misuse.
#include "ui/screen.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

namespace kiosk::ui {

namespace {

// A bar with a title and one button at the right that leaves.
std::optional<Intent> draw_staff_bar(const ScreenContext& c, const std::string& title, const std::string& leave)
{
    const Style& style = c.style;
    std::optional<Intent> intent;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = style.header_height();
    list->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), style.theme.header);
    float button_h = style.bar_button_height();
    float w = header_button_width(leave, style, Icon::Back);
    ImGui::SetCursorPos(ImVec2(width - style.pad() - w, (height - button_h) * 0.5f));
    if (header_button("leave", ImVec2(w, button_h), leave, Icon::Back, style))
        intent = Intent {Intent::Kind::StaffClose, {}};
    float h = wrapped_height(style.fonts.title, width, title, 1);
    draw_wrapped(list, style.fonts.title, ImVec2(origin.x + style.pad(), origin.y + (height - h) * 0.5f),
        width - w - 3.0f * style.pad(), style.theme.header_text, title, 1);
    return intent;
}

} // namespace

std::optional<Intent> draw_pin_pad(const ScreenContext& c, std::string& digits, const Phrase& message)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::optional<Intent> intent = draw_staff_bar(c, c.word("staff_pin"), c.word("cancel"));
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();

    // Dots for the digits typed, then the message, then a 3x4 pad as large as fits.
    float top = style.header_height() + pad;
    float dot = m.em(0.5f);
    float dots_w = float(std::max<std::size_t>(digits.size(), 1)) * dot * 3.0f;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        ImVec2 center(origin.x + (width - dots_w) * 0.5f + dot * 1.5f + float(i) * dot * 3.0f, origin.y + top + dot);
        list->AddCircleFilled(center, dot, style.theme.text, 16);
    }
    top += dot * 2.0f + pad * 0.5f;
    std::string line = message.empty() ? c.word("staff_pin_hint") : c.format(message);
    float line_h = draw_wrapped(list, style.fonts.bold, ImVec2(origin.x + pad, origin.y + top), width - 2.0f * pad,
        message.empty() ? style.theme.text_muted : style.theme.urgent, line, 2);
    top += std::max(line_h, style.fonts.bold->FontSize) + pad;

    float gap = style.gap();
    // Keys as large as fit, but no larger than about 2 cm: a pad, not a wall.
    float key_h = std::max(m.touch(), std::min(m.mm(20.0f), std::floor((height - top - pad - 3.0f * gap) / 4.0f)));
    float key_w
        = std::floor(std::min(std::max(m.touch() * 1.6f, key_h * 2.4f), (width - 2.0f * pad - 2.0f * gap) / 3.0f));
    float left = std::floor((width - 3.0f * key_w - 2.0f * gap) * 0.5f);
    const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
    for (int i = 0; i < 12; ++i) {
        int row = i / 3, column = i % 3; // Three keys a row, like a phone's.
        ImGui::SetCursorPos(ImVec2(left + float(column) * (key_w + gap), top + float(row) * (key_h + gap)));
        std::string label = i == 9 ? c.word("clear") : i == 11 ? c.word("ok") : labels[i];
        ImGui::PushID(i);
        bool pressed = i == 11 ? action_button("key", ImVec2(key_w, key_h), label, style)
                               : key_button("key", ImVec2(key_w, key_h), label, style);
        ImGui::PopID();
        if (!pressed)
            continue;
        if (i == 9)
            digits.clear();
        else if (i == 11 && !digits.empty())
            intent = Intent {.kind = Intent::Kind::StaffPin, .pin = digits};
        else if (i != 11 && digits.size() < 12)
            digits += labels[i];
    }
    return intent;
}

// The staff screen. It is 81 lines and stays whole for now: issue 18 rebuilds it (buttons in fixed places, a confirm
// screen for stop, restart, apply and roll back), and it is split into those parts then.
std::optional<Intent> draw_staff(
    const ScreenContext& c, const StaffView& view, const Phrase& message, bool busy, ScrollArea& scroll)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::optional<Intent> intent = draw_staff_bar(c, c.word("staff_title"), c.word("staff_leave"));
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    ImGui::SetCursorPos(ImVec2(0.0f, style.header_height()));
    scroll.begin("staff", ImVec2(width, height - style.header_height()), c.frame.uptime, m.mm(2.0f), &style.theme,
        style.cue_gutter());
    width -= style.cue_gutter(); // The scroll cues' strip: the content stays left of it.
    ImDrawList* list = ImGui::GetWindowDrawList();
    float column = width - 2.0f * pad;
    auto text = [&](ImFont* font, Color color, const std::string& words, float after) {
        ImGui::SetCursorPosX(pad);
        float h = draw_wrapped(list, font, ImGui::GetCursorScreenPos(), column, color, words);
        ImGui::Dummy(ImVec2(column, h + after));
    };
    ImGui::SetCursorPosY(pad);
    // While something runs there are no buttons: what is under way says so where they were.
    if (busy && !message.empty())
        text(style.fonts.tile, style.theme.accent, c.format(message), m.em(0.8f));

    // The actions first: what staff came for. Their answer goes below them, so that a button never moves under a
    // finger about to tap it again (an action that asks to be tapped twice).
    struct Action {
        StaffAction action;
        int slot; // Apply and Ignore: which waiting bundle.
        const char* id;
        const char* word;
        bool shown;
    };
    const Action actions[] = {
        {StaffAction::Sync, 1, "sync", "staff_sync", true},
        {StaffAction::Apply, 1, "apply", "staff_apply", !view.pending.empty()},
        {StaffAction::Ignore, 1, "ignore", "staff_ignore", !view.pending.empty()},
        {StaffAction::Apply, 2, "apply-2", "staff_apply_second", !view.pending_second.empty()},
        {StaffAction::Ignore, 2, "ignore-2", "staff_ignore_second", !view.pending_second.empty()},
        {StaffAction::RollBack, 1, "rollback", "staff_rollback", view.can_roll_back},
        {StaffAction::Export, 1, "export", "staff_export", true},
        {StaffAction::ResetFloor, 1, "reset-floor", "staff_reset_floor", view.can_reset_floor},
        {StaffAction::Restart, 1, "restart", "staff_restart", true},
        {StaffAction::Stop, 1, "stop", "staff_stop", true},
    };
    float gap = style.gap();
    float button_h = std::max(m.touch() * 1.2f, m.em(2.2f));
    int columns = std::clamp(int((column + gap) / (m.em(11.0f) + gap)), 1, 4);
    float button_w = std::floor((column - gap * float(columns - 1)) / float(columns));
    float y = ImGui::GetCursorPosY();
    int n = 0;
    for (const Action& action : actions) {
        if (!action.shown || busy) // While one runs, no button: nothing to tap twice or in between.
            continue;
        int row = n / columns; // Whole rows: the division truncates on purpose.
        ImGui::SetCursorPos(ImVec2(pad + float(n % columns) * (button_w + gap), y + float(row) * (button_h + gap)));
        if (action_button(action.id, ImVec2(button_w, button_h), c.word(action.word), style))
            intent = Intent {.kind = Intent::Kind::StaffAction, .action = action.action, .slot = action.slot};
        ++n;
    }
    int rows = (n + columns - 1) / columns; // A part-filled last row counts.
    ImGui::SetCursorPos(ImVec2(pad, y + float(rows) * (button_h + gap) + pad));
    if (!busy && !message.empty())
        text(style.fonts.tile, style.theme.accent, c.format(message), m.em(0.8f));

    if (!view.pending.empty())
        text(style.fonts.bold, style.theme.text, c.word("staff_pending") + " " + c.format(view.pending), m.em(0.8f));
    if (!view.pending_second.empty())
        text(style.fonts.bold, style.theme.text, c.word("staff_pending_second") + " " + c.format(view.pending_second),
            m.em(0.8f));
    for (const StaffFact& fact : view.facts)
        text(style.fonts.body, style.theme.text,
            c.format(Phrase {"staff_fact", {{"label", c.word(fact.label.c_str())}, {"value", c.format(fact.value)}}}),
            m.em(0.3f));
    ImGui::Dummy(ImVec2(column, m.em(0.5f)));
    for (const Phrase& source : view.sources)
        text(style.fonts.body, style.theme.text_muted, c.format(source), m.em(0.5f));
    ImGui::Dummy(ImVec2(column, pad));
    scroll.end();
    return intent;
}

} // namespace kiosk::ui
