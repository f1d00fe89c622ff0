// The short label that tells a visitor an item is not in their language ("(en inglés)"), and a line drawn with it.
#pragma once

#include "content/text.hpp"
#include "ui/strings.hpp"
#include "ui/theme.hpp"

#include <imgui.h>
#include <initializer_list>
#include <string>

namespace kiosk::ui {

enum class NoteForm {
    Label, // "(en inglés)": after an item's title.
    Page,  // "Esta página está en inglés.": a line at the top of a page.
};

// The note for words in the language `shown` read by a visitor of `language`: "" when they are the same or `shown`
// is "" (nothing shown); else the strings' words in `language` naming `shown` (the key language_<shown>), or saying
// only that it is not translated when the strings do not name it.
std::string language_note(
    const std::string& shown, const std::string& language, const Strings& strings, NoteForm form = NoteForm::Label);

// The note for an item made of `texts` (its title, its description, its place): "" when one of them has words in
// `language` (the visitor's) or none has any words; else the note naming the language its first text with words is
// shown in, as Text::in picks it with `default_language` for fallback.
std::string translation_note(std::initializer_list<const Text*> texts, const std::string& language,
    const std::string& default_language, const Strings& strings);
inline std::string translation_note(
    const Text& text, const std::string& language, const std::string& default_language, const Strings& strings)
{
    return translation_note({&text}, language, default_language, strings);
}

// `label` with `note` after it, as a control's label says it ("Llamada (en inglés)"); `label` alone without a note.
inline std::string with_note(const std::string& label, const std::string& note)
{
    return note.empty() ? label : label + " " + note;
}

// What becomes of a note that does not fit after the text, even with the text narrowed to two thirds of the width.
enum class NoteWithout {
    Room,    // It is left out: a line of its own would push what follows out of its box.
    OwnLine, // It goes on a line of its own under the text.
};

// `text` wrapped to `width` in at most `max_lines` lines, as draw_wrapped draws it, with `note` (when not empty) after
// its last line on the same baseline, in `note_font` and `note_color`. Where the note does not fit there, the text is
// wrapped narrower, down to two thirds of the width, to leave the note room at the end of its last line (cut with
// "..." as long titles are); below that, `fallback` says. Returns the height used, as draw_wrapped does.
float draw_wrapped_with_note(ImDrawList* list, ImFont* font, ImVec2 pos, float width, Color color,
    const std::string& text, int max_lines, const std::string& note, ImFont* note_font, Color note_color,
    NoteWithout fallback);

} // namespace kiosk::ui
