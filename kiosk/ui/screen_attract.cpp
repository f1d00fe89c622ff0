// The attract loop: while nobody uses the kiosk, home shows one highlight at a time (what is on next, then a
// resource with its QR code), every attract_step, and everything moves a few pixels every shift_step so nothing burns
// into the panel. It is drawn only when one of those changes; a touch wakes the ordinary home screen.
#include "ui/controls.hpp"
#include "ui/screen.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

namespace kiosk::ui {

namespace {

// Cards with a link, from every card section, in the order a visitor would meet them.
std::vector<const Card*> linked_cards(const ContentSnapshot& content)
{
    std::vector<const Card*> cards;
    for (const Section& section : content.info().sections) {
        if (section.kind != SectionKind::Cards)
            continue;
        auto list = content.bundle->card_lists.find(section.source);
        if (list == content.bundle->card_lists.end())
            continue;
        for (const Card& card : list->second) {
            if (!card.url.empty())
                cards.push_back(&card);
        }
    }
    return cards;
}

std::vector<const Occurrence*> upcoming(const ScreenContext& c, std::size_t most)
{
    std::vector<const Occurrence*> next;
    for (const Occurrence& occurrence : c.content.occurrences) {
        if (next.size() >= most)
            break;
        if (occurrence.end > c.frame.now)
            next.push_back(&occurrence);
    }
    return next;
}

void draw_panel(const Style& style, ImVec2 min, ImVec2 max)
{
    ImDrawList* list = ImGui::GetWindowDrawList();
    fill_rounded(list, min, max, style.theme.surface, style.radius());
    list->AddRect(min, max, style.theme.border, style.radius(), 0, style.line());
}

// "Coming up": the next events, each with when and where, in large type.
void draw_events(const ScreenContext& c, const std::vector<const Occurrence*>& events, ImVec2 min, ImVec2 max)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    ImDrawList* list = ImGui::GetWindowDrawList();
    draw_panel(style, min, max);
    // A short panel (7-inch) gets a size smaller throughout, so at least one event shows whole.
    bool small = float(m.height) < m.em(26.0f);
    float inset = m.em(small ? 0.6f : 1.0f);
    ImFont* heading = small ? style.fonts.tile : style.fonts.title;
    ImFont* name_font = small ? style.fonts.bold : style.fonts.tile;
    ImFont* line_font = small ? style.fonts.small : style.fonts.body;
    float x = min.x + inset, w = max.x - min.x - 2.0f * inset;
    float y = min.y + inset;
    y += draw_wrapped(list, heading, ImVec2(x, y), w, style.theme.text, c.word("coming_up"), 1) + m.em(0.4f);
    for (const Occurrence* occurrence : events) {
        float needed = name_font->FontSize * 1.2f + line_font->FontSize * 1.2f;
        if (y + needed > max.y - inset * 0.5f)
            break;
        std::string when = happening_now(c, *occurrence)
            ? c.word("now")
            : day_label(c, occurrence->date) + " \xC2\xB7 " + time_range(c, *occurrence);
        y += draw_wrapped(list, name_font, ImVec2(x, y), w, style.theme.text, c.text(occurrence->event->title), 1)
            + m.em(0.15f);
        const std::string& where = c.text(occurrence->event->location);
        std::string line = where.empty() ? when : when + " \xC2\xB7 " + where;
        y += draw_wrapped(list, line_font, ImVec2(x, y), w, style.theme.accent, line, 1) + m.em(small ? 0.4f : 0.7f);
    }
}

// One resource: its QR code, title and description, so a passer-by can take it without touching anything.
void draw_card(const ScreenContext& c, const Card& card, ImVec2 min, ImVec2 max)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    ImDrawList* list = ImGui::GetWindowDrawList();
    draw_panel(style, min, max);
    float inset = m.em(1.0f);
    float inner_h = max.y - min.y - 2.0f * inset;
    float inner_w = max.x - min.x - 2.0f * inset;
    bool beside = inner_w > inner_h * 1.6f;
    float side = std::floor(std::min(inner_h * (beside ? 1.0f : 0.55f), inner_w * (beside ? 0.45f : 1.0f)));
    ImVec2 code_at(min.x + inset, min.y + inset);
    if (!beside)
        code_at.x = std::floor(min.x + (max.x - min.x - side) * 0.5f);
    float drawn = draw_qr(list, card.url, code_at, side);
    float x = beside ? code_at.x + drawn + inset : min.x + inset;
    float y = beside ? min.y + inset : code_at.y + drawn + m.em(0.6f);
    float w = beside ? max.x - inset - x : inner_w;
    // Title, then as much of the description as fits, then what to do; the description gives way first.
    std::string hint = c.word("scan_hint");
    float room = max.y - inset - y;
    float title_h = wrapped_height(style.fonts.title, w, c.text(card.title), 2) + m.em(0.4f);
    float hint_h = wrapped_height(style.fonts.bold, w, hint, 2);
    float line = style.fonts.body->FontSize * 1.15f;
    int lines = std::clamp(int((room - title_h - hint_h - m.em(0.6f)) / line), 0, 6);
    bool with_hint = title_h + hint_h <= room;
    y += draw_wrapped(list, style.fonts.title, ImVec2(x, y), w, style.theme.text, c.text(card.title), 2) + m.em(0.4f);
    if (lines > 0) {
        y += draw_wrapped(list, style.fonts.body, ImVec2(x, y), w, style.theme.text, c.text(card.description), lines)
            + m.em(0.6f);
    }
    if (with_hint)
        draw_wrapped(list, style.fonts.bold, ImVec2(x, y), w, style.theme.accent, hint, 2);
}

// How to turn read aloud on, as a highlight of its own on a panel with no room for it in small print: a loudspeaker and
// the words in each language, as large as fits.
void draw_hints_highlight(const ScreenContext& c, const std::vector<std::string>& hints, ImVec2 min, ImVec2 max)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    ImDrawList* list = ImGui::GetWindowDrawList();
    draw_panel(style, min, max);
    float inset = m.em(1.0f);
    float icon = std::min(m.em(3.0f), (max.y - min.y) * 0.4f);
    draw_icon(
        list, Icon::Speaker, ImVec2(min.x + inset + icon * 0.5f, (min.y + max.y) * 0.5f), icon, style.theme.accent);
    float x = min.x + inset * 2.0f + icon, w = max.x - inset - x;
    ImFont* font = style.fonts.tile;
    float total = 0.0f;
    for (const std::string& hint : hints)
        total += wrapped_height(font, w, hint, 3) + m.em(0.4f);
    if (total > max.y - min.y - inset)
        font = style.fonts.bold;
    total = 0.0f;
    for (const std::string& hint : hints)
        total += wrapped_height(font, w, hint, 3) + m.em(0.4f);
    float y = std::max(min.y + inset * 0.5f, std::floor((min.y + max.y - total) * 0.5f));
    TextScope scope(TextKind::Hint);
    for (const std::string& hint : hints)
        y += draw_wrapped(list, font, ImVec2(x, y), w, style.theme.text, hint, 3) + m.em(0.4f);
}

} // namespace

AttractFrame attract_frame(Millis uptime)
{
    AttractFrame frame;
    frame.step = uptime.count() / attract_step.count();
    // A slow walk around a small square, a pixel or two at a time: nothing stays on one pixel for long.
    static const float path[][2] = {{0, 0}, {2, 1}, {4, 2}, {3, 4}, {1, 3}, {-1, 4}, {-3, 3}, {-4, 1}, {-2, -1},
        {-3, -3}, {-1, -4}, {1, -3}, {3, -2}, {2, 0}};
    long long at = (uptime.count() / shift_step.count()) % static_cast<long long>(std::size(path));
    frame.shift = ImVec2(path[at][0], path[at][1]);
    return frame;
}

std::optional<Intent> draw_attract(const ScreenContext& c)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::optional<Intent> intent;
    draw_home_header(c, false);
    // The urgent band stays a button: someone in an emergency goes straight to help.
    float bottom = draw_urgent_band(c, intent);
    float width = ImGui::GetWindowWidth();
    float pad = style.pad();
    ImVec2 origin = ImGui::GetWindowPos();

    // What to do, at the foot: "Touch the screen to start" in every language of the content (up to four), each a
    // button that wakes the kiosk in its language. A language the kiosk has no words for shows its name.
    std::vector<std::string> languages = c.content.info().languages;
    languages.resize(std::min<std::size_t>(languages.size(), 4));
    std::vector<std::string> labels;
    labels.reserve(languages.size());
    for (const std::string& language : languages) {
        labels.push_back(
            c.strings.has_language(language) ? c.strings.get("touch_to_start", language) : language_name(c, language));
    }
    float gap = m.em(0.5f);
    float row_w = width - 2.0f * pad;
    float button_w
        = std::floor((row_w - gap * float(labels.size() - 1)) / float(std::max<std::size_t>(1, labels.size())));
    bool compact = float(m.height) < m.em(26.0f); // A short panel: bold body text, little margin, as home's tiles.
    ImFont* font = compact ? style.fonts.bold : style.fonts.tile;
    float button_h = m.touch() * 1.2f;
    for (const std::string& label : labels) {
        float text_h = wrapped_height(font, button_w - m.em(compact ? 0.8f : 1.6f), label, 2);
        button_h = std::max(button_h, text_h + m.em(compact ? 0.5f : 0.8f));
    }
    button_h = std::ceil(button_h);
    float buttons_y = bottom - pad - button_h;
    // How to turn read aloud on, above the buttons: a visitor who cannot read the screen hears about it from staff,
    // and one who reads it slowly sees it here in their own language.
    std::vector<std::string> hints = read_aloud_hints(c);
    float hints_h = read_aloud_hints_height(c, hints, row_w);
    bool hints_in_print = buttons_y - hints_h - (origin.y + style.header_height()) >= m.em(6.0f);
    if (!hints_in_print)
        hints_h = 0.0f; // No room for them in small print: they take turns with the highlights instead.
    float highlight_bottom = buttons_y - hints_h;
    if (hints_in_print && !hints.empty()) {
        ImGui::SetCursorPos(ImVec2(pad, highlight_bottom - pad * 0.5f));
        draw_read_aloud_hints(c, hints, row_w);
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
        ImGui::SetCursorPos(ImVec2(pad + float(i) * (button_w + gap), buttons_y));
        ImGui::PushID(int(i));
        if (key_button("start", ImVec2(button_w, button_h), labels[i], style, compact))
            intent = Intent {Intent::Kind::Wake, languages[i]};
        set_language(ImGui::GetItemID(), languages[i]);
        ImGui::PopID();
    }

    // The highlight: even steps show the next events (when there are any), odd ones the next resource in turn.
    std::vector<const Card*> cards = linked_cards(c.content);
    std::vector<const Occurrence*> events = upcoming(c, 4);
    AttractFrame frame = attract_frame(c.frame.uptime);
    bool show_events = !events.empty() && (cards.empty() || frame.step % 2 == 0);
    ImVec2 min(origin.x + pad, origin.y + style.header_height() + pad);
    ImVec2 max(origin.x + width - pad, origin.y + highlight_bottom - pad);
    if (max.y - min.y > m.em(4.0f)) {
        if (!hints_in_print && !hints.empty() && frame.step % 3 == 2)
            draw_hints_highlight(c, hints, min, max);
        else if (show_events)
            draw_events(c, events, min, max);
        else if (!cards.empty())
            draw_card(c, *cards[std::size_t(frame.step / 2) % cards.size()], min, max);
    }

    // A touch anywhere else wakes the ordinary home screen in the language showing; the touch itself opens nothing.
    ImGui::SetCursorPos(ImVec2(0.0f, 0.0f));
    if (press_area("wake", ImVec2(width, bottom), c.word("touch_to_start")).clicked && !intent)
        intent = Intent {Intent::Kind::Wake, {}};
    return intent;
}

} // namespace kiosk::ui
