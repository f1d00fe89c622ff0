// A crash cannot loop. Content that kills the kiosk before its first frame (a text Dear ImGui aborts on, say) would
// otherwise kill it at every start: systemd restarts it, it loads the same content, and the screen stays black.
//
// The guard notes each start and each first frame, per content: the active version (its identity) and the calendars
// fetched by URL. When the same content has started `max_failed_starts` times without a first frame, the next start
// sets it aside before loading it: the previous version is made active again (a rollback, which also keeps the feed
// from bringing the same signed version back), its identity joins the bundles refused from sticks, and the stored
// calendars are dropped, each refused until what its URL serves changes. The sync log says what was set aside and
// why, under the source "kiosk start": `kiosk status` and the staff screen show it, and the journal has it too.
#pragma once

#include "store/store.hpp"

#include <cstdint>
#include <string>

namespace kiosk {

class StartGuard {
public:
    static constexpr int max_failed_starts = 2;

    explicit StartGuard(std::string state_dir);

    // Before the content is loaded: sets the content aside when it has failed to start too often. Returns what was set
    // aside, in plain words, or "".
    std::string before_start(store::Store& store, std::int64_t now);
    // The display is up and the content is about to be drawn: from here until first_frame(), a crash counts against
    // the content (a display that cannot be opened is not the content's fault, and does not count).
    void arm();
    // The first frame is up: this content starts fine.
    void first_frame();

private:
    std::string m_state_dir;
    std::string m_key; // The content this start shows.
    int m_failed = 0;  // Its failed starts before this one.
};

} // namespace kiosk
