// Reading and validating bundle.toml.
#include "content/bundle.hpp"

#include "content/bundle_pronounce.hpp"
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

// A name from bundle.toml (a setting, a language code) or the punctuation joining it to a message: said as it is in
// every language.
Reason verbatim(const std::string& text)
{
    return Reason::plain(text);
}

// The section, as messages about it start: section "about".
Reason section_named(const std::string& id)
{
    return Reason::said("bundle_section", {{"id", id}});
}

// "; until then its tile shows the usual icon of a page ("article")": the kind as staff would say it.
Reason usual_icon(SectionKind kind)
{
    std::string icon(default_section_icon(kind).name);
    switch (kind) {
    case SectionKind::Page:
        break;
    case SectionKind::Cards:
        return Reason::said("bundle_icon_usual_cards", {{"icon", icon}});
    case SectionKind::Agenda:
        return Reason::said("bundle_icon_usual_agenda", {{"icon", icon}});
    }
    return Reason::said("bundle_icon_usual_page", {{"icon", icon}});
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
            m_diagnostics.fatal(bundle_file, 0, Reason::said("bundle_not_settings", {{"example", "name = \"...\""}}));
            return std::nullopt;
        }
        BundleInfo info;
        read_languages(*root, info);
        for (const auto& [key, value] : root->as_table()) {
            if (key == "name")
                info.name = read_text(value, verbatim("name"), info);
            else if (key == "time_zone")
                read_time_zone(value, info);
            else if (key == "date_order")
                read_date_order(value, info);
            else if (key == "urgent")
                read_urgent(value, info);
            else if (key == "sections")
                read_sections(value, info);
            else if (key == "pronounce")
                read_pronounce(value, info, m_diagnostics);
            else if (key != "languages")
                m_diagnostics.warning(bundle_file, line_of(value),
                    Reason::said("bundle_unknown_setting",
                        {{"setting", key},
                            {"known", "name, languages, time_zone, date_order, urgent, sections, pronounce"}}));
        }
        if (info.name.empty()) {
            m_diagnostics.error(
                bundle_file, 1, Reason::said("bundle_no_name", {{"example", "name = \"Eastside Drop-in\""}}));
            info.name = Text("Drop-in");
        }
        if (!root->contains("sections") || info.sections.empty()) {
            m_diagnostics.fatal(bundle_file, 0, Reason::said("bundle_no_sections"));
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
                    Reason::said("bundle_not_a_list", {{"setting", "languages"}, {"example", "[\"en\", \"es\"]"}})
                        + toml_type_reason(value));
            } else {
                for (const toml::value& item : value.as_array()) {
                    if (!item.is_string() || !is_language_code(item.as_string().str)) {
                        m_diagnostics.error(bundle_file, line_of(item),
                            Reason::said("bundle_language_code",
                                {{"setting", "languages"}, {"code", "en"}, {"code_with_region", "pt-BR"}}));
                        continue;
                    }
                    const std::string& code = item.as_string().str;
                    if (std::find(info.languages.begin(), info.languages.end(), code) != info.languages.end())
                        m_diagnostics.warning(
                            bundle_file, line_of(item), Reason::said("bundle_language_twice", {{"code", code}}));
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
    // `what` names the text at the start of each message: a setting ("name"), or "urgent.actions: action 2".
    std::string display_text(const toml::value& item, const Reason& what)
    {
        DisplayTextChanges changes;
        std::string text = bound_display_text(item.as_string().str, &changes);
        if (changes.any())
            m_diagnostics.warning(bundle_file, line_of(item), what + verbatim(": ") + display_text_reason(changes));
        return text;
    }

    Text read_text(const toml::value& value, const Reason& what, const BundleInfo& info)
    {
        Text text;
        if (value.is_string()) {
            text = Text(display_text(value, what));
        } else if (value.is_table()) {
            for (const auto& [language, item] : value.as_table()) {
                Reason in_language = what + verbatim("." + language);
                if (!item.is_string()) {
                    m_diagnostics.error(bundle_file, line_of(item),
                        in_language + Reason::said("bundle_text_not_quoted") + toml_type_reason(item));
                    continue;
                }
                if (std::find(info.languages.begin(), info.languages.end(), language) == info.languages.end())
                    m_diagnostics.warning(bundle_file, line_of(item),
                        what
                            + Reason::said(
                                "bundle_language_not_listed", {{"language", language}, {"setting", "languages"}}));
                text.set(language, display_text(item, in_language));
            }
        } else {
            m_diagnostics.error(bundle_file, line_of(value),
                what + Reason::said("bundle_text_or_table", {{"example", "{ en = \"...\", es = \"...\" }"}}));
        }
        return text;
    }

    std::string read_string(const toml::value& value, const std::string& setting)
    {
        if (value.is_string())
            return value.as_string().str;
        m_diagnostics.error(bundle_file, line_of(value),
            Reason::said("bundle_setting_not_quoted", {{"setting", setting}}) + toml_type_reason(value));
        return {};
    }

    void read_time_zone(const toml::value& value, BundleInfo& info)
    {
        std::string name = read_string(value, "time_zone");
        if (name.empty())
            return;
        if (!TimeZone::named(name)) {
            m_diagnostics.error(bundle_file, line_of(value),
                Reason::said("bundle_time_zone_unknown",
                    {{"setting", "time_zone"}, {"name", name}, {"example", "America/New_York"}}));
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
                Reason::said("bundle_date_order_invalid",
                    {{"setting", "date_order"}, {"day_first", "dmy"}, {"day_first_example", "31/12/2026"},
                        {"month_first", "mdy"}, {"month_first_example", "12/31/2026"}}));
    }

    // `what` is "[urgent]" or a section.
    void check_page(const std::string& page, const Reason& what, int line)
    {
        if (page.empty()) {
            m_diagnostics.fatal(bundle_file, line,
                what + Reason::said("bundle_page_needed", {{"example", "page = \"...\""}, {"folder", "pages/"}}));
            m_fatal = true;
        } else if (!is_valid_id(page)) {
            m_diagnostics.fatal(bundle_file, line,
                what
                    + Reason::said("bundle_page_not_plain",
                        {{"setting", "page"}, {"page", page}, {"file", "pages/" + page + ".md"}}));
            m_fatal = true;
        } else if (!is_regular_file(m_dir + "/pages/" + page + ".md")) {
            std::string path = "pages/" + page + ".md";
            m_diagnostics.fatal(bundle_file, line,
                what + Reason::said("bundle_points_at_missing", {{"file", path}})
                    + did_you_mean_reason(path, names_in(m_dir, "pages/")));
            m_fatal = true;
        }
    }

    void read_urgent(const toml::value& value, BundleInfo& info)
    {
        if (!value.is_table()) {
            m_diagnostics.error(bundle_file, line_of(value),
                Reason::said("bundle_urgent_not_table", {{"setting", "urgent"}, {"title", "title"}, {"page", "page"}}));
            return;
        }
        UrgentTile urgent;
        int page_line = line_of(value);
        for (const auto& [key, item] : value.as_table()) {
            if (key == "title") {
                urgent.title = read_text(item, verbatim("urgent.title"), info);
            } else if (key == "page") {
                urgent.page = read_string(item, "urgent.page");
                page_line = line_of(item);
            } else if (key == "actions") {
                urgent.actions = read_urgent_actions(item, info);
            } else
                m_diagnostics.warning(bundle_file, line_of(item),
                    Reason::said(
                        "bundle_unknown_setting", {{"setting", "urgent." + key}, {"known", "title, page, actions"}}));
        }
        check_page(urgent.page, verbatim("[urgent]"), page_line);
        if (urgent.title.empty())
            m_diagnostics.error(bundle_file, line_of(value),
                Reason::said("bundle_urgent_no_title",
                    {{"heading", "[urgent]"}, {"setting", "title"}, {"example", "Overdose? Get help now"}}));
        info.urgent = std::move(urgent);
    }

    // [urgent] actions: a list of up to max_urgent_actions texts. An entry that is empty or not a text is skipped
    // with an error; past the limit the first ones are kept, with a warning.
    std::vector<Text> read_urgent_actions(const toml::value& value, const BundleInfo& info)
    {
        std::vector<Text> actions;
        if (!value.is_array()) {
            m_diagnostics.error(bundle_file, line_of(value),
                Reason::said("bundle_not_a_list",
                    {{"setting", "urgent.actions"}, {"example", "[\"Call 911\", \"Tell staff now\"]"}})
                    + toml_type_reason(value));
            return actions;
        }
        std::size_t number = 0;
        for (const toml::value& item : value.as_array()) {
            Reason what = Reason::said(
                "bundle_urgent_action", {{"setting", "urgent.actions"}, {"n", std::to_string(++number)}});
            int line = line_of(item);
            if (!item.is_string() && !item.is_table()) {
                m_diagnostics.error(bundle_file, line,
                    what + Reason::said("bundle_action_not_text", {{"example", "{ en = \"...\", es = \"...\" }"}})
                        + toml_type_reason(item) + Reason::said("bundle_left_out"));
                continue;
            }
            Text action = without_blank_languages(read_text(item, what, info), what, line);
            if (action.empty()) {
                m_diagnostics.error(
                    bundle_file, line, what + Reason::said("bundle_action_empty", {{"example", "Call 911"}}));
                continue;
            }
            if (actions.size() == max_urgent_actions) {
                m_diagnostics.warning(bundle_file, line,
                    Reason::said("bundle_too_many_actions",
                        {{"setting", "urgent.actions"}, {"n", std::to_string(max_urgent_actions)}}));
                break;
            }
            for (const auto& [language, text] : action.by_language()) {
                if (character_count(text) > long_action_characters) {
                    Reason::Args args {
                        {"n", std::to_string(character_count(text))}, {"max", std::to_string(long_action_characters)}};
                    Reason long_action;
                    if (language.empty()) {
                        long_action = Reason::said("bundle_action_long", std::move(args));
                    } else {
                        args.emplace_back("language", language);
                        long_action = Reason::said("bundle_action_long_in_language", std::move(args));
                    }
                    m_diagnostics.warning(bundle_file, line, what + long_action);
                    break;
                }
            }
            actions.push_back(std::move(action));
        }
        return actions;
    }

    // `text` without its blank translations, each warned about: the default language shows in their place.
    Text without_blank_languages(const Text& text, const Reason& what, int line)
    {
        Text kept;
        for (const auto& [language, words] : text.by_language()) {
            if (!is_blank(words))
                kept.set(language, words);
            else if (!language.empty() && text.by_language().size() > 1)
                m_diagnostics.warning(
                    bundle_file, line, what + Reason::said("bundle_empty_in_language", {{"language", language}}));
        }
        return kept;
    }

    void read_sections(const toml::value& value, BundleInfo& info)
    {
        if (!value.is_array()) {
            m_diagnostics.fatal(
                bundle_file, line_of(value), Reason::said("bundle_sections_not_tables", {{"setting", "sections"}}));
            m_fatal = true;
            return;
        }
        std::set<std::string> ids;
        for (const toml::value& item : value.as_array()) {
            if (info.sections.size() == max_sections) {
                m_diagnostics.fatal(bundle_file, line_of(item),
                    Reason::said("bundle_too_many_sections", {{"n", std::to_string(max_sections)}}));
                m_fatal = true;
                return;
            }
            if (auto section = read_section(item, info)) {
                if (!ids.insert(section->id).second) {
                    m_diagnostics.fatal(
                        bundle_file, line_of(item), Reason::said("bundle_section_id_twice", {{"id", section->id}}));
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
            m_diagnostics.fatal(bundle_file, line, Reason::said("bundle_section_not_table", {{"setting", "sections"}}));
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
                section.title = read_text(item, verbatim("title"), info);
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
                    Reason::said("bundle_unknown_section_setting",
                        {{"setting", key}, {"known", "id, kind, title, page, source, filter_column, icon"}}));
        }
        Reason what = section_named(section.id);
        if (section.id.empty()) {
            m_diagnostics.fatal(bundle_file, line, Reason::said("bundle_section_no_id", {{"example", "id = \"...\""}}));
            m_fatal = true;
            return std::nullopt;
        }
        if (!is_valid_id(section.id) || section.id == "home" || section.id == "urgent") {
            m_diagnostics.fatal(bundle_file, line,
                what + Reason::said("bundle_section_id_invalid", {{"home", "home"}, {"urgent", "urgent"}}));
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
            Reason::Args args {{"setting", "kind"}, {"page", "page"}, {"cards", "cards"}, {"agenda", "agenda"}};
            if (kind.empty()) {
                m_diagnostics.fatal(bundle_file, line, what + Reason::said("bundle_kind_missing", std::move(args)));
            } else {
                args.emplace_back("kind", kind);
                m_diagnostics.fatal(bundle_file, line, what + Reason::said("bundle_kind_invalid", std::move(args)));
            }
            m_fatal = true;
            return std::nullopt;
        }
        if (!has_title) {
            m_diagnostics.warning(bundle_file, line, what + Reason::said("bundle_section_no_title"));
            section.title = Text(section.id);
        }
        check_icon(section, what, icon_line);
        return section;
    }

    // An icon the kiosk does not have is a warning that names the closest it has; the tile shows its kind's icon.
    void check_icon(Section& section, const Reason& what, int line)
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
        // Where staff find the list: the content guide, its chapter "Section icons".
        Reason::Args args {{"icon", name}, {"guide", "docs/content-guide.md"}, {"chapter", "Section icons"}};
        std::vector<std::string_view> similar = similar_icon_names(section.icon, 3);
        const char* names[] = {"first", "second", "third"};
        for (std::size_t i = 0; i < similar.size(); ++i)
            args.emplace_back(names[i], std::string(similar[i]));
        Reason unknown = similar.empty() ? Reason::said("bundle_icon_unknown", std::move(args))
            : similar.size() == 1        ? Reason::said("bundle_icon_unknown_one", std::move(args))
            : similar.size() == 2        ? Reason::said("bundle_icon_unknown_two", std::move(args))
                                         : Reason::said("bundle_icon_unknown_three", std::move(args));
        m_diagnostics.warning(bundle_file, line, what + unknown + usual_icon(section.kind));
        section.icon.clear();
    }

    void check_source(const std::string& source, const Reason& what, int line)
    {
        bool plain = !source.empty() && source.find('/') == std::string::npos && source.find('\\') == std::string::npos
            && source.size() > 4 && source.compare(source.size() - 4, 4, ".csv") == 0 && source[0] != '.';
        if (!plain) {
            Reason::Args args {{"example", "source = \"name.csv\""}, {"file", bundle_file}};
            if (source.empty()) {
                m_diagnostics.fatal(bundle_file, line, what + Reason::said("bundle_source_needed", std::move(args)));
            } else {
                args.emplace_back("source", source);
                m_diagnostics.fatal(bundle_file, line, what + Reason::said("bundle_source_invalid", std::move(args)));
            }
            m_fatal = true;
        } else if (!is_regular_file(m_dir + "/" + source)) {
            m_diagnostics.fatal(bundle_file, line,
                what + Reason::said("bundle_points_at_missing", {{"file", source}})
                    + did_you_mean_reason(source, names_in(m_dir, "")));
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
