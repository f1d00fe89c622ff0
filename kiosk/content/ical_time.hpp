// Shared by the libical readers: owning pointers for libical objects, and conversions between libical's times and
// LocalTime.
#pragma once

#include "content/clock.hpp"
#include "content/time_zone.hpp"

#include <cstdint>
#include <libical/ical.h>
#include <memory>
#include <optional>

namespace kiosk::ical_detail {

struct ComponentFree {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

struct ZoneFree {
    void operator()(icaltimezone* zone) const { icaltimezone_free(zone, 1); }
};
using OwnedZone = std::unique_ptr<icaltimezone, ZoneFree>;

// 28 to 31, or 0 for a month that does not exist.
int days_in_month(int year, int month);

std::int64_t epoch_seconds(WallTime time);

// A libical time as a LocalTime, or nothing when it is not a real date and time between these years.
std::optional<LocalTime> from_ical(const icaltimetype& t, int first_year = 1, int last_year = 9999);

// A LocalTime as a floating libical time; a DATE value when `date_only`.
icaltimetype to_ical(const LocalTime& t, bool date_only = false);

} // namespace kiosk::ical_detail
