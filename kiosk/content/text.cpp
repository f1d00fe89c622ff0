// Translatable text lookup with per-field fallback.
#include "content/text.hpp"

namespace kiosk {

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    return out;
}

// "es" of "es-MX", "zh" of "zh_Hant".
std::string primary(const std::string& tag)
{
    return tag.substr(0, tag.find_first_of("-_"));
}

} // namespace

const std::string& Text::in(const std::string& language, const std::string& fallback) const
{
    static const std::string empty_text;
    for (const std::string* key : {&language, &fallback}) {
        if (auto it = m_by_language.find(*key); it != m_by_language.end() && !it->second.empty())
            return it->second;
    }
    if (auto it = m_by_language.find(""); it != m_by_language.end())
        return it->second;
    return m_by_language.empty() ? empty_text : m_by_language.begin()->second;
}

std::string Text::language_shown(const std::string& language, const std::string& fallback) const
{
    for (const std::string* key : {&language, &fallback}) {
        if (auto it = m_by_language.find(*key); it != m_by_language.end() && !it->second.empty())
            return *key;
    }
    const std::string& shown = in(language, fallback);
    if (shown.empty())
        return "";
    return m_by_language.count("") ? fallback : m_by_language.begin()->first;
}

std::optional<std::string> match_language(std::string_view tag, const std::vector<std::string>& languages)
{
    std::string wanted = lower(tag);
    if (wanted.empty())
        return std::nullopt;
    for (const std::string& language : languages) {
        if (lower(language) == wanted)
            return language;
    }
    for (const std::string& language : languages) {
        if (lower(language) == primary(wanted))
            return language;
    }
    for (const std::string& language : languages) {
        if (primary(lower(language)) == primary(wanted))
            return language;
    }
    return std::nullopt;
}

} // namespace kiosk
