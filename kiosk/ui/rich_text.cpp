// Rich text: a greedy line breaker over words that may change font mid-line.
#include "ui/rich_text.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

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
    void add_word(ImFont* font, Color color, bool underline, const char* begin, const char* end, const char* space_end)
    {
        float word_w = width_of(font, begin, end);
        if (m_x > 0.0f && m_x + word_w > m_width)
            new_line();
        while (word_w > m_width && begin < end) {
            // A word wider than the whole line (a long address): as many characters as fit, then the rest below.
            const char* cut = font->CalcWordWrapPositionA(1.0f, begin, end, m_width - m_x);
            if (cut <= begin) {
                unsigned int c = 0;
                cut = begin + std::max(1, ImTextCharFromUtf8(&c, begin, end));
            }
            append(font, color, underline, begin, cut);
            new_line();
            begin = cut;
            word_w = width_of(font, begin, end);
        }
        append(font, color, underline, begin, end);
        m_line_end = m_x;
        if (space_end > end && m_x > 0.0f)
            append(font, color, underline, end, space_end); // Trailing spaces: kept inside the line, not counted.
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
            std::string& text = line.runs.back().text;
            while (!text.empty() && text.back() == ' ')
                text.pop_back();
        }
    }

private:
    void append(ImFont* font, Color color, bool underline, const char* begin, const char* end)
    {
        if (begin == end)
            return;
        RichLine& line = m_layout.lines.back();
        float w = width_of(font, begin, end);
        if (!line.runs.empty() && line.runs.back().font == font && line.runs.back().color == color
            && line.runs.back().underline == underline) {
            line.runs.back().text.append(begin, end);
        } else {
            line.runs.push_back(RichRun {font, color, underline, m_x, std::string(begin, end)});
        }
        m_x += w;
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
        bool link = span.link >= 0;
        Color color = link ? fonts.link : fonts.text;
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

void draw_rich_text(ImDrawList* list, const RichLayout& layout, ImVec2 pos)
{
    float y = pos.y;
    for (const RichLine& line : layout.lines) {
        for (const RichRun& run : line.runs) {
            ImVec2 at(pos.x + run.x, y);
            list->AddText(
                run.font, run.font->FontSize, at, run.color, run.text.c_str(), run.text.c_str() + run.text.size());
            if (run.underline) {
                float w = width_of(run.font, run.text.c_str(), run.text.c_str() + run.text.size());
                float uy = std::round(y + run.font->FontSize * 1.02f);
                list->AddLine(
                    ImVec2(at.x, uy), ImVec2(at.x + w, uy), run.color, std::max(1.0f, run.font->FontSize / 14.0f));
            }
        }
        y += layout.line_height;
    }
}

} // namespace kiosk::ui
