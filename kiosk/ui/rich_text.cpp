// Rich text: a greedy line breaker over words that may change font mid-line.
#include "ui/rich_text.hpp"

#include "ui/widgets.hpp"

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
    void add_word(ImFont* font, Color color, int link, const char* begin, const char* end, const char* space_end)
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
            append(font, color, link, begin, cut);
            new_line();
            begin = cut;
            word_w = width_of(font, begin, end);
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
    void append(ImFont* font, Color color, int link, const char* begin, const char* end)
    {
        if (begin == end)
            return;
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
        Color color = span.link >= 0 ? fonts.link : fonts.text;
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
                breaker.add_word(font, color, span.link, s, s, space_end);
            } else {
                breaker.add_word(font, color, span.link, s, word_end, space_end);
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

int press_rich_links(const RichLayout& layout, ImVec2 pos)
{
    int tapped = -1;
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    float y = pos.y;
    float reach = layout.line_height;
    for (std::size_t l = 0; l < layout.lines.size(); ++l) {
        const RichLine& line = layout.lines[l];
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
            bool hovered = false, held = false;
            if (ImGui::ButtonBehavior(bb, id, &hovered, &held))
                tapped = run.link;
        }
        y += layout.line_height;
    }
    return tapped;
}

} // namespace kiosk::ui
