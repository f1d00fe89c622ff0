// What an import came to, as one typed value: the import child writes it as JSON, its parent reads it back into the
// same struct, and every decision after branches on its Outcome, never on the words of a message.
#pragma once

#include "content/bundle_reader.hpp"
#include "content/diagnostic.hpp"
#include "content/reason.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sync {

enum class Outcome {
    Imported,         // Valid and allowed: it is showing now.
    Unchanged,        // The same content is already showing.
    Pending,          // Not signed by a trusted key: it waits for staff to apply it with the PIN.
    RefusedSignature, // Not signed by a trusted key where only signed content is taken (the feed).
    RefusedVersion,   // Signed, but the version rules refuse it (older, rolled back from, dated far ahead).
    RefusedLimits,    // Its check or import needed more CPU or time than the limits allow.
    SetAside,         // It stopped the kiosk before; it is not tried again until it changes.
    Busy,             // Two bundles already wait for staff: this one cannot wait too.
    Invalid,          // Not a usable bundle: errors, too large, links or devices in it.
    Unreadable,       // It could not be read whole: a stick pulled out or changed, a server or a disk failing.
    Failed,           // The kiosk failed: its checker crashed, or its store could not be written.
};

// The name in JSON ("imported", "refused_version", ...), and back (nullopt for an unknown name).
const char* outcome_name(Outcome outcome);
std::optional<Outcome> outcome_from_name(std::string_view name);

// The word the sync log, `kiosk sync` and `kiosk status` use: "imported", "unchanged", "pending", "refused" or
// "failed" (DESIGN.md, docs/cli.md). A bundle over the limits did not finish: "failed".
const char* result_word(Outcome outcome);
// Refused or failed: `kiosk sync` exits 1.
bool is_failure(Outcome outcome);
// Failed for now, and worth trying again soon ("failed" in the sync log): the source backs off, then retries.
bool is_transient(Outcome outcome);

struct ImportReport {
    Outcome outcome = Outcome::Failed;
    bool is_signed = false;              // Its MANIFEST.sig verified against a trusted key.
    bool importable = false;             // The bundle could be read (no fatal problem).
    std::string version;                 // The version showing after it; empty when nothing shows.
    BundleCounts counts;                 // What the bundle holds.
    std::vector<Diagnostic> diagnostics; // Every problem, with its file and line.
    Reason reason;                       // Why it waits or was refused, in plain words; empty when imported.

    // "file:line: severity: message" lines, one per diagnostic.
    std::string problems_text() const;
    std::size_t problem_count() const { return diagnostics.size(); }
};

// The report as `kiosk import --json` prints it: one line, with the keys docs/cli.md lists ("outcome", "imported",
// "unchanged", "pending", "signed", "version", "importable", "why", "error", "reason", "counts", "report",
// "diagnostics").
nlohmann::json to_json(const ImportReport& report);
// Reads what to_json wrote; nullopt with `error` when `text` is not such a report.
std::optional<ImportReport> report_from_json(std::string_view text, std::string& error);

// The pieces `check`, `import` and `status` share: {"pages", "cards", "events", "occurrences", "images"} and
// [{"file", "line", "severity", "fatal", "message", "reason"}] ("reason": the message as reason_json, below).
nlohmann::json counts_json(const BundleCounts& counts);
nlohmann::json diagnostics_json(const std::vector<Diagnostic>& diagnostics);
// A reason as a list of its parts, [{"key", "args": [[name, value], ...], "text"}], and back (a part that is not such
// an object is skipped). The sync log keeps it, so the staff screen can say it in the kiosk's language.
nlohmann::json reason_json(const Reason& reason);
Reason reason_from_json(const nlohmann::json& json);
// The same from the text the sync log keeps ("" or not JSON: an empty reason).
Reason reason_from_text(std::string_view text);
// One line of JSON; text that is not UTF-8 is replaced with U+FFFD rather than throwing.
std::string json_line(const nlohmann::json& value);

} // namespace kiosk::sync
