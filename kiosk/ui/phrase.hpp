// A sentence in the kiosk's own words, kept as a string key and its arguments until it is drawn, so that it shows in
// whatever language the kiosk speaks then (Strings::format fills it in).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace kiosk::ui {

struct Phrase {
    using Args = std::vector<std::pair<std::string, std::string>>;

    // A key of assets/strings/<lang>.toml, or "" for text that is not ours to translate (the "text" argument).
    std::string key {};
    // The named placeholders: {"version", "2026-12-01"} fills "{version}". Values are shown as they are.
    Args args {};

    // Text shown as it is in every language: a file name, a URL, words from the sync layer.
    static Phrase verbatim(std::string text) { return Phrase {"", {{"text", std::move(text)}}}; }
    // The key for `count` of something: `one` for exactly 1, else `other` (English and Spanish have these two).
    static Phrase plural(long long count, const char* one, const char* other, Args args)
    {
        return Phrase {count == 1 ? one : other, std::move(args)};
    }

    bool empty() const { return key.empty() && args.empty(); }
    bool operator==(const Phrase&) const = default;
};

// Several sentences shown one after another, separated by a space.
using Phrases = std::vector<Phrase>;

} // namespace kiosk::ui
