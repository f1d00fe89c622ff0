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

// How a report on a stick whose bundle is too deep starts: a bundle later found where the kiosk looks removes it.
const char* const too_deep_marker = "a bundle was found too deep on this stick";

std::int64_t unix_seconds(WallTime time)
{
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

} // namespace

std::string stick_report(
    const StickResult& raw, const std::string& problems, std::int64_t now, const ReportWords& words)
{
    // The message may quote a folder's name from the stick: one line, so it cannot forge one of the lines below.
    StickResult result = raw;
    result.message = escape_controls(raw.message);
    std::string version = words.version ? words.version(raw.version) : "version " + raw.version;
    version = escape_controls(version);
    auto fill = [&](std::string text) {
        for (auto [name, value] : {std::pair<std::string_view, const std::string*> {"{when}", nullptr},
                 {"{version}", &version}, {"{why}", &result.message}}) {
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
    if (!words.details_note.empty())
        text += fill(words.details_note);
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
    if (!problems.empty())
        text += "\n" + fill(words.problems) + problems;
    else if (result.checked)
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
        // Once a bundle is where the kiosk looks, a report at the top of the stick saying it was too deep is stale.
        if (std::string stick = stick_of(folder); stick != folder) {
            std::string top = stick + "/kiosk-report.txt";
            auto old = posix::read_file(top, 64 * 1024, posix::Links::Refuse);
            if (old && old->find(too_deep_marker) != std::string::npos)
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
    result.message = std::string(too_deep_marker) + ", at " + label + "/" + first
        + ": move that folder to the top of the stick (" + label + "/" + name
        + "); the kiosk looks for bundle.toml only at the top of a stick and one folder down, and took nothing";
    if (deep.size() > 1)
        result.message += " (" + count_of(deep.size() - 1, "more bundle folder", "more bundle folders")
            + " too deep on it: one bundle per stick)";
    result.report = stick_report(result, "", unix_seconds(m_config.clock.now()), report_words(store));
    result.report_written = write_report(stick, result.report, result.report_problem);
    std::string logged = result.message;
    if (!result.report_written)
        logged += " (no report on the stick: " + result.report_problem + ")";
    store.log_sync(unix_seconds(m_config.clock.now()), result.source, result_word(result.outcome), 0, logged);
    return result;
}

// A bundle that waits for staff, copied in `staging`, goes to a free slot (two bundles can wait). A bundle already
// waiting is never replaced by another: a visitor's stick must not swap what staff left waiting (staff apply or
// ignore one, then the next can wait).
void UsbWatcher::keep_for_staff(StickResult& result, const std::string& staging, const std::string& identity,
    const std::string& now_text, std::int64_t problems)
{
    PendingInfo first = read_pending_info(m_config.state_dir, 1), second = read_pending_info(m_config.state_dir, 2);
    bool waits = !identity.empty() && (first.identity == identity || second.identity == identity);
    int slot = first.source.empty() ? 1 : second.source.empty() ? 2 : 0;
    if (waits) {
        result.message = "this bundle already waits for staff to apply it";
    } else if (slot == 0) {
        result.outcome = Outcome::Busy;
        result.message = "two bundles already wait for staff (" + first.source + ", arrived " + first.arrived_text
            + "; " + second.source + ", arrived " + second.arrived_text
            + "): staff must apply or ignore one on the staff screen before another can wait";
        // Staff see this one too, beside the first (the last few).
        first.refused.push_back(result.source + " at " + now_text);
        if (first.refused.size() > 5)
            first.refused.erase(first.refused.begin());
        write_pending_info(m_config.state_dir, first, 1);
    } else {
        std::string pending = pending_folder(m_config.state_dir, slot);
        remove_tree(pending);
        if (rename(staging.c_str(), pending.c_str()) != 0) {
            result.message += " (the kiosk could not keep a copy for staff)";
        } else {
            PendingInfo info;
            info.source = result.source;
            info.arrived = unix_seconds(m_config.clock.now());
            info.identity = identity;
            info.why = result.message;
            info.problems = problems;
            write_pending_info(m_config.state_dir, info, slot);
            if (slot == 2)
                result.message += " (another bundle waits too: staff see both and choose)";
        }
    }
}

// One pass over one stick: stage, check, import or wait, report. It is 87 lines and not yet split: the split into
// stage / decide / report (the too-deep stick already has its own, report_deep) is owed, and needs a CI run that the
// session that reshaped it had no time left for.
StickResult UsbWatcher::process(const std::string& folder, const std::vector<std::string>& others, store::Store& store)
{
    StickResult result;
    result.folder = folder;
    result.others = others;
    result.source = "usb:" + folder;
    std::string problems;
    std::int64_t problem_count = 0;
    std::string now_text = local_minutes_text(unix_seconds(m_config.clock.now()));

    std::string staging_root = m_config.state_dir + "/staging";
    mkdir(staging_root.c_str(), 0700);
    std::string staging = staging_root + "/usb-" + std::to_string(m_next_staging++ % 2);
    std::string why;
    std::optional<BundleIdentity> identity;
    if (CopyResult copied = copy_to_staging(folder, staging, m_config.limits, why, &result.bytes);
        copied != CopyResult::Copied) {
        result.outcome = copied == CopyResult::Refused ? Outcome::Invalid : Outcome::Unreadable;
        result.message = why;
    } else if (!(identity = bundle_identity(staging, why))) {
        result.outcome = Outcome::Unreadable;
        result.message = why;
    } else if (auto active = store.active_version(); active && active->identity == identity->hash) {
        result.outcome = Outcome::Unchanged;
        result.version = active->version;
        result.message = "this content is already showing";
    } else if (m_poison.count(identity->hash)) {
        result.outcome = Outcome::SetAside;
        result.message = "this bundle stopped the kiosk before (its checker, or the kiosk as it started with it); it "
                         "is not tried again until it changes";
    } else {
        // Verifying, validating and importing a stranger's files happen in a child under limits.
        ChildImport child = import_in_child(m_config.child, staging, result.source);
        result.checked = child.answered;
        result.version = child.report.version;
        result.message = child.report.message;
        problems = child.report.problems_text();
        problem_count = std::int64_t(child.report.diagnostics.size());
        result.outcome = child.report.outcome;
        if (child.crashed) {
            bool over_limits = child.report.outcome == Outcome::RefusedLimits;
            m_poison.insert(identity->hash);
            std::ofstream(poison_file(), std::ios::app)
                << identity->hash << (over_limits ? std::string(" ") + import_limits_id : "") << "\n";
            result.message += over_limits
                ? "; it is tried again when it changes, or when a kiosk update changes the limits"
                : "; it is not tried again until it changes";
        }
    }

    // A bundle older than the signed content the kiosk took never waits: applying it would go back in time.
    if (std::string older
        = result.outcome == Outcome::Pending ? older_than_floor(unverified_manifest_version(staging), store) : "";
        !older.empty()) {
        result.outcome = Outcome::RefusedVersion;
        result.message = older;
    } else if (result.outcome == Outcome::Pending && was_superseded(m_config.state_dir, identity->hash)) {
        // A stick left in after the signed version came: its draft waited once, and what shows moved past it.
        result.outcome = Outcome::RefusedVersion;
        result.message = "this bundle waited for staff, and a newer signed version arrived since: it does not wait "
                         "again (change it, and it will)";
    }
    // What waits from this stick is what the stick held when it was read: once the stick holds something else, or
    // could not be copied whole (pulled out, changed mid-copy), that copy is stale and goes. A bundle that stopped
    // waiting because an import moved past it goes too.
    drop_pending_from(m_config.state_dir, result.source, identity ? identity->hash : "",
        identity ? "the stick now holds another bundle"
                 : "the stick was read again and could not be copied whole (" + result.message + ")",
        store, m_config.clock.now());
    if (result.outcome == Outcome::Imported)
        drop_superseded_pending(m_config.state_dir, store, m_config.clock.now());
    // Pending bundles stay for the staff screen; everything else is cleaned up.
    if (result.outcome == Outcome::Pending)
        keep_for_staff(result, staging, identity ? identity->hash : "", now_text, problem_count);
    remove_tree(staging);

    result.report = stick_report(result, problems, unix_seconds(m_config.clock.now()), report_words(store));
    result.report_written = write_report(folder, result.report, result.report_problem);
    if (!others.empty())
        result.message += " (" + count_of(others.size(), "other bundle folder", "other bundle folders")
            + " on this stick not read: one bundle per stick)";
    std::string logged = result.message;
    if (!result.report_written)
        logged += " (no report on the stick: " + result.report_problem + ")";
    store.log_sync(unix_seconds(m_config.clock.now()), result.source, result_word(result.outcome),
        std::int64_t(result.bytes), logged);
    return result;
}

} // namespace kiosk::sync
