// The kiosk's own words (buttons, dates), per language, from assets/strings/<lang>.toml.
#pragma once

#include "content/diagnostic.hpp"
#include "content/time_zone.hpp"
#include "ui/phrase.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

class Strings {
public:
    // Reads every <lang>.toml in `dir`. English is the fallback for any missing string.
    static Strings load(const std::string& dir, Diagnostics& diagnostics);

    // The string `key` in `language`, else in English, else the key itself (so a gap shows, never crashes).
    std::string get(const std::string& key, const std::string& language) const;
    // The text of `key` in exactly `language`, or nothing (no falling back to English).
    std::optional<std::string> find(const std::string& key, const std::string& language) const;
    bool has_language(const std::string& language) const { return m_tables.count(language) != 0; }
    std::vector<std::string> languages() const;
    // Every string of every language, for the fonts' character set.
    std::vector<const std::string*> all_texts() const;
    // The keys of `language`'s file.
    std::vector<std::string> keys(const std::string& language) const;

    // `phrase` in `language`: its key's text (as get() finds it) with each {name} replaced by the argument of that
    // name, in one pass, so that an argument's own braces are left as they are. A placeholder with no argument stays.
    std::string format(const Phrase& phrase, const std::string& language) const;
    // Each of `phrases` formatted, joined by a space.
    std::string format(const Phrases& phrases, const std::string& language) const;

    // "Tuesday, December 1" and "10:00 AM" in the language's own words and order.
    std::string format_date(const LocalTime& time, const std::string& language) const;
    std::string format_time(const LocalTime& time, const std::string& language) const;

private:
    using Table = std::map<std::string, std::string>;
    std::map<std::string, Table> m_tables;
};

} // namespace kiosk::ui
