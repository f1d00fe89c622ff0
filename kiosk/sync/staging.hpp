// Bundles on USB sticks: finding them under the mount roots, copying one to staging before anything reads it, and
// writing the report back. The stick is read once, under limits; everything after works on the copy.
#pragma once

#include "content/reason.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::sync {

struct StagingLimits {
    std::size_t max_files = 2000;                 // As a bundle may hold (BundleLimits).
    std::size_t max_folders = 100;                // pages/, images/, calendars/: a handful in practice.
    std::uint64_t max_total_bytes = 256ull << 20; // As a bundle may hold.
    std::uint64_t max_file_bytes = 64ull << 20;   // No single file of a bundle comes near this.
    int max_depth = 2;                            // bundle.toml, pages/x.md: folders two deep at most.
};

// Folders holding a bundle.toml under each root, at most two levels down (the root itself, root/a, root/a/b),
// sorted. Links are not followed; unreadable folders are skipped.
std::vector<std::string> find_bundle_folders(const std::vector<std::string>& roots);

// Where a bundle folder is looked for deeper on a stick, when none is where the kiosk looks.
struct DeepSearchLimits {
    int min_depth = 2;              // Folders below the stick: the top and one down are where the kiosk looks.
    int max_depth = 5;              // STICK/a/b/c/d/bundle.toml at most.
    std::size_t max_folders = 2000; // Folders visited at most: a stick full of photos is not read to the end.
};

// Folders holding a bundle.toml inside `stick`, `limits.min_depth` to `limits.max_depth` folders below it, relative to
// it ("Kiosk/eastside-content"), sorted. Links are not followed (so the search never leaves the stick), hidden
// folders are skipped, unreadable ones too, and a bundle's own folders are not searched further.
std::vector<std::string> find_deep_bundle_folders(const std::string& stick, const DeepSearchLimits& limits = {});

// A cheap fingerprint of a folder (names, sizes and times of its files, from stat alone), to notice a stick that
// changed or came back without reading it all.
std::string folder_fingerprint(const std::string& dir);

// Copies the bundle in `from` to `to` (made afresh; an old one there is removed) and fsyncs it. Refuses symbolic
// links, devices, pipes and sockets, folders deeper than the limit, and more files or bytes than the limits; and
// refuses when the folder changed while it was read (a stick pulled out). On refusal `to` is removed and `why` says
// what was wrong in plain words. `bytes` is what was copied.
enum class CopyResult {
    Copied,
    Refused,    // The bundle breaks a limit, or holds links, devices, pipes or sockets: it cannot be taken as it is.
    Unreadable, // The stick changed or was pulled out while it was read, or the kiosk's disk failed: try again.
};
CopyResult copy_to_staging(const std::string& from, const std::string& to, const StagingLimits& limits, Reason& why,
    std::uint64_t* bytes = nullptr);

// Writes `text` as DIR/kiosk-report.txt (a temporary file, fsynced, then renamed). False with `why` when the stick
// cannot be written (read-only, full, pulled out).
bool write_report(const std::string& dir, const std::string& text, Reason& why);

// Removes a folder and everything in it (links removed, never followed).
void remove_tree(const std::string& dir);

} // namespace kiosk::sync
