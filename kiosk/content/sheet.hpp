// Typed values from CSV rows: known columns and their translations, ids, link addresses and dates.
#pragma once

#include "content/csv.hpp"
#include "content/text.hpp"
#include "content/text_util.hpp"
#include "content/time_zone.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// The columns of one CSV file: which are known, which hold translations ("title.es"). Unknown columns and
// translations into languages the bundle does not have are warned once, on the header line.
class Columns {
public:
    Columns(const CsvTable& table, const std::string& file_name, const std::vector<std::string>& known,
        const std::vector<std::string>& languages, Diagnostics& diagnostics);

    bool has(const std::string& name) const { return m_base.count(name) != 0; }
    // The value in column `name` (its untranslated form), or "".
    std::string get(const CsvRow& row, const std::string& name) const;
    // The value and its translations ("title", "title.es"): "title" is the default language.
    Text text(const CsvRow& row, const std::string& name) const;

private:
    std::map<std::string, int> m_base;                                              // "title" -> column
    std::map<std::string, std::vector<std::pair<std::string, int>>> m_translations; // "title" -> ("es", column)
};

// An id made of a-z, 0-9 and '-' from any text: accents folded ("Año" -> "ano"), other characters as '-'. At most
// 64 characters; "" when nothing is left.
std::string slugify(std::string_view text);

// A date and time from a spreadsheet cell: "2026-12-01 18:00", ISO 8601 ("2026-12-01T18:00", with seconds, with Z
// or an offset such as -05:00), or a date alone ("2026-12-01", an all-day event).
struct CellTime {
    LocalTime local;
    bool date_only = false;
    std::optional<int> offset_minutes; // Given with Z or an offset: then `local` is in that offset, not the zone.
};
std::optional<CellTime> parse_cell_time(std::string_view text);

// The expected forms, for messages.
inline constexpr const char* cell_time_forms = "2026-12-01 18:00 (or 2026-12-01T18:00, or 2026-12-01 for all day)";

// Makes `id` unique among `taken` by adding -2, -3, ...; records it.
std::string unique_id(std::string id, std::map<std::string, int>& taken);

} // namespace kiosk
