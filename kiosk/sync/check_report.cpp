// CheckReport: comparing a bundle with what shows, its words for people, and its JSON both ways.
#include "sync/check_report.hpp"

#include "content/section_icons.hpp"
#include "content/text_util.hpp"
#include "sync/identity.hpp"
#include "sync/import_report.hpp"
#include "sync/signing.hpp"

#include <algorithm>
#include <set>

namespace kiosk::sync {

namespace {

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

// The urgent page's actions in every language, for comparing.
std::string all_actions(const Bundle& bundle)
{
    std::string out;
    if (bundle.info.urgent)
        for (const Text& action : bundle.info.urgent->actions)
            out += all_languages(action) + "\x1E";
    return out;
}

// Whether the urgent page (its title, its actions or its page file) changes, and if so its new title and its actions
// and paragraphs that are new or changed, wherever in the page they are: an emergency number swapped at the end must
// show. `before` and `after` are the page files' hashes.
void urgent_changes(const Bundle& shown_bundle, const Bundle& next, std::map<std::string, std::string>& before,
    std::map<std::string, std::string>& after, Changes& changes)
{
    const Bundle* shown = &shown_bundle;
    std::string old_title = shown->info.urgent ? all_languages(shown->info.urgent->title) : "";
    std::string new_title = next.info.urgent ? all_languages(next.info.urgent->title) : "";
    std::string old_page = shown->info.urgent ? "pages/" + shown->info.urgent->page + ".md" : "";
    std::string new_page = next.info.urgent ? "pages/" + next.info.urgent->page + ".md" : "";
    bool page_changed = old_page != new_page || (!new_page.empty() && before[old_page] != after[new_page]);
    changes.urgent_changed = old_title != new_title || page_changed || all_actions(*shown) != all_actions(next);
    if (changes.urgent_changed && next.info.urgent) {
        const std::string& language = next.info.default_language();
        changes.urgent_title = next.info.urgent->title.in(language, language);
        auto paragraphs = [&language](const Bundle& b) {
            std::vector<std::string> out;
            if (!b.info.urgent)
                return out;
            for (const Text& action : b.info.urgent->actions) // What the page shows first.
                out.push_back(action.in(language, language));
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

} // namespace

std::optional<Changes> compare_with_shown(
    const Bundle& next, const std::string& dir, store::Store& store, std::string& error)
{
    auto shown = store.load_active_bundle(error);
    if (!shown)
        return std::nullopt;
    auto files = bundle_identity(dir, error);
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
    // A tile is told apart by its kind, its title and the icon it shows (its own, or its kind's).
    auto tile = [](const Section& section) {
        return std::to_string(int(section.kind)) + std::string(shown_section_icon(section).name) + "\x1F"
            + all_languages(section.title);
    };
    for (const Section& section : shown->info.sections)
        old_sections[section.id] = tile(section);
    for (const Section& section : next.info.sections)
        new_sections[section.id] = tile(section);
    for (const auto& [id, what] : new_sections)
        changes.sections_changed += !old_sections.count(id) || old_sections[id] != what;
    for (const auto& [id, what] : old_sections)
        changes.sections_changed += !new_sections.count(id);
    count_difference(card_ids(*shown), card_ids(next), changes.cards_added, changes.cards_removed);
    count_difference(event_ids(*shown), event_ids(next), changes.events_added, changes.events_removed);
    urgent_changes(*shown, next, before, after, changes);
    return changes;
}

std::optional<Packing> check_packing(const std::string& dir, std::vector<Diagnostic>& diagnostics)
{
    if (!has_manifest(dir))
        return std::nullopt;
    Packing packing;
    auto error = [&diagnostics](int line, const Reason& reason) {
        Reason said = reason + Reason::said("pack_again");
        diagnostics.push_back(Diagnostic {"MANIFEST", line, Severity::Error, said.text(), said});
    };
    auto manifest = read_manifest(dir, packing.error);
    if (!manifest) {
        // "MANIFEST:3: the size is not a number": on that line.
        int line = 0;
        std::string what = packing.error;
        if (what.rfind("MANIFEST:", 0) == 0) {
            std::size_t digits = what.find_first_not_of("0123456789", 9);
            if (digits != std::string::npos && digits > 9 && what.compare(digits, 2, ": ") == 0) {
                line = std::stoi(what.substr(9, digits - 9));
                what = what.substr(digits + 2);
            } else if (what.compare(0, 10, "MANIFEST: ") == 0) {
                what = what.substr(10);
            }
        }
        error(line, Reason::plain(what));
        return packing;
    }
    packing.version = manifest->version;
    auto differences = manifest_differences(dir, *manifest, packing.error);
    if (!differences) {
        error(0, Reason::said("pack_cannot_compare", {{"error", packing.error}}));
        return packing;
    }
    for (const ManifestFile& file : differences->changed) {
        packing.changed.push_back(file.path);
        error(file.line, Reason::said("file_changed", {{"file", file.path}}));
    }
    for (const std::string& path : differences->added) {
        packing.added.push_back(path);
        error(0, Reason::said("pack_added", {{"file", path}}));
    }
    for (const ManifestFile& file : differences->removed) {
        packing.removed.push_back(file.path);
        error(file.line, Reason::said("pack_removed", {{"file", file.path}}));
    }
    return packing;
}

std::size_t CheckReport::errors() const
{
    std::size_t n = 0;
    for (const Diagnostic& d : diagnostics)
        n += d.severity != Severity::Warning;
    return n;
}

std::size_t CheckReport::warnings() const
{
    return diagnostics.size() - errors();
}

std::string summary_text(const CheckReport& report)
{
    const BundleCounts& counts = report.counts;
    std::string text = count_of(counts.pages, "page", "pages") + ", " + count_of(counts.cards, "card", "cards") + ", "
        + count_of(counts.events, "event", "events") + " (" + std::to_string(counts.occurrences)
        + " in the next 90 days), " + count_of(counts.images, "image", "images") + "; ";
    // The MANIFEST's errors are said apart: they are about packing, not rows of the content.
    std::size_t packing = report.packing ? report.packing->problems() : 0;
    std::string packed;
    if (report.packing && !report.packing->error.empty())
        packed = "; its MANIFEST cannot be used: run kiosk pack again";
    else if (packing)
        packed = "; " + count_of(packing, "file", "files")
            + " changed, added or removed after packing: run kiosk pack again";
    std::size_t errors = report.errors() - std::min(packing, report.errors()), warnings = report.warnings();
    if (!report.importable)
        return text + count_of(errors, "error", "errors") + ": the bundle cannot be used until "
            + (errors == 1 ? "it is" : "they are") + " fixed" + packed;
    // With the MANIFEST's errors listed above, "no errors" would read as a contradiction: the content's are meant.
    std::string in_content = packing || !packed.empty() ? " in the content" : "";
    if (errors)
        return text + count_of(errors, "error", "errors")
            + in_content
            // An error skips its row, setting, picture or event, whichever it names, and keeps the rest.
            + (errors == 1 ? " (what it names is left out; the rest is used)"
                           : " (what they name is left out; the rest is used)")
            + (warnings ? " and " + count_of(warnings, "warning", "warnings") : "") + packed;
    if (warnings)
        return text + "no errors" + in_content + ", " + count_of(warnings, "warning", "warnings") + packed;
    return text + "no problems" + in_content + packed;
}

// One paragraph for people: "Compared with what shows: ...".
std::string changes_text(const Changes& c)
{
    std::vector<std::string> parts;
    if (!c.new_name.empty())
        parts.push_back("the name on screen becomes \"" + c.new_name + "\"");
    if (c.sections_changed)
        parts.push_back(
            count_of(c.sections_changed, "home tile", "home tiles") + " added, removed, renamed or with another icon");
    auto pages = [&](const std::vector<std::string>& list, const char* what) {
        if (list.empty())
            return;
        std::string names;
        for (const std::string& path : list) // "pages/about.md" as "about.md"; a path from a child is not trusted.
            names += (names.empty() ? "" : ", ") + (path.rfind("pages/", 0) == 0 ? path.substr(6) : path);
        parts.push_back(std::string(what) + " " + names);
    };
    pages(c.pages_changed, "pages changed:");
    pages(c.pages_added, "pages added:");
    pages(c.pages_removed, "pages removed:");
    auto counted = [&](std::size_t added, std::size_t removed, const char* one, const char* many) {
        if (added)
            parts.push_back(count_of(added, one, many) + " added");
        if (removed)
            parts.push_back(count_of(removed, one, many) + " removed");
    };
    counted(c.cards_added, c.cards_removed, "card", "cards");
    counted(c.events_added, c.events_removed, "event", "events");
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

nlohmann::json to_json(const CheckReport& report)
{
    nlohmann::json json = {{"ok", report.ok()}, {"importable", report.importable},
        {"counts", counts_json(report.counts)}, {"diagnostics", diagnostics_json(report.diagnostics)}};
    if (report.compared && report.changes) {
        const Changes& c = *report.changes;
        json["changes"] = {{"pages_added", c.pages_added}, {"pages_removed", c.pages_removed},
            {"pages_changed", c.pages_changed}, {"cards_added", c.cards_added}, {"cards_removed", c.cards_removed},
            {"events_added", c.events_added}, {"events_removed", c.events_removed}, {"new_name", c.new_name},
            {"sections_changed", c.sections_changed}, {"urgent_changed", c.urgent_changed},
            {"urgent_title", c.urgent_title}, {"urgent_text", c.urgent_text}};
    } else if (report.compared) {
        json["changes"] = nullptr;
        json["compare_error"] = report.compare_error;
    }
    if (const auto& p = report.packing) {
        json["manifest"] = {{"version", p->version.empty() ? nlohmann::json() : nlohmann::json(p->version)},
            {"intact", p->problems() == 0}, {"changed", p->changed}, {"added", p->added}, {"removed", p->removed},
            {"error", p->error.empty() ? nlohmann::json() : nlohmann::json(p->error)}};
    }
    return json;
}

std::optional<CheckReport> check_from_json(std::string_view text, std::string& error)
{
    nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("importable")) {
        error = "the answer is not a check's JSON";
        return std::nullopt;
    }
    // The counts and diagnostics are read as an import report's are.
    auto shared = report_from_json(json_line({{"outcome", "invalid"}, {"importable", json["importable"]},
                                       {"counts", json.value("counts", nlohmann::json::object())},
                                       {"diagnostics", json.value("diagnostics", nlohmann::json::array())}}),
        error);
    if (!shared)
        return std::nullopt;
    CheckReport report;
    report.importable = shared->importable;
    report.counts = shared->counts;
    report.diagnostics = std::move(shared->diagnostics);
    if (auto manifest = json.find("manifest"); manifest != json.end() && manifest->is_object()) {
        auto strings = [&manifest](const char* key) {
            std::vector<std::string> out;
            if (auto it = manifest->find(key); it != manifest->end() && it->is_array()) {
                for (const nlohmann::json& item : *it)
                    if (item.is_string())
                        out.push_back(item.get<std::string>());
            }
            return out;
        };
        Packing packing;
        if (auto version = manifest->find("version"); version != manifest->end() && version->is_string())
            packing.version = version->get<std::string>();
        if (auto why = manifest->find("error"); why != manifest->end() && why->is_string())
            packing.error = why->get<std::string>();
        packing.changed = strings("changed");
        packing.added = strings("added");
        packing.removed = strings("removed");
        report.packing = std::move(packing);
    }
    auto changes = json.find("changes");
    report.compared = changes != json.end();
    if (report.compared && changes->is_object()) {
        const nlohmann::json& c = *changes;
        auto strings = [&c](const char* key) {
            std::vector<std::string> out;
            if (auto it = c.find(key); it != c.end() && it->is_array()) {
                for (const nlohmann::json& item : *it)
                    if (item.is_string())
                        out.push_back(item.get<std::string>());
            }
            return out;
        };
        auto number = [&c](const char* key) {
            auto it = c.find(key);
            return it != c.end() && it->is_number_unsigned() ? it->get<std::size_t>() : std::size_t(0);
        };
        auto words = [&c](const char* key) {
            auto it = c.find(key);
            return it != c.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        Changes out;
        out.pages_added = strings("pages_added");
        out.pages_removed = strings("pages_removed");
        out.pages_changed = strings("pages_changed");
        out.cards_added = number("cards_added");
        out.cards_removed = number("cards_removed");
        out.events_added = number("events_added");
        out.events_removed = number("events_removed");
        out.new_name = words("new_name");
        out.sections_changed = number("sections_changed");
        auto urgent = c.find("urgent_changed");
        out.urgent_changed = urgent != c.end() && urgent->is_boolean() && urgent->get<bool>();
        out.urgent_title = words("urgent_title");
        out.urgent_text = words("urgent_text");
        report.changes = std::move(out);
    } else if (auto why = json.find("compare_error"); why != json.end() && why->is_string()) {
        report.compare_error = why->get<std::string>();
    }
    return report;
}

} // namespace kiosk::sync
