// CSV parsing: encoding and separator detection, RFC 4180 quoting, and positions for messages.
#include "content/csv.hpp"

#include "content/text_util.hpp"

#include <algorithm>
#include <array>

namespace kiosk {

namespace {

std::string trim(std::string_view s)
{
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return std::string(s);
}

std::string lower(std::string s)
{
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return s;
}

// Counts the separators in the header (up to the first line break outside quotes) and picks the most frequent.
char detect_separator(std::string_view text)
{
    std::array<int, 3> counts {};
    const char separators[] = {',', ';', '\t'};
    bool quoted = false;
    for (char c : text) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted) {
            for (std::size_t i = 0; i < 3; ++i)
                counts[i] += c == separators[i];
        }
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < 3; ++i) {
        if (counts[i] > counts[best])
            best = i;
    }
    return separators[best];
}

} // namespace

std::string windows1252_to_utf8(std::string_view bytes)
{
    // 0x80-0x9F differ from Latin-1; 0 marks the five bytes Windows-1252 leaves undefined.
    static const unsigned short high[32] = {0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
        0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char ch : bytes) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x80)
            out += ch;
        else if (c < 0xA0)
            append_utf8(out, high[c - 0x80] ? char32_t(high[c - 0x80]) : char32_t(0xFFFD));
        else
            append_utf8(out, char32_t(c));
    }
    return out;
}

int CsvTable::column(const std::string& name) const
{
    auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : int(it - header.begin());
}

std::string spreadsheet_row_note(const CsvRow& row)
{
    if (row.row == row.line)
        return {};
    return " (spreadsheet row " + std::to_string(row.row) + ")";
}

std::optional<CsvTable> parse_csv(
    std::string_view bytes, const std::string& file, Diagnostics& diagnostics, const CsvLimits& limits)
{
    if (bytes.size() > limits.max_bytes) {
        diagnostics.fatal(file, 0,
            "the file is " + std::to_string(bytes.size() / 1024) + " KiB, more than the limit of "
                + std::to_string(limits.max_bytes / 1024) + " KiB: split it into smaller files");
        return std::nullopt;
    }
    CsvTable table;
    std::string decoded;
    std::string_view text = bytes;
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        diagnostics.fatal(file, 0,
            "the file is saved as UTF-16 (\"Unicode Text\"): save it again as \"CSV UTF-8 (comma delimited)\"");
        return std::nullopt;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
        table.encoding = CsvEncoding::Utf8WithBom;
    }
    if (text.find('\0') != std::string_view::npos) {
        diagnostics.fatal(file, 0, "the file holds NUL bytes, so it is not a CSV text file: save it as \"CSV UTF-8\"");
        return std::nullopt;
    }
    if (int bad_line = first_invalid_utf8_line(text)) {
        diagnostics.warning(file, bad_line,
            "the file is not UTF-8, so it was read as Windows-1252 (Western European); check its accents, and next "
            "time save it as \"CSV UTF-8\" (Excel) or with the character set \"Unicode (UTF-8)\" (LibreOffice)");
        decoded = windows1252_to_utf8(text);
        text = decoded;
        table.encoding = CsvEncoding::Windows1252;
    }
    DisplayTextChanges changes;
    std::string bounded = bound_display_text(text, &changes);
    if (changes.any()) {
        diagnostics.warning(file, line_at(text, changes.first), display_text_message(changes));
        decoded = std::move(bounded);
        text = decoded;
    }
    table.separator = detect_separator(text);

    // RFC 4180 with the leniency of real spreadsheets: a quote inside an unquoted field is kept as it is.
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false, field_was_quoted = false;
    int line = 1, record_line = 1, quote_line = 0, spreadsheet_row = 1;
    bool header_done = false, stop = false;
    auto end_field = [&] {
        if (field.size() > limits.max_field_bytes) {
            diagnostics.error(file, record_line,
                "a value is " + std::to_string(field.size() / 1024) + " KiB long, more than the limit of "
                    + std::to_string(limits.max_field_bytes / 1024) + " KiB: it is cut short");
            field.resize(limits.max_field_bytes);
            while (!field.empty() && (static_cast<unsigned char>(field.back()) & 0xC0) == 0x80)
                field.pop_back();
            if (!field.empty() && static_cast<unsigned char>(field.back()) >= 0xC0)
                field.pop_back();
        }
        fields.push_back(field_was_quoted ? field : trim(field));
        field.clear();
        field_was_quoted = false;
    };
    auto end_record = [&] {
        end_field();
        bool blank = std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return trim(f).empty(); });
        if (!header_done) {
            if (blank) {
                fields.clear();
                ++spreadsheet_row;
                record_line = line;
                return;
            }
            if (fields.size() > limits.max_columns) {
                diagnostics.fatal(file, record_line,
                    "the header has " + std::to_string(fields.size()) + " columns, more than the limit of "
                        + std::to_string(limits.max_columns));
                stop = true;
                return;
            }
            for (std::string& name : fields)
                table.header.push_back(lower(trim(name)));
            header_done = true;
        } else if (!blank) {
            if (table.rows.size() == limits.max_rows) {
                diagnostics.fatal(file, record_line,
                    "the file has more than " + std::to_string(limits.max_rows)
                        + " rows, the limit: split it into smaller files");
                stop = true;
                return;
            }
            CsvRow row;
            row.line = record_line;
            row.row = spreadsheet_row;
            if (fields.size() > table.header.size()) {
                bool extra_data = std::any_of(fields.begin() + std::ptrdiff_t(table.header.size()), fields.end(),
                    [](const std::string& f) { return !trim(f).empty(); });
                if (extra_data)
                    diagnostics.warning(file, record_line,
                        "this row has " + std::to_string(fields.size()) + " values but the header has "
                            + std::to_string(table.header.size()) + " columns: the extra values are ignored"
                            + spreadsheet_row_note(row));
            }
            fields.resize(table.header.size());
            row.fields = std::move(fields);
            table.rows.push_back(std::move(row));
        }
        fields.clear();
        ++spreadsheet_row;
        record_line = line;
    };

    const char sep = table.separator;
    for (std::size_t i = 0; i < text.size() && !stop; ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')))
                    ++line;
                if (c != '\r')
                    field += c;
                else if (i + 1 >= text.size() || text[i + 1] != '\n')
                    field += '\n';
            }
        } else if (c == '"' && trim(field).empty() && !field_was_quoted) {
            quoted = true;
            field_was_quoted = true;
            field.clear();
            quote_line = line;
        } else if (c == sep) {
            end_field();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            ++line;
            end_record();
        } else if (!field_was_quoted) {
            field += c;
        }
        // Characters between a closing quote and the next separator are dropped, as spreadsheets do.
    }
    if (stop)
        return std::nullopt;
    if (quoted) {
        diagnostics.error(file, quote_line,
            "a value in quotes that starts on this line never ends: a closing \" is missing; the rest of the file "
            "was read as part of it");
    }
    if (!field.empty() || !fields.empty() || field_was_quoted)
        end_record();
    if (!header_done) {
        diagnostics.fatal(file, 0, "the file is empty: it needs a header row naming the columns, such as id,title");
        return std::nullopt;
    }
    return table;
}

} // namespace kiosk
