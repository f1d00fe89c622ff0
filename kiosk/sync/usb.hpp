// Updates from USB sticks: every bundle folder under the mount roots is copied to staging, then verified, checked and
// imported by a child process under limits; a report goes back onto the stick, every attempt into the sync log.
#pragma once

#include "content/clock.hpp"
#include "store/store.hpp"
#include "sync/identity.hpp"
#include "sync/import_child.hpp"
#include "sync/pending.hpp"
#include "sync/staging.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kiosk::sync {

// The fixed words of kiosk-report.txt, in the kiosk's language: English unless the app gives others (from its strings
// files). {when}, {version} and {why} are filled in; `why` and each problem's line are said by `reason`.
struct ReportWords {
    std::string heading = "Drop-in Kiosk report, {when}";
    std::string imported = "IMPORTED: the kiosk now shows this content: {version}.";
    std::string unchanged = "NOTHING TO DO: the kiosk already shows this content: {version}.";
    std::string pending
        = "WAITING FOR STAFF: {why}\nNothing changed for visitors. A staff member can apply it from the "
          "staff screen with the PIN.";
    std::string refused = "NOT IMPORTED: {why}\nThe kiosk goes on showing the content it had.";
    std::string too_deep = "Bundle folders on this stick, too deep for the kiosk to read (move one to the top of the "
                           "stick, so that its bundle.toml is at most one folder down):";
    std::string others = "This stick holds other bundle folders, which the kiosk did not read (it takes one bundle per "
                         "stick, the first by name; remove the others):";
    std::string problems = "Problems found, each with its file and line (fix errors; warnings are worth a look):";
    std::string no_problems = "No problems found in the content.";
    // "2026-12-07 10:27" by default; the app gives "Monday, December 7, 10:27 AM EST".
    std::function<std::string(std::int64_t unix_seconds)> time;
    // "version 20261207102700" by default; the app gives "packed Monday, December 7, 10:27 AM EST".
    std::function<std::string(const std::string& version)> version;
    // A reason in the report's language; its English text by default.
    std::function<std::string(const Reason& reason)> reason;
};

struct UsbConfig {
    std::vector<std::string> roots; // Settings' usb_roots.
    std::string state_dir;          // The kiosk's state folder: staging/ and pending/ live here.
    std::vector<std::string> child; // argv prefix of the kiosk itself with --state/--config: "kiosk", "--state", ...
    StagingLimits limits;
    Clock clock = Clock::system(); // For the sync log, the reports and when a bundle started waiting.
    // The report's words for the kiosk as `store` now has it (the language and zone of the content that shows);
    // English and the system's zone when unset.
    std::function<ReportWords(store::Store& store)> report_words;
};

struct StickResult {
    std::string folder; // On the stick.
    std::string source; // "usb:<folder>", as the sync log and status show it.
    Outcome outcome = Outcome::Failed;
    std::string version; // The version now showing, when imported or unchanged.
    Reason reason;       // Why, in plain words: its text() is one line in English, for the sync log and the CLI.
    std::string report;  // The whole report as written (or meant) for the stick.
    bool report_written = false;
    Reason report_problem; // Why the report is not on the stick ("the stick is read-only").
    std::uint64_t bytes = 0;
    bool checked = false; // The bundle's files were checked (it got past the copy), so its problems are known.
    // Other bundle folders on the same stick, not read: one bundle per stick, the first by name (its report names
    // these).
    std::vector<std::string> others;
    // Bundle folders found deeper than the kiosk looks, on a stick with none where it looks ("Kiosk/eastside-content",
    // relative to the stick, which is `folder`): named, never read.
    std::vector<std::string> too_deep;
};

class UsbWatcher {
public:
    explicit UsbWatcher(UsbConfig config);

    // Looks at the mount roots once. A folder already read and unchanged since is skipped, unless `again`; a bundle
    // that crashed or hung the checker is skipped until its content changes. Returns what happened to each folder
    // it read. Call from one thread at a time.
    std::vector<StickResult> scan(store::Store& store, bool again = false);

private:
    StickResult process(const std::string& folder, const std::vector<std::string>& others, store::Store& store);
    // process's stages: the stick's bundle copied to `staging` and checked (imported, or the reason it was not); what
    // becomes of it (it may wait for staff, unless what shows moved past it); the report on the stick and the log.
    void stage_and_import(StickResult& result, const std::string& staging, std::optional<BundleIdentity>& identity,
        ImportReport& checked, store::Store& store);
    void settle(StickResult& result, const std::string& staging, const std::optional<BundleIdentity>& identity,
        std::int64_t problems, store::Store& store);
    void report_and_log(StickResult& result, const std::vector<Diagnostic>& problems, store::Store& store);
    // The stick a bundle folder is on: the folder right under a root (or the root itself).
    std::string stick_of(const std::string& folder) const;
    // Sticks (folders right under a root that are not roots themselves) with no bundle where the kiosk looks.
    std::vector<std::string> sticks_without_bundle(
        const std::map<std::string, std::vector<std::string>>& by_stick) const;
    // A stick whose only bundles are too deep (`deep`, relative to it): nothing imported, the stick's report and the
    // sync log say where they are and where to move them.
    StickResult report_deep(const std::string& stick, const std::vector<std::string>& deep, store::Store& store);
    void keep_for_staff(StickResult& result, const std::string& staging, const std::string& identity,
        const std::string& now_text, std::int64_t problems);
    std::string poison_file() const;
    ReportWords report_words(store::Store& store) const;

    UsbConfig m_config;
    std::map<std::string, std::string> m_seen; // Folder -> its fingerprint when last read.
    std::set<std::string> m_poison; // Identities of bundles that crashed or hung the checker (STATE/refused-bundles).
    int m_next_staging = 0;
};

// The report written to a stick for `result`, with every problem of the check (each a "file:line: ..." line, said by
// `words.reason`), made at `now` (unix seconds).
std::string stick_report(const StickResult& result, const std::vector<Diagnostic>& problems, std::int64_t now,
    const ReportWords& words = {});

} // namespace kiosk::sync
