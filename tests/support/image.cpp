// PNG loading and writing, and simple picture comparisons for tests.
#include "support/image.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <set>
#include <stb_image.h>
#include <stb_image_write.h> // Debian's libstb holds the implementation.

namespace kiosk::test {

Image load_png(const std::string& path)
{
    Image image;
    int channels = 0;
    unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
    if (!data)
        return {};
    image.rgb.assign(data, data + std::size_t(image.width) * std::size_t(image.height) * 3);
    stbi_image_free(data);
    return image;
}

bool save_png(const Image& image, const std::string& path)
{
    if (image.empty())
        return false;
    return stbi_write_png(path.c_str(), image.width, image.height, 3, image.rgb.data(), image.width * 3) != 0;
}

std::size_t distinct_colors(const Image& image)
{
    std::set<std::uint32_t> colors;
    for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3)
        colors.insert(std::uint32_t(image.rgb[i]) << 16 | std::uint32_t(image.rgb[i + 1]) << 8 | image.rgb[i + 2]);
    return colors.size();
}

int vertical_shift(const Image& before, const Image& after, int top, int bottom, int max_shift)
{
    long best_cost = std::numeric_limits<long>::max();
    int best = 0;
    for (int shift = -max_shift; shift <= max_shift; ++shift) {
        long cost = 0;
        long compared = 0;
        for (int y = top; y < bottom; ++y) {
            int source = y + shift; // Content now at y was at y + shift before.
            if (source < top || source >= bottom)
                continue;
            for (int x = 0; x < before.width; x += 2) {
                const std::uint8_t* a = after.at(x, y);
                const std::uint8_t* b = before.at(x, source);
                cost += std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
                ++compared;
            }
        }
        if (compared < long(before.width) * 20)
            continue;
        long normalized = cost * 1000 / compared;
        if (normalized < best_cost) {
            best_cost = normalized;
            best = shift;
        }
    }
    return best;
}

std::size_t compare_images(const Image& golden, const Image& actual, int tolerance, const std::string& diff_path)
{
    if (golden.width != actual.width || golden.height != actual.height)
        return std::max(std::size_t(golden.width) * std::size_t(golden.height),
            std::size_t(actual.width) * std::size_t(actual.height));
    Image diff = golden;
    std::size_t differing = 0;
    for (std::size_t i = 0; i + 2 < golden.rgb.size(); i += 3) {
        bool differs = false;
        for (std::size_t c = 0; c < 3; ++c)
            differs = differs || std::abs(golden.rgb[i + c] - actual.rgb[i + c]) > tolerance;
        if (differs) {
            ++differing;
            diff.rgb[i] = 255;
            diff.rgb[i + 1] = 0;
            diff.rgb[i + 2] = 0;
        } else {
            // Dimmed to a quarter of its contrast over dark grey, so that the red stands out on any background.
            for (std::size_t c = 0; c < 3; ++c)
                diff.rgb[i + c] = std::uint8_t(64 + golden.rgb[i + c] / 4);
        }
    }
    if (differing > 0 && !diff_path.empty())
        save_png(diff, diff_path);
    return differing;
}

} // namespace kiosk::test
