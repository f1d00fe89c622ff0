// One VEVENT into an Event: its texts, start, zone, length and recurrence, with what is wrong reported at its line.
#pragma once

#include "content/event.hpp"
#include "content/ics_internal.hpp"
#include "content/ics_zones.hpp"
#include "content/text_util.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::ics_detail {

// A DATE or DATE-TIME value as written, with its zone.
struct TimeValue {
    icaltimetype time = icaltime_null_time();
    std::string tzid;
    bool present = false;
};

TimeValue time_value(icalproperty* property, icaltimetype time);

// One VEVENT as read, before overrides are matched with their series.
struct Item {
    Event event;
    const Zone* zone = nullptr; // The zone of the event's times.
    std::string uid;
    bool cancelled = false;
    TimeValue recurrence_id; // Present for an override of one occurrence.
};

// Reads the VEVENTs of one file, with its zones, reporting what is wrong at each event's line.
class EventReader {
public:
    EventReader(const std::string& file_name, const std::string& default_language, Zones& zones, Reporter& reporter);

    std::optional<Item> read(icalcomponent* vevent, int line);

    // A date or time of another property (EXDATE, RDATE, RECURRENCE-ID) as a local time of `series`, or nothing when
    // it is not a real date.
    std::optional<LocalTime> in_series(const TimeValue& value, const Item& series);

private:
    std::string describe(const Event& event) const;

    const Zone& zone_of(const TimeValue& value, int line);

    // Outlook marks all-day events that it writes as midnight to midnight.
    static bool outlook_all_day(icalcomponent* vevent, const icaltimetype& start);

    std::string language_of(icalproperty* property) const;

    Text text_of(icalcomponent* vevent, icalproperty_kind kind, bool keep_newlines, DisplayTextChanges& changes) const;

    void read_url(icalcomponent* vevent, Event& event, const std::string& name);

    void read_duration(icalcomponent* vevent, Item& item, const std::string& name);

    void read_recurrence(icalcomponent* vevent, Item& item, const std::string& name);

    void add_date(std::vector<LocalTime>& dates, const TimeValue& value, const Item& item, const std::string& name,
        const char* what);

    const std::string& m_file;
    const std::string& m_language;
    Zones& m_zones;
    Reporter& m_reporter;
};

} // namespace kiosk::ics_detail
