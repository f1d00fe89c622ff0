// Translatable text: one string per language, falling back to the bundle's default language.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

class Text {
public:
    Text() = default;
    explicit Text(std::string default_text) { m_by_language[""] = std::move(default_text); }

    void set(const std::string& language, std::string text) { m_by_language[language] = std::move(text); }

    // The text in `language`, else in `fallback` (the bundle's default language), else any text there is.
    const std::string& in(const std::string& language, const std::string& fallback) const;
    // The language of what in(language, fallback) gives: `language`, else `fallback` (also for a text given without a
    // language), else the language of the text there is; "" when there is no text to show.
    std::string language_shown(const std::string& language, const std::string& fallback) const;
    bool has(const std::string& language) const { return m_by_language.count(language) != 0; }
    bool empty() const { return m_by_language.empty(); }
    const std::map<std::string, std::string>& by_language() const { return m_by_language; }

private:
    std::map<std::string, std::string> m_by_language; // "" holds a text given without a language.
};

// The bundle language a language tag from a file means, ignoring case: the tag itself ("es"), else the language
// without its region ("es-MX" and "ES" are "es"), else a bundle language of the same language ("pt" and "pt-PT" are
// "pt-BR"). Nothing when the bundle does not have that language.
std::optional<std::string> match_language(std::string_view tag, const std::vector<std::string>& languages);

} // namespace kiosk
