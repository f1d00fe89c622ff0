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

// Which language a text is in.
enum class TextLanguage {
    Parameter, // Its LANGUAGE parameter's, else the default.
    Fixed,     // The reader's one language, whatever the parameter says: a translation file's texts.
};

// Reads the VEVENTs of one file, with its zones, reporting what is wrong at each event's line.
class EventReader {
public:
    // `languages`: the bundle's, the default first; kept by reference.
    EventReader(const std::string& file_name, const std::vector<std::string>& languages, Zones& zones,
        Reporter& reporter, TextLanguage text_language = TextLanguage::Parameter);

    std::optional<Item> read(icalcomponent* vevent, int line);

    // SUMMARY, DESCRIPTION and LOCATION into `event`, with what is wrong reported at `event.line`. Returns how
    // messages name the event ("the event \"Union call\"").
    Reason read_texts(icalcomponent* vevent, Event& event);

    // The zone of a date or time of this file.
    const Zone& zone_of(const TimeValue& value, int line);

    // A date or time of another property (EXDATE, RDATE, RECURRENCE-ID) as a local time of `series`, or nothing when
    // it is not a real date.
    std::optional<LocalTime> in_series(const TimeValue& value, const Item& series);

private:
    Reason describe(const Event& event) const;

    // Outlook marks all-day events that it writes as midnight to midnight.
    static bool outlook_all_day(icalcomponent* vevent, const icaltimetype& start);

    // The bundle language of a text: the default without a LANGUAGE parameter, nothing for a language the bundle
    // does not have (`tag` is then set to the parameter as written).
    std::optional<std::string> language_of(icalproperty* property, std::string& tag) const;

    // The texts of one kind. Texts in languages the bundle does not have are left out, and their tags added to
    // `ignored`, unless one is the only text: it then stands for the default language.
    Text text_of(icalcomponent* vevent, icalproperty_kind kind, bool keep_newlines, DisplayTextChanges& changes,
        std::vector<std::string>& ignored) const;

    void read_url(icalcomponent* vevent, Event& event, const Reason& name);

    void read_duration(icalcomponent* vevent, Item& item, const Reason& name);

    void read_recurrence(icalcomponent* vevent, Item& item, const Reason& name);

    void add_date(
        std::vector<LocalTime>& dates, const TimeValue& value, const Item& item, const Reason& name, const char* what);

    const std::string& m_file;
    const std::vector<std::string>& m_languages;
    const std::string& m_language; // The default: m_languages' first.
    TextLanguage m_text_language;
    Zones& m_zones;
    Reporter& m_reporter;
};

} // namespace kiosk::ics_detail
