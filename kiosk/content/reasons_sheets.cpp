// The English templates of the problems the checker finds in sheets: see content/reason_tables.hpp.
#include "content/reason_tables.hpp"

namespace kiosk {

// Stays one function, however long: one entry a line, each a template staff read; a table, not logic. Split, it would
// only scatter what a translator compares line by line with the strings files.
const ReasonTable& sheet_reasons()
{
    static const ReasonTable all = {
        // A spreadsheet file (content/csv.cpp).
        {"sheet_file_too_large",
            "the file is {size} KiB, more than the limit of {limit} KiB: split it into smaller files"},
        {"sheet_saved_as_unicode_text",
            "the file is saved as UTF-16 (\"Unicode Text\"): save it again as \"CSV UTF-8 (comma delimited)\""},
        {"sheet_nul_bytes", "the file holds NUL bytes, so it is not a CSV text file: save it as \"CSV UTF-8\""},
        {"sheet_read_as_windows_latin",
            "the file is not UTF-8, so it was read as Windows-1252 (Western European); check its accents, and next "
            "time save it as \"CSV UTF-8\" (Excel) or with the character set \"Unicode (UTF-8)\" (LibreOffice)"},
        {"sheet_quote_never_ends",
            "a value in quotes that starts on this line never ends: a closing \" is missing; the rest of the file was "
            "read as part of it"},
        {"sheet_quote_runs_on",
            "a value in quotes that starts on this line runs on to line {end}, and the lines in it look like rows of "
            "their own: a closing \" is probably missing on this line, so lines {start} to {end} were read as one row"},
        {"sheet_empty", "the file is empty: it needs a header row naming the columns, such as {example}"},
        {"sheet_value_too_long", "a value is {size} KiB long, more than the limit of {limit} KiB: it is cut short"},
        {"sheet_too_many_columns", "the header has {n} columns, more than the limit of {limit}"},
        {"sheet_too_many_rows", "the file has more than {limit} rows, the limit: split it into smaller files"},
        {"sheet_extra_values",
            "this row has {n} values but the header has {columns} columns: the extra values are ignored"},
        {"sheet_extra_values_one_column",
            "this row has {n} values but the header has {columns} column: the extra values are ignored"},
        {"sheet_row_note", " (spreadsheet row {row})"},
        // Its columns (content/sheet.cpp).
        {"sheet_column_twice", "the column \"{column}\" appears twice: the second one is ignored"},
        {"sheet_column_language_not_in_bundle",
            "the column \"{column}\" is a translation into \"{language}\", which is not in the bundle's languages: it "
            "is ignored"},
        {"sheet_unknown_column", "unknown column(s) {columns} are ignored (the columns this file can have: {known})"},
        {"sheet_unknown_columns", "unknown column(s) {columns} are ignored (the columns this file can have: {known})"},
        // Cards and events' rows (content/card.cpp).
        {"card_id_tidied", "the id \"{given}\" may use only lowercase letters, digits and '-': it is read as \"{id}\""},
        {"card_id_taken", "the id \"{id}\" is used by an earlier row: this one is \"{unique}\""},
        {"card_link_needs_https", "the link \"{url}\" needs {scheme} in front: it is shown without a QR code"},
        {"card_link_not_web_address",
            "the link \"{url}\" is not a web address such as {example}: it is shown without a QR code"},
        {"card_image_not_file_name",
            "the image \"{image}\" must be the name of a file in {folder}, such as {example}: the card is shown "
            "without it"},
        {"card_no_title_column", "there is no \"{column}\" column: every card needs a title"},
        {"card_row_no_title", "this row has no title: it is skipped"},
        {"card_event_no_column", "there is no \"{column}\" column: every event needs a title and a start"},
        {"card_event_no_title", "this event has no title: it is skipped"},
        {"card_event_no_start", "this event has no start: write it as "},
        {"card_event_ends_before_start", "the event ends ({end}) before it starts ({start}): it is skipped"},
        {"card_event_over_a_year", "the event lasts more than a year: check its end; it is skipped"},
        // events.csv's dates, the day/month order of the file and each cell (content/event_dates.cpp).
        {"date_disagree", "the dates disagree: line {line} has "},
        {"date_sample_day_first", "\"{value}\" (day first)"},
        {"date_sample_day_first_reads", "\"{value}\" (day first: {time})"},
        {"date_sample_month_first", "\"{value}\" (month first)"},
        {"date_sample_month_first_reads", "\"{value}\" (month first: {time})"},
        {"date_disagree_and_line", " and line {line} has "},
        {"date_disagree_fix", ": write every date the same way, best as {example}, or "},
        {"date_file_either_order", "the dates could be day/month or month/day (this line has \"{value}\"): "},
        {"date_order_fix", "add {key} = \"{dmy}\" (day first) or {key} = \"{mdy}\" (month first) to {file}"},
        {"date_either_way_skipped_one", "; until then the event whose date could be read either way is skipped"},
        {"date_either_way_skipped", "; until then the {n} events whose dates could be read either way are skipped"},
        {"date_the_start", "the start \"{value}\" "},
        {"date_the_end", "the end \"{value}\" "},
        {"date_the_cell", "the {column} \"{value}\" "},
        {"date_write_it_as", ": write it as "},
        {"date_configured_day_first", " ({file} has {key} = \"{value}\": the day comes first)"},
        {"date_configured_month_first", " ({file} has {key} = \"{value}\": the month comes first)"},
        {"date_event_skipped", "; the event is skipped"},
        // A date in a cell: what is wrong with it, and what to write (content/sheet_dates.cpp).
        {"date_not_date_and_time", "is not a date and time"},
        {"date_either_order", "could be day/month or month/day"},
        {"date_not_real_date", "is not a real date: "},
        {"date_not_real_time", "is not a real time: "},
        {"date_year_out_of_range", "the year {year} is not one the kiosk shows ({first} to {last})"},
        {"date_no_such_month", "there is no month {month}"},
        {"date_no_such_day", "there is no day {day}"},
        {"date_january_has_days", "January {year} has {days} days"},
        {"date_february_has_days", "February {year} has {days} days"},
        {"date_march_has_days", "March {year} has {days} days"},
        {"date_april_has_days", "April {year} has {days} days"},
        {"date_may_has_days", "May {year} has {days} days"},
        {"date_june_has_days", "June {year} has {days} days"},
        {"date_july_has_days", "July {year} has {days} days"},
        {"date_august_has_days", "August {year} has {days} days"},
        {"date_september_has_days", "September {year} has {days} days"},
        {"date_october_has_days", "October {year} has {days} days"},
        {"date_november_has_days", "November {year} has {days} days"},
        {"date_december_has_days", "December {year} has {days} days"},
        {"date_not_time_of_day", "{time} is not a time of day"},
        {"date_time_needs_no_am_pm", "{time} is not a time of day ({as_24h} needs no AM or PM)"},
        {"date_time_midnight_next_day", "{time} is not a time of day (midnight is {midnight} of the next day)"},
        {"date_rewrite", ": write {value}"},
        {"date_rewrite_if_day_first", "; if the day comes first, write {value}"},
        {"date_rewrite_if_month_first", "; if the month comes first, write {value}"},
        {"date_forms", "{example} (or {example_t}, or {example_day} for all day)"},
    };
    return all;
}

} // namespace kiosk
