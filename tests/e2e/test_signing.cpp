// Keys and signing end to end: keygen, pack and verify, and every change after packing that verify must find.
#include "usb_harness.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <thread>

using namespace kiosk::test;
using namespace kiosk::test::usb;
namespace fs = std::filesystem;

TEST_CASE("keygen, pack and verify: an intact bundle verifies, every change after packing is found")
{
    TempDir keys;
    TempDir work;
    std::string bundle = work.file("bundle");
    copy_demo(bundle);
    auto made = run_kiosk({"keygen", "--out", keys.file("staff")});
    REQUIRE_MESSAGE(made.status == 0, made.err);
    struct stat st { };
    REQUIRE(stat(keys.file("staff.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(fs::is_regular_file(keys.file("staff.pub")));
    CHECK(contains(read_text(keys.file("staff.pub")), "drop-in-kiosk public key 1"));

    auto packed = pack(bundle, keys.file("staff.key"));
    REQUIRE_MESSAGE(packed.status == 0, packed.out << packed.err);
    CHECK(fs::is_regular_file(bundle + "/MANIFEST"));
    CHECK(fs::is_regular_file(bundle + "/MANIFEST.sig"));
    std::string version = manifest_version(bundle);
    CHECK(version.size() == 14);
    CHECK(contains(packed.out, "packed as version " + version));

    auto intact = verify(bundle, keys.file("staff.pub"));
    CHECK_MESSAGE(intact.status == 0, intact.out << intact.err);
    CHECK(contains(intact.out, "intact, version " + version));

    std::string expected;
    SUBCASE("a page changed after packing")
    {
        append_text(bundle + "/pages/about.md", "\nOne more line.\n");
        expected = "pages/about.md was changed after packing";
    }
    SUBCASE("a size changed in the MANIFEST")
    {
        std::string text = read_text(bundle + "/MANIFEST");
        auto at = text.find("\nfile\t");
        REQUIRE(at != std::string::npos);
        at += 6;
        text[at] = text[at] == '9' ? '8' : char(text[at] + 1);
        write_text(bundle + "/MANIFEST", text);
        expected = "its MANIFEST was changed after signing";
    }
    SUBCASE("one hex digit flipped in the signature")
    {
        std::string text = read_text(bundle + "/MANIFEST.sig");
        auto label = text.find("drop-in-kiosk signature 1\n");
        REQUIRE(label != std::string::npos);
        std::size_t at = label + 26 + 10; // The tenth digit of the signature's hex line.
        text[at] = text[at] == '0' ? '1' : '0';
        write_text(bundle + "/MANIFEST.sig", text);
        expected = "its MANIFEST was changed after signing";
    }
    SUBCASE("the signature is missing")
    {
        fs::remove(bundle + "/MANIFEST.sig");
        expected = "MANIFEST.sig is missing or damaged";
    }
    SUBCASE("a file added after packing")
    {
        write_text(bundle + "/pages/extra.md", "# Extra\n");
        expected = "pages/extra.md is not in the MANIFEST: it was added after packing";
    }
    SUBCASE("a file taken away after packing")
    {
        fs::remove(bundle + "/unions.csv");
        expected = "unions.csv is missing";
    }
    SUBCASE("signed by another key")
    {
        REQUIRE(run_kiosk({"keygen", "--out", keys.file("other")}).status == 0);
        auto other = verify(bundle, keys.file("other.pub"));
        CHECK(other.status == 1);
        CHECK_MESSAGE(contains(other.out, "NOT verified: it is not signed by a key"), other.out);
        return;
    }
    auto r = verify(bundle, keys.file("staff.pub"));
    CHECK(r.status == 1);
    CHECK_MESSAGE(contains(r.out, bundle + ": NOT verified: "), r.out);
    CHECK_MESSAGE(contains(r.out, expected), r.out);
}

TEST_CASE("keygen never overwrites a key")
{
    TempDir keys;
    REQUIRE(run_kiosk({"keygen", "--out", keys.file("staff")}).status == 0);
    std::string secret = read_text(keys.file("staff.key"));
    auto again = run_kiosk({"keygen", "--out", keys.file("staff")});
    CHECK(again.status == 1);
    CHECK(contains(again.err, "already exists"));
    CHECK(read_text(keys.file("staff.key")) == secret);
}

TEST_CASE("pack refuses a bundle with an error and writes no MANIFEST")
{
    TempDir keys;
    TempDir work;
    REQUIRE(run_kiosk({"keygen", "--out", keys.file("staff")}).status == 0);
    std::string bundle = work.file("missing-page");
    fs::copy(KIOSK_SOURCE_DIR "/tests/bundles/missing-page", bundle, fs::copy_options::recursive);
    auto r = pack(bundle, keys.file("staff.key"));
    CHECK(r.status == 1);
    CHECK_MESSAGE(contains(r.out, bundle + ": not packed: fix the errors above first"), r.out);
    CHECK(contains(r.out, "error"));
    CHECK_FALSE(fs::exists(bundle + "/MANIFEST"));
    CHECK_FALSE(fs::exists(bundle + "/MANIFEST.sig"));
}

TEST_CASE("check names every file changed, added or removed after packing, and says to pack again")
{
    TempDir keys;
    TempDir work;
    std::string bundle = work.file("bundle");
    copy_demo(bundle);
    REQUIRE(run_kiosk({"keygen", "--out", keys.file("staff")}).status == 0);
    REQUIRE(pack(bundle, keys.file("staff.key")).status == 0);
    auto clean = run_kiosk({"check", bundle});
    CHECK_MESSAGE(clean.status == 0, clean.out);
    CHECK_FALSE(contains(clean.out, "MANIFEST"));
    nlohmann::json intact = json_of(run_kiosk({"check", bundle, "--json"}).out);
    REQUIRE(intact.is_object());
    CHECK(intact["manifest"]["intact"] == true);
    CHECK(intact["manifest"]["version"] == manifest_version(bundle));

    append_text(bundle + "/pages/about.md", "\nOne more line.\n");
    write_text(bundle + "/pages/extra.md", "# Extra\n");
    fs::remove(bundle + "/pages/history.es.md");
    // The MANIFEST's lines that list the changed and the removed file.
    auto line_of = [&](const std::string& path) {
        std::string text = read_text(bundle + "/MANIFEST");
        auto at = text.find("\t" + path + "\n");
        REQUIRE(at != std::string::npos);
        return std::to_string(std::count(text.begin(), text.begin() + std::ptrdiff_t(at), '\n') + 1);
    };
    auto r = run_kiosk({"check", bundle});
    CHECK(r.status == 1);
    CHECK_MESSAGE(contains(r.out,
                      "MANIFEST:" + line_of("pages/about.md")
                          + ": error: pages/about.md was changed after packing: run kiosk pack again"),
        r.out);
    CHECK_MESSAGE(contains(r.out,
                      "MANIFEST: error: pages/extra.md was added after packing (the MANIFEST does not list it): run "
                      "kiosk pack again"),
        r.out);
    CHECK_MESSAGE(contains(r.out,
                      "MANIFEST:" + line_of("pages/history.es.md")
                          + ": error: pages/history.es.md was removed after packing (this line lists it): run kiosk "
                            "pack again"),
        r.out);
    CHECK_MESSAGE(contains(r.out, "3 files changed, added or removed after packing: run kiosk pack again"), r.out);

    auto json_run = run_kiosk({"check", bundle, "--json"});
    CHECK(json_run.status == 1);
    nlohmann::json json = json_of(json_run.out);
    REQUIRE(json.is_object());
    CHECK(json["ok"] == false);
    CHECK(json["importable"] == true);
    CHECK(json["manifest"]["intact"] == false);
    CHECK(json["manifest"]["changed"] == nlohmann::json::array({"pages/about.md"}));
    CHECK(json["manifest"]["added"] == nlohmann::json::array({"pages/extra.md"}));
    CHECK(json["manifest"]["removed"] == nlohmann::json::array({"pages/history.es.md"}));
    int from_manifest = 0;
    for (const nlohmann::json& d : json["diagnostics"])
        from_manifest += d["file"] == "MANIFEST" && d["severity"] == "error" && d["fatal"] == false;
    CHECK(from_manifest == 3);

    // Packed again, it checks clean.
    REQUIRE(pack(bundle, keys.file("staff.key")).status == 0);
    CHECK(run_kiosk({"check", bundle}).status == 0);
}
