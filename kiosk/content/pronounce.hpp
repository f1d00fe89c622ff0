// Read aloud's pronunciations (bundle.toml's [pronounce], issue 19): words of a text replaced by how they are said.
#pragma once

#include "content/bundle.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

// The most bytes apply_pronunciations gives back: what the speech engine reads in one go (Speech's max_text_bytes).
inline constexpr std::size_t max_pronounced_bytes = 20000;

// `text` with each whole-word occurrence of an entry's word replaced by its said-as text, for the speech engine:
//  - a word matches with its exact case ("NUSU", not "Nusu"), and only whole: not preceded or followed by a letter,
//    digit or combining mark of any script, so "NUSU's" and "(NUSU)" match NUSU, and "NUSUX" and "ÑNUSU" do not;
//  - where words overlap (NUSU and "NUSU Chapter"), the longest is tried first;
//  - in one pass: a said-as text is never searched again, so "NUSU" = "new NUSU" cannot run away.
// The result is at most 4 times the text's length plus the longest a said-as text may be (max_said_as_bytes: so a
// text that is only the word can always take it), and never more than max_pronounced_bytes; a word whose said-as text
// would pass that stays as written. A text already longer than that is given back unchanged.
std::string apply_pronunciations(std::string_view text, const Pronunciations& entries);

// True when `text` has `word` as apply_pronunciations would find it: whole, with the same case.
bool says_word(std::string_view text, std::string_view word);

// The bundle's pronunciations in `language` (exactly one of its languages), or an empty list.
const Pronunciations& pronunciations_for(const BundleInfo& info, const std::string& language);

} // namespace kiosk
