// The home screen rendered headless at the four reference sizes: right size, not blank, same pixels every time.
#include "support/image.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <initializer_list>
#include <sstream>

using namespace kiosk::test;

namespace {

std::string bytes_of(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("home renders at 800x480, 1280x800, 1920x1080 and 1080x1920")
{
    TempDir dir;
    for (auto [w, h] : {std::pair {800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}}) {
        std::string size = std::to_string(w) + "x" + std::to_string(h);
        std::string png = dir.file("home-" + size + ".png");
        auto r = run_kiosk({"screenshot", "--out", png, "--size", size, "--now", "2026-12-01T10:00"});
        CAPTURE(size);
        REQUIRE_MESSAGE(r.status == 0, r.err);
        Image image = load_png(png);
        REQUIRE_FALSE(image.empty());
        CHECK(image.width == w);
        CHECK(image.height == h);
        // Text, tiles, icons and the urgent band give hundreds of colours (antialiasing); a blank screen one.
        CHECK(distinct_colors(image) > 50);
    }
}

TEST_CASE("the same screenshot command gives the same pixels, whatever the environment asks for")
{
    TempDir dir;
    std::vector<std::string> args = {"screenshot", "--size", "800x480", "--now", "2026-12-01T10:00", "--out"};
    auto first = args, second = args;
    first.push_back(dir.file("a.png"));
    second.push_back(dir.file("b.png"));
    REQUIRE(run_kiosk(first).status == 0);
    setenv("SDL_VIDEODRIVER", "x11", 1); // The screenshot command must ignore this.
    auto r = run_kiosk(second);
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(bytes_of(dir.file("a.png")) == bytes_of(dir.file("b.png")));
}

TEST_CASE("the language and the time change what home shows")
{
    TempDir dir;
    auto shot = [&](const std::string& name, std::vector<std::string> extra) {
        std::vector<std::string> args = {"screenshot", "--size", "800x480", "--out", dir.file(name)};
        args.insert(args.end(), extra.begin(), extra.end());
        REQUIRE(run_kiosk(args).status == 0);
        return bytes_of(dir.file(name));
    };
    std::string en = shot("en.png", {"--now", "2026-12-01T10:00"});
    CHECK(shot("es.png", {"--now", "2026-12-01T10:00", "--lang", "es"}) != en);
    CHECK(shot("later.png", {"--now", "2026-12-01T10:01"}) != en);
}
