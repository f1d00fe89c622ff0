// Reads one VEVENT into an Event.
#include "content/ics_event_reader.hpp"

#include "content/ical_time.hpp"

#include <algorithm>
#include <iterator>

namespace kiosk::ics_detail {

using namespace ical_detail;

TimeValue time_value(icalproperty* property, icaltimetype time)
{
    TimeValue value;
    if (!property || icaltime_is_null_time(time))
        return value;
    value.time = time;
    value.present = true;
    if (icalparameter* tzid = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER)) {
        if (const char* text = icalparameter_get_tzid(tzid))
            value.tzid = text;
    }
    return value;
}

EventReader::EventReader(const std::string& file_name, const std::vector<std::string>& languages, Zones& zones,
    Reporter& reporter, TextLanguage text_language)
    : m_file(file_name)
    , m_languages(languages)
    , m_language(languages.front())
    , m_text_language(text_language)
    , m_zones(zones)
    , m_reporter(reporter)
{ }

std::optional<Item> EventReader::read(icalcomponent* vevent, int line)
{
    report_parse_errors(vevent, line, m_reporter);
    Item item;
    Event& event = item.event;
    event.file = m_file;
    event.line = line;
    Reason name = read_texts(vevent, event);
    if (icalproperty* uid = icalcomponent_get_first_property(vevent, ICAL_UID_PROPERTY))
        item.uid = trim(icalproperty_get_uid(uid) ? icalproperty_get_uid(uid) : "");
    if (icalproperty* status = icalcomponent_get_first_property(vevent, ICAL_STATUS_PROPERTY))
        item.cancelled = icalproperty_get_status(status) == ICAL_STATUS_CANCELLED;
    if (icalproperty* rid = icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY))
        item.recurrence_id = time_value(rid, icalproperty_get_recurrenceid(rid));
    read_url(vevent, event, name);

    icalproperty* dtstart = icalcomponent_get_first_property(vevent, ICAL_DTSTART_PROPERTY);
    TimeValue start = time_value(dtstart, dtstart ? icalproperty_get_dtstart(dtstart) : icaltime_null_time());
    if (!start.present) {
        m_reporter.error(line, name + Reason::said("ics_no_start"));
        return std::nullopt;
    }
    std::optional<LocalTime> local = from_ical(start.time, first_year, last_year);
    if (!local) {
        m_reporter.error(line,
            name
                + Reason::said("ics_start_out_of_range",
                    {{"first", std::to_string(first_year)}, {"last", std::to_string(last_year)}}));
        return std::nullopt;
    }
    event.start = *local;
    event.all_day = start.time.is_date != 0 || outlook_all_day(vevent, start.time);
    item.zone = &zone_of(start, line);
    if (event.all_day) {
        item.zone = &m_zones.floating();
        event.start = date_only(event.start);
    }
    event.time_zone = item.zone->name;
    event.vtimezone = item.zone->vtimezone;
    read_duration(vevent, item, name);
    read_recurrence(vevent, item, name);
    return item;
}

Reason EventReader::read_texts(icalcomponent* vevent, Event& event)
{
    struct Field {
        icalproperty_kind kind;
        Text Event::*text;
        bool keep_newlines;
        const char* language_ignored; // The key of the warning about a text in a language the bundle does not have.
    };
    static const Field fields[] = {
        {ICAL_SUMMARY_PROPERTY, &Event::title, false, "ics_title_language_not_in_bundle"},
        {ICAL_DESCRIPTION_PROPERTY, &Event::description, true, "ics_description_language_not_in_bundle"},
        {ICAL_LOCATION_PROPERTY, &Event::location, false, "ics_location_language_not_in_bundle"},
    };
    DisplayTextChanges changes;
    std::vector<std::string> ignored[std::size(fields)];
    for (std::size_t i = 0; i < std::size(fields); ++i)
        event.*fields[i].text = text_of(vevent, fields[i].kind, fields[i].keep_newlines, changes, ignored[i]);
    Reason name = describe(event);
    if (changes.any())
        m_reporter.warning(event.line, name + Reason::plain(": ") + display_text_reason(changes));
    for (std::size_t i = 0; i < std::size(fields); ++i) {
        for (const std::string& tag : ignored[i]) {
            std::string code = slug(tag.substr(0, tag.find_first_of("-_")));
            m_reporter.warning(
                event.line, name + Reason::said(fields[i].language_ignored, {{"tag", tag}, {"code", code}}));
        }
    }
    return name;
}

std::optional<LocalTime> EventReader::in_series(const TimeValue& value, const Item& series)
{
    std::optional<LocalTime> local = from_ical(value.time, first_year, last_year);
    if (!local)
        return std::nullopt;
    if (series.event.all_day) {
        // Exchange writes the dates of all-day series as local midnights ("EXDATE;TZID=GMT Standard Time:
        // 20240715T000000"): the date is what counts. In UTC, the nearest midnight is the day meant.
        if (!value.time.is_date && icaltime_is_utc(value.time))
            return date_only(from_seconds(seconds_of(*local) + seconds_per_day / 2));
        return date_only(*local);
    }
    if (value.time.is_date) {
        local->hour = series.event.start.hour;
        local->minute = series.event.start.minute;
        local->second = series.event.start.second;
        return local;
    }
    const Zone& from = zone_of(value, series.event.line);
    if (from.floating() || series.zone->floating() || from.name == series.zone->name)
        return local;
    return series.zone->to_local(from.to_wall(*local));
}

Reason EventReader::describe(const Event& event) const
{
    const std::string& title = event.title.in(m_language, m_language);
    if (title.empty())
        return Reason::said("ics_event_untitled");
    return Reason::said("ics_event_titled", {{"title", shorten(title, max_title_quoted)}});
}

const Zone& EventReader::zone_of(const TimeValue& value, int line)
{
    if (!value.time.is_date && icaltime_is_utc(value.time))
        return m_zones.utc();
    if (value.time.is_date || value.tzid.empty())
        return m_zones.floating();
    return m_zones.resolve(value.tzid, line);
}

bool EventReader::outlook_all_day(icalcomponent* vevent, const icaltimetype& start)
{
    if (start.hour != 0 || start.minute != 0 || start.second != 0)
        return false;
    for (icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(vevent, ICAL_X_PROPERTY)) {
        const char* name = icalproperty_get_x_name(p);
        const char* value = icalproperty_get_x(p);
        if (name && value && iequals(name, "X-MICROSOFT-CDO-ALLDAYEVENT"))
            return iequals(trim(value), "TRUE");
    }
    return false;
}

std::optional<std::string> EventReader::language_of(icalproperty* property, std::string& tag) const
{
    if (m_text_language == TextLanguage::Fixed)
        return m_language;
    icalparameter* parameter = icalproperty_get_first_parameter(property, ICAL_LANGUAGE_PARAMETER);
    const char* language = parameter ? icalparameter_get_language(parameter) : nullptr;
    tag = trim(language ? language : "");
    bool valid = !tag.empty() && tag.size() <= 16;
    for (char c : tag)
        valid = valid
            && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    if (!valid)
        return m_language; // No parameter, or not a language tag: the text is in the default language.
    return match_language(tag, m_languages);
}

Text EventReader::text_of(icalcomponent* vevent, icalproperty_kind kind, bool keep_newlines,
    DisplayTextChanges& changes, std::vector<std::string>& ignored) const
{
    Text text;
    std::string stand_in; // The first text in a language the bundle does not have, and that language.
    std::string stand_in_tag;
    for (icalproperty* p = icalcomponent_get_first_property(vevent, kind); p;
         p = icalcomponent_get_next_property(vevent, kind)) {
        icalvalue* value = icalproperty_get_value(p);
        if (!value || icalvalue_isa(value) != ICAL_TEXT_VALUE)
            continue;
        const char* raw = icalvalue_get_text(value);
        std::string cleaned = bound_display_text(clean_text(raw ? raw : "", keep_newlines), &changes);
        if (cleaned.empty())
            continue;
        std::string tag;
        std::optional<std::string> language = language_of(p, tag);
        if (!language) {
            if (std::find(ignored.begin(), ignored.end(), tag) == ignored.end())
                ignored.push_back(tag);
            if (stand_in.empty()) {
                stand_in = std::move(cleaned);
                stand_in_tag = tag;
            }
        } else if (!text.has(*language)) {
            text.set(*language, std::move(cleaned));
        }
    }
    if (text.empty() && !stand_in.empty()) {
        text.set(m_language, std::move(stand_in));
        std::erase(ignored, stand_in_tag);
    }
    return text;
}

void EventReader::read_url(icalcomponent* vevent, Event& event, const Reason& name)
{
    icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_URL_PROPERTY);
    const char* raw = p ? icalproperty_get_url(p) : nullptr;
    std::string url = trim(raw ? raw : "");
    if (url.empty())
        return;
    bool web = (istarts_with(url, "http://") || istarts_with(url, "https://")) && url.size() <= 2000
        && std::none_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; });
    if (web)
        event.url = url;
    else
        m_reporter.warning(event.line, name + Reason::said("ics_url_not_web"));
}

void EventReader::read_duration(icalcomponent* vevent, Item& item, const Reason& name)
{
    Event& event = item.event;
    icalproperty* dtend = icalcomponent_get_first_property(vevent, ICAL_DTEND_PROPERTY);
    icalproperty* duration = icalcomponent_get_first_property(vevent, ICAL_DURATION_PROPERTY);
    std::int64_t seconds = event.all_day ? seconds_per_day : 0;
    bool backwards = false;
    if (dtend) {
        TimeValue end = time_value(dtend, icalproperty_get_dtend(dtend));
        std::optional<LocalTime> local = end.present ? from_ical(end.time, first_year, last_year) : std::nullopt;
        if (local && event.all_day) {
            std::optional<LocalTime> date = in_series(end, item);
            seconds = date ? (day_number(*date) - day_number(event.start)) * seconds_per_day : seconds_per_day;
        } else if (local) {
            LocalTime end_local = *local;
            if (!end.time.is_date) {
                const Zone& from = zone_of(end, event.line);
                if (!from.floating() && !item.zone->floating() && from.name != item.zone->name)
                    end_local = item.zone->to_local(from.to_wall(*local));
            }
            if (item.zone->floating())
                seconds = seconds_of(end_local) - seconds_of(event.start);
            else
                seconds = epoch_seconds(item.zone->to_wall(end_local)) - epoch_seconds(item.zone->to_wall(event.start));
        }
    } else if (duration) {
        icaldurationtype d = icalproperty_get_duration(duration);
        seconds = static_cast<std::int64_t>(d.weeks) * 7 * seconds_per_day
            + static_cast<std::int64_t>(d.days) * seconds_per_day + static_cast<std::int64_t>(d.hours) * 3600
            + static_cast<std::int64_t>(d.minutes) * 60 + static_cast<std::int64_t>(d.seconds);
        if (d.is_neg)
            seconds = -seconds;
        if (event.all_day)
            seconds = (seconds + seconds_per_day - 1) / seconds_per_day * seconds_per_day;
    }
    if (seconds < 0 || (event.all_day && seconds == 0)) {
        backwards = seconds < 0;
        seconds = event.all_day ? seconds_per_day : 0;
    }
    if (backwards)
        m_reporter.warning(
            event.line, name + Reason::said(event.all_day ? "ics_ends_before_start_all_day" : "ics_ends_before_start"));
    event.duration_seconds = std::min(seconds, max_duration_days * seconds_per_day);
}

void EventReader::read_recurrence(icalcomponent* vevent, Item& item, const Reason& name)
{
    Event& event = item.event;
    if (icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_RRULE_PROPERTY)) {
        icalrecurrencetype rule = icalproperty_get_rrule(p);
        if (char* text = icalrecurrencetype_as_string_r(&rule)) {
            event.rrule = text;
            icalmemory_free_buffer(text);
        }
        if (icalcomponent_get_next_property(vevent, ICAL_RRULE_PROPERTY))
            m_reporter.warning(event.line, name + Reason::said("ics_several_rrules"));
    }
    for (icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_RDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(vevent, ICAL_RDATE_PROPERTY)) {
        icaldatetimeperiodtype rdate = icalproperty_get_rdate(p);
        icaltimetype time = icaltime_is_null_time(rdate.time) ? rdate.period.start : rdate.time;
        add_date(event.rdates, time_value(p, time), item, name, "RDATE");
    }
    for (icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(vevent, ICAL_EXDATE_PROPERTY))
        add_date(event.exdates, time_value(p, icalproperty_get_exdate(p)), item, name, "EXDATE");
    if (std::string problem = recurrence_problem(event); !problem.empty()) {
        // recurrence_problem (content/occurrences.cpp) says its words in English only.
        m_reporter.error(event.line, name + Reason::said("ics_shown_once") + Reason::plain(problem));
        event.rrule.clear();
    }
}

void EventReader::add_date(
    std::vector<LocalTime>& dates, const TimeValue& value, const Item& item, const Reason& name, const char* what)
{
    if (!value.present)
        return;
    if (std::optional<LocalTime> local = in_series(value, item))
        dates.push_back(*local);
    else
        m_reporter.warning(item.event.line,
            name
                + Reason::said("ics_date_out_of_range",
                    {{"property", what}, {"first", std::to_string(first_year)}, {"last", std::to_string(last_year)}}));
}

} // namespace kiosk::ics_detail
