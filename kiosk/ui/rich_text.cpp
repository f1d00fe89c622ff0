// Rich text: a greedy line breaker over words that may change font mid-line.
#include "ui/rich_text.hpp"

#include "ui/controls.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <imgui_internal.h>
#include <string_view>
#include <unordered_map>

namespace kiosk::ui {

namespace {

constexpr float line_spacing = 1.3f; // Running text needs more air between lines than labels do.

float width_of(ImFont* font, const char* begin, const char* end)
{
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, begin, end).x;
}

class LineBreaker {
public:
    LineBreaker(float width, RichLayout& layout)
        : m_width(width)
        , m_layout(layout)
    {
        m_layout.lines.emplace_back();
    }

    // Adds one word (its text without the spaces after it) and the spaces that follow it.
    void add_word(ImFont* font, Color color, int link, const char* begin, const char* end, const char* space_end)
    {
        float word_w = width_of(font, begin, end);
        if (m_x > 0.0f && m_x + word_w > m_width)
            new_line();
        while (word_w > m_width && begin < end) {
            // A word wider than the whole line (a long address, or text without spaces): as many characters as fit,
            // then the rest below. What is left is measured by subtracting, never again from its start: a 256 KiB
            // run without a space took 580 ms a frame that way.
            const char* cut = fitting_end(font, begin, end, m_width - m_x);
            float cut_w = append(font, color, link, begin, cut);
            new_line();
            begin = cut;
            word_w = std::max(0.0f, word_w - cut_w);
        }
        append(font, color, link, begin, end);
        m_line_end = m_x;
        if (space_end > end && m_x > 0.0f)
            append(font, color, link, end, space_end); // Trailing spaces: kept inside the line, not counted.
    }

    void new_line()
    {
        finish_line();
        m_layout.lines.emplace_back();
        m_x = 0.0f;
        m_line_end = 0.0f;
    }

    void finish_line()
    {
        RichLine& line = m_layout.lines.back();
        line.width = m_line_end;
        // Spaces at the end of a line would underline nothing: drop them from its last run.
        if (!line.runs.empty()) {
            RichRun& run = line.runs.back();
            while (!run.text.empty() && run.text.back() == ' ')
                run.text.pop_back();
            run.width = width_of(run.font, run.text.c_str(), run.text.c_str() + run.text.size());
        }
    }

private:
    // The end of the longest start of [begin, end) that fits in `width`, at least one character, looking no further
    // than that: ImGui's word wrapping scans to the end of a word, which here is the whole run.
    static const char* fitting_end(ImFont* font, const char* begin, const char* end, float width)
    {
        float x = 0.0f;
        const char* s = begin;
        while (s < end) {
            unsigned int c = 0;
            int length = std::max(1, ImTextCharFromUtf8(&c, s, end));
            float advance = font->GetCharAdvance(ImWchar(c < 0x10000 ? c : 0xFFFD));
            if (s > begin && x + advance > width)
                break;
            x += advance;
            s += length;
        }
        return s;
    }

    float append(ImFont* font, Color color, int link, const char* begin, const char* end)
    {
        if (begin == end)
            return 0.0f;
        RichLine& line = m_layout.lines.back();
        float w = width_of(font, begin, end);
        if (!line.runs.empty() && line.runs.back().font == font && line.runs.back().color == color
            && line.runs.back().link == link) {
            line.runs.back().text.append(begin, end);
            line.runs.back().width += w;
        } else {
            line.runs.push_back(RichRun {font, color, link >= 0, m_x, std::string(begin, end), link, w});
        }
        m_x += w;
        return w;
    }

    float m_width;
    RichLayout& m_layout;
    float m_x = 0.0f;
    float m_line_end = 0.0f; // Where the last word ended, before its spaces.
};

} // namespace

RichLayout layout_rich_text(const std::vector<Span>& spans, float width, const RichFonts& fonts)
{
    RichLayout layout;
    width = std::max(width, 1.0f);
    LineBreaker breaker(width, layout);
    for (const Span& span : spans) {
        ImFont* font = span.strong ? fonts.bold : span.emphasis ? fonts.italic : fonts.regular;
        int link = fonts.link ? span.link : -1; // No link colour: a link's words read as the text around them.
        Color color = link >= 0 ? fonts.link : fonts.text;
        const char* s = span.text.c_str();
        const char* end = s + span.text.size();
        while (s < end) {
            if (*s == '\n') {
                breaker.new_line();
                ++s;
                continue;
            }
            const char* word_end = s;
            while (word_end < end && *word_end != ' ' && *word_end != '\n')
                ++word_end;
            const char* space_end = word_end;
            while (space_end < end && *space_end == ' ')
                ++space_end;
            if (word_end == s) {
                // Spaces at the start of a span continue the previous word's gap.
                breaker.add_word(font, color, link, s, s, space_end);
            } else {
                breaker.add_word(font, color, link, s, word_end, space_end);
            }
            s = space_end;
        }
    }
    breaker.finish_line();
    float size = fonts.regular->FontSize;
    layout.line_height = std::round(size * line_spacing);
    layout.height = layout.line_height * float(layout.lines.size() - 1) + size;
    return layout;
}

namespace {

struct LayoutKey {
    std::size_t hash = 0;
    std::size_t bytes = 0;
    bool operator==(const LayoutKey& other) const { return hash == other.hash && bytes == other.bytes; }
};

struct LayoutKeyHash {
    std::size_t operator()(const LayoutKey& key) const { return key.hash; }
};

void mix(std::size_t& seed, std::size_t value)
{
    seed ^= value + 0x9E3779B97F4A7C15ull + (seed << 6) + (seed >> 2);
}

constexpr std::size_t max_cached_layouts = 512;
constexpr std::size_t max_cached_bytes = 8u << 20; // Of text laid out, roughly what the layouts hold.

} // namespace

const RichLayout& cached_rich_layout(const std::vector<Span>& spans, float width, const RichFonts& fonts)
{
    static std::unordered_map<LayoutKey, RichLayout, LayoutKeyHash> cache;
    static std::size_t cached_bytes = 0;
    LayoutKey key;
    for (const Span& span : spans) {
        mix(key.hash, std::hash<std::string_view>()(span.text));
        mix(key.hash, std::size_t(span.strong) | std::size_t(span.emphasis) << 1 | std::size_t(span.code) << 2);
        mix(key.hash, std::size_t(span.link) + 1);
        key.bytes += span.text.size();
    }
    // A rebuilt font atlas may put a font of another size at the same address: the sizes are part of the key.
    for (const ImFont* font : {fonts.regular, fonts.bold, fonts.italic}) {
        mix(key.hash, std::hash<const void*>()(font));
        mix(key.hash, std::hash<float>()(font ? font->FontSize : 0.0f));
    }
    mix(key.hash, std::hash<float>()(width));
    mix(key.hash, std::size_t(fonts.text) << 32 | fonts.link);
    if (auto found = cache.find(key); found != cache.end())
        return found->second;
    if (cache.size() >= max_cached_layouts || cached_bytes + key.bytes > max_cached_bytes) {
        cache.clear(); // Rare: another content or text size. Starting over costs one frame's layouts.
        cached_bytes = 0;
    }
    cached_bytes += key.bytes;
    return cache.emplace(key, layout_rich_text(spans, width, fonts)).first->second;
}

void draw_rich_text(ImDrawList* list, const RichLayout& layout, ImVec2 pos)
{
    float top = list->GetClipRectMin().y, bottom = list->GetClipRectMax().y;
    float y = pos.y;
    for (const RichLine& line : layout.lines) {
        if (y + layout.line_height < top || y > bottom) { // Off screen: a long page draws only what shows.
            y += layout.line_height;
            continue;
        }
        if (TextKind kind = recording_text(); kind != TextKind::None) {
            // Each line as a text (read aloud says the paragraph under a finger); one buffer for every frame.
            static std::string words;
            words.clear();
            for (const RichRun& run : line.runs)
                words += run.text;
            record_text(kind, words, ImVec2(pos.x, y), ImVec2(pos.x + line.width, y + layout.line_height), list);
        }
        for (const RichRun& run : line.runs) {
            ImVec2 at(pos.x + run.x, y);
            draw_text(list, run.font, at, run.color, run.text);
            if (run.underline) {
                float w = run.width;
                float uy = std::round(y + run.font->FontSize * 1.02f);
                list->AddLine(
                    ImVec2(at.x, uy), ImVec2(at.x + w, uy), run.color, std::max(1.0f, run.font->FontSize / 14.0f));
            }
        }
        y += layout.line_height;
    }
}

namespace {

// A link's words as a visitor reads them, from all its runs (a link can run over several lines).
std::string link_words(const RichLayout& layout, int link)
{
    std::string words;
    for (const RichLine& line : layout.lines) {
        bool first_on_line = true;
        for (const RichRun& run : line.runs) {
            if (run.link != link)
                continue;
            if (first_on_line && !words.empty() && words.back() != ' ')
                words += ' ';
            words += run.text;
            first_on_line = false;
        }
    }
    while (!words.empty() && words.back() == ' ')
        words.pop_back();
    return words;
}

} // namespace

int press_rich_links(const RichLayout& layout, ImVec2 pos)
{
    int tapped = -1;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    float y = pos.y;
    float reach = layout.line_height;
    float top = window->ClipRect.Min.y, bottom = window->ClipRect.Max.y;
    for (std::size_t l = 0; l < layout.lines.size(); ++l) {
        const RichLine& line = layout.lines[l];
        if (y + reach < top || y - reach > bottom) {
            y += layout.line_height;
            continue;
        }
        for (std::size_t r = 0; r < line.runs.size(); ++r) {
            const RichRun& run = line.runs[r];
            if (run.link < 0)
                continue;
            // The whole line's height, and a little to each side: words are small targets for a finger.
            float slack = run.font->FontSize * 0.3f;
            ImRect bb(ImVec2(pos.x + run.x - slack, y - (reach - run.font->FontSize) * 0.5f),
                ImVec2(
                    pos.x + run.x + run.width + slack, y + run.font->FontSize + (reach - run.font->FontSize) * 0.5f));
            ImGuiID id = window->GetID(int(l * 1000 + r));
            if (!ImGui::ItemAdd(bb, id, nullptr, ImGuiItemFlags_None))
                continue;
            record_control(link_words(layout, run.link), bb.Min, bb.Max, ClipTo::Window, id);
            bool hovered = false, held = false;
            if (ImGui::ButtonBehavior(bb, id, &hovered, &held))
                tapped = run.link;
        }
        y += layout.line_height;
    }
    return tapped;
}

} // namespace kiosk::ui
