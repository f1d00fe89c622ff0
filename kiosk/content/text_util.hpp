// Small text helpers shared by the readers: UTF-8 decoding and checking, case-insensitive affixes, quoting values in
// messages, link addresses and line numbers.
#pragma once

#include "content/diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// U+FFFD, shown in place of bytes that are not text.
inline constexpr const char* replacement_char = "\xEF\xBF\xBD";

// Reads one UTF-8 character at the start of `bytes`; returns its length, or 0 when the bytes there are not UTF-8
// (overlong forms, surrogates and values past U+10FFFF included).
std::size_t decode_utf8(std::string_view bytes, char32_t& code_point);

// Appends `cp` as UTF-8; NUL, surrogates and values past U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// The text with each invalid UTF-8 sequence replaced by U+FFFD; `first_invalid` is its offset in `text`, or npos.
// Line breaks are never part of an invalid sequence, so lines stay where they were.
std::string replace_invalid_utf8(std::string_view text, std::size_t& first_invalid);

// The 1-based line of the first invalid UTF-8 sequence, or 0 when the text is valid UTF-8.
int first_invalid_utf8_line(std::string_view text);

// The 1-based line holding byte `offset` (LF, CRLF and lone CR all end a line).
int line_at(std::string_view text, std::size_t offset);

bool starts_with_no_case(std::string_view text, std::string_view lowercase_prefix);
bool ends_with_no_case(std::string_view text, std::string_view lowercase_suffix);

// "1 event", "3 events", "0 events": `n` with `one` or `many` after it. English and Spanish use `one` for exactly 1.
std::string count_of(std::size_t n, std::string_view one, std::string_view many);

// One value for a CSV file a spreadsheet will open (RFC 4180): in quotes when it holds a comma, a quote or a line
// break. A value a spreadsheet would take for a formula (=, +, -, @ first) gets a ' before it, so that opening the
// file never runs what content wrote.
std::string csv_value(std::string value);

// At most `limit` bytes of `text`, cut at a character boundary, with "…" when cut; for quoting values in messages.
std::string shortened(std::string_view text, std::size_t limit = 80);

// The longest address a QR code is made for: longer ones cannot be scanned reliably.
inline constexpr std::size_t max_link_bytes = 2000;

// A web address a phone can open from a QR code: http:// or https:// with a host, mailto: or tel:.
bool is_link_address(std::string_view url);

// What content must never put on a screen. A pile of combining marks on one letter draws as one smudge but costs a
// glyph each, and Debian's Dear ImGui aborts the kiosk past about 16,000 glyphs in one call (17,000 accents on one
// letter did). Invisible characters (zero-width spaces and joiners, bidi embeddings and overrides, variation selectors,
// tags, soft hyphens, byte order marks: Unicode's format characters and default-ignorable code points) and control
// characters show nothing a visitor could read and can hide or reorder what they do read. Real writing never has
// more than a few marks on a letter (Vietnamese two, Indic scripts three).
inline constexpr int max_marks_per_character = 4;

struct DisplayTextChanges {
    std::size_t marks = 0;                      // Combining marks dropped past max_marks_per_character.
    std::size_t invisible = 0;                  // Invisible and control characters dropped.
    std::size_t first = std::string_view::npos; // Byte offset, in the text given, of the first change.
    bool any() const { return marks + invisible > 0; }
};

// `utf8` (valid UTF-8: see replace_invalid_utf8) made safe to draw: marks past the cap and invisible characters
// dropped, line and paragraph separators (U+2028, U+2029) turned into spaces. Tabs, line breaks and carriage returns
// stay, so a whole file can be bounded before it is parsed and keep its syntax and line numbers; so does a byte order
// mark at its very start, which the readers skip. Adds what it changed to `changes` when given.
std::string bound_display_text(std::string_view utf8, DisplayTextChanges* changes = nullptr);

// The warning for `changes` (which has any()), without file and line.
Reason display_text_reason(const DisplayTextChanges& changes);
// The same in English.
std::string display_text_message(const DisplayTextChanges& changes);

// `text` safe to print on one line of a report, a log or a terminal: control characters (line breaks and terminal
// escapes included), C1 controls and the invisible characters that reorder or hide text (bidi overrides and
// isolates, zero-width spaces) become visible escapes such as \x1B or \u202E; bytes that are not UTF-8 become \xHH.
// A stick's file or folder name can then neither forge a line ("IMPORTED: ...") nor drive the terminal.
std::string escape_controls(std::string_view text);

// Kinds of text the kiosk's fonts and layout cannot show.
enum class UnsupportedKind {
    OutsideBasicPlane, // Emoji and other characters above U+FFFF.
    RightToLeft,       // Hebrew and Arabic letters, which the layout cannot order yet.
};

struct UnsupportedText {
    std::size_t offset = 0; // Byte offset of the first such character in the text searched.
    std::string sample;     // That character (for right-to-left text, up to 16 letters of its word), for messages.
};

// The first character of `kind` in `utf8`, or nothing. Invalid UTF-8 bytes are skipped. Every reader of text
// people write (Markdown, CSV, TOML) uses it to warn once per file and kind.
std::optional<UnsupportedText> find_unsupported_text(std::string_view utf8, UnsupportedKind kind);

// The warning for `found`, without file and line: `characters such as "..." cannot be shown by the kiosk's fonts
// (...)` or `right-to-left text such as "..." is not supported yet`.
std::string unsupported_text_message(UnsupportedKind kind, const UnsupportedText& found);
Reason unsupported_text_reason(UnsupportedKind kind, const UnsupportedText& found); // The same, to translate.

// Warns once per kind of unsupported text, at the first place it appears: one per file is enough to act on.
class UnsupportedTextWarner {
public:
    void check(std::string_view text, const std::string& file_name, int line, Diagnostics& diagnostics);

private:
    bool m_warned[2] = {false, false};
};

} // namespace kiosk
