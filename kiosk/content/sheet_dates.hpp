// Dates in spreadsheet cells: ISO 8601 and the day/month/year or month/day/year forms spreadsheets export, read
// with the order the file (or bundle.toml's date_order) settles, and, when a value cannot be used, why and how to
// write it instead.
#pragma once

#include "content/reason.hpp"
#include "content/time_zone.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// Which number comes first in a date such as 03/04/2026: bundle.toml's date_order, or what a file's rows show.
enum class DateOrder { Unsettled, DayFirst, MonthFirst };

// A date and time from a spreadsheet cell, ready to use.
struct CellTime {
    LocalTime local;
    bool date_only = false;
    std::optional<int> offset_minutes; // Given with Z or an offset: then `local` is in that offset, not the zone.
};

// What a date cell says before it is checked: the numbers as written, in any range.
struct DateParts {
    bool day_month_ambiguous = false; // Written D/M/Y or M/D/Y (not year first): which is which is to be settled.
    int year = 0;                     // As written: two-digit years are 20YY.
    int first = 0, second = 0;        // Year first: month and day. Otherwise the first and second numbers.
    bool date_only = true;
    int hour = 0, minute = 0, second_of_minute = 0;
    enum class Meridiem { None, Am, Pm } meridiem = Meridiem::None;
    std::optional<int> offset_minutes;
};

// The parts of "2026-12-31 18:00", "2026-12-31T18:00:00-05:00", "31/12/2026 18:00", "12/31/26 6:00 PM",
// "31.12.2026", "31-12-2026 18:00:00", ...; nothing when the text has no such shape.
std::optional<DateParts> split_date_cell(std::string_view text);

// The order a date settles by itself: a first number over 12 is a day, a second over 12 is a day.
DateOrder order_shown(const DateParts& parts);

// A cell read in an order: the time, or why not (`problem_reason`, in a staff member's words, and `problem`, its
// English) and, when the value has a form that reads, that form (`rewrite`, such as "2026-12-31 18:00"), with the
// order it assumes (`rewrite_if`: DayFirst for "if the day comes first", or Unsettled when it assumes none).
struct DateReading {
    std::optional<CellTime> time;
    Reason problem_reason;
    std::string problem;
    std::string rewrite;
    DateOrder rewrite_if = DateOrder::Unsettled;
    bool unreadable = false; // Not a date in any form the kiosk reads.
    bool unsettled = false;  // The value could be day/month or month/day, and nothing settled which.
};
DateReading read_date_cell(std::string_view text, DateOrder order);

// A date and time from a cell, when it reads by itself (ISO 8601, or a slashed date that settles its own order).
std::optional<CellTime> parse_cell_time(std::string_view text);

// How the kiosk writes a time back for staff: "2026-12-31 18:00", with ":SS" when there are seconds, or the date.
std::string iso_cell_text(const LocalTime& time, bool date_only);

// What to write instead of a cell that has a rewrite: ": write 2026-12-31 18:00", or "; if the day comes first,
// write 2026-12-25 18:00"; empty when it has none.
Reason rewrite_hint(const DateReading& reading);

// The expected forms, for messages: "2026-12-01 18:00 (or 2026-12-01T18:00, or 2026-12-01 for all day)".
Reason cell_time_forms();

} // namespace kiosk
