// Translatable text: one string per language, falling back to the bundle's default language.
#pragma once

#include <map>
#include <string>

namespace kiosk {

class Text {
public:
    Text() = default;
    explicit Text(std::string default_text) { m_by_language[""] = std::move(default_text); }

    void set(const std::string& language, std::string text) { m_by_language[language] = std::move(text); }

    // The text in `language`, else in `fallback` (the bundle's default language), else any text there is.
    const std::string& in(const std::string& language, const std::string& fallback) const;
    bool has(const std::string& language) const { return m_by_language.count(language) != 0; }
    bool empty() const { return m_by_language.empty(); }
    const std::map<std::string, std::string>& by_language() const { return m_by_language; }

private:
    std::map<std::string, std::string> m_by_language; // "" holds a text given without a language.
};

} // namespace kiosk
