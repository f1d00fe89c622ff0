// Column handling, ids, links and dates for the CSV readers.
#include "content/sheet.hpp"

#include <algorithm>
#include <cctype>

namespace kiosk {

Columns::Columns(const CsvTable& table, const std::string& file, const std::vector<std::string>& known,
    const std::vector<std::string>& languages, Diagnostics& diagnostics)
{
    std::string unknown;
    std::size_t unknown_count = 0;
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        const std::string& name = table.header[i];
        if (name.empty())
            continue;
        auto dot = name.find('.');
        std::string base = name.substr(0, dot);
        if (std::find(known.begin(), known.end(), base) == known.end()) {
            unknown += (unknown.empty() ? "" : ", ") + name;
            ++unknown_count;
            continue;
        }
        if (dot == std::string::npos) {
            if (m_base.count(base)) {
                diagnostics.warning(file, 1, Reason::said("sheet_column_twice", {{"column", name}}));
                continue;
            }
            m_base[base] = int(i);
            continue;
        }
        std::string language = name.substr(dot + 1);
        if (std::find(languages.begin(), languages.end(), language) == languages.end()) {
            diagnostics.warning(file, 1,
                Reason::said("sheet_column_language_not_in_bundle", {{"column", name}, {"language", language}}));
            continue;
        }
        m_translations[base].emplace_back(language, int(i));
    }
    if (!unknown.empty()) {
        std::string list;
        for (const std::string& k : known)
            list += (list.empty() ? "" : ", ") + k;
        // The same English either way; other languages say one column or several.
        diagnostics.warning(file, 1,
            Reason::said(unknown_count == 1 ? "sheet_unknown_column" : "sheet_unknown_columns",
                {{"columns", unknown}, {"known", list}}));
    }
}

std::string Columns::get(const CsvRow& row, const std::string& name) const
{
    auto it = m_base.find(name);
    if (it == m_base.end() || std::size_t(it->second) >= row.fields.size())
        return {};
    return row.fields[std::size_t(it->second)];
}

Text Columns::text(const CsvRow& row, const std::string& name) const
{
    Text text;
    std::string base = get(row, name);
    if (!base.empty())
        text = Text(base);
    if (auto it = m_translations.find(name); it != m_translations.end()) {
        for (const auto& [language, column] : it->second) {
            if (std::size_t(column) < row.fields.size() && !row.fields[std::size_t(column)].empty())
                text.set(language, row.fields[std::size_t(column)]);
        }
    }
    return text;
}

std::string slugify(std::string_view text)
{
    // Latin-1 and Latin Extended-A letters folded to ASCII, enough for the languages staff write in.
    struct Fold {
        const char* utf8;
        const char* ascii;
    };
    static const Fold folds[] = {{"á", "a"}, {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"ã", "a"}, {"å", "a"}, {"é", "e"},
        {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"í", "i"}, {"ì", "i"}, {"î", "i"}, {"ï", "i"}, {"ó", "o"}, {"ò", "o"},
        {"ô", "o"}, {"ö", "o"}, {"õ", "o"}, {"ø", "o"}, {"ú", "u"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"}, {"ñ", "n"},
        {"ç", "c"}, {"ß", "ss"}, {"Á", "a"}, {"É", "e"}, {"Í", "i"}, {"Ó", "o"}, {"Ú", "u"}, {"Ñ", "n"}, {"Ü", "u"},
        {"Ç", "c"}, {"À", "a"}, {"È", "e"}, {"Ö", "o"}, {"Ä", "a"}};
    std::string out;
    bool dash = false;
    for (std::size_t i = 0; i < text.size() && out.size() < 64;) {
        auto c = static_cast<unsigned char>(text[i]);
        std::string piece;
        std::size_t advance = 1;
        if (std::isalnum(c) && c < 0x80) {
            piece = char(std::tolower(c));
        } else if (c >= 0x80) {
            for (const Fold& f : folds) {
                std::string_view u(f.utf8);
                if (text.substr(i, u.size()) == u) {
                    piece = f.ascii;
                    advance = u.size();
                    break;
                }
            }
            if (piece.empty()) {
                advance = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            }
        }
        if (piece.empty()) {
            dash = !out.empty();
        } else {
            if (dash)
                out += '-';
            out += piece;
            dash = false;
        }
        i += advance;
    }
    if (out.size() > 64)
        out.resize(64);
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

std::string unique_id(std::string id, std::map<std::string, int>& taken)
{
    int& count = taken[id];
    ++count;
    if (count == 1)
        return id;
    std::string candidate;
    do {
        candidate = id + "-" + std::to_string(count++);
    } while (taken.count(candidate));
    taken[candidate] = 1;
    return candidate;
}

} // namespace kiosk
