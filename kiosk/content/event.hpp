// Events from events.csv and calendars/*.ics, kept as rules, and their occurrences for a window of time.
#pragma once

#include "content/clock.hpp"
#include "content/diagnostic.hpp"
#include "content/text.hpp"
#include "content/time_zone.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct Event {
    std::string id; // [a-z0-9-]+, unique within the bundle: from the CSV id or title, or the ICS UID.
    Text title;
    Text description;
    Text location;
    std::string url;  // http(s), or empty.
    std::string file; // Where it was read, relative to the bundle ("events.csv", "calendars/x.ics").
    int line = 0;

    bool all_day = false;
    // The first start as a local time in `time_zone` (for all-day events only the date counts).
    LocalTime start;
    std::int64_t duration_seconds = 0; // All-day events: whole days * 86400.
    // The zone the times are in: an IANA name, "" for floating times (the kiosk's zone), or "UTC".
    std::string time_zone;
    // A VTIMEZONE block (iCalendar text) when `time_zone` is not an IANA name but the file defined it, so rules can
    // be expanded again later (Outlook's "W. Europe Standard Time").
    std::string vtimezone;

    // Recurrence, as the file gave it (RFC 5545), to be expanded for any window later.
    std::string rrule;              // The RRULE value, or "".
    std::vector<LocalTime> rdates;  // Extra starts, local in `time_zone`.
    std::vector<LocalTime> exdates; // Starts that do not happen (moved occurrences are here too).

    bool recurring() const { return !rrule.empty() || !rdates.empty(); }
};

struct Occurrence {
    const Event* event = nullptr;
    WallTime start;
    WallTime end;
    // The local date the occurrence is on, in the kiosk's zone ("2026-12-01"); for all-day events the event's date.
    std::string date;
};

// Occurrences of `events` that end after `from` and start before `to`, sorted by start. All-day events are placed on
// their local date in `kiosk_zone`. At most `max_per_event` occurrences are produced for any one event (a
// FREQ=SECONDLY rule cannot run away); `capped` is set when that happened, and also when a rule needed more iterator
// steps than allowed (100,000 per event, 1,000,000 per call) to reach the window, so the list may be incomplete.
std::vector<Occurrence> expand_occurrences(const std::vector<Event>& events, WallTime from, WallTime to,
    const TimeZone& kiosk_zone, std::size_t max_per_event = 1000, bool* capped = nullptr);

// What keeps the kiosk from expanding `event.rrule` from `event.start`, as a clause ("the repeat rule (RRULE) cannot be
// read"), or "" when it can. Rules libical would grind on for minutes (FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30) are
// refused here; read_ics reports them and keeps the event as a one-off, expand_occurrences shows such events once.
std::string recurrence_problem(const Event& event);

// What keeps the kiosk from using a VTIMEZONE block (iCalendar text) to convert times, as a clause, or "" when it can.
std::string vtimezone_problem(const std::string& vtimezone);

struct IcsLimits {
    std::size_t max_bytes = 4 * 1024 * 1024;
    std::size_t max_events = 10000;
};

// A calendar of translations beside the calendar it translates: calendars/NAME.es.ics for calendars/NAME.ics.
struct IcsTranslation {
    std::string_view text;
    std::string file_name; // Its path in the bundle, for messages.
    std::string language;  // One of the bundle's languages other than the default: every text in it is in this one.
};

// Reads an iCalendar file (`file_name` is its path in the bundle, for messages) into events. Each VEVENT becomes an
// Event; a RECURRENCE-ID override becomes its own one-off event and an EXDATE of its series. Unknown TZIDs without a
// VTIMEZONE are warned and read in the kiosk's zone. Messages carry the line of the VEVENT (found by pre-scanning,
// libical gives none).
//
// `languages` are the bundle's, the first the default. A text without a LANGUAGE parameter is in the default; a
// LANGUAGE names one of `languages` as match_language() finds it (es-MX is es). A text in another language is warned
// and ignored, unless it is the only text of its kind in the event: it is then shown as the default language's (a
// French Outlook writes LANGUAGE=fr-FR on everything). Each of `translations` gives its VEVENTs' SUMMARY, DESCRIPTION
// and LOCATION as its language's text of the event with the same UID (and RECURRENCE-ID, when it has one); one
// without RECURRENCE-ID also translates the series' changed occurrences that kept the series' words. A changed
// occurrence that kept its series' words in the default language keeps its series' translations too. The limits
// hold for each file; a translation that matches no event is warned at its line.
std::vector<Event> read_ics(std::string_view text, const std::string& file_name,
    const std::vector<std::string>& languages, Diagnostics& diagnostics, const IcsLimits& limits = {},
    const std::vector<IcsTranslation>& translations = {});

} // namespace kiosk
