// Time zones of one iCalendar file, resolved once each, with the Windows zone names Outlook and Exchange write.
#include "content/ics_zones.hpp"

#include "content/event.hpp"

namespace kiosk::ics_detail {

using namespace ical_detail;

namespace {

// Windows zone names (Outlook, Exchange) and the IANA zone CLDR's windowsZones.xml gives for each.
struct WindowsZone {
    const char* windows;
    const char* iana;
};
constexpr WindowsZone windows_zones[] = {
    {"GMT Standard Time", "Europe/London"},
    {"Greenwich Standard Time", "Atlantic/Reykjavik"},
    {"W. Europe Standard Time", "Europe/Berlin"},
    {"Romance Standard Time", "Europe/Paris"},
    {"Central Europe Standard Time", "Europe/Budapest"},
    {"Central European Standard Time", "Europe/Warsaw"},
    {"E. Europe Standard Time", "Europe/Chisinau"},
    {"FLE Standard Time", "Europe/Kiev"},
    {"GTB Standard Time", "Europe/Bucharest"},
    {"Russian Standard Time", "Europe/Moscow"},
    {"Eastern Standard Time", "America/New_York"},
    {"Central Standard Time", "America/Chicago"},
    {"Mountain Standard Time", "America/Denver"},
    {"US Mountain Standard Time", "America/Phoenix"},
    {"Pacific Standard Time", "America/Los_Angeles"},
    {"Alaskan Standard Time", "America/Anchorage"},
    {"Hawaiian Standard Time", "Pacific/Honolulu"},
    {"Atlantic Standard Time", "America/Halifax"},
    {"Newfoundland Standard Time", "America/St_Johns"},
    {"Canada Central Standard Time", "America/Regina"},
    {"Central Standard Time (Mexico)", "America/Mexico_City"},
    {"SA Pacific Standard Time", "America/Bogota"},
    {"E. South America Standard Time", "America/Sao_Paulo"},
    {"South Africa Standard Time", "Africa/Johannesburg"},
    {"India Standard Time", "Asia/Kolkata"},
    {"China Standard Time", "Asia/Shanghai"},
    {"Tokyo Standard Time", "Asia/Tokyo"},
    {"AUS Eastern Standard Time", "Australia/Sydney"},
    {"New Zealand Standard Time", "Pacific/Auckland"},
    {"UTC", "UTC"},
};

// Moves the start of open-ended yearly offset rules from before 1970 to 1970. Outlook starts its rules in 1601, and
// libical expands every year from there (through ICU, ~10 ms a zone) each time a zone is built; no event the kiosk
// shows needs those years.
void start_rules_later(icalcomponent* vtimezone)
{
    constexpr int floor_year = 1970;
    for (icalcomponent* part = icalcomponent_get_first_component(vtimezone, ICAL_ANY_COMPONENT); part;
         part = icalcomponent_get_next_component(vtimezone, ICAL_ANY_COMPONENT)) {
        icalproperty* start = icalcomponent_get_first_property(part, ICAL_DTSTART_PROPERTY);
        icalproperty* rule = icalcomponent_get_first_property(part, ICAL_RRULE_PROPERTY);
        if (!start || !rule || icalcomponent_get_next_property(part, ICAL_RRULE_PROPERTY)
            || icalcomponent_get_first_property(part, ICAL_RDATE_PROPERTY))
            continue;
        icalrecurrencetype recurrence = icalproperty_get_rrule(rule);
        icaltimetype time = icalproperty_get_dtstart(start);
        if (recurrence.freq != ICAL_YEARLY_RECURRENCE || recurrence.count != 0 || recurrence.interval != 1
            || !icaltime_is_null_time(recurrence.until) || time.is_date || time.year >= floor_year)
            continue;
        time.year = floor_year;
        if (time.month == 2 && time.day == 29)
            time.day = 28;
        icalproperty_set_dtstart(start, time);
    }
}

} // namespace

WallTime Zone::to_wall(const LocalTime& local) const
{
    if (named)
        return named->to_wall(local);
    if (defined)
        return WallTime(std::chrono::seconds(icaltime_as_timet_with_zone(to_ical(local), defined)));
    return WallTime(std::chrono::seconds(seconds_of(local)));
}

LocalTime Zone::to_local(WallTime time) const
{
    if (named)
        return named->to_local(time);
    if (defined) {
        icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(epoch_seconds(time)), 0, defined);
        if (auto local = from_ical(t, first_year, last_year))
            return *local;
    }
    return from_seconds(epoch_seconds(time));
}

Zones::Zones(const std::vector<icalcomponent*>& calendars, Reporter& reporter)
    : m_reporter(reporter)
{
    m_utc.name = "UTC";
    m_utc.named = TimeZone::utc();
    for (icalcomponent* calendar : calendars) {
        for (icalcomponent* zone = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT); zone;
             zone = icalcomponent_get_next_component(calendar, ICAL_VTIMEZONE_COMPONENT)) {
            icalproperty* tzid = icalcomponent_get_first_property(zone, ICAL_TZID_PROPERTY);
            const char* name = tzid ? icalproperty_get_tzid(tzid) : nullptr;
            if (name && !trim(name).empty())
                m_blocks.emplace(trim(name), zone); // The first block with a name wins.
        }
    }
}

const Zone& Zones::resolve(const std::string& tzid, int line)
{
    std::string key = trim(tzid);
    if (auto it = m_resolved.find(key); it != m_resolved.end())
        return it->second;
    std::string problem;
    Zone zone = find(key, problem);
    std::string quoted = shorten(clean_text(key, false), max_quoted);
    if (zone.floating() && problem.empty())
        m_reporter.warning(line, Reason::said("ics_zone_unknown", {{"zone", quoted}}));
    else if (zone.floating()) // vtimezone_problem (content/occurrences.cpp) says its words in English only.
        m_reporter.warning(line,
            Reason::said("ics_zone_unusable", {{"zone", quoted}}) + Reason::plain(problem)
                + Reason::said("ics_zone_unusable_end"));
    return m_resolved.emplace(key, std::move(zone)).first->second;
}

std::optional<Zone> Zones::named(const std::string& name)
{
    if (auto zone = TimeZone::named(name)) {
        Zone out;
        out.name = zone->name();
        out.named = zone;
        return out;
    }
    return std::nullopt;
}

std::optional<Zone> Zones::named_inside(std::string name)
{
    if (auto bracket = name.find('['); bracket != std::string::npos)
        name.resize(bracket);
    if (auto zone = named(name))
        return zone;
    // IANA names have at most three parts (America/Argentina/Buenos_Aires): try the last three, two and one.
    std::vector<std::size_t> slashes;
    for (std::size_t slash = name.rfind('/'); slash != std::string::npos && slash > 0 && slashes.size() < 3;
         slash = name.rfind('/', slash - 1))
        slashes.push_back(slash);
    for (auto it = slashes.rbegin(); it != slashes.rend(); ++it) {
        if (auto zone = named(name.substr(*it + 1)))
            return zone;
    }
    return std::nullopt;
}

Zone Zones::find(const std::string& tzid, std::string& problem)
{
    if (tzid.empty() || tzid.size() > 256)
        return {};
    if (auto zone = named(tzid))
        return *zone;
    for (const WindowsZone& windows : windows_zones) {
        if (iequals(tzid, windows.windows)) {
            if (auto zone = named(windows.iana))
                return *zone;
        }
    }
    if (auto zone = named_inside(tzid))
        return *zone;
    auto block = m_blocks.find(tzid);
    if (block == m_blocks.end())
        return {};
    // Google and Thunderbird name the IANA zone inside the block.
    for (icalproperty* p = icalcomponent_get_first_property(block->second, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(block->second, ICAL_X_PROPERTY)) {
        const char* name = icalproperty_get_x_name(p);
        const char* value = icalproperty_get_x(p);
        if (name && value && (iequals(name, "X-LIC-LOCATION") || iequals(name, "X-TZINFO"))) {
            if (auto zone = named_inside(trim(value)))
                return *zone;
        }
    }
    Component copy(icalcomponent_new_clone(block->second));
    if (!copy)
        return {};
    remove_line_properties(copy.get());
    start_rules_later(copy.get());
    char* text = icalcomponent_as_ical_string_r(copy.get());
    if (!text)
        return {};
    Zone zone;
    zone.vtimezone = text;
    icalmemory_free_buffer(text);
    problem = vtimezone_problem(zone.vtimezone);
    if (!problem.empty())
        return {};
    OwnedZone built(icaltimezone_new());
    if (!built || !icaltimezone_set_component(built.get(), copy.get()))
        return {};
    (void)copy.release(); // The zone owns the component now.
    zone.name = tzid;
    zone.defined = built.get();
    m_built.push_back(std::move(built));
    return zone;
}

} // namespace kiosk::ics_detail
