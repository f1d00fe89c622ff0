// Bundles waiting for staff: their folders and infos, and dropping those that what shows has moved past.
#include "sync/pending.hpp"

#include "content/posix_file.hpp"
#include "content/text_util.hpp"
#include "store/versions.hpp"
#include "sync/import_report.hpp"
#include "sync/signing.hpp"
#include "sync/staging.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sys/stat.h>
#include <utility>

namespace kiosk::sync {

namespace {

std::int64_t unix_seconds(WallTime time)
{
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

std::string superseded_file(const std::string& state_dir)
{
    return state_dir + "/superseded-bundles";
}

void log_dropped(
    store::Store& store, const PendingInfo& info, const Reason& why, WallTime now, std::vector<std::string>& lines)
{
    Reason line = Reason::said("dropped", {{"arrived", info.arrived_text}}) + why;
    store.log_sync(unix_seconds(now), info.source, "dropped", 0, line.text(), json_line(reason_json(line)));
    lines.push_back(info.source + ": " + line.text());
}

// Keeps the last 50: a stick left in is all this is for.
void remember_superseded(const std::string& state_dir, const std::string& identity)
{
    std::vector<std::string> kept;
    std::ifstream in(superseded_file(state_dir));
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line != identity)
            kept.push_back(line);
    kept.push_back(identity);
    if (kept.size() > 50)
        kept.erase(kept.begin(), kept.end() - 50);
    std::string text;
    for (const std::string& line : kept)
        text += line + "\n";
    posix::write_file_durably(superseded_file(state_dir), text, 0644);
}

} // namespace

std::string local_minutes_text(std::int64_t unix_seconds)
{
    auto t = static_cast<std::time_t>(unix_seconds);
    std::tm tm {};
    localtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M", &tm);
    return buffer;
}

std::string pending_folder(const std::string& state_dir, int slot)
{
    return state_dir + (slot == 2 ? "/pending-2" : "/pending");
}

PendingInfo read_pending_info(const std::string& state_dir, int slot)
{
    PendingInfo info;
    struct stat st { };
    if (stat((pending_folder(state_dir, slot) + "/bundle.toml").c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return info;
    std::ifstream in(pending_folder(state_dir, slot) + "-info");
    std::string line, why;
    while (std::getline(in, line)) {
        std::size_t eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        if (key == "source")
            info.source = value;
        else if (key == "arrived")
            info.arrived = std::atoll(value.c_str());
        else if (key == "identity")
            info.identity = value;
        else if (key == "why")
            why = value;
        else if (key == "reason")
            info.why = reason_from_text(value);
        else if (key == "problems")
            info.problems = std::atoll(value.c_str());
        else if (key == "refused")
            info.refused.push_back(value);
    }
    if (info.why.text() != why) // Kept before reasons were, or changed by hand: the words win.
        info.why = why.empty() ? Reason {} : Reason::plain(why);
    if (info.source.empty())
        info.source = "a stick"; // Waiting from before this file was kept.
    info.arrived_text = info.arrived > 0 ? local_minutes_text(info.arrived) : "at an unknown time";
    return info;
}

bool write_pending_info(const std::string& state_dir, const PendingInfo& info, int slot)
{
    // One line each: the values are escaped, so a stick's folder name cannot add a line.
    std::string text = "source=" + escape_controls(info.source) + "\narrived=" + std::to_string(info.arrived)
        + "\nidentity=" + info.identity + "\nwhy=" + escape_controls(info.why.text())
        + "\nreason=" + json_line(reason_json(info.why)) + "\n";
    if (info.problems >= 0)
        text += "problems=" + std::to_string(info.problems) + "\n";
    for (const std::string& other : info.refused)
        text += "refused=" + escape_controls(other) + "\n";
    return bool(posix::write_file_durably(pending_folder(state_dir, slot) + "-info", text, 0644));
}

void forget_pending(const std::string& state_dir, int slot)
{
    remove_tree(pending_folder(state_dir, slot));
    std::remove((pending_folder(state_dir, slot) + "-info").c_str());
}

std::vector<int> waiting_slots(const std::string& state_dir)
{
    std::vector<std::pair<std::int64_t, int>> waiting; // (arrived, slot)
    for (int slot = 1; slot <= pending_slots; ++slot)
        if (PendingInfo info = read_pending_info(state_dir, slot); !info.source.empty())
            waiting.emplace_back(info.arrived, slot);
    std::sort(waiting.begin(), waiting.end());
    std::vector<int> slots;
    slots.reserve(waiting.size());
    for (const auto& [arrived, slot] : waiting)
        slots.push_back(slot);
    return slots;
}

std::string unverified_manifest_version(const std::string& dir)
{
    // A MANIFEST lists at most a bundle's files: a few hundred KiB.
    auto text = posix::read_file(dir + "/MANIFEST", 4ull << 20, posix::Links::Refuse);
    std::string error;
    auto manifest = text ? parse_manifest(*text, error) : std::nullopt;
    return manifest && store::is_packed_version(manifest->version) ? manifest->version : "";
}

std::string pending_manifest_version(const std::string& state_dir, int slot)
{
    return unverified_manifest_version(pending_folder(state_dir, slot));
}

Reason older_than_floor(const std::string& version, store::Store& store)
{
    std::string floor = store.version_floor();
    if (version.empty() || !store::is_packed_version(floor) || store::compare_versions(version, floor) >= 0)
        return {};
    return Reason::said("older_than_taken", {{"version", version}, {"floor", floor}});
}

std::optional<store::VersionInfo> signed_since(store::Store& store, std::int64_t since)
{
    std::optional<store::VersionInfo> newest;
    for (const store::VersionInfo& version : store.versions())
        if (version.is_signed && version.imported_at > since && (!newest || version.imported_at > newest->imported_at))
            newest = version;
    return newest;
}

Reason superseded_why(const std::string& state_dir, int slot, store::Store& store)
{
    PendingInfo info = read_pending_info(state_dir, slot);
    if (info.source.empty())
        return {};
    auto active = store.active_version();
    if (active && !info.identity.empty() && active->identity == info.identity)
        return Reason::said("showing_version", {{"version", active->version}});
    if (info.arrived > 0) {
        if (auto newer = signed_since(store, info.arrived))
            return Reason::said("signed_arrived_since", {{"version", newer->version}, {"source", newer->source}});
    }
    return older_than_floor(pending_manifest_version(state_dir, slot), store);
}

std::vector<std::string> drop_superseded_pending(const std::string& state_dir, store::Store& store, WallTime now)
{
    std::vector<std::string> lines;
    for (int slot = 1; slot <= pending_slots; ++slot) {
        Reason why = superseded_why(state_dir, slot, store);
        if (why.empty())
            continue;
        PendingInfo info = read_pending_info(state_dir, slot);
        forget_pending(state_dir, slot);
        log_dropped(store, info, why, now, lines);
        if (!info.identity.empty())
            remember_superseded(state_dir, info.identity);
    }
    return lines;
}

bool was_superseded(const std::string& state_dir, const std::string& identity)
{
    std::ifstream in(superseded_file(state_dir));
    for (std::string line; std::getline(in, line);)
        if (!identity.empty() && line == identity)
            return true;
    return false;
}

std::vector<std::string> drop_pending_from(const std::string& state_dir, const std::string& source,
    const std::string& identity, const Reason& why, store::Store& store, WallTime now)
{
    std::vector<std::string> lines;
    for (int slot = 1; slot <= pending_slots; ++slot) {
        PendingInfo info = read_pending_info(state_dir, slot);
        if (info.source != source || (!identity.empty() && info.identity == identity))
            continue;
        forget_pending(state_dir, slot);
        log_dropped(store, info, why, now, lines);
    }
    return lines;
}

} // namespace kiosk::sync
