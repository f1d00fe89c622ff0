// One state folder, found without flags (issue 18): every command takes the settings' state_dir unless --state is
// given, says which folder it used, and refuses, as root, a folder that belongs to the kiosk's user.
#include "support/files.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

using namespace kiosk::test;
namespace fs = std::filesystem;

TEST_CASE("set-pin, import, sync, status and rollback with no --state all use the settings' state_dir, and say so")
{
    TempDir dir;
    std::string state = dir.file("kiosk-state");
    std::string config
        = dir.write("kiosk.toml", "state_dir = \"" + state + "\"\nusb_roots = [\"" + dir.file("no-sticks") + "\"]\n");

    auto pin = run_kiosk({"set-pin", "--config", config}, "2468\n2468\n");
    REQUIRE_MESSAGE(pin.status == 0, pin.err);
    CHECK_MESSAGE(pin.out.find("The staff PIN is set, in " + state + "/staff-pin.") != std::string::npos, pin.out);
    CHECK(fs::exists(state + "/staff-pin"));

    auto imported = run_kiosk({"import", KIOSK_SOURCE_DIR "/data/demo", "--config", config});
    REQUIRE_MESSAGE(imported.status == 0, imported.out << imported.err);
    CHECK_MESSAGE(imported.out.rfind("State folder: " + state + "\n", 0) == 0, imported.out);
    CHECK(fs::exists(state + "/db/kiosk.db"));

    auto synced = run_kiosk({"sync", "--once", "--config", config});
    CHECK_MESSAGE(synced.out.rfind("State folder: " + state + "\n", 0) == 0, synced.out);

    auto status = run_kiosk({"status", "--config", config});
    REQUIRE_MESSAGE(status.status == 0, status.err);
    CHECK_MESSAGE(status.out.find("version:     local-1") != std::string::npos, status.out);
    CHECK_MESSAGE(status.out.find("state:       " + state + "\n") != std::string::npos, status.out);
    CHECK_MESSAGE(status.out.find("staff PIN:   set\n") != std::string::npos, status.out);
    auto json = run_kiosk({"status", "--json", "--config", config});
    CHECK_MESSAGE(json.out.find("\"state_dir\":\"" + state + "\"") != std::string::npos, json.out);
    CHECK_MESSAGE(json.out.find("\"staff_pin\":true") != std::string::npos, json.out);

    // --state still wins: another folder, with no PIN and no content.
    auto other = run_kiosk({"status", "--config", config, "--state", dir.file("other")});
    CHECK_MESSAGE(other.out.find("No content yet") != std::string::npos, other.out);
    CHECK_MESSAGE(other.out.find("staff PIN:   not set") != std::string::npos, other.out);

    auto rolled = run_kiosk({"rollback", "--config", config});
    CHECK(rolled.status == 1); // One version only: nothing to go back to.
    CHECK_MESSAGE(rolled.err.find("(state folder " + state + ")") != std::string::npos, rolled.err);
}

TEST_CASE("a state_dir that is not an absolute folder is refused with the line and what to write")
{
    TempDir dir;
    std::string config = dir.write("kiosk.toml", "idle_seconds = 60\nstate_dir = \"var/lib/kiosk\"\n");
    auto r = run_kiosk({"status", "--config", config});
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("kiosk.toml:2: error: state_dir must be an absolute folder path such as "
                             "\"/var/lib/kiosk\", not \"var/lib/kiosk\". The kiosk does not start with a wrong "
                             "setting: fix this line, or remove it to use the default")
            != std::string::npos,
        r.err);
}

TEST_CASE("run by root on a state folder that belongs to the kiosk's user, a command runs as that user, so the "
          "kiosk can still read what it writes")
{
    if (geteuid() != 0)
        return; // Only root changes user (and only root can give a folder away).
    TempDir dir;
    std::string state = dir.file("state");
    fs::create_directories(state);
    REQUIRE(chown(state.c_str(), 65534, 65534) == 0); // nobody
    chmod(dir.path().c_str(), 0755);                  // So that nobody can reach it.
    auto pin = run_kiosk({"set-pin", "--state", state}, "2468\n2468\n");
    REQUIRE_MESSAGE(pin.status == 0, pin.err);
    CHECK_MESSAGE(
        pin.err.find("kiosk: running as the user nobody, who owns the state folder " + state) != std::string::npos,
        pin.err);
    struct stat st { };
    REQUIRE(stat((state + "/staff-pin").c_str(), &st) == 0);
    CHECK(st.st_uid == 65534);
    auto status = run_kiosk({"status", "--state", state});
    CHECK_MESSAGE(status.out.find("staff PIN:   set") != std::string::npos, status.out << status.err);

    // A folder root keeps to itself cannot be imported by that user: said plainly.
    std::string secret = dir.file("root-only");
    fs::create_directories(secret);
    fs::copy(KIOSK_SOURCE_DIR "/data/demo", secret + "/content", fs::copy_options::recursive);
    chmod(secret.c_str(), 0700);
    auto imported = run_kiosk({"import", secret + "/content", "--state", state});
    CHECK(imported.status == 2);
    CHECK_MESSAGE(imported.err.find("cannot be read by the user this runs as") != std::string::npos, imported.err);
}
