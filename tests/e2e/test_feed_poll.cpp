// The HTTP feed end to end, polled: a packed bundle is imported, an unchanged feed costs one conditional request, a
// changed file is the only one fetched, and the validators remembered belong to the feed's URL.
#include "feed_harness.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

using namespace kiosk::test;
using namespace kiosk::test::feed;

namespace {

// The number of files DIR/MANIFEST lists.
int manifest_files(const std::string& dir)
{
    int count = 0;
    for (const std::string& line : lines_of(read_text(dir + "/MANIFEST")))
        count += line.rfind("file\t", 0) == 0;
    return count;
}

} // namespace

TEST_CASE("a packed bundle is imported, an unchanged feed costs one request, a changed file is the only "
          "file fetched")
{
    Kiosk kiosk;
    REQUIRE(pack(kiosk.bundle, kiosk.key).status == 0);
    std::string version = manifest_version(kiosk.bundle);
    int files = manifest_files(kiosk.bundle);
    REQUIRE(files > 10);

    auto first = kiosk.sync();
    MESSAGE("first sync: " << first.ms << " ms, " << first.requests.size() << " requests");
    CHECK_MESSAGE(first.run.status == 0, first.run.out << first.run.err);
    CHECK_MESSAGE(contains(first.run.out,
                      kiosk.source() + ": imported: now showing version " + version + " (" + std::to_string(files + 2)
                          + " requests, "),
        first.run.out);
    CHECK(first.requests.size() == std::size_t(files + 2));
    CHECK(first.requests.at(0) == "GET /feed/MANIFEST 200");
    CHECK(first.requests.at(1) == "GET /feed/MANIFEST.sig 200");
    for (const std::string& request : first.requests)
        CHECK_MESSAGE(request.ends_with(" 200"), request);
    auto status = kiosk.status();
    CHECK(status["version"] == version);
    CHECK(status["source"] == kiosk.source());
    CHECK(status["last_success.result"] == "imported");
    CHECK(status["last_failure.result"] == "None");
    CHECK(read_text(kiosk.state.file("feed/mirror/MANIFEST")) == read_text(kiosk.bundle + "/MANIFEST"));

    // Nothing new: one conditional request, answered 304.
    auto second = kiosk.sync();
    MESSAGE("unchanged sync: " << second.ms << " ms");
    CHECK_MESSAGE(second.run.status == 0, second.run.out << second.run.err);
    CHECK_MESSAGE(contains(second.run.out, kiosk.source() + ": unchanged: "), second.run.out);
    CHECK_MESSAGE(contains(second.run.out, "(1 request, 0 bytes)"), second.run.out);
    CHECK(second.requests == std::vector<std::string> {"GET /feed/MANIFEST 304"});
    status = kiosk.status();
    CHECK(status["version"] == version);
    CHECK(status["last_success.result"] == "unchanged");

    // One page changed and packed again: the MANIFEST, its signature and that page, nothing else.
    std::string newer = kiosk.repack_changed();
    CHECK(newer > version);
    auto third = kiosk.sync();
    MESSAGE("sync of one changed file: " << third.ms << " ms");
    CHECK_MESSAGE(third.run.status == 0, third.run.out << third.run.err);
    CHECK(third.requests
        == std::vector<std::string> {
            "GET /feed/MANIFEST 200", "GET /feed/MANIFEST.sig 200", "GET /feed/pages/about.md 200"});
    auto bytes = fs::file_size(kiosk.bundle + "/MANIFEST") + fs::file_size(kiosk.bundle + "/MANIFEST.sig")
        + fs::file_size(kiosk.bundle + "/pages/about.md");
    CHECK_MESSAGE(contains(third.run.out,
                      kiosk.source() + ": imported: now showing version " + newer + " (3 requests, "
                          + std::to_string(bytes) + " bytes)"),
        third.run.out);
    status = kiosk.status();
    CHECK(status["version"] == newer);
    CHECK(status["last_success.bytes"] == std::to_string(bytes));
    CHECK(read_text(kiosk.state.file("feed/mirror/pages/about.md")) == read_text(kiosk.bundle + "/pages/about.md"));
    CHECK_FALSE(fs::exists(kiosk.state.file("staging/feed")));

    // And unchanged again.
    auto fourth = kiosk.sync();
    CHECK(fourth.requests == std::vector<std::string> {"GET /feed/MANIFEST 304"});
    CHECK_MESSAGE(contains(fourth.run.out, kiosk.source() + ": unchanged: "), fourth.run.out);
}

// The validators remembered for a MANIFEST belong to its URL: sent to another feed_url, a server that goes by dates
// only answers 304 when its MANIFEST's file is older than the old one's, and the new feed is never read.
TEST_CASE("a new feed_url is read in full, not asked conditionally with the old feed's validators")
{
    Kiosk kiosk;
    TempDir work;
    kiosk.import_first(work.file("first"));

    // Another server, with Last-Modified only, serving a newer bundle whose MANIFEST file has an old date (copied
    // with its dates kept, say).
    TempDir other;
    std::string moved = other.file("feed");
    fs::copy(kiosk.bundle, moved, fs::copy_options::recursive);
    append_text(moved + "/pages/about.md", "\nWe moved to a new web server.\n");
    REQUIRE(pack(moved, kiosk.key).status == 0);
    std::string newer = manifest_version(moved);
    fs::last_write_time(moved + "/MANIFEST", fs::last_write_time(kiosk.bundle + "/MANIFEST") - std::chrono::hours(24));
    kiosk.serve({"--no-etag"}, other.path());

    auto s = kiosk.sync();
    // The conditional-request state belongs to its URL: a new feed_url is read in full.
    CHECK_MESSAGE(s.run.status == 0, s.run.out << s.run.err);
    CHECK_MESSAGE(contains(s.run.out, kiosk.source() + ": imported: now showing version " + newer), s.run.out);
    CHECK(kiosk.status()["version"] == newer);
}
