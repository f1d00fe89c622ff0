// Reading cards and one-off events from CSV rows.
#include "content/card.hpp"

#include "content/event_dates.hpp"
#include "content/sheet.hpp"

#include <chrono>

namespace kiosk {

namespace {

// A cell's value as messages quote it (in quotes, in the templates).
std::string quoted(const std::string& value)
{
    return shortened(value, 60);
}

// The id a row gets: its own, tidied, or one made from the title.
std::string row_id(const Columns& columns, const CsvRow& row, const Text& title, const std::string& file,
    Diagnostics& diagnostics, std::map<std::string, int>& taken)
{
    std::string given = columns.get(row, "id");
    std::string id = slugify(given.empty() ? title.in("", "") : given);
    if (!given.empty() && id != given)
        diagnostics.warning(file, row.line,
            Reason::said("card_id_tidied", {{"given", quoted(given)}, {"id", id}}) + spreadsheet_row_reason(row));
    if (id.empty())
        id = "row-" + std::to_string(row.row);
    std::string unique = unique_id(id, taken);
    if (unique != id)
        diagnostics.warning(file, row.line,
            Reason::said("card_id_taken", {{"id", id}, {"unique", unique}}) + spreadsheet_row_reason(row));
    return unique;
}

std::string read_url(const Columns& columns, const CsvRow& row, const std::string& file, Diagnostics& diagnostics)
{
    std::string url = columns.get(row, "url");
    if (url.empty() || is_link_address(url))
        return url;
    if (url.find("://") == std::string::npos && url.find('.') != std::string::npos
        && url.find(' ') == std::string::npos)
        diagnostics.warning(file, row.line,
            Reason::said("card_link_needs_https", {{"url", quoted(url)}, {"scheme", "https://"}})
                + spreadsheet_row_reason(row));
    else
        diagnostics.warning(file, row.line,
            Reason::said("card_link_not_web_address", {{"url", quoted(url)}, {"example", "https://example.org"}})
                + spreadsheet_row_reason(row));
    return {};
}

std::string read_image(const Columns& columns, const CsvRow& row, const std::string& file, Diagnostics& diagnostics)
{
    std::string image = columns.get(row, "image");
    if (image.empty())
        return {};
    std::string name = image.rfind("images/", 0) == 0 ? image.substr(7) : image;
    bool plain = !name.empty() && name.find('/') == std::string::npos && name.find('\\') == std::string::npos
        && name[0] != '.';
    if (!plain) {
        diagnostics.warning(file, row.line,
            Reason::said(
                "card_image_not_file_name", {{"image", quoted(image)}, {"folder", "images/"}, {"example", "map.png"}})
                + spreadsheet_row_reason(row));
        return {};
    }
    return "images/" + name;
}

} // namespace

const std::vector<std::string>& card_columns()
{
    static const std::vector<std::string> columns
        = {"id", "title", "description", "url", "image", "category", "region"};
    return columns;
}

const std::vector<std::string>& event_columns()
{
    static const std::vector<std::string> columns = {"id", "title", "description", "start", "end", "location", "url"};
    return columns;
}

std::vector<Card> read_cards(
    const CsvTable& table, const std::string& file, const std::vector<std::string>& languages, Diagnostics& diagnostics)
{
    Columns columns(table, file, card_columns(), languages, diagnostics);
    if (!columns.has("title")) {
        diagnostics.error(file, 1, Reason::said("card_no_title_column", {{"column", "title"}}));
        return {};
    }
    std::vector<Card> cards;
    std::map<std::string, int> taken;
    UnsupportedTextWarner unsupported;
    for (const CsvRow& row : table.rows) {
        for (const std::string& field : row.fields)
            unsupported.check(field, file, row.line, diagnostics);
        Card card;
        card.title = columns.text(row, "title");
        if (card.title.empty()) {
            diagnostics.error(file, row.line, Reason::said("card_row_no_title") + spreadsheet_row_reason(row));
            continue;
        }
        card.id = row_id(columns, row, card.title, file, diagnostics, taken);
        card.description = columns.text(row, "description");
        card.url = read_url(columns, row, file, diagnostics);
        card.image = read_image(columns, row, file, diagnostics);
        for (const char* tag : {"category", "region"}) {
            Text value = columns.text(row, tag);
            if (!value.empty())
                card.tags[tag] = std::move(value);
        }
        card.file = file;
        card.line = row.line;
        cards.push_back(std::move(card));
    }
    return cards;
}

namespace {

// The start, all-day flag, zone and length of the event in `row`; false, with an error, when the event is skipped.
bool read_event_times(const Columns& columns, const EventDates& dates, const CsvRow& row, const std::string& file,
    Diagnostics& diagnostics, Event& event)
{
    Reason note = spreadsheet_row_reason(row);
    std::string start_text = columns.get(row, "start");
    if (start_text.empty()) {
        diagnostics.error(file, row.line,
            Reason::said("card_event_no_start") + cell_time_forms() + Reason::said("date_event_skipped") + note);
        return false;
    }
    auto start = dates.read(row, "start", start_text);
    if (!start)
        return false;
    std::string end_text = columns.get(row, "end");
    std::optional<CellTime> end;
    if (!end_text.empty()) {
        end = dates.read(row, "end", end_text);
        if (!end)
            return false;
    }
    event.all_day = start->date_only;
    event.start = start->local;
    // An offset makes the time absolute: keep it as UTC.
    if (start->offset_minutes) {
        auto utc = TimeZone::utc();
        WallTime wall = utc.to_wall(start->local) - std::chrono::minutes(*start->offset_minutes);
        event.start = utc.to_local(wall);
        event.time_zone = "UTC";
    }
    if (end) {
        auto utc = TimeZone::utc();
        WallTime s = utc.to_wall(start->local) - std::chrono::minutes(start->offset_minutes.value_or(0));
        WallTime e = utc.to_wall(end->local) - std::chrono::minutes(end->offset_minutes.value_or(0));
        if (end->date_only && event.all_day)
            e += std::chrono::hours(24); // An all-day end date is the last day, included.
        auto seconds = std::chrono::duration_cast<std::chrono::seconds>(e - s).count();
        if (seconds <= 0) {
            diagnostics.error(file, row.line,
                Reason::said("card_event_ends_before_start", {{"end", end_text}, {"start", start_text}}) + note);
            return false;
        }
        if (seconds > 366LL * 86400) {
            diagnostics.error(file, row.line, Reason::said("card_event_over_a_year") + note);
            return false;
        }
        event.duration_seconds = seconds;
    } else if (event.all_day) {
        event.duration_seconds = 86400;
    }
    return true;
}

} // namespace

std::vector<Event> read_events_csv(const CsvTable& table, const std::string& file,
    const std::vector<std::string>& languages, Diagnostics& diagnostics, DateOrder date_order)
{
    Columns columns(table, file, event_columns(), languages, diagnostics);
    for (const char* required : {"title", "start"}) {
        if (!columns.has(required)) {
            diagnostics.error(file, 1, Reason::said("card_event_no_column", {{"column", required}}));
            return {};
        }
    }
    EventDates dates(table, columns, file, date_order, diagnostics);
    std::vector<Event> events;
    std::map<std::string, int> taken;
    UnsupportedTextWarner unsupported;
    for (const CsvRow& row : table.rows) {
        for (const std::string& field : row.fields)
            unsupported.check(field, file, row.line, diagnostics);
        Event event;
        event.title = columns.text(row, "title");
        if (event.title.empty()) {
            diagnostics.error(file, row.line, Reason::said("card_event_no_title") + spreadsheet_row_reason(row));
            continue;
        }
        if (!read_event_times(columns, dates, row, file, diagnostics, event))
            continue;
        event.id = row_id(columns, row, event.title, file, diagnostics, taken);
        event.description = columns.text(row, "description");
        event.location = columns.text(row, "location");
        event.url = read_url(columns, row, file, diagnostics);
        event.file = file;
        event.line = row.line;
        events.push_back(std::move(event));
    }
    return events;
}

} // namespace kiosk
