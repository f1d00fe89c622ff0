// Staging: a careful copy of a stick's bundle, with no link followed and every limit checked before it is reached.
#include "sync/staging.hpp"

#include "content/posix_file.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace kiosk::sync {

namespace {

// The names in `dir`, sorted; none when it cannot be read.
std::vector<std::string> entries(const std::string& dir)
{
    return posix::list_dir(dir).value_or(std::vector<std::string> {});
}

bool is_kind(const std::string& path, mode_t kind)
{
    struct stat st { };
    return lstat(path.c_str(), &st) == 0 && (st.st_mode & S_IFMT) == kind;
}

// What the copy must hold: the files and folders, in order, with their sizes, checked against the limits.
struct Listing {
    std::vector<std::string> folders; // Relative paths.
    std::vector<std::pair<std::string, std::uint64_t>> files;
    std::uint64_t total = 0;
    std::string fingerprint;
    bool unreadable = false; // The listing stopped on a file it could not read, not on a limit.
};

bool list(const std::string& root, const std::string& relative, int depth, const StagingLimits& limits,
    Listing& listing, Reason& why)
{
    std::string path = relative.empty() ? root : root + "/" + relative;
    for (const std::string& name : entries(path)) {
        if (name[0] == '.' || (relative.empty() && name == "kiosk-report.txt"))
            continue; // Hidden files (.Trashes, ._x) and our own report are not part of a bundle.
        std::string rel = relative.empty() ? name : relative + "/" + name;
        struct stat st { };
        if (lstat((root + "/" + rel).c_str(), &st) != 0) {
            why = Reason::said("copy_unreadable", {{"file", rel}});
            listing.unreadable = true;
            return false;
        }
        if (S_ISLNK(st.st_mode)) {
            why = Reason::said("copy_link", {{"file", rel}});
            return false;
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth >= limits.max_depth) {
                why = Reason::said("copy_folder_too_deep", {{"file", rel}});
                return false;
            }
            if (listing.folders.size() + 1 > limits.max_folders) {
                why = Reason::said("copy_too_many_folders", {{"n", std::to_string(limits.max_folders)}});
                return false;
            }
            listing.folders.push_back(rel);
            listing.fingerprint += "d " + rel + "\n";
            if (!list(root, rel, depth + 1, limits, listing, why))
                return false;
            continue;
        }
        if (!S_ISREG(st.st_mode)) {
            why = Reason::said("copy_not_plain_file", {{"file", rel}});
            return false;
        }
        if (std::uint64_t(st.st_size) > limits.max_file_bytes) {
            why = Reason::said("copy_file_too_large",
                {{"file", rel}, {"size", std::to_string(st.st_size >> 20)},
                    {"limit", std::to_string(limits.max_file_bytes >> 20)}});
            return false;
        }
        if (listing.files.size() + 1 > limits.max_files) {
            why = Reason::said("copy_too_many_files", {{"n", std::to_string(limits.max_files)}});
            return false;
        }
        listing.total += std::uint64_t(st.st_size);
        if (listing.total > limits.max_total_bytes) {
            why = Reason::said("copy_too_large", {{"limit", std::to_string(limits.max_total_bytes >> 20)}});
            return false;
        }
        listing.files.emplace_back(rel, std::uint64_t(st.st_size));
        listing.fingerprint += "f " + rel + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec)
            + "." + std::to_string(st.st_mtim.tv_nsec) + "\n";
    }
    return true;
}

// Copies one file of `size` bytes, named `rel` in the reasons.
bool copy_file(const std::string& from, const std::string& to, const std::string& rel, std::uint64_t size, Reason& why)
{
    auto fail = [&](std::string_view key, Reason::Args args = {}) {
        args.emplace(args.begin(), "file", rel);
        why = Reason::said(key, std::move(args));
        return false;
    };
    posix::UniqueFd in(open(from.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!in)
        return fail("copy_unreadable");
    posix::UniqueFd out(open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!out)
        return fail("copy_disk_error", {{"error", std::strerror(errno)}});
    char buffer[64 * 1024];
    std::uint64_t done = 0;
    for (;;) {
        ssize_t n = read(in.get(), buffer, sizeof buffer);
        if (n < 0)
            return fail("copy_cut_short");
        if (n == 0)
            break;
        done += std::uint64_t(n);
        if (done > size)
            return fail("copy_grew");
        if (::write(out.get(), buffer, std::size_t(n)) != n)
            return fail("copy_disk_full");
    }
    if (done != size)
        return fail("copy_short");
    if (fsync(out.get()) != 0)
        return fail("copy_not_written");
    return true;
}

// Tests only: a pause after each file, so a test can pull the "stick" out halfway (KIOSK_STAGING_PAUSE_MS).
int test_pause_ms()
{
    const char* text = std::getenv("KIOSK_STAGING_PAUSE_MS");
    return text ? std::clamp(std::atoi(text), 0, 10000) : 0;
}

} // namespace

std::vector<std::string> find_bundle_folders(const std::vector<std::string>& roots)
{
    std::vector<std::string> found;
    auto look = [&](const std::string& dir, int depth, auto& self) -> void {
        if (is_kind(dir + "/bundle.toml", S_IFREG)) {
            found.push_back(dir);
            return; // A bundle's own folders are not searched further.
        }
        if (depth >= 2)
            return;
        for (const std::string& name : entries(dir)) {
            if (name[0] == '.')
                continue;
            std::string child = dir + "/" + name;
            if (is_kind(child, S_IFDIR))
                self(child, depth + 1, self);
        }
    };
    for (const std::string& root : roots) {
        if (is_kind(root, S_IFDIR))
            look(root, 0, look);
    }
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

std::vector<std::string> find_deep_bundle_folders(const std::string& stick, const DeepSearchLimits& limits)
{
    std::vector<std::string> found;
    std::size_t visited = 0;
    // Breadth first, so the cap on folders visited cuts the deepest folders, not a whole branch at the top.
    std::vector<std::string> level {""};
    for (int depth = 0; depth <= limits.max_depth && !level.empty(); ++depth) {
        std::vector<std::string> next;
        for (const std::string& relative : level) {
            std::string dir = relative.empty() ? stick : stick + "/" + relative;
            if (depth >= limits.min_depth && is_kind(dir + "/bundle.toml", S_IFREG)) {
                found.push_back(relative);
                continue; // A bundle's own folders are not searched further.
            }
            if (depth == limits.max_depth)
                continue;
            for (const std::string& name : entries(dir)) {
                if (name[0] == '.')
                    continue;
                std::string child = relative.empty() ? name : relative + "/" + name;
                if (visited >= limits.max_folders)
                    break;
                if (is_kind(stick + "/" + child, S_IFDIR)) { // lstat: a link is never a folder here.
                    ++visited;
                    next.push_back(child);
                }
            }
        }
        level = std::move(next);
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::string folder_fingerprint(const std::string& dir)
{
    Listing listing;
    Reason why;
    StagingLimits generous;
    generous.max_files = 100000;
    generous.max_folders = 100000;
    generous.max_total_bytes = ~0ull;
    generous.max_file_bytes = ~0ull;
    if (!list(dir, "", 0, generous, listing, why))
        return "unreadable: " + why.text() + "\n" + listing.fingerprint;
    return listing.fingerprint;
}

CopyResult copy_to_staging(
    const std::string& from, const std::string& to, const StagingLimits& limits, Reason& why, std::uint64_t* bytes)
{
    remove_tree(to);
    Listing before;
    if (!list(from, "", 0, limits, before, why))
        return before.unreadable ? CopyResult::Unreadable : CopyResult::Refused;
    if (mkdir(to.c_str(), 0700) != 0) {
        why = Reason::plain("the kiosk cannot make its staging folder " + to + ": " + std::strerror(errno));
        return CopyResult::Unreadable;
    }
    auto fail = [&](Reason what) {
        why = std::move(what);
        remove_tree(to);
        return CopyResult::Unreadable;
    };
    for (const std::string& folder : before.folders) {
        if (mkdir((to + "/" + folder).c_str(), 0700) != 0)
            return fail(Reason::plain("the kiosk cannot make the folder " + folder + " in staging"));
    }
    int pause = test_pause_ms();
    for (const auto& [path, size] : before.files) {
        Reason file_why;
        if (!copy_file(from + "/" + path, to + "/" + path, path, size, file_why))
            return fail(file_why);
        if (pause > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(pause));
    }
    for (const std::string& folder : before.folders)
        posix::sync_dir(to + "/" + folder);
    posix::sync_dir(to);
    // Read the stick's listing again: a stick pulled out or changed halfway must not count as a bundle.
    Listing after;
    Reason after_why;
    if (!list(from, "", 0, limits, after, after_why) || after.fingerprint != before.fingerprint)
        return fail(Reason::said("copy_stick_changed"));
    if (bytes)
        *bytes = before.total;
    return CopyResult::Copied;
}

bool write_report(const std::string& dir, const std::string& text, Reason& why)
{
    // A hidden temporary file (.kiosk-report.txt.tmp), renamed over the report: a bundle listing skips it.
    posix::WriteResult written = posix::write_file_durably(dir + "/kiosk-report.txt", text, 0644);
    if (!written.created)
        why = written.error == EROFS
            ? Reason::said("stick_read_only")
            : Reason::plain("the stick cannot be written: " + std::string(std::strerror(written.error)));
    else if (!written)
        why = Reason::said("stick_full");
    return bool(written);
}

void remove_tree(const std::string& dir)
{
    struct stat st { };
    if (lstat(dir.c_str(), &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        for (const std::string& name : entries(dir))
            remove_tree(dir + "/" + name);
        rmdir(dir.c_str());
    } else {
        unlink(dir.c_str());
    }
}

} // namespace kiosk::sync
