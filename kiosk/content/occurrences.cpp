// Expanding events' rules into occurrences for a window of time, with libical's recurrence iterator.
#include "content/event.hpp"

#include "content/ical_time.hpp"

#include <algorithm>
#include <cstdio>
#include <libical/ical.h>
#include <map>
#include <memory>
#include <set>

namespace kiosk {

namespace {

using namespace ical_detail;

constexpr std::size_t max_steps_per_event = 100000;      // Iterator steps (about 2 µs each); rules skip ahead first.
constexpr std::size_t max_steps_per_call = 1000000;      // All events together: a hostile file costs at most ~2 s.
constexpr std::size_t max_rule_length = 2000;            // Characters of an RRULE value.
constexpr std::size_t max_vtimezone_length = 256 * 1024; // Thunderbird's full-history zones are ~15 KiB.
constexpr std::size_t max_vtimezone_parts = 1000;        // STANDARD and DAYLIGHT blocks; Thunderbird writes ~85.
constexpr std::int64_t max_vtimezone_changes = 20000;    // Outlook's two yearly rules from 1601 make ~900.
constexpr std::int64_t seconds_per_day = 86400;
constexpr int first_convertible_year = 1700; // WallTime counts nanoseconds: it reaches from 1677 to 2262.
constexpr int last_convertible_year = 2200;
constexpr std::int64_t max_duration_seconds = 3660 * seconds_per_day; // Longer events are cut to ten years.

LocalTime date_after(const LocalTime& t, std::int64_t days)
{
    return civil_from_days(day_number(t) + days);
}

// A local time as a number that orders and compares like the time (dates only for all-day events).
std::int64_t local_key(const LocalTime& t, bool all_day)
{
    std::int64_t days = day_number(t);
    return all_day ? days
                   : days * seconds_per_day + std::int64_t(t.hour) * 3600 + std::int64_t(t.minute) * 60 + t.second;
}

WallTime utc_wall(const LocalTime& t)
{
    return WallTime(std::chrono::seconds(local_key(t, false)));
}

std::int64_t floor_days(WallTime time)
{
    std::int64_t seconds = epoch_seconds(time);
    return seconds >= 0 ? seconds / seconds_per_day : -((-seconds + seconds_per_day - 1) / seconds_per_day);
}

std::string date_text(const LocalTime& t)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", t.year, t.month, t.day);
    return buffer;
}

bool has_any(const short* list)
{
    return list[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

// Why libical could spend minutes on this rule, or "".
std::string rule_problem(const icalrecurrencetype& rule)
{
    if (rule.freq == ICAL_NO_RECURRENCE)
        return "the repeat rule (RRULE) cannot be read";
    if (rule.interval < 1 || rule.count < 0)
        return "the repeat rule (RRULE) has an INTERVAL or COUNT below 1";
    bool limits_days = has_any(rule.by_day) || has_any(rule.by_month_day) || has_any(rule.by_year_day)
        || has_any(rule.by_week_no) || has_any(rule.by_month) || has_any(rule.by_set_pos);
    // Rules that repeat within a day may only expand into smaller units: a limit ("only in February, on the 30th")
    // makes libical step second by second through centuries looking for a match.
    bool limits_time = (rule.freq == ICAL_SECONDLY_RECURRENCE
                           && (has_any(rule.by_second) || has_any(rule.by_minute) || has_any(rule.by_hour)))
        || (rule.freq == ICAL_MINUTELY_RECURRENCE && (has_any(rule.by_minute) || has_any(rule.by_hour)))
        || (rule.freq == ICAL_HOURLY_RECURRENCE && has_any(rule.by_hour));
    bool sub_daily = rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE
        || rule.freq == ICAL_HOURLY_RECURRENCE;
    if (sub_daily && (limits_days || limits_time))
        return "the repeat rule (RRULE) repeats more than once a day on chosen days or hours, which the kiosk does not "
               "expand";
    // RFC 5545's table of which BY parts go with which FREQ.
    if ((has_any(rule.by_week_no) && rule.freq != ICAL_YEARLY_RECURRENCE)
        || (has_any(rule.by_year_day)
            && (rule.freq == ICAL_DAILY_RECURRENCE || rule.freq == ICAL_WEEKLY_RECURRENCE
                || rule.freq == ICAL_MONTHLY_RECURRENCE))
        || (has_any(rule.by_month_day) && rule.freq == ICAL_WEEKLY_RECURRENCE))
        return "the repeat rule (RRULE) combines FREQ with a BY part that RFC 5545 does not allow with it";
    if (rule.freq != ICAL_MONTHLY_RECURRENCE && rule.freq != ICAL_YEARLY_RECURRENCE) {
        for (std::size_t i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
            if (icalrecurrencetype_day_position(rule.by_day[i]) != 0)
                return "the repeat rule (RRULE) numbers weekdays (such as 1SA), which only goes with FREQ=MONTHLY or "
                       "FREQ=YEARLY";
        }
    }
    // A day of the month that none of the months has ("BYMONTH=2;BYMONTHDAY=30") would never come.
    if (has_any(rule.by_month_day)) {
        bool months[13] = {};
        bool any_month = !has_any(rule.by_month);
        for (std::size_t i = 0; i < ICAL_BY_MONTH_SIZE && rule.by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
            int month = icalrecurrencetype_month_month(rule.by_month[i]);
            if (month >= 1 && month <= 12)
                months[month] = true;
        }
        bool possible = false;
        for (std::size_t i = 0; i < ICAL_BY_MONTHDAY_SIZE && rule.by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
            int day = rule.by_month_day[i] < 0 ? -rule.by_month_day[i] : rule.by_month_day[i];
            for (int month = 1; month <= 12; ++month) {
                if ((any_month || months[month]) && day >= 1 && day <= days_in_month(2000, month))
                    possible = true;
            }
        }
        if (!possible)
            return "the repeat rule (RRULE) asks for a day that none of its months has (such as February 30)";
    }
    return "";
}

// The VTIMEZONE in parsed text: the component itself, or the first one inside a VCALENDAR.
icalcomponent* find_vtimezone(icalcomponent* root)
{
    if (!root)
        return nullptr;
    if (icalcomponent_isa(root) == ICAL_VTIMEZONE_COMPONENT)
        return root;
    return icalcomponent_get_first_component(root, ICAL_VTIMEZONE_COMPONENT);
}

std::string check_vtimezone(icalcomponent* zone)
{
    if (!zone)
        return "the time zone block (VTIMEZONE) cannot be read";
    icalproperty* tzid = icalcomponent_get_first_property(zone, ICAL_TZID_PROPERTY);
    if (!tzid || !icalproperty_get_tzid(tzid))
        return "the time zone block (VTIMEZONE) has no TZID";
    std::size_t parts = 0;
    std::int64_t changes = 0; // About how many offset changes libical will list when it expands the block.
    for (icalcomponent* part = icalcomponent_get_first_component(zone, ICAL_ANY_COMPONENT); part;
         part = icalcomponent_get_next_component(zone, ICAL_ANY_COMPONENT)) {
        icalcomponent_kind kind = icalcomponent_isa(part);
        if (kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT)
            continue;
        if (++parts > max_vtimezone_parts)
            return "the time zone block (VTIMEZONE) has more than 1000 STANDARD and DAYLIGHT parts";
        icalproperty* start = icalcomponent_get_first_property(part, ICAL_DTSTART_PROPERTY);
        std::optional<LocalTime> first = start ? from_ical(icalproperty_get_dtstart(start)) : std::nullopt;
        if (!first || !icalcomponent_get_first_property(part, ICAL_TZOFFSETTO_PROPERTY))
            return "the time zone block (VTIMEZONE) has a STANDARD or DAYLIGHT part without DTSTART or TZOFFSETTO";
        changes += 1 + icalcomponent_count_properties(part, ICAL_RDATE_PROPERTY);
        for (icalproperty* rule = icalcomponent_get_first_property(part, ICAL_RRULE_PROPERTY); rule;
             rule = icalcomponent_get_next_property(part, ICAL_RRULE_PROPERTY)) {
            icalrecurrencetype recurrence = icalproperty_get_rrule(rule);
            // Offsets change once or twice a year; libical would expand anything else up to the year 2037.
            if (recurrence.freq != ICAL_YEARLY_RECURRENCE || !rule_problem(recurrence).empty())
                return "the time zone block (VTIMEZONE) changes its offset by a rule that is not yearly";
            int last = icaltime_is_null_time(recurrence.until) ? 2040 : std::min(recurrence.until.year, 2040);
            std::int64_t years = std::max(0, last - first->year + 1);
            if (recurrence.count > 0)
                years = std::min<std::int64_t>(years, recurrence.count);
            changes += years * (has_any(recurrence.by_day) || has_any(recurrence.by_month_day) ? 12 : 1);
        }
    }
    if (parts == 0)
        return "the time zone block (VTIMEZONE) has no STANDARD or DAYLIGHT part";
    if (changes > max_vtimezone_changes)
        return "the time zone block (VTIMEZONE) lists too many offset changes";
    return "";
}

Component parse_component(const std::string& text)
{
    if (text.size() > max_vtimezone_length)
        return nullptr;
    return Component(icalparser_parse_string(text.c_str()));
}

// A libical zone built from a VTIMEZONE block, or nothing when the block cannot be used.
OwnedZone build_zone(const std::string& text)
{
    Component root = parse_component(text);
    icalcomponent* found = find_vtimezone(root.get());
    if (!check_vtimezone(found).empty())
        return nullptr;
    icalcomponent* copy = icalcomponent_new_clone(found);
    if (!copy)
        return nullptr;
    OwnedZone zone(icaltimezone_new());
    if (!zone || !icaltimezone_set_component(zone.get(), copy)) {
        icalcomponent_free(copy); // Owned by the zone only when it was accepted.
        return nullptr;
    }
    return zone;
}

// Zones built from VTIMEZONE text during one expansion; files repeat the same block for every event.
class ZoneCache {
public:
    icaltimezone* get(const std::string& vtimezone)
    {
        auto it = m_zones.find(vtimezone);
        if (it == m_zones.end())
            it = m_zones.emplace(vtimezone, build_zone(vtimezone)).first;
        return it->second.get();
    }

private:
    std::map<std::string, OwnedZone> m_zones;
};

// Converts one event's local times: its IANA zone, UTC, its own VTIMEZONE, or the kiosk's zone for floating times.
class EventClock {
public:
    EventClock(const Event& event, const TimeZone& kiosk_zone, ZoneCache& cache)
        : m_zone(&kiosk_zone)
    {
        if (event.time_zone.empty())
            return;
        if ((m_named = TimeZone::named(event.time_zone))) {
            m_zone = &*m_named;
            return;
        }
        if (!event.vtimezone.empty())
            m_defined = cache.get(event.vtimezone);
    }
    EventClock(const EventClock&) = delete;
    EventClock& operator=(const EventClock&) = delete;

    WallTime to_wall(const LocalTime& local) const
    {
        if (!m_defined)
            return m_zone->to_wall(local);
        return WallTime(std::chrono::seconds(icaltime_as_timet_with_zone(to_ical(local, false), m_defined)));
    }

    LocalTime to_local(WallTime time) const
    {
        if (!m_defined)
            return m_zone->to_local(time);
        icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(epoch_seconds(time)), 0, m_defined);
        return from_ical(t).value_or(LocalTime {});
    }

private:
    std::optional<TimeZone> m_named;
    const TimeZone* m_zone;            // The named zone, or the kiosk's.
    icaltimezone* m_defined = nullptr; // Owned by the ZoneCache.
};

// The rule as libical should iterate it over floating local times: UNTIL moved into the event's local time (libical
// compares a UTC UNTIL with floating times as if they were UTC).
icalrecurrencetype local_rule(const Event& event, const EventClock& clock)
{
    icalrecurrencetype rule = icalrecurrencetype_from_string(event.rrule.c_str());
    if (icaltime_is_null_time(rule.until))
        return rule;
    std::optional<LocalTime> until = from_ical(rule.until);
    bool utc = !rule.until.is_date && icaltime_is_utc(rule.until) && until && until->year >= first_convertible_year
        && until->year <= last_convertible_year;
    if (!until || until->year > last_convertible_year) {
        rule.until = icaltime_null_time(); // The window ends long before.
    } else if (event.all_day) {
        // Outlook writes the local midnight of the last day in UTC ("20240728T230000Z" for 29 July in London):
        // the nearest midnight is the day meant.
        if (utc)
            until = civil_from_days(floor_days(utc_wall(*until) + std::chrono::hours(12)));
        rule.until = to_ical(*until, true);
    } else if (rule.until.is_date) {
        until->hour = 23;
        until->minute = 59;
        until->second = 59;
        rule.until = to_ical(*until, false);
    } else if (utc) {
        rule.until = to_ical(clock.to_local(utc_wall(*until)), false);
    } else {
        rule.until = to_ical(*until, false);
    }
    return rule;
}

struct RuleIterator {
    explicit RuleIterator(icalrecur_iterator* iterator)
        : m_iterator(iterator)
    { }
    ~RuleIterator()
    {
        if (m_iterator)
            icalrecur_iterator_free(m_iterator);
    }
    RuleIterator(const RuleIterator&) = delete;
    RuleIterator& operator=(const RuleIterator&) = delete;

    icalrecur_iterator* m_iterator;
};

class Expansion {
public:
    Expansion(const Event& event, WallTime from, WallTime to, const TimeZone& kiosk_zone, ZoneCache& cache,
        std::size_t max_per_event, std::size_t& budget, std::vector<Occurrence>& out)
        : m_event(event)
        , m_from(from)
        , m_to(to)
        , m_kiosk_zone(kiosk_zone)
        , m_clock(event, kiosk_zone, cache)
        , m_max(max_per_event)
        , m_budget(budget)
        , m_out(out)
        , m_from_day(floor_days(from))
        , m_to_day(floor_days(to))
    {
        for (const LocalTime& excluded : event.exdates)
            m_excluded.insert(local_key(excluded, event.all_day));
        m_duration = std::clamp<std::int64_t>(event.duration_seconds, 0, max_duration_seconds);
        std::int64_t duration = m_duration;
        m_days = event.all_day ? std::max<std::int64_t>(1, (duration + seconds_per_day - 1) / seconds_per_day) : 0;
        m_span_days = event.all_day ? m_days : duration / seconds_per_day + 1;
    }

    // Expands the whole event; false when the cap stopped it.
    bool run()
    {
        if (!add(m_event.start))
            return false;
        if (!m_event.rrule.empty() && recurrence_problem(m_event).empty() && !run_rule())
            return false;
        for (const LocalTime& extra : m_event.rdates) {
            if (!add(extra))
                return false;
        }
        return true;
    }

private:
    // A start on the rule's grid shortly before the window, for rules whose grid is a fixed number of seconds or days
    // (libical iterates floating local times, so this arithmetic matches it). Rules with COUNT must count from the
    // first start and are not moved; neither are monthly and yearly ones, which take few steps anyway.
    icaltimetype iteration_start(const icalrecurrencetype& rule) const
    {
        icaltimetype start = to_ical(m_event.start, m_event.all_day);
        std::int64_t unit = 0;
        switch (rule.freq) {
        case ICAL_SECONDLY_RECURRENCE:
            unit = 1;
            break;
        case ICAL_MINUTELY_RECURRENCE:
            unit = 60;
            break;
        case ICAL_HOURLY_RECURRENCE:
            unit = 3600;
            break;
        case ICAL_DAILY_RECURRENCE:
            unit = seconds_per_day;
            break;
        case ICAL_WEEKLY_RECURRENCE:
            unit = 7 * seconds_per_day;
            break;
        default:
            return start;
        }
        if (rule.count > 0 || rule.interval < 1)
            return start;
        std::int64_t period = unit * rule.interval;
        std::int64_t first = local_key(m_event.start, false);
        // The local time the event would have to start at to reach the window; two hours earlier for DST changes.
        // All-day rules step by days, so two days' margin for zones costs nothing.
        std::int64_t earliest = m_event.all_day
            ? (m_from_day - 2 - m_span_days) * seconds_per_day
            : local_key(m_clock.to_local(m_from - std::chrono::seconds(m_duration)), false) - 2 * 3600;
        if (earliest - first < 2 * period)
            return start;
        std::int64_t moved = first + (earliest - first) / period * period;
        std::int64_t days = moved >= 0 ? moved / seconds_per_day : -((-moved + seconds_per_day - 1) / seconds_per_day);
        LocalTime local = civil_from_days(days);
        std::int64_t rest = moved - days * seconds_per_day;
        local.hour = static_cast<int>(rest / 3600);
        local.minute = static_cast<int>(rest / 60 % 60);
        local.second = static_cast<int>(rest % 60);
        return to_ical(local, m_event.all_day);
    }

    bool run_rule()
    {
        icalrecurrencetype rule = local_rule(m_event, m_clock);
        RuleIterator iterator(icalrecur_iterator_new(rule, iteration_start(rule)));
        if (!iterator.m_iterator)
            return true;
        for (std::size_t step = 0;; ++step) {
            if (step >= max_steps_per_event || m_budget == 0)
                return false;
            --m_budget;
            icaltimetype next = icalrecur_iterator_next(iterator.m_iterator);
            if (icaltime_is_null_time(next))
                return true;
            std::optional<LocalTime> local = from_ical(next);
            if (!local)
                return true;
            if (day_number(*local) > m_to_day + 2)
                return true; // Zones are less than two days from UTC, so this and all later starts are past `to`.
            if (!add(*local))
                return false;
            if (m_past_window)
                return true;
        }
    }

    // Adds the occurrence starting at `local` when it is in the window; false when the cap is reached.
    bool add(const LocalTime& local)
    {
        m_past_window = false;
        std::int64_t key = local_key(local, m_event.all_day);
        if (m_excluded.count(key) || !m_seen.insert(key).second)
            return true;
        std::int64_t day = day_number(local);
        if (day + m_span_days + 2 < m_from_day)
            return true; // Over before the window, whatever the zone.
        if (day > m_to_day + 2) {
            m_past_window = true;
            return true;
        }
        Occurrence occurrence;
        occurrence.event = &m_event;
        if (m_event.all_day) {
            LocalTime midnight = civil_from_days(day);
            occurrence.start = m_kiosk_zone.to_wall(midnight);
            occurrence.end = m_kiosk_zone.to_wall(date_after(midnight, m_days));
            occurrence.date = date_text(midnight);
        } else {
            occurrence.start = m_clock.to_wall(local);
            occurrence.end = occurrence.start + std::chrono::seconds(m_duration);
            occurrence.date = date_text(m_kiosk_zone.to_local(occurrence.start));
        }
        if (occurrence.start >= m_to) {
            m_past_window = true;
            return true;
        }
        bool in_window = occurrence.end > m_from || (occurrence.end == occurrence.start && occurrence.start >= m_from);
        if (!in_window)
            return true;
        if (m_produced >= m_max)
            return false;
        m_out.push_back(std::move(occurrence));
        ++m_produced;
        return true;
    }

    const Event& m_event;
    WallTime m_from;
    WallTime m_to;
    const TimeZone& m_kiosk_zone;
    EventClock m_clock;
    std::size_t m_max;
    std::size_t& m_budget; // Iterator steps left for this call.
    std::vector<Occurrence>& m_out;
    std::int64_t m_from_day; // Days since 1970 of `from` and `to` in UTC, for cheap checks before converting.
    std::int64_t m_to_day;
    std::int64_t m_duration = 0;  // Seconds, within 0 and ten years.
    std::int64_t m_days = 0;      // All-day events: how many days each occurrence covers.
    std::int64_t m_span_days = 0; // Whole days an occurrence can reach past its start day.
    std::set<std::int64_t> m_excluded;
    std::set<std::int64_t> m_seen; // Starts already handled: RDATEs and DTSTART may repeat the rule's.
    std::size_t m_produced = 0;
    bool m_past_window = false; // The last start looked at was at or after `to`.
};

} // namespace

std::string recurrence_problem(const Event& event)
{
    if (event.rrule.empty())
        return "";
    if (event.rrule.size() > max_rule_length)
        return "the repeat rule (RRULE) is too long";
    icalrecurrencetype rule = icalrecurrencetype_from_string(event.rrule.c_str());
    if (std::string problem = rule_problem(rule); !problem.empty())
        return problem;
    if (!from_ical(to_ical(event.start, event.all_day)))
        return "the event's start is not a real date";
    if (event.all_day
        && (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE
            || rule.freq == ICAL_HOURLY_RECURRENCE))
        return "the repeat rule (RRULE) repeats more than once a day, but the event lasts all day";
    RuleIterator iterator(icalrecur_iterator_new(rule, to_ical(event.start, event.all_day)));
    if (!iterator.m_iterator)
        return "the repeat rule (RRULE) is not valid (libical refuses it)";
    return "";
}

std::string vtimezone_problem(const std::string& vtimezone)
{
    if (vtimezone.size() > max_vtimezone_length)
        return "the time zone block (VTIMEZONE) is too long";
    Component root = parse_component(vtimezone);
    return check_vtimezone(find_vtimezone(root.get()));
}

std::vector<Occurrence> expand_occurrences(const std::vector<Event>& events, WallTime from, WallTime to,
    const TimeZone& kiosk_zone, std::size_t max_per_event, bool* capped)
{
    if (capped)
        *capped = false;
    std::vector<Occurrence> out;
    // Past these years, dates ten years on would overflow WallTime; no kiosk shows them.
    from = std::max(from, utc_wall(civil_from_days(days_from_civil(first_convertible_year, 1, 1))));
    to = std::min(to, utc_wall(civil_from_days(days_from_civil(last_convertible_year, 1, 1))));
    if (to <= from)
        return out;
    ZoneCache cache;
    std::size_t budget = max_steps_per_call;
    for (const Event& event : events) {
        if (!Expansion(event, from, to, kiosk_zone, cache, max_per_event, budget, out).run() && capped)
            *capped = true;
    }
    std::sort(out.begin(), out.end(), [](const Occurrence& a, const Occurrence& b) {
        if (a.start != b.start)
            return a.start < b.start;
        const std::string& title_a = a.event->title.in("", "");
        const std::string& title_b = b.event->title.in("", "");
        if (title_a != title_b)
            return title_a < title_b;
        if (a.event->id != b.event->id)
            return a.event->id < b.event->id;
        return a.end < b.end;
    });
    return out;
}

} // namespace kiosk
