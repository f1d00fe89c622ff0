// Reading bundle.toml's [pronounce] tables within their bounds, and warning of a word no text says.
#include "content/bundle_pronounce.hpp"

#include "content/bundle_reader.hpp"
#include "content/pronounce.hpp"
#include "content/text_util.hpp"
#include "content/toml_reader.hpp"

#include <algorithm>

namespace kiosk {

namespace {

constexpr const char* bundle_file = "bundle.toml";
constexpr const char* setting = "pronounce";
constexpr const char* example = "NUSU = \"new-soo\"";

// A table's entries in the order the file gives them: toml11 keeps a table's keys unordered.
std::vector<std::pair<std::string, const toml::value*>> in_file_order(const toml::table& table)
{
    std::vector<std::pair<std::string, const toml::value*>> entries;
    entries.reserve(table.size());
    for (const auto& [key, value] : table)
        entries.emplace_back(key, &value);
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        int line_a = line_of(*a.second), line_b = line_of(*b.second);
        return line_a != line_b ? line_a < line_b : a.first < b.first;
    });
    return entries;
}

enum class Part { Word, SaidAs };

// The key of the reason `text` cannot be a word or a said-as text (`part`), or nullptr when it can be.
const char* problem_with(const std::string& text, Part part)
{
    bool word = part == Part::Word;
    if (text.find_first_not_of(" \t") == std::string::npos)
        return word ? "bundle_pronounce_word_empty" : "bundle_pronounce_said_empty";
    if (text.size() > (word ? max_pronounced_word_bytes : max_said_as_bytes))
        return word ? "bundle_pronounce_word_long" : "bundle_pronounce_said_long";
    // TOML's escapes (\u200B, \t) reach here whatever the file's bytes were.
    const char* invisible = word ? "bundle_pronounce_word_invisible" : "bundle_pronounce_said_invisible";
    bool control = std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
    if (control || first_invalid_utf8_line(text) != 0)
        return invisible;
    DisplayTextChanges changes;
    bound_display_text(text, &changes);
    return changes.any() ? invisible : nullptr;
}

// One language's table: its good entries, each problem warned about at its line.
void read_language(const std::string& language, const toml::value& value, BundleInfo& info, Diagnostics& diagnostics)
{
    std::string table = std::string(setting) + "." + language;
    if (!value.is_table()) {
        diagnostics.warning(bundle_file, line_of(value),
            Reason::said("bundle_pronounce_not_words", {{"table", table}, {"example", example}})
                + toml_type_reason(value) + Reason::said("bundle_left_out"));
        return;
    }
    Pronunciations& entries = info.pronounce[language];
    std::vector<int>& lines = info.pronounce_lines[language];
    for (const auto& [word, said] : in_file_order(value.as_table())) {
        int line = line_of(*said);
        if (entries.size() == max_pronunciations) {
            diagnostics.warning(bundle_file, line,
                Reason::said(
                    "bundle_pronounce_too_many", {{"table", table}, {"n", std::to_string(max_pronunciations)}}));
            break;
        }
        Reason what = Reason::said("bundle_pronounce_word", {{"table", table}, {"word", shortened(word, 40)}});
        if (!said->is_string()) {
            diagnostics.warning(bundle_file, line,
                what + Reason::said("bundle_text_not_quoted") + toml_type_reason(*said)
                    + Reason::said("bundle_left_out"));
            continue;
        }
        const std::string& said_as = said->as_string().str;
        const char* problem = problem_with(word, Part::Word);
        std::size_t max = max_pronounced_word_bytes;
        if (!problem) {
            problem = problem_with(said_as, Part::SaidAs);
            max = max_said_as_bytes;
        }
        if (problem) {
            diagnostics.warning(bundle_file, line, what + Reason::said(problem, {{"max", std::to_string(max)}}));
            continue;
        }
        entries.emplace_back(word, said_as);
        lines.push_back(line);
    }
    if (entries.empty()) {
        info.pronounce.erase(language);
        info.pronounce_lines.erase(language);
    }
}

// The texts a visitor in `language` is shown, each as a whole (a Markdown block's spans joined, as read aloud says
// it), given to `see` until it returns true.
template <typename See> bool any_text(const Bundle& bundle, const std::string& language, See see)
{
    const BundleInfo& info = bundle.info;
    const std::string& fallback = info.default_language();
    auto text = [&](const Text& t) { return see(t.in(language, fallback)); };
    if (text(info.name))
        return true;
    if (info.urgent
        && (text(info.urgent->title) || std::any_of(info.urgent->actions.begin(), info.urgent->actions.end(), text)))
        return true;
    for (const Section& section : info.sections) {
        if (text(section.title))
            return true;
    }
    for (const auto& [name, page] : bundle.pages) {
        for (const Block& block : page.in(language, fallback).blocks) {
            std::string words;
            for (const Span& span : block.spans)
                words += span.text;
            if (see(words) || see(block.alt))
                return true;
        }
    }
    for (const auto& [source, cards] : bundle.card_lists) {
        for (const Card& card : cards) {
            if (text(card.title) || text(card.description))
                return true;
            for (const auto& [tag, value] : card.tags) {
                if (text(value))
                    return true;
            }
        }
    }
    return std::any_of(bundle.events.begin(), bundle.events.end(),
        [&](const Event& event) { return text(event.title) || text(event.description) || text(event.location); });
}

} // namespace

void read_pronounce(const toml::value& value, BundleInfo& info, Diagnostics& diagnostics)
{
    if (!value.is_table()) {
        diagnostics.warning(bundle_file, line_of(value),
            Reason::said("bundle_pronounce_not_tables",
                {{"setting", setting}, {"language", info.default_language()}, {"example", example}})
                + toml_type_reason(value) + Reason::said("bundle_left_out"));
        return;
    }
    for (const auto& [language, table] : in_file_order(value.as_table())) {
        if (std::find(info.languages.begin(), info.languages.end(), language) == info.languages.end()) {
            diagnostics.warning(bundle_file, line_of(*table),
                Reason::said("bundle_pronounce_language_not_listed",
                    {{"table", std::string(setting) + "." + language}, {"language", language},
                        {"setting", "languages"}}));
            continue;
        }
        read_language(language, *table, info, diagnostics);
    }
}

void check_pronunciations_used(const Bundle& bundle, Diagnostics& diagnostics)
{
    for (const auto& [language, entries] : bundle.info.pronounce) {
        auto lines = bundle.info.pronounce_lines.find(language);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const std::string& word = entries[i].first;
            if (any_text(bundle, language, [&](const std::string& text) { return says_word(text, word); }))
                continue;
            int line = lines != bundle.info.pronounce_lines.end() && i < lines->second.size() ? lines->second[i] : 0;
            diagnostics.warning(bundle_file, line,
                Reason::said("bundle_pronounce_unused", {{"word", shortened(word, 40)}, {"language", language}}));
        }
    }
}

} // namespace kiosk
