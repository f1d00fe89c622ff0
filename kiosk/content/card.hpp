// Cards from a CSV file (unions, resources): what a card section lists.
#pragma once

#include "content/csv.hpp"
#include "content/event.hpp"
#include "content/sheet_dates.hpp"
#include "content/text.hpp"

#include <map>
#include <string>
#include <vector>

namespace kiosk {

struct Card {
    std::string id; // [a-z0-9-]+, unique in its file: from the id column, else from the title.
    Text title;
    Text description;
    std::string url;                  // A link address (QR view), or "".
    std::string image;                // "images/<name>", or "".
    std::map<std::string, Text> tags; // "category", "region": values staff can filter by.
    std::string file;
    int line = 0;
};

// The columns a card file can have (each text column also as "<column>.<language>").
const std::vector<std::string>& card_columns();

// Cards from a parsed CSV. A row without a title, or with a value that cannot be used, is skipped with an error; a
// card with a bad link or image keeps the rest with a warning.
std::vector<Card> read_cards(const CsvTable& table, const std::string& file_name,
    const std::vector<std::string>& languages, Diagnostics& diagnostics);

// The columns an events file can have.
const std::vector<std::string>& event_columns();

// One-off events from events.csv. Times are in the kiosk's time zone unless written with an offset. Dates written
// 03/04/2026 are read in `date_order` (bundle.toml's), else in the order the file's own dates settle.
std::vector<Event> read_events_csv(const CsvTable& table, const std::string& file_name,
    const std::vector<std::string>& languages, Diagnostics& diagnostics, DateOrder date_order = DateOrder::Unsettled);

} // namespace kiosk
