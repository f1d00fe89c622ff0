// Reading the kiosk's PNG screenshots back in tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::test {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb; // Rows of RGB.

    bool empty() const { return rgb.empty(); }
    const std::uint8_t* at(int x, int y) const
    {
        return &rgb[(std::size_t(y) * std::size_t(width) + std::size_t(x)) * 3];
    }
};

Image load_png(const std::string& path);

// How many different colours the picture uses: a blank or failed render has one or two.
std::size_t distinct_colors(const Image& image);

// The vertical shift (in pixels, positive when the content moved up) that best lines up `after` with `before`
// inside the rows [top, bottom), searched within +-max_shift.
int vertical_shift(const Image& before, const Image& after, int top, int bottom, int max_shift);

} // namespace kiosk::test
