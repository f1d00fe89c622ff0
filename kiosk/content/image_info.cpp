// Image headers: PNG's IHDR and JPEG's start-of-frame marker.
#include "content/image_info.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

namespace {

std::uint32_t be32(std::string_view s, std::size_t at)
{
    auto b = [&](std::size_t i) { return std::uint32_t(static_cast<unsigned char>(s[at + i])); };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

std::uint32_t be16(std::string_view s, std::size_t at)
{
    return std::uint32_t(static_cast<unsigned char>(s[at])) << 8 | static_cast<unsigned char>(s[at + 1]);
}

// Walks the JPEG markers to the first start-of-frame. Returns false when it is not found in `s`.
bool jpeg_size(std::string_view s, int& width, int& height)
{
    std::size_t i = 2;
    while (i + 4 <= s.size()) {
        if (static_cast<unsigned char>(s[i]) != 0xFF)
            return false;
        auto marker = static_cast<unsigned char>(s[i + 1]);
        if (marker == 0xFF) {
            ++i; // Fill byte.
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            i += 2;
            continue;
        }
        std::size_t length = be16(s, i + 2);
        if (length < 2)
            return false;
        bool start_of_frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (start_of_frame) {
            if (i + 9 > s.size())
                return false;
            height = int(be16(s, i + 5));
            width = int(be16(s, i + 7));
            return true;
        }
        i += 2 + length;
    }
    return false;
}

} // namespace

std::optional<ImageInfo> read_image_info(std::string_view head, std::uint64_t size, const std::string& file,
    Diagnostics& diagnostics, const ImageLimits& limits)
{
    ImageInfo info;
    info.bytes = size;
    if (size > limits.max_bytes) {
        diagnostics.error(file, 0,
            Reason::said("image_too_large",
                {{"size", std::to_string(size / (1024 * 1024))},
                    {"limit", std::to_string(limits.max_bytes / (1024 * 1024))}}));
        return std::nullopt;
    }
    if (head.size() >= 24 && head.substr(0, 8) == "\x89PNG\r\n\x1a\n" && head.substr(12, 4) == "IHDR") {
        info.format = ImageFormat::Png;
        std::uint32_t w = be32(head, 16), h = be32(head, 20);
        info.width = w > 1000000 ? 1000000 : int(w);
        info.height = h > 1000000 ? 1000000 : int(h);
    } else if (head.size() >= 4 && head.substr(0, 3) == "\xFF\xD8\xFF") {
        info.format = ImageFormat::Jpeg;
        if (!jpeg_size(head, info.width, info.height)) {
            diagnostics.error(file, 0, Reason::said("image_jpeg_size_unreadable"));
            return std::nullopt;
        }
    } else {
        diagnostics.error(file, 0, Reason::said("image_not_png_or_jpeg"));
        return std::nullopt;
    }
    if (info.width <= 0 || info.height <= 0) {
        diagnostics.error(file, 0, Reason::said("image_no_pixels"));
        return std::nullopt;
    }
    if (info.width > limits.max_side || info.height > limits.max_side) {
        diagnostics.error(file, 0,
            Reason::said("image_too_many_pixels",
                {{"width", std::to_string(info.width)}, {"height", std::to_string(info.height)},
                    {"limit", std::to_string(limits.max_side)}}));
        return std::nullopt;
    }
    return info;
}

std::optional<ImageInfo> read_image_file_info(
    const std::string& path, const std::string& file, Diagnostics& diagnostics, const ImageLimits& limits)
{
    int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st { };
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        diagnostics.error(file, 0, Reason::said("image_unreadable"));
        return std::nullopt;
    }
    std::string head(std::size_t(256 * 1024), '\0');
    ssize_t n = read(fd, head.data(), head.size());
    close(fd);
    head.resize(n > 0 ? std::size_t(n) : 0);
    return read_image_info(head, std::uint64_t(st.st_size), file, diagnostics, limits);
}

} // namespace kiosk
