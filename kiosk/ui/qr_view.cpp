// The QR view: a link leaves with the visitor as a QR code their phone reads at the first try, with its title, what
// to do, and the whole address written out.
#include "content/text_util.hpp"
#include "ui/controls.hpp"
#include "ui/qr_layout.hpp"
#include "ui/screen.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>
#include <qrcodegen.hpp>
#include <unordered_map>

namespace kiosk::ui {

namespace {

// Bounds on what content puts in the words (Dear ImGui must never get more than a few thousand glyphs in one call,
// and a layout is measured for several widths a frame).
constexpr std::size_t max_title_bytes = 400;
constexpr std::size_t max_detail_bytes = 2000;
constexpr int max_paragraph_lines = 200;

// One paragraph of the words beside (or under) the code.
struct Paragraph {
    TextKind kind = TextKind::Description;
    ImFont* font = nullptr;
    Color color = 0;
    std::string text; // The address: broken into lines for the width last measured.
    float space_after = 0.0f;
    bool essential = false; // On the first screen whenever it can be: the title, facts, the hint and the address.
    bool phone = false;     // The hint: beside the phone pictogram.
};

// The phone pictogram's size beside a hint in `font`: two lines tall, a phone's proportions.
ImVec2 phone_size(ImFont* font)
{
    float h = std::round(font->FontSize * 2.0f);
    return ImVec2(std::round(h * 0.58f), h);
}

float phone_gap(ImFont* font)
{
    return std::round(font->FontSize * 0.5f);
}

// A phone seen from the front, its camera at the top and a small QR code on its screen: "point your phone at this".
void draw_phone(ImDrawList* list, ImVec2 min, ImVec2 size, Color ink)
{
    float stroke = std::max(2.0f, std::round(size.y * 0.06f));
    ImVec2 max(min.x + size.x, min.y + size.y);
    float half = stroke * 0.5f;
    list->AddRect(
        ImVec2(min.x + half, min.y + half), ImVec2(max.x - half, max.y - half), ink, size.x * 0.2f, 0, stroke);
    // The camera: a dot in the top border's band.
    float cx = min.x + size.x * 0.5f;
    list->AddCircleFilled(ImVec2(cx, min.y + size.y * 0.085f), std::max(1.5f, stroke * 0.6f), ink, 12);
    // The screen shows a code: three finder squares and a few modules.
    float side = std::floor(size.x * 0.56f);
    float unit = side / 7.0f;
    ImVec2 at(std::round(cx - side * 0.5f), std::round(min.y + (size.y - side) * 0.5f));
    auto finder = [&](float fx, float fy) {
        ImVec2 a(at.x + fx * unit, at.y + fy * unit);
        list->AddRect(a, ImVec2(a.x + 3.0f * unit, a.y + 3.0f * unit), ink, 0.0f, 0, std::max(1.0f, unit * 0.7f));
        list->AddRectFilled(ImVec2(a.x + unit, a.y + unit), ImVec2(a.x + 2.0f * unit, a.y + 2.0f * unit), ink);
    };
    finder(0.0f, 0.0f);
    finder(4.0f, 0.0f);
    finder(0.0f, 4.0f);
    for (auto [mx, my] : {std::pair(4.0f, 4.0f), std::pair(6.0f, 5.0f), std::pair(5.0f, 6.0f), std::pair(4.0f, 6.0f)})
        list->AddRectFilled(ImVec2(at.x + mx * unit, at.y + my * unit),
            ImVec2(at.x + (mx + 1.0f) * unit, at.y + (my + 1.0f) * unit), ink);
}

float text_width(ImFont* font, std::string_view text)
{
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

// The address broken for `width` in `font`, remembered: the layout tries several widths each frame.
const std::string& address_for(ImFont* font, float width, const std::string& address)
{
    struct Key {
        std::string address;
        const ImFont* font;
        float size, width;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const
        {
            return std::hash<std::string>()(k.address) ^ std::size_t(k.width);
        }
    };
    static std::unordered_map<Key, std::string, KeyHash> cache;
    Key key {address, font, font->FontSize, width};
    if (auto found = cache.find(key); found != cache.end())
        return found->second;
    if (cache.size() >= 256)
        cache.clear();
    std::string lines = break_address(
        address, width, [font](std::string_view piece) { return text_width(font, piece); }, max_paragraph_lines);
    return cache.emplace(std::move(key), std::move(lines)).first->second;
}

float paragraph_height(const Paragraph& p, float width)
{
    if (!p.phone)
        return wrapped_height(p.font, width, p.text, max_paragraph_lines);
    ImVec2 phone = phone_size(p.font);
    float text_w = width - phone.x - phone_gap(p.font);
    return std::max(phone.y, wrapped_height(p.font, text_w, p.text, max_paragraph_lines));
}

// The words' heights at a width: up to the end of the last essential paragraph, and in all.
struct WordsHeight {
    float essential = 0.0f;
    float total = 0.0f;
};

WordsHeight measure(std::vector<Paragraph>& words, float width, const std::string& address)
{
    WordsHeight h;
    for (Paragraph& p : words) {
        if (p.kind == TextKind::Address)
            p.text = address_for(p.font, width, address);
        h.total += paragraph_height(p, width);
        if (p.essential)
            h.essential = h.total;
        h.total += p.space_after;
    }
    if (!words.empty())
        h.total -= words.back().space_after;
    return h;
}

// The same with the title first (`title` null: without it), and room under the last line for its letters' descenders
// (a "g" hangs a little below the line ImGui measures).
WordsHeight measure(const Paragraph* title, std::vector<Paragraph>& rest, float width, const std::string& address)
{
    WordsHeight h = measure(rest, width, address);
    float above = title ? paragraph_height(*title, width) + title->space_after : 0.0f;
    float below = std::round(rest.empty() ? 0.0f : rest.back().font->FontSize * 0.2f);
    return {h.essential + above + below, h.total + above + below};
}

// Draws a paragraph at `pos`, recorded as texts of its kind; returns its height.
float draw_paragraph(ImDrawList* list, const Paragraph& p, ImVec2 pos, float width, Color phone_ink)
{
    TextScope scope(p.kind);
    if (!p.phone)
        return draw_wrapped(list, p.font, pos, width, p.color, p.text, max_paragraph_lines);
    ImVec2 phone = phone_size(p.font);
    float text_w = width - phone.x - phone_gap(p.font);
    float text_h = wrapped_height(p.font, text_w, p.text, max_paragraph_lines);
    float h = std::max(phone.y, text_h);
    draw_phone(list, ImVec2(pos.x, pos.y + std::round((h - phone.y) * 0.5f)), phone, phone_ink);
    draw_wrapped(list, p.font, ImVec2(pos.x + phone.x + phone_gap(p.font), pos.y + std::round((h - text_h) * 0.5f)),
        text_w, p.color, p.text, max_paragraph_lines);
    return h;
}

} // namespace

static void draw_qr_code(
    ImDrawList* list, const qrcodegen::QrCode& code, ImVec2 pos, int module_px, int quiet = qr_quiet_zone)
{
    auto side = float(module_px * (code.getSize() + 2 * quiet));
    list->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), 0xFFFFFFFF);
    // Runs of dark modules in a row as one rectangle: fewer shapes to draw, the same pixels.
    for (int y = 0; y < code.getSize(); ++y) {
        float py = pos.y + float((y + quiet) * module_px);
        for (int x = 0; x < code.getSize();) {
            if (!code.getModule(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < code.getSize() && code.getModule(end, y))
                ++end;
            float px = pos.x + float((x + quiet) * module_px);
            list->AddRectFilled(
                ImVec2(px, py), ImVec2(px + float((end - x) * module_px), py + float(module_px)), 0xFF000000);
            x = end;
        }
    }
}

float draw_qr(ImDrawList* list, const std::string& url, ImVec2 pos, float max_side)
{
    const qrcodegen::QrCode code = qrcodegen::QrCode::encodeText(url.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
    int modules = code.getSize() + 2 * qr_quiet_zone;
    int module_px = std::max(1, int(std::floor(max_side / float(modules))));
    draw_qr_code(list, code, pos, module_px);
    return float(module_px * modules);
}

int qr_modules(const std::string& url)
{
    return qrcodegen::QrCode::encodeText(url.c_str(), qrcodegen::QrCode::Ecc::MEDIUM).getSize() + 2 * qr_quiet_zone;
}

namespace {

// What the layout is fitted in: the window below the bar.
struct QrSpace {
    ImVec2 origin;            // The window's top left corner.
    float width = 0.0f;       // The window's.
    float top = 0.0f;         // Below the bar, in screen coordinates.
    float bottom = 0.0f;      // The window's foot (the overdose help's strip is below it).
    float pad = 0.0f;         // Between the code and the words, and at the sides.
    float margin = 0.0f;      // Around the code's white square, whose quiet zone is a margin of its own.
    float gap = 0.0f;         // Between the words and Close.
    float gutter = 0.0f;      // The scroll cues' strip.
    float most_column = 0.0f; // The words' widest column: lines longer than this are hard to follow.
    ImVec2 close_size;        // Close's width at most, and its height.
    int modules = 1;          // The code's dark modules across.
    QrModuleRange range;      // Its pixels a module.

    float box(int module_px) const { return float(module_px * (modules + 2 * range.quiet)); }
};

// Where everything goes.
struct QrLayout {
    int module_px = 1;
    ImVec2 code;              // The white square's top left corner.
    bool title_apart = false; // Stacked with room for all: the title above the code, outside the words' view.
    ImVec2 title;             // Where it is then.
    ImVec2 words;             // The words' view: its top left corner and size (the scroll cues' strip included).
    ImVec2 words_size;
    float text_w = 0.0f; // The words' width (the view's, less the cues' strip when they scroll).
    bool scrolls = false;
    ImVec2 close;
    ImVec2 close_size;
};

// The title's font for a column `width` wide with `room` for the words: the title font, else the tile font, else
// bold body text; the largest in which the title takes at most `share` of the room (it is one of several things to
// read) and no word of it is wider than the column (a word is never broken in the middle).
ImFont* title_font(const Style& style, const std::string& title, float width, float room, float share)
{
    for (ImFont* font : {style.fonts.title, style.fonts.tile}) {
        if (widest_word(font, title) <= width
            && wrapped_height(font, width, title, max_paragraph_lines) <= std::max(room * share, font->FontSize))
            return font;
    }
    return style.fonts.bold;
}

// Landscape: the code at the left, the words at its right, Close under them. The code as large as it can be while
// every word fits beside it; else while the essential ones do (the rest scroll under them); else as large as leaves
// the words their widest column, and they scroll.
QrLayout side_by_side(
    Paragraph& title, std::vector<Paragraph>& rest, const std::string& address, const Style& style, const QrSpace& s)
{
    float body_h = s.bottom - s.top;
    float room = body_h - 3.0f * s.gap - s.close_size.y; // For the words: a gap above, under and before Close.
    auto view_w = [&](int px) { return std::min(s.width - s.box(px) - 3.0f * s.pad, s.most_column); };
    auto place = [&](int px, bool scrolls, float words_h) {
        QrLayout l;
        l.module_px = px;
        float box = s.box(px);
        float w = view_w(px);
        l.text_w = scrolls ? w - s.gutter : w;
        // The code and the words together in the middle of the width and of the height.
        float used = box + s.pad + w;
        float left = std::floor(s.origin.x + std::max(s.pad, (s.width - used) * 0.5f));
        l.code = ImVec2(left, std::floor(s.top + (body_h - box) * 0.5f));
        float view_h = std::min(words_h, room);
        float group = view_h + s.gap + s.close_size.y;
        l.words = ImVec2(left + box + s.pad, std::floor(s.top + (body_h - group) * 0.5f));
        l.words_size = ImVec2(w, view_h);
        l.scrolls = scrolls;
        l.close = ImVec2(l.words.x, l.words.y + view_h + s.gap);
        l.close_size = ImVec2(std::min(l.text_w, s.close_size.x), s.close_size.y);
        return l;
    };
    for (bool all : {true, false}) {
        for (int px = s.range.most; px >= s.range.least; --px) {
            float w = view_w(px) - (all ? 0.0f : s.gutter);
            title.font = title_font(style, title.text, w, room, 0.45f);
            WordsHeight h = measure(&title, rest, w, address);
            if ((all ? h.total : h.essential) <= room)
                return place(px, !all, h.total);
        }
    }
    // The words scroll whatever the code's size: it is as large as it can be without narrowing their column.
    int px = s.range.most;
    while (px > s.range.least && view_w(px) < view_w(s.range.least))
        --px;
    float w = view_w(px) - s.gutter;
    title.font = title_font(style, title.text, w, room, 0.45f);
    return place(px, true, measure(&title, rest, w, address).total);
}

// Portrait: the title, the code under it, then the words and Close, when all of it fits; else the code at the top
// and every word (the title first) scrolling under it, above Close.
QrLayout stacked(
    Paragraph& title, std::vector<Paragraph>& rest, const std::string& address, const Style& style, const QrSpace& s)
{
    float body_h = s.bottom - s.top;
    float view_w = std::min(s.width - 2.0f * s.pad, s.most_column);
    float left = std::floor(s.origin.x + (s.width - view_w) * 0.5f);
    // The whole column in the middle of the height.
    auto place = [&](QrLayout l, float above, float view_h) {
        float box = s.box(l.module_px);
        float column = above + box + s.gap + view_h + s.gap + s.close_size.y;
        float y = std::floor(s.top + std::max(s.gap, (body_h - column) * 0.5f));
        l.title = ImVec2(left, y);
        l.code = ImVec2(std::floor(s.origin.x + (s.width - box) * 0.5f), y + above);
        l.words = ImVec2(left, l.code.y + box + s.gap);
        l.words_size = ImVec2(view_w, view_h);
        l.close = ImVec2(left, l.words.y + view_h + s.gap);
        l.close_size = ImVec2(std::min(l.text_w, s.close_size.x), s.close_size.y);
        return l;
    };
    // All of it, the title above the code.
    title.font = title_font(style, title.text, view_w, body_h, 0.2f);
    float above = paragraph_height(title, view_w) + title.space_after;
    float rest_h = measure(nullptr, rest, view_w, address).total;
    for (int px = s.range.most; px >= s.range.least; --px) {
        if (above + s.box(px) + rest_h + 4.0f * s.gap + s.close_size.y <= body_h) {
            QrLayout l;
            l.module_px = px;
            l.title_apart = true;
            l.text_w = view_w;
            return place(l, above, rest_h);
        }
    }
    // The code at the top and the words scrolling under it, the essential ones on the first screen if they can be.
    float text_w = view_w - s.gutter;
    auto room = [&](int px) { return body_h - s.box(px) - 4.0f * s.gap - s.close_size.y; };
    QrLayout l;
    l.text_w = text_w;
    l.scrolls = true;
    l.module_px = s.range.least;
    for (int px = s.range.most; px >= s.range.least; --px) {
        title.font = title_font(style, title.text, text_w, room(px), 0.45f);
        if (measure(&title, rest, text_w, address).essential <= room(px)) {
            l.module_px = px;
            break;
        }
    }
    title.font = title_font(style, title.text, text_w, room(l.module_px), 0.45f);
    WordsHeight h = measure(&title, rest, text_w, address);
    return place(l, 0.0f, std::max(0.0f, std::min(h.total, room(l.module_px))));
}

} // namespace

std::optional<Intent> draw_qr_view(const ScreenContext& c, const std::string& title, const std::string& url,
    const std::vector<QrDetail>& details, ScrollArea& scroll)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    // The bar keeps Back and Home; the title is written large beside the code instead.
    std::optional<Intent> intent = draw_navigation_bar(c, "", false);
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();

    const qrcodegen::QrCode code = qrcodegen::QrCode::encodeText(url.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
    bool side = width > height * 1.1f;
    QrSpace s;
    s.origin = origin;
    s.width = width;
    s.top = origin.y + style.header_height();
    s.bottom = origin.y + height;
    s.pad = style.pad();
    s.margin = std::max(1.0f, std::floor(m.mm(0.3f)));
    s.gap = std::round(m.em(0.4f));
    s.gutter = style.cue_gutter();
    s.most_column = m.em(side ? 24.0f : 26.0f);
    s.close_size = ImVec2(m.em(9.0f), std::round(std::max(m.touch() * 1.2f, style.fonts.bold->FontSize * 1.5f)));
    s.modules = code.getSize();
    // Landscape: the code as tall as the space under the bar. Portrait: as wide as the window, at most half the
    // height (the words need the rest).
    float room
        = side ? s.bottom - s.top - 2.0f * s.margin : std::min(width - 2.0f * s.margin, (s.bottom - s.top) * 0.5f);
    s.range = qr_module_range(s.modules, m.px_per_mm, room);

    // The words, in reading order: the title, the facts, what to do, the address, then the descriptions.
    std::string address = display_address(url);
    float space = std::round(m.em(0.5f));
    Paragraph heading {TextKind::Title, style.fonts.title, style.theme.text, shortened(title, max_title_bytes),
        std::round(m.em(0.6f)), true};
    std::vector<Paragraph> rest;
    for (const QrDetail& d : details) {
        if (d.kind == QrDetail::Kind::Fact)
            rest.push_back({TextKind::Detail, d.strong ? style.fonts.bold : style.fonts.body, style.theme.text,
                shortened(d.text, max_detail_bytes), space, true});
    }
    rest.push_back({TextKind::Hint, style.fonts.bold, style.theme.text, c.word("scan_with_phone"), space, true, true});
    rest.push_back({TextKind::Address, style.fonts.bold, style.theme.accent, {}, std::round(m.em(0.8f)), true});
    for (const QrDetail& d : details) {
        if (d.kind == QrDetail::Kind::Description)
            rest.push_back({TextKind::Description, style.fonts.body, style.theme.text,
                shortened(d.text, max_detail_bytes), space, false});
    }
    QrLayout l = side ? side_by_side(heading, rest, address, style, s) : stacked(heading, rest, address, style, s);
    measure(nullptr, rest, l.text_w, address); // The address broken for the width chosen.

    ImDrawList* list = ImGui::GetWindowDrawList();
    draw_qr_code(list, code, l.code, l.module_px, s.range.quiet);
    if (l.title_apart)
        draw_paragraph(list, heading, l.title, l.text_w, style.theme.accent);

    // The words, in a view of their own: they scroll when the screen is short, with the cues in a strip at the right.
    ImGui::SetCursorScreenPos(l.words);
    scroll.begin("qr-words", l.words_size, c.frame.uptime, m.mm(2.0f), l.scrolls ? &style.theme : nullptr,
        l.scrolls ? s.gutter : 0.0f);
    ImDrawList* words_list = ImGui::GetWindowDrawList();
    ImVec2 at = ImGui::GetCursorScreenPos();
    float y = at.y;
    if (!l.title_apart)
        y += draw_paragraph(words_list, heading, ImVec2(at.x, y), l.text_w, style.theme.accent) + heading.space_after;
    for (const Paragraph& p : rest)
        y += draw_paragraph(words_list, p, ImVec2(at.x, y), l.text_w, style.theme.accent) + p.space_after;
    ImGui::Dummy(ImVec2(l.text_w, std::max(1.0f, y - at.y - (rest.empty() ? 0.0f : rest.back().space_after))));
    scroll.end();

    // Close, always on the screen under the words.
    ImGui::SetCursorScreenPos(l.close);
    if (action_button("close", l.close_size, c.word("close"), style))
        intent = Intent {Intent::Kind::Back, {}};
    return intent;
}

} // namespace kiosk::ui
