// POSIX files once: UniqueFd, list_dir, read_file and write_file_durably.
#include "content/posix_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace kiosk::posix {

namespace {

// Writes all of `bytes`, retrying short writes and EINTR; false with errno set when the disk refuses.
bool write_all(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        bytes.remove_prefix(std::size_t(n));
    }
    return true;
}

std::string folder_of(const std::string& path)
{
    std::size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

WriteResult failed(bool created)
{
    return WriteResult {false, created, errno};
}

} // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept
{
    if (this != &other)
        reset(other.release());
    return *this;
}

int UniqueFd::release()
{
    return std::exchange(m_fd, -1);
}

void UniqueFd::reset(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

std::optional<std::vector<std::string>> list_dir(const std::string& path)
{
    std::unique_ptr<DIR, int (*)(DIR*)> dir(opendir(path.c_str()), closedir);
    if (!dir)
        return std::nullopt;
    std::vector<std::string> names;
    while (dirent* entry = readdir(dir.get())) {
        std::string name = entry->d_name;
        if (name != "." && name != "..")
            names.push_back(std::move(name));
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::optional<std::string> read_file(const std::string& path, std::uint64_t max_bytes, Links links)
{
    // O_NONBLOCK: opening a FIFO does not wait for a writer (it is refused below); no effect on regular files.
    int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | (links == Links::Refuse ? O_NOFOLLOW : 0);
    UniqueFd fd(::open(path.c_str(), flags));
    struct stat st { };
    if (!fd || fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || std::uint64_t(st.st_size) > max_bytes)
        return std::nullopt;
    // Read to the end rather than to st_size: /proc files say 0, and a file may change while it is read.
    std::string text(std::size_t(st.st_size), '\0');
    std::size_t done = 0;
    for (;;) {
        if (done == text.size()) {
            if (text.size() > max_bytes)
                return std::nullopt;
            text.resize(std::size_t(std::min<std::uint64_t>(max_bytes + 1, std::max<std::size_t>(4096, done * 2))));
        }
        ssize_t n = ::read(fd.get(), text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return std::nullopt;
        if (n == 0)
            break;
        done += std::size_t(n);
    }
    if (done > max_bytes)
        return std::nullopt;
    text.resize(done);
    return text;
}

WriteResult write_file_durably(const std::string& path, std::string_view bytes, mode_t mode, Existing existing)
{
    std::string folder = folder_of(path);
    if (existing == Existing::Refuse) {
        UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
        if (!fd)
            return failed(false);
        if (!write_all(fd.get(), bytes) || fsync(fd.get()) != 0) {
            WriteResult result = failed(true);
            unlink(path.c_str()); // Made by us a moment ago: a half key must not stay to be mistaken for one.
            return result;
        }
        fd.reset();
        sync_dir(folder);
        return WriteResult {true, true, 0};
    }
    std::size_t slash = path.rfind('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string temporary
        = (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + "." + name + ".tmp";
    UniqueFd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode));
    if (!fd)
        return failed(false);
    bool ok = write_all(fd.get(), bytes) && fsync(fd.get()) == 0;
    int error = errno;
    fd.reset();
    if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
        error = ok ? errno : error;
        unlink(temporary.c_str());
        return WriteResult {false, true, error};
    }
    sync_dir(folder);
    return WriteResult {true, true, 0};
}

bool append_durably(const std::string& path, std::string_view bytes, mode_t mode)
{
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode));
    return fd && write_all(fd.get(), bytes) && fsync(fd.get()) == 0;
}

void sync_dir(const std::string& path)
{
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd)
        fsync(fd.get());
}

} // namespace kiosk::posix
