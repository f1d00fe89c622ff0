// Replacing the words of [pronounce] by how they are said, whole words only, in one pass.
#include "content/pronounce.hpp"

#include "content/text_util.hpp"

#include <algorithm>
#include <numeric>
#include <unicode/uchar.h>
#include <vector>

namespace kiosk {

namespace {

// A letter, digit or combining mark of any script: what a word is made of. A mark counts, so "NUSU" followed by a
// combining accent is another word.
bool is_word_character(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    auto c = static_cast<UChar32>(cp);
    return u_isUAlphabetic(c) || u_isdigit(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

// The length of the character at `at` (1 for a byte that is not UTF-8), and whether it is a word character (false
// past the end and for such a byte).
std::size_t character_at(std::string_view text, std::size_t at, bool& word_character)
{
    word_character = false;
    if (at >= text.size())
        return 0;
    char32_t cp = 0;
    std::size_t length = decode_utf8(text.substr(at), cp);
    if (length == 0)
        return 1;
    word_character = is_word_character(cp);
    return length;
}

// Whether the character that ends just before `at` is a word character (false for bytes that are not UTF-8 there).
bool word_character_before(std::string_view text, std::size_t at)
{
    std::size_t start = at;
    while (start > 0 && at - start < 3 && (static_cast<unsigned char>(text[start - 1]) & 0xC0) == 0x80)
        --start;
    if (start == 0)
        return false;
    --start;
    bool word_character = false;
    return character_at(text, start, word_character) == at - start && word_character;
}

// Whether `word` ends in a word character: what the next word's start is checked against after it was replaced.
bool ends_in_word_character(std::string_view word)
{
    return word_character_before(word, word.size());
}

// `word` is at `at` and not followed by a word character (the caller knows what precedes it).
bool word_ends_at(std::string_view text, std::size_t at, std::string_view word)
{
    if (word.empty() || text.substr(at, word.size()) != word)
        return false;
    bool followed_by_word = false;
    character_at(text, at + word.size(), followed_by_word);
    return !followed_by_word;
}

} // namespace

std::string apply_pronunciations(std::string_view text, const Pronunciations& entries)
{
    if (entries.empty() || text.size() > max_pronounced_bytes)
        return std::string(text);
    std::size_t limit = std::min(4 * text.size() + max_said_as_bytes, max_pronounced_bytes);
    // Longest first, so "NUSU Chapter" wins over "NUSU"; among words of one length, the file's order.
    std::vector<std::size_t> order(entries.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
        [&](std::size_t a, std::size_t b) { return entries[a].first.size() > entries[b].first.size(); });

    std::string out;
    out.reserve(text.size());
    bool after_word = false; // The character before `at` is a word character: no word starts at `at`.
    for (std::size_t at = 0; at < text.size();) {
        const std::pair<std::string, std::string>* found = nullptr;
        for (std::size_t i = 0; i < order.size() && !after_word; ++i) {
            const auto& [word, said_as] = entries[order[i]];
            if (word_ends_at(text, at, word)
                && out.size() + said_as.size() + (text.size() - at - word.size()) <= limit) {
                found = &entries[order[i]];
                break;
            }
        }
        if (found) {
            out += found->second;
            at += found->first.size();
            after_word = ends_in_word_character(found->first);
            continue;
        }
        std::size_t length = character_at(text, at, after_word);
        out.append(text.substr(at, length));
        at += length;
    }
    return out;
}

bool says_word(std::string_view text, std::string_view word)
{
    if (word.empty())
        return false;
    // find() first: kiosk check looks for every word in every text of a bundle.
    for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        if (!word_character_before(text, at) && word_ends_at(text, at, word))
            return true;
    }
    return false;
}

const Pronunciations& pronunciations_for(const BundleInfo& info, const std::string& language)
{
    static const Pronunciations none;
    auto it = info.pronounce.find(language);
    return it == info.pronounce.end() ? none : it->second;
}

} // namespace kiosk
