// StaffDesk: the store, the pending bundle, the clock, the disk; apply, ignore, roll back, export, restart, stop.
#include "app/staff_desk.hpp"

#include "app/content_commands.hpp"
#include "app/installed_content.hpp"
#include "app/paths.hpp"
#include "app/time_text.hpp"
#include "content/posix_file.hpp"
#include "store/store.hpp"
#include "store/versions.hpp"
#include "sync/check_report.hpp"
#include "sync/child_process.hpp"
#include "sync/import_child.hpp"
#include "sync/staging.hpp"
#include "sync/usb.hpp"

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

ui::StaffView StaffDesk::view() const
{
    ui::StaffView view;
    std::string error;
    store::Store* store = this->store(error);
    auto now = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now().time_since_epoch()).count();
    if (store) {
        if (auto active = store->active_version()) {
            long long days = (now - active->imported_at) / 86400;
            view.facts.emplace_back("Showing",
                "version " + active->version + " from " + active->source + ", "
                    + (days <= 0 ? "imported today" : "imported " + std::to_string(days) + " days ago"));
        }
        if (auto active = store->active_version(); active && !active->expires.empty()) {
            std::int64_t until = store::packed_version_seconds(active->expires);
            long long days = (now - until) / 86400;
            if (until > 0 && now > until)
                view.facts.emplace_back("Out of date",
                    "the feed said this content would be replaced by " + time_text(until, TimeText::LocalMinutes)
                        + (days > 0 ? ", " + std::to_string(days) + (days == 1 ? " day" : " days") + " ago" : "")
                        + ". Check that whoever publishes the feed still updates it, and that this kiosk can reach "
                          "it (the lines below). Visitors see how long ago it was updated.");
            else if (until > 0)
                view.facts.emplace_back("Good until", time_text(until, TimeText::LocalMinutes));
        }
        if (auto previous = store->previous_version()) {
            view.facts.emplace_back("Previous", "version " + previous->version + " from " + previous->source);
            view.can_roll_back = true;
        }
        // The floor is a packed version, its UTC time: ahead when later than a day from now.
        std::string floor = store->version_floor();
        if (store::is_packed_version(floor)
            && store::compare_versions(floor, store::packed_version_at(now + 86400)) > 0) {
            view.facts.emplace_back("Version floor",
                "version " + floor
                    + " is dated ahead of this kiosk's clock, so every update older than it is refused. If the "
                      "clock is right, reset the floor.");
            view.can_reset_floor = true;
        }
        if (std::string pinned = store->pinned_from(); !pinned.empty())
            view.facts.emplace_back("Rolled back", "automatic updates wait for a version newer than " + pinned);
        std::vector<std::string> seen;
        for (const store::SyncLogEntry& entry : store->sync_log(200)) {
            if (std::find(seen.begin(), seen.end(), entry.source) != seen.end())
                continue;
            seen.push_back(entry.source);
            view.sources.push_back(entry.source + ": " + time_text(entry.at, TimeText::LocalMinutes) + ", "
                + entry.result + ": " + entry.message);
        }
    } else {
        view.facts.emplace_back("Store", error);
    }
    if (view.sources.empty())
        view.sources.push_back("No update has been tried yet.");
    view.facts.emplace_back("Feed", m_settings.feed_url.empty() ? "none set (feed_url)" : m_settings.feed_url);

    // A Pi has no battery clock: say plainly when the time has not been set from the network.
    bool synced = exists("/run/systemd/timesync/synchronized");
    view.facts.emplace_back("Clock",
        synced ? "set from the network"
               : "not confirmed from the network: if the time on screen is wrong, check the network connection");
    struct statvfs disk { };
    if (statvfs(m_state.c_str(), &disk) == 0)
        view.facts.emplace_back(
            "Free disk", std::to_string((std::uint64_t(disk.f_bavail) * disk.f_frsize) >> 20) + " MiB");
    double up = 0;
    std::ifstream("/proc/uptime") >> up;
    view.facts.emplace_back("Up", std::to_string(int(up / 3600)) + " h " + std::to_string(int(up / 60) % 60) + " min");
    view.facts.emplace_back("Kiosk", std::string("version ") + KIOSK_VERSION);

    view.pending = describe_pending(1);
    view.pending_second = describe_pending(2);
    return view;
}

std::string StaffDesk::confirm_first(const std::string& action)
{
    if (action == "reset-floor")
        return "Resetting the floor lets the kiosk take signed content older than the version it has now, from the "
               "feed or a stick. Tap \"Reset the version floor\" again to do it.";
    return "";
}

std::string StaffDesk::working_on(const std::string& action)
{
    if (action == "apply" || action == "apply-2")
        return "Applying the stick's content\xE2\x80\xA6 A large one can take a minute; the kiosk keeps running.";
    if (action == "ignore" || action == "ignore-2")
        return "Setting the stick's content aside\xE2\x80\xA6";
    if (action == "rollback")
        return "Going back to the previous content\xE2\x80\xA6";
    if (action == "export")
        return "Saving the counts to the stick\xE2\x80\xA6 Do not take it out yet.";
    if (action == "reset-floor")
        return "Resetting the version floor\xE2\x80\xA6";
    if (action == "restart")
        return "Restarting\xE2\x80\xA6";
    if (action == "stop")
        return "Stopping\xE2\x80\xA6";
    return "Working\xE2\x80\xA6";
}

std::string StaffDesk::describe_pending(int slot) const
{
    // Where it came from, whether signed (and by which key), what it holds, and what it would change for visitors
    // (the check runs in a child: the bundle is a stranger's).
    std::string folder = sync::pending_folder(m_state, slot);
    if (!exists(folder + "/bundle.toml"))
        return "";
    sync::PendingInfo info = sync::read_pending_info(m_state, slot);
    std::vector<std::string> argv = kiosk_child_argv(m_options);
    argv.insert(argv.end(), {"check", folder, "--against-installed", "--json"});
    sync::ChildResult check = sync::run_child(argv);
    std::string unanswered;
    auto report = sync::check_from_json(check.out.substr(0, check.out.find('\n')), unanswered);
    std::string text = "from " + info.source + ", arrived " + info.arrived_text
        + (info.why.empty() ? "" : " (" + info.why + ")") + ". ";
    if (!report)
        return text + "Checking it " + check.failure() + ".";
    text += sync::summary_text(*report)
        + (report->diagnostics.empty() ? "" : " (the stick's kiosk-report.txt lists the problems)") + ". "
        + (report->changes ? sync::changes_text(*report->changes)
                           : "Cannot compare with what shows: " + report->compare_error);
    for (const std::string& other : info.refused)
        text += " Also arrived while it waits, and refused so as not to replace it: " + other + ".";
    return text;
}

StaffOutcome StaffDesk::act(const std::string& action)
{
    StaffOutcome outcome;
    std::string error;
    if (action == "apply" || action == "apply-2") {
        int slot = action == "apply-2" ? 2 : 1;
        std::string folder = sync::pending_folder(m_state, slot);
        if (!exists(folder + "/bundle.toml")) {
            outcome.message = "There is nothing waiting to apply.";
        } else {
            sync::ChildImport child = sync::import_in_child(
                kiosk_child_argv(m_options), folder, "usb (applied by staff)", sync::ImportPolicy::Unsigned::Import);
            const sync::ImportReport& report = child.report;
            if (report.outcome == sync::Outcome::Imported || report.outcome == sync::Outcome::Unchanged) {
                sync::forget_pending(m_state, slot);
                outcome.message = "Applied: the stick's content is showing now.";
                outcome.content_changed = true;
            } else {
                std::string first = report.diagnostics.empty() ? "" : ": " + report.diagnostics.front().to_string();
                outcome.message = "Not applied: " + report.message + first;
            }
        }
    } else if (action == "ignore" || action == "ignore-2") {
        sync::forget_pending(m_state, action == "ignore-2" ? 2 : 1);
        outcome.message = "Set aside: the stick's content will not be applied.";
    } else if (action == "rollback") {
        store::Store* store = this->store(error);
        if (store && store->rollback(error)) {
            auto active = store->active_version();
            outcome.message = "Rolled back: version " + (active ? active->version : std::string("?"))
                + " is showing again. Updates wait for a version newer than " + store->pinned_from() + ".";
            outcome.content_changed = true;
        } else {
            outcome.message = "Not rolled back: " + error;
        }
    } else if (action == "reset-floor") {
        store::Store* store = this->store(error);
        if (store && store->reset_version_floor(error))
            outcome.message = "Reset: the kiosk takes signed content of any date again. The next update it takes sets "
                              "a new floor.";
        else
            outcome.message = "Not reset: " + error;
    } else if (action == "export") {
        std::string folder = stick_folder(m_settings.usb_roots);
        store::Store* store = this->store(error);
        if (folder.empty()) {
            outcome.message = "No stick found to write to: plug one in and try again.";
        } else if (!store) {
            outcome.message = "The counts cannot be read: " + error;
        } else {
            std::string path = folder + "/kiosk-counts-"
                + time_text(std::chrono::system_clock::to_time_t(m_clock.now()), TimeText::LocalDate) + ".csv";
            std::string csv = "day,path,count\n";
            for (const auto& [d, p, n] : store->counts())
                csv += d + "," + p + "," + std::to_string(n) + "\n";
            bool ok = bool(posix::write_file_durably(path, csv, 0644));
            ::sync();
            outcome.message = ok ? "The counts are saved in " + path + ". You can take the stick out now."
                                 : "The counts could not be written to " + folder + " (is the stick full or locked?).";
        }
    } else if (action == "restart") {
        outcome.message = "Restarting...";
        outcome.exit = 0;
    } else if (action == "stop") {
        outcome.message = "Stopping for maintenance. Start it again with: sudo systemctl start kiosk";
        outcome.exit = exit_maintenance;
    }
    return outcome;
}

} // namespace kiosk
