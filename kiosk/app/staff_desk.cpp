// StaffDesk: the store, the pending bundle, the clock, the disk; apply, ignore, roll back, export, restart, stop.
#include "app/staff_desk.hpp"

#include "app/content_commands.hpp"
#include "app/installed_content.hpp"
#include "app/paths.hpp"
#include "app/time_text.hpp"
#include "content/posix_file.hpp"
#include "content/text_util.hpp"
#include "store/store.hpp"
#include "store/versions.hpp"
#include "sync/check_report.hpp"
#include "sync/child_process.hpp"
#include "sync/import_child.hpp"
#include "sync/pending.hpp"
#include "sync/signing.hpp"
#include "sync/staging.hpp"
#include "sync/usb.hpp"
#include "ui/ui.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace kiosk {

namespace {

bool exists(const std::string& path)
{
    struct stat st { };
    return stat(path.c_str(), &st) == 0;
}

// A folder on a stick to write to: the first writable folder one or two levels under the USB roots.
std::string stick_folder(const std::vector<std::string>& roots)
{
    for (const std::string& root : roots) {
        std::vector<std::string> candidates;
        for (const std::string& name : posix::list_dir(root).value_or(std::vector<std::string> {}))
            if (name[0] != '.')
                candidates.push_back(root + "/" + name);
        std::sort(candidates.begin(), candidates.end());
        for (const std::string& folder : candidates) {
            struct stat st { };
            if (lstat(folder.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && access(folder.c_str(), W_OK) == 0)
                return folder;
        }
    }
    return "";
}

// `n` things in the staff screen's language: Phrase::plural of `one` and `many`, whose text has {n}.
std::string counted(const PeopleTime& words, std::size_t n, const char* one, const char* many)
{
    return words.strings ? words.strings->format(
               ui::Phrase::plural(static_cast<long long>(n), one, many, {{"n", std::to_string(n)}}), words.language)
                         : std::to_string(n);
}

// What a waiting bundle holds and how it checked, in the staff screen's language ("5 páginas, 18 tarjetas...").
std::string holds_text(const sync::CheckReport& report, const PeopleTime& words)
{
    const BundleCounts& n = report.counts;
    std::size_t packing = report.packing ? report.packing->problems() : 0;
    std::size_t errors = report.errors() - std::min(packing, report.errors()), warnings = report.warnings();
    ui::Phrase problems {"staff_holds_no_problems"};
    if (errors || warnings)
        problems = ui::Phrase {"staff_holds_problems",
            {{"errors", counted(words, errors, "staff_count_error", "staff_count_errors")},
                {"warnings", counted(words, warnings, "staff_count_warning", "staff_count_warnings")}}};
    if (packing || (report.packing && !report.packing->error.empty()))
        problems = ui::Phrase {"staff_holds_changed_after_packing",
            {{"problems", words.strings ? words.strings->format(problems, words.language) : ""}}};
    ui::Phrase holds {"staff_holds",
        {{"pages", counted(words, n.pages, "staff_count_page", "staff_count_pages")},
            {"cards", counted(words, n.cards, "staff_count_card", "staff_count_cards")},
            {"events", counted(words, n.events, "staff_count_event", "staff_count_events")},
            {"upcoming", std::to_string(n.occurrences)},
            {"images", counted(words, n.images, "staff_count_image", "staff_count_images")},
            {"problems", words.strings ? words.strings->format(problems, words.language) : ""}}};
    return words.strings ? words.strings->format(holds, words.language) : sync::summary_text(report);
}

// What applying a bundle would change for visitors, in the staff screen's language (the names, titles and words
// quoted are the content's own).
std::string changes_text(const sync::Changes& c, const PeopleTime& words)
{
    if (!words.strings)
        return sync::changes_text(c);
    auto say = [&](const char* key, ui::Phrase::Args args) {
        return words.strings->format(ui::Phrase {key, std::move(args)}, words.language);
    };
    std::vector<std::string> parts;
    if (!c.new_name.empty())
        parts.push_back(say("staff_change_name", {{"name", c.new_name}}));
    auto number = [&](std::size_t n, const char* key) {
        if (n)
            parts.push_back(say(key, {{"n", std::to_string(n)}}));
    };
    number(c.sections_changed, "staff_change_tiles");
    auto pages = [&](const std::vector<std::string>& list, const char* key) {
        std::string names;
        for (const std::string& path : list) // "pages/about.md" as "about.md"; a path from a child is not trusted.
            names += (names.empty() ? "" : ", ") + (path.rfind("pages/", 0) == 0 ? path.substr(6) : path);
        if (!names.empty())
            parts.push_back(say(key, {{"names", names}}));
    };
    pages(c.pages_changed, "staff_change_pages_changed");
    pages(c.pages_added, "staff_change_pages_added");
    pages(c.pages_removed, "staff_change_pages_removed");
    number(c.cards_added, "staff_change_cards_added");
    number(c.cards_removed, "staff_change_cards_removed");
    number(c.events_added, "staff_change_events_added");
    number(c.events_removed, "staff_change_events_removed");
    if (c.urgent_changed)
        parts.push_back(c.urgent_text.empty()
                ? say("staff_change_urgent", {{"title", c.urgent_title}})
                : say("staff_change_urgent_text", {{"title", c.urgent_title}, {"text", c.urgent_text}}));
    if (parts.empty())
        return say("staff_changes_none", {});
    std::string joined;
    for (const std::string& part : parts)
        joined += (joined.empty() ? "" : "; ") + part;
    return say("staff_changes", {{"parts", joined}});
}

// A sync log's result word ("pending") in the staff screen's language; one it does not know as it is.
std::string result_text(const std::string& result, const PeopleTime& words)
{
    static const std::pair<const char*, const char*> known[] = {{"imported", "staff_result_imported"},
        {"unchanged", "staff_result_unchanged"}, {"pending", "staff_result_pending"},
        {"refused", "staff_result_refused"}, {"failed", "staff_result_failed"}, {"dropped", "staff_result_dropped"}};
    for (const auto& [word, key] : known)
        if (result == word && words.strings)
            return words.strings->get(key, words.language);
    return result;
}

// Free space as people say it: "59 GB", "512 MB".
std::string free_space_text(std::uint64_t bytes)
{
    std::uint64_t mb = bytes >> 20;
    return mb >= 1024 ? std::to_string((mb + 512) / 1024) + " GB" : std::to_string(mb) + " MB";
}

} // namespace

StaffDesk::StaffDesk(const Options& options, const Settings& settings, const Clock& clock)
    : m_options(options)
    , m_settings(settings)
    , m_state(state_dir(options.state_dir))
    , m_clock(clock)
{ }

store::Store* StaffDesk::store(std::string& error) const
{
    if (!m_store)
        m_store = store::Store::open(database_in(m_state), error);
    return m_store.get();
}

SnapshotPtr StaffDesk::content_now(WallTime now, const TimeZone& zone)
{
    std::string error;
    store::Store* opened = store(error);
    InstalledContent fresh = opened ? stored_content(*opened, error) : InstalledContent {};
    return fresh.bundle ? make_snapshot(fresh.bundle, fresh.images, now, zone, fresh.imported_at, fresh.expires_at)
                        : nullptr;
}

namespace {

void add_fact(ui::StaffView& view, const char* label, ui::Phrase value)
{
    view.facts.push_back({label, std::move(value)});
}

// What the store says: the content showing, its age and expiry, the version to go back to, the floor, a rollback
// waiting, and each source's last update.
void add_content_facts(ui::StaffView& view, store::Store& store, const PeopleTime& words, std::int64_t now)
{
    using ui::Phrase;
    if (auto active = store.active_version()) {
        long long days = (now - active->imported_at) / 86400;
        Phrase::Args args {
            {"version", words.version(active->version)}, {"source", active->source}, {"days", std::to_string(days)}};
        add_fact(view, "staff_fact_showing",
            days <= 0 ? Phrase {"staff_showing_today", args}
                      : Phrase::plural(days, "staff_showing_day", "staff_showing_days", args));
    }
    if (auto active = store.active_version(); active && !active->expires.empty()) {
        std::int64_t until = store::packed_version_seconds(active->expires);
        long long days = (now - until) / 86400;
        Phrase::Args args {{"time", words.time(until)}, {"days", std::to_string(days)}};
        if (until > 0 && now > until)
            add_fact(view, "staff_fact_out_of_date",
                days <= 0 ? Phrase {"staff_out_of_date", args}
                          : Phrase::plural(days, "staff_out_of_date_day", "staff_out_of_date_days", args));
        else if (until > 0)
            add_fact(view, "staff_fact_good_until", Phrase::verbatim(words.time(until)));
    }
    if (auto previous = store.previous_version()) {
        add_fact(view, "staff_fact_previous",
            Phrase {"staff_previous", {{"version", words.version(previous->version)}, {"source", previous->source}}});
        view.can_roll_back = true;
    }
    // The floor is a packed version, its UTC time: ahead when later than a day from now.
    std::string floor = store.version_floor();
    if (store::is_packed_version(floor) && store::compare_versions(floor, store::packed_version_at(now + 86400)) > 0) {
        add_fact(view, "staff_fact_version_floor", Phrase {"staff_version_floor", {{"version", words.version(floor)}}});
        view.can_reset_floor = true;
    }
    if (std::string pinned = store.pinned_from(); !pinned.empty())
        add_fact(
            view, "staff_fact_rolled_back", Phrase {"staff_rolled_back_waits", {{"version", words.version(pinned)}}});
    std::vector<std::string> seen;
    for (const store::SyncLogEntry& entry : store.sync_log(200)) {
        if (std::find(seen.begin(), seen.end(), entry.source) != seen.end())
            continue;
        seen.push_back(entry.source);
        // The message in the screen's language when the log kept its reason (an entry from before it did, in
        // English). The reason quotes names from sticks: one line.
        Reason reason = sync::reason_from_text(entry.reason);
        std::string message = reason.empty() ? entry.message : escape_controls(words.reason(reason));
        view.sources.push_back(Phrase {"staff_source_line",
            {{"source", entry.source}, {"time", words.time(entry.at)}, {"result", result_text(entry.result, words)},
                {"message", message}}});
    }
}

// What the box says: whether its clock was set from the network, the free disk under `state`, how long it has been
// up, the kiosk's version.
void add_box_facts(ui::StaffView& view, const std::string& state)
{
    using ui::Phrase;
    // A Pi has no battery clock: say plainly when the time has not been set from the network.
    bool synced = exists("/run/systemd/timesync/synchronized");
    add_fact(view, "staff_fact_clock", synced ? Phrase {"staff_clock_synced"} : Phrase {"staff_clock_not_synced"});
    struct statvfs disk { };
    if (statvfs(state.c_str(), &disk) == 0)
        add_fact(view, "staff_fact_free_disk",
            Phrase::verbatim(free_space_text(std::uint64_t(disk.f_bavail) * disk.f_frsize)));
    double up = 0;
    std::ifstream("/proc/uptime") >> up;
    std::string hours = std::to_string(int(up / 3600)), minutes = std::to_string(int(up / 60) % 60);
    add_fact(view, "staff_fact_up", Phrase {"staff_up", {{"hours", hours}, {"minutes", minutes}}});
    add_fact(view, "staff_fact_kiosk", Phrase {"staff_kiosk_version", {{"version", KIOSK_VERSION}}});
}

} // namespace

ui::StaffView StaffDesk::view(const PeopleTime& words) const
{
    ui::StaffView view;
    std::string error;
    auto now = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now().time_since_epoch()).count();
    if (store::Store* store = this->store(error))
        add_content_facts(view, *store, words, now);
    else
        add_fact(view, "staff_fact_store", ui::Phrase::verbatim(error));
    if (view.sources.empty())
        view.sources.push_back(ui::Phrase {"staff_no_updates"});
    add_fact(view, "staff_fact_feed",
        m_settings.feed_url.empty() ? ui::Phrase {"staff_feed_none"} : ui::Phrase::verbatim(m_settings.feed_url));
    add_box_facts(view, m_state);

    // The one waiting longest is the first, whichever slot holds it: after staff apply or ignore the first of two,
    // the other is the one waiting, and Apply and Ignore take it.
    std::vector<int> waiting = sync::waiting_slots(m_state);
    if (!waiting.empty()) {
        view.pending_slot = waiting[0];
        view.pending = describe_pending(waiting[0], words);
    }
    if (waiting.size() > 1) {
        view.pending_second_slot = waiting[1];
        view.pending_second = describe_pending(waiting[1], words);
    }
    return view;
}

ui::Phrase StaffDesk::working_on(ui::StaffAction action)
{
    switch (action) {
    case ui::StaffAction::Sync:
        return ui::Phrase {"staff_working_sync"};
    case ui::StaffAction::Apply:
        return ui::Phrase {"staff_working_apply"};
    case ui::StaffAction::Ignore:
        return ui::Phrase {"staff_working_ignore"};
    case ui::StaffAction::RollBack:
        return ui::Phrase {"staff_working_rollback"};
    case ui::StaffAction::Export:
        return ui::Phrase {"staff_working_export"};
    case ui::StaffAction::ResetFloor:
        return ui::Phrase {"staff_working_reset_floor"};
    case ui::StaffAction::Restart:
        return ui::Phrase {"staff_working_restart"};
    case ui::StaffAction::Stop:
        return ui::Phrase {"staff_working_stop"};
    }
    return ui::Phrase {"staff_working"};
}

ui::Phrases StaffDesk::describe_pending(int slot, const PeopleTime& words) const
{
    using ui::Phrase;
    // Where it came from, whether signed (and by which key), what it holds, and what it would change for visitors
    // (the check runs in a child: the bundle is a stranger's), all in the staff screen's language.
    std::string folder = sync::pending_folder(m_state, slot);
    if (!exists(folder + "/bundle.toml"))
        return {};
    sync::PendingInfo info = sync::read_pending_info(m_state, slot);
    std::vector<std::string> argv = kiosk_child_argv(m_options);
    argv.insert(argv.end(), {"check", folder, "--against-installed", "--json"});
    sync::ChildResult check = sync::run_child(argv);
    std::string unanswered;
    auto report = sync::check_from_json(check.out.substr(0, check.out.find('\n')), unanswered);
    ui::Phrases text;
    std::string arrived = info.arrived > 0 ? words.time(info.arrived) : info.arrived_text;
    // The screen says it waits: the reason's "it waits for staff" part would say it twice.
    Reason reason = info.why;
    std::erase_if(reason.parts, [](const Reason::Part& part) { return part.key == "waits_for_staff"; });
    std::string why = escape_controls(words.reason(reason));
    text.push_back(info.why.empty()
            ? Phrase {"staff_pending_from", {{"source", info.source}, {"arrived", arrived}}}
            : Phrase {"staff_pending_from_why", {{"source", info.source}, {"arrived", arrived}, {"why", why}}});
    if (!report) {
        text.push_back(Phrase {"staff_pending_check_failed", {{"failure", check.failure()}}});
        return text;
    }
    Phrase::Args summary {{"summary", holds_text(*report, words)}};
    text.push_back(report->diagnostics.empty() ? Phrase {"staff_pending_summary", summary}
                                               : Phrase {"staff_pending_summary_problems", summary});
    text.push_back(report->changes ? Phrase::verbatim(changes_text(*report->changes, words))
                                   : Phrase {"staff_pending_no_compare", {{"error", report->compare_error}}});
    for (const std::string& other : info.refused)
        // Kept as "usb:... at YYYY-MM-DD HH:MM": the time in brackets reads the same in every language.
        if (std::size_t at = other.rfind(" at "); at != std::string::npos)
            text.push_back(Phrase {
                "staff_pending_refused", {{"bundle", other.substr(0, at) + " (" + other.substr(at + 4) + ")"}}});
        else
            text.push_back(Phrase {"staff_pending_refused", {{"bundle", other}}});
    return text;
}

StaffOutcome StaffDesk::apply(int slot, const PeopleTime& words)
{
    using ui::Phrase;
    StaffOutcome outcome;
    std::string folder = sync::pending_folder(m_state, slot);
    if (!exists(folder + "/bundle.toml")) {
        outcome.message = Phrase {"staff_nothing_to_apply"};
        return outcome;
    }
    // What shows has moved past it (a newer signed version arrived while it waited): it goes, and staff hear why.
    std::string error;
    store::Store* store = this->store(error);
    if (Reason why = store ? sync::superseded_why(m_state, slot, *store) : Reason {}; !why.empty()) {
        sync::drop_superseded_pending(m_state, *store, m_clock.now());
        outcome.message = Phrase {"staff_not_applied_superseded", {{"reason", escape_controls(words.reason(why))}}};
        return outcome;
    }
    sync::PendingInfo info = sync::read_pending_info(m_state, slot);
    // The child checks again, in case a signed version arrives while staff look.
    sync::ChildImport child = sync::import_in_child(kiosk_child_argv(m_options), folder, "usb (applied by staff)",
        sync::ImportPolicy::Unsigned::Import, info.arrived);
    const sync::ImportReport& report = child.report;
    if (report.outcome == sync::Outcome::Imported || report.outcome == sync::Outcome::Unchanged) {
        sync::forget_pending(m_state, slot);
        if (store) // The other slot may hold this very bundle.
            sync::drop_superseded_pending(m_state, *store, m_clock.now());
        outcome.message = Phrase {"staff_applied"};
        outcome.content_changed = true;
    } else if (report.outcome == sync::Outcome::RefusedVersion && store
        && !sync::superseded_why(m_state, slot, *store).empty()) {
        sync::drop_superseded_pending(m_state, *store, m_clock.now());
        outcome.message
            = Phrase {"staff_not_applied_superseded", {{"reason", escape_controls(words.reason(report.reason))}}};
    } else {
        // The import's reason, then its first problem.
        Reason reason = report.reason;
        if (!report.diagnostics.empty())
            reason += Reason::plain(": ") + problem_reason(report.diagnostics.front());
        outcome.message = Phrase {"staff_not_applied", {{"reason", escape_controls(words.reason(reason))}}};
    }
    return outcome;
}

ui::Phrase StaffDesk::export_counts(const PeopleTime& words)
{
    using ui::Phrase;
    std::string error;
    std::string folder = stick_folder(m_settings.usb_roots);
    store::Store* store = this->store(error);
    if (folder.empty())
        return Phrase {"staff_no_stick"};
    if (!store)
        return Phrase {"staff_counts_unreadable", {{"error", error}}};
    std::string path = folder + "/kiosk-counts-"
        + time_text(std::chrono::system_clock::to_time_t(m_clock.now()), TimeText::LocalDate) + ".csv";
    // The title column names what the path showed, in the content's first language, as the content now has it.
    SnapshotPtr content = content_now(words.now, words.zone);
    std::string csv = "day,path,count,title\n";
    for (const auto& [d, p, n] : store->counts())
        csv += d + "," + p + "," + std::to_string(n) + "," + csv_value(content ? ui::path_title(*content, p) : "")
            + "\n";
    bool ok = bool(posix::write_file_durably(path, csv, 0644));
    ::sync();
    return ok ? Phrase {"staff_counts_saved", {{"file", path}}}
              : Phrase {"staff_counts_not_saved", {{"folder", folder}}};
}

StaffOutcome StaffDesk::act(ui::StaffAction action, int slot, const PeopleTime& words)
{
    using ui::Phrase;
    StaffOutcome outcome;
    std::string error;
    switch (action) {
    case ui::StaffAction::Sync:
        break; // The caller's: it wakes the sync threads.
    case ui::StaffAction::Apply:
        return apply(slot, words);
    case ui::StaffAction::Ignore:
        sync::forget_pending(m_state, slot);
        outcome.message = Phrase {"staff_set_aside"};
        break;
    case ui::StaffAction::RollBack: {
        store::Store* store = this->store(error);
        if (store && store->rollback(error)) {
            sync::drop_superseded_pending(m_state, *store, m_clock.now());
            auto active = store->active_version();
            outcome.message = Phrase {"staff_rolled_back",
                {{"version", words.version(active ? active->version : std::string("?"))},
                    {"pinned", words.version(store->pinned_from())}}};
            outcome.content_changed = true;
        } else {
            outcome.message = Phrase {"staff_not_rolled_back", {{"error", error}}};
        }
        break;
    }
    case ui::StaffAction::ResetFloor: {
        store::Store* store = this->store(error);
        if (store && store->reset_version_floor(error))
            outcome.message = Phrase {"staff_floor_reset"};
        else
            outcome.message = Phrase {"staff_floor_not_reset", {{"error", error}}};
        break;
    }
    case ui::StaffAction::Export:
        outcome.message = export_counts(words);
        break;
    case ui::StaffAction::Restart:
        outcome.message = Phrase {"staff_restarting"};
        outcome.exit = 0;
        break;
    case ui::StaffAction::Stop:
        outcome.message = Phrase {"staff_stopping"};
        outcome.exit = exit_maintenance;
        break;
    }
    return outcome;
}

} // namespace kiosk
