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

// The text of a CSV file as UTF-8 with what it cannot show dropped, in `storage` when it had to change, or nothing
// (with a Fatal diagnostic) when the file is no CSV text; sets the table's encoding.
std::optional<std::string_view> decode_text(std::string_view bytes, std::string& storage, CsvTable& table,
    const std::string& file, Diagnostics& diagnostics, const CsvLimits& limits)
{
    if (bytes.size() > limits.max_bytes) {
        diagnostics.fatal(file, 0,
            Reason::said("sheet_file_too_large",
                {{"size", std::to_string(bytes.size() / 1024)}, {"limit", std::to_string(limits.max_bytes / 1024)}}));
        return std::nullopt;
    }
    std::string_view text = bytes;
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        diagnostics.fatal(file, 0, Reason::said("sheet_saved_as_unicode_text"));
        return std::nullopt;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
        table.encoding = CsvEncoding::Utf8WithBom;
    }
    if (text.find('\0') != std::string_view::npos) {
        diagnostics.fatal(file, 0, Reason::said("sheet_nul_bytes"));
        return std::nullopt;
    }
    if (int bad_line = first_invalid_utf8_line(text)) {
        diagnostics.warning(file, bad_line, Reason::said("sheet_read_as_windows_latin"));
        storage = windows1252_to_utf8(text);
        text = storage;
        table.encoding = CsvEncoding::Windows1252;
    }
    DisplayTextChanges changes;
    std::string bounded = bound_display_text(text, &changes);
    if (changes.any()) {
        diagnostics.warning(file, line_at(text, changes.first), display_text_reason(changes));
        storage = std::move(bounded);
        text = storage;
    }
    return text;
}

// Splits the text into records, RFC 4180 with the leniency of real spreadsheets (a quote inside an unquoted field is
// kept as it is), and fills the table: the first record that is not blank is the header, the others are rows.
class RecordReader {
public:
    RecordReader(CsvTable& table, const std::string& file, Diagnostics& diagnostics, const CsvLimits& limits)
        : m_table(table)
        , m_file(file)
        , m_diagnostics(diagnostics)
        , m_limits(limits)
    { }

    // Reads the whole text; false when a limit stopped it or no header was found (a Fatal diagnostic says which).
    bool read(std::string_view text)
    {
        for (std::size_t i = 0; i < text.size() && !m_stop; ++i)
            i = read_char(text, i);
        if (m_stop)
            return false;
        if (m_quoted) {
            m_diagnostics.error(m_file, m_quote_line, Reason::said("sheet_quote_never_ends"));
        }
        if (!m_field.empty() || !m_fields.empty() || m_field_was_quoted)
            end_record();
        if (!m_header_done) {
            m_diagnostics.fatal(m_file, 0, Reason::said("sheet_empty", {{"example", "id,title"}}));
            return false;
        }
        return true;
    }

private:
    // Takes the character at `i`; returns the index of the last character it used.
    std::size_t read_char(std::string_view text, std::size_t i)
    {
        char c = text[i];
        bool crlf = c == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
        if (m_quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    m_field += '"';
                    return i + 1;
                }
                m_quoted = false;
                m_rows_inside = rows_inside();
            } else {
                if (c == '\n' || (c == '\r' && !crlf))
                    ++m_line;
                if (c != '\r')
                    m_field += c;
                else if (!crlf)
                    m_field += '\n';
            }
        } else if (c == '"' && trim(m_field).empty() && !m_field_was_quoted) {
            m_quoted = true;
            m_field_was_quoted = true;
            m_field.clear();
            m_quote_line = m_line;
        } else if (c == m_table.separator) {
            end_field();
        } else if (c == '\n' || c == '\r') {
            ++m_line;
            end_record();
            return crlf ? i + 1 : i;
        } else if (!m_field_was_quoted) {
            m_field += c;
        } else if (m_rows_inside && c != ' ' && c != '\t') {
            // Words right after the closing quote: that quote was the opening one of a later value, so the quote
            // that opened this one was never closed where it should have been.
            m_diagnostics.warning(m_file, m_quote_line,
                Reason::said(
                    "sheet_quote_runs_on", {{"start", std::to_string(m_quote_line)}, {"end", std::to_string(m_line)}}));
            m_rows_inside = false;
        }
        // Characters between a closing quote and the next separator are dropped, as spreadsheets do.
        return i;
    }

    // Whether the value in quotes just closed runs over lines that look like rows of their own (as many separators
    // as a row has). With words after its closing quote (read_char), a closing quote was missing where it opened.
    bool rows_inside() const
    {
        std::size_t columns = m_table.header.size();
        if (!m_header_done || columns < 2 || m_line == m_quote_line)
            return false;
        for (std::size_t start = m_field.find('\n'); start != std::string::npos;) {
            std::size_t end = m_field.find('\n', start + 1);
            std::string_view line(
                m_field.data() + start + 1, (end == std::string::npos ? m_field.size() : end) - start - 1);
            if (std::size_t(std::count(line.begin(), line.end(), m_table.separator)) + 1 >= columns)
                return true;
            start = end;
        }
        return false;
    }

    void end_field()
    {
        if (m_field.size() > m_limits.max_field_bytes) {
            m_diagnostics.error(m_file, m_record_line,
                Reason::said("sheet_value_too_long",
                    {{"size", std::to_string(m_field.size() / 1024)},
                        {"limit", std::to_string(m_limits.max_field_bytes / 1024)}}));
            m_field.resize(m_limits.max_field_bytes);
            while (!m_field.empty() && (static_cast<unsigned char>(m_field.back()) & 0xC0) == 0x80)
                m_field.pop_back();
            if (!m_field.empty() && static_cast<unsigned char>(m_field.back()) >= 0xC0)
                m_field.pop_back();
        }
        m_fields.push_back(m_field_was_quoted ? m_field : trim(m_field));
        m_field.clear();
        m_field_was_quoted = false;
        m_rows_inside = false;
    }

    void end_record()
    {
        end_field();
        bool blank
            = std::all_of(m_fields.begin(), m_fields.end(), [](const std::string& f) { return trim(f).empty(); });
        if (!m_header_done && !blank) {
            if (!take_header())
                return;
        } else if (!blank) {
            if (!take_row())
                return;
        }
        m_fields.clear();
        ++m_spreadsheet_row;
        m_record_line = m_line;
    }

    bool take_header()
    {
        if (m_fields.size() > m_limits.max_columns) {
            m_diagnostics.fatal(m_file, m_record_line,
                Reason::said("sheet_too_many_columns",
                    {{"n", std::to_string(m_fields.size())}, {"limit", std::to_string(m_limits.max_columns)}}));
            m_stop = true;
            return false;
        }
        for (std::string& name : m_fields)
            m_table.header.push_back(lower(trim(name)));
        m_header_done = true;
        return true;
    }

    bool take_row()
    {
        if (m_table.rows.size() == m_limits.max_rows) {
            m_diagnostics.fatal(m_file, m_record_line,
                Reason::said("sheet_too_many_rows", {{"limit", std::to_string(m_limits.max_rows)}}));
            m_stop = true;
            return false;
        }
        CsvRow row;
        row.line = m_record_line;
        row.row = m_spreadsheet_row;
        std::size_t columns = m_table.header.size();
        if (m_fields.size() > columns) {
            bool extra_data = std::any_of(m_fields.begin() + std::ptrdiff_t(columns), m_fields.end(),
                [](const std::string& f) { return !trim(f).empty(); });
            // More values than columns: at least 2 values, and 1 column or more.
            if (extra_data)
                m_diagnostics.warning(m_file, m_record_line,
                    Reason::said(columns == 1 ? "sheet_extra_values_one_column" : "sheet_extra_values",
                        {{"n", std::to_string(m_fields.size())}, {"columns", std::to_string(columns)}})
                        + spreadsheet_row_reason(row));
        }
        m_fields.resize(columns);
        row.fields = std::move(m_fields);
        m_table.rows.push_back(std::move(row));
        return true;
    }

    CsvTable& m_table;
    const std::string& m_file;
    Diagnostics& m_diagnostics;
    const CsvLimits& m_limits;
    std::vector<std::string> m_fields; // Of the record being read.
    std::string m_field;
    bool m_quoted = false;
    bool m_field_was_quoted = false;
    bool m_rows_inside = false; // The value in quotes just closed holds lines that look like rows (rows_inside).
    int m_line = 1;             // Of the character being read.
    int m_record_line = 1;      // Where the record being read starts.
    int m_quote_line = 0;       // Where the last quoted value starts.
    int m_spreadsheet_row = 1;  // Blank lines count as rows in a spreadsheet, lines inside quotes do not.
    bool m_header_done = false;
    bool m_stop = false; // A limit was hit: the file is refused.
};

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

Reason spreadsheet_row_reason(const CsvRow& row)
{
    if (row.row == row.line)
        return {};
    return Reason::said("sheet_row_note", {{"row", std::to_string(row.row)}});
}

std::string spreadsheet_row_note(const CsvRow& row)
{
    return spreadsheet_row_reason(row).text();
}

std::optional<CsvTable> parse_csv(
    std::string_view bytes, const std::string& file, Diagnostics& diagnostics, const CsvLimits& limits)
{
    CsvTable table;
    std::string storage;
    std::optional<std::string_view> text = decode_text(bytes, storage, table, file, diagnostics, limits);
    if (!text)
        return std::nullopt;
    table.separator = detect_separator(*text);
    if (!RecordReader(table, file, diagnostics, limits).read(*text))
        return std::nullopt;
    return table;
}

} // namespace kiosk
