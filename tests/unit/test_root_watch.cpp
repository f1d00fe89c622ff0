// RootWatch on a real folder: a bundle folder appearing under a root wakes it, and so does a file in a bundle's own
// folders; the kiosk's report and hidden files do not; poke() wakes it with no change.
#include "sync/root_watch.hpp"

#include "support/temp_dir.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>

using kiosk::sync::RootWatch;
using kiosk::test::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST_CASE("a stick appearing under a root, or changing, wakes the watch")
{
    TempDir media;
    RootWatch watch({media.path(), media.file("missing")});
    watch.refresh();
    CHECK(watch.watched() == 1);
    CHECK_FALSE(watch.wait(10ms));

    fs::create_directories(media.file("STICK/drop-in/pages"));
    CHECK(watch.wait(10s));
    watch.refresh();
    CHECK(watch.watched() == 3); // The root, STICK and STICK/drop-in: two levels below the root.

    media.write("STICK/drop-in/bundle.toml", "[bundle]\n");
    CHECK(watch.wait(10s));
    watch.refresh();
    CHECK(watch.watched() == 4); // A bundle's own folders too.
    media.write("STICK/drop-in/pages/about.md", "# About\n");
    CHECK(watch.wait(10s));
}

TEST_CASE("the kiosk's report and hidden files change nothing, poke wakes the watch")
{
    TempDir media;
    fs::create_directories(media.file("STICK"));
    media.write("STICK/bundle.toml", "[bundle]\n");
    RootWatch watch({media.path()});
    watch.refresh();
    media.write("STICK/.kiosk-report.txt.tmp", "report");
    fs::rename(media.file("STICK/.kiosk-report.txt.tmp"), media.file("STICK/kiosk-report.txt"));
    media.write("STICK/._mac", "");
    CHECK_FALSE(watch.wait(600ms));

    watch.poke();
    auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(watch.wait(600s));                            // Woken, with nothing changed...
    CHECK(std::chrono::steady_clock::now() - started < 300s); // ...long before its time was up.
}
