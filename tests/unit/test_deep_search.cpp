// Bundles too deep on a stick: find_deep_bundle_folders on a real folder, within its depth and folder limits, never
// through a link or into a hidden folder; and the reasons read_trusted_keys gives for keys it cannot use.
#include "sync/signing.hpp"
#include "sync/staging.hpp"

#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using kiosk::sync::DeepSearchLimits;
using kiosk::sync::find_deep_bundle_folders;
using kiosk::test::TempDir;
namespace fs = std::filesystem;
using Folders = std::vector<std::string>;

namespace {

// An empty file at `name` in `dir`, with the folders it needs.
void put(const TempDir& dir, const std::string& name)
{
    fs::create_directories(fs::path(dir.file(name)).parent_path());
    dir.write(name, "");
}

} // namespace

TEST_CASE("bundles deeper than the kiosk looks are found, down to the depth limit, sorted")
{
    TempDir stick;
    put(stick, "top/bundle.toml");                // One folder down: where the kiosk looks, not reported here.
    put(stick, "Kiosk/east/bundle.toml");         // Two down.
    put(stick, "Kiosk/east/pages/x/bundle.toml"); // Inside a bundle: not searched.
    put(stick, "a/b/c/bundle.toml");              // Three down.
    put(stick, "a/b/c2/d/e/bundle.toml");         // Five down: the limit.
    put(stick, "a/b/c3/d/e/f/bundle.toml");       // Six down: past it.
    put(stick, ".hidden/x/bundle.toml");
    put(stick, "Kiosk/.Trash/x/bundle.toml");
    CHECK(find_deep_bundle_folders(stick.path()) == Folders {"Kiosk/east", "a/b/c", "a/b/c2/d/e"});
    DeepSearchLimits shallow;
    shallow.max_depth = 3;
    CHECK(find_deep_bundle_folders(stick.path(), shallow) == Folders {"Kiosk/east", "a/b/c"});
}

TEST_CASE("the deep search follows no link and stops after its folder limit")
{
    TempDir stick, outside;
    put(outside, "x/y/bundle.toml");
    fs::create_directory_symlink(outside.path(), stick.file("link"));
    fs::create_directories(stick.file("deep"));
    fs::create_directory_symlink(outside.file("x"), stick.file("deep/x"));
    CHECK(find_deep_bundle_folders(stick.path()).empty());

    for (int i = 0; i < 30; ++i)
        fs::create_directories(stick.file("many/f" + std::to_string(100 + i)));
    put(stick, "zz/found/bundle.toml");
    CHECK(find_deep_bundle_folders(stick.path()) == Folders {"zz/found"});
    DeepSearchLimits few;
    few.max_folders = 10; // Spent on many/f1.. before zz/found is reached.
    CHECK(find_deep_bundle_folders(stick.path(), few).empty());
}

TEST_CASE("trusted keys that cannot be used come back with their path and why")
{
    TempDir dir;
    std::string broken = dir.write("broken.pub", "not a key\n");
    fs::create_directories(dir.file("folder.pub"));
    std::vector<kiosk::sync::KeyProblem> problems;
    auto keys = kiosk::sync::read_trusted_keys({dir.file("missing.pub"), broken, dir.file("folder.pub")}, problems);
    CHECK(keys.empty());
    REQUIRE(problems.size() == 3);
    CHECK(problems[0].path == dir.file("missing.pub"));
    CHECK(problems[0].reason == "cannot be read (No such file or directory)");
    CHECK(problems[1].reason == "is not a kiosk public key (made by kiosk keygen)");
    CHECK(problems[2].reason == "cannot be read (it is not a plain file)");
    CHECK(kiosk::sync::key_problem_text(problems[1])
        == "trusted key " + broken + ": is not a kiosk public key (made by kiosk keygen)");
    CHECK(kiosk::sync::key_problems_text({}) == "");
}
