// Reading a whole bundle safely: every file checked for size and kind before it is read, paths never leave the
// bundle, links refused.
#include "content/bundle_reader.hpp"

#include "content/bundle_pronounce.hpp"
#include "content/csv.hpp"
#include "content/file_names.hpp"
#include "content/posix_file.hpp"
#include "content/text_util.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

namespace {

constexpr int days_counted = 90;

bool ends_with(const std::string& s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lower(std::string s)
{
    for (char& c : s)
        c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    return s;
}

class Reader {
public:
    Reader(const std::string& dir, Diagnostics& diagnostics, const BundleLimits& limits)
        : m_dir(dir)
        , m_diagnostics(diagnostics)
        , m_limits(limits)
    { }

    std::optional<Bundle> read()
    {
        struct stat st { };
        if (lstat(m_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
            m_diagnostics.fatal(m_dir, 0, Reason::said("files_not_a_folder"));
            return std::nullopt;
        }
        if (!survey("", 0))
            return std::nullopt;
        auto info = read_bundle_info(m_dir, m_diagnostics);
        if (!info)
            return std::nullopt;
        if (auto text = read_text("bundle.toml", 64 * 1024, Severity::Warning)) {
            for (UnsupportedKind kind : {UnsupportedKind::OutsideBasicPlane, UnsupportedKind::RightToLeft}) {
                if (auto found = find_unsupported_text(*text, kind))
                    m_diagnostics.warning(
                        "bundle.toml", line_at(*text, found->offset), unsupported_text_reason(kind, *found));
            }
        }
        Bundle bundle;
        bundle.info = std::move(*info);
        read_images(bundle);
        read_pages(bundle);
        read_card_lists(bundle);
        read_events(bundle);
        check_unused(bundle);
        check_pronunciations_used(bundle, m_diagnostics);
        if (m_diagnostics.has_fatal())
            return std::nullopt;
        return bundle;
    }

private:
    // Walks the tree once: counts files and bytes against the limits, refuses links and special files, and notes
    // every regular file by its path in the bundle.
    bool survey(const std::string& relative, int depth)
    {
        std::string path = relative.empty() ? m_dir : m_dir + "/" + relative;
        auto names = posix::list_dir(path);
        if (!names) {
            m_diagnostics.fatal(relative.empty() ? "." : relative, 0, Reason::said("files_folder_unreadable"));
            return false;
        }
        for (const std::string& name : *names) {
            std::string rel = relative.empty() ? name : relative + "/" + name;
            if (name[0] == '.')
                continue; // .DS_Store, ._files, .git: made by computers, not staff.
            struct stat st { };
            if (lstat((m_dir + "/" + rel).c_str(), &st) != 0)
                continue;
            if (S_ISLNK(st.st_mode)) {
                m_diagnostics.error(rel, 0, Reason::said("files_link"));
                m_links.insert(rel);
                continue;
            }
            if (S_ISDIR(st.st_mode)) {
                if (depth >= 2) {
                    m_diagnostics.warning(rel, 0, Reason::said("files_folder_too_deep"));
                    continue;
                }
                if (!survey(rel, depth + 1))
                    return false;
                continue;
            }
            if (!S_ISREG(st.st_mode)) {
                m_diagnostics.error(rel, 0, Reason::said("files_not_regular"));
                continue;
            }
            if (++m_file_count > m_limits.max_files) {
                m_diagnostics.fatal(
                    ".", 0, Reason::said("files_too_many_files", {{"n", std::to_string(m_limits.max_files)}}));
                return false;
            }
            m_total_bytes += std::uint64_t(st.st_size);
            if (m_total_bytes > m_limits.max_total_bytes) {
                m_diagnostics.fatal(".", 0,
                    Reason::said(
                        "files_too_large", {{"limit", std::to_string(m_limits.max_total_bytes / (1024 * 1024))}}));
                return false;
            }
            m_files[rel] = std::uint64_t(st.st_size);
        }
        return true;
    }

    bool exists(const std::string& rel) const { return m_files.count(rel) != 0; }

    // The file's text, or nothing (with an error) when it is too big or cannot be read. Never follows a link.
    std::optional<std::string> read_text(const std::string& rel, std::size_t max_bytes, Severity severity)
    {
        auto it = m_files.find(rel);
        if (it == m_files.end())
            return std::nullopt;
        if (it->second > max_bytes) {
            m_diagnostics.add(rel, 0, severity,
                Reason::said("files_file_too_large",
                    {{"size", std::to_string(it->second / 1024)}, {"limit", std::to_string(max_bytes / 1024)}}));
            return std::nullopt;
        }
        auto text = posix::read_file(m_dir + "/" + rel, max_bytes, posix::Links::Refuse);
        if (!text)
            m_diagnostics.add(rel, 0, severity, Reason::said("files_unreadable"));
        return text;
    }

    void read_images(Bundle& bundle)
    {
        for (const auto& [rel, size] : m_files) {
            if (rel.rfind("images/", 0) != 0)
                continue;
            std::string ext = lower(rel.substr(rel.rfind('.') == std::string::npos ? rel.size() : rel.rfind('.')));
            if (ext != ".png" && ext != ".jpg" && ext != ".jpeg") {
                m_diagnostics.warning(rel, 0, Reason::said("image_not_png_or_jpeg_name"));
                continue;
            }
            if (bundle.images.size() == m_limits.max_images) {
                m_diagnostics.fatal(
                    rel, 0, Reason::said("image_too_many", {{"n", std::to_string(m_limits.max_images)}}));
                return;
            }
            if (auto info = read_image_file_info(m_dir + "/" + rel, rel, m_diagnostics))
                bundle.images[rel] = *info;
        }
    }

    enum class ShownIn { Page, Card };

    void check_image(
        const Bundle& bundle, const std::string& image, const std::string& file, int line, ShownIn shown_in)
    {
        if (!image.empty() && !bundle.images.count(image))
            m_diagnostics.warning(file, line,
                Reason::said(
                    shown_in == ShownIn::Page ? "image_missing_on_page" : "image_missing_on_card", {{"image", image}})
                    + did_you_mean_reason(image, file_names()));
    }

    // Every regular file's path in the bundle, for did_you_mean_reason().
    const std::vector<std::string>& file_names()
    {
        if (m_file_names.empty()) {
            for (const auto& [rel, size] : m_files)
                m_file_names.push_back(rel);
        }
        return m_file_names;
    }

    void read_pages(Bundle& bundle)
    {
        std::set<std::string> names;
        if (bundle.info.urgent)
            names.insert(bundle.info.urgent->page);
        for (const Section& section : bundle.info.sections) {
            if (section.kind == SectionKind::Page)
                names.insert(section.page);
        }
        std::size_t files = 0;
        for (const std::string& name : names) {
            Page page;
            page.name = name;
            for (const std::string& language : bundle.info.languages) {
                bool is_default = language == bundle.info.default_language();
                std::string rel = "pages/" + name + (is_default ? "" : "." + language) + ".md";
                if (!exists(rel)) {
                    // A page in the default language may also be written name.<default>.md.
                    if (is_default && exists("pages/" + name + "." + language + ".md"))
                        rel = "pages/" + name + "." + language + ".md";
                    else
                        continue;
                }
                m_used.insert(rel);
                if (++files > m_limits.max_pages) {
                    m_diagnostics.fatal(
                        rel, 0, Reason::said("page_too_many", {{"n", std::to_string(m_limits.max_pages)}}));
                    return;
                }
                auto text = read_text(rel, m_limits.max_page_bytes, Severity::Fatal);
                if (!text)
                    continue;
                Document document = parse_markdown(*text, rel, m_diagnostics);
                for (const Block& block : document.blocks) {
                    if (block.kind == BlockKind::Image)
                        check_image(bundle, block.image, rel, block.line, ShownIn::Page);
                }
                page.by_language[language] = std::move(document);
                page.files[language] = {rel, std::move(*text)};
            }
            if (!page.by_language.count(bundle.info.default_language()) && !page.by_language.empty()) {
                // Only translations: the first one stands in for the default language.
                page.by_language[bundle.info.default_language()] = page.by_language.begin()->second;
                page.files[bundle.info.default_language()] = page.files.begin()->second;
            }
            bundle.pages[name] = std::move(page);
        }
    }

    void read_card_lists(Bundle& bundle)
    {
        for (const Section& section : bundle.info.sections) {
            if (section.kind != SectionKind::Cards || bundle.card_lists.count(section.source))
                continue;
            m_used.insert(section.source);
            auto text = read_text(section.source, CsvLimits {}.max_bytes, Severity::Fatal);
            if (!text)
                continue;
            auto table = parse_csv(*text, section.source, m_diagnostics);
            if (!table)
                continue;
            std::vector<Card> cards = read_cards(*table, section.source, bundle.info.languages, m_diagnostics);
            for (const Card& card : cards)
                check_image(bundle, card.image, card.file, card.line, ShownIn::Card);
            if (!section.filter_column.empty() && section.filter_column != "category"
                && section.filter_column != "region")
                m_diagnostics.error("bundle.toml", 0,
                    Reason::said(
                        "files_filter_column_invalid", {{"section", section.id}, {"column", section.filter_column}}));
            else if (!section.filter_column.empty() && table->column(section.filter_column) < 0)
                m_diagnostics.warning(section.source, 1,
                    Reason::said(
                        "files_filter_column_missing", {{"section", section.id}, {"column", section.filter_column}}));
            bundle.card_lists[section.source] = std::move(cards);
        }
    }

    void add_events(Bundle& bundle, std::vector<Event> events, const std::string& file)
    {
        std::set<std::string> ids;
        for (const Event& e : bundle.events)
            ids.insert(e.id);
        for (Event& event : events) {
            if (bundle.events.size() == m_limits.max_events) {
                m_diagnostics.fatal(file, event.line,
                    Reason::said("files_too_many_events", {{"n", std::to_string(m_limits.max_events)}}));
                return;
            }
            // Ids are unique across files: a calendar's event may share an id with a CSV row.
            std::string id = event.id;
            for (int n = 2; ids.count(id); ++n)
                id = event.id + "-" + std::to_string(n);
            event.id = id;
            ids.insert(id);
            bundle.events.push_back(std::move(event));
        }
    }

    void read_events(Bundle& bundle)
    {
        if (exists("events.csv")) {
            m_used.insert("events.csv");
            if (auto text = read_text("events.csv", CsvLimits {}.max_bytes, Severity::Fatal)) {
                if (auto table = parse_csv(*text, "events.csv", m_diagnostics))
                    add_events(bundle,
                        read_events_csv(
                            *table, "events.csv", bundle.info.languages, m_diagnostics, bundle.info.date_order),
                        "events.csv");
            }
        }
        std::vector<std::string> calendars;
        for (const auto& [rel, size] : m_files) {
            if (rel.rfind("calendars/", 0) != 0)
                continue;
            m_used.insert(rel);
            if (!ends_with(lower(rel), ".ics")) {
                m_diagnostics.warning(rel, 0, Reason::said("files_calendar_not_ics"));
                continue;
            }
            if (calendars.size() == m_limits.max_calendars) {
                m_diagnostics.fatal(
                    rel, 0, Reason::said("files_too_many_calendars", {{"n", std::to_string(m_limits.max_calendars)}}));
                return;
            }
            calendars.push_back(rel);
        }
        // Translations first, by the calendar they translate; they are read with it, not as calendars of their own.
        std::map<std::string, std::vector<std::pair<std::string, std::string>>> translations; // Files, languages.
        std::vector<std::string> own;
        for (const std::string& rel : calendars) {
            CalendarTranslation translation = translation_of(rel, calendars, bundle.info);
            if (translation.first_language && !translation.calendar.empty())
                // calendars/NAME.ics is in the first language: a file for that language has nothing to translate.
                m_diagnostics.warning(rel, 0,
                    Reason::said("files_translation_of_first_language",
                        {{"language", translation.language}, {"original", translation.calendar}}));
            else if (translation.language.empty() || translation.first_language)
                own.push_back(rel);
            else if (translation.calendar.empty())
                m_diagnostics.warning(rel, 0,
                    Reason::said("files_calendar_translation_alone",
                        {{"language", translation.language}, {"calendar", translation.expected}})
                        + did_you_mean_reason(translation.expected, file_names()));
            else
                translations[translation.calendar].emplace_back(rel, translation.language);
        }
        for (const std::string& rel : own) {
            std::vector<std::string> texts; // Kept while read_ics reads them.
            std::vector<IcsTranslation> found;
            const auto& files = translations[rel];
            texts.reserve(files.size());
            for (const auto& [file, language] : files) {
                if (auto text = read_text(file, IcsLimits {}.max_bytes, Severity::Fatal)) {
                    texts.push_back(std::move(*text));
                    found.push_back({texts.back(), file, language});
                }
            }
            if (auto text = read_text(rel, IcsLimits {}.max_bytes, Severity::Fatal))
                add_events(bundle, read_ics(*text, rel, bundle.info.languages, m_diagnostics, {}, found), rel);
        }
        bool has_agenda = std::any_of(bundle.info.sections.begin(), bundle.info.sections.end(),
            [](const Section& s) { return s.kind == SectionKind::Agenda; });
        if (!bundle.events.empty() && !has_agenda)
            m_diagnostics.warning("bundle.toml", 0, Reason::said("files_events_without_agenda"));
    }

    // What calendars/NAME.LANG.ics is: LANG one of the bundle's languages other than the default makes it a
    // translation of calendars/NAME.ics (`calendar`, empty when there is no such file).
    struct CalendarTranslation {
        std::string language;        // Empty: a calendar of its own.
        std::string expected;        // calendars/NAME.ics
        std::string calendar;        // The file of `calendars` that is, whatever the case of its ".ics".
        bool first_language = false; // LANG is the default language: not a translation (`language` says which).
    };

    static CalendarTranslation translation_of(
        const std::string& rel, const std::vector<std::string>& calendars, const BundleInfo& info)
    {
        CalendarTranslation translation;
        std::string stem = rel.substr(0, rel.size() - 4); // Without ".ics".
        std::size_t dot = stem.rfind('.');
        if (dot == std::string::npos || dot <= std::string("calendars/").size())
            return translation;
        std::string code = lower(stem.substr(dot + 1));
        for (std::size_t i = 0; i < info.languages.size(); ++i) {
            if (lower(info.languages[i]) == code) {
                translation.language = info.languages[i];
                translation.first_language = i == 0;
            }
        }
        if (translation.language.empty())
            return translation;
        translation.expected = stem.substr(0, dot) + ".ics";
        for (const std::string& other : calendars) {
            if (lower(other) == lower(translation.expected))
                translation.calendar = other;
        }
        return translation;
    }

    void check_unused(const Bundle& bundle)
    {
        for (const auto& [rel, size] : m_files) {
            if (m_used.count(rel) || rel == "bundle.toml" || rel == "MANIFEST" || rel == "MANIFEST.sig"
                || rel == "kiosk-report.txt" || rel.rfind("images/", 0) == 0 || lower(rel).rfind("readme", 0) == 0)
                continue;
            if (rel.rfind("pages/", 0) == 0 && ends_with(rel, ".md")) {
                std::string stem = rel.substr(6, rel.size() - 9);
                auto dot = stem.find('.');
                std::string name = stem.substr(0, dot);
                std::string language = dot == std::string::npos ? "" : stem.substr(dot + 1);
                if (dot != std::string::npos && bundle.pages.count(name) && language == bundle.info.default_language())
                    // pages/about.md is in the first language: a file for that language has nothing to translate.
                    m_diagnostics.warning(rel, 0,
                        Reason::said("files_translation_of_first_language",
                            {{"language", language}, {"original", "pages/" + name + ".md"}}));
                else if (dot != std::string::npos && bundle.pages.count(name))
                    m_diagnostics.warning(
                        rel, 0, Reason::said("page_translation_language_unknown", {{"language", language}}));
                else
                    m_diagnostics.warning(rel, 0, Reason::said("page_unused", {{"page", name}}));
                continue;
            }
            if (ends_with(lower(rel), ".csv")) {
                m_diagnostics.warning(rel, 0, Reason::said("files_csv_unused", {{"file", rel}}));
                continue;
            }
            m_diagnostics.warning(rel, 0, Reason::said("files_unused"));
        }
    }

    const std::string& m_dir;
    Diagnostics& m_diagnostics;
    const BundleLimits& m_limits;
    std::map<std::string, std::uint64_t> m_files; // Regular files by path in the bundle, with their size.
    std::vector<std::string> m_file_names;        // The keys of m_files, once asked for.
    std::set<std::string> m_links;
    std::set<std::string> m_used;
    std::size_t m_file_count = 0;
    std::uint64_t m_total_bytes = 0;
};

} // namespace

const Document& Page::in(const std::string& language, const std::string& default_language) const
{
    static const Document empty;
    if (auto it = by_language.find(language); it != by_language.end())
        return it->second;
    if (auto it = by_language.find(default_language); it != by_language.end())
        return it->second;
    return by_language.empty() ? empty : by_language.begin()->second;
}

std::optional<Bundle> read_bundle(const std::string& dir, Diagnostics& diagnostics, const BundleLimits& limits)
{
    return Reader(dir, diagnostics, limits).read();
}

BundleCounts count_bundle(const Bundle& bundle, WallTime now, const TimeZone& zone)
{
    BundleCounts counts;
    counts.pages = bundle.pages.size();
    for (const auto& [source, cards] : bundle.card_lists)
        counts.cards += cards.size();
    counts.events = bundle.events.size();
    counts.occurrences
        = expand_occurrences(bundle.events, now, now + std::chrono::hours(24 * days_counted), zone).size();
    counts.images = bundle.images.size();
    return counts;
}

TimeZone kiosk_time_zone(const std::string& settings_zone, const Bundle* bundle)
{
    for (const std::string* name : {&settings_zone, bundle ? &bundle->info.time_zone : nullptr}) {
        if (name && !name->empty()) {
            if (auto zone = TimeZone::named(*name))
                return *zone;
        }
    }
    return TimeZone::system();
}

} // namespace kiosk
