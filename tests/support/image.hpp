// Reading the kiosk's PNG screenshots back in tests, and comparing them with golden images.
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

// Writes `image` as a PNG; false when the file cannot be written.
bool save_png(const Image& image, const std::string& path);

// How many different colours the picture uses: a blank or failed render has one or two.
std::size_t distinct_colors(const Image& image);

// The vertical shift (in pixels, positive when the content moved up) that best lines up `after` with `before`
// inside the rows [top, bottom), searched within +-max_shift.
int vertical_shift(const Image& before, const Image& after, int top, int bottom, int max_shift);

// How many pixels of `actual` differ from `golden`: a pixel differs when any channel is more than `tolerance` apart.
// Pictures of different sizes differ in every pixel of the larger one. When some pixels differ and `diff_path` is not
// empty, writes there the golden picture dimmed with the differing pixels in pure red.
std::size_t compare_images(const Image& golden, const Image& actual, int tolerance, const std::string& diff_path = {});

} // namespace kiosk::test
