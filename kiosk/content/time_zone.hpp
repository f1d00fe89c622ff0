// Time zones by IANA name (libical reads the system's tzdata), and civil times in them.
#pragma once

#include "content/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct _icaltimezone; // NOLINT(bugprone-reserved-identifier): libical's own name for icaltimezone, declared here.

namespace kiosk {

struct LocalTime {
    int year = 1970, month = 1, day = 1; // month 1-12
    int hour = 0, minute = 0, second = 0;
    int weekday = 4; // 0 = Sunday; 1970-01-01 was a Thursday.
};

class TimeZone {
public:
    // The zone with this IANA name ("America/New_York"), or nothing when tzdata does not know it.
    static std::optional<TimeZone> named(const std::string& name);
    // UTC; also what a kiosk uses when neither settings, bundle nor system name a zone.
    static TimeZone utc();
    // The system's zone from /etc/timezone or /etc/localtime, else UTC.
    static TimeZone system();

    const std::string& name() const { return m_name; }
    LocalTime to_local(WallTime time) const;
    // What people call the zone's time at `time`: "CST", "CDT", "CET"; "UTC-3" where tzdata has no letters.
    std::string abbreviation(WallTime time) const;
    WallTime to_wall(const LocalTime& local) const;

private:
    TimeZone(std::string name, _icaltimezone* zone)
        : m_name(std::move(name))
        , m_zone(zone)
    { }

    std::string m_name;
    _icaltimezone* m_zone; // Owned by libical's built-in zone cache; nullptr means UTC.
};

// Days since 1970-01-01 of a proleptic Gregorian date, and back, through std::chrono's calendar; civil_from_days
// also sets the weekday. A day past the month's end counts on into the next month. day_number() is the days of a
// LocalTime's date.
std::int64_t days_from_civil(std::int64_t year, int month, int day);
LocalTime civil_from_days(std::int64_t days);
std::int64_t day_number(const LocalTime& t);

// Parses "2026-12-01T10:00", "2026-12-01T10:00:30" or "2026-12-01 10:00".
std::optional<LocalTime> parse_local_time(std::string_view text);

} // namespace kiosk
