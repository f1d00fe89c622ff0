// CSV files as spreadsheets write them: UTF-8 with or without a BOM (Windows-1252 with a warning), ',' ';' or tab,
// quoted fields holding separators, quotes and line breaks, CRLF or LF.
#pragma once

#include "content/diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct CsvLimits {
    std::size_t max_bytes = 8 * 1024 * 1024; // 10,000 events of a few lines each fit in a quarter of this.
    std::size_t max_rows = 20000;
    std::size_t max_columns = 64;
    std::size_t max_field_bytes = 16 * 1024;
};

enum class CsvEncoding { Utf8, Utf8WithBom, Windows1252 };

struct CsvRow {
    std::vector<std::string> fields; // Trimmed, UTF-8; as many as the header has columns.
    int line = 0;                    // The file line the row starts on.
    int row = 0;                     // The row number a spreadsheet shows (the header is row 1).
};

struct CsvTable {
    std::vector<std::string> header; // Column names, trimmed and lower-case ("title.es").
    char separator = ',';
    CsvEncoding encoding = CsvEncoding::Utf8;
    std::vector<CsvRow> rows; // Rows with at least one non-empty field.

    // The index of column `name`, or -1.
    int column(const std::string& name) const;
};

// Parses a whole CSV file. Returns nothing, with a Fatal diagnostic, when the file cannot be read as a table (over a
// limit, UTF-16, no header); otherwise the rows, with warnings for what it had to guess.
std::optional<CsvTable> parse_csv(
    std::string_view bytes, const std::string& file_name, Diagnostics& diagnostics, const CsvLimits& limits = {});

// " (spreadsheet row N)" when a row's spreadsheet number differs from its file line, else nothing (empty). Appended
// to messages so staff find the row in the program they edit with.
Reason spreadsheet_row_reason(const CsvRow& row);
// The same in English.
std::string spreadsheet_row_note(const CsvRow& row);

// Decodes Windows-1252 bytes to UTF-8.
std::string windows1252_to_utf8(std::string_view bytes);

} // namespace kiosk
