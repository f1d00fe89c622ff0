// Which items get a note saying they are not in the visitor's language, its words, and a line drawn with it.
#include "ui/translation_note.hpp"

#include "ui/widgets.hpp"

#include <cfloat>
#include <cstring>
#include <optional>

namespace kiosk::ui {

namespace {

float text_width(ImFont* font, const char* begin, const char* end)
{
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, begin, end).x;
}

// The width of the last of `text`'s lines at `width`, breaking as draw_wrapped does (ImGui's word wrap, and at line
// breaks), or nothing when the text has more than `max_lines` lines (the last is then cut with "...": full).
std::optional<float> last_line_width(ImFont* font, float width, const std::string& text, int max_lines)
{
    const char* s = text.c_str();
    const char* end = s + text.size();
    float last = 0.0f;
    for (int lines = 0; s < end; ++lines) {
        if (lines == max_lines)
            return std::nullopt;
        const char* eol = font->CalcWordWrapPositionA(1.0f, s, end, width);
        if (eol == s)
            return std::nullopt; // A character wider than the line.
        if (const void* newline = std::memchr(s, '\n', static_cast<std::size_t>(eol - s)))
            eol = static_cast<const char*>(newline);
        last = text_width(font, s, eol);
        s = eol;
        while (s < end && *s == ' ')
            ++s;
        if (s < end && *s == '\n')
            ++s;
    }
    return last;
}

} // namespace

std::string language_note(const std::string& shown, const std::string& language, const Strings& strings, NoteForm form)
{
    if (shown.empty() || shown == language)
        return "";
    std::string name_key = "language_" + shown;
    std::string name = strings.get(name_key, language);
    bool named = name != name_key; // The strings may not name this language.
    if (form == NoteForm::Page)
        return named ? strings.format(Phrase {"page_in_language", {{"language", name}}}, language)
                     : strings.get("page_not_translated", language);
    return named ? strings.format(Phrase {"in_language", {{"language", name}}}, language)
                 : strings.get("not_translated", language);
}

std::string translation_note(std::initializer_list<const Text*> texts, const std::string& language,
    const std::string& default_language, const Strings& strings)
{
    std::string shown;
    for (const Text* text : texts) {
        std::string in = text->language_shown(language, default_language);
        if (in == language)
            return "";
        if (shown.empty())
            shown = in;
    }
    return language_note(shown, language, strings);
}

float draw_wrapped_with_note(ImDrawList* list, ImFont* font, ImVec2 pos, float width, Color color,
    const std::string& text, int max_lines, const std::string& note, ImFont* note_font, Color note_color,
    NoteWithout fallback)
{
    if (note.empty())
        return draw_wrapped(list, font, pos, width, color, text, max_lines);
    float gap = font->FontSize * 0.4f;
    float note_w = text_width(note_font, note.data(), note.data() + note.size());
    // The whole width first, then the text narrowed by the note's room.
    for (float text_w : {width, width - gap - note_w}) {
        if (text_w < width * (2.0f / 3.0f))
            break;
        std::optional<float> last = last_line_width(font, text_w, text, max_lines);
        // A text with more lines than shown has its last one cut with "..." inside `text_w`.
        bool fits = last ? *last + gap + note_w <= width : text_w < width;
        if (!fits)
            continue;
        float height = draw_wrapped(list, font, pos, text_w, color, text, max_lines);
        float x = last && *last > 0.0f ? pos.x + *last + gap : last ? pos.x : pos.x + width - note_w;
        float baseline = pos.y + std::max(height, font->FontSize) - font->FontSize + font->Ascent; // The last line's.
        draw_text(list, note_font, ImVec2(x, baseline - note_font->Ascent), note_color, note);
        return std::max(height, font->FontSize);
    }
    float height = draw_wrapped(list, font, pos, width, color, text, max_lines);
    if (fallback == NoteWithout::Room)
        return height;
    float top = pos.y + height + font->FontSize * 0.15f;
    return top - pos.y + draw_wrapped(list, note_font, ImVec2(pos.x, top), width, note_color, note, 1);
}

} // namespace kiosk::ui
