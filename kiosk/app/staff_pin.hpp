// The staff PIN: stored as a libsodium password hash (never the PIN itself) in the state folder, with a lockout after
// five wrong tries that grows with each further one and survives a restart.
//
// The lock fails closed: the count of wrong tries and the lock live in memory, and the lock file only carries them
// across a restart. When it cannot be written (a full disk, the read-only remount of a failing SD card) the pad still
// counts and locks. A lock runs on the monotonic clock (uptime), so setting the wall clock cannot stretch or skip it;
// the file holds its end in wall time and its length, and a restart takes the shorter of what is left by the wall
// clock and the length (never more than a day).
#pragma once

#include "ui/phrase.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace kiosk {

class StaffPin {
public:
    explicit StaffPin(const std::string& state_dir);

    // Whether a PIN was set (kiosk set-pin): without one the staff corner does nothing.
    bool is_set() const;
    // Stores `pin` (4 to 12 digits) hashed. False with `error` in plain words (English: kiosk set-pin's).
    bool set(const std::string& pin, std::string& error);

    enum class Check { Right, Wrong, Locked };
    // Checks `pin` at wall time `now` (Unix seconds) and monotonic time `uptime` (seconds). While locked nothing is
    // checked. `message` says what to tell staff: tries left, or how long the pad stays locked (nothing when right).
    Check check(const std::string& pin, std::int64_t now, std::int64_t uptime, ui::Phrase& message);
    // Seconds the pad stays locked from `uptime`, or 0.
    std::int64_t locked_for(std::int64_t uptime) const;

    static constexpr int free_tries = 5;
    static constexpr std::int64_t longest_lock = 24 * 3600; // Whatever a lock file says.

private:
    // Takes the lock file's state when another process changed it (set-pin, or a restart's first look).
    void load_lock(std::int64_t now, std::int64_t uptime);
    void save_lock(std::int64_t now, std::int64_t uptime);

    std::string m_hash_file;
    std::string m_lock_file;
    std::string m_lock_text;         // The lock file's text as last read or written.
    bool m_loaded = false;           // The lock file has been read once.
    int m_failures = 0;              // Wrong tries since the last right one.
    std::int64_t m_locked_until = 0; // Uptime seconds.
    std::int64_t m_lock_length = 0;  // Seconds the current lock lasts in all.
};

} // namespace kiosk
