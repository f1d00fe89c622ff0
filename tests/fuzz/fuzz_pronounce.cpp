// Fuzzes read aloud's pronunciations: a [pronounce.en] table read by bundle.toml's reader (read_pronounce), then
// applied to a text, checking pronounce.hpp's contracts.
// The input is split at its first NUL byte: before it, the lines of the table (the "[pronounce.en]" line is added
// in front); after it, the text to pronounce (any bytes, more NULs included). With no NUL, the text is empty.
#include "content/bundle_pronounce.hpp"
#include "content/pronounce.hpp"
#include "content/text_util.hpp"
#include "content/toml_reader.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace kiosk;

namespace {

// A broken contract traps (SIGILL), which libFuzzer reports as a crash, saving the input.
void require(bool holds)
{
    if (!holds)
        __builtin_trap();
}

// The table's entries as the reader keeps them, within bundle.hpp's bounds: read aloud's limits rely on them.
Pronunciations read_entries(std::string_view table_lines)
{
    BundleInfo info;
    info.languages = {"en"};
    Diagnostics diagnostics;
    std::string toml = "[pronounce.en]\n" + std::string(table_lines);
    auto root = parse_toml(toml, "bundle.toml", diagnostics);
    if (!root || !root->is_table() || !root->contains("pronounce"))
        return {};
    read_pronounce(root->at("pronounce"), info, diagnostics);
    Pronunciations entries = pronunciations_for(info, "en");
    require(entries.size() <= max_pronunciations);
    for (const auto& [word, said_as] : entries) {
        require(!word.empty() && word.size() <= max_pronounced_word_bytes);
        require(!said_as.empty() && said_as.size() <= max_said_as_bytes);
        require(first_invalid_utf8_line(word) == 0 && first_invalid_utf8_line(said_as) == 0);
    }
    return entries;
}

// pronounce.hpp's bound: a text longer than max_pronounced_bytes comes back unchanged; any other grows to at most
// 4 times its length plus one said-as text (max_said_as_bytes at most), and never past max_pronounced_bytes.
void check_bound(std::string_view text, const std::string& out)
{
    if (text.size() > max_pronounced_bytes) {
        require(out == text);
        return;
    }
    require(out.size() <= max_pronounced_bytes);
    require(out.size() <= 4 * text.size() + max_said_as_bytes);
}

// Words and said-as texts are whole UTF-8 (the reader refuses others), so replacing them keeps a valid text valid:
// the speech engine is never handed a character cut in two.
void check_stays_utf8(std::string_view text, const std::string& out)
{
    if (first_invalid_utf8_line(text) == 0)
        require(first_invalid_utf8_line(out) == 0);
}

// says_word is true exactly when apply_pronunciations finds the word alone. The stand-in said-as text is one control
// byte, which no word can be (the reader refuses them) and which never makes the text longer, so the bound never
// keeps a found word as written.
void check_says_word(std::string_view text, const std::string& word)
{
    const std::string stand_in = "\x01";
    std::string alone = apply_pronunciations(text, {{word, stand_in}});
    check_bound(text, alone);
    if (text.size() <= max_pronounced_bytes)
        require(says_word(text, word) == (alone != text));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::size_t nul = std::min(input.find('\0'), input.size());
    std::string_view text = nul < input.size() ? input.substr(nul + 1) : std::string_view();
    Pronunciations entries = read_entries(input.substr(0, nul));

    std::string out = apply_pronunciations(text, entries);
    check_bound(text, out);
    check_stays_utf8(text, out);
    if (entries.empty())
        require(out == text);
    for (const auto& [word, said_as] : entries) {
        check_says_word(text, word);
        std::string one = apply_pronunciations(text, {{word, said_as}});
        check_bound(text, one);
        check_stays_utf8(text, one);
    }
    return 0;
}
