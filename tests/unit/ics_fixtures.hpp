// Calendar text, zones and expansion helpers the ICS tests share.
#pragma once

#include "content/event.hpp"
#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kiosk;

namespace kiosk::test::ics_fixtures {

inline const std::string file_name = "calendars/test.ics";

// A calendar around `body`, with LF or CRLF line ends.
inline std::string calendar(const std::string& body, bool crlf = false)
{
    std::string text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Kiosk tests//EN\n" + body + "END:VCALENDAR\n";
    if (!crlf)
        return text;
    std::string out;
    for (char c : text) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

inline std::vector<Event> read(const std::string& text, Diagnostics& diagnostics, const IcsLimits& limits = {})
{
    return read_ics(text, file_name, {"en", "es"}, diagnostics, limits);
}

inline std::vector<std::string> messages(const Diagnostics& diagnostics)
{
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics.all())
        out.push_back(d.to_string());
    return out;
}

inline std::string slurp(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

inline bool same_time(const LocalTime& t, int year, int month, int day, int hour = 0, int minute = 0)
{
    return t.year == year && t.month == month && t.day == day && t.hour == hour && t.minute == minute;
}

inline std::string local_text(WallTime time, const TimeZone& zone)
{
    LocalTime t = zone.to_local(time);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
    return buffer;
}

inline WallTime wall(const char* local, const TimeZone& zone)
{
    auto parsed = parse_local_time(local);
    REQUIRE(parsed);
    return zone.to_wall(*parsed);
}

inline const Event* find_event(const std::vector<Event>& events, const std::string& id)
{
    auto it = std::find_if(events.begin(), events.end(), [&](const Event& e) { return e.id == id; });
    return it == events.end() ? nullptr : &*it;
}

inline std::filesystem::path shared_calendars()
{
    return std::filesystem::path(KIOSK_SHARED_TESTDATA) / "calendars";
}

// The shared real-world calendar `name`, or "" (with a message) when the shared test data is not there.
inline std::string shared_calendar(const char* name)
{
    std::filesystem::path path = shared_calendars() / name;
    if (!std::filesystem::exists(path)) {
        MESSAGE("skipped: " << path.string() << " is not there");
        return "";
    }
    return slurp(path);
}

} // namespace kiosk::test::ics_fixtures
