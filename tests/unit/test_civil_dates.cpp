// Tests of the civil date math on std::chrono: days from dates and back, weekdays, month lengths and date checks.
#include "content/ical_time.hpp"
#include "content/time_zone.hpp"

#include <doctest/doctest.h>

#include <cstdint>

using namespace kiosk;

namespace {

// The hand-written algorithm the kiosk used before std::chrono (Howard Hinnant's days_from_civil), as a reference.
std::int64_t reference_days(std::int64_t year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t year_of_era = year - era * 400;
    const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

} // namespace

TEST_CASE("days from a date count from 1970-01-01, as the hand-written algorithm did")
{
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    for (int year : {1, 1600, 1700, 1900, 1969, 2000, 2024, 2100, 2199, 9999}) {
        for (int month = 1; month <= 12; ++month) {
            for (int day : {1, 15, 28, 31}) // Day 31 of a shorter month counts on into the next one.
                CHECK(days_from_civil(year, month, day) == reference_days(year, month, day));
        }
    }
}

TEST_CASE("a date from days comes back with its weekday")
{
    for (std::int64_t days = -800000; days <= 800000; days += 997) {
        LocalTime t = civil_from_days(days);
        CHECK(days_from_civil(t.year, t.month, t.day) == days);
        CHECK(t.weekday == ((days % 7) + 11) % 7); // 1970-01-01 was a Thursday (4).
    }
    LocalTime leap_day = civil_from_days(days_from_civil(2024, 2, 29));
    CHECK(leap_day.year == 2024);
    CHECK(leap_day.month == 2);
    CHECK(leap_day.day == 29);
    CHECK(leap_day.weekday == 4);
}

TEST_CASE("months have their lengths, February by leap year")
{
    using ical_detail::days_in_month;
    CHECK(days_in_month(2023, 2) == 28);
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(1900, 2) == 28);
    CHECK(days_in_month(2000, 2) == 29);
    CHECK(days_in_month(2024, 4) == 30);
    CHECK(days_in_month(2024, 12) == 31);
    CHECK(days_in_month(2024, 0) == 0);
    CHECK(days_in_month(2024, 13) == 0);
}

TEST_CASE("local times are only real dates")
{
    CHECK(parse_local_time("2024-02-29T10:00"));
    CHECK_FALSE(parse_local_time("2023-02-29T10:00"));
    CHECK_FALSE(parse_local_time("2100-02-29 10:00"));
    CHECK(parse_local_time("2000-02-29 10:00:30"));
    CHECK_FALSE(parse_local_time("2024-04-31T10:00"));
    CHECK_FALSE(parse_local_time("2024-13-01T10:00"));
    CHECK_FALSE(parse_local_time("2024-00-10T10:00"));
    CHECK_FALSE(parse_local_time("1969-12-31T23:59"));
}
