// POSIX files once, for every layer: an owning file descriptor, a folder listing, a size-limited read, a durable write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace kiosk::posix {

// A file descriptor that is closed when it goes out of scope. Move-only; -1 when it holds none.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd)
        : m_fd(fd)
    { }
    UniqueFd(UniqueFd&& other) noexcept
        : m_fd(other.release())
    { }
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return m_fd; }
    // Gives the descriptor up without closing it; the caller owns it then.
    int release();
    // Closes the descriptor held (if any) and holds `fd` instead.
    void reset(int fd = -1);
    explicit operator bool() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

// The names in a folder, sorted, without "." and ".."; nothing when the folder cannot be opened.
std::optional<std::vector<std::string>> list_dir(const std::string& path);

// Whether read_file opens a file that is a symbolic link.
enum class Links {
    Follow,
    Refuse,
};

// The whole file, at most `max_bytes`: nothing when it is missing, unreadable, not a regular file, or larger. Safe on
// untrusted paths: a FIFO or device is refused without blocking, and a big file is never read past the limit.
std::optional<std::string> read_file(const std::string& path, std::uint64_t max_bytes, Links links = Links::Follow);

// Whether write_file_durably may replace a file already at the path.
enum class Existing {
    Replace, // A temporary file beside it, fsynced, renamed over it: the old file or the new one, never half.
    Refuse,  // Created in place (O_EXCL), fsynced; removed again when it cannot be written whole. For new keys.
};

// What a write did. `created` tells a file that could not even be created (a read-only stick, an existing key) from
// one that could not be written whole (a full disk); `error` is the errno of the step that failed.
struct WriteResult {
    bool ok = false;
    bool created = false;
    int error = 0;
    explicit operator bool() const { return ok; }
};

// Writes `bytes` as `path` with `mode` (links at the path are not followed), fsyncs it, and fsyncs the folder so the
// name is on disk too. The temporary file of Existing::Replace is ".NAME.tmp", hidden from bundle listings.
WriteResult write_file_durably(
    const std::string& path, std::string_view bytes, mode_t mode, Existing existing = Existing::Replace);

// Appends `bytes` to `path` (created with `mode` when missing) with O_APPEND, then fsyncs it. For logs of lines.
bool append_durably(const std::string& path, std::string_view bytes, mode_t mode);

// Fsyncs a folder, so that names created, renamed or removed in it are on disk. Errors are ignored: best effort.
void sync_dir(const std::string& path);

} // namespace kiosk::posix
