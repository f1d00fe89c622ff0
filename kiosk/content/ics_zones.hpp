// Time zones of one iCalendar file: IANA names, Windows names, prefixed names and the file's own VTIMEZONE blocks.
#pragma once

#include "content/clock.hpp"
#include "content/ical_time.hpp"
#include "content/ics_internal.hpp"
#include "content/time_zone.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::ics_detail {

// The zone of a time value, ready to convert: floating, UTC, an IANA zone or a zone the file defines.
struct Zone {
    std::string name;                // Event::time_zone.
    std::string vtimezone;           // Event::vtimezone.
    std::optional<TimeZone> named;   // IANA zones and UTC.
    icaltimezone* defined = nullptr; // Built from the file's VTIMEZONE; owned by the Zones table.

    bool floating() const { return !named && !defined; }

    WallTime to_wall(const LocalTime& local) const;
    LocalTime to_local(WallTime time) const;
};

// The zones one file uses, resolved once each: IANA names, Windows names, prefixed names, then the file's VTIMEZONEs.
class Zones {
public:
    Zones(const std::vector<icalcomponent*>& calendars, Reporter& reporter);

    const Zone& floating() const { return m_floating; }
    const Zone& utc() const { return m_utc; }

    // The zone a TZID parameter names; unknown zones are warned once, at `line`, and read as floating.
    const Zone& resolve(const std::string& tzid, int line);

private:
    static std::optional<Zone> named(const std::string& name);

    // An IANA name in a prefixed TZID ("/mozilla.org/20050126_1/America/New_York") or an X-TZINFO
    // ("Europe/London[2024a]").
    static std::optional<Zone> named_inside(std::string name);

    // The zone, or a floating one, with `problem` set when the file defines the zone in a way that cannot be used.
    Zone find(const std::string& tzid, std::string& problem);

    Reporter& m_reporter;
    Zone m_floating;
    Zone m_utc;
    std::map<std::string, icalcomponent*> m_blocks; // VTIMEZONE components by TZID.
    std::map<std::string, Zone> m_resolved;         // By TZID as written, trimmed.
    std::vector<ical_detail::OwnedZone> m_built;
};

} // namespace kiosk::ics_detail
