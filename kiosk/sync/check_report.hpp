// What `kiosk check` finds in a bundle, as one typed value: printed for people, written as JSON for programs (the
// staff screen and calendar URLs run it in a child) and read back into the same struct.
#pragma once

#include "content/bundle_reader.hpp"
#include "content/diagnostic.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sync {

// What a bundle would change in the content that shows, for staff deciding whether to apply it: pages by their
// files' hashes, cards and events by their ids, and the urgent page's words.
struct Changes {
    std::vector<std::string> pages_added, pages_removed, pages_changed; // Page files ("pages/about.es.md").
    std::size_t cards_added = 0, cards_removed = 0, events_added = 0, events_removed = 0;
    std::string new_name;             // The kiosk's new name (default language), when it changes.
    std::size_t sections_changed = 0; // Sections added, removed, or with another title, kind or icon.
    bool urgent_changed = false;
    std::string urgent_title; // The new urgent title, when the urgent page changes.
    std::string urgent_text;  // Its new or changed actions and paragraphs, " / " between them.
};

// `next`, read from `dir`, against the version the store shows; nullopt with `error` when there is none to compare.
std::optional<Changes> compare_with_shown(
    const Bundle& next, const std::string& dir, store::Store& store, std::string& error);

// A folder holding a MANIFEST (written by `kiosk pack`) against it: every file changed, added or removed since
// packing. A kiosk refuses such a bundle as signed (it waits for staff, or the feed refuses it), so each is an error.
struct Packing {
    std::string version;                              // The MANIFEST's, or "" when it cannot be read.
    std::vector<std::string> changed, added, removed; // Paths in the bundle.
    std::string error; // Why the MANIFEST, or a file to compare with it, cannot be read; "" when compared.
    std::size_t problems() const { return error.empty() ? changed.size() + added.size() + removed.size() : 1; }
};

// Compares `dir` with its MANIFEST; nothing when it has none. Each difference is added to `diagnostics` as an error
// on the MANIFEST's line that lists the file ("MANIFEST:7: error: pages/about.md was changed after packing: run
// kiosk pack again").
std::optional<Packing> check_packing(const std::string& dir, std::vector<Diagnostic>& diagnostics);

struct CheckReport {
    bool importable = false; // No fatal problem: the bundle can be used.
    BundleCounts counts;
    std::vector<Diagnostic> diagnostics;
    bool compared = false;          // --against-installed was asked for.
    std::optional<Changes> changes; // When compared and there was something to compare with.
    std::string compare_error;      // Why not, when compared without changes.
    std::optional<Packing> packing; // When the folder holds a MANIFEST; its errors are among the diagnostics.

    std::size_t errors() const;
    std::size_t warnings() const;
    bool ok() const { return importable && errors() == 0; } // No error at all (warnings allowed).
};

// "3 pages, 12 cards, 4 events (9 in the next 90 days), 2 images; no problems", as `check` ends its output.
std::string summary_text(const CheckReport& report);
// One paragraph for people: "Compared with what shows: ...".
std::string changes_text(const Changes& changes);

// {"ok", "importable", "counts", "diagnostics"}, when compared "changes" (null when there was nothing to compare
// with), and for a folder with a MANIFEST "manifest": the keys docs/cli.md lists.
nlohmann::json to_json(const CheckReport& report);
// Reads what to_json wrote; nullopt with `error` when `text` is not such a report.
std::optional<CheckReport> check_from_json(std::string_view text, std::string& error);

} // namespace kiosk::sync
