// PNG loading and simple picture comparisons for tests.
#include "support/image.hpp"

#include <cstdlib>
#include <limits>
#include <set>
#include <stb_image.h>

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

} // namespace kiosk::test
