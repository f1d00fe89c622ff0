// The dates of events.csv: the day/month order settled once for the whole file, and each cell's problem in words.
#include "content/event_dates.hpp"

namespace kiosk {

namespace {

std::string quoted(const std::string& value)
{
    return "\"" + shortened(value, 60) + "\"";
}

const char* const order_fix
    = "add date_order = \"dmy\" (day first) or date_order = \"mdy\" (month first) to bundle.toml";

} // namespace

EventDates::EventDates(const CsvTable& table, const Columns& columns, const std::string& file, DateOrder configured,
    Diagnostics& diagnostics)
    : m_file(file)
    , m_diagnostics(diagnostics)
    , m_configured(configured)
    , m_order(configured)
{
    if (m_configured == DateOrder::Unsettled)
        settle(table, columns);
}

void EventDates::settle(const CsvTable& table, const Columns& columns)
{
    std::optional<Sample> day_first;
    std::optional<Sample> month_first;
    std::optional<Sample> either;
    int either_rows = 0;
    for (const CsvRow& row : table.rows) {
        bool row_either = false;
        for (const char* what : {"start", "end"}) {
            std::string text = columns.get(row, what);
            auto parts = split_date_cell(text);
            if (!parts || !parts->day_month_ambiguous)
                continue;
            DateOrder shown = order_shown(*parts);
            if (shown == DateOrder::DayFirst && !day_first)
                day_first = Sample {row.line, text};
            if (shown == DateOrder::MonthFirst && !month_first)
                month_first = Sample {row.line, text};
            if (shown == DateOrder::Unsettled && parts->first <= 12 && parts->second <= 12) {
                row_either = true;
                if (!either)
                    either = Sample {row.line, text};
            }
        }
        either_rows += row_either ? 1 : 0;
    }
    std::string skipped = either_rows == 1 ? "; until then the event whose date could be read either way is skipped"
                                           : "; until then the " + std::to_string(either_rows)
            + " events whose dates could be read either way are skipped";
    if (day_first && month_first) {
        const Sample& first = day_first->line < month_first->line ? *day_first : *month_first;
        const Sample& later = day_first->line < month_first->line ? *month_first : *day_first;
        DateOrder first_order = &first == &*day_first ? DateOrder::DayFirst : DateOrder::MonthFirst;
        DateOrder later_order = first_order == DateOrder::DayFirst ? DateOrder::MonthFirst : DateOrder::DayFirst;
        m_diagnostics.error(m_file, later.line,
            "the dates disagree: line " + std::to_string(first.line) + " has " + sample_text(first, first_order)
                + " and line " + std::to_string(later.line) + " has " + sample_text(later, later_order)
                + ": write every date the same way, best as 2026-12-31 18:00, or " + order_fix
                + (either_rows ? skipped : ""));
    } else if (day_first) {
        m_order = DateOrder::DayFirst;
    } else if (month_first) {
        m_order = DateOrder::MonthFirst;
    } else if (either) {
        m_diagnostics.error(m_file, either->line,
            "the dates could be day/month or month/day (this line has " + quoted(either->text) + "): " + order_fix
                + skipped);
    }
}

// `"25/12/2026 18:00" (day first: 2026-12-25 18:00)`.
std::string EventDates::sample_text(const Sample& sample, DateOrder order)
{
    std::string text = quoted(sample.text) + " (" + (order == DateOrder::DayFirst ? "day" : "month") + " first";
    DateReading reading = read_date_cell(sample.text, order);
    if (reading.time)
        text += ": " + iso_cell_text(reading.time->local, reading.time->date_only);
    return text + ")";
}

std::optional<CellTime> EventDates::read(const CsvRow& row, const std::string& what, const std::string& text) const
{
    DateReading reading = read_date_cell(text, m_order);
    if (reading.time)
        return reading.time;
    if (reading.unsettled && m_configured == DateOrder::Unsettled)
        return std::nullopt; // The file's one error says it.
    std::string message = "the " + what + " " + quoted(text) + " " + reading.problem;
    if (reading.unreadable) {
        message += ": write it as " + std::string(cell_time_forms);
    } else {
        if (!reading.rewrite_if.empty() && m_configured != DateOrder::Unsettled)
            message += m_configured == DateOrder::DayFirst
                ? " (bundle.toml has date_order = \"dmy\": the day comes first)"
                : " (bundle.toml has date_order = \"mdy\": the month comes first)";
        if (!reading.rewrite.empty())
            message
                += (reading.rewrite_if.empty() ? ": write " : "; " + reading.rewrite_if + ", write ") + reading.rewrite;
    }
    m_diagnostics.error(m_file, row.line, message + "; the event is skipped" + spreadsheet_row_note(row));
    return std::nullopt;
}

} // namespace kiosk
