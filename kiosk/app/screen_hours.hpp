// Screen hours (settings' screen_on): when the screen shows content, and how long until that changes.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace kiosk {

class ScreenHours {
public:
    // Rules such as "Mon-Fri 09:00-17:00" (already checked by the settings); none means always on.
    explicit ScreenHours(const std::vector<std::string>& rules);

    bool always() const { return m_always; }
    // `weekday` 0 = Sunday; `minute` of the local day, 0 to 1439.
    bool open(int weekday, int minute) const;
    // Minutes from (weekday, minute) until open() changes, at most a week (then "never").
    int minutes_until_change(int weekday, int minute) const;

private:
    bool m_always = true;
    std::array<std::array<bool, 1440>, 7> m_open {}; // By weekday (0 = Sunday) and minute.
};

} // namespace kiosk
