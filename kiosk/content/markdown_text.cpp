// Helpers of the Markdown reader.
#include "content/markdown_text.hpp"

#include "content/file_names.hpp"
#include "content/text_util.hpp"

#include <algorithm>
#include <array>
#include <climits>

namespace kiosk::markdown_detail {

namespace {

struct NamedEntity {
    const char* name;
    char32_t code_point;
};

// The named entities people type; md4c passes any &name; through, and unknown ones stay as written.
constexpr std::array<NamedEntity, 56> named_entities {{{"amp", U'&'}, {"lt", U'<'}, {"gt", U'>'}, {"quot", U'"'},
    {"apos", U'\''}, {"nbsp", 0xA0}, {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"laquo", 0xAB}, {"raquo", 0xBB}, {"euro", 0x20AC}, {"cent", 0xA2}, {"pound", 0xA3}, {"yen", 0xA5}, {"sect", 0xA7},
    {"deg", 0xB0}, {"plusmn", 0xB1}, {"middot", 0xB7}, {"bull", 0x2022}, {"times", 0xD7}, {"divide", 0xF7},
    {"iexcl", 0xA1}, {"iquest", 0xBF}, {"ordf", 0xAA}, {"ordm", 0xBA}, {"ntilde", 0xF1}, {"Ntilde", 0xD1},
    {"aacute", 0xE1}, {"eacute", 0xE9}, {"iacute", 0xED}, {"oacute", 0xF3}, {"uacute", 0xFA}, {"uuml", 0xFC},
    {"Aacute", 0xC1}, {"Eacute", 0xC9}, {"Iacute", 0xCD}, {"Oacute", 0xD3}, {"Uacute", 0xDA}, {"Uuml", 0xDC},
    {"agrave", 0xE0}, {"egrave", 0xE8}, {"ccedil", 0xE7}, {"Ccedil", 0xC7}, {"auml", 0xE4}, {"ouml", 0xF6},
    {"szlig", 0xDF}, {"ensp", 0x2002}, {"emsp", 0x2003}}};

// The value of one decimal or hexadecimal digit, or -1.
int digit_value(char c, int base)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (base == 16 && c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

// "&amp;", "&#233;" or "&#x1F600;" as UTF-8; an unknown name stays as written.
void append_entity(std::string& out, std::string_view entity)
{
    if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') {
        out.append(entity);
        return;
    }
    std::string_view body = entity.substr(1, entity.size() - 2);
    if (body.front() == '#') {
        bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
        std::string_view digits = body.substr(hex ? 2 : 1);
        char32_t cp = 0;
        for (char c : digits) {
            int digit = digit_value(c, hex ? 16 : 10);
            if (digit < 0) {
                out.append(entity);
                return;
            }
            // Past U+10FFFF is invalid anyway; stopping there keeps long digit strings from overflowing.
            cp = std::min<char32_t>(cp * (hex ? 16 : 10) + static_cast<char32_t>(digit), 0x110000);
        }
        if (digits.empty()) {
            out.append(entity);
            return;
        }
        append_utf8(out, cp);
        return;
    }
    for (const NamedEntity& named : named_entities) {
        if (body == named.name) {
            append_utf8(out, named.code_point);
            return;
        }
    }
    out.append(entity);
}

ImageProblem check_image_path(std::string_view src)
{
    if (starts_with_no_case(src, "http://") || starts_with_no_case(src, "https://") || starts_with_no_case(src, "//"))
        return ImageProblem::Remote;
    constexpr std::string_view folder = "images/";
    if (src.substr(0, folder.size()) != folder)
        return ImageProblem::NotInImages;
    std::string_view name = src.substr(folder.size());
    if (name.empty() || name.size() > max_image_name_bytes || name.front() == '.'
        || name.find_first_of("/\\:") != std::string_view::npos || name.find("..") != std::string_view::npos
        || std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return ImageProblem::NotInImages;
    if (!ends_with_no_case(name, ".png") && !ends_with_no_case(name, ".jpg") && !ends_with_no_case(name, ".jpeg"))
        return ImageProblem::NotPicture;
    return ImageProblem::None;
}

bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

// Drops the quote marks ("> ") and indentation in front of a line's own text.
std::string_view strip_container_marks(std::string_view line)
{
    std::size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>'))
        ++i;
    return line.substr(i);
}

// Drops a list item's mark ("- ", "1. ") and the space after it, if the line starts with one.
std::string_view strip_list_marker(std::string_view line)
{
    std::size_t digits = 0;
    while (digits < line.size() && digits < 9 && line[digits] >= '0' && line[digits] <= '9')
        ++digits;
    std::size_t marker = digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')') ? digits + 1
        : !line.empty() && (line[0] == '-' || line[0] == '*' || line[0] == '+')                             ? 1
                                                                                                            : 0;
    if (marker == 0 || marker >= line.size() || (line[marker] != ' ' && line[marker] != '\t'))
        return line;
    return strip_container_marks(line.substr(marker));
}

// True for "---", "***", "_ _ _" and the like.
bool is_thematic_break(std::string_view line)
{
    char mark = 0;
    int count = 0;
    for (char c : line) {
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        if ((c != '-' && c != '*' && c != '_') || (mark != 0 && c != mark))
            return false;
        mark = c;
        ++count;
    }
    return count >= 3;
}

bool is_setext_underline(std::string_view line)
{
    line = strip_container_marks(line);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
        line.remove_suffix(1);
    return !line.empty()
        && (line.find_first_not_of('=') == std::string_view::npos
            || line.find_first_not_of('-') == std::string_view::npos);
}

LineTable::LineTable(std::string_view text)
    : m_text(text)
{
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool lone_cr = text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n');
        if (text[i] == '\n' || lone_cr)
            m_starts.push_back(i + 1);
    }
}

int LineTable::line_at(std::size_t offset) const
{
    auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    return static_cast<int>(it - m_starts.begin());
}

std::string_view LineTable::text_of(int line) const
{
    if (line < 1 || line > count())
        return {};
    std::size_t begin = m_starts[static_cast<std::size_t>(line - 1)];
    std::size_t end = line < count() ? m_starts[static_cast<std::size_t>(line)] : m_text.size();
    std::string_view text = m_text.substr(begin, end - begin);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::string decode_attribute(const MD_ATTRIBUTE& attribute)
{
    std::string out;
    if (attribute.size == 0 || attribute.text == nullptr)
        return out;
    for (std::size_t i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
        MD_OFFSET begin = attribute.substr_offsets[i];
        MD_OFFSET end = std::min(attribute.substr_offsets[i + 1], attribute.size);
        std::string_view piece(attribute.text + begin, end - begin);
        if (attribute.substr_types[i] == MD_TEXT_ENTITY)
            append_entity(out, piece);
        else if (attribute.substr_types[i] == MD_TEXT_NULLCHAR)
            out += replacement_char;
        else
            out.append(piece);
    }
    return out;
}

std::vector<SpacedAddress> find_spaced_addresses(std::string_view line)
{
    // One pass, so that a hostile line of brackets costs its length: '[' are stacked, each ']' takes its own, and an
    // address is skipped over once read.
    std::vector<SpacedAddress> found;
    std::vector<std::size_t> opens;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '[') {
            opens.push_back(i);
            continue;
        }
        if (line[i] != ']')
            continue;
        std::size_t open = opens.empty() ? std::string_view::npos : opens.back();
        if (!opens.empty())
            opens.pop_back();
        if (i + 1 >= line.size() || line[i + 1] != '(' || open == std::string_view::npos)
            continue;
        // The address ends at the ')' that closes its '(' (an address may hold "(2)").
        std::size_t end = i + 2;
        for (int depth = 0; end < line.size() && (line[end] != ')' || depth > 0); ++end)
            depth += line[end] == '(' ? 1 : line[end] == ')' ? -1 : 0;
        if (end == line.size())
            break;
        std::string_view address = line.substr(i + 2, end - i - 2);
        i = end;
        while (!address.empty() && is_blank(address.front()))
            address.remove_prefix(1);
        while (!address.empty() && (is_blank(address.back()) || address.back() == '\r'))
            address.remove_suffix(1);
        // A title ("...") after the address is Markdown's own; <...> holds an address with spaces that Markdown takes.
        for (char quote : {'"', '\''}) {
            std::size_t title = address.rfind(std::string {' ', quote});
            if (address.size() > 2 && address.back() == quote && title != std::string_view::npos && title > 0)
                address = address.substr(0, title);
        }
        if (address.empty() || address.front() == '<' || address.find_first_of(" \t") == std::string_view::npos)
            continue;
        found.push_back({std::string(address), open > 0 && line[open - 1] == '!'});
    }
    return found;
}

Reason spaced_address_reason(const SpacedAddress& found)
{
    Reason::Args args {{"address", shortened(found.address)}, {"encoded", shortened(spaces_encoded(found.address))}};
    return Reason::said(found.picture ? "page_picture_spaced" : "page_link_spaced", std::move(args));
}

std::string spaced_address_message(const SpacedAddress& found)
{
    return spaced_address_reason(found).text();
}

Reason image_problem_reason(std::string_view src)
{
    Reason quoted = Reason::said("page_image_not_in_images", {{"src", shortened(src)}});
    switch (check_image_path(src)) {
    case ImageProblem::None:
        return {};
    case ImageProblem::NotInImages:
        return quoted;
    case ImageProblem::NotPicture:
        return quoted + Reason::said("page_image_only_png_jpeg");
    case ImageProblem::Remote:
        return quoted + Reason::said("page_image_not_downloaded");
    }
    return {};
}

std::string image_problem_message(std::string_view src)
{
    return image_problem_reason(src).text();
}

} // namespace kiosk::markdown_detail
