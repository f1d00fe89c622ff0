// iCalendar files with libical into events: the checks on the whole file, then each VEVENT, then overrides matched
// with their series.
#include "content/event.hpp"

#include "content/ical_time.hpp"
#include "content/ics_event_reader.hpp"
#include "content/ics_internal.hpp"
#include "content/ics_translation.hpp"
#include "content/ics_zones.hpp"

#include <libical/ical.h>
#include <map>
#include <set>

namespace kiosk {

namespace ics_detail {

std::vector<icalcomponent*> calendars_in(icalcomponent* root)
{
    std::vector<icalcomponent*> calendars;
    if (!root)
        return calendars;
    if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
        calendars.push_back(root);
    } else if (icalcomponent_isa(root) == ICAL_XROOT_COMPONENT) {
        for (icalcomponent* c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); c;
             c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT))
            calendars.push_back(c);
    }
    return calendars;
}

Reason text_refusal(std::string_view& text, const IcsLimits& limits)
{
    if (text.size() > limits.max_bytes)
        return Reason::said("ics_too_large",
            {{"size", std::to_string((text.size() + 1023) / 1024)},
                {"limit", std::to_string(limits.max_bytes / 1024)}});
    if (text.size() >= 2 && ((text[0] == '\xff' && text[1] == '\xfe') || (text[0] == '\xfe' && text[1] == '\xff')))
        return Reason::said("ics_wrong_encoding");
    if (text.size() >= 3 && text.substr(0, 3) == "\xef\xbb\xbf")
        text.remove_prefix(3); // A UTF-8 byte order mark.
    if (text.find('\0') != std::string_view::npos)
        return Reason::said("ics_nul_bytes");
    return {};
}

Reason prepared_refusal(const Prepared& prepared, const IcsLimits& limits)
{
    if (!prepared.starts_with_calendar)
        return Reason::said("ics_no_begin_vcalendar");
    if (prepared.events > limits.max_events)
        return Reason::said("ics_too_many_events",
            {{"events", std::to_string(prepared.events)}, {"limit", std::to_string(limits.max_events)}});
    if (prepared.depth > max_depth)
        return Reason::said("ics_nested_too_deep", {{"depth", std::to_string(max_depth)}});
    return {};
}

} // namespace ics_detail

namespace {

using namespace ical_detail;
using namespace ics_detail;

// Ids unique within the file.
class Ids {
public:
    std::string take(const std::string& base)
    {
        std::string root = cut_slug(base, max_id_length);
        if (root.empty())
            root = "event";
        std::string id = root;
        for (int n = 2; m_taken.count(id); ++n) {
            std::string suffix = "-" + std::to_string(n);
            id = cut_slug(root, max_id_length - suffix.size()) + suffix;
        }
        m_taken.insert(id);
        return id;
    }

private:
    std::set<std::string> m_taken;
};

// Every VEVENT of the calendars that can be read, at most `max_events`, in file order.
std::vector<Item> read_items(
    const std::vector<icalcomponent*>& calendars, EventReader& reader, Reporter& reporter, std::size_t max_events)
{
    std::vector<Item> items;
    for (icalcomponent* calendar : calendars) {
        report_parse_errors(calendar, line_of(calendar), reporter);
        for (icalcomponent* vevent = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); vevent;
             vevent = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
            if (items.size() >= max_events)
                break;
            if (std::optional<Item> item = reader.read(vevent, line_of(vevent)))
                items.push_back(std::move(*item));
        }
    }
    return items;
}

// Matches the items of one file with each other: series take ids first, then each override (RECURRENCE-ID) becomes
// an EXDATE of its series and a one-off event of its own.
class SeriesMatcher {
public:
    SeriesMatcher(std::vector<Item>& items, EventReader& reader, Reporter& reporter, const std::string& language)
        : m_items(items)
        , m_reader(reader)
        , m_reporter(reporter)
        , m_language(language)
    { }

    // The events to keep, in file order. Series come first, so that overrides, which may come before their series,
    // can find them and take ids after them.
    std::vector<Event> take()
    {
        name_series();
        std::vector<bool> keep(m_items.size(), true);
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            Item& item = m_items[i];
            if (!item.recurrence_id.present)
                keep[i] = !item.cancelled; // A cancelled series is not shown at all.
            else
                keep[i] = match_override(item);
        }
        std::vector<Event> events;
        events.reserve(m_items.size());
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            if (keep[i])
                events.push_back(std::move(m_items[i].event));
        }
        return events;
    }

private:
    std::string base_id(const Item& item) const
    {
        return item.uid.empty() ? slug(item.event.title.in(m_language, m_language)) : id_from_uid(item.uid);
    }

    void name_series()
    {
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            Item& item = m_items[i];
            if (item.recurrence_id.present)
                continue;
            item.event.id = m_ids.take(base_id(item));
            if (!item.uid.empty())
                m_series.emplace(item.uid, i);
        }
    }

    // Whether the override is shown.
    bool match_override(Item& item)
    {
        auto master = m_series.find(item.uid);
        if (master == m_series.end()) {
            // An override whose series is not in the file is still a real occurrence.
            std::optional<LocalTime> moved = m_reader.in_series(item.recurrence_id, item);
            item.event.id = m_ids.take(
                cut_slug(base_id(item), max_id_length - 9) + "-" + compact_date(moved.value_or(item.event.start)));
            return !item.cancelled;
        }
        Item& owner = m_items[master->second];
        std::optional<LocalTime> moved = m_reader.in_series(item.recurrence_id, owner);
        if (!moved) {
            m_reporter.warning(item.event.line, Reason::said("ics_override_not_a_date"));
            return false;
        }
        owner.event.exdates.push_back(*moved);
        inherit_translations(owner.event, item.event);
        item.event.rrule.clear();
        item.event.rdates.clear();
        item.event.exdates.clear();
        item.event.id = m_ids.take(cut_slug(owner.event.id, max_id_length - 9) + "-" + compact_date(*moved));
        return !item.cancelled && !owner.cancelled;
    }

    // A changed occurrence that kept its series' words in the default language keeps the series' translations of them.
    void inherit_translations(const Event& series, Event& occurrence) const
    {
        for (Text Event::*field : {&Event::title, &Event::description, &Event::location}) {
            const Text& from = series.*field;
            Text& to = occurrence.*field;
            if (to.in(m_language, m_language) != from.in(m_language, m_language))
                continue;
            for (const auto& [language, text] : from.by_language()) {
                if (!language.empty() && language != m_language && !to.has(language))
                    to.set(language, text);
            }
        }
    }

    std::vector<Item>& m_items;
    EventReader& m_reader;
    Reporter& m_reporter;
    const std::string& m_language;
    Ids m_ids;
    std::map<std::string, std::size_t> m_series; // UID to the first series with it.
};

} // namespace

std::vector<Event> read_ics(std::string_view text, const std::string& file_name,
    const std::vector<std::string>& languages, Diagnostics& diagnostics, const IcsLimits& limits,
    const std::vector<IcsTranslation>& translations)
{
    static const std::vector<std::string> english {"en"};
    const std::vector<std::string>& bundle_languages = languages.empty() ? english : languages;
    Reporter reporter(file_name);
    auto fatal = [&](const Reason& reason) {
        reporter.add(0, Severity::Fatal, reason);
        reporter.flush(diagnostics);
        return std::vector<Event> {};
    };
    if (Reason refusal = text_refusal(text, limits); !refusal.empty())
        return fatal(refusal);
    Prepared prepared = prepare(text);
    if (Reason refusal = prepared_refusal(prepared, limits); !refusal.empty())
        return fatal(refusal);

    Component root(icalparser_parse_string(prepared.text.c_str()));
    std::vector<icalcomponent*> calendars = calendars_in(root.get());
    if (calendars.empty())
        return fatal(Reason::said("ics_unreadable"));

    for (int line : prepared.stray_ends)
        reporter.warning(line, Reason::said("ics_stray_end"));
    Zones zones(calendars, reporter);
    EventReader reader(file_name, bundle_languages, zones, reporter);
    std::vector<Item> items = read_items(calendars, reader, reporter, limits.max_events);
    // The translations' own problems are listed after the calendar's.
    Diagnostics translation_diagnostics;
    for (const IcsTranslation& translation : translations)
        apply_translation(translation, file_name, items, reader, translation_diagnostics, limits);
    std::vector<Event> events = SeriesMatcher(items, reader, reporter, bundle_languages.front()).take();
    reporter.flush(diagnostics);
    for (const Diagnostic& d : translation_diagnostics.all()) {
        if (d.reason.empty())
            diagnostics.add(d.file, d.line, d.severity, d.message);
        else
            diagnostics.add(d.file, d.line, d.severity, d.reason);
    }
    return events;
}

} // namespace kiosk
