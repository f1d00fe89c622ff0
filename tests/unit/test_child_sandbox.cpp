// The untrusted-work child's sandbox: no network, no writes outside its folder, seccomp in force (issue 15).
#include "support/temp_dir.hpp"
#include "sync/child_process.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace kiosk;

TEST_CASE("a child runs under seccomp, cannot open a socket, and writes only inside its folder")
{
    test::TempDir writable, elsewhere;
    sync::ChildLimits limits;
    limits.writable = {writable.path()};
    std::string script = "grep '^Seccomp:' /proc/self/status; grep '^NoNewPrivs:' /proc/self/status; "
                         "echo x > '"
        + writable.file("inside") + "' && echo wrote-inside; echo x > '" + elsewhere.file("outside")
        + "' 2>/dev/null && echo wrote-outside; "
          "python3 -c 'import socket; socket.socket()' 2>/dev/null && echo opened-socket; echo done";
    sync::ChildResult r = sync::run_child({"/bin/sh", "-c", script}, limits);
    REQUIRE_MESSAGE(r.ok(), r.out << r.err);
    INFO(r.out << r.err);
    if (r.err.find("kiosk: sandbox:") != std::string::npos) {
        MESSAGE("this kernel gives no full sandbox: " << r.err); // qemu-user (the arm64 tests) has no seccomp.
        return;
    }
    CHECK(r.out.find("Seccomp:\t2") != std::string::npos); // A filter is in force.
    CHECK(r.out.find("NoNewPrivs:\t1") != std::string::npos);
    CHECK(r.out.find("wrote-inside") != std::string::npos);
    CHECK(r.out.find("wrote-outside") == std::string::npos);
    CHECK_FALSE(std::filesystem::exists(elsewhere.file("outside")));
    CHECK(r.out.find("opened-socket") == std::string::npos);
    CHECK(r.out.find("done") != std::string::npos);

    // Without the sandbox the same script does all three: the test can see the difference.
    limits.sandbox = false;
    sync::ChildResult open = sync::run_child({"/bin/sh", "-c", script}, limits);
    CHECK(open.out.find("Seccomp:\t0") != std::string::npos);
    CHECK(open.out.find("wrote-outside") != std::string::npos);
    CHECK(open.out.find("opened-socket") != std::string::npos);
}

TEST_CASE("a child given --state writes only its database folder and scratch folder, never the staff PIN beside them")
{
    test::TempDir state;
    std::string script = "echo x > '" + state.file("db/x") + "' && echo wrote-db; echo x > '" + state.file("staging/x")
        + "' && echo wrote-staging; echo hash > '" + state.file("staff-pin")
        + "' 2>/dev/null && echo wrote-pin; echo done";
    // The arguments after the script are the shell's $0 and $1: there only for run_child to find --state.
    sync::ChildResult r = sync::run_child({"/bin/sh", "-c", script, "--state", state.path()});
    REQUIRE_MESSAGE(r.ok(), r.out << r.err);
    INFO(r.out << r.err);
    if (r.err.find("kiosk: sandbox:") != std::string::npos) {
        MESSAGE("this kernel gives no full sandbox: " << r.err);
        return;
    }
    CHECK(r.out.find("wrote-db") != std::string::npos);
    CHECK(r.out.find("wrote-staging") != std::string::npos);
    CHECK(r.out.find("wrote-pin") == std::string::npos);
    CHECK_FALSE(std::filesystem::exists(state.file("staff-pin")));
}
