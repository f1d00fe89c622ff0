// ScreenHours: the rules unrolled into a week of minutes, so every question is a lookup.
#include "app/screen_hours.hpp"

#include <sstream>

namespace kiosk {

namespace {

int day_index(const std::string& name) // "Mon" -> 1, "Sun" -> 0
{
    static const char* const names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    for (int i = 0; i < 7; ++i) {
        if (name == names[i])
            return i;
    }
    return -1;
}

int minutes(const std::string& hhmm)
{
    return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2));
}

} // namespace

ScreenHours::ScreenHours(const std::vector<std::string>& rules)
{
    for (const std::string& rule : rules) {
        auto space = rule.find(' ');
        auto dash = rule.rfind('-');
        if (space == std::string::npos || dash == std::string::npos || dash < space)
            continue; // The settings refuse such rules; nothing to add.
        m_always = false;
        int from = minutes(rule.substr(space + 1, 5));
        int to = minutes(rule.substr(dash + 1, 5)); // 24:00 is 1440.
        std::istringstream days(rule.substr(0, space));
        for (std::string part; std::getline(days, part, ',');) {
            int first = day_index(part.substr(0, 3));
            int last = part.size() >= 7 ? day_index(part.substr(4, 3)) : first;
            if (first < 0 || last < 0)
                continue;
            // Mon-Fri, and a range across the week's end (Fri-Mon).
            for (int d = first;; d = (d + 1) % 7) {
                for (int m = from; m < to && m < 1440; ++m)
                    m_open[std::size_t(d)][std::size_t(m)] = true;
                if (d == last)
                    break;
            }
        }
    }
}

bool ScreenHours::open(int weekday, int minute) const
{
    return m_always || m_open[std::size_t(((weekday % 7) + 7) % 7)][std::size_t(minute % 1440)];
}

int ScreenHours::minutes_until_change(int weekday, int minute) const
{
    bool now = open(weekday, minute);
    for (int k = 1; k <= 7 * 1440; ++k) {
        int m = minute + k;
        if (open(weekday + m / 1440, m % 1440) != now)
            return k;
    }
    return 7 * 1440;
}

} // namespace kiosk
