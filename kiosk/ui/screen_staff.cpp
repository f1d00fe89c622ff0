// The staff screens: the PIN pad behind the long press, and the staff screen with what the kiosk shows and what staff
// can do about it. Plain words, big targets, and nothing a visitor could misuse.
#include "ui/screen.hpp"

#include "ui/controls.hpp"

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
    // The title in the title size when it fits the room left of the button, else a size smaller.
    float room = width - w - 3.0f * style.pad();
    ImFont* font = style.fonts.title;
    for (ImFont* candidate : {style.fonts.title, style.fonts.tile, style.fonts.bold}) {
        font = candidate;
        if (wrapped_height(font, room, title, 2) < font->FontSize * 1.5f)
            break;
    }
    float h = wrapped_height(font, room, title, 1);
    draw_wrapped(list, font, ImVec2(origin.x + style.pad(), origin.y + (height - h) * 0.5f), room,
        style.theme.header_text, title, 1);
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

    // Dots for the digits typed, then the message, then a 3x4 pad as large as fits. When the pad would be too low
    // for fingers below them (a 7-inch panel with large text), the dots and the message go to the left of the pad.
    float gap = style.gap();
    float top = style.header_height() + pad;
    float dot = m.em(0.5f);
    std::string line = message.empty() ? c.word("staff_pin_hint") : c.format(message);
    float line_h = std::max(wrapped_height(style.fonts.bold, width - 2.0f * pad, line, 2), style.fonts.bold->FontSize);
    float below = top + dot * 2.0f + pad * 0.5f + line_h + pad;
    bool beside = (height - below - pad - 3.0f * gap) / 4.0f < m.touch() * 1.1f && width > height;
    float text_left = pad, text_w = width - 2.0f * pad;
    if (beside) {
        text_w = std::floor(width * 0.4f) - 2.0f * pad;
        line_h = std::max(wrapped_height(style.fonts.bold, text_w, line, 4), style.fonts.bold->FontSize);
    }
    float dots_w = float(std::max<std::size_t>(digits.size(), 1)) * dot * 3.0f;
    float dots_top = beside ? top + std::max(0.0f, (height - top - pad - dot * 2.0f - pad - line_h) * 0.5f) : top;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        ImVec2 center(origin.x + text_left + (text_w - dots_w) * 0.5f + dot * 1.5f + float(i) * dot * 3.0f,
            origin.y + dots_top + dot);
        list->AddCircleFilled(center, dot, style.theme.text, 16);
    }
    float line_top = dots_top + dot * 2.0f + pad * 0.5f;
    draw_wrapped(list, style.fonts.bold, ImVec2(origin.x + text_left, origin.y + line_top), text_w,
        message.empty() ? style.theme.text_muted : style.theme.urgent, line, beside ? 4 : 2);
    top = beside ? top : below;
    float pad_left = beside ? width * 0.4f : pad;
    float pad_w = width - pad_left - pad;

    // Keys as large as fit, but no larger than about 2 cm: a pad, not a wall.
    float key_h = std::max(m.touch(), std::min(m.mm(20.0f), std::floor((height - top - pad - 3.0f * gap) / 4.0f)));
    float key_w = std::floor(std::min(std::max(m.touch() * 1.6f, key_h * 2.4f), (pad_w - 2.0f * gap) / 3.0f));
    float left = std::floor(pad_left + (pad_w - 3.0f * key_w - 2.0f * gap) * 0.5f);
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

namespace {

// The staff screen's buttons, in their places: what staff come for first, what stops the kiosk last. Every one is
// always drawn, so that a spot is the same button on every visit.
struct StaffButton {
    StaffAction action;
    const char* id;
    const char* word;
};
constexpr StaffButton staff_buttons[] = {
    {StaffAction::Sync, "sync", "staff_sync"},
    {StaffAction::Export, "export", "staff_export"},
    {StaffAction::Apply, "apply", "staff_apply"},
    {StaffAction::Ignore, "ignore", "staff_ignore"},
    {StaffAction::RollBack, "rollback", "staff_rollback"},
    {StaffAction::ResetFloor, "reset-floor", "staff_reset_floor"},
    {StaffAction::Restart, "restart", "staff_restart"},
    {StaffAction::Stop, "stop", "staff_stop"},
};

// The answer strip's height: two lines of body text and a margin, at the screen's foot.
float answer_strip_height(const Style& style)
{
    return style.fonts.body->FontSize * 2.0f + style.pad() * 1.2f;
}

// The answer to the last tap (or what is under way, or a hint), in a strip of its own at the foot: it never moves a
// button, and it shows whatever the scroll.
void draw_answer_strip(const ScreenContext& c, const Phrase& message, bool busy)
{
    const Style& style = c.style;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float strip = answer_strip_height(style);
    ImVec2 top(origin.x, origin.y + height - strip);
    list->AddRectFilled(top, ImVec2(origin.x + width, origin.y + height), style.theme.surface);
    list->AddLine(top, ImVec2(origin.x + width, top.y), style.theme.border, style.line());
    std::string words = message.empty() ? c.word("staff_hint") : c.format(message);
    Color color = message.empty() ? style.theme.text_muted : busy ? style.theme.accent : style.theme.text;
    float pad = style.pad();
    float h = wrapped_height(style.fonts.body, width - 2.0f * pad, words, 2);
    draw_wrapped(list, style.fonts.body, ImVec2(origin.x + pad, top.y + (strip - h) * 0.5f), width - 2.0f * pad, color,
        words, 2);
}

// The buttons in a fixed grid from the cursor down: two or four a row as the width allows. Returns the one tapped
// (its rectangle in `tapped`), and leaves the cursor below the grid.
std::optional<Intent> draw_staff_buttons(
    const ScreenContext& c, const StaffView& view, bool busy, float column, Area& tapped)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    float pad = style.pad();
    float gap = style.gap();
    int columns = column >= 4.0f * m.em(9.0f) + 3.0f * gap ? 4 : column >= m.em(14.0f) ? 2 : 1;
    // Two lines of bold body text. When not every row shows above the answer strip (a 7-inch panel), the rows that
    // do show fill it exactly, a little tighter: no button is cut in half at the strip, which reads as a cut label.
    float bold = style.fonts.bold->FontSize;
    float button_h = std::max(m.touch() * 1.2f, bold * 2.0f + m.em(0.7f));
    float shown = ImGui::GetWindowHeight() - 2.0f * pad;
    int rows = (int(std::size(staff_buttons)) + columns - 1) / columns;
    if (float(rows) * (button_h + gap) - gap > shown) {
        float least = std::max(m.touch() * 1.2f, bold * 2.0f + m.em(0.3f));
        float fit = std::max(1.0f, std::floor((shown + gap) / (least + gap)));
        button_h = std::max(least, std::floor((shown - gap * (fit - 1.0f)) / fit));
    }
    float button_w = std::floor((column - gap * float(columns - 1)) / float(columns));
    // One size for every label, the largest in which all fit: a row of buttons in mixed sizes looks broken.
    std::vector<std::string> labels;
    for (const StaffButton& button : staff_buttons)
        labels.push_back(c.word(button.word));
    ImFont* font = action_font(ImVec2(button_w, button_h), labels, style);
    float y = ImGui::GetCursorPosY();
    std::optional<Intent> intent;
    int n = 0;
    for (const StaffButton& button : staff_buttons) {
        int row = n / columns, place = n % columns; // Whole rows and places in them.
        ImGui::SetCursorPos(ImVec2(pad + float(place) * (button_w + gap), y + float(row) * (button_h + gap)));
        bool open = !busy && !staff_unavailable(view, button.action);
        ImVec2 at = ImGui::GetCursorScreenPos();
        TextScope as_label(TextKind::Label);
        if (action_button(button.id, ImVec2(button_w, button_h), labels[std::size_t(n)], style,
                open ? ActionLook::Plain : ActionLook::Unavailable, font)
            && !busy) { // While one runs, nothing answers: nothing to tap twice or in between.
            intent = Intent {.kind = Intent::Kind::StaffAction, .action = button.action};
            tapped = Area {at, ImVec2(at.x + button_w, at.y + button_h)};
        }
        ++n;
    }
    ImGui::SetCursorPos(ImVec2(pad, y + float(rows) * (button_h + gap) + pad)); // A part-filled last row counts.
    return intent;
}

} // namespace

std::optional<Phrase> staff_unavailable(const StaffView& view, StaffAction action)
{
    switch (action) {
    case StaffAction::Apply:
        return view.pending.empty() ? std::optional(Phrase {"staff_unavailable_apply"}) : std::nullopt;
    case StaffAction::Ignore:
        return view.pending.empty() ? std::optional(Phrase {"staff_unavailable_ignore"}) : std::nullopt;
    case StaffAction::RollBack:
        return view.can_roll_back ? std::nullopt : std::optional(Phrase {"staff_unavailable_rollback"});
    case StaffAction::ResetFloor:
        return view.can_reset_floor ? std::nullopt : std::optional(Phrase {"staff_unavailable_reset_floor"});
    default:
        return std::nullopt;
    }
}

std::optional<Intent> draw_staff(
    const ScreenContext& c, const StaffView& view, const Phrase& message, bool busy, ScrollArea& scroll, Area& tapped)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::optional<Intent> intent = draw_staff_bar(c, c.word("staff_title"), c.word("staff_leave"));
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    draw_answer_strip(c, message, busy);
    ImGui::SetCursorPos(ImVec2(0.0f, style.header_height()));
    scroll.begin("staff", ImVec2(width, height - style.header_height() - answer_strip_height(style)), c.frame.uptime,
        m.mm(2.0f), &style.theme, style.cue_gutter());
    width -= style.cue_gutter(); // The scroll cues' strip: the content stays left of it.
    ImDrawList* list = ImGui::GetWindowDrawList();
    float column = width - 2.0f * pad;
    auto text = [&](ImFont* font, Color color, const std::string& words, float after) {
        ImGui::SetCursorPosX(pad);
        float h = draw_wrapped(list, font, ImGui::GetCursorScreenPos(), column, color, words);
        ImGui::Dummy(ImVec2(column, h + after));
    };
    ImGui::SetCursorPosY(pad);
    if (auto chosen = draw_staff_buttons(c, view, busy, column, tapped))
        intent = chosen;

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

namespace {

// The question's words for `action`: its title, what will happen, and the confirm button's words.
struct Question {
    const char* title;
    const char* text;
    const char* yes;
    const char* first; // Apply and Ignore with two bundles waiting: the two buttons' words.
    const char* second;
};

Question question_for(StaffAction action)
{
    switch (action) {
    case StaffAction::Apply:
        return {"staff_ask_apply", "staff_ask_apply_text", "staff_ask_apply_yes", "staff_apply_first",
            "staff_apply_second"};
    case StaffAction::Ignore:
        return {"staff_ask_ignore", "staff_ask_ignore_text", "staff_ask_ignore_yes", "staff_ignore_first",
            "staff_ignore_second"};
    case StaffAction::RollBack:
        return {"staff_ask_rollback", "staff_ask_rollback_text", "staff_ask_rollback_yes", nullptr, nullptr};
    case StaffAction::ResetFloor:
        return {"staff_ask_reset_floor", "staff_ask_reset_floor_text", "staff_ask_reset_floor_yes", nullptr, nullptr};
    case StaffAction::Restart:
        return {"staff_ask_restart", "staff_ask_restart_text", "staff_ask_restart_yes", nullptr, nullptr};
    default:
        return {"staff_ask_stop", "staff_ask_stop_text", "staff_ask_stop_yes", nullptr, nullptr};
    }
}

// What follows the question's text: the bundles that wait (Apply, Ignore), or the version a roll back brings back.
std::vector<std::string> question_details(const ScreenContext& c, const StaffView& view, StaffAction action)
{
    std::vector<std::string> details;
    if (action == StaffAction::Apply || action == StaffAction::Ignore) {
        bool two = !view.pending_second.empty();
        if (!view.pending.empty())
            details.push_back(c.word(two ? "staff_pending_first" : "staff_pending") + " " + c.format(view.pending));
        if (two)
            details.push_back(c.word("staff_pending_second") + " " + c.format(view.pending_second));
    }
    return details;
}

bool overlaps(const Area& a, const Area& b)
{
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

} // namespace

std::optional<Intent> draw_staff_question(
    const ScreenContext& c, const StaffView& view, StaffAction action, const Area& tapped, ScrollArea& scroll)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    Question q = question_for(action);
    std::optional<Intent> intent = draw_staff_bar(c, c.word(q.title), c.word("cancel"));
    if (intent)
        intent = Intent {.kind = Intent::Kind::StaffBack};
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    float gap = style.gap();
    float top = style.header_height() + pad;

    // The confirm row: at the foot, or under the bar when the first tap was in the lower half; on the side away from
    // it. Two buttons (which bundle) share the row.
    bool two = q.first && !view.pending_second.empty();
    float button_h = std::max(m.touch() * 1.2f, style.fonts.bold->FontSize * 2.0f + m.em(0.7f));
    float half = std::floor((width - 2.0f * pad - gap) * 0.5f);
    float row_w = two ? width - 2.0f * pad : std::max(half, std::min(width - 2.0f * pad, m.em(12.0f)));
    bool at_foot = (tapped.min.y + tapped.max.y) * 0.5f - origin.y < height * 0.5f;
    float row_y = at_foot ? height - pad - button_h : top;
    bool tap_left = (tapped.min.x + tapped.max.x) * 0.5f - origin.x < width * 0.5f;
    float row_x = two || !tap_left ? pad : width - pad - row_w;
    Area row {
        ImVec2(origin.x + row_x, origin.y + row_y), ImVec2(origin.x + row_x + row_w, origin.y + row_y + button_h)};
    if (overlaps(row, tapped)) { // A tap as wide as the screen: the row goes to the other end.
        row_y = at_foot ? top : height - pad - button_h;
        at_foot = !at_foot;
    }
    int buttons = two ? 2 : 1;
    float button_w = two ? half : row_w;
    for (int i = 0; i < buttons; ++i) {
        ImGui::SetCursorPos(ImVec2(row_x + float(i) * (button_w + gap), row_y));
        const char* word = !two ? q.yes : i == 0 ? q.first : q.second;
        ImGui::PushID(i);
        TextScope as_label(TextKind::Label);
        if (action_button("confirm", ImVec2(button_w, button_h), c.word(word), style, ActionLook::Confirm))
            intent = Intent {.kind = Intent::Kind::StaffAction,
                .action = action,
                .slot = i == 0 ? view.pending_slot : view.pending_second_slot,
                .confirmed = true};
        ImGui::PopID();
    }

    // What will happen, in the rest, scrolling when long.
    float text_top = at_foot ? top : top + button_h + pad;
    float text_bottom = at_foot ? height - 2.0f * pad - button_h : height;
    ImGui::SetCursorPos(ImVec2(0.0f, text_top));
    scroll.begin("question", ImVec2(width, std::max(m.em(2.0f), text_bottom - text_top)), c.frame.uptime, m.mm(2.0f),
        &style.theme, style.cue_gutter());
    float column = width - style.cue_gutter() - 2.0f * pad;
    ImDrawList* list = ImGui::GetWindowDrawList();
    auto text = [&](ImFont* font, const std::string& words) {
        ImGui::SetCursorPosX(pad);
        float h = draw_wrapped(list, font, ImGui::GetCursorScreenPos(), column, style.theme.text, words);
        ImGui::Dummy(ImVec2(column, h + m.em(0.6f)));
    };
    std::string previous;
    for (const StaffFact& fact : view.facts)
        if (fact.label == "staff_fact_previous")
            previous = c.format(fact.value);
    text(style.fonts.tile, c.format(Phrase {q.text, {{"previous", previous}}}));
    for (const std::string& detail : question_details(c, view, action))
        text(style.fonts.body, detail);
    scroll.end();
    return intent;
}

} // namespace kiosk::ui
