// The dates of events.csv: the day/month order settled once for the whole file, and each cell's problem in words.
#include "content/event_dates.hpp"

namespace kiosk {

namespace {

// A cell's value as messages quote it (in quotes, in the templates).
std::string quoted(const std::string& value)
{
    return shortened(value, 60);
}

// "add date_order = "dmy" (day first) or date_order = "mdy" (month first) to bundle.toml".
Reason order_fix()
{
    return Reason::said(
        "date_order_fix", {{"key", "date_order"}, {"dmy", "dmy"}, {"mdy", "mdy"}, {"file", "bundle.toml"}});
}

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
    Reason skipped = either_rows == 1 ? Reason::said("date_either_way_skipped_one")
                                      : Reason::said("date_either_way_skipped", {{"n", std::to_string(either_rows)}});
    if (day_first && month_first) {
        const Sample& first = day_first->line < month_first->line ? *day_first : *month_first;
        const Sample& later = day_first->line < month_first->line ? *month_first : *day_first;
        DateOrder first_order = &first == &*day_first ? DateOrder::DayFirst : DateOrder::MonthFirst;
        DateOrder later_order = first_order == DateOrder::DayFirst ? DateOrder::MonthFirst : DateOrder::DayFirst;
        m_diagnostics.error(m_file, later.line,
            Reason::said("date_disagree", {{"line", std::to_string(first.line)}}) + sample_text(first, first_order)
                + Reason::said("date_disagree_and_line", {{"line", std::to_string(later.line)}})
                + sample_text(later, later_order) + Reason::said("date_disagree_fix", {{"example", "2026-12-31 18:00"}})
                + order_fix() + (either_rows ? skipped : Reason {}));
    } else if (day_first) {
        m_order = DateOrder::DayFirst;
    } else if (month_first) {
        m_order = DateOrder::MonthFirst;
    } else if (either) {
        m_diagnostics.error(m_file, either->line,
            Reason::said("date_file_either_order", {{"value", quoted(either->text)}}) + order_fix() + skipped);
    }
}

// `"25/12/2026 18:00" (day first: 2026-12-25 18:00)`.
Reason EventDates::sample_text(const Sample& sample, DateOrder order)
{
    bool day_first = order == DateOrder::DayFirst;
    DateReading reading = read_date_cell(sample.text, order);
    if (!reading.time)
        return Reason::said(
            day_first ? "date_sample_day_first" : "date_sample_month_first", {{"value", quoted(sample.text)}});
    return Reason::said(day_first ? "date_sample_day_first_reads" : "date_sample_month_first_reads",
        {{"value", quoted(sample.text)}, {"time", iso_cell_text(reading.time->local, reading.time->date_only)}});
}

std::optional<CellTime> EventDates::read(const CsvRow& row, const std::string& what, const std::string& text) const
{
    DateReading reading = read_date_cell(text, m_order);
    if (reading.time)
        return reading.time;
    if (reading.unsettled && m_configured == DateOrder::Unsettled)
        return std::nullopt; // The file's one error says it.
    const char* which = what == "start" ? "date_the_start" : what == "end" ? "date_the_end" : "date_the_cell";
    Reason message = Reason::said(which, {{"value", quoted(text)}, {"column", what}}) + reading.problem_reason;
    if (reading.unreadable) {
        message += Reason::said("date_write_it_as") + cell_time_forms();
    } else {
        if (reading.rewrite_if != DateOrder::Unsettled && m_configured != DateOrder::Unsettled)
            message += Reason::said(
                m_configured == DateOrder::DayFirst ? "date_configured_day_first" : "date_configured_month_first",
                {{"file", "bundle.toml"}, {"key", "date_order"},
                    {"value", m_configured == DateOrder::DayFirst ? "dmy" : "mdy"}});
        message += rewrite_hint(reading);
    }
    m_diagnostics.error(m_file, row.line, message + Reason::said("date_event_skipped") + spreadsheet_row_reason(row));
    return std::nullopt;
}

} // namespace kiosk
