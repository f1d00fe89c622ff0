// Text as the screens draw it: one line handed to ImGui in safe pieces, or wrapped to a width and measured.
#include "ui/wrapped_text.hpp"

#include "ui/controls.hpp"

#include <algorithm>
#include <cfloat>
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

float text_width(ImFont* font, const std::string& text)
{
    return text_width(font, text.data(), text.data() + text.size());
}

float widest_word(ImFont* font, const std::string& text)
{
    float widest = 0.0f;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = std::min(text.find_first_of(" \n", at), text.size());
        widest = std::max(widest, text_width(font, text.data() + at, text.data() + end));
        at = end + 1;
    }
    return widest;
}

float draw_wrapped(ImDrawList* list, ImFont* font, ImVec2 pos, float width, Color color, const std::string& text,
    int max_lines, float align)
{
    const std::vector<WrapLine>& lines = wrap_lines(font, width, text, max_lines);
    const char* begin = text.c_str();
    float y = pos.y;
    std::size_t start = 0;
    int shown = 0;
    // Where a line of width `w` starts: at the left, or its share of the room left over.
    auto left = [&](float w) { return align > 0.0f ? pos.x + std::max(0.0f, width - w) * align : pos.x; };
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
            float w = text_width(font, s, cut) + ellipsis_width;
            float x = left(w);
            draw_text(list, font, ImVec2(x, y), color, s, cut);
            draw_text(list, font, ImVec2(x + text_width(font, s, cut), y), color, ellipsis, ellipsis + 3);
            if (TextKind kind = recording_text(); kind != TextKind::None) {
                record_text(kind, std::string_view(s, std::size_t(cut - s)), ImVec2(x, y),
                    ImVec2(x + w, y + font->FontSize), list, std::string_view(ellipsis, 3));
            }
        } else {
            // Measured only when centred or recording: one string a line, nothing a glyph.
            TextKind kind = recording_text();
            float w = align > 0.0f || kind != TextKind::None ? text_width(font, s, eol) : 0.0f;
            float x = left(w);
            draw_text(list, font, ImVec2(x, y), color, s, eol);
            if (kind != TextKind::None)
                record_text(kind, std::string_view(s, std::size_t(eol - s)), ImVec2(x, y),
                    ImVec2(x + w, y + font->FontSize), list);
        }
        y += font->FontSize * line_spacing;
        start = lines[i].next;
    }
    return shown == 0 ? 0.0f : (y - pos.y) - font->FontSize * (line_spacing - 1.0f);
}

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

float wrapped_height(ImFont* font, float width, const std::string& text, int max_lines)
{
    int lines = std::min(int(wrap_lines(font, width, text, max_lines).size()), max_lines);
    if (lines == 0)
        return 0.0f;
    return font->FontSize * (line_spacing * float(lines - 1) + 1.0f);
}

} // namespace kiosk::ui
