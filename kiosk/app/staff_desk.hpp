// What the staff screen shows and does: the facts gathered from the store and the system, and the actions carried
// out, each answered in plain words. The UI draws; this reads files, runs children and writes. Its words are phrases
// (string keys and their arguments, assets/strings/): the UI formats them in the language it shows.
#pragma once

#include "app/cli.hpp"
#include "app/settings.hpp"
#include "app/time_text.hpp"
#include "content/snapshot.hpp"
#include "content/time_zone.hpp"
#include "store/store.hpp"
#include "ui/intent.hpp"
#include "ui/phrase.hpp"
#include "ui/screen.hpp"

#include <memory>
#include <optional>
#include <string>

namespace kiosk {

// The exit status of "Stop for maintenance": the service does not restart on it (image issue).
constexpr int exit_maintenance = 10;

struct StaffOutcome {
    ui::Phrase message;           // What was done, or why not.
    bool content_changed = false; // Applied or rolled back: load the content again.
    std::optional<int> exit;      // Restart (0) or stop for maintenance (exit_maintenance).
};

// Used on the staff worker's thread only, one job at a time; it opens the store once, for that thread.
class StaffDesk {
public:
    StaffDesk(const Options& options, const Settings& settings, const Clock& clock);

    // What the staff screen shows, its times and versions in `words`' zone and language.
    ui::StaffView view(const PeopleTime& words) const;
    // Carries out `action`; `slot` says which waiting bundle Apply and Ignore take (1 or 2: the slot it waits in, as
    // the view named it). Sync is the caller's (it wakes the sync threads): here it does nothing.
    StaffOutcome act(ui::StaffAction action, int slot, const PeopleTime& words);
    // What the staff screen says while `action` runs, in plain words.
    static ui::Phrase working_on(ui::StaffAction action);
    // The content the store shows now, expanded at `now` in `zone`, after an action changed it; nothing when it
    // cannot be loaded.
    SnapshotPtr content_now(WallTime now, const TimeZone& zone);

private:
    StaffOutcome apply(int slot, const PeopleTime& words);
    // The anonymous counts as a CSV on the first writable stick: what staff are told.
    ui::Phrase export_counts(const PeopleTime& words);
    // What staff must know of the bundle waiting in `slot` (1 or 2), or nothing when none waits there.
    ui::Phrases describe_pending(int slot, const PeopleTime& words) const;

    Options m_options;
    Settings m_settings;
    std::string m_state;
    Clock m_clock; // A copy: the worker thread reads it while the UI thread moves its own.
    // The worker thread's store, opened on first use (again after a failure). Mutable: view() reads through it.
    mutable std::unique_ptr<store::Store> m_store;
    store::Store* store(std::string& error) const;
};

} // namespace kiosk
