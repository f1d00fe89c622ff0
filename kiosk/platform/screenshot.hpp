// Writing screen pixels to PNG files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::platform {

// Writes tightly packed RGBA rows as a PNG (alpha dropped). Writes to a temporary file first, so a failed write
// never leaves half a picture under `path`.
bool write_png(
    const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba, std::string& error);

} // namespace kiosk::platform
