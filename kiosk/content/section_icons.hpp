// The icons a section may show on its home tile (bundle.toml `icon`): names from Google's Material Icons, each with
// its character in Debian's fonts-material-design-icons-iconfont. The one list of them; docs/content-guide.md shows it.
#pragma once

#include "content/bundle.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct SectionIcon {
    std::string_view name;  // Material's name, as bundle.toml writes it: "local_hospital".
    char32_t codepoint = 0; // Its character in MaterialIcons-Regular.ttf (the package's codepoints list).
    std::string_view hints; // Other words staff may write for it, only to suggest it: "hospital clinic".
};

// Every icon a bundle may name, in the order of the content guide's list.
std::span<const SectionIcon> section_icons();

// The icon called `name`, or null.
const SectionIcon* find_section_icon(std::string_view name);

// The icon of a section of `kind` that names none, so every tile of home has one in the same style: a page of text,
// a grid of cards, a calendar.
const SectionIcon& default_section_icon(SectionKind kind);

// The icon a section shows: the one it names, else its kind's.
const SectionIcon& shown_section_icon(const Section& section);

// Up to `most` names of the list close to `name`, best first: misspelt, written with '-' or capitals, or one of an
// icon's hint words ("food" suggests "restaurant"). Empty when nothing is close.
std::vector<std::string_view> similar_icon_names(std::string_view name, std::size_t most = 3);

// Where staff find the list, for messages: "the content guide (docs/content-guide.md, \"Section icons\")".
extern const char* const section_icons_doc;

} // namespace kiosk
