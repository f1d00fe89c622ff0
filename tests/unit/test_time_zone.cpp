// Time zones and --now: civil times in the kiosk's zone, across daylight saving.
#include "content/time_zone.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

namespace {

long long epoch_seconds(WallTime t)
{
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

} // namespace

TEST_CASE("--now values")
{
    auto t = parse_local_time("2026-12-01T10:00");
    REQUIRE(t);
    CHECK(t->year == 2026);
    CHECK(t->month == 12);
    CHECK(t->hour == 10);
    CHECK(parse_local_time("2026-12-01 10:00:30")->second == 30);
    CHECK_FALSE(parse_local_time("2026-13-01T10:00"));
    CHECK_FALSE(parse_local_time("2026-02-29T10:00"));
    CHECK(parse_local_time("2028-02-29T10:00"));
    CHECK_FALSE(parse_local_time("2026-12-01"));
    CHECK_FALSE(parse_local_time("tomorrow"));
    CHECK_FALSE(parse_local_time("2026-12-01T24:00"));
}

TEST_CASE("local times convert through the zone's rules")
{
    auto zone = TimeZone::named("America/New_York");
    REQUIRE(zone);
    // 10:00 in December is EST (UTC-5); in July, EDT (UTC-4).
    CHECK(epoch_seconds(zone->to_wall(*parse_local_time("2026-12-01T10:00"))) == 1796137200LL);
    CHECK(epoch_seconds(zone->to_wall(*parse_local_time("2026-07-01T10:00"))) == 1782914400LL);
    LocalTime back = zone->to_local(WallTime(std::chrono::seconds(1796137200LL)));
    CHECK(back.hour == 10);
    CHECK(back.day == 1);
    CHECK(back.weekday == 2); // A Tuesday.
}

TEST_CASE("unknown zones are refused")
{
    CHECK_FALSE(TimeZone::named("Mars/Olympus"));
    CHECK_FALSE(TimeZone::named("../../etc/passwd"));
    CHECK_FALSE(TimeZone::named(""));
    CHECK(TimeZone::named("UTC"));
    CHECK(TimeZone::named("Europe/Madrid"));
}

TEST_CASE("a zone's abbreviation follows daylight time, and falls back to the offset where tzdata has no letters")
{
    auto at = [](const char* text) {
        auto local = kiosk::parse_local_time(text);
        REQUIRE(local);
        return kiosk::TimeZone::utc().to_wall(*local);
    };
    auto chicago = kiosk::TimeZone::named("America/Chicago");
    REQUIRE(chicago);
    CHECK(chicago->abbreviation(at("2026-12-07T04:37")) == "CST");
    CHECK(chicago->abbreviation(at("2026-07-01T12:00")) == "CDT");
    auto madrid = kiosk::TimeZone::named("Europe/Madrid");
    REQUIRE(madrid);
    CHECK(madrid->abbreviation(at("2026-12-07T04:37")) == "CET");
    CHECK(madrid->abbreviation(at("2026-07-01T12:00")) == "CEST");
    CHECK(kiosk::TimeZone::utc().abbreviation(at("2026-12-07T04:37")) == "UTC");
    auto sao_paulo = kiosk::TimeZone::named("America/Sao_Paulo");
    REQUIRE(sao_paulo);
    CHECK(sao_paulo->abbreviation(at("2026-12-07T04:37")) == "UTC-3");
    auto kolkata = kiosk::TimeZone::named("Asia/Kolkata");
    REQUIRE(kolkata);
    CHECK(kolkata->abbreviation(at("2026-12-07T04:37")) == "IST");
}
