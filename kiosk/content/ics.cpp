// iCalendar files with libical into events.
#include "content/event.hpp"

#include "content/ical_time.hpp"
#include "content/text_util.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <libical/ical.h>
#include <map>
#include <memory>
#include <set>

namespace kiosk {

namespace {

using namespace ical_detail;

constexpr int max_depth = 32;                // Components inside components; real files nest 3 deep.
constexpr std::size_t max_listed = 50;       // Warnings and errors listed per file; the rest are counted.
constexpr std::size_t max_id_length = 64;    // Event ids.
constexpr std::size_t max_quoted = 200;      // Bytes of libical's error text quoted in a message.
constexpr std::size_t max_title_quoted = 60; // Bytes of a title quoted in a message.
constexpr int first_year = 1700;             // Events outside these years are refused: no calendar means them, and
constexpr int last_year = 2200;              // WallTime (nanoseconds) and libical's zones are not made for them.
constexpr std::int64_t seconds_per_day = 86400;
constexpr std::int64_t max_duration_days = 3660;      // Longer events are shown as lasting ten years.
constexpr const char* line_property = "X-KIOSK-LINE"; // Put after each BEGIN line: libical keeps no line numbers.

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

// ---- Text helpers.

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool istarts_with(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string trim(std::string_view text)
{
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

// Valid UTF-8 with invalid bytes as U+FFFD; control characters become spaces, except newlines when `keep_newlines`.
std::string clean_text(std::string_view text, bool keep_newlines)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c == '\n' && keep_newlines)
                out += '\n';
            else if (c < 0x20 || c == 0x7f)
                out += c == '\r' ? "" : " ";
            else
                out += static_cast<char>(c);
            ++i;
            continue;
        }
        std::size_t length = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
        bool valid = length != 0 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
        if (valid && length >= 3) {
            auto second = static_cast<unsigned char>(text[i + 1]);
            // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
            valid = !(c == 0xe0 && second < 0xa0) && !(c == 0xed && second >= 0xa0) && !(c == 0xf0 && second < 0x90)
                && !(c == 0xf4 && second >= 0x90);
        }
        if (valid) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += "\xef\xbf\xbd";
            ++i;
        }
    }
    return trim(out);
}

// At most `limit` bytes of valid UTF-8 text, with "..." when cut.
std::string shorten(const std::string& text, std::size_t limit)
{
    if (text.size() <= limit)
        return text;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
        --cut;
    return text.substr(0, cut) + "...";
}

std::uint32_t fnv1a(std::string_view text)
{
    std::uint32_t hash = 2166136261u;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return hash;
}

// Lowercase letters and digits, anything else one '-'.
std::string slug(std::string_view text)
{
    std::string out;
    for (char c : text) {
        char l = lower(c);
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9'))
            out += l;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

std::string cut_slug(std::string text, std::size_t limit)
{
    if (text.size() > limit)
        text.resize(limit);
    while (!text.empty() && text.back() == '-')
        text.pop_back();
    return text;
}

// An id from a UID: its slug, or when that is too long or empty, a shortened slug and a hash of the whole UID.
std::string id_from_uid(const std::string& uid)
{
    std::string base = slug(uid);
    if (!base.empty() && base.size() <= max_id_length)
        return base;
    char hash[16];
    std::snprintf(hash, sizeof hash, "%08x", static_cast<unsigned>(fnv1a(uid)));
    base = cut_slug(base, max_id_length - 9);
    return base.empty() ? std::string("event-") + hash : base + "-" + hash;
}

// ---- Dates (proleptic Gregorian days: content/time_zone.hpp).

std::int64_t seconds_of(const LocalTime& t)
{
    return day_number(t) * seconds_per_day + t.hour * 3600 + t.minute * 60 + t.second;
}

LocalTime date_only(const LocalTime& t)
{
    return civil_from_days(day_number(t));
}

LocalTime from_seconds(std::int64_t seconds)
{
    std::int64_t days
        = seconds >= 0 ? seconds / seconds_per_day : -((-seconds + seconds_per_day - 1) / seconds_per_day);
    LocalTime t = civil_from_days(days);
    std::int64_t rest = seconds - days * seconds_per_day;
    t.hour = static_cast<int>(rest / 3600);
    t.minute = static_cast<int>(rest / 60 % 60);
    t.second = static_cast<int>(rest % 60);
    return t;
}

std::string compact_date(const LocalTime& t)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", t.year, t.month, t.day);
    return buffer;
}

// ---- Diagnostics, gathered so they can be listed by line and capped.

class Reporter {
public:
    explicit Reporter(const std::string& file)
        : m_file(file)
    { }

    void add(int line, Severity severity, std::string message)
    {
        m_all.push_back({m_file, line, severity, std::move(message)});
    }
    void warning(int line, std::string message) { add(line, Severity::Warning, std::move(message)); }
    void error(int line, std::string message) { add(line, Severity::Error, std::move(message)); }

    void flush(Diagnostics& diagnostics)
    {
        std::stable_sort(
            m_all.begin(), m_all.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
        std::size_t listed = 0;
        std::size_t left_out = 0;
        for (Diagnostic& d : m_all) {
            if (d.severity != Severity::Fatal && listed >= max_listed) {
                ++left_out;
                continue;
            }
            ++listed;
            diagnostics.add(std::move(d.file), d.line, d.severity, std::move(d.message));
        }
        if (left_out > 0)
            diagnostics.warning(m_file, 0, std::to_string(left_out) + " more problems in this calendar are not listed");
        m_all.clear();
    }

private:
    std::string m_file;
    std::vector<Diagnostic> m_all;
};

// ---- Pre-scan: lines for components, nesting and counts, before libical sees the text.

struct Prepared {
    std::string text;       // A NUL-terminated copy with an X-KIOSK-LINE property after each BEGIN line.
    std::size_t events = 0; // BEGIN:VEVENT lines.
    int depth = 0;          // The deepest nesting of components.
    bool starts_with_calendar = false;
    std::vector<int> stray_ends; // Lines of END lines with no BEGIN, left out of `text`.
};

// A logical line with its folds undone as libical undoes them (a line break and one space or tab), up to `limit`
// bytes, without the line end and trailing white space.
std::string unfolded_head(std::string_view line, std::size_t limit)
{
    std::string out;
    for (std::size_t i = 0; i < line.size() && out.size() < limit; ++i) {
        char c = line[i];
        bool line_break = c == '\n' || (c == '\r' && i + 1 < line.size() && line[i + 1] == '\n');
        if (!line_break) {
            out += c;
            continue;
        }
        if (c == '\r')
            ++i;
        if (i + 1 < line.size() && (line[i + 1] == ' ' || line[i + 1] == '\t'))
            ++i;
    }
    while (!out.empty() && std::strchr(" \t\r\n\v\f", out.back()))
        out.pop_back();
    return out;
}

// Where libical ends the property name: the first ';' or ':' outside double quotes and not after a backslash.
std::size_t name_end(std::string_view line)
{
    bool quoted = false;
    for (std::size_t i = 1; i < line.size(); ++i) {
        if (line[i - 1] == '\\')
            continue;
        if (line[i] == '"')
            quoted = !quoted;
        else if (!quoted && (line[i] == ';' || line[i] == ':'))
            return i;
    }
    return std::string_view::npos;
}

Prepared prepare(std::string_view text)
{
    Prepared prepared;
    prepared.text.reserve(text.size() + text.size() / 16 + 1);
    int depth = 0;
    int line = 0;
    bool seen_content = false;
    auto line_end = [&](std::size_t at) {
        std::size_t newline = text.find('\n', at);
        return newline == std::string_view::npos ? text.size() : newline + 1;
    };
    std::size_t at = 0;
    while (at < text.size()) {
        int first_line = ++line;
        std::size_t end = line_end(at);
        while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) {
            end = line_end(end);
            ++line;
        }
        std::string_view logical = text.substr(at, end - at);
        at = end;
        // Components begin and end where libical sees them ("END;X=1:VEVENT" and "END :VEVENT" end one too), so that
        // depths agree and no END reaches libical at depth 0 (it prints to stderr about that).
        std::string head = unfolded_head(logical, 4096);
        std::size_t separator = name_end(head);
        std::string name = head.substr(0, separator == std::string::npos ? 0 : separator);
        while (!name.empty() && std::strchr(" \t\r\v\f", name.back()))
            name.pop_back();
        bool begin = iequals(name, "BEGIN");
        bool end_line = iequals(name, "END");
        if (end_line && depth == 0) {
            prepared.stray_ends.push_back(first_line); // libical would print to stderr about it.
            continue;
        }
        prepared.text.append(logical);
        if (!seen_content && !head.empty()) {
            seen_content = true;
            prepared.starts_with_calendar = iequals(head, "BEGIN:VCALENDAR");
        }
        if (begin) {
            prepared.depth = std::max(prepared.depth, ++depth);
            if (head[separator] == ':' && iequals(head.substr(separator + 1), "VEVENT"))
                ++prepared.events;
            std::string newline = logical.size() >= 2 && logical.substr(logical.size() - 2) == "\r\n" ? "\r\n" : "\n";
            if (logical.empty() || logical.back() != '\n')
                prepared.text += newline;
            prepared.text += std::string(line_property) + ":" + std::to_string(first_line) + newline;
        } else if (end_line && depth > 0) {
            --depth;
        }
    }
    return prepared;
}

int line_of(icalcomponent* component)
{
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
        const char* name = icalproperty_get_x_name(p);
        const char* value = icalproperty_get_x(p);
        if (!name || !value || !iequals(name, line_property))
            continue;
        int line = 0;
        for (const char* c = value; *c >= '0' && *c <= '9' && line < 100000000; ++c)
            line = line * 10 + (*c - '0');
        return line;
    }
    return 0;
}

void remove_line_properties(icalcomponent* component)
{
    std::vector<icalproperty*> found;
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
        const char* name = icalproperty_get_x_name(p);
        if (name && iequals(name, line_property))
            found.push_back(p);
    }
    for (icalproperty* p : found) {
        icalcomponent_remove_property(component, p);
        icalproperty_free(p);
    }
    for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
         child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT))
        remove_line_properties(child);
}

// Reports libical's X-LIC-ERROR properties in `component` and what it holds, at `line`.
void report_parse_errors(icalcomponent* component, int line, Reporter& reporter, int depth = 0)
{
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        const char* text = icalproperty_get_xlicerror(p);
        std::string error = clean_text(text ? text : "", false);
        // RFC 5545 allows empty text ("DESCRIPTION:"), which libical reports as an error: nothing is lost.
        if (error.rfind("No value for ", 0) == 0)
            continue;
        if (error.find("RRULE") != std::string::npos)
            reporter.error(line,
                "the repeat rule (RRULE) cannot be read, so the event is shown once: \"" + shorten(error, max_quoted)
                    + "\"");
        else
            reporter.warning(line, "this line cannot be read and is ignored: \"" + shorten(error, max_quoted) + "\"");
    }
    if (depth >= max_depth)
        return;
    for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
         child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        // Events report their own errors, at their own line.
        if (icalcomponent_isa(child) == ICAL_VEVENT_COMPONENT
            && icalcomponent_isa(component) == ICAL_VCALENDAR_COMPONENT)
            continue;
        int child_line = line_of(child);
        report_parse_errors(child, child_line > 0 ? child_line : line, reporter, depth + 1);
    }
}

// ---- Time zones.

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

// The zone of a time value, ready to convert: floating, UTC, an IANA zone or a zone the file defines.
struct Zone {
    std::string name;                // Event::time_zone.
    std::string vtimezone;           // Event::vtimezone.
    std::optional<TimeZone> named;   // IANA zones and UTC.
    icaltimezone* defined = nullptr; // Built from the file's VTIMEZONE; owned by the Zones table.

    bool floating() const { return !named && !defined; }

    WallTime to_wall(const LocalTime& local) const
    {
        if (named)
            return named->to_wall(local);
        if (defined)
            return WallTime(std::chrono::seconds(icaltime_as_timet_with_zone(to_ical(local), defined)));
        return WallTime(std::chrono::seconds(seconds_of(local)));
    }

    LocalTime to_local(WallTime time) const
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
};

// The zones one file uses, resolved once each: IANA names, Windows names, prefixed names, then the file's VTIMEZONEs.
class Zones {
public:
    Zones(const std::vector<icalcomponent*>& calendars, Reporter& reporter)
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

    const Zone& floating() const { return m_floating; }
    const Zone& utc() const { return m_utc; }

    // The zone a TZID parameter names; unknown zones are warned once, at `line`, and read as floating.
    const Zone& resolve(const std::string& tzid, int line)
    {
        std::string key = trim(tzid);
        if (auto it = m_resolved.find(key); it != m_resolved.end())
            return it->second;
        std::string problem;
        Zone zone = find(key, problem);
        std::string quoted = "the time zone \"" + shorten(clean_text(key, false), max_quoted) + "\"";
        if (zone.floating() && problem.empty())
            m_reporter.warning(line, quoted + " is unknown: times are read in the kiosk's time zone");
        else if (zone.floating())
            m_reporter.warning(
                line, quoted + " cannot be used (" + problem + "): times are read in the kiosk's time zone");
        return m_resolved.emplace(key, std::move(zone)).first->second;
    }

private:
    static std::optional<Zone> named(const std::string& name)
    {
        if (auto zone = TimeZone::named(name)) {
            Zone out;
            out.name = zone->name();
            out.named = zone;
            return out;
        }
        return std::nullopt;
    }

    // An IANA name in a prefixed TZID ("/mozilla.org/20050126_1/America/New_York") or an X-TZINFO
    // ("Europe/London[2024a]").
    static std::optional<Zone> named_inside(std::string name)
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

    // The zone, or a floating one, with `problem` set when the file defines the zone in a way that cannot be used.
    Zone find(const std::string& tzid, std::string& problem)
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
        copy.release(); // The zone owns the component now.
        zone.name = tzid;
        zone.defined = built.get();
        m_built.push_back(std::move(built));
        return zone;
    }

    Reporter& m_reporter;
    Zone m_floating;
    Zone m_utc;
    std::map<std::string, icalcomponent*> m_blocks; // VTIMEZONE components by TZID.
    std::map<std::string, Zone> m_resolved;         // By TZID as written, trimmed.
    std::vector<OwnedZone> m_built;
};

// ---- Events.

// A DATE or DATE-TIME value as written, with its zone.
struct TimeValue {
    icaltimetype time = icaltime_null_time();
    std::string tzid;
    bool present = false;
};

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

// One VEVENT as read, before overrides are matched with their series.
struct Item {
    Event event;
    const Zone* zone = nullptr; // The zone of the event's times.
    std::string uid;
    bool cancelled = false;
    TimeValue recurrence_id; // Present for an override of one occurrence.
};

class EventReader {
public:
    EventReader(const std::string& file_name, const std::string& default_language, Zones& zones, Reporter& reporter)
        : m_file(file_name)
        , m_language(default_language)
        , m_zones(zones)
        , m_reporter(reporter)
    { }

    std::optional<Item> read(icalcomponent* vevent, int line)
    {
        report_parse_errors(vevent, line, m_reporter);
        Item item;
        Event& event = item.event;
        event.file = m_file;
        event.line = line;
        DisplayTextChanges changes;
        event.title = text_of(vevent, ICAL_SUMMARY_PROPERTY, false, changes);
        event.description = text_of(vevent, ICAL_DESCRIPTION_PROPERTY, true, changes);
        event.location = text_of(vevent, ICAL_LOCATION_PROPERTY, false, changes);
        std::string name = describe(event);
        if (changes.any())
            m_reporter.warning(line, name + ": " + display_text_message(changes));
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
            m_reporter.error(line, name + " has no start (DTSTART): it is skipped");
            return std::nullopt;
        }
        std::optional<LocalTime> local = from_ical(start.time, first_year, last_year);
        if (!local) {
            m_reporter.error(line,
                name + " has a start (DTSTART) that is not a date from " + std::to_string(first_year) + " to "
                    + std::to_string(last_year) + ": it is skipped");
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

    // A date or time of another property (EXDATE, RDATE, RECURRENCE-ID) as a local time of `series`, or nothing when
    // it is not a real date.
    std::optional<LocalTime> in_series(const TimeValue& value, const Item& series)
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

private:
    std::string describe(const Event& event) const
    {
        const std::string& title = event.title.in(m_language, m_language);
        if (title.empty())
            return "the event with no title (SUMMARY)";
        return "the event \"" + shorten(title, max_title_quoted) + "\"";
    }

    const Zone& zone_of(const TimeValue& value, int line)
    {
        if (!value.time.is_date && icaltime_is_utc(value.time))
            return m_zones.utc();
        if (value.time.is_date || value.tzid.empty())
            return m_zones.floating();
        return m_zones.resolve(value.tzid, line);
    }

    // Outlook marks all-day events that it writes as midnight to midnight.
    static bool outlook_all_day(icalcomponent* vevent, const icaltimetype& start)
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

    std::string language_of(icalproperty* property) const
    {
        icalparameter* parameter = icalproperty_get_first_parameter(property, ICAL_LANGUAGE_PARAMETER);
        const char* language = parameter ? icalparameter_get_language(parameter) : nullptr;
        std::string code = trim(language ? language : "");
        bool valid = !code.empty() && code.size() <= 16;
        for (char c : code)
            valid = valid && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-');
        return valid ? code : m_language;
    }

    Text text_of(icalcomponent* vevent, icalproperty_kind kind, bool keep_newlines, DisplayTextChanges& changes) const
    {
        Text text;
        for (icalproperty* p = icalcomponent_get_first_property(vevent, kind); p;
             p = icalcomponent_get_next_property(vevent, kind)) {
            icalvalue* value = icalproperty_get_value(p);
            if (!value || icalvalue_isa(value) != ICAL_TEXT_VALUE)
                continue;
            const char* raw = icalvalue_get_text(value);
            std::string cleaned = bound_display_text(clean_text(raw ? raw : "", keep_newlines), &changes);
            std::string language = language_of(p);
            if (!cleaned.empty() && !text.has(language))
                text.set(language, std::move(cleaned));
        }
        return text;
    }

    void read_url(icalcomponent* vevent, Event& event, const std::string& name)
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
            m_reporter.warning(
                event.line, name + " has a URL that is not a web address (http or https): it is ignored");
    }

    void read_duration(icalcomponent* vevent, Item& item, const std::string& name)
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
                    seconds
                        = epoch_seconds(item.zone->to_wall(end_local)) - epoch_seconds(item.zone->to_wall(event.start));
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
            m_reporter.warning(event.line,
                name + " ends before it starts: "
                    + (event.all_day ? "it is shown on its first day" : "only its start is shown"));
        event.duration_seconds = std::min(seconds, max_duration_days * seconds_per_day);
    }

    void read_recurrence(icalcomponent* vevent, Item& item, const std::string& name)
    {
        Event& event = item.event;
        if (icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_RRULE_PROPERTY)) {
            icalrecurrencetype rule = icalproperty_get_rrule(p);
            if (char* text = icalrecurrencetype_as_string_r(&rule)) {
                event.rrule = text;
                icalmemory_free_buffer(text);
            }
            if (icalcomponent_get_next_property(vevent, ICAL_RRULE_PROPERTY))
                m_reporter.warning(event.line, name + " has more than one repeat rule (RRULE): only the first is used");
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
            m_reporter.error(event.line, name + " is shown once: " + problem);
            event.rrule.clear();
        }
    }

    void add_date(std::vector<LocalTime>& dates, const TimeValue& value, const Item& item, const std::string& name,
        const char* what)
    {
        if (!value.present)
            return;
        if (std::optional<LocalTime> local = in_series(value, item))
            dates.push_back(*local);
        else
            m_reporter.warning(item.event.line,
                name + " has a date (" + what + ") that is not a date from " + std::to_string(first_year) + " to "
                    + std::to_string(last_year) + ": it is ignored");
    }

    const std::string& m_file;
    const std::string& m_language;
    Zones& m_zones;
    Reporter& m_reporter;
};

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

} // namespace

std::vector<Event> read_ics(std::string_view text, const std::string& file_name, const std::string& default_language,
    Diagnostics& diagnostics, const IcsLimits& limits)
{
    Reporter reporter(file_name);
    auto fatal = [&](int line, std::string message) {
        reporter.add(line, Severity::Fatal, std::move(message));
        reporter.flush(diagnostics);
        return std::vector<Event> {};
    };
    if (text.size() > limits.max_bytes)
        return fatal(0,
            "the calendar is " + std::to_string((text.size() + 1023) / 1024) + " KiB, more than the limit of "
                + std::to_string(limits.max_bytes / 1024) + " KiB");
    if (text.size() >= 2 && ((text[0] == '\xff' && text[1] == '\xfe') || (text[0] == '\xfe' && text[1] == '\xff')))
        return fatal(0, "the calendar is saved as UTF-16: save it as UTF-8");
    if (text.size() >= 3 && text.substr(0, 3) == "\xef\xbb\xbf")
        text.remove_prefix(3); // A UTF-8 byte order mark.
    if (text.find('\0') != std::string_view::npos)
        return fatal(0, "this is not an iCalendar file: it contains NUL bytes");

    Prepared prepared = prepare(text);
    if (!prepared.starts_with_calendar)
        return fatal(0, "this is not an iCalendar file: it must start with BEGIN:VCALENDAR");
    if (prepared.events > limits.max_events)
        return fatal(0,
            "the calendar has " + std::to_string(prepared.events) + " events, more than the limit of "
                + std::to_string(limits.max_events));
    if (prepared.depth > max_depth)
        return fatal(0, "the calendar nests BEGIN blocks more than " + std::to_string(max_depth) + " deep");

    Component root(icalparser_parse_string(prepared.text.c_str()));
    std::vector<icalcomponent*> calendars = calendars_in(root.get());
    if (calendars.empty())
        return fatal(0, "the calendar cannot be read: check that every BEGIN has its END, up to END:VCALENDAR");

    for (int line : prepared.stray_ends)
        reporter.warning(line, "this END line has no BEGIN before it: it is ignored");
    Zones zones(calendars, reporter);
    EventReader reader(file_name, default_language, zones, reporter);
    std::vector<Item> items;
    for (icalcomponent* calendar : calendars) {
        report_parse_errors(calendar, line_of(calendar), reporter);
        for (icalcomponent* vevent = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); vevent;
             vevent = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
            if (items.size() >= limits.max_events)
                break;
            if (std::optional<Item> item = reader.read(vevent, line_of(vevent)))
                items.push_back(std::move(*item));
        }
    }

    // Series first, so that overrides, which may come before their series, can find them and take ids after them.
    Ids ids;
    std::map<std::string, std::size_t> series; // UID to the first series with it.
    for (std::size_t i = 0; i < items.size(); ++i) {
        Item& item = items[i];
        if (item.recurrence_id.present)
            continue;
        item.event.id = ids.take(
            item.uid.empty() ? slug(item.event.title.in(default_language, default_language)) : id_from_uid(item.uid));
        if (!item.uid.empty())
            series.emplace(item.uid, i);
    }
    std::vector<bool> keep(items.size(), true);
    for (std::size_t i = 0; i < items.size(); ++i) {
        Item& item = items[i];
        if (!item.recurrence_id.present) {
            keep[i] = !item.cancelled; // A cancelled series is not shown at all.
            continue;
        }
        auto master = series.find(item.uid);
        if (master == series.end()) {
            // An override whose series is not in the file is still a real occurrence.
            std::optional<LocalTime> moved = reader.in_series(item.recurrence_id, item);
            keep[i] = !item.cancelled;
            std::string base = item.uid.empty() ? slug(item.event.title.in(default_language, default_language))
                                                : id_from_uid(item.uid);
            item.event.id
                = ids.take(cut_slug(base, max_id_length - 9) + "-" + compact_date(moved.value_or(item.event.start)));
            continue;
        }
        Item& owner = items[master->second];
        std::optional<LocalTime> moved = reader.in_series(item.recurrence_id, owner);
        if (!moved) {
            reporter.warning(
                item.event.line, "the changed occurrence (RECURRENCE-ID) is not a real date: it is ignored");
            keep[i] = false;
            continue;
        }
        owner.event.exdates.push_back(*moved);
        keep[i] = !item.cancelled && !owner.cancelled;
        item.event.rrule.clear();
        item.event.rdates.clear();
        item.event.exdates.clear();
        item.event.id = ids.take(cut_slug(owner.event.id, max_id_length - 9) + "-" + compact_date(*moved));
    }

    std::vector<Event> events;
    events.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (keep[i])
            events.push_back(std::move(items[i].event));
    }
    reporter.flush(diagnostics);
    return events;
}

} // namespace kiosk
