// Settings: reading kiosk.toml with a message naming the key for every bad value.
#include "app/settings.hpp"

#include "content/time_zone.hpp"
#include "content/toml_reader.hpp"
#include "sync/calendars.hpp"

#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string_view>

namespace kiosk {

namespace {

class Reader {
public:
    Reader(const std::string& file, Diagnostics& diagnostics)
        : m_file(file)
        , m_diagnostics(diagnostics)
    { }

    void read(const toml::value& root, Settings& s)
    {
        if (!root.is_table())
            return;
        for (const auto& [key, value] : root.as_table()) {
            m_key = key;
            m_line = line_of(value);
            if (key == "idle_seconds")
                integer(value, s.idle_seconds, 10, 86400, "seconds");
            else if (key == "screen_diagonal_inches")
                diagonal(value, s.screen_diagonal_inches);
            else if (key == "rotation")
                rotation(value, s.rotation);
            else if (key == "time_zone")
                time_zone(value, s.time_zone);
            else if (key == "trusted_keys")
                list(
                    value, s.trusted_keys, [](const std::string& v) { return !v.empty(); }, "paths of .pub files");
            else if (key == "usb_roots")
                list(
                    value, s.usb_roots, [](const std::string& v) { return !v.empty() && v[0] == '/'; },
                    "absolute folder paths such as \"/media\"");
            else if (key == "feed_url")
                url(value, s.feed_url);
            else if (key == "calendar_urls")
                list(value, s.calendar_urls, is_calendar_url,
                    "web addresses starting with https://, http:// or webcal://");
            else if (key == "poll_minutes")
                integer(value, s.poll_minutes, 1, 1440, "minutes");
            else if (key == "screen_on")
                screen_on(value, s.screen_on);
            else if (key == "display_off_command")
                text(value, s.display_off_command);
            else if (key == "display_on_command")
                text(value, s.display_on_command);
            else if (key == "staff_corner")
                one_of(value, s.staff_corner, {"top-left", "top-right", "bottom-left", "bottom-right"});
            else if (key == "state_dir")
                absolute_folder(value, s.state_dir);
            else if (key == "read_aloud")
                one_of(value, s.read_aloud, {"button", "off"});
            else if (key == "speech_rate")
                integer(value, s.speech_rate, 80, 450, "words per minute");
            else if (key == "speech_volume")
                integer(value, s.speech_volume, 0, 100, "");
            else if (key == "keypad")
                boolean(value, s.keypad);
            else
                m_diagnostics.warning(
                    m_file, m_line, "unknown setting '" + key + "' is ignored: docs/settings.md lists every setting");
        }
    }

private:
    static bool is_url(const std::string& v)
    {
        return (v.rfind("https://", 0) == 0 && v.size() > 8) || (v.rfind("http://", 0) == 0 && v.size() > 7);
    }
    // A calendar may also be given as a "subscribe" link hands it out, webcal://, fetched over https://.
    static bool is_calendar_url(const std::string& v) { return sync::calendar_fetch_url(v).has_value(); }

    // A fraction in the fewest digits that give it back: 50.5, not std::to_string's 50.500000.
    static std::string shortest(double v)
    {
        char text[32];
        auto [end, error] = std::to_chars(text, text + sizeof text, v);
        return error == std::errc() ? std::string(text, end) : "a number";
    }

    void bad(const std::string& expected, const toml::value& value)
    {
        std::string shown;
        if (value.is_string())
            shown = "\"" + value.as_string().str + "\"";
        else if (value.is_integer()) // "from 10 to 86400, not 5": the value itself, not its kind.
            shown = std::to_string(value.as_integer());
        else if (value.is_boolean()) // staff_corner = true: "not true" rather than "not true or false".
            shown = value.as_boolean() ? "true" : "false";
        else if (value.is_floating()) // speech_volume = 50.5: "a whole number from 0 to 100, not 50.5".
            shown = shortest(value.as_floating());
        else
            shown = toml_type_name(value);
        m_diagnostics.error(m_file, m_line,
            m_key + " must be " + expected + ", not " + shown
                + ". The kiosk does not start with a wrong setting: fix this line, or remove it to use the default "
                  "(docs/settings.md)");
    }

    // `unit` may be empty for a plain number: "a whole number from 0 to 100".
    void integer(const toml::value& value, int& out, int low, int high, const std::string& unit)
    {
        if (value.is_integer() && value.as_integer() >= low && value.as_integer() <= high)
            out = int(value.as_integer());
        else
            bad("a whole number" + (unit.empty() ? "" : " of " + unit) + " from " + std::to_string(low) + " to "
                    + std::to_string(high),
                value);
    }

    void boolean(const toml::value& value, bool& out)
    {
        if (value.is_boolean())
            out = value.as_boolean();
        else
            bad("true or false (without quotes)", value);
    }

    void diagonal(const toml::value& value, float& out)
    {
        double v = value.is_integer() ? double(value.as_integer()) : value.is_floating() ? value.as_floating() : -1;
        if (v >= 3.0 && v <= 120.0 && std::isfinite(v))
            out = float(v);
        else
            bad("the screen's diagonal in inches, from 3 to 120 (such as 7 or 15.6)", value);
    }

    void rotation(const toml::value& value, int& out)
    {
        if (value.is_integer() && value.as_integer() % 90 == 0 && value.as_integer() >= 0 && value.as_integer() < 360)
            out = int(value.as_integer());
        else
            bad("0, 90, 180 or 270", value);
    }

    void time_zone(const toml::value& value, std::string& out)
    {
        if (value.is_string() && TimeZone::named(value.as_string().str))
            out = value.as_string().str;
        else
            bad("a time zone name such as \"America/New_York\"", value);
    }

    void text(const toml::value& value, std::string& out)
    {
        if (value.is_string())
            out = value.as_string().str;
        else
            bad("a text in quotes", value);
    }

    void url(const toml::value& value, std::string& out)
    {
        if (value.is_string() && is_url(value.as_string().str))
            out = value.as_string().str;
        else
            bad("a web address starting with https:// or http://", value);
    }

    template <typename Check>
    void list(const toml::value& value, std::vector<std::string>& out, Check check, const char* what)
    {
        if (!value.is_array()) {
            bad(std::string("a list of ") + what, value);
            return;
        }
        std::vector<std::string> items;
        for (const toml::value& item : value.as_array()) {
            if (!item.is_string() || !check(item.as_string().str)) {
                m_line = line_of(item) ? line_of(item) : m_line;
                bad(std::string("a list of ") + what, item);
                return;
            }
            items.push_back(item.as_string().str);
        }
        out = std::move(items);
    }

    void screen_on(const toml::value& value, std::vector<std::string>& out)
    {
        if (value.is_string() && value.as_string().str == "always") {
            out.clear();
            return;
        }
        list(value, out, is_valid_screen_hours,
            "opening hours such as [\"Mon-Fri 09:00-17:00\", \"Sat 10:00-14:00\"], or \"always\"");
    }

    void absolute_folder(const toml::value& value, std::string& out)
    {
        if (value.is_string() && value.as_string().str.size() > 1 && value.as_string().str[0] == '/')
            out = value.as_string().str;
        else
            bad("an absolute folder path such as \"/var/lib/kiosk\"", value);
    }

    // A word from a fixed list, such as staff_corner's corners; the message lists them: "\"top-left\", ...,
    // \"bottom-right\"".
    void one_of(const toml::value& value, std::string& out, std::initializer_list<std::string_view> allowed)
    {
        for (std::string_view word : allowed) {
            if (value.is_string() && value.as_string().str == word) {
                out = word;
                return;
            }
        }
        std::string expected;
        std::size_t i = 0;
        for (std::string_view word : allowed) {
            if (i > 0)
                expected += i + 1 == allowed.size() ? " or " : ", ";
            expected.append(1, '"').append(word).append(1, '"'); // Not "\"" + std::string(word): GCC 12's -Wrestrict.
            ++i;
        }
        bad(expected, value);
    }

    const std::string& m_file;
    Diagnostics& m_diagnostics;
    std::string m_key;
    int m_line = 0;
};

} // namespace

bool is_valid_screen_hours(const std::string& text)
{
    // "Mon-Fri 09:00-17:00", "Mon,Wed,Fri-Sun 18:00-24:00": day ranges separated by commas, a space, a time range.
    static const std::string_view days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    std::string_view rest(text);
    auto day = [&] {
        for (std::string_view d : days) {
            if (rest.substr(0, 3) == d) {
                rest.remove_prefix(3);
                return true;
            }
        }
        return false;
    };
    auto time = [&](bool allow_midnight_end) {
        if (rest.size() < 5 || rest[2] != ':')
            return false;
        auto digit = [&](std::size_t i) { return rest[i] >= '0' && rest[i] <= '9'; };
        if (!digit(0) || !digit(1) || !digit(3) || !digit(4))
            return false;
        int hours = (rest[0] - '0') * 10 + (rest[1] - '0');
        int minutes = (rest[3] - '0') * 10 + (rest[4] - '0');
        bool ok = (hours < 24 && minutes < 60) || (allow_midnight_end && hours == 24 && minutes == 0);
        rest.remove_prefix(5);
        return ok;
    };
    if (text.size() > 100)
        return false;
    do {
        if (!day())
            return false;
        if (!rest.empty() && rest[0] == '-') {
            rest.remove_prefix(1);
            if (!day())
                return false;
        }
    } while (!rest.empty() && rest[0] == ',' && (rest.remove_prefix(1), true));
    if (rest.empty() || rest[0] != ' ')
        return false;
    rest.remove_prefix(1);
    if (!time(false) || rest.empty() || rest[0] != '-')
        return false;
    rest.remove_prefix(1);
    return time(true) && rest.empty();
}

Settings parse_settings_text(const std::string& text, const std::string& file_name, Diagnostics& diagnostics)
{
    Settings settings;
    if (auto root = parse_toml(text, file_name, diagnostics))
        Reader(file_name, diagnostics).read(*root, settings);
    return settings;
}

std::optional<Settings> read_settings(const std::string& path, Diagnostics& diagnostics)
{
    Settings settings;
    auto root = read_toml_file(path, path, diagnostics);
    if (!root)
        return std::nullopt;
    Reader(path, diagnostics).read(*root, settings);
    return settings;
}

} // namespace kiosk
