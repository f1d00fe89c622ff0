// Imports into the real SQLite file: import, status, rollback; a child killed by its limit, SIGKILL at random moments
// and a full disk all leave the content that was showing; sqlite3 (not our code) checks the file's integrity.
#include "support/files.hpp"
#include "support/json.hpp"
#include "support/process.hpp"
#include "sync/child_process.hpp"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace kiosk::test;

namespace {

const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

std::string integrity(const std::string& state)
{
    return shell("sqlite3 '" + state + "/db/kiosk.db' 'PRAGMA integrity_check'");
}

// A generated bundle with 10,000 events, 2,000 cards, 198 page files and 50 images (tests/bench/gen_bundle.py).
const std::string& big_bundle()
{
    static TempDir dir;
    static bool made = false;
    if (!made) {
        std::string command = "python3 " KIOSK_SOURCE_DIR "/tests/bench/gen_bundle.py '" + dir.path() + "'";
        REQUIRE(std::system(command.c_str()) == 0);
        made = true;
    }
    return dir.path();
}

} // namespace

TEST_CASE("import, status and rollback on a real database file")
{
    TempDir state;
    auto first = run_kiosk({"import", demo, "--state", state.path(), "--json"});
    REQUIRE_MESSAGE(first.status == 0, first.out << first.err);
    CHECK(json_value(first.out, "imported") == "true");
    std::string demo_version = json_value(first.out, "version");
    CHECK(demo_version.rfind("local-", 0) == 0);

    auto again = run_kiosk({"import", demo, "--state", state.path(), "--json"});
    CHECK(again.status == 0);
    CHECK(json_value(again.out, "unchanged") == "true");
    CHECK(json_value(again.out, "version") == demo_version);

    auto second = run_kiosk({"import", KIOSK_SOURCE_DIR "/tests/bundles/csv-multiline-row", "--state", state.path()});
    CHECK_MESSAGE(second.status == 0, second.out);
    auto status = run_kiosk({"status", "--json", "--state", state.path()});
    CHECK(status.status == 0);
    std::string second_version = json_value(status.out, "version");
    CHECK(second_version != demo_version);
    CHECK(json_value(status.out, "cards") == "2");

    auto rollback = run_kiosk({"rollback", "--state", state.path()});
    CHECK_MESSAGE(rollback.status == 0, rollback.err);
    status = run_kiosk({"status", "--json", "--state", state.path()});
    CHECK(json_value(status.out, "version") == demo_version);
    CHECK(json_value(status.out, "pinned_from") == second_version);
    CHECK(json_value(status.out, "source") == "import:" + demo);
    CHECK(integrity(state.path()) == "ok");
}

TEST_CASE("a bundle with a fatal error is refused and the content that was showing stays")
{
    TempDir state;
    REQUIRE(run_kiosk({"import", demo, "--state", state.path()}).status == 0);
    auto bad = run_kiosk({"import", KIOSK_SOURCE_DIR "/tests/bundles/no-sections", "--state", state.path()});
    CHECK(bad.status == 1);
    CHECK(bad.out.find("not imported: fix the errors above; the content that was showing stays") != std::string::npos);
    auto status = run_kiosk({"status", "--json", "--state", state.path()});
    CHECK(json_value(status.out, "source") == "import:" + demo);
}

TEST_CASE("a kiosk with an empty state folder imports the demo by itself")
{
    TempDir state;
    TempDir out;
    auto shot = run_kiosk({"screenshot", "--state", state.path(), "--out", out.file("home.png")});
    CHECK_MESSAGE(shot.status == 0, shot.err);
    auto status = run_kiosk({"status", "--json", "--state", state.path()});
    CHECK(json_value(status.out, "source") == "demo");
    CHECK(json_value(status.out, "pages") == "5");
}

TEST_CASE("an import child killed by its limit leaves the active version untouched")
{
    TempDir state;
    REQUIRE(run_kiosk({"import", demo, "--state", state.path()}).status == 0);
    kiosk::sync::ChildLimits limits;
    limits.wall_milliseconds = 40; // The big bundle takes far longer than this to import.
    auto result = kiosk::sync::run_child({KIOSK_BINARY, "import", big_bundle(), "--state", state.path()}, limits);
    CHECK(result.timed_out);
    CHECK_FALSE(result.ok());
    CHECK(integrity(state.path()) == "ok");
    auto status = run_kiosk({"status", "--json", "--state", state.path()});
    CHECK(json_value(status.out, "source") == "import:" + demo);
}

TEST_CASE("SIGKILL at 50 random moments of an import leaves the old or the new version, complete")
{
    TempDir state;
    REQUIRE(run_kiosk({"import", demo, "--state", state.path()}).status == 0);
    std::string demo_cards = json_value(run_kiosk({"status", "--json", "--state", state.path()}).out, "cards");
    // How long a whole import takes, to kill within it.
    auto t0 = std::chrono::steady_clock::now();
    TempDir probe;
    REQUIRE(run_kiosk({"import", big_bundle(), "--state", probe.path()}).status == 0);
    auto full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();

    std::mt19937 random(20261126);
    int old_seen = 0, new_seen = 0;
    for (int i = 0; i < 50; ++i) {
        pid_t pid = fork();
        if (pid == 0) {
            freopen("/dev/null", "w", stdout);
            execl(KIOSK_BINARY, KIOSK_BINARY, "import", big_bundle().c_str(), "--state", state.path().c_str(),
                static_cast<char*>(nullptr));
            _exit(127);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % std::uint32_t(full_ms + 20)));
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        CAPTURE(i);
        REQUIRE(integrity(state.path()) == "ok");
        auto status = run_kiosk({"status", "--json", "--state", state.path()});
        std::string source = json_value(status.out, "source");
        std::string cards = json_value(status.out, "cards");
        if (source == "import:" + demo) {
            CHECK(cards == demo_cards);
            ++old_seen;
        } else {
            CHECK(source == "import:" + big_bundle());
            CHECK(cards == "2000");
            // Complete: every card row is there, counted by sqlite3 itself.
            CHECK(shell("sqlite3 '" + state.path()
                      + "/db/kiosk.db' \"SELECT COUNT(*) FROM cards WHERE version_id = "
                        "(SELECT id FROM versions WHERE version = '"
                      + json_value(status.out, "version") + "')\"")
                == "2000");
            ++new_seen;
            // Go back to the old content so the next kill lands on an import again.
            REQUIRE(run_kiosk({"import", demo, "--state", state.path()}).status == 0);
        }
    }
    MESSAGE("old version after " << old_seen << " kills, new version after " << new_seen);
    CHECK(old_seen > 0);
}

TEST_CASE("a full disk fails the import with a clear message and keeps the old version")
{
    if (std::system("unshare -rm true 2>/dev/null") != 0) {
        MESSAGE("skipped: cannot make a private tmpfs here (unshare -rm)");
        return;
    }
    TempDir work;
    std::string disk = work.file("disk");
    std::string script = "mkdir -p '" + disk + "' && mount -t tmpfs -o size=1500k tmpfs '" + disk + "' && '"
        + KIOSK_BINARY + "' import '" + demo + "' --state '" + disk + "/state' > '" + work.file("1") + "' 2>&1; '"
        + KIOSK_BINARY + "' import '" + big_bundle() + "' --state '" + disk + "/state' > '" + work.file("2")
        + "' 2>&1; echo \\$? > '" + work.file("2.status") + "'; '" + KIOSK_BINARY + "' status --json --state '" + disk
        + "/state' > '" + work.file("3") + "'; sqlite3 '" + disk + "/state/db/kiosk.db' 'PRAGMA integrity_check' > '"
        + work.file("4") + "'";
    REQUIRE(std::system(("unshare -rm sh -c \"" + script + "\"").c_str()) == 0);
    CHECK(shell("cat '" + work.file("2.status") + "'") == "1");
    std::string message = shell("cat '" + work.file("2") + "'");
    CHECK_MESSAGE(message.find("the disk is full") != std::string::npos, message);
    CHECK(json_value(shell("cat '" + work.file("3") + "'"), "source") == "import:" + demo);
    CHECK(shell("cat '" + work.file("4") + "'") == "ok");
}

TEST_CASE("a database from before its own folder is moved into STATE/db and keeps its content")
{
    TempDir dir;
    std::string state = dir.file("state");
    REQUIRE(run_kiosk({"import", KIOSK_SOURCE_DIR "/data/demo", "--state", state}).status == 0);
    // As an older kiosk left it: the database beside the other state files.
    std::filesystem::rename(state + "/db/kiosk.db", state + "/kiosk.db");
    std::filesystem::remove_all(state + "/db");
    auto status = run_kiosk({"status", "--state", state});
    CHECK_MESSAGE(status.out.find("version:     local-1") != std::string::npos, status.out);
    CHECK(std::filesystem::exists(state + "/db/kiosk.db"));
    CHECK_FALSE(std::filesystem::exists(state + "/kiosk.db"));
}
