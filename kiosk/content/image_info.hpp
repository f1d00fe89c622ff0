// Images in a bundle: PNG or JPEG by their magic bytes, and their size read from the header before anything decodes
// them, so a hostile file cannot make the kiosk allocate gigabytes.
#pragma once

#include "content/diagnostic.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

enum class ImageFormat { Png, Jpeg };

struct ImageInfo {
    ImageFormat format = ImageFormat::Png;
    int width = 0;
    int height = 0;
    std::uint64_t bytes = 0;
};

struct ImageLimits {
    std::uint64_t max_bytes = 20 * 1024 * 1024;
    int max_side = 4096; // Pixels on either side.
};

// Reads the format and dimensions from the first bytes of a file (`head`, at least the first 256 KiB or the whole
// file) of `size` bytes. Problems are errors on `file_name` (line 0).
std::optional<ImageInfo> read_image_info(std::string_view head, std::uint64_t size, const std::string& file_name,
    Diagnostics& diagnostics, const ImageLimits& limits = {});

// Reads the head of the file at `path` and calls the above.
std::optional<ImageInfo> read_image_file_info(
    const std::string& path, const std::string& file_name, Diagnostics& diagnostics, const ImageLimits& limits = {});

} // namespace kiosk
