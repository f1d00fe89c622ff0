// Translatable text lookup with per-field fallback.
#include "content/text.hpp"

namespace kiosk {

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

} // namespace kiosk
