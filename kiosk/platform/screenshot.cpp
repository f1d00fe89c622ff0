// PNG writing with stb_image_write.
#include "platform/screenshot.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stb_image_write.h>

namespace kiosk::platform {

bool write_png(
    const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba, std::string& error)
{
    std::vector<std::uint8_t> rgb(std::size_t(width) * std::size_t(height) * 3);
    for (std::size_t i = 0, j = 0; i + 3 < rgba.size() && j + 2 < rgb.size(); i += 4, j += 3) {
        rgb[j] = rgba[i];
        rgb[j + 1] = rgba[i + 1];
        rgb[j + 2] = rgba[i + 2];
    }
    std::string temporary = path + ".tmp";
    if (!stbi_write_png(temporary.c_str(), width, height, 3, rgb.data(), width * 3)) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        std::remove(temporary.c_str());
        return false;
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        std::remove(temporary.c_str());
        return false;
    }
    return true;
}

} // namespace kiosk::platform
