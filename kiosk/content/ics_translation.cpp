// Translations of a calendar's events from a calendar of their own, matched by UID and RECURRENCE-ID.
#include "content/ics_translation.hpp"

#include "content/ical_time.hpp"
#include "content/ics_zones.hpp"

#include <cstdio>
#include <iterator>

namespace kiosk::ics_detail {

using namespace ical_detail;

namespace {

// A RECURRENCE-ID to compare with another: a date, a time as written (floating), or an instant.
struct OccurrenceKey {
    enum class Kind { Date, Local, Instant };
    Kind kind = Kind::Local;
    LocalTime local;
    WallTime instant;
};

// Nothing when the value is not a date the kiosk reads.
std::optional<OccurrenceKey> key_of(const TimeValue& value, EventReader& reader, int line)
{
    std::optional<LocalTime> local = from_ical(value.time, first_year, last_year);
    if (!local)
        return std::nullopt;
    OccurrenceKey key;
    key.local = *local;
    if (value.time.is_date) {
        key.kind = OccurrenceKey::Kind::Date;
        return key;
    }
    const Zone& zone = reader.zone_of(value, line);
    if (zone.floating())
        return key;
    key.kind = OccurrenceKey::Kind::Instant;
    key.instant = zone.to_wall(*local);
    return key;
}

// The same occurrence: the same instant when both are in a zone; the same date when either is a date; else the same
// time as written.
bool same_occurrence(const OccurrenceKey& a, const OccurrenceKey& b)
{
    using Kind = OccurrenceKey::Kind;
    bool same_date = a.local.year == b.local.year && a.local.month == b.local.month && a.local.day == b.local.day;
    if (a.kind == Kind::Date || b.kind == Kind::Date)
        return same_date;
    if (a.kind == Kind::Instant && b.kind == Kind::Instant)
        return a.instant == b.instant;
    return same_date && a.local.hour == b.local.hour && a.local.minute == b.local.minute
        && a.local.second == b.local.second;
}

// "2026-12-03", the date of the occurrence as the file writes it.
std::string written_date(const OccurrenceKey& key)
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", key.local.year, key.local.month, key.local.day);
    return buffer;
}

// "19:00", the time of the occurrence as the file writes it.
std::string written_time(const OccurrenceKey& key)
{
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", key.local.hour, key.local.minute);
    return buffer;
}

// Reads each VEVENT of one translation file and hands it to `apply` with its line.
class TranslationReader {
public:
    TranslationReader(const IcsTranslation& translation, const std::string& calendar_file, std::vector<Item>& items,
        EventReader& items_reader, Reporter& reporter)
        : m_translation(translation)
        , m_calendar_file(calendar_file)
        , m_items(items)
        , m_reporter(reporter)
        , m_languages {translation.language}
    {
        m_keys.resize(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].recurrence_id.present)
                m_keys[i] = key_of(items[i].recurrence_id, items_reader, items[i].event.line);
        }
    }

    void read(const std::vector<icalcomponent*>& calendars, std::size_t max_events)
    {
        Zones zones(calendars, m_reporter);
        EventReader reader(m_translation.file_name, m_languages, zones, m_reporter, TextLanguage::Fixed);
        std::size_t count = 0;
        for (icalcomponent* calendar : calendars) {
            report_parse_errors(calendar, line_of(calendar), m_reporter);
            for (icalcomponent* vevent = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); vevent;
                 vevent = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
                if (++count > max_events)
                    return;
                read_event(vevent, reader);
            }
        }
    }

private:
    void read_event(icalcomponent* vevent, EventReader& reader)
    {
        int line = line_of(vevent);
        report_parse_errors(vevent, line, m_reporter);
        Event translated;
        translated.file = m_translation.file_name;
        translated.line = line;
        Reason name = reader.read_texts(vevent, translated);
        std::string uid;
        if (icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_UID_PROPERTY))
            uid = trim(icalproperty_get_uid(p) ? icalproperty_get_uid(p) : "");
        if (uid.empty()) {
            m_reporter.warning(line, name + Reason::said("ics_translation_no_uid", {{"calendar", m_calendar_file}}));
            return;
        }
        std::optional<OccurrenceKey> occurrence;
        if (icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_RECURRENCEID_PROPERTY)) {
            TimeValue value = time_value(p, icalproperty_get_recurrenceid(p));
            occurrence = value.present ? key_of(value, reader, line) : std::nullopt;
            if (!occurrence) {
                m_reporter.warning(line, name + Reason::said("ics_translation_override_not_a_date"));
                return;
            }
        }
        std::vector<std::size_t> targets = targets_of(uid, occurrence);
        std::string quoted = shorten(uid, max_title_quoted);
        if (targets.empty() && occurrence && has_uid(uid)) {
            if (occurrence->kind == OccurrenceKey::Kind::Date)
                m_reporter.warning(line,
                    Reason::said("ics_translation_no_occurrence_on_date",
                        {{"uid", quoted}, {"calendar", m_calendar_file}, {"date", written_date(*occurrence)}}));
            else
                m_reporter.warning(line,
                    Reason::said("ics_translation_no_occurrence_at_time",
                        {{"uid", quoted}, {"calendar", m_calendar_file}, {"date", written_date(*occurrence)},
                            {"time", written_time(*occurrence)}}));
            return;
        }
        if (targets.empty()) {
            m_reporter.warning(
                line, Reason::said("ics_translation_uid_not_found", {{"uid", quoted}, {"calendar", m_calendar_file}}));
            return;
        }
        for (std::size_t i : targets) {
            for (Text Event::*field : {&Event::title, &Event::description, &Event::location}) {
                const std::string& text = (translated.*field).in(m_translation.language, m_translation.language);
                if (!text.empty())
                    (m_items[i].event.*field).set(m_translation.language, text);
            }
        }
    }

    bool has_uid(const std::string& uid) const
    {
        return std::any_of(m_items.begin(), m_items.end(), [&](const Item& item) { return item.uid == uid; });
    }

    // The items a translation is for: the changed occurrence it names; else the series, or, when the file has no
    // series with that UID, every changed occurrence with it.
    std::vector<std::size_t> targets_of(const std::string& uid, const std::optional<OccurrenceKey>& occurrence) const
    {
        std::vector<std::size_t> same_uid, targets;
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            if (m_items[i].uid == uid)
                same_uid.push_back(i);
        }
        for (std::size_t i : same_uid) {
            bool is_occurrence = m_items[i].recurrence_id.present;
            if (occurrence ? is_occurrence && m_keys[i] && same_occurrence(*m_keys[i], *occurrence) : !is_occurrence)
                targets.push_back(i);
        }
        return targets.empty() && !occurrence ? same_uid : targets;
    }

    const IcsTranslation& m_translation;
    const std::string& m_calendar_file;
    std::vector<Item>& m_items;
    Reporter& m_reporter;
    std::vector<std::string> m_languages;             // The translation's one language.
    std::vector<std::optional<OccurrenceKey>> m_keys; // The items' RECURRENCE-IDs, by index.
};

} // namespace

void apply_translation(const IcsTranslation& translation, const std::string& calendar_file, std::vector<Item>& items,
    EventReader& reader, Diagnostics& diagnostics, const IcsLimits& limits)
{
    Reporter reporter(translation.file_name);
    std::string_view text = translation.text;
    Reason refusal = text_refusal(text, limits);
    Prepared prepared;
    if (refusal.empty()) {
        prepared = prepare(text);
        refusal = prepared_refusal(prepared, limits);
    }
    Component root(refusal.empty() ? icalparser_parse_string(prepared.text.c_str()) : nullptr);
    std::vector<icalcomponent*> calendars = calendars_in(root.get());
    if (refusal.empty() && calendars.empty())
        refusal = Reason::said("ics_unreadable");
    if (!refusal.empty()) {
        reporter.add(0, Severity::Fatal, refusal);
        reporter.flush(diagnostics);
        return;
    }
    for (int line : prepared.stray_ends)
        reporter.warning(line, Reason::said("ics_stray_end"));
    TranslationReader(translation, calendar_file, items, reader, reporter).read(calendars, limits.max_events);
    reporter.flush(diagnostics);
}

} // namespace kiosk::ics_detail
