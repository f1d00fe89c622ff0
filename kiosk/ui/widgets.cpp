// Widgets: pressable areas, tiles, the urgent band, header buttons, vector icons and wrapped text.
#include "ui/widgets.hpp"

#include "ui/controls.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <imgui_internal.h>
#include <unordered_map>
#include <vector>

namespace kiosk::ui {

namespace {

constexpr float line_spacing = 1.15f; // Line height as a multiple of the font size.

const char* next_line_end(ImFont* font, const char* s, const char* end, float width)
{
    const char* eol = font->CalcWordWrapPositionA(1.0f, s, end, width);
    if (eol == s) {
        // A single character wider than the line: take it anyway so the loop always advances.
        unsigned int c = 0;
        eol = s + std::max(1, ImTextCharFromUtf8(&c, s, end));
    }
    if (const void* nl = std::memchr(s, '\n', static_cast<std::size_t>(eol - s)))
        eol = static_cast<const char*>(nl);
    return eol;
}

const char* skip_break(const char* s, const char* end)
{
    while (s < end && *s == ' ')
        ++s;
    if (s < end && *s == '\n')
        ++s;
    return s;
}

float text_width(ImFont* font, const char* s, const char* e)
{
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, s, e).x;
}

// The width of the widest word of `text`: ImGui breaks a word wider than a line inside it.
float widest_word(ImFont* font, const std::string& text)
{
    float widest = 0.0f;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        widest = std::max(widest, text_width(font, text.data() + start, text.data() + end));
        start = end + 1;
    }
    return widest;
}

// Where a text's lines break at a width: each line's end, and where the next begins (offsets into the text). Up to
// max_lines + 1 lines are found, so a caller knows whether more followed its last.
struct WrapLine {
    std::size_t end, next;
};

// The lines of `text` in `font` at `width`, remembered: a title or a description is measured when first drawn, not
// on every frame (a 16 KiB description without spaces took most of a millisecond a frame). UI thread only; the
// reference holds until the next call.
const std::vector<WrapLine>& wrap_lines(ImFont* font, float width, const std::string& text, int max_lines)
{
    struct Key {
        std::size_t hash, size;
        const ImFont* font;
        float font_size, width;
        int max_lines;
        bool operator==(const Key& o) const
        {
            return hash == o.hash && size == o.size && font == o.font && font_size == o.font_size && width == o.width
                && max_lines == o.max_lines;
        }
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const { return k.hash ^ (std::size_t(k.max_lines) << 1); }
    };
    static std::unordered_map<Key, std::vector<WrapLine>, KeyHash> cache;
    Key key {std::hash<std::string>()(text), text.size(), font, font->FontSize, width, max_lines};
    if (auto found = cache.find(key); found != cache.end())
        return found->second;
    if (cache.size() >= 2048)
        cache.clear(); // Another content or text size: starting over costs one frame's measuring.
    std::vector<WrapLine> lines;
    const char* begin = text.c_str();
    const char* s = begin;
    const char* end = begin + text.size();
    while (s < end && int(lines.size()) <= max_lines) {
        const char* eol = next_line_end(font, s, end, width);
        const char* rest = skip_break(eol, end);
        lines.push_back({std::size_t(eol - begin), std::size_t(rest - begin)});
        s = rest;
    }
    return cache.emplace(key, std::move(lines)).first->second;
}

// ImGui reserves 4 vertices for every byte of a call (a glyph is 4 and takes at least one byte): 2,048 bytes stay at
// 8,192 of the 65,536 that 16-bit indices can reach.
constexpr std::ptrdiff_t max_text_piece = 2048;

} // namespace

void draw_text(ImDrawList* list, ImFont* font, ImVec2 pos, Color color, const char* begin, const char* end)
{
    if (!begin)
        return;
    if (!end)
        end = begin + std::strlen(begin);
    float right = list->GetClipRectMax().x;
    while (begin < end && pos.x < right) {
        const char* cut = end - begin > max_text_piece ? begin + max_text_piece : end;
        while (cut < end && cut > begin && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80)
            --cut; // Never split a UTF-8 sequence.
        list->AddText(font, font->FontSize, pos, color, begin, cut);
        if (cut < end)
            pos.x += text_width(font, begin, cut);
        begin = cut;
    }
}

float Style::header_height() const
{
    // A finger's button with a margin, and the clock's two lines (the time over the date), but never a sixth of the
    // screen: large text on a short panel shows the time alone.
    float clock = std::min(metrics.em(2.2f), float(metrics.height) * 0.17f);
    return std::ceil(std::max(metrics.touch() + metrics.em(0.5f), clock));
}

float Style::bar_button_height() const
{
    float height = header_height();
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
    float label_w = label.empty() ? 0.0f : text_width(font, label.data(), label.data() + label.size());
    float icon_w = icon == Icon::None ? 0.0f : m.em(1.0f) + (label.empty() ? 0.0f : m.em(0.4f));
    return std::max(m.touch() * 1.2f, std::ceil(label_w + icon_w + m.em(1.2f)));
}

void fill_rounded(ImDrawList* list, ImVec2 a, ImVec2 b, Color color, float radius)
{
    // Whole pixels: the pieces then meet exactly, with no seam of background between them.
    a = ImVec2(std::round(a.x), std::round(a.y));
    b = ImVec2(std::round(b.x), std::round(b.y));
    float r = std::floor(std::min({radius, (b.x - a.x) * 0.5f, (b.y - a.y) * 0.5f}));
    if (r < 1.0f) {
        list->AddRectFilled(a, b, color);
        return;
    }
    const float pi = 3.14159265f;
    struct Corner {
        ImVec2 center;
        float from;
    };
    const Corner corners[] = {{ImVec2(a.x + r, a.y + r), pi}, {ImVec2(b.x - r, a.y + r), pi * 1.5f},
        {ImVec2(b.x - r, b.y - r), 0.0f}, {ImVec2(a.x + r, b.y - r), pi * 0.5f}};
    for (const Corner& corner : corners) {
        list->PathLineTo(corner.center);
        list->PathArcTo(corner.center, r, corner.from, corner.from + pi * 0.5f);
        list->PathFillConvex(color);
    }
    // The rectangles last, a pixel into the corner fans: the fans' smoothed straight edges would otherwise leave a
    // faint line of background along them.
    list->AddRectFilled(ImVec2(a.x, a.y + r - 1.0f), ImVec2(b.x, b.y - r + 1.0f), color);
    list->AddRectFilled(ImVec2(a.x + r - 1.0f, a.y), ImVec2(b.x - r + 1.0f, a.y + r), color);
    list->AddRectFilled(ImVec2(a.x + r - 1.0f, b.y - r), ImVec2(b.x - r + 1.0f, b.y), color);
}

Press press_area(const char* id, ImVec2 size, const std::string& label)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ImGuiID item = window->GetID(id);
    ImVec2 pos = window->DC.CursorPos;
    ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::ItemSize(size);
    Press press;
    if (!ImGui::ItemAdd(bb, item))
        return press;
    record_control(label, bb.Min, bb.Max);
    bool hovered = false;
    press.clicked = ImGui::ButtonBehavior(bb, item, &hovered, &press.held);
    press.held = press.held && hovered;
    return press;
}

float draw_wrapped(
    ImDrawList* list, ImFont* font, ImVec2 pos, float width, Color color, const std::string& text, int max_lines)
{
    const std::vector<WrapLine>& lines = wrap_lines(font, width, text, max_lines);
    const char* begin = text.c_str();
    float y = pos.y;
    std::size_t start = 0;
    int shown = 0;
    for (std::size_t i = 0; i < lines.size() && shown < max_lines; ++i, ++shown) {
        const char* s = begin + start;
        const char* eol = begin + lines[i].end;
        if (shown + 1 == max_lines && i + 1 < lines.size()) {
            // Cut the last line so that it ends in an ellipsis inside the width.
            static const char ellipsis[] = "\xE2\x80\xA6";
            float ellipsis_width = text_width(font, ellipsis, ellipsis + 3);
            const char* cut = eol;
            while (cut > s && text_width(font, s, cut) + ellipsis_width > width)
                --cut;
            while (cut > s && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80)
                --cut; // Never split a UTF-8 sequence.
            while (cut > s && (cut[-1] == ' ' || cut[-1] == '.' || cut[-1] == ',' || cut[-1] == ';' || cut[-1] == ':'))
                --cut; // "welcome." + "..." would read as two stops.
            draw_text(list, font, ImVec2(pos.x, y), color, s, cut);
            draw_text(list, font, ImVec2(pos.x + text_width(font, s, cut), y), color, ellipsis, ellipsis + 3);
            if (TextKind kind = recording_text(); kind != TextKind::None) {
                float w = text_width(font, s, cut) + ellipsis_width;
                record_text(kind, std::string_view(s, std::size_t(cut - s)), ImVec2(pos.x, y),
                    ImVec2(pos.x + w, y + font->FontSize), list, std::string_view(ellipsis, 3));
            }
        } else {
            draw_text(list, font, ImVec2(pos.x, y), color, s, eol);
            if (TextKind kind = recording_text(); kind != TextKind::None) {
                // Its width measured only while recording: one string a line, nothing a glyph.
                ImVec2 max(pos.x + text_width(font, s, eol), y + font->FontSize);
                record_text(kind, std::string_view(s, std::size_t(eol - s)), ImVec2(pos.x, y), max, list);
            }
        }
        y += font->FontSize * line_spacing;
        start = lines[i].next;
    }
    return shown == 0 ? 0.0f : (y - pos.y) - font->FontSize * (line_spacing - 1.0f);
}

namespace {

// The widest of the lines `text` wraps into at `width` (at most `max_lines` of them).
float wrapped_width(ImFont* font, float width, const std::string& text, int max_lines)
{
    const std::vector<WrapLine>& lines = wrap_lines(font, width, text, max_lines);
    float widest = 0.0f;
    std::size_t start = 0;
    for (std::size_t i = 0; i < lines.size() && int(i) < max_lines; ++i) {
        widest = std::max(widest, text_width(font, text.data() + start, text.data() + lines[i].end));
        start = lines[i].next;
    }
    return std::min(widest, width);
}

} // namespace

float wrapped_height(ImFont* font, float width, const std::string& text, int max_lines)
{
    int lines = std::min(int(wrap_lines(font, width, text, max_lines).size()), max_lines);
    if (lines == 0)
        return 0.0f;
    return font->FontSize * (line_spacing * float(lines - 1) + 1.0f);
}

namespace {

// Where an icon is drawn and with what: its middle, half its size, the stroke's width and the colour.
struct IconPen {
    ImDrawList* list;
    ImVec2 c;
    float s; // Half the icon's size: the icons are drawn on a square from -1 to 1.
    float t; // The stroke's width.
    Color color;

    ImVec2 at(float x, float y) const { return ImVec2(c.x + x * s, c.y + y * s); }
};

// A calendar leaf: a frame with a filled top, two rings and six days.
void draw_calendar_icon(const IconPen& pen)
{
    ImDrawList* list = pen.list;
    float s = pen.s, t = pen.t;
    Color color = pen.color;
    auto at = [&](float x, float y) { return pen.at(x, y); };
    list->AddRect(at(-0.85f, -0.7f), at(0.85f, 0.85f), color, s * 0.1f, 0, t);
    list->AddRectFilled(at(-0.85f, -0.7f), at(0.85f, -0.3f), color, s * 0.1f, ImDrawFlags_RoundCornersTop);
    list->AddLine(at(-0.45f, -0.95f), at(-0.45f, -0.55f), color, t);
    list->AddLine(at(0.45f, -0.95f), at(0.45f, -0.55f), color, t);
    for (float x : {-0.45f, 0.0f, 0.45f}) {
        for (float y : {0.05f, 0.5f})
            list->AddRectFilled(at(x - 0.12f, y - 0.12f), at(x + 0.12f, y + 0.12f), color);
    }
}

// Three finder squares and two modules: "this has a QR code".
void draw_qr_icon(const IconPen& pen)
{
    ImDrawList* list = pen.list;
    float s = pen.s, t = pen.t;
    Color color = pen.color;
    auto at = [&](float x, float y) { return pen.at(x, y); };
    for (ImVec2 corner : {at(-0.9f, -0.9f), at(0.2f, -0.9f), at(-0.9f, 0.2f)}) {
        float side = 0.7f * s;
        list->AddRect(corner, ImVec2(corner.x + side, corner.y + side), color, 0.0f, 0, t);
        list->AddRectFilled(ImVec2(corner.x + side * 0.33f, corner.y + side * 0.33f),
            ImVec2(corner.x + side * 0.67f, corner.y + side * 0.67f), color);
    }
    list->AddRectFilled(at(0.3f, 0.3f), at(0.55f, 0.55f), color);
    list->AddRectFilled(at(0.6f, 0.6f), at(0.9f, 0.9f), color);
}

// "A" drawn as strokes, a big one and a small one, so no font is needed.
void draw_text_size_icon(const IconPen& pen)
{
    auto at = [&](float x, float y) { return pen.at(x, y); };
    auto letter = [&](float cx, float h, float w) {
        ImVec2 pts[] = {at(cx - w, 0.8f), at(cx, 0.8f - h), at(cx + w, 0.8f)};
        pen.list->AddPolyline(pts, 3, pen.color, 0, pen.t * 1.1f);
        pen.list->AddLine(at(cx - w * 0.55f, 0.8f - h * 0.38f), at(cx + w * 0.55f, 0.8f - h * 0.38f), pen.color, pen.t);
    };
    letter(-0.35f, 1.6f, 0.55f);
    letter(0.6f, 0.95f, 0.32f);
}

} // namespace

void draw_icon(ImDrawList* list, Icon icon, ImVec2 c, float size, Color color)
{
    float s = size * 0.5f;
    float t = std::max(2.0f, size * 0.085f); // Stroke width.
    IconPen pen {list, c, s, t, color};
    auto at = [&](float x, float y) { return pen.at(x, y); };
    switch (icon) {
    case Icon::None:
        break;
    case Icon::Page:
        list->AddRect(at(-0.62f, -0.85f), at(0.62f, 0.85f), color, s * 0.12f, 0, t);
        for (float y : {-0.4f, 0.0f, 0.4f})
            list->AddLine(at(-0.32f, y), at(0.32f, y), color, t);
        break;
    case Icon::Cards:
        for (float x : {-0.85f, 0.1f}) {
            for (float y : {-0.85f, 0.1f})
                list->AddRectFilled(at(x, y), at(x + 0.75f, y + 0.75f), color, s * 0.12f);
        }
        break;
    case Icon::Calendar:
        draw_calendar_icon(pen);
        break;
    case Icon::Help:
        list->AddCircle(c, s * 0.92f, color, 32, t);
        list->AddRectFilled(at(-0.09f, -0.55f), at(0.09f, 0.2f), color, s * 0.05f);
        list->AddCircleFilled(at(0.0f, 0.48f), s * 0.12f, color, 12);
        break;
    case Icon::Back: {
        ImVec2 points[] = {at(0.3f, -0.6f), at(-0.3f, 0.0f), at(0.3f, 0.6f)};
        list->AddPolyline(points, 3, color, 0, t * 1.3f);
        break;
    }
    case Icon::Home: {
        ImVec2 roof[] = {at(-0.85f, 0.0f), at(0.0f, -0.8f), at(0.85f, 0.0f)};
        list->AddPolyline(roof, 3, color, 0, t * 1.2f);
        ImVec2 body[] = {at(-0.55f, -0.25f), at(-0.55f, 0.75f), at(0.55f, 0.75f), at(0.55f, -0.25f)};
        list->AddPolyline(body, 4, color, 0, t * 1.2f);
        break;
    }
    case Icon::Qr:
        draw_qr_icon(pen);
        break;
    case Icon::Check: {
        ImVec2 points[] = {at(-0.7f, 0.0f), at(-0.2f, 0.5f), at(0.7f, -0.5f)};
        list->AddPolyline(points, 3, color, 0, t * 1.4f);
        break;
    }
    case Icon::Contrast:
        list->AddCircle(c, s * 0.85f, color, 32, t);
        list->PathArcTo(c, s * 0.85f, -1.5707963f, 1.5707963f, 24);
        list->PathFillConvex(color);
        break;
    case Icon::TextSize:
        draw_text_size_icon(pen);
        break;
    case Icon::Forward: {
        ImVec2 points[] = {at(-0.3f, -0.6f), at(0.3f, 0.0f), at(-0.3f, 0.6f)};
        list->AddPolyline(points, 3, color, 0, t * 1.3f);
        break;
    }
    }
}

bool draw_glyph_icon(ImDrawList* list, const IconGlyphs& icons, char32_t glyph, ImVec2 c, float size, Color color)
{
    const IconGlyph* g = icons.find(glyph);
    if (!g || icons.em <= 0.0f)
        return false;
    // Drawn 1:1 when the size is the rasterised one (always, for tiles), so the icon stays as crisp as text.
    float em = size * icon_em_per_box;
    float scale = std::abs(em - icons.em) < 1.0f ? 1.0f : em / icons.em;
    em = icons.em * scale;
    ImVec2 min(std::round(c.x - em * 0.5f) + g->offset.x * scale, std::round(c.y - em * 0.5f) + g->offset.y * scale);
    ImVec2 max(min.x + g->size.x * scale, min.y + g->size.y * scale);
    list->AddImage(ImGui::GetIO().Fonts->TexID, min, max, g->uv0, g->uv1, color);
    return true;
}

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
    if (look.centered) { // Two lines as a block in the middle, so that a row of buttons lines up.
        float label_w = wrapped_width(font, width, label, 2);
        text_x += std::max(0.0f, (width - label_w) * 0.5f);
        width = right - text_x;
    }
    list->PushClipRect(pos, max, true);
    draw_wrapped(list, font, ImVec2(text_x, mid_y - height * 0.5f), width, look.text, label, 2);
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
    float icon_size = icon == Icon::None ? 0.0f : std::min(m.em(1.0f), size.y * 0.62f);
    ImFont* font = style.bar_font();
    float label_width = label.empty() ? 0.0f : text_width(font, label.data(), label.data() + label.size());
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

float chip_height(const Style& style)
{
    return std::max(style.metrics.touch(), style.fonts.bold->FontSize * 1.9f);
}

float chip_width(const std::string& label, Icon icon, float max_width, const Style& style)
{
    const Metrics& m = style.metrics;
    float icon_w = icon == Icon::None ? 0.0f : m.em(1.0f) + m.em(0.45f);
    float w = m.em(0.7f) * 2.0f + icon_w + text_width(style.fonts.bold, label.data(), label.data() + label.size());
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
        x = std::max(
            x, std::floor(pos.x + (size.x - text_width(font, label.data(), label.data() + label.size())) * 0.5f));
    list->PushClipRect(pos, max, true);
    draw_wrapped(list, font, ImVec2(x, mid - h * 0.5f), max.x - m.em(0.6f) - x, ink, label, 1);
    list->PopClipRect();
    return press.clicked;
}

} // namespace kiosk::ui
