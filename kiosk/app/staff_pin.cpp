// StaffPin: crypto_pwhash_str (Argon2id, interactive limits) and a small lock file.
#include "app/staff_pin.hpp"

#include "app/paths.hpp"
#include "content/posix_file.hpp"

#include <algorithm>
#include <cstdio>
#include <sodium.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

namespace {

// The PIN's hash and its lock are a line each; anything bigger is not ours.
std::string read_small(const std::string& path)
{
    return posix::read_file(path, 64 * 1024).value_or("");
}

// After the free tries: 30 s, then twice as long for each further wrong PIN, at most an hour.
std::int64_t lock_seconds(int failures)
{
    int extra = std::max(0, failures - StaffPin::free_tries);
    return std::min<std::int64_t>(3600, 30LL << std::min(extra, 7));
}

} // namespace

StaffPin::StaffPin(const std::string& state_dir)
    : m_hash_file(state_dir + "/staff-pin")
    , m_lock_file(state_dir + "/staff-lock")
{ }

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
    if (!posix::write_file_durably(m_hash_file, std::string(hash) + "\n", 0600)) {
        error = "the PIN cannot be saved in " + m_hash_file;
        return false;
    }
    // A new PIN starts with no wrong tries (a running kiosk sees the file change). Should this write fail, the PIN is
    // still set, and the next right PIN clears the count.
    posix::write_file_durably(m_lock_file, "0 0 0\n", 0600);
    return true;
}

// The file: "FAILURES LOCKED_UNTIL LENGTH", the lock's end in Unix seconds and its whole length in seconds (files
// from before the length was kept have two numbers: their lock then counts as the longest).
void StaffPin::load_lock(std::int64_t now, std::int64_t uptime)
{
    std::string text = read_small(m_lock_file);
    if (m_loaded && text == m_lock_text)
        return; // Nothing new: what is in memory holds, even when the last save failed.
    m_loaded = true;
    m_lock_text = text;
    std::istringstream in(text);
    int failures = 0;
    std::int64_t until = 0, length = longest_lock;
    in >> failures >> until;
    if (!in)
        failures = 0, until = 0;
    if (!(in >> length))
        length = longest_lock;
    length = std::clamp<std::int64_t>(length, 0, longest_lock);
    m_failures = std::max(0, failures);
    m_lock_length = length;
    m_locked_until = uptime + std::clamp<std::int64_t>(until - now, 0, length);
}

void StaffPin::save_lock(std::int64_t now, std::int64_t uptime)
{
    std::int64_t left = locked_for(uptime);
    std::string text = std::to_string(m_failures) + " " + std::to_string(left > 0 ? now + left : 0) + " "
        + std::to_string(left > 0 ? m_lock_length : 0) + "\n";
    if (posix::write_file_durably(m_lock_file, text, 0600))
        m_lock_text = text;
}

std::int64_t StaffPin::locked_for(std::int64_t uptime) const
{
    return std::max<std::int64_t>(0, m_locked_until - uptime);
}

StaffPin::Check StaffPin::check(const std::string& pin, std::int64_t now, std::int64_t uptime, ui::Phrase& message)
{
    load_lock(now, uptime);
    if (std::int64_t wait = locked_for(uptime); wait > 0) {
        message = ui::Phrase {"staff_pin_locked", {{"minutes", std::to_string((wait + 59) / 60)}}};
        return Check::Locked;
    }
    std::string hash = read_small(m_hash_file);
    while (!hash.empty() && (hash.back() == '\n' || hash.back() == '\r'))
        hash.pop_back();
    if (sodium_init() >= 0 && !hash.empty() && crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0) {
        m_failures = 0;
        m_locked_until = 0;
        m_lock_length = 0;
        save_lock(now, uptime);
        message = {};
        return Check::Right;
    }
    ++m_failures;
    if (m_failures >= free_tries) {
        m_lock_length = lock_seconds(m_failures);
        m_locked_until = uptime + m_lock_length;
        message = ui::Phrase {"staff_pin_wrong_locked", {{"seconds", std::to_string(m_lock_length)}}};
    } else {
        int left = free_tries - m_failures;
        message = ui::Phrase::plural(
            left, "staff_pin_wrong_try", "staff_pin_wrong_tries", {{"tries", std::to_string(left)}});
    }
    save_lock(now, uptime); // When it cannot be saved, the count and the lock still hold in memory.
    return Check::Wrong;
}

} // namespace kiosk
