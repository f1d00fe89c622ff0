// Text helpers shared by the readers.
#include "content/text_util.hpp"

#include <array>
#include <unicode/uchar.h>

namespace kiosk {

// Reads one UTF-8 character at the start of `bytes`; returns its length, or 0 when the bytes there are not UTF-8.
std::size_t decode_utf8(std::string_view bytes, char32_t& code_point)
{
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    unsigned char c = byte(0);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || len > bytes.size())
        return 0;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(k) & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (byte(k) & 0x3Fu);
    }
    static constexpr std::array<char32_t, 5> smallest {0, 0, 0x80, 0x800, 0x10000}; // Shorter forms are overlong.
    if (cp < smallest[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    code_point = cp;
    return len;
}

void append_utf8(std::string& out, char32_t cp)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        out += replacement_char;
    } else if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The text with each invalid UTF-8 sequence replaced by U+FFFD; `first_invalid` is its offset in `text`, or npos.
// Line breaks are never part of an invalid sequence, so lines stay where they were.
std::string replace_invalid_utf8(std::string_view text, std::size_t& first_invalid)
{
    first_invalid = std::string_view::npos;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        std::size_t len = decode_utf8(text.substr(i), cp);
        if (len != 0) {
            out.append(text.substr(i, len));
            i += len;
            continue;
        }
        if (first_invalid == std::string_view::npos)
            first_invalid = i;
        out += replacement_char;
        // A broken sequence and its stray continuation bytes become one replacement character.
        ++i;
        for (int k = 0; k < 3 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; ++k)
            ++i;
    }
    return out;
}

int first_invalid_utf8_line(std::string_view text)
{
    std::size_t first_invalid = std::string_view::npos;
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        std::size_t len = decode_utf8(text.substr(i), cp);
        if (len == 0) {
            first_invalid = i;
            break;
        }
        i += len;
    }
    return first_invalid == std::string_view::npos ? 0 : line_at(text, first_invalid);
}

int line_at(std::string_view text, std::size_t offset)
{
    int line = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        bool lone_cr = text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n');
        line += text[i] == '\n' || lone_cr;
    }
    return line;
}

bool starts_with_no_case(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i])
            return false;
    }
    return true;
}

bool ends_with_no_case(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && starts_with_no_case(text.substr(text.size() - suffix.size()), suffix);
}

// At most `limit` bytes of `text`, cut at a character boundary, with "…" when cut; for quoting in messages.
std::string csv_value(std::string value)
{
    if (!value.empty() && std::string_view("=+-@").find(value[0]) != std::string_view::npos)
        value.insert(0, 1, '\'');
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string quoted = "\"";
    for (char c : value)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string shortened(std::string_view text, std::size_t limit)
{
    if (text.size() <= limit)
        return std::string(text);
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return std::string(text.substr(0, end)) + "\xE2\x80\xA6";
}

bool is_link_address(std::string_view url)
{
    if (url.size() > max_link_bytes)
        return false;
    for (char c : url) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\')
            return false;
    }
    for (std::string_view scheme : {"https://", "http://"}) {
        if (starts_with_no_case(url, scheme)) {
            std::string_view host = url.substr(scheme.size());
            host = host.substr(0, host.find_first_of("/?#"));
            return !host.empty() && host.front() != '.';
        }
    }
    return (starts_with_no_case(url, "mailto:") && url.size() > 7)
        || (starts_with_no_case(url, "tel:") && url.size() > 4);
}

namespace {

bool is_right_to_left(char32_t cp)
{
    return (cp >= 0x0590 && cp <= 0x05FF) || (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F)
        || (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF);
}

} // namespace

std::optional<UnsupportedText> find_unsupported_text(std::string_view utf8, UnsupportedKind kind)
{
    for (std::size_t i = 0; i < utf8.size();) {
        if (static_cast<unsigned char>(utf8[i]) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        std::size_t len = decode_utf8(utf8.substr(i), cp);
        if (len == 0) {
            ++i;
            continue;
        }
        if (kind == UnsupportedKind::OutsideBasicPlane && cp > 0xFFFF)
            return UnsupportedText {i, std::string(utf8.substr(i, len))};
        if (kind == UnsupportedKind::RightToLeft && is_right_to_left(cp)) {
            // The word it starts reads better in a message than a lone letter.
            std::size_t end = i + len;
            for (int letters = 1; letters < 16 && end < utf8.size(); ++letters) {
                std::size_t next = decode_utf8(utf8.substr(end), cp);
                if (next == 0 || !is_right_to_left(cp))
                    break;
                end += next;
            }
            return UnsupportedText {i, std::string(utf8.substr(i, end - i))};
        }
        i += len;
    }
    return std::nullopt;
}

Reason unsupported_text_reason(UnsupportedKind kind, const UnsupportedText& found)
{
    return Reason::said(
        kind == UnsupportedKind::RightToLeft ? "text_right_to_left" : "text_outside_fonts", {{"sample", found.sample}});
}

std::string unsupported_text_message(UnsupportedKind kind, const UnsupportedText& found)
{
    return unsupported_text_reason(kind, found).text();
}

void UnsupportedTextWarner::check(
    std::string_view text, const std::string& file_name, int line, Diagnostics& diagnostics)
{
    for (UnsupportedKind kind : {UnsupportedKind::OutsideBasicPlane, UnsupportedKind::RightToLeft}) {
        bool& warned = m_warned[kind == UnsupportedKind::RightToLeft];
        if (warned)
            continue;
        if (auto found = find_unsupported_text(text, kind)) {
            diagnostics.warning(file_name, line, unsupported_text_reason(kind, *found));
            warned = true;
        }
    }
}

std::string bound_display_text(std::string_view utf8, DisplayTextChanges* changes)
{
    std::string out;
    out.reserve(utf8.size());
    int marks = 0; // Marks kept since the last base character.
    std::size_t i = 0;
    DisplayTextChanges found;
    auto note = [&](std::size_t& count) {
        ++count;
        if (found.first == std::string_view::npos)
            found.first = i;
    };
    while (i < utf8.size()) {
        char32_t c = 0;
        std::size_t length = decode_utf8(utf8.substr(i), c);
        if (length == 0) { // Not UTF-8 after all: the byte stays, for replace_invalid_utf8 to find.
            out += utf8[i++];
            marks = 0;
            continue;
        }
        auto cp = static_cast<UChar32>(c);
        std::int32_t category = u_charType(cp);
        bool mark
            = category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_COMBINING_SPACING_MARK;
        if (c == '\t' || c == '\n' || c == '\r' || (c == 0xFEFF && i == 0)) {
            out.append(utf8.substr(i, length));
            marks = 0;
        } else if (c == 0x2028 || c == 0x2029) {
            out += ' ';
            marks = 0;
        } else if (category == U_CONTROL_CHAR || category == U_FORMAT_CHAR
            || u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
            note(found.invisible);
        } else if (mark && marks >= max_marks_per_character) {
            note(found.marks);
        } else {
            out.append(utf8.substr(i, length));
            marks = mark ? marks + 1 : 0;
        }
        i += length;
    }
    if (changes) {
        changes->marks += found.marks;
        changes->invisible += found.invisible;
        if (changes->first == std::string_view::npos)
            changes->first = found.first;
    }
    return out;
}

std::string escape_controls(std::string_view text)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t c = 0;
        std::size_t length = decode_utf8(text.substr(i), c);
        if (length == 0 || c < 0x20 || c == 0x7F) {
            auto byte = static_cast<unsigned char>(text[i]);
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
            i += length == 0 ? 1 : length;
            continue;
        }
        std::int32_t category = u_charType(static_cast<UChar32>(c));
        if ((c >= 0x80 && c <= 0x9F) || category == U_FORMAT_CHAR || c == 0x2028 || c == 0x2029) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4)
                out += hex[(c >> shift) & 0xF];
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

std::string count_of(std::size_t n, std::string_view one, std::string_view many)
{
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

Reason display_text_reason(const DisplayTextChanges& changes)
{
    Reason reason;
    if (changes.marks > 0)
        reason = Reason::said(changes.marks == 1 ? "text_marks_one" : "text_marks",
            {{"n", std::to_string(changes.marks)}, {"max", std::to_string(max_marks_per_character)}});
    if (changes.invisible > 0) {
        if (!reason.empty())
            reason += Reason::said("text_and");
        reason += Reason::said(changes.invisible == 1 ? "text_invisible_one" : "text_invisible",
            {{"n", std::to_string(changes.invisible)}});
    }
    bool one = changes.marks + changes.invisible == 1; // "1 accent ... is", but "1 accent ... and 1 ... are".
    return reason + Reason::said(one ? "text_left_out_one" : "text_left_out");
}

std::string display_text_message(const DisplayTextChanges& changes)
{
    return display_text_reason(changes).text();
}

} // namespace kiosk
