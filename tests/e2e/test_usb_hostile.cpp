// Hostile and broken sticks end to end: links, too many files or folders, huge files, deep nesting, huge images, odd
// names, read-only sticks and a checker that hangs: each refused with a clear reason, and nothing changes.
#include "sync/identity.hpp"
#include "sync/import_child.hpp"
#include "usb_harness.hpp"

#include <atomic>
#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <thread>

using namespace kiosk::test;
using namespace kiosk::test::usb;
namespace fs = std::filesystem;

TEST_CASE("hostile sticks are refused with a clear reason, and the kiosk goes on as it was")
{
    Kiosk kiosk;
    std::string version = kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    rename_bundle(stick, "Hostile");
    std::string outcome = "refused";   // Or "pending": not imported, kept for staff to look at.
    std::vector<std::string> mentions; // In the sync's line and the report.
    SUBCASE("a link pointing out of the bundle")
    {
        fs::create_symlink("/etc/passwd", stick + "/pages/evil.md");
        mentions = {"pages/evil.md is a link"};
    }
    SUBCASE("100,000 files")
    {
        make_empty_files(stick + "/images", 100000);
        mentions = {"the bundle has more than 2000 files"}; // Refused from the listing, before any copy.
    }
    SUBCASE("a 2 GB file")
    {
        std::filesystem::create_directories(stick + "/images");
        int fd = open((stick + "/images/huge.png").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        REQUIRE(fd >= 0);
        REQUIRE(ftruncate(fd, off_t(2) << 30) == 0); // Sparse: nothing is written.
        close(fd);
        mentions = {"images/huge.png is 2048 MiB", "64 MiB"};
    }
    SUBCASE("a bundle.toml nested 10,000 brackets deep")
    {
        write_text(stick + "/bundle.toml", "name = " + std::string(10000, '[') + std::string(10000, ']') + "\n");
        mentions = {"the bundle cannot be used", "bundle.toml:1: error: brackets are nested more than 32 deep"};
    }
    SUBCASE("a PNG whose header claims 100,000 pixels wide")
    {
        write_text(stick + "/images/wide.png", png_header(100000, 10));
        append_text(stick + "/pages/about.md", "\n![A very wide picture](images/wide.png)\n");
        outcome = "pending";
        mentions = {"images/wide.png: error: the image is 100000x10 pixels"};
    }
    // None of these can be signed: pack refuses each, as the kiosk would.
    auto packed = pack(stick, kiosk.key);
    CHECK_MESSAGE(packed.status == 1, packed.out);
    CHECK_FALSE(fs::exists(stick + "/MANIFEST"));

    auto started = std::chrono::steady_clock::now();
    auto r = kiosk.sync();
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    MESSAGE("sync took " << took.count() << " ms");
    CHECK_MESSAGE(r.status == (outcome == "pending" ? 0 : 1), r.out << r.err);
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": " + outcome + ": "), r.out);
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(contains(report, outcome == "pending" ? "WAITING FOR STAFF" : "NOT IMPORTED"), report);
    for (const std::string& part : mentions) {
        CHECK_MESSAGE(contains(report, part), "missing: " << part << "\n" << report);
        if (outcome == "refused" && &part == &mentions.front())
            CHECK_MESSAGE(contains(r.out, part), r.out);
    }
    CHECK_FALSE(contains(report, "root:")); // Nothing was read through the link.
    CHECK(kiosk.status("version") == version);
    CHECK(kiosk.status("source") == kiosk.source("first"));
    CHECK(kiosk.last_logged("result") == outcome);
    CHECK(fs::is_empty(kiosk.state.file("staging")));
    // The kiosk binary is fine.
    CHECK(run_kiosk({"check", demo}).status == 0);
}

TEST_CASE("the report on the stick names each problem's file and line")
{
    Kiosk kiosk;
    kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    std::string events = read_text(stick + "/events.csv");
    REQUIRE(events.back() == '\n');
    auto line = std::count(events.begin(), events.end(), '\n') + 1;
    append_text(stick + "/events.csv", "bad-date,Bad date,,12/01/2026 7pm,,,,,,\n");
    auto r = kiosk.sync();
    CHECK_MESSAGE(r.status == 0, r.out << r.err);
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": pending: "), r.out);
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(
        contains(report, "events.csv:" + std::to_string(line) + ": error: the start \"12/01/2026 7pm\""), report);
    CHECK(contains(report, "Problems found, each with its file and line"));
}

TEST_CASE("a read-only stick still imports, and the sync says the report could not be written")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    REQUIRE(pack(stick, kiosk.key).status == 0);
    std::string version = manifest_version(stick);
    std::string out;
    int status = -1;
    if (geteuid() != 0) {
        REQUIRE(chmod(stick.c_str(), 0555) == 0);
        auto r = kiosk.sync();
        chmod(stick.c_str(), 0755);
        out = r.out + r.err;
        status = r.status;
        CHECK_MESSAGE(contains(out, "the report could not be written on the stick: the stick cannot be written"), out);
    } else {
        // chmod 0555 does not stop root, which these tests may run as; a read-only bind mount in a private mount
        // namespace does, and is what a stick mounted read-only looks like.
        MESSAGE("running as root, which ignores chmod 0555: using a read-only bind mount instead");
        if (std::system("unshare -rm true 2>/dev/null") != 0) {
            MESSAGE("skipped: running as root and cannot make a private read-only mount here (unshare -rm)");
            return;
        }
        TempDir work;
        std::string script = "mount --bind '" + stick + "' '" + stick + "' && mount -o remount,bind,ro '" + stick
            + "' '" + stick + "' && '" + KIOSK_BINARY + "' sync --once --config '" + kiosk.config + "' --state '"
            + kiosk.state.path() + "' > '" + work.file("out") + "' 2>&1; echo \\$? > '" + work.file("status") + "'";
        REQUIRE(std::system(("unshare -rm sh -c \"" + script + "\"").c_str()) == 0);
        out = read_text(work.file("out"));
        status = std::atoi(read_text(work.file("status")).c_str());
        CHECK_MESSAGE(contains(out, "the report could not be written on the stick: the stick is read-only"), out);
    }
    CHECK_MESSAGE(status == 0, out);
    CHECK_MESSAGE(contains(out, kiosk.source("stick") + ": imported: "), out);
    CHECK(kiosk.status("version") == version);
    CHECK_FALSE(fs::exists(stick + "/kiosk-report.txt"));
    CHECK_FALSE(fs::exists(stick + "/.kiosk-report.txt.tmp"));
    CHECK(contains(kiosk.last_logged("message"), "no report on the stick"));
}

// A packed bundle is known by its MANIFEST only while its files match it: a page edited after packing is news, and
// the stick says why it is not signed any more.
TEST_CASE("a signed stick edited after packing is not called already showing")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    REQUIRE(pack(stick, kiosk.key).status == 0);
    REQUIRE(kiosk.sync().status == 0);
    append_text(stick + "/pages/about.md", "\nAdded after packing, and never packed again.\n");
    REQUIRE(verify(stick, kiosk.pub).status == 1);
    auto r = kiosk.sync();
    CHECK_MESSAGE(!contains(r.out, ": unchanged: "), r.out);
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(contains(report, "pages/about.md was changed after packing"), report);
}

// Folders count toward a limit too: a stick of empty folders is refused from its listing, before anything is copied.
TEST_CASE("a stick with thousands of empty folders is refused before anything is copied")
{
    Kiosk kiosk;
    std::string version = kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    for (int i = 0; i < 2500; ++i)
        fs::create_directories(stick + "/images/" + std::to_string(i));
    auto r = kiosk.sync();
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": refused: "), r.out);
    CHECK(kiosk.status("version") == version);
    CHECK_FALSE(fs::exists(kiosk.state.file("pending")));
}

// A bundle refused while it is copied was never checked: its report must not say that no problems were found.
TEST_CASE("a report for a stick refused before checking does not say no problems were found")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    fs::create_symlink("/etc/passwd", stick + "/pages/evil.md");
    auto r = kiosk.sync();
    CHECK(contains(r.out, ": refused: "));
    std::string report = kiosk.report("stick");
    CHECK(contains(report, "NOT IMPORTED: pages/evil.md is a link"));
    CHECK_MESSAGE(!contains(report, "No problems found"), report);
}

// pack and verify agree on file names: "Notes...txt" packs and verifies; a name with a line break is refused by pack.
TEST_CASE("whatever pack signs, verify accepts, and the stick imports")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    std::string name;
    SUBCASE("dots in a file name")
    {
        name = "Notes...txt";
    }
    SUBCASE("a newline in a file name")
    {
        name = "odd\nname.txt";
    }
    write_text(stick + "/" + name, "Notes for staff.\n");
    auto packed = pack(stick, kiosk.key);
    CAPTURE(packed.out);
    if (packed.status != 0)
        return; // Refusing the name is fine too.
    auto verified = verify(stick, kiosk.pub);
    CHECK_MESSAGE(verified.status == 0, verified.out);
    auto r = kiosk.sync();
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": imported: "), r.out);
}

TEST_CASE("a bundle that hangs the checker is not tried again until it changes, even after a restart")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    REQUIRE(pack(stick, kiosk.key).status == 0);
    {
        // A checker that never finishes in time: the child is killed after 1 ms.
        ScopedEnv hang("KIOSK_CHILD_WALL_MS", "1");
        auto r = kiosk.sync();
        CHECK(r.status == 1);
        CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": failed: "), r.out);
        CHECK_MESSAGE(contains(r.out, "it needs more work than the kiosk allows"), r.out);
        CHECK_MESSAGE(contains(r.out, "tried again when it changes, or when a kiosk update changes the limits"), r.out);
    }
    // A new process (as after a restart), with a checker that would work: the same bundle is still not tried.
    auto again = kiosk.sync();
    CHECK(again.status == 1);
    CHECK_MESSAGE(contains(again.out, ": refused: this bundle stopped the kiosk before (its checker"), again.out);
    CHECK(kiosk.status("source") != kiosk.source("stick"));
    // Packed again, it is another bundle: tried, and imported.
    append_text(stick + "/pages/about.md", "\nMore about unions soon.\n");
    REQUIRE(pack(stick, kiosk.key).status == 0);
    auto changed = kiosk.sync();
    CHECK_MESSAGE(contains(changed.out, kiosk.source("stick") + ": imported: "), changed.out);
}

TEST_CASE("control characters in a stick's names cannot forge a line or drive the terminal")
{
    Kiosk kiosk;
    kiosk.import_signed_demo();
    // A folder and a file whose names hold a line break, a fake outcome line and terminal escapes.
    std::string name = "stick\nIMPORTED: the kiosk now shows this content\x1B[2J\x1B]0;owned\x07";
    std::string stick = kiosk.stick(name);
    copy_demo(stick);
    rename_bundle(stick, "Unsigned");
    write_text(stick + "/pages/note\nIMPORTED: yes\x1B[31m.md", "# A note\n");
    auto r = kiosk.sync();
    std::string report = kiosk.report(name);
    std::string status = run_kiosk({"status", "--state", kiosk.state.path()}).out;
    for (const std::string* text : {&r.out, &report, &status}) {
        CAPTURE(*text);
        CHECK(text->find('\x1B') == std::string::npos);
        CHECK(text->find('\x07') == std::string::npos);
        CHECK(text->find("\nIMPORTED: the kiosk now shows this content") == std::string::npos);
        CHECK(text->find("\nIMPORTED: yes") == std::string::npos);
    }
    CHECK_MESSAGE(contains(r.out, "\\x0AIMPORTED: the kiosk now shows this content\\x1B[2J"), r.out);
    CHECK_MESSAGE(contains(report, "WAITING FOR STAFF"), report);
    CHECK_MESSAGE(contains(report, "pages/note\\x0AIMPORTED: yes\\x1B[31m.md"), report);
}

TEST_CASE("a bundle refused over the import limits is tried again once a kiosk update changes them")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    REQUIRE(pack(stick, kiosk.key).status == 0);
    std::string error;
    auto identity = kiosk::sync::bundle_identity(stick, error);
    REQUIRE_MESSAGE(identity, error);
    std::string poison = kiosk.state.file("refused-bundles");
    // Refused under today's limits: still refused.
    write_text(poison, identity->hash + " " + kiosk::sync::import_limits_id + "\n");
    auto refused = kiosk.sync();
    CHECK_MESSAGE(contains(refused.out, ": refused: this bundle stopped the kiosk before"), refused.out);
    // Refused under an older kiosk's limits: tried again, and imported.
    write_text(poison, identity->hash + " limits-1\n");
    fs::remove(stick + "/kiosk-report.txt"); // The stick looks new to a new process anyway.
    auto retried = kiosk.sync();
    CHECK_MESSAGE(contains(retried.out, kiosk.source("stick") + ": imported: "), retried.out);
}
