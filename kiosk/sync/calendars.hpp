// Calendars by URL (settings' calendar_urls): fetched conditionally, checked by the child as a bundle's calendars/*.ics
// would be, and stored per URL apart from bundle versions. A failed fetch or a broken calendar keeps the last good one.
#pragma once

#include "content/clock.hpp"
#include "content/reason.hpp"
#include "store/store.hpp"
#include "sync/import_child.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::sync {

struct CalendarResult {
    std::string source; // "calendar:<url>"
    Outcome outcome
        = Outcome::Failed; // Imported (new events stored), Unchanged, SetAside, Invalid, Unreadable, Failed.
    Reason reason;         // Why, in plain words (its text() in English, for the sync log and the CLI).
    std::uint64_t bytes = 0;
};

// The address a calendar URL is fetched from: webcal://host/path and webcals://host/path (what Google, Apple and
// Outlook hand out to subscribe to a calendar) are https://host/path; http:// and https:// addresses are themselves.
// Nothing for any other address, or one with no host. The scheme's letter case does not matter.
std::optional<std::string> calendar_fetch_url(std::string_view url);

// One pass over `url` (fetched from calendar_fetch_url(url)): logged in the sync log of `store`, at `clock`'s time.
// `kiosk_argv` runs the kiosk itself (with --state/--config) for the check in a child; `state_dir` holds its scratch
// folder.
CalendarResult sync_calendar(const std::string& url, store::Store& store, const std::string& state_dir,
    const std::vector<std::string>& kiosk_argv, const Clock& clock);

// Calendars set aside because the kiosk crashed on them as it started (app/start_guard.hpp): their content hashes,
// one per line with the URL, in STATE/set-aside-calendars. What a URL serves is refused while it is the same bytes.
bool set_calendar_aside(const std::string& state_dir, const std::string& url, const std::string& ics);
bool calendar_set_aside(const std::string& state_dir, const std::string& ics);

} // namespace kiosk::sync
