// Conversions between libical's times and LocalTime.
#include "content/ical_time.hpp"

#include <algorithm>
#include <chrono>

namespace kiosk::ical_detail {

int days_in_month(int year, int month)
{
    if (month < 1 || month > 12)
        return 0;
    std::chrono::year_month_day_last last(
        std::chrono::year(year), std::chrono::month_day_last(std::chrono::month(static_cast<unsigned>(month))));
    return static_cast<int>(static_cast<unsigned>(last.day()));
}

std::int64_t epoch_seconds(WallTime time)
{
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

std::optional<LocalTime> from_ical(const icaltimetype& t, int first_year, int last_year)
{
    if (t.year < first_year || t.year > last_year || t.day < 1 || t.day > days_in_month(t.year, t.month))
        return std::nullopt;
    LocalTime out = civil_from_days(days_from_civil(t.year, t.month, t.day));
    if (!t.is_date) {
        if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 60)
            return std::nullopt;
        out.hour = t.hour;
        out.minute = t.minute;
        out.second = std::min(t.second, 59);
    }
    return out;
}

icaltimetype to_ical(const LocalTime& t, bool date_only)
{
    icaltimetype out = icaltime_null_time();
    out.year = t.year;
    out.month = t.month;
    out.day = t.day;
    out.hour = date_only ? 0 : t.hour;
    out.minute = date_only ? 0 : t.minute;
    out.second = date_only ? 0 : t.second;
    out.is_date = date_only ? 1 : 0;
    out.zone = nullptr;
    return out;
}

} // namespace kiosk::ical_detail
