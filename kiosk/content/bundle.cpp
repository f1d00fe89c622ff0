// Reading and validating bundle.toml.
#include "content/bundle.hpp"

#include "content/file_names.hpp"
#include "content/posix_file.hpp"
#include "content/section_icons.hpp"
#include "content/text_util.hpp"
#include "content/time_zone.hpp"
#include "content/toml_reader.hpp"

#include <algorithm>
#include <set>
#include <sys/stat.h>

namespace kiosk {

namespace {

constexpr const char* bundle_file = "bundle.toml";
constexpr std::size_t max_sections = 100; // Two taps to anything: more tiles than this help nobody.
// Past this many characters an urgent action is warned about: about two lines of its block on a 7-inch 800x480
// panel, so that three of them still fit its first screen.
constexpr std::size_t long_action_characters = 90;

// Characters (code points) of UTF-8 text.
std::size_t character_count(const std::string& utf8)
{
    return std::size_t(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_blank(const std::string& text)
{
    return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

bool is_language_code(const std::string& code)
{
    // "en", "es", "pt-BR", "fil": two or three lowercase letters with an optional region.
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    std::size_t n = 0;
    while (n < code.size() && lower(code[n]))
        ++n;
    if (n < 2 || n > 3)
        return false;
    if (n == code.size())
        return true;
    return code.size() == n + 3 && code[n] == '-' && upper(code[n + 1]) && upper(code[n + 2]);
}

// A section kind as staff would say it: "a page".
const char* kind_words(SectionKind kind)
{
    switch (kind) {
    case SectionKind::Page:
        return "a page";
    case SectionKind::Cards:
        return "a list of cards";
    case SectionKind::Agenda:
        return "events";
    }
    return "a page";
}

bool is_regular_file(const std::string& path)
{
    struct stat st { };
    return lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The names in `dir`/`folder` as paths in the bundle ("pages/about.md"), for did_you_mean(); `folder` is "" or ends
// in '/'.
std::vector<std::string> names_in(const std::string& dir, const std::string& folder)
{
    std::vector<std::string> paths;
    for (const std::string& name : posix::list_dir(dir + "/" + folder).value_or(std::vector<std::string> {}))
        paths.push_back(folder + name);
    return paths;
}

class Reader {
public:
    Reader(const std::string& dir, Diagnostics& diagnostics)
        : m_dir(dir)
        , m_diagnostics(diagnostics)
    { }

    std::optional<BundleInfo> read()
    {
        auto root = read_toml_file(m_dir + "/" + bundle_file, bundle_file, m_diagnostics);
        if (!root)
            return std::nullopt;
        if (!root->is_table()) {
            m_diagnostics.fatal(bundle_file, 0, "the file must hold settings such as name = \"...\"");
            return std::nullopt;
        }
        BundleInfo info;
        read_languages(*root, info);
        for (const auto& [key, value] : root->as_table()) {
            if (key == "name")
                info.name = read_text(value, "name", info);
            else if (key == "time_zone")
                read_time_zone(value, info);
            else if (key == "date_order")
                read_date_order(value, info);
            else if (key == "urgent")
                read_urgent(value, info);
            else if (key == "sections")
                read_sections(value, info);
            else if (key != "languages")
                m_diagnostics.warning(bundle_file, line_of(value),
                    "unknown setting '" + key
                        + "' is ignored (known: name, languages, time_zone, date_order, urgent, sections)");
        }
        if (info.name.empty()) {
            m_diagnostics.error(
                bundle_file, 1, "the bundle has no name: add a line such as name = \"Eastside Drop-in\"");
            info.name = Text("Drop-in");
        }
        if (!root->contains("sections") || info.sections.empty()) {
            m_diagnostics.fatal(
                bundle_file, 0, "the bundle has no sections: add at least one [[sections]] with an id and a kind");
            return std::nullopt;
        }
        if (m_fatal)
            return std::nullopt;
        return info;
    }

private:
    void read_languages(const toml::value& root, BundleInfo& info)
    {
        if (root.contains("languages")) {
            const toml::value& value = root.at("languages");
            if (!value.is_array()) {
                m_diagnostics.error(bundle_file, line_of(value),
                    "languages must be a list such as [\"en\", \"es\"], not " + std::string(toml_type_name(value)));
            } else {
                for (const toml::value& item : value.as_array()) {
                    if (!item.is_string() || !is_language_code(item.as_string().str)) {
                        m_diagnostics.error(bundle_file, line_of(item),
                            "languages: each entry must be a language code such as \"en\" or "
                            "\"pt-BR\"");
                        continue;
                    }
                    const std::string& code = item.as_string().str;
                    if (std::find(info.languages.begin(), info.languages.end(), code) != info.languages.end())
                        m_diagnostics.warning(bundle_file, line_of(item), "language \"" + code + "\" is listed twice");
                    else
                        info.languages.push_back(code);
                }
            }
        }
        if (info.languages.empty())
            info.languages.emplace_back("en");
    }

    // A text as it may be drawn (bound_display_text), with a warning at its line when that changed it: TOML's \u
    // escapes reach here whatever the file's bytes were.
    std::string display_text(const toml::value& item, const std::string& what)
    {
        DisplayTextChanges changes;
        std::string text = bound_display_text(item.as_string().str, &changes);
        if (changes.any())
            m_diagnostics.warning(bundle_file, line_of(item), what + ": " + display_text_message(changes));
        return text;
    }

    Text read_text(const toml::value& value, const std::string& what, const BundleInfo& info)
    {
        Text text;
        if (value.is_string()) {
            text = Text(display_text(value, what));
        } else if (value.is_table()) {
            for (const auto& [language, item] : value.as_table()) {
                if (!item.is_string()) {
                    m_diagnostics.error(bundle_file, line_of(item),
                        what + "." + language + " must be a text in quotes, not " + toml_type_name(item));
                    continue;
                }
                if (std::find(info.languages.begin(), info.languages.end(), language) == info.languages.end())
                    m_diagnostics.warning(bundle_file, line_of(item),
                        what + " has a text in \"" + language
                            + "\", which is not in languages: add it there or remove it");
                text.set(language, display_text(item, what + "." + language));
            }
        } else {
            m_diagnostics.error(bundle_file, line_of(value),
                what + " must be a text in quotes, or a table such as { en = \"...\", es = \"...\" }");
        }
        return text;
    }

    std::string read_string(const toml::value& value, const std::string& what)
    {
        if (value.is_string())
            return value.as_string().str;
        m_diagnostics.error(
            bundle_file, line_of(value), what + " must be a text in quotes, not " + std::string(toml_type_name(value)));
        return {};
    }

    void read_time_zone(const toml::value& value, BundleInfo& info)
    {
        std::string name = read_string(value, "time_zone");
        if (name.empty())
            return;
        if (!TimeZone::named(name)) {
            m_diagnostics.error(bundle_file, line_of(value),
                "time_zone \"" + name + "\" is not a known time zone: use a name such as \"America/New_York\"");
            return;
        }
        info.time_zone = name;
    }

    // date_order = "dmy" | "mdy": the order of events.csv's dates such as 03/04/2026.
    void read_date_order(const toml::value& value, BundleInfo& info)
    {
        std::string order = read_string(value, "date_order");
        if (order == "dmy")
            info.date_order = DateOrder::DayFirst;
        else if (order == "mdy")
            info.date_order = DateOrder::MonthFirst;
        else if (value.is_string())
            m_diagnostics.error(bundle_file, line_of(value),
                "date_order must be \"dmy\" (day first, 31/12/2026) or \"mdy\" (month first, 12/31/2026): it is "
                "ignored");
    }

    void check_page(const std::string& page, const std::string& what, int line)
    {
        if (page.empty()) {
            m_diagnostics.fatal(bundle_file, line, what + " needs page = \"...\", the name of a file in pages/");
            m_fatal = true;
        } else if (!is_valid_id(page)) {
            m_diagnostics.fatal(bundle_file, line,
                what + ": page \"" + page + "\" must be a plain name of lowercase letters, digits and '-' (pages/"
                    + page + ".md)");
            m_fatal = true;
        } else if (!is_regular_file(m_dir + "/pages/" + page + ".md")) {
            std::string path = "pages/" + page + ".md";
            m_diagnostics.fatal(bundle_file, line,
                what + " points at " + path + ", which is missing" + did_you_mean(path, names_in(m_dir, "pages/")));
            m_fatal = true;
        }
    }

    void read_urgent(const toml::value& value, BundleInfo& info)
    {
        if (!value.is_table()) {
            m_diagnostics.error(bundle_file, line_of(value), "urgent must be a table: [urgent] with title and page");
            return;
        }
        UrgentTile urgent;
        int page_line = line_of(value);
        for (const auto& [key, item] : value.as_table()) {
            if (key == "title") {
                urgent.title = read_text(item, "urgent.title", info);
            } else if (key == "page") {
                urgent.page = read_string(item, "urgent.page");
                page_line = line_of(item);
            } else if (key == "actions") {
                urgent.actions = read_urgent_actions(item, info);
            } else
                m_diagnostics.warning(bundle_file, line_of(item),
                    "unknown setting 'urgent." + key + "' is ignored (known: title, page, actions)");
        }
        check_page(urgent.page, "[urgent]", page_line);
        if (urgent.title.empty())
            m_diagnostics.error(
                bundle_file, line_of(value), "[urgent] needs a title, such as \"Overdose? Get help now\"");
        info.urgent = std::move(urgent);
    }

    // [urgent] actions: a list of up to max_urgent_actions texts. An entry that is empty or not a text is skipped
    // with an error; past the limit the first ones are kept, with a warning.
    std::vector<Text> read_urgent_actions(const toml::value& value, const BundleInfo& info)
    {
        std::vector<Text> actions;
        if (!value.is_array()) {
            m_diagnostics.error(bundle_file, line_of(value),
                "urgent.actions must be a list such as [\"Call 911\", \"Tell staff now\"], not "
                    + std::string(toml_type_name(value)));
            return actions;
        }
        std::size_t number = 0;
        for (const toml::value& item : value.as_array()) {
            std::string what = "urgent.actions: action " + std::to_string(++number);
            int line = line_of(item);
            if (!item.is_string() && !item.is_table()) {
                m_diagnostics.error(bundle_file, line,
                    what + " must be a text in quotes, or a table such as { en = \"...\", es = \"...\" }, not "
                        + toml_type_name(item) + ": it is left out");
                continue;
            }
            Text action = without_blank_languages(read_text(item, what, info), what, line);
            if (action.empty()) {
                m_diagnostics.error(
                    bundle_file, line, what + " is empty: write what to do, such as \"Call 911\", or remove it");
                continue;
            }
            if (actions.size() == max_urgent_actions) {
                m_diagnostics.warning(bundle_file, line,
                    "urgent.actions has more than " + std::to_string(max_urgent_actions) + " actions: only the first "
                        + std::to_string(max_urgent_actions) + " are shown");
                break;
            }
            for (const auto& [language, text] : action.by_language()) {
                if (character_count(text) > long_action_characters) {
                    m_diagnostics.warning(bundle_file, line,
                        what + (language.empty() ? std::string() : " (" + language + ")") + " is long ("
                            + std::to_string(character_count(text)) + " characters): keep each action under "
                            + std::to_string(long_action_characters)
                            + ", so all of them fit the first screen of a small panel");
                    break;
                }
            }
            actions.push_back(std::move(action));
        }
        return actions;
    }

    // `text` without its blank translations, each warned about: the default language shows in their place.
    Text without_blank_languages(const Text& text, const std::string& what, int line)
    {
        Text kept;
        for (const auto& [language, words] : text.by_language()) {
            if (!is_blank(words))
                kept.set(language, words);
            else if (!language.empty() && text.by_language().size() > 1)
                m_diagnostics.warning(bundle_file, line,
                    what + " is empty in \"" + language + "\": the default language shows in its place");
        }
        return kept;
    }

    void read_sections(const toml::value& value, BundleInfo& info)
    {
        if (!value.is_array()) {
            m_diagnostics.fatal(bundle_file, line_of(value), "sections must be written as [[sections]] tables");
            m_fatal = true;
            return;
        }
        std::set<std::string> ids;
        for (const toml::value& item : value.as_array()) {
            if (info.sections.size() == max_sections) {
                m_diagnostics.fatal(bundle_file, line_of(item),
                    "more than " + std::to_string(max_sections) + " sections: the limit is "
                        + std::to_string(max_sections));
                m_fatal = true;
                return;
            }
            if (auto section = read_section(item, info)) {
                if (!ids.insert(section->id).second) {
                    m_diagnostics.fatal(bundle_file, line_of(item),
                        "two sections have the id \"" + section->id + "\": ids must be unique");
                    m_fatal = true;
                    continue;
                }
                info.sections.push_back(std::move(*section));
            }
        }
    }

    std::optional<Section> read_section(const toml::value& value, const BundleInfo& info)
    {
        int line = line_of(value);
        if (!value.is_table()) {
            m_diagnostics.fatal(bundle_file, line, "each section must be a [[sections]] table");
            m_fatal = true;
            return std::nullopt;
        }
        Section section;
        std::string kind;
        bool has_title = false;
        int page_line = line, source_line = line, icon_line = line; // Problems are reported on the line naming them.
        for (const auto& [key, item] : value.as_table()) {
            if (key == "id")
                section.id = read_string(item, "id");
            else if (key == "kind")
                kind = read_string(item, "kind");
            else if (key == "title") {
                section.title = read_text(item, "title", info);
                has_title = true;
            } else if (key == "page") {
                section.page = read_string(item, "page");
                page_line = line_of(item);
            } else if (key == "source") {
                section.source = read_string(item, "source");
                source_line = line_of(item);
            } else if (key == "filter_column")
                section.filter_column = read_string(item, "filter_column");
            else if (key == "icon") {
                section.icon = read_string(item, "icon");
                icon_line = line_of(item);
            } else
                m_diagnostics.warning(bundle_file, line_of(item),
                    "unknown section setting '" + key
                        + "' is ignored (known: id, kind, title, page, source, filter_column, icon)");
        }
        std::string what = "section \"" + section.id + "\"";
        if (!is_valid_id(section.id) || section.id == "home" || section.id == "urgent") {
            m_diagnostics.fatal(bundle_file, line,
                section.id.empty() ? std::string("a section has no id: add id = \"...\" (lowercase letters, digits, -)")
                                   : what
                        + ": the id must use only lowercase letters, digits and '-', and not be "
                          "\"home\" or \"urgent\"");
            m_fatal = true;
            return std::nullopt;
        }
        if (kind == "page") {
            section.kind = SectionKind::Page;
            check_page(section.page, what, page_line);
        } else if (kind == "cards") {
            section.kind = SectionKind::Cards;
            check_source(section.source, what, source_line);
        } else if (kind == "agenda") {
            section.kind = SectionKind::Agenda;
        } else {
            m_diagnostics.fatal(bundle_file, line,
                what + ": kind must be \"page\", \"cards\" or \"agenda\""
                    + (kind.empty() ? std::string(", and it is missing") : ", not \"" + kind + "\""));
            m_fatal = true;
            return std::nullopt;
        }
        if (!has_title) {
            m_diagnostics.warning(bundle_file, line, what + " has no title: its tile shows the id");
            section.title = Text(section.id);
        }
        check_icon(section, what, icon_line);
        return section;
    }

    // An icon the kiosk does not have is a warning that names the closest it has; the tile shows its kind's icon.
    void check_icon(Section& section, const std::string& what, int line)
    {
        if (section.icon.empty() || find_section_icon(section.icon))
            return;
        std::string name = section.icon;
        if (name.size() > 40) { // Quote a long value's start, whole characters only.
            std::size_t cut = 40;
            while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
                --cut;
            name = name.substr(0, cut) + "...";
        }
        std::string message = what + ": the kiosk has no icon called \"" + name + "\"";
        std::vector<std::string_view> similar = similar_icon_names(section.icon);
        for (std::size_t i = 0; i < similar.size(); ++i)
            message += std::string(i == 0                ? ": write "
                               : i + 1 == similar.size() ? " or "
                                                         : ", ")
                + "\"" + std::string(similar[i]) + "\"";
        message += std::string(similar.empty() ? ": choose" : ", or another") + " from the list in " + section_icons_doc
            + "; until then its tile shows the usual icon of " + kind_words(section.kind) + " (\""
            + std::string(default_section_icon(section.kind).name) + "\")";
        m_diagnostics.warning(bundle_file, line, message);
        section.icon.clear();
    }

    void check_source(const std::string& source, const std::string& what, int line)
    {
        bool plain = !source.empty() && source.find('/') == std::string::npos && source.find('\\') == std::string::npos
            && source.size() > 4 && source.compare(source.size() - 4, 4, ".csv") == 0 && source[0] != '.';
        if (!plain) {
            m_diagnostics.fatal(bundle_file, line,
                what + " needs source = \"name.csv\", a CSV file beside bundle.toml"
                    + (source.empty() ? std::string() : ", not \"" + source + "\""));
            m_fatal = true;
        } else if (!is_regular_file(m_dir + "/" + source)) {
            m_diagnostics.fatal(bundle_file, line,
                what + " points at " + source + ", which is missing" + did_you_mean(source, names_in(m_dir, "")));
            m_fatal = true;
        }
    }

    const std::string& m_dir;
    Diagnostics& m_diagnostics;
    bool m_fatal = false;
};

} // namespace

const char* section_kind_name(SectionKind kind)
{
    switch (kind) {
    case SectionKind::Page:
        return "page";
    case SectionKind::Cards:
        return "cards";
    case SectionKind::Agenda:
        return "agenda";
    }
    return "page";
}

const Section* BundleInfo::find_section(const std::string& id) const
{
    for (const Section& section : sections) {
        if (section.id == id)
            return &section;
    }
    return nullptr;
}

bool is_valid_id(const std::string& id)
{
    if (id.empty() || id.size() > 64)
        return false;
    return std::all_of(
        id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::optional<BundleInfo> read_bundle_info(const std::string& dir, Diagnostics& diagnostics)
{
    return Reader(dir, diagnostics).read();
}

} // namespace kiosk
