// UI strings: loading, fallback to English, and date and time formatting from the string files.
#include "ui/strings.hpp"

#include "content/posix_file.hpp"
#include "content/toml_reader.hpp"

#include <string_view>

namespace kiosk::ui {

namespace {

const char* const weekday_keys[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
const char* const month_keys[] = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"};

std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

std::string two_digits(int n)
{
    return (n < 10 ? "0" : "") + std::to_string(n);
}

} // namespace

Strings Strings::load(const std::string& dir, Diagnostics& diagnostics)
{
    Strings strings;
    auto names = posix::list_dir(dir);
    if (!names) {
        diagnostics.error(dir, 0, "the folder of UI strings is missing");
        return strings;
    }
    for (const std::string& name : *names) {
        if (name.size() < 6 || name.compare(name.size() - 5, 5, ".toml") != 0)
            continue;
        std::string language = name.substr(0, name.size() - 5);
        auto root = read_toml_file(dir + "/" + name, "strings/" + name, diagnostics);
        if (!root || !root->is_table())
            continue;
        Table& table = strings.m_tables[language];
        for (const auto& [key, value] : root->as_table()) {
            if (value.is_string())
                table[key] = value.as_string().str;
            else
                diagnostics.error("strings/" + name, line_of(value), key + " must be a text in quotes");
        }
    }
    return strings;
}

std::string Strings::get(const std::string& key, const std::string& language) const
{
    for (const std::string& lang : {language, std::string("en")}) {
        if (auto t = m_tables.find(lang); t != m_tables.end()) {
            if (auto s = t->second.find(key); s != t->second.end())
                return s->second;
        }
    }
    return key;
}

std::optional<std::string> Strings::find(const std::string& key, const std::string& language) const
{
    auto t = m_tables.find(language);
    if (t == m_tables.end())
        return std::nullopt;
    auto s = t->second.find(key);
    return s != t->second.end() ? std::optional<std::string>(s->second) : std::nullopt;
}

std::string Strings::format(const Phrase& phrase, const std::string& language) const
{
    auto argument = [&](std::string_view name) -> const std::string* {
        for (const auto& [key, value] : phrase.args) {
            if (key == name)
                return &value;
        }
        return nullptr;
    };
    if (phrase.key.empty()) {
        const std::string* text = argument("text");
        return text ? *text : std::string();
    }
    std::string pattern = get(phrase.key, language);
    std::string text;
    std::size_t at = 0;
    while (at < pattern.size()) {
        std::size_t open = pattern.find('{', at);
        std::size_t close = open == std::string::npos ? open : pattern.find('}', open);
        if (close == std::string::npos) {
            text += pattern.substr(at);
            break;
        }
        text += pattern.substr(at, open - at);
        const std::string* value = argument(std::string_view(pattern).substr(open + 1, close - open - 1));
        text += value ? *value : pattern.substr(open, close + 1 - open);
        at = close + 1;
    }
    return text;
}

std::string Strings::format(const Phrases& phrases, const std::string& language) const
{
    std::string text;
    for (const Phrase& phrase : phrases) {
        if (!text.empty())
            text += ' ';
        text += format(phrase, language);
    }
    return text;
}

std::vector<std::string> Strings::languages() const
{
    std::vector<std::string> out;
    for (const auto& [language, table] : m_tables)
        out.push_back(language);
    return out;
}

std::string Strings::format_date(const LocalTime& time, const std::string& language) const
{
    std::string text = get("date_format", language);
    text = replace_all(text, "{weekday}", get(weekday_keys[time.weekday % 7], language));
    text = replace_all(text, "{month}", get(month_keys[(time.month + 11) % 12], language));
    text = replace_all(text, "{day}", std::to_string(time.day));
    return replace_all(text, "{year}", std::to_string(time.year));
}

std::string Strings::format_time(const LocalTime& time, const std::string& language) const
{
    if (get("clock", language) == "24h")
        return two_digits(time.hour) + ":" + two_digits(time.minute);
    int hour12 = time.hour % 12 == 0 ? 12 : time.hour % 12;
    return std::to_string(hour12) + ":" + two_digits(time.minute) + " " + get(time.hour < 12 ? "am" : "pm", language);
}

std::vector<const std::string*> Strings::all_texts() const
{
    std::vector<const std::string*> texts;
    for (const auto& [language, table] : m_tables) {
        for (const auto& [key, text] : table)
            texts.push_back(&text);
    }
    return texts;
}

std::vector<std::string> Strings::keys(const std::string& language) const
{
    std::vector<std::string> out;
    auto table = m_tables.find(language);
    if (table != m_tables.end()) {
        for (const auto& [key, text] : table->second)
            out.push_back(key);
    }
    return out;
}

} // namespace kiosk::ui
