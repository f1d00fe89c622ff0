// Golden screenshots: every visitor screen of a fixed bundle at the four reference sizes (a 7-inch 800x480, a 10.1-inch
// 1280x800, 1920x1080 and a portrait 1080x1920), and with large text at 800x480 and 1920x1080, compared with
// tests/screens/golden/.
#include "support/image.hpp"
#include "support/process.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

const std::string bundle = KIOSK_TEST_DATA "/screens";
const std::string golden_dir = KIOSK_SOURCE_DIR "/tests/screens/golden";
const std::string diff_dir = KIOSK_GOLDEN_DIFF_DIR;
const std::string now = "2026-12-02 10:00"; // A Wednesday: the weekly meeting is tonight, one event was yesterday.

constexpr int tolerance = 24;       // Per channel, of 255: no further apart counts as the same.
constexpr double max_share = 0.002; // The share of pixels that may differ (0.2 %) and still pass.

const std::string bless_hint = "if the change is intended, re-bless with tools/bless-screens.sh "
                               "(or KIOSK_BLESS=1 ctest --test-dir build/release -R golden) and look at the pictures";

bool blessing()
{
    const char* value = std::getenv("KIOSK_BLESS");
    return value && std::string(value) == "1";
}

struct Shot {
    const char* size;
    bool large;
};
const Shot shots[] = {{"800x480", false}, {"1280x800", false}, {"1920x1080", false}, {"1080x1920", false},
    {"800x480", true}, {"1920x1080", true}};

// Shoots the screen at `path` at each size and compares it with tests/screens/golden/<name>-<WxH>[-large].png, where
// the name is the path with "/" as "-". On a mismatch the diff and the shot go to the diff folder; with KIOSK_BLESS=1
// the shot replaces the golden image.
void check_golden(const std::string& path)
{
    std::string name = path;
    for (char& c : name)
        c = c == '/' ? '-' : c;
    TempDir dir;
    fs::create_directories(diff_dir);
    for (const Shot& each : shots) {
        std::string file = name + "-" + each.size + (each.large ? "-large" : "");
        CAPTURE(file);
        std::string shot = dir.file(file + ".png");
        std::vector<std::string> args {"screenshot", "--bundle", bundle, "--open", path, "--size", each.size, "--now",
            now, "--lang", "en", "--out", shot};
        if (each.large)
            args.push_back("--large-text");
        auto r = run_kiosk(args);
        REQUIRE_MESSAGE(r.status == 0, r.err);
        Image actual = load_png(shot);
        REQUIRE_FALSE(actual.empty());

        // A stale diff from an earlier run must not be mistaken for this one's.
        std::string golden_path = golden_dir + "/" + file + ".png";
        std::string diff_path = diff_dir + "/" + file + ".diff.png";
        std::string actual_path = diff_dir + "/" + file + ".actual.png";
        fs::remove(diff_path);
        fs::remove(actual_path);

        if (blessing()) {
            fs::create_directories(golden_dir);
            fs::copy_file(shot, golden_path, fs::copy_options::overwrite_existing);
            MESSAGE("blessed " << golden_path);
            continue;
        }

        Image golden = load_png(golden_path);
        if (golden.empty()) {
            fs::copy_file(shot, actual_path, fs::copy_options::overwrite_existing);
            FAIL_CHECK("no golden image " << golden_path << " (the shot is " << actual_path
                                          << "): to make it, re-bless with tools/bless-screens.sh");
            continue;
        }
        if (golden.width != actual.width || golden.height != actual.height) {
            fs::copy_file(shot, actual_path, fs::copy_options::overwrite_existing);
            FAIL_CHECK("the golden image " << golden_path << " is " << golden.width << "x" << golden.height
                                           << ", the shot " << actual_path << " is " << actual.width << "x"
                                           << actual.height << ": " << bless_hint);
            continue;
        }
        std::size_t differing = compare_images(golden, actual, tolerance, diff_path);
        std::size_t pixels = std::size_t(actual.width) * std::size_t(actual.height);
        if (double(differing) > max_share * double(pixels)) {
            fs::copy_file(shot, actual_path, fs::copy_options::overwrite_existing);
            FAIL_CHECK(differing << " of " << pixels << " pixels differ from " << golden_path << " ("
                                 << 100.0 * double(differing) / double(pixels) << " %, at most " << 100.0 * max_share
                                 << " % may); the differences are red in " << diff_path << ", the shot is "
                                 << actual_path << "; " << bless_hint);
        } else {
            // Within the tolerance: no diff to look at.
            fs::remove(diff_path);
        }
    }
}

} // namespace

TEST_CASE("golden: home")
{
    check_golden("home");
}

TEST_CASE("golden: page (guide)")
{
    check_golden("guide");
}

TEST_CASE("golden: cards with filters (places)")
{
    check_golden("places");
}

TEST_CASE("golden: QR view of a card (places/north-desk)")
{
    check_golden("places/north-desk");
}

TEST_CASE("golden: agenda (events)")
{
    check_golden("events");
}

TEST_CASE("golden: the urgent page (urgent)")
{
    check_golden("urgent");
}
