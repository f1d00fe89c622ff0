// Shared by the iCalendar reader's files: its limits, text and date helpers, the diagnostics it gathers and the
// pre-scan that finds lines before libical sees the text.
#pragma once

#include "content/diagnostic.hpp"
#include "content/event.hpp"
#include "content/text_util.hpp"
#include "content/time_zone.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <libical/ical.h>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ics_detail {

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

// ---- Text helpers.

char lower(char c);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);
std::string trim(std::string_view text);
// Valid UTF-8 with invalid bytes as U+FFFD; control characters become spaces, except newlines when `keep_newlines`.
std::string clean_text(std::string_view text, bool keep_newlines);
// At most `limit` bytes of valid UTF-8 text, with "..." when cut.
std::string shorten(const std::string& text, std::size_t limit);
// Lowercase letters and digits, anything else one '-'.
std::string slug(std::string_view text);
// At most `limit` bytes of a slug, without a trailing '-'.
std::string cut_slug(std::string text, std::size_t limit);
// An id from a UID: its slug, or when that is too long or empty, a shortened slug and a hash of the whole UID.
std::string id_from_uid(const std::string& uid);

// ---- Dates (proleptic Gregorian days: content/time_zone.hpp).

// Seconds since 1970-01-01T00:00 of a local time read as if it were UTC, and back.
std::int64_t seconds_of(const LocalTime& t);
LocalTime from_seconds(std::int64_t seconds);
// The date of `t`, at midnight.
LocalTime date_only(const LocalTime& t);
// "YYYYMMDD".
std::string compact_date(const LocalTime& t);

// ---- Diagnostics, gathered so they can be listed by line and capped.

class Reporter {
public:
    explicit Reporter(const std::string& file)
        : m_file(file)
    { }

    void add(int line, Severity severity, std::string message)
    {
        m_all.push_back({m_file, line, severity, std::move(message), {}});
    }
    void add(int line, Severity severity, const Reason& reason)
    {
        m_all.push_back({m_file, line, severity, reason.text(), reason});
    }
    void warning(int line, std::string message) { add(line, Severity::Warning, std::move(message)); }
    void error(int line, std::string message) { add(line, Severity::Error, std::move(message)); }
    void warning(int line, const Reason& reason) { add(line, Severity::Warning, reason); }
    void error(int line, const Reason& reason) { add(line, Severity::Error, reason); }

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
            if (d.reason.empty())
                diagnostics.add(d.file, d.line, d.severity, d.message);
            else
                diagnostics.add(d.file, d.line, d.severity, d.reason);
        }
        if (left_out > 0)
            diagnostics.warning(m_file, 0,
                left_out == 1 ? Reason::said("ics_one_more_problem_not_listed")
                              : Reason::said("ics_more_problems_not_listed", {{"n", std::to_string(left_out)}}));
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

Prepared prepare(std::string_view text);

// ---- The whole file (ics.cpp).

// The VCALENDARs of what libical parsed: the root itself, or those inside an XROOT when a file holds several.
std::vector<icalcomponent*> calendars_in(icalcomponent* root);
// Why the file is refused before it is parsed (too big, UTF-16, NUL bytes), or an empty reason. A UTF-8 byte order
// mark is dropped from `text`.
Reason text_refusal(std::string_view& text, const IcsLimits& limits);
// Why the pre-scanned file is refused (not a calendar, too many events, nested too deep), or an empty reason.
Reason prepared_refusal(const Prepared& prepared, const IcsLimits& limits);

// The line an X-KIOSK-LINE property gives `component`, or 0.
int line_of(icalcomponent* component);
// Drops the X-KIOSK-LINE properties from `component` and what it holds.
void remove_line_properties(icalcomponent* component);
// Reports libical's X-LIC-ERROR properties in `component` and what it holds, at `line`.
void report_parse_errors(icalcomponent* component, int line, Reporter& reporter, int depth = 0);

} // namespace kiosk::ics_detail
