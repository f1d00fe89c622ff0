// StaffPin: crypto_pwhash_str (Argon2id, interactive limits) and a small lock file.
#include "app/staff_pin.hpp"

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <sodium.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

namespace {

std::string read_small(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool write_private(const std::string& path, const std::string& text)
{
    std::string temporary = path + ".new";
    int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return false;
    bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size()) && fsync(fd) == 0;
    close(fd);
    return ok && rename(temporary.c_str(), path.c_str()) == 0;
}

// After the free tries: 30 s, then twice as long for each further wrong PIN, at most an hour.
std::int64_t lock_seconds(int failures)
{
    int extra = std::max(0, failures - StaffPin::free_tries);
    return std::min<std::int64_t>(3600, 30LL << std::min(extra, 7));
}

} // namespace

StaffPin::StaffPin(std::string state_dir)
    : m_hash_file(state_dir + "/staff-pin")
    , m_lock_file(state_dir + "/staff-lock")
{
    load_lock();
}

bool StaffPin::is_set() const
{
    return read_small(m_hash_file).rfind("$argon2", 0) == 0;
}

bool StaffPin::set(const std::string& pin, std::string& error)
{
    if (pin.size() < 4 || pin.size() > 12 || !std::all_of(pin.begin(), pin.end(), ::isdigit)) {
        error = "a PIN is 4 to 12 digits";
        return false;
    }
    if (sodium_init() < 0) {
        error = "the cryptography library cannot start";
        return false;
    }
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(
            hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0) {
        error = "there is not enough memory to protect the PIN";
        return false;
    }
    if (!write_private(m_hash_file, std::string(hash) + "\n")) {
        error = "the PIN cannot be saved in " + m_hash_file;
        return false;
    }
    m_failures = 0;
    m_locked_until = 0;
    save_lock();
    return true;
}

void StaffPin::load_lock()
{
    std::istringstream in(read_small(m_lock_file));
    in >> m_failures >> m_locked_until;
    if (!in)
        m_failures = 0, m_locked_until = 0;
}

void StaffPin::save_lock() const
{
    write_private(m_lock_file, std::to_string(m_failures) + " " + std::to_string(m_locked_until) + "\n");
}

std::int64_t StaffPin::locked_for(std::int64_t now) const
{
    return std::max<std::int64_t>(0, m_locked_until - now);
}

StaffPin::Check StaffPin::check(const std::string& pin, std::int64_t now, std::string& message)
{
    load_lock(); // Another process (a restart) may have changed it.
    if (std::int64_t wait = locked_for(now); wait > 0) {
        message = "Too many wrong PINs. Try again in " + std::to_string((wait + 59) / 60) + " min.";
        return Check::Locked;
    }
    std::string hash = read_small(m_hash_file);
    while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r'))
        hash.pop_back();
    if (sodium_init() >= 0 && !hash.empty() && crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0) {
        m_failures = 0;
        m_locked_until = 0;
        save_lock();
        message.clear();
        return Check::Right;
    }
    ++m_failures;
    if (m_failures >= free_tries) {
        m_locked_until = now + lock_seconds(m_failures);
        message = "Wrong PIN. The pad is locked for " + std::to_string(lock_seconds(m_failures)) + " s.";
    } else {
        int left = free_tries - m_failures;
        message = "Wrong PIN. " + std::to_string(left) + (left == 1 ? " try" : " tries") + " left.";
    }
    save_lock();
    return Check::Wrong;
}

} // namespace kiosk
