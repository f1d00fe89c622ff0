// Images decoded lazily into textures on a real (offscreen, software) SDL renderer: decoded once, the least recently
// used dropped first, a broken image tried once.
#include "platform/backend.hpp"
#include "platform/texture_cache.hpp"

#include <doctest/doctest.h>
#include <map>
#include <stb_image_write.h>

using namespace kiosk::platform;

namespace {

std::string png(int width, int height)
{
    std::string rgba(std::size_t(width) * std::size_t(height) * 4, '\x7f');
    std::string out;
    stbi_write_png_to_func(
        [](void* context, void* data, int size) {
            static_cast<std::string*>(context)->append(static_cast<const char*>(data), std::size_t(size));
        },
        &out, width, height, 4, rgba.data(), width * 4);
    return out;
}

} // namespace

TEST_CASE("textures: decoded on first use, evicted least recently used first, failures remembered")
{
    std::string error;
    BackendOptions options;
    options.width = 320;
    options.height = 240;
    options.fullscreen = Fullscreen::No;
    options.headless = Headless::Yes;
    auto backend = Backend::create(options, error);
    REQUIRE_MESSAGE(backend, error);

    std::map<std::string, std::string> files = {{"images/a.png", png(40, 30)}, {"images/b.png", png(8, 8)},
        {"images/c.png", png(16, 4)}, {"images/bad.png", "not a picture"}};
    int reads = 0;
    TextureCache::Source source = [&](const std::string& key) -> const std::string* {
        ++reads;
        auto it = files.find(key);
        return it == files.end() ? nullptr : &it->second;
    };
    TextureCache cache(*backend, 2);
    auto a = cache.get("images/a.png", source);
    REQUIRE(a);
    CHECK(a->width == 40);
    CHECK(a->height == 30);
    CHECK(cache.get("images/a.png", source)->id == a->id); // The same texture, not decoded again.
    CHECK(reads == 1);

    CHECK(cache.get("images/b.png", source));
    CHECK(cache.get("images/a.png", source)); // a is now the most recently used...
    CHECK(cache.get("images/c.png", source)); // ...so b makes room for c.
    CHECK(cache.size() == 2);
    reads = 0;
    cache.get("images/a.png", source);
    CHECK(reads == 0);
    cache.get("images/b.png", source);
    CHECK(reads == 1);

    reads = 0;
    CHECK_FALSE(cache.get("images/bad.png", source));
    CHECK_FALSE(cache.get("images/bad.png", source));
    CHECK_FALSE(cache.get("images/missing.png", source));
    CHECK(reads == 2); // Each failure is tried once.

    cache.clear();
    CHECK(cache.size() == 0);
}
