// A Markdown page: headings, paragraphs, lists, quotes and pictures in one scrolling column, with a chip under each
// paragraph that has links. A chip opens the link's QR view: the kiosk never opens a browser. The urgent page opens
// with its actions ([urgent] actions) as large blocks above the Markdown.
#include "content/text_util.hpp"
#include "ui/controls.hpp"
#include "ui/rich_text.hpp"
#include "ui/screen.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

namespace kiosk::ui {

namespace {

constexpr std::size_t chip_text = 48; // Characters of a link's words on its chip.
constexpr int action_lines = 4;       // Lines of an urgent action's block at most; content warns long before.

RichFonts fonts_for(const Block& block, const Style& style)
{
    const Fonts& f = style.fonts;
    // Links are not coloured or tappable in the text: each shows once, as the chip under its block.
    RichFonts fonts {f.body, f.bold, f.italic, style.theme.text, 0};
    if (block.kind == BlockKind::Heading) {
        ImFont* heading = block.level <= 1 ? f.title : block.level == 2 ? f.tile : f.bold;
        fonts.regular = fonts.bold = fonts.italic = heading;
    }
    return fonts;
}

// Space above a block: headings stand apart from what came before, list items sit close together.
float space_before(const Block& block, const Block* previous, const Style& style)
{
    const Metrics& m = style.metrics;
    if (!previous)
        return 0.0f;
    if (block.kind == BlockKind::Heading)
        return m.em(block.level <= 2 ? 1.2f : 0.9f);
    if (block.kind == BlockKind::ListItem && previous->kind == BlockKind::ListItem)
        return m.em(0.35f);
    if (previous->kind == BlockKind::Heading)
        return m.em(0.45f);
    return m.em(0.8f);
}

// The label written before a list item: "•" or "3.".
std::string marker(const Block& block)
{
    if (block.continuation)
        return "";
    return block.ordered ? std::to_string(block.number) + "." : "\xE2\x80\xA2";
}

// A picture scaled to fit the column and a part of the screen's height, never blown up more than twice.
float draw_picture(const ScreenContext& c, const Block& block, float x, float width)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    std::optional<ImageTexture> texture = c.images ? c.images->get(block.image) : std::nullopt;
    if (texture && texture->width > 0 && texture->height > 0) {
        float max_h = std::max(m.em(6.0f), float(m.height) * 0.45f);
        float scale = std::min({width / float(texture->width), max_h / float(texture->height), 2.0f});
        ImVec2 size(std::floor(float(texture->width) * scale), std::floor(float(texture->height) * scale));
        ImVec2 at(std::floor(pos.x + x + (width - size.x) * 0.5f), pos.y);
        list->AddImage(texture->id, at, ImVec2(at.x + size.x, at.y + size.y));
        float h = size.y;
        if (!block.alt.empty()) {
            h += m.em(0.3f);
            h += draw_wrapped(
                list, style.fonts.small, ImVec2(pos.x + x, pos.y + h), width, style.theme.text_muted, block.alt, 3);
        }
        return h;
    }
    // No picture to show: its description in a framed box, so the words are never lost.
    std::string words = block.alt.empty() ? block.image : block.alt;
    float inset = m.em(0.6f);
    float text_h = wrapped_height(style.fonts.body, width - 2.0f * inset, words, 4);
    ImVec2 max(pos.x + x + width, pos.y + text_h + 2.0f * inset);
    list->AddRect(ImVec2(pos.x + x, pos.y), max, style.theme.border, style.radius(), 0, style.line());
    draw_wrapped(list, style.fonts.body, ImVec2(pos.x + x + inset, pos.y + inset), width - 2.0f * inset,
        style.theme.text_muted, words, 4);
    return text_h + 2.0f * inset;
}

// The chips for the links a block holds, flowing left to right and onto new rows.
std::optional<Intent> draw_link_chips(
    const ScreenContext& c, const Block& block, const Document& document, const std::string& path, float x, float width)
{
    const Style& style = c.style;
    std::optional<Intent> intent;
    std::vector<int> links;
    for (const Span& span : block.spans) {
        if (span.link >= 0 && std::find(links.begin(), links.end(), span.link) == links.end())
            links.push_back(span.link);
    }
    if (links.empty())
        return intent;
    ImVec2 start = ImGui::GetCursorPos();
    float gap = style.gap();
    float cx = x, cy = start.y + gap;
    for (int index : links) {
        const Link& link = document.links[std::size_t(index)];
        std::string label = shortened(link.text.empty() ? link.url : link.text, chip_text);
        float w = chip_width(label, Icon::Qr, width, style);
        if (cx > x && cx + w > x + width) {
            cx = x;
            cy += chip_height(style) + gap;
        }
        ImGui::SetCursorPos(ImVec2(start.x + cx, cy));
        ImGui::PushID(index);
        if (chip("link", label, Icon::Qr, false, width, style))
            intent = Intent {Intent::Kind::Open, path + "/link-" + std::to_string(index + 1)};
        ImGui::PopID();
        cx += w + gap;
    }
    ImGui::SetCursorPos(ImVec2(start.x, cy + chip_height(style)));
    return intent;
}

// What drawing one block left behind: its height, how far it steps in, and a link tapped in its words.
struct DrawnBlock {
    float height = 0.0f;
    float indent = 0.0f;
    int tapped = -1; // A link's words tapped in the text: the same as its chip.
};

// A block's rich text laid out as `layout`, drawn `indent` in from `pos`, with its links pressable.
DrawnBlock draw_rich_block(const RichLayout& layout, ImDrawList* list, ImVec2 pos, float indent)
{
    TextScope scope(TextKind::Description);
    draw_rich_text(list, layout, ImVec2(pos.x + indent, pos.y));
    int tapped = press_rich_links(layout, ImVec2(pos.x + indent, pos.y));
    return {layout.height, indent, tapped};
}

// A quote: its text stepped in beside an accent bar as tall as the text.
DrawnBlock draw_quote(const Style& style, const Block& block, ImDrawList* list, ImVec2 pos, float column)
{
    const Metrics& m = style.metrics;
    float indent = m.em(1.0f);
    const RichLayout& layout = cached_rich_layout(block.spans, column - indent, fonts_for(block, style));
    list->AddRectFilled(ImVec2(pos.x, pos.y), ImVec2(pos.x + m.mm(1.2f), pos.y + layout.height), style.theme.accent);
    return draw_rich_block(layout, list, pos, indent);
}

// A list item: its marker in a gutter, then its text; nested items step in by one gutter per level.
DrawnBlock draw_list_item(const Style& style, const Block& block, ImDrawList* list, ImVec2 pos, float column)
{
    const Metrics& m = style.metrics;
    float gutter = m.em(1.4f);
    float indent = gutter * float(std::max(1, block.level));
    std::string mark = marker(block);
    RichFonts fonts = fonts_for(block, style);
    if (mark == "\xE2\x80\xA2") {
        // A bullet as a drawn dot: a font's bullet is too small to see at arm's length.
        float r = std::max(2.0f, m.em(0.16f));
        list->AddCircleFilled(
            ImVec2(pos.x + indent - m.em(0.6f), pos.y + style.fonts.body->FontSize * 0.58f), r, style.theme.accent, 16);
    } else if (!mark.empty()) {
        ImFont* font = block.ordered ? style.fonts.bold : style.fonts.body;
        float mark_w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, mark.c_str()).x;
        draw_text(list, font, ImVec2(pos.x + indent - m.em(0.45f) - mark_w, pos.y), style.theme.accent, mark);
    }
    const RichLayout& layout = cached_rich_layout(block.spans, column - indent, fonts);
    return draw_rich_block(layout, list, pos, indent);
}

// A paragraph or list item that is nothing but links ("- [Watch the film](https://...)"): its chips say it all, so its
// words are not drawn as well.
bool only_links(const Block& block)
{
    bool any = false;
    for (const Span& span : block.spans) {
        if (span.link >= 0)
            any = true;
        else if (span.text.find_first_not_of(" \n") != std::string::npos)
            return false;
    }
    return any;
}

// One block of the page at the cursor, in a column `column` wide.
DrawnBlock draw_block(const ScreenContext& c, const Block& block, float column)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* list = ImGui::GetWindowDrawList();
    switch (block.kind) {
    case BlockKind::Rule:
        list->AddLine(ImVec2(pos.x, pos.y + m.em(0.5f)), ImVec2(pos.x + column, pos.y + m.em(0.5f)), style.theme.border,
            std::max(1.0f, m.mm(0.4f)));
        return {m.em(1.0f), 0.0f, -1};
    case BlockKind::Image: {
        float indent = m.em(1.4f) * float(std::max(0, block.level));
        return {draw_picture(c, block, indent, column - indent), indent, -1};
    }
    case BlockKind::Quote:
        return draw_quote(style, block, list, pos, column);
    case BlockKind::ListItem:
        if (only_links(block)) // The chips step in as the item's words would.
            return {0.0f, m.em(1.4f) * float(std::max(1, block.level)), -1};
        return draw_list_item(style, block, list, pos, column);
    case BlockKind::Heading:
    case BlockKind::Paragraph:
        if (block.kind == BlockKind::Paragraph && only_links(block))
            return {0.0f, 0.0f, -1};
        return draw_rich_block(cached_rich_layout(block.spans, column, fonts_for(block, style)), list, pos, 0.0f);
    }
    return {};
}

// The urgent actions' blocks: their font, inner padding and the space between them.
struct ActionLook {
    ImFont* font = nullptr;
    float inset = 0.0f;
    float gap = 0.0f;
};

float action_block_height(const ActionLook& look, float column, const std::string& text)
{
    return std::ceil(wrapped_height(look.font, column - 2.0f * look.inset, text, action_lines) + 2.0f * look.inset);
}

// The largest bold font in which every action's block fits `room`, else the smallest: the first action is on the
// first screen whatever the text size.
ActionLook action_look(const ScreenContext& c, const std::vector<Text>& actions, float column, float room)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    ActionLook look;
    for (ImFont* font : {style.fonts.title, style.fonts.tile, style.fonts.bold}) {
        look = {font, std::round(font->FontSize * 0.5f), m.em(0.5f)};
        float total = 0.0f;
        for (const Text& action : actions)
            total += action_block_height(look, column, c.text(action)) + look.gap;
        if (total <= room)
            break;
    }
    return look;
}

// The urgent actions at the cursor, each a block of the urgent colours the width of the column. They are words to
// act on, not buttons: nothing happens on a tap, and a drag on them scrolls the page. Each is recorded as a control
// with its words, for scripts and for reading aloud.
void draw_urgent_actions(const ScreenContext& c, const std::vector<Text>& actions, float left, float column, float room)
{
    const Style& style = c.style;
    ActionLook look = action_look(c, actions, column, room);
    ImDrawList* list = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const std::string& words = c.text(actions[i]);
        float h = action_block_height(look, column, words);
        ImGui::SetCursorPosX(left);
        ImVec2 min = ImGui::GetCursorScreenPos();
        ImVec2 max(min.x + column, min.y + h);
        fill_rounded(list, min, max, style.theme.urgent, style.radius());
        float text_h = wrapped_height(look.font, column - 2.0f * look.inset, words, action_lines);
        draw_wrapped(list, look.font, ImVec2(min.x + look.inset, std::floor(min.y + (h - text_h) * 0.5f)),
            column - 2.0f * look.inset, style.theme.urgent_text, words, action_lines);
        record_control(words, min, max, ClipTo::Window,
            ImGui::GetCurrentWindow()->GetID(static_cast<int>(i))); // Found again as it scrolls.
        ImGui::Dummy(ImVec2(column, h + look.gap));
    }
}

// Whether a page's first block is a heading that says the screen's title again: the same words, ignoring spaces at
// either end and the case of ASCII letters.
bool heading_repeats(const Document& document, const std::string& title)
{
    if (document.blocks.empty() || document.blocks[0].kind != BlockKind::Heading)
        return false;
    auto trimmed = [](std::string_view text) {
        std::size_t begin = text.find_first_not_of(" \t\n\r");
        std::size_t end = text.find_last_not_of(" \t\n\r");
        return begin == std::string_view::npos ? std::string_view() : text.substr(begin, end - begin + 1);
    };
    std::string heading;
    for (const Span& span : document.blocks[0].spans)
        heading += span.text;
    std::string_view a = trimmed(heading), b = trimmed(title);
    auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? char(ch - 'A' + 'a') : ch; };
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

} // namespace

std::optional<Intent> draw_page(const ScreenContext& c, const std::string& title, const Document& document,
    const std::string& note, bool urgent, const std::string& path, ScrollArea& scroll)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    bool title_cut = false;
    std::optional<Intent> intent = draw_navigation_bar(c, title, urgent, &title_cut);

    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    ImGui::SetCursorPos(ImVec2(0.0f, style.header_height()));
    scroll.begin("page", ImVec2(width, height - style.header_height()), c.frame.uptime, m.mm(2.0f), &style.theme,
        style.cue_gutter());

    width -= style.cue_gutter(); // The scroll cues' strip: the content stays left of it.
                                 // A column of comfortable reading width, centred on wide screens.
    float column = std::min(width - 2.0f * pad, m.em(34.0f));
    float left = std::floor((width - column) * 0.5f);
    ImGui::SetCursorPos(ImVec2(left, pad));
    const std::optional<UrgentTile>& tile = c.content.info().urgent;
    if (urgent && tile && !tile->actions.empty()) {
        // The first screen below the bar, less a line: the page is seen to go on.
        float room = height - style.header_height() - pad - m.em(1.5f);
        draw_urgent_actions(c, tile->actions, left, column, room);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + m.em(0.5f));
    }
    if (!note.empty()) {
        ImGui::SetCursorPosX(left);
        float h = draw_wrapped(ImGui::GetWindowDrawList(), style.fonts.body, ImGui::GetCursorScreenPos(), column,
            style.theme.text_muted, note, 2);
        ImGui::Dummy(ImVec2(column, h + m.em(0.6f)));
    }
    const Block* previous = nullptr;
    std::size_t first = 0;
    // The title is said once: in the bar, so a page's first heading that repeats it is left out; when the bar could not
    // show it whole, the page's own heading says it (or the title is drawn first when the page has no such heading).
    bool starts_with_title = heading_repeats(document, title);
    if (starts_with_title && !title_cut)
        first = 1;
    // A page that opens with a heading of its own needs no second title above it.
    bool starts_with_heading = !document.blocks.empty() && document.blocks.front().kind == BlockKind::Heading
        && document.blocks.front().level <= 1;
    if (title_cut && !starts_with_title && !starts_with_heading)
        draw_content_title(c, title, left, column);
    for (std::size_t i = first; i < document.blocks.size(); ++i) {
        const Block& block = document.blocks[i];
        ImGui::PushID(int(i));
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + space_before(block, previous, style));
        ImGui::SetCursorPosX(left);
        DrawnBlock drawn = draw_block(c, block, column);
        ImGui::Dummy(ImVec2(column, drawn.height));
        if (drawn.tapped >= 0)
            intent = Intent {Intent::Kind::Open, path + "/link-" + std::to_string(drawn.tapped + 1)};
        if (auto chosen = draw_link_chips(c, block, document, path, left + drawn.indent, column - drawn.indent))
            intent = chosen;
        ImGui::PopID();
        previous = &block;
    }
    ImGui::SetCursorPosX(left);
    ImGui::Dummy(ImVec2(column, pad * 2.0f)); // Room below the end, so the last line never sits on the edge.
    scroll.end();
    return intent;
}

} // namespace kiosk::ui
