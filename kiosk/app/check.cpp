// The check command: reads a bundle as an import would and reports it, for people or (--json) for programs.
#include "app/check.hpp"

#include "app/content_commands.hpp"
#include "app/json.hpp"
#include "app/paths.hpp"
#include "content/bundle_reader.hpp"
#include "content/text_util.hpp"
#include "store/store.hpp"
#include "sync/identity.hpp"

#include <iostream>
#include <set>

namespace kiosk {

namespace {

std::string plural(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// What a bundle would change in the content that shows, for staff deciding whether to apply it: pages by their
// files' hashes, cards and events by their ids, and the urgent page's words.
struct Changes {
    std::vector<std::string> pages_added, pages_removed, pages_changed; // Page files ("pages/about.es.md").
    std::size_t cards_added = 0, cards_removed = 0, events_added = 0, events_removed = 0;
    std::string new_name;             // The kiosk's new name (default language), when it changes.
    std::size_t sections_changed = 0; // Sections added, removed, or with another title or kind.
    bool urgent_changed = false;
    std::string urgent_title; // The new urgent title, when the urgent page changes.
    std::string urgent_text;  // Its new or changed paragraphs, " / " between them.
};

std::string all_languages(const Text& text)
{
    std::string out;
    for (const auto& [language, words] : text.by_language())
        out += language + "=" + words + "\n";
    return out;
}

template <typename Ids>
void count_difference(const Ids& before, const Ids& after, std::size_t& added, std::size_t& removed)
{
    for (const auto& id : after)
        added += before.count(id) == 0;
    for (const auto& id : before)
        removed += after.count(id) == 0;
}

// Whether the urgent page (its title or its page file) changes, and if so its new title and its paragraphs that are
// new or changed, wherever in the page they are: an emergency number swapped at the end must show. `before` and
// `after` are the page files' hashes.
void urgent_changes(const Bundle& shown_bundle, const Bundle& next, std::map<std::string, std::string>& before,
    std::map<std::string, std::string>& after, Changes& changes)
{
    const Bundle* shown = &shown_bundle;
    std::string old_title = shown->info.urgent ? all_languages(shown->info.urgent->title) : "";
    std::string new_title = next.info.urgent ? all_languages(next.info.urgent->title) : "";
    std::string old_page = shown->info.urgent ? "pages/" + shown->info.urgent->page + ".md" : "";
    std::string new_page = next.info.urgent ? "pages/" + next.info.urgent->page + ".md" : "";
    bool page_changed = old_page != new_page || (!new_page.empty() && before[old_page] != after[new_page]);
    changes.urgent_changed = old_title != new_title || page_changed;
    if (changes.urgent_changed && next.info.urgent) {
        const std::string& language = next.info.default_language();
        changes.urgent_title = next.info.urgent->title.in(language, language);
        auto paragraphs = [&language](const Bundle& b) {
            std::vector<std::string> out;
            if (!b.info.urgent)
                return out;
            auto page = b.pages.find(b.info.urgent->page);
            if (page == b.pages.end())
                return out;
            for (const Block& block : page->second.in(language, language).blocks) {
                std::string words;
                for (const Span& span : block.spans)
                    words += span.text;
                if (!words.empty())
                    out.push_back(words);
            }
            return out;
        };
        std::vector<std::string> old_paragraphs = paragraphs(*shown);
        std::set<std::string> known(old_paragraphs.begin(), old_paragraphs.end());
        for (const std::string& words : paragraphs(next)) {
            if (known.count(words))
                continue;
            changes.urgent_text += (changes.urgent_text.empty() ? "" : " / ") + words;
            if (changes.urgent_text.size() > 600)
                break;
        }
        changes.urgent_text = shortened(changes.urgent_text, 600);
    }
}

std::optional<Changes> compare(const Bundle& next, const std::string& dir, store::Store& store, std::string& error)
{
    auto shown = store.load_active_bundle(error);
    if (!shown)
        return std::nullopt;
    auto files = sync::bundle_identity(dir, error);
    if (!files)
        return std::nullopt;
    Changes changes;
    std::map<std::string, std::string> before, after;
    for (const auto& [path, hash] : store.active_source_files())
        if (path.rfind("pages/", 0) == 0)
            before[path] = hash;
    for (const auto& [path, hash] : files->files)
        if (path.rfind("pages/", 0) == 0)
            after[path] = hash;
    for (const auto& [path, hash] : after) {
        auto old = before.find(path);
        if (old == before.end())
            changes.pages_added.push_back(path);
        else if (old->second != hash)
            changes.pages_changed.push_back(path);
    }
    for (const auto& [path, hash] : before)
        if (!after.count(path))
            changes.pages_removed.push_back(path);
    auto card_ids = [](const Bundle& b) {
        std::set<std::string> ids;
        for (const auto& [file, cards] : b.card_lists)
            for (const Card& card : cards)
                ids.insert(file + "/" + card.id);
        return ids;
    };
    auto event_ids = [](const Bundle& b) {
        std::set<std::string> ids;
        for (const Event& event : b.events)
            ids.insert(event.id);
        return ids;
    };
    if (all_languages(shown->info.name) != all_languages(next.info.name)) {
        const std::string& language = next.info.default_language();
        changes.new_name = next.info.name.in(language, language);
    }
    std::map<std::string, std::string> old_sections, new_sections;
    for (const Section& section : shown->info.sections)
        old_sections[section.id] = std::to_string(int(section.kind)) + all_languages(section.title);
    for (const Section& section : next.info.sections)
        new_sections[section.id] = std::to_string(int(section.kind)) + all_languages(section.title);
    for (const auto& [id, what] : new_sections)
        changes.sections_changed += !old_sections.count(id) || old_sections[id] != what;
    for (const auto& [id, what] : old_sections)
        changes.sections_changed += !new_sections.count(id);
    count_difference(card_ids(*shown), card_ids(next), changes.cards_added, changes.cards_removed);
    count_difference(event_ids(*shown), event_ids(next), changes.events_added, changes.events_removed);
    urgent_changes(*shown, next, before, after, changes);
    return changes;
}

std::string list_json(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (const std::string& item : items)
        out += (out.size() > 1 ? ", " : "") + json_string(item);
    return out + "]";
}

std::string changes_json(const Changes& c)
{
    return "{\"pages_added\": " + list_json(c.pages_added) + ", \"pages_removed\": " + list_json(c.pages_removed)
        + ", \"pages_changed\": " + list_json(c.pages_changed) + ", \"cards_added\": " + std::to_string(c.cards_added)
        + ", \"cards_removed\": " + std::to_string(c.cards_removed) + ", \"events_added\": "
        + std::to_string(c.events_added) + ", \"events_removed\": " + std::to_string(c.events_removed)
        + ", \"new_name\": " + json_string(c.new_name) + ", \"sections_changed\": " + std::to_string(c.sections_changed)
        + ", \"urgent_changed\": " + (c.urgent_changed ? "true" : "false") + ", \"urgent_title\": "
        + json_string(c.urgent_title) + ", \"urgent_text\": " + json_string(c.urgent_text) + "}";
}

// One paragraph for people: "Compared with what shows: ...".
std::string changes_text(const Changes& c)
{
    std::vector<std::string> parts;
    if (!c.new_name.empty())
        parts.push_back("the name on screen becomes \"" + c.new_name + "\"");
    if (c.sections_changed)
        parts.push_back(std::to_string(c.sections_changed) + " home tile" + (c.sections_changed == 1 ? "" : "s")
            + " added, removed or renamed");
    auto pages = [&](const std::vector<std::string>& list, const char* what) {
        if (list.empty())
            return;
        std::string names;
        for (const std::string& path : list)
            names += (names.empty() ? "" : ", ") + path.substr(6);
        parts.push_back(std::string(what) + " " + names);
    };
    pages(c.pages_changed, "pages changed:");
    pages(c.pages_added, "pages added:");
    pages(c.pages_removed, "pages removed:");
    auto counted = [&](std::size_t added, std::size_t removed, const char* what) {
        if (added)
            parts.push_back(std::to_string(added) + " " + what + " added");
        if (removed)
            parts.push_back(std::to_string(removed) + " " + what + " removed");
    };
    counted(c.cards_added, c.cards_removed, "cards");
    counted(c.events_added, c.events_removed, "events");
    if (c.urgent_changed)
        parts.push_back("THE URGENT PAGE CHANGES: its title is \"" + c.urgent_title + "\""
            + (c.urgent_text.empty() ? "" : ", and new or changed: \"" + c.urgent_text + "\""));
    std::string out = "Compared with what shows: ";
    if (parts.empty())
        return out + "nothing visitors see changes.";
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i ? "; " : "") + parts[i];
    return out + ".";
}

} // namespace

int run_check(const Options& options, const Settings& settings)
{
    if (!is_dir(options.check_dir)) {
        std::cerr << "kiosk: check: " << options.check_dir << " is not a folder\n";
        return exit_usage;
    }
    Diagnostics diagnostics;
    auto bundle = read_bundle(options.check_dir, diagnostics);
    BundleCounts counts;
    if (bundle) {
        TimeZone zone = kiosk_time_zone(settings.time_zone, &*bundle);
        WallTime now = std::chrono::system_clock::now();
        if (!options.now.empty())
            now = zone.to_wall(*parse_local_time(options.now));
        counts = count_bundle(*bundle, now, zone);
    }
    std::size_t errors = 0, warnings = 0;
    for (const Diagnostic& d : diagnostics.all())
        (d.severity == Severity::Warning ? warnings : errors) += 1;
    bool importable = bundle.has_value();
    std::optional<Changes> changes;
    std::string compare_error;
    if (bundle && options.against_installed) {
        auto store = store::Store::open(database_path(options), compare_error);
        if (store)
            changes = compare(*bundle, options.check_dir, *store, compare_error);
    }

    if (options.json) {
        std::string out = "{\"ok\": ";
        out += errors == 0 && importable ? "true" : "false";
        out += ", \"importable\": ";
        out += importable ? "true" : "false";
        out += ", \"counts\": " + counts_json(counts) + ", \"diagnostics\": " + diagnostics_json(diagnostics);
        if (options.against_installed)
            out += ", \"changes\": " + (changes ? changes_json(*changes) : "null");
        out += "}";
        std::cout << out << std::endl;
    } else {
        for (const Diagnostic& d : diagnostics.all())
            std::cout << d.to_string() << "\n";
        std::cout << options.check_dir << ": " << plural(counts.pages, "page", "pages") << ", "
                  << plural(counts.cards, "card", "cards") << ", " << plural(counts.events, "event", "events") << " ("
                  << counts.occurrences << " in the next 90 days), " << plural(counts.images, "image", "images")
                  << "; ";
        if (!importable)
            std::cout << plural(errors, "error", "errors") << ": the bundle cannot be used until they are fixed\n";
        else if (errors)
            std::cout << plural(errors, "error", "errors") << " (those rows are left out) and "
                      << plural(warnings, "warning", "warnings") << "\n";
        else if (warnings)
            std::cout << "no errors, " << plural(warnings, "warning", "warnings") << "\n";
        else
            std::cout << "no problems\n";
        if (changes)
            std::cout << escape_controls(changes_text(*changes)) << "\n";
        else if (options.against_installed && bundle)
            std::cout << "Cannot compare with what shows: " << compare_error << "\n";
    }
    return errors == 0 && importable ? exit_ok : exit_failure;
}

} // namespace kiosk
