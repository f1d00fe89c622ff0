// Helpers of the Markdown reader: HTML entities, image paths, the shapes of Markdown lines and a line table.
#pragma once

#include "content/reason.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <md4c.h>

namespace kiosk::markdown_detail {

inline constexpr std::size_t max_image_name_bytes = 255; // The longest file name most file systems allow.

// Appends "&amp;", "&#233;" or "&#x1F600;" decoded as UTF-8; an unknown name stays as written.
void append_entity(std::string& out, std::string_view entity);

enum class ImageProblem { None, NotInImages, NotPicture, Remote };

// Whether `src` names a PNG or JPEG file directly in the bundle's images/ folder.
ImageProblem check_image_path(std::string_view src);
// The error for a picture whose path check_image_path() refuses, without file and line, or "" for a good path.
std::string image_problem_message(std::string_view src);
Reason image_problem_reason(std::string_view src); // The same, to say in the kiosk's language.

// A `[words](address)` or `![words](address)` whose address has a space: Markdown does not take it as a link or
// picture, and the page would show it as it is written.
struct SpacedAddress {
    std::string address;  // As written, without a title in quotes after it.
    bool picture = false; // ![...](...) rather than [...](...).
};

// Those in one line of a page.
std::vector<SpacedAddress> find_spaced_addresses(std::string_view line);

// The warning for `found`, without file and line: what to write instead.
std::string spaced_address_message(const SpacedAddress& found);
Reason spaced_address_reason(const SpacedAddress& found); // The same, to say in the kiosk's language.

// The value of a link's or picture's address, entities decoded.
std::string decode_attribute(const MD_ATTRIBUTE& attribute);

bool is_blank(char c);
// Drops the quote marks ("> ") and indentation in front of a line's own text.
std::string_view strip_container_marks(std::string_view line);
// Drops a list item's mark ("- ", "1. ") and the space after it, if the line starts with one.
std::string_view strip_list_marker(std::string_view line);
// True for "---", "***", "_ _ _" and the like.
bool is_thematic_break(std::string_view line);
// True for the "===" or "---" line under a heading.
bool is_setext_underline(std::string_view line);

// Where each line starts, so that an offset md4c hands back can be turned into a line number.
class LineTable {
public:
    explicit LineTable(std::string_view text);
    int line_at(std::size_t offset) const;
    int count() const { return static_cast<int>(m_starts.size()); }
    // The text of 1-based line `line`, without its line end.
    std::string_view text_of(int line) const;

private:
    std::string_view m_text;
    std::vector<std::size_t> m_starts;
};

} // namespace kiosk::markdown_detail
