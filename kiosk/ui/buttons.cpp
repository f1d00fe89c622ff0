// The big buttons: section tiles, the urgent band, keypad keys and action buttons, all drawn by big_button.
#include "ui/widgets.hpp"

#include <algorithm>
#include <imgui.h>

namespace kiosk::ui {

namespace {

// What distinguishes a section tile from the urgent band: colours, a border, a chevron.
struct ButtonLook {
    Color fill, fill_pressed, icon, text;
    Color border = 0;          // 0: no border.
    bool chevron = false;      // A ">" at the right end, saying "this opens".
    bool centered = false;     // The label in the middle (a lone action: "Close").
    bool compact = false;      // A small icon and margins: a tile on a small panel.
    bool one_line = false;     // A size smaller, down to secondary text, rather than two lines (the urgent band).
    bool fit = false;          // A size smaller, down to secondary text, rather than a label cut after two lines.
    float border_lines = 1.0f; // The border's width, in the style's lines.
    ImFont* font = nullptr;    // This size, when set (a row of buttons in one size).
};

// The inset of a button's label from its sides.
float label_inset(ImVec2 size, bool compact, const Metrics& m)
{
    return std::min(m.em(compact ? 0.4f : 0.8f), size.x * 0.08f); // A narrow key keeps room for words.
}

// The label fits a button `width` by `height` in `font`: at most two lines (three are allowed in the test, then found
// too tall), two lines with room above and below them, and no word wider than the button.
bool label_fits(ImFont* font, float width, float height, const std::string& label, const Metrics& m)
{
    float h = wrapped_height(font, width, label, 3);
    float room = h > font->FontSize * 1.5f ? m.em(0.25f) : 0.0f; // Two lines touching the edges read as cut.
    return h < font->FontSize * 2.5f && h + room <= height && widest_word(font, label) <= width;
}

// A large button: an icon at the left and up to two lines of label, centred vertically.
bool big_button(
    const char* id, ImVec2 size, const std::string& label, TileIcon icon, const ButtonLook& look, const Style& style)
{
    ImVec2 pos = ImGui::GetCursorScreenPos();
    Press press = press_area(id, size, label);
    const Metrics& m = style.metrics;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    fill_rounded(list, pos, max, press.held ? look.fill_pressed : look.fill, style.radius());
    // A fill that does not stand out from the screen (black on black in high contrast) gets the theme's edge, so
    // every button shows where it is (3:1 or more).
    Color border = look.border;
    if (!border && contrast_ratio(look.fill, style.theme.background) < 3.0f)
        border = style.theme.border;
    if (border)
        list->AddRect(pos, max, border, style.radius(), 0, style.line() * look.border_lines);

    float inset = label_inset(size, look.compact, m);
    float mid_y = pos.y + size.y * 0.5f;
    float text_x = pos.x + inset;
    if (icon.drawn != Icon::None || icon.glyph != 0) {
        float icon_size = std::min(m.em(look.compact ? compact_tile_icon_ems : tile_icon_ems), size.y * 0.7f);
        ImVec2 center(text_x + icon_size * 0.5f, mid_y);
        const IconGlyphs& glyphs = look.compact ? style.fonts.icons_small : style.fonts.icons;
        if (!draw_glyph_icon(list, glyphs, icon.glyph, center, icon_size, look.icon))
            draw_icon(list, icon.drawn, center, icon_size, look.icon);
        text_x += icon_size + m.em(look.compact ? 0.35f : 0.7f);
    }
    float right = max.x - inset;
    if (look.chevron) {
        float chevron = m.em(1.0f);
        ImVec2 c(right - chevron * 0.5f, mid_y);
        float s = chevron * 0.5f;
        ImVec2 points[] = {ImVec2(c.x - s * 0.3f, c.y - s * 0.6f), ImVec2(c.x + s * 0.3f, c.y),
            ImVec2(c.x - s * 0.3f, c.y + s * 0.6f)};
        list->AddPolyline(points, 3, look.text, 0, std::max(2.0f, chevron * 0.11f));
        right -= chevron;
    }
    float width = right - text_x;
    ImFont* font = tile_font(look.compact ? TileForm::Compact : TileForm::Regular, style);
    if (look.one_line) { // The first size in which the label fits one line, else two lines of the smallest.
        for (ImFont* candidate : {font, style.fonts.bold, style.fonts.small}) {
            font = candidate;
            if (wrapped_height(font, width, label, 2) < font->FontSize * 1.5f)
                break;
        }
    } else if (look.font) {
        font = look.font;
    } else if (look.fit) {
        for (ImFont* candidate : {font, style.fonts.bold, style.fonts.small}) {
            font = candidate;
            if (label_fits(font, width, size.y, label, m))
                break;
        }
    }
    float height = wrapped_height(font, width, label, 2);
    list->PushClipRect(pos, max, true);
    // Centred, each line in the middle ("Save the counts to / the stick" reads as one label).
    draw_wrapped(
        list, font, ImVec2(text_x, mid_y - height * 0.5f), width, look.text, label, 2, look.centered ? 0.5f : 0.0f);
    list->PopClipRect();
    return press.clicked;
}

} // namespace

bool tile(const char* id, ImVec2 size, const std::string& label, TileIcon icon, const Style& style, TileForm form)
{
    const Theme& t = style.theme;
    ButtonLook look {t.surface, t.surface_pressed, t.accent, t.text, t.border, false};
    look.compact = form == TileForm::Compact;
    return big_button(id, size, label, icon, look, style);
}

ImFont* tile_font(TileForm form, const Style& style)
{
    // Compact tiles (short panels) label in bold body text, capitals still 3.3 mm: three columns of them fit a 7-inch
    // panel with every choice showing.
    return form == TileForm::Compact ? style.fonts.bold : style.fonts.tile;
}

float tile_chrome(TileForm form, const Style& style)
{
    // As big_button lays out a tile: an inset each side, the icon and the space after it.
    const Metrics& m = style.metrics;
    return form == TileForm::Compact ? m.em(0.4f * 2.0f + compact_tile_icon_ems + 0.35f)
                                     : m.em(0.8f * 2.0f + tile_icon_ems + 0.7f);
}

bool urgent_band(const char* id, ImVec2 size, const std::string& label, const Style& style)
{
    const Theme& t = style.theme;
    return big_button(id, size, label, TileIcon {Icon::Help},
        {t.urgent, t.urgent_pressed, t.urgent_text, t.urgent_text, 0, true, false, false, true}, style);
}

bool key_button(const char* id, ImVec2 size, const std::string& label, const Style& style, bool compact)
{
    const Theme& t = style.theme;
    ButtonLook look {t.surface, t.surface_pressed, t.accent, t.text, t.border, false, true, compact};
    look.fit = true; // "Borrar" with large text on a narrow key: a size smaller, never cut.
    return big_button(id, size, label, TileIcon {}, look, style);
}

ImFont* action_font(ImVec2 size, const std::vector<std::string>& labels, const Style& style)
{
    float width = size.x - 2.0f * label_inset(size, false, style.metrics);
    for (ImFont* candidate : {tile_font(TileForm::Regular, style), style.fonts.bold, style.fonts.small}) {
        if (std::all_of(labels.begin(), labels.end(),
                [&](const std::string& label) { return label_fits(candidate, width, size.y, label, style.metrics); }))
            return candidate;
    }
    return style.fonts.small;
}

bool action_button(
    const char* id, ImVec2 size, const std::string& label, const Style& style, ActionLook kind, ImFont* font)
{
    const Theme& t = style.theme;
    ButtonLook look {t.header, t.header_pressed, t.header_text, t.header_text, 0, false, true};
    TileIcon icon;
    if (kind == ActionLook::Unavailable) {
        look = ButtonLook {t.background, t.background, t.text_muted, t.text_muted, t.border, false, true};
    } else if (kind == ActionLook::Confirm) {
        look = ButtonLook {t.surface, t.surface_pressed, t.accent, t.text, t.accent, false, true};
        look.border_lines = 3.0f;
        icon.drawn = Icon::Check;
    }
    look.fit = true;
    look.font = font;
    return big_button(id, size, label, icon, look, style);
}

} // namespace kiosk::ui
