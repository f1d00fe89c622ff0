// The staff PIN: stored as a libsodium password hash (never the PIN itself) in the state folder, with a lockout after
// five wrong tries that grows with each further one and survives a restart.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace kiosk {

class StaffPin {
public:
    explicit StaffPin(std::string state_dir);

    // Whether a PIN was set (kiosk set-pin): without one the staff corner does nothing.
    bool is_set() const;
    // Stores `pin` (4 to 12 digits) hashed. False with `error` in plain words.
    bool set(const std::string& pin, std::string& error);

    enum class Check { Right, Wrong, Locked };
    // Checks `pin` at wall time `now` (Unix seconds). While locked nothing is checked. `message` says what to tell
    // staff: tries left, or how long the pad stays locked.
    Check check(const std::string& pin, std::int64_t now, std::string& message);
    // Seconds the pad stays locked from `now`, or 0.
    std::int64_t locked_for(std::int64_t now) const;

    static constexpr int free_tries = 5;

private:
    void load_lock();
    void save_lock() const;

    std::string m_hash_file;
    std::string m_lock_file;
    int m_failures = 0;              // Wrong tries since the last right one.
    std::int64_t m_locked_until = 0; // Unix seconds.
};

} // namespace kiosk
