// The HTTP feed end to end, what it downloads: file names any URL character can break, and a signed version that
// replaces a draft waiting from a stick.
#include "feed_harness.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

using namespace kiosk::test;
using namespace kiosk::test::feed;

TEST_CASE("file names with spaces and URL characters are fetched percent-encoded")
{
    Kiosk kiosk;
    write_text(kiosk.bundle + "/Notes #1 (50% off)?.txt", "Notes for staff.\n");
    REQUIRE(pack(kiosk.bundle, kiosk.key).status == 0);
    auto s = kiosk.sync();
    CHECK_MESSAGE(s.run.status == 0, s.run.out << s.run.err);
    CHECK_MESSAGE(contains(s.run.out, kiosk.source() + ": imported: "), s.run.out);
    CHECK(std::find(s.requests.begin(), s.requests.end(), "GET /feed/Notes%20%231%20%2850%25%20off%29%3F.txt 200")
        != s.requests.end());
}

TEST_CASE("a draft waiting from a stick goes when the feed brings a signed version after it")
{
    Kiosk kiosk;
    std::string stick = kiosk.media.file("stick");
    fs::copy(demo, stick, fs::copy_options::recursive);
    append_text(stick + "/pages/about.md", "\nA draft: not packed.\n");
    auto pending = [&kiosk] {
        return json_value(run_kiosk({"status", "--json", "--state", kiosk.state.path()}).out, "pending");
    };
    auto first = kiosk.sync(); // The feed is not packed yet: nothing from it; the stick's draft waits.
    REQUIRE_MESSAGE(contains(first.run.out, "usb:" + stick + ": pending: "), first.run.out);
    REQUIRE_MESSAGE(contains(pending(), "\"source\":\"usb:" + stick + "\""), pending());

    // The feed is packed a second later (the store keeps seconds), and the stick is taken out.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    fs::remove_all(stick);
    REQUIRE(pack(kiosk.bundle, kiosk.key).status == 0);
    std::string version = manifest_version(kiosk.bundle);
    auto second = kiosk.sync();
    CHECK_MESSAGE(contains(second.run.out, kiosk.source() + ": imported: "), second.run.out);
    CHECK(kiosk.status()["version"] == version);
    CHECK_MESSAGE(pending() == "null", pending());
    CHECK_FALSE(fs::exists(kiosk.state.file("pending")));
    CHECK(shell("sqlite3 '" + kiosk.state.path()
              + "/db/kiosk.db' \"SELECT message FROM sync_log WHERE result = "
                "'dropped'\"")
              .find("a signed version (" + version + ", from " + kiosk.source() + ")")
        != std::string::npos);
}
