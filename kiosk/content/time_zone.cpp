// Time zone conversions through libical's built-in zones, which read /usr/share/zoneinfo.
#include "content/time_zone.hpp"

#include "content/ical_time.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <libical/ical.h>
#include <mutex>
#include <unistd.h>

namespace kiosk {

namespace {

constexpr std::int64_t max_wall_seconds = 7258118400; // 2200-01-01T00:00:00Z

std::mutex& libical_mutex()
{
    // libical's zone cache is not thread-safe.
    static std::mutex mutex;
    return mutex;
}

} // namespace

std::optional<TimeZone> TimeZone::named(const std::string& name)
{
    if (name == "UTC" || name == "Etc/UTC")
        return utc();
    if (name.empty() || name.size() > 64)
        return std::nullopt;
    for (char c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+')
            return std::nullopt;
    }
    std::lock_guard lock(libical_mutex());
    icaltimezone* zone = icaltimezone_get_builtin_timezone(name.c_str());
    if (!zone)
        return std::nullopt;
    return TimeZone(name, zone);
}

TimeZone TimeZone::utc()
{
    return TimeZone("UTC", nullptr);
}

TimeZone TimeZone::system()
{
    std::string name;
    if (std::ifstream in("/etc/timezone"); in)
        std::getline(in, name);
    if (name.empty()) {
        char buffer[256] = {};
        ssize_t n = readlink("/etc/localtime", buffer, sizeof buffer - 1);
        std::string target(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
        if (auto at = target.find("zoneinfo/"); at != std::string::npos)
            name = target.substr(at + 9);
    }
    if (auto zone = named(name))
        return *zone;
    return utc();
}

LocalTime TimeZone::to_local(WallTime time) const
{
    auto seconds = std::clamp<std::int64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count(), 0, max_wall_seconds);
    std::lock_guard lock(libical_mutex());
    icaltimetype t = icaltime_from_timet_with_zone(
        static_cast<time_t>(seconds), 0, m_zone ? m_zone : icaltimezone_get_utc_timezone());
    LocalTime local;
    local.year = t.year;
    local.month = t.month;
    local.day = t.day;
    local.hour = t.hour;
    local.minute = t.minute;
    local.second = t.second;
    local.weekday = icaltime_day_of_week(t) - 1;
    return local;
}

std::string TimeZone::abbreviation(WallTime time) const
{
    if (!m_zone)
        return "UTC";
    auto seconds = std::clamp<std::int64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count(), 0, max_wall_seconds);
    std::lock_guard lock(libical_mutex());
    icaltimetype utc = icaltime_from_timet_with_zone(static_cast<time_t>(seconds), 0, icaltimezone_get_utc_timezone());
    int daylight = 0;
    int offset = icaltimezone_get_utc_offset_of_utc_time(m_zone, &utc, &daylight);
    // "CST/CDT": the standard name, then the daylight one; a zone without daylight time has one name.
    const char* names = icaltimezone_get_tznames(m_zone);
    std::string text = names ? names : "";
    if (auto slash = text.find('/'); slash != std::string::npos)
        text = daylight ? text.substr(slash + 1) : text.substr(0, slash);
    if (!text.empty() && text[0] != '+' && text[0] != '-')
        return text;
    // No name (tzdata writes "-03" for many zones): the offset from UTC, as "UTC-3" or "UTC+5:30".
    int minutes = std::abs(offset) / 60;
    std::string hours = std::to_string(minutes / 60);
    std::string rest
        = minutes % 60 ? ":" + std::string(minutes % 60 < 10 ? "0" : "") + std::to_string(minutes % 60) : "";
    return offset == 0 ? "UTC" : std::string("UTC") + (offset < 0 ? "-" : "+") + hours + rest;
}

WallTime TimeZone::to_wall(const LocalTime& local) const
{
    icaltimetype t = ical_detail::to_ical(local);
    std::lock_guard lock(libical_mutex());
    time_t seconds = icaltime_as_timet_with_zone(t, m_zone ? m_zone : icaltimezone_get_utc_timezone());
    // WallTime counts nanoseconds in 64 bits (1677 to 2262): keep every time the kiosk handles well inside that.
    seconds = std::clamp<time_t>(seconds, 0, max_wall_seconds);
    return WallTime(std::chrono::seconds(seconds));
}

std::int64_t days_from_civil(std::int64_t year, int month, int day)
{
    std::chrono::year_month_day date(std::chrono::year(static_cast<int>(year)),
        std::chrono::month(static_cast<unsigned>(month)), std::chrono::day(static_cast<unsigned>(day)));
    return std::chrono::sys_days(date).time_since_epoch().count();
}

LocalTime civil_from_days(std::int64_t days)
{
    std::chrono::sys_days day_point {std::chrono::days(days)};
    std::chrono::year_month_day date(day_point);
    LocalTime t;
    t.year = static_cast<int>(date.year());
    t.month = static_cast<int>(static_cast<unsigned>(date.month()));
    t.day = static_cast<int>(static_cast<unsigned>(date.day()));
    t.weekday = static_cast<int>(std::chrono::weekday(day_point).c_encoding()); // 0 = Sunday, as LocalTime counts.
    return t;
}

std::int64_t day_number(const LocalTime& t)
{
    return days_from_civil(t.year, t.month, t.day);
}

std::optional<LocalTime> parse_local_time(std::string_view text)
{
    // YYYY-MM-DD[T ]HH:MM[:SS]
    auto digits = [&](std::size_t at, std::size_t count, int& out) {
        if (at + count > text.size())
            return false;
        out = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i])))
                return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    LocalTime t;
    if (text.size() != 16 && text.size() != 19)
        return std::nullopt;
    if (!digits(0, 4, t.year) || text[4] != '-' || !digits(5, 2, t.month) || text[7] != '-' || !digits(8, 2, t.day)
        || (text[10] != 'T' && text[10] != ' ') || !digits(11, 2, t.hour) || text[13] != ':'
        || !digits(14, 2, t.minute))
        return std::nullopt;
    if (text.size() == 19 && (text[16] != ':' || !digits(17, 2, t.second)))
        return std::nullopt;
    std::chrono::year_month_day date(std::chrono::year(t.year), std::chrono::month(static_cast<unsigned>(t.month)),
        std::chrono::day(static_cast<unsigned>(t.day)));
    if (t.year < 1970 || t.year > 2199 || !date.ok() || t.hour > 23 || t.minute > 59 || t.second > 59)
        return std::nullopt;
    return t;
}

} // namespace kiosk
