// A card section: filter chips, then big cards in one to three columns. Only the rows on screen are laid out
// (ImGuiListClipper), so 2,000 cards scroll as lightly as 9.
#include "ui/controls.hpp"
#include "ui/screen.hpp"
#include "ui/translation_note.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

namespace kiosk::ui {

namespace {

// The filter values of a card list in first-seen order: the default language's words (what `filter` holds, so a
// choice survives a language switch) and the words to show.
struct FilterValue {
    std::string key;
    std::string label;
};

std::vector<FilterValue> filter_values(const ScreenContext& c, const Section& section, const std::vector<Card>& cards)
{
    std::vector<FilterValue> values;
    for (const Card& card : cards) {
        auto tag = card.tags.find(section.filter_column);
        if (tag == card.tags.end())
            continue;
        const std::string& key = tag->second.in(c.default_language(), c.default_language());
        if (key.empty())
            continue;
        bool seen = std::any_of(values.begin(), values.end(), [&](const FilterValue& v) { return v.key == key; });
        if (!seen)
            values.push_back({key, c.text(tag->second)});
    }
    return values;
}

bool passes(const ScreenContext& c, const Section& section, const Card& card, const std::string& filter)
{
    if (filter.empty())
        return true;
    auto tag = card.tags.find(section.filter_column);
    return tag != card.tags.end() && tag->second.in(c.default_language(), c.default_language()) == filter;
}

// The chips row(s). Returns the height used.
float draw_filter_chips(
    const ScreenContext& c, const std::vector<FilterValue>& values, std::string& filter, float left, float width)
{
    const Style& style = c.style;
    float gap = style.gap();
    ImVec2 start = ImGui::GetCursorPos();
    float x = left, y = start.y;
    auto place = [&](const std::string& label, Icon icon, bool selected) {
        float w = chip_width(label, icon == Icon::None ? Icon::Check : icon, width, style); // As chip() sizes it.
        if (x > left && x + w > left + width) {
            x = left;
            y += chip_height(style) + gap;
        }
        ImGui::SetCursorPos(ImVec2(x, y));
        x += w + gap;
        return chip("chip", label, icon, selected, width, style);
    };
    ImGui::PushID("filters");
    if (place(c.word("filter_all"), Icon::None, filter.empty()))
        filter.clear();
    for (std::size_t i = 0; i < values.size(); ++i) {
        ImGui::PushID(int(i));
        if (place(values[i].label, Icon::None, filter == values[i].key))
            filter = filter == values[i].key ? std::string() : values[i].key;
        ImGui::PopID();
    }
    ImGui::PopID();
    float used = y + chip_height(style) - start.y;
    ImGui::SetCursorPos(ImVec2(start.x, start.y + used));
    return used;
}

// One card: picture at the left when it has one, title and description, and a QR mark when it has a link.
bool draw_card(const ScreenContext& c, const Card& card, ImVec2 size)
{
    const Style& style = c.style;
    const Theme& t = style.theme;
    const Metrics& m = style.metrics;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    // Every card opens: one with a link its QR view, one without its details, where a description cut here is read
    // whole.
    bool linked = !card.url.empty();
    std::string note = translation_note({&card.title, &card.description}, c.language, c.default_language(), c.strings);
    Press press = press_area("card", size, with_note(c.text(card.title), note));
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    fill_rounded(list, pos, max, press.held ? t.surface_pressed : t.surface, style.radius());
    list->AddRect(pos, max, t.border, style.radius(), 0, style.line());

    float inset = m.em(0.7f);
    float x = pos.x + inset;
    float right = max.x - inset;
    if (!card.image.empty()) {
        float side = size.y - 2.0f * inset;
        ImVec2 a(x, pos.y + inset), b(x + side, pos.y + inset + side);
        std::optional<ImageTexture> texture = c.images ? c.images->get(card.image) : std::nullopt;
        if (texture && texture->width > 0 && texture->height > 0) {
            // Filled square: the middle of the picture, cropped, never stretched.
            float aspect = float(texture->width) / float(texture->height);
            ImVec2 uv0(0, 0), uv1(1, 1);
            if (aspect > 1.0f) {
                uv0.x = (1.0f - 1.0f / aspect) * 0.5f;
                uv1.x = 1.0f - uv0.x;
            } else {
                uv0.y = (1.0f - aspect) * 0.5f;
                uv1.y = 1.0f - uv0.y;
            }
            list->AddImage(texture->id, a, b, uv0, uv1); // Square corners: one quad, cheap to draw.
        } else {
            list->AddRectFilled(a, b, t.background);
            draw_icon(list, Icon::Cards, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), side * 0.4f, t.border);
        }
        x += side + inset;
    }
    float icon = m.em(linked ? 1.3f : 0.9f);
    draw_icon(
        list, linked ? Icon::Qr : Icon::Forward, ImVec2(right - icon * 0.5f, pos.y + size.y * 0.5f), icon, t.accent);
    right -= icon + inset;
    float width = right - x;
    list->PushClipRect(pos, max, true);
    // The title takes up to two lines, the note that it is not in the visitor's language after it; the description
    // has the lines that are left.
    float y = pos.y + inset;
    y += draw_wrapped_with_note(list, style.fonts.tile, ImVec2(x, y), width, t.text, c.text(card.title), 2, note,
             style.fonts.body, t.text_muted, NoteWithout::OwnLine)
        + m.em(0.25f);
    float line = style.fonts.body->FontSize * 1.15f;
    int lines = int((max.y - inset - y + line - style.fonts.body->FontSize) / line);
    if (lines > 0) {
        TextScope scope(TextKind::Description); // Read aloud says it with the card's title.
        draw_wrapped(list, style.fonts.body, ImVec2(x, y), width, t.text_muted, c.text(card.description), lines);
    }
    list->PopClipRect();
    return press.clicked;
}

} // namespace

std::optional<Intent> draw_cards(const ScreenContext& c, const Section& section, const std::vector<Card>& cards,
    std::string& filter, ScrollArea& scroll)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    bool title_cut = false;
    std::optional<Intent> intent = draw_navigation_bar(c, c.text(section.title), false, &title_cut);

    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    float gap = style.gap();
    ImGui::SetCursorPos(ImVec2(0.0f, style.header_height()));
    scroll.begin("cards", ImVec2(width, height - style.header_height()), c.frame.uptime, m.mm(2.0f), &style.theme,
        style.cue_gutter());

    width -= style.cue_gutter(); // The scroll cues' strip: the content stays left of it.
    float inner = width - 2.0f * pad;
    ImGui::SetCursorPos(ImVec2(pad, pad));
    if (title_cut)
        draw_content_title(c, c.text(section.title), pad, inner);
    if (!section.filter_column.empty()) {
        std::vector<FilterValue> values = filter_values(c, section, cards);
        if (!values.empty()) {
            draw_filter_chips(c, values, filter, pad, inner);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + pad);
        }
    }

    // The cards that pass the filter, as indices: the list itself stays in the snapshot.
    std::vector<std::uint32_t> shown;
    shown.reserve(cards.size());
    for (std::size_t i = 0; i < cards.size(); ++i) {
        if (passes(c, section, cards[i], filter))
            shown.push_back(std::uint32_t(i));
    }

    int columns = std::clamp(int((inner + gap) / (m.em(17.0f) + gap)), 1, 3);
    float card_w = std::floor((inner - gap * float(columns - 1)) / float(columns));
    float card_h = std::ceil(std::max(m.touch() * 1.5f,
        m.em(0.7f) * 2.0f + style.fonts.tile->FontSize * 2.15f + m.em(0.25f) + style.fonts.body->FontSize * 2.15f));
    int rows = int((shown.size() + std::size_t(columns) - 1) / std::size_t(columns));

    float top = ImGui::GetCursorPosY();
    ImGuiListClipper clipper;
    clipper.Begin(rows, card_h + gap);
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            for (int column = 0; column < columns; ++column) {
                std::size_t index = std::size_t(row) * std::size_t(columns) + std::size_t(column);
                if (index >= shown.size())
                    break;
                const Card& card = cards[shown[index]];
                ImGui::SetCursorPos(ImVec2(pad + float(column) * (card_w + gap), top + float(row) * (card_h + gap)));
                ImGui::PushID(int(shown[index]));
                if (draw_card(c, card, ImVec2(card_w, card_h)))
                    intent = Intent {Intent::Kind::Open, section.id + "/" + card.id};
                ImGui::PopID();
            }
            ImGui::SetCursorPos(ImVec2(pad, top + float(row + 1) * (card_h + gap)));
        }
    }
    clipper.End();
    if (shown.empty()) {
        ImGui::SetCursorPos(ImVec2(pad, top));
        float h = draw_wrapped(ImGui::GetWindowDrawList(), style.fonts.body, ImGui::GetCursorScreenPos(), inner,
            style.theme.text_muted, c.word("no_cards"));
        ImGui::Dummy(ImVec2(inner, h));
    }
    ImGui::SetCursorPosX(pad);
    ImGui::Dummy(ImVec2(inner, pad));
    scroll.end();
    return intent;
}

std::optional<Intent> draw_card_details(const ScreenContext& c, const Card& card, ScrollArea& scroll)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    bool title_cut = false;
    std::optional<Intent> intent = draw_navigation_bar(c, c.text(card.title), false, &title_cut);
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    ImGui::SetCursorPos(ImVec2(0.0f, style.header_height()));
    scroll.begin("card", ImVec2(width, height - style.header_height()), c.frame.uptime, m.mm(2.0f), &style.theme,
        style.cue_gutter());
    width -= style.cue_gutter(); // The scroll cues' strip: the content stays left of it.
    float column = std::min(width - 2.0f * pad, m.em(34.0f));
    float left = std::floor((width - column) * 0.5f);
    ImGui::SetCursorPos(ImVec2(left, pad));
    ImDrawList* list = ImGui::GetWindowDrawList();
    std::string note = translation_note({&card.title, &card.description}, c.language, c.default_language(), c.strings);
    // The title once: in the bar, or here whole when the bar had no room for it; then the description whole.
    float h = 0.0f;
    if (title_cut) {
        draw_content_title(c, c.text(card.title), left, column);
    }
    if (!note.empty()) {
        ImGui::SetCursorPosX(left);
        h = draw_wrapped(list, style.fonts.body, ImGui::GetCursorScreenPos(), column, style.theme.text_muted, note, 2);
        ImGui::Dummy(ImVec2(column, h + m.em(0.4f)));
    }
    ImGui::SetCursorPosX(left);
    h = draw_wrapped(
        list, style.fonts.body, ImGui::GetCursorScreenPos(), column, style.theme.text, c.text(card.description));
    ImGui::Dummy(ImVec2(column, h + pad));
    scroll.end();
    return intent;
}

} // namespace kiosk::ui
