// Typed values from CSV rows: known columns and their translations, ids and link addresses (dates: sheet_dates.hpp).
#pragma once

#include "content/csv.hpp"
#include "content/sheet_dates.hpp"
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

// Makes `id` unique among `taken` by adding -2, -3, ...; records it.
std::string unique_id(std::string id, std::map<std::string, int>& taken);

} // namespace kiosk
