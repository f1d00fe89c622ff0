// The USB pipeline: find, copy, identify, check and import in a child, report, log.
#include "sync/usb.hpp"

#include "content/posix_file.hpp"
#include "content/text_util.hpp"

#include "store/store.hpp"
#include "sync/child_process.hpp"
#include "sync/identity.hpp"
#include "sync/import_child.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::sync {

namespace {

std::int64_t unix_seconds(WallTime time)
{
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

} // namespace

std::string stick_report(
    const StickResult& raw, const std::vector<Diagnostic>& problems, std::int64_t now, const ReportWords& words)
{
    // The reason may quote a folder's name from the stick: one line, so it cannot forge one of the lines below.
    const StickResult& result = raw;
    std::string why = escape_controls(words.reason ? words.reason(raw.reason) : raw.reason.text());
    std::string version = words.version ? words.version(raw.version) : "version " + raw.version;
    version = escape_controls(version);
    auto fill = [&](std::string text) {
        for (auto [name, value] : {std::pair<std::string_view, const std::string*> {"{when}", nullptr},
                 {"{version}", &version}, {"{why}", &why}}) {
            std::string when = words.time ? words.time(now) : local_minutes_text(now);
            for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
                const std::string& with = value ? *value : when;
                text.replace(at, name.size(), with);
                at += with.size() - 1;
            }
        }
        return text + "\n";
    };
    std::string text = fill(words.heading);
    text += "\n";
    switch (result.outcome) {
    case Outcome::Imported:
        text += fill(words.imported);
        break;
    case Outcome::Unchanged:
        text += fill(words.unchanged);
        break;
    case Outcome::Pending:
        text += fill(words.pending);
        break;
    default:
        text += fill(words.refused);
        break;
    }
    if (result.too_deep.size() > 1) {
        text += "\n" + fill(words.too_deep);
        std::string label = result.folder.substr(result.folder.rfind('/') + 1);
        for (const std::string& folder : result.too_deep)
            text += "  " + escape_controls(label + "/" + folder) + "\n";
    }
    if (!result.others.empty()) {
        text += "\n" + fill(words.others);
        for (const std::string& other : result.others)
            text += "  " + escape_controls(other) + "\n";
    }
    if (!problems.empty()) {
        text += "\n" + fill(words.problems);
        for (const Diagnostic& d : problems)
            text += escape_controls(words.reason ? words.reason(problem_reason(d)) : d.to_string()) + "\n";
    } else if (result.checked)
        text += "\n" + fill(words.no_problems);
    return text;
}

UsbWatcher::UsbWatcher(UsbConfig config)
    : m_config(std::move(config))
{
    // Bundles that stopped the checker, remembered across restarts: a hostile stick left in cannot crash-loop.
    // A line is a bundle's identity, then why: nothing (it crashed something), or the id of the limits it went over,
    // which count only while the kiosk's limits are the same.
    std::ifstream in(poison_file());
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string hash, limits;
        words >> hash >> limits;
        if (!hash.empty() && (limits.empty() || limits == import_limits_id))
            m_poison.insert(hash);
    }
}

ReportWords UsbWatcher::report_words(store::Store& store) const
{
    return m_config.report_words ? m_config.report_words(store) : ReportWords {};
}

std::string UsbWatcher::poison_file() const
{
    return m_config.state_dir + "/refused-bundles";
}

std::vector<StickResult> UsbWatcher::scan(store::Store& store, bool again)
{
    std::vector<StickResult> results;
    // Whatever imported since the last look (the feed, staff, the command line) may have moved past what waits.
    drop_superseded_pending(m_config.state_dir, store, m_config.clock.now());
    std::vector<std::string> folders = find_bundle_folders(m_config.roots);
    // One bundle per stick: the first folder by name; the others are named in its report.
    std::map<std::string, std::vector<std::string>> by_stick; // Sorted: the first is the one read.
    for (const std::string& folder : folders)
        by_stick[stick_of(folder)].push_back(folder);
    // A stick with no bundle where the kiosk looks is searched deeper: a bundle one folder too deep is named.
    std::map<std::string, std::vector<std::string>> deep; // Stick -> its bundle folders, relative to it.
    for (const std::string& stick : sticks_without_bundle(by_stick)) {
        if (std::vector<std::string> found = find_deep_bundle_folders(stick); !found.empty())
            deep[stick] = std::move(found);
    }
    // A stick that went away is forgotten, so the same stick plugged in again is read again.
    for (auto seen = m_seen.begin(); seen != m_seen.end();) {
        if (std::find(folders.begin(), folders.end(), seen->first) == folders.end() && !deep.count(seen->first))
            seen = m_seen.erase(seen);
        else
            ++seen;
    }
    for (const auto& [stick, found] : deep) {
        std::string fingerprint = "too deep:";
        for (const std::string& folder : found)
            fingerprint += "\n" + folder;
        auto seen = m_seen.find(stick);
        if (!again && seen != m_seen.end() && seen->second == fingerprint)
            continue;
        results.push_back(report_deep(stick, found, store));
        m_seen[stick] = fingerprint;
    }
    folders.clear();
    for (const auto& [stick, found] : by_stick)
        folders.push_back(found.front());
    for (const std::string& folder : folders) {
        std::vector<std::string> others(by_stick[stick_of(folder)].begin() + 1, by_stick[stick_of(folder)].end());
        std::string fingerprint = folder_fingerprint(folder);
        auto seen = m_seen.find(folder);
        if (!again && seen != m_seen.end() && seen->second == fingerprint)
            continue;
        StickResult result = process(folder, others, store);
        // Read again only when it changes; the report we wrote changes nothing that is fingerprinted.
        m_seen[folder] = folder_fingerprint(folder);
        results.push_back(std::move(result));
        // Once a bundle is where the kiosk looks, one folder down, a report at the top of the stick is stale: the
        // kiosk writes one there only when the bundles were too deep (in the language it spoke then), or for a bundle
        // at the top, which is not there now.
        if (std::string stick = stick_of(folder); stick != folder) {
            std::string top = stick + "/kiosk-report.txt";
            struct stat st { };
            if (lstat(top.c_str(), &st) == 0 && S_ISREG(st.st_mode))
                unlink(top.c_str());
        }
    }
    return results;
}

std::string UsbWatcher::stick_of(const std::string& folder) const
{
    for (const std::string& root : m_config.roots) {
        if (folder == root)
            return folder;
        if (folder.size() > root.size() && folder.compare(0, root.size(), root) == 0 && folder[root.size()] == '/')
            return folder.substr(0, folder.find('/', root.size() + 1));
    }
    return folder;
}

std::vector<std::string> UsbWatcher::sticks_without_bundle(
    const std::map<std::string, std::vector<std::string>>& by_stick) const
{
    std::vector<std::string> sticks;
    auto holds_a_root = [this](const std::string& dir) {
        return std::any_of(m_config.roots.begin(), m_config.roots.end(),
            [&dir](const std::string& root) { return root == dir || root.rfind(dir + "/", 0) == 0; });
    };
    for (const std::string& root : m_config.roots) {
        for (const std::string& name : posix::list_dir(root).value_or(std::vector<std::string> {})) {
            std::string stick = root + "/" + name;
            struct stat st { };
            // Hidden folders and links are not sticks; nor is a root inside a root (/media/kiosk inside /media).
            if (by_stick.count(root))
                break; // A stick mounted on the root itself, whose bundle was found: its folders are not sticks.
            if (name[0] == '.' || lstat(stick.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || holds_a_root(stick)
                || by_stick.count(stick) || stick_of(stick) != stick)
                continue;
            sticks.push_back(stick);
        }
    }
    std::sort(sticks.begin(), sticks.end());
    sticks.erase(std::unique(sticks.begin(), sticks.end()), sticks.end());
    return sticks;
}

StickResult UsbWatcher::report_deep(const std::string& stick, const std::vector<std::string>& deep, store::Store& store)
{
    // Named as staff know the stick: its label (the mount folder's name), then the folders on it.
    std::string label = stick.substr(stick.rfind('/') + 1);
    StickResult result;
    result.folder = stick;
    result.source = "usb:" + stick;
    result.outcome = Outcome::Invalid;
    result.too_deep = deep;
    const std::string& first = deep.front();
    std::string name = first.substr(first.rfind('/') + 1);
    result.reason = Reason::said("stick_too_deep", {{"found", label + "/" + first}, {"moved", label + "/" + name}});
    if (deep.size() == 2)
        result.reason += Reason::said("stick_too_deep_one_more");
    else if (deep.size() > 2)
        result.reason += Reason::said("stick_too_deep_more", {{"n", std::to_string(deep.size() - 1)}});
    report_and_log(result, {}, store);
    return result;
}

// A bundle that waits for staff, copied in `staging`, goes to a free slot (two bundles can wait). A bundle already
// waiting is never replaced by another: a visitor's stick must not swap what staff left waiting (staff apply or
// ignore one, then the next can wait).
void UsbWatcher::keep_for_staff(StickResult& result, const std::string& staging, const std::string& identity,
    const std::string& now_text, std::int64_t problems)
{
    // The first is the one waiting longest, whichever slot holds it (the other may have been applied or ignored).
    std::vector<int> waiting = waiting_slots(m_config.state_dir);
    int first_slot = waiting.empty() ? 1 : waiting[0], other_slot = first_slot == 1 ? 2 : 1;
    PendingInfo first = read_pending_info(m_config.state_dir, first_slot),
                second = read_pending_info(m_config.state_dir, other_slot);
    bool waits = !identity.empty() && (first.identity == identity || second.identity == identity);
    int slot = first.source.empty() ? first_slot : second.source.empty() ? other_slot : 0; // 0: both wait.
    if (waits) {
        result.reason = Reason::said("already_waits");
    } else if (slot == 0) {
        result.outcome = Outcome::Busy;
        result.reason = Reason::said("two_wait",
            {{"first", first.source}, {"first_arrived", first.arrived_text}, {"second", second.source},
                {"second_arrived", second.arrived_text}});
        // Staff see this one too, beside the first (the last few).
        first.refused.push_back(result.source + " at " + now_text);
        if (first.refused.size() > 5)
            first.refused.erase(first.refused.begin());
        write_pending_info(m_config.state_dir, first, first_slot);
    } else {
        std::string pending = pending_folder(m_config.state_dir, slot);
        remove_tree(pending);
        if (rename(staging.c_str(), pending.c_str()) != 0) {
            result.reason += Reason::said("no_copy_for_staff");
        } else {
            PendingInfo info;
            info.source = result.source;
            info.arrived = unix_seconds(m_config.clock.now());
            info.identity = identity;
            info.why = result.reason;
            info.problems = problems;
            write_pending_info(m_config.state_dir, info, slot);
            if (slot == other_slot) // Beside the one that waited first.
                result.reason += Reason::said("another_waits");
        }
    }
}

// One pass over one stick: stage and import, settle what waits, report.
StickResult UsbWatcher::process(const std::string& folder, const std::vector<std::string>& others, store::Store& store)
{
    StickResult result;
    result.folder = folder;
    result.others = others;
    result.source = "usb:" + folder;
    std::string staging_root = m_config.state_dir + "/staging";
    mkdir(staging_root.c_str(), 0700);
    std::string staging = staging_root + "/usb-" + std::to_string(m_next_staging++ % 2);
    std::optional<BundleIdentity> identity;
    ImportReport checked;
    stage_and_import(result, staging, identity, checked, store);
    settle(result, staging, identity, std::int64_t(checked.diagnostics.size()), store);
    remove_tree(staging);
    report_and_log(result, checked.diagnostics, store);
    return result;
}

void UsbWatcher::stage_and_import(StickResult& result, const std::string& staging,
    std::optional<BundleIdentity>& identity, ImportReport& checked, store::Store& store)
{
    std::string error;
    if (CopyResult copied = copy_to_staging(result.folder, staging, m_config.limits, result.reason, &result.bytes);
        copied != CopyResult::Copied) {
        result.outcome = copied == CopyResult::Refused ? Outcome::Invalid : Outcome::Unreadable;
    } else if (!(identity = bundle_identity(staging, error))) {
        result.outcome = Outcome::Unreadable;
        result.reason = Reason::plain(error);
    } else if (auto active = store.active_version(); active && active->identity == identity->hash) {
        result.outcome = Outcome::Unchanged;
        result.version = active->version;
        result.reason = Reason::said("already_showing");
    } else if (m_poison.count(identity->hash)) {
        result.outcome = Outcome::SetAside;
        result.reason = Reason::said("set_aside");
    } else {
        // Verifying, validating and importing a stranger's files happen in a child under limits.
        ChildImport child = import_in_child(m_config.child, staging, result.source);
        result.checked = child.answered;
        result.version = child.report.version;
        result.reason = child.report.reason;
        result.outcome = child.report.outcome;
        checked = child.report;
        if (child.crashed) {
            bool over_limits = child.report.outcome == Outcome::RefusedLimits;
            m_poison.insert(identity->hash);
            std::ofstream(poison_file(), std::ios::app)
                << identity->hash << (over_limits ? std::string(" ") + import_limits_id : "") << "\n";
            result.reason += Reason::said(over_limits ? "tried_when_limits_change" : "not_tried_again");
        }
    }
}

void UsbWatcher::settle(StickResult& result, const std::string& staging, const std::optional<BundleIdentity>& identity,
    std::int64_t problems, store::Store& store)
{
    // A bundle older than the signed content the kiosk took never waits: applying it would go back in time.
    if (Reason older = result.outcome == Outcome::Pending
            ? older_than_floor(unverified_manifest_version(staging), store)
            : Reason {};
        !older.empty()) {
        result.outcome = Outcome::RefusedVersion;
        result.reason = older;
    } else if (result.outcome == Outcome::Pending && was_superseded(m_config.state_dir, identity->hash)) {
        // A stick left in after the signed version came: its draft waited once, and what shows moved past it.
        result.outcome = Outcome::RefusedVersion;
        result.reason = Reason::said("waited_before");
    }
    // What waits from this stick is what the stick held when it was read: once the stick holds something else, or
    // could not be copied whole (pulled out, changed mid-copy), that copy is stale and goes. A bundle that stopped
    // waiting because an import moved past it goes too.
    drop_pending_from(m_config.state_dir, result.source, identity ? identity->hash : "",
        identity ? Reason::said("stick_holds_another")
                 : Reason::said("stick_not_whole", {{"why", result.reason.text()}}),
        store, m_config.clock.now());
    if (result.outcome == Outcome::Imported)
        drop_superseded_pending(m_config.state_dir, store, m_config.clock.now());
    // Pending bundles stay for the staff screen; everything else is cleaned up.
    if (result.outcome == Outcome::Pending) {
        std::string now_text = local_minutes_text(unix_seconds(m_config.clock.now()));
        keep_for_staff(result, staging, identity ? identity->hash : "", now_text, problems);
    }
}

void UsbWatcher::report_and_log(StickResult& result, const std::vector<Diagnostic>& problems, store::Store& store)
{
    std::int64_t now = unix_seconds(m_config.clock.now());
    result.report = stick_report(result, problems, now, report_words(store));
    result.report_written = write_report(result.folder, result.report, result.report_problem);
    if (result.others.size() == 1)
        result.reason += Reason::said("other_folder");
    else if (!result.others.empty())
        result.reason += Reason::said("other_folders", {{"n", std::to_string(result.others.size())}});
    Reason logged = result.reason;
    if (!result.report_written)
        logged += Reason::said("no_report", {}) + result.report_problem + Reason::plain(")");
    store.log_sync(now, result.source, result_word(result.outcome), std::int64_t(result.bytes), logged.text(),
        json_line(reason_json(logged)));
}

} // namespace kiosk::sync
