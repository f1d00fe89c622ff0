// The staff PIN's lock fails closed: wrong tries count and lock even when the lock file cannot be written, and clock
// changes neither stretch nor skip a lock.
#include "app/staff_pin.hpp"
#include "support/temp_dir.hpp"
#include "ui/strings.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>

using namespace kiosk;

namespace {

const std::string pin = "2468";
const std::string wrong = "1111";
constexpr std::int64_t day0 = 1796198400; // 2026-12-02, Unix seconds.

// The pad's answer as staff read it in English.
std::string english(const ui::Phrase& message)
{
    static const ui::Strings strings = [] {
        Diagnostics d;
        return ui::Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    }();
    return strings.format(message, "en");
}

} // namespace

TEST_CASE("when the lock file cannot be replaced, wrong PINs still lock the pad and the right one waits")
{
    test::TempDir dir;
    StaffPin setter(dir.path());
    std::string error;
    REQUIRE(setter.set(pin, error));
    // The lock file cannot be replaced: a folder stands where it goes (as a full disk or a read-only remount would).
    std::filesystem::remove(dir.file("staff-lock"));
    std::filesystem::create_directory(dir.file("staff-lock"));

    StaffPin staff(dir.path());
    ui::Phrase message;
    for (int i = 1; i < StaffPin::free_tries; ++i) {
        CHECK(staff.check(wrong, day0 + i, 100 + i, message) == StaffPin::Check::Wrong);
        CHECK(english(message)
            == "Wrong PIN. " + std::to_string(StaffPin::free_tries - i)
                + (StaffPin::free_tries - i == 1 ? " try" : " tries") + " left.");
    }
    CHECK(staff.check(wrong, day0 + 10, 110, message) == StaffPin::Check::Wrong);
    CHECK(english(message) == "Wrong PIN. The pad is locked for 30 s.");
    CHECK(staff.check(pin, day0 + 11, 111, message) == StaffPin::Check::Locked);
    CHECK(staff.check(pin, day0 + 41, 141, message) == StaffPin::Check::Right);
}

TEST_CASE("a lock runs on the monotonic clock: turning the wall clock back or forward changes nothing")
{
    test::TempDir dir;
    std::string error;
    REQUIRE(StaffPin(dir.path()).set(pin, error));
    StaffPin staff(dir.path());
    ui::Phrase message;
    for (int i = 0; i < StaffPin::free_tries; ++i)
        staff.check(wrong, day0, 1000, message);
    REQUIRE(staff.locked_for(1000) == 30);
    // The wall clock jumps a year ahead: still locked for the rest of the 30 s.
    CHECK(staff.check(pin, day0 + 365 * 86400, 1010, message) == StaffPin::Check::Locked);
    CHECK(english(message) == "Too many wrong PINs. Try again in 1 min.");
    // And back: it opens when 30 s have passed on the monotonic clock.
    CHECK(staff.check(pin, day0 - 365 * 86400, 1031, message) == StaffPin::Check::Right);
}

TEST_CASE("a lock set while the clock was far ahead lasts no longer than its length after a restart")
{
    test::TempDir dir;
    std::string error;
    REQUIRE(StaffPin(dir.path()).set(pin, error));
    std::int64_t ahead = day0 + 3 * 365 * 86400; // The clock was years ahead when the pad locked.
    {
        StaffPin staff(dir.path());
        ui::Phrase message;
        for (int i = 0; i < StaffPin::free_tries; ++i)
            staff.check(wrong, ahead, 50, message);
    }
    // A restart with the clock set right: the lock is what was left of its 30 s, not 3 years.
    StaffPin restarted(dir.path());
    ui::Phrase message;
    CHECK(restarted.check(pin, day0, 5, message) == StaffPin::Check::Locked);
    CHECK(english(message) == "Too many wrong PINs. Try again in 1 min.");
    CHECK(restarted.locked_for(5) <= 30);
    CHECK(restarted.check(pin, day0 + 31, 36, message) == StaffPin::Check::Right);

    // A lock file from before lengths were kept, ending in a hundred years: at most a day.
    std::ofstream(dir.file("staff-lock")) << "6 " << day0 + 100LL * 365 * 86400 << "\n";
    StaffPin old(dir.path());
    CHECK(old.check(pin, day0, 0, message) == StaffPin::Check::Locked);
    CHECK(old.locked_for(0) == StaffPin::longest_lock);
}

TEST_CASE("set-pin clears the wrong tries a running kiosk counted")
{
    test::TempDir dir;
    std::string error;
    REQUIRE(StaffPin(dir.path()).set(pin, error));
    StaffPin running(dir.path());
    ui::Phrase message;
    for (int i = 0; i < StaffPin::free_tries - 1; ++i)
        running.check(wrong, day0, 10, message);
    CHECK(english(message) == "Wrong PIN. 1 try left.");
    REQUIRE(StaffPin(dir.path()).set("13579", error));
    CHECK(running.check(wrong, day0, 11, message) == StaffPin::Check::Wrong);
    CHECK(english(message) == "Wrong PIN. 4 tries left.");
    CHECK(running.check("13579", day0, 12, message) == StaffPin::Check::Right);
}
