// Image scaling with stb_image, stb_image_resize and stb_image_write.
#include "content/image_scale.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>

namespace kiosk {

namespace {

constexpr int jpeg_quality = 85;

void append_bytes(void* context, void* data, int size)
{
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), std::size_t(size));
}

} // namespace

std::optional<ScaledImage> scale_image(std::string_view bytes, int max_side, std::string& error)
{
    Diagnostics ignored;
    auto header = read_image_info(bytes, bytes.size(), "image", ignored);
    if (!header) {
        error = "the image is not a PNG or JPEG of a usable size";
        return std::nullopt;
    }
    int width = 0, height = 0, channels = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels(
        stbi_load_from_memory(
            reinterpret_cast<const unsigned char*>(bytes.data()), int(bytes.size()), &width, &height, &channels, 0),
        stbi_image_free);
    if (!pixels || width != header->width || height != header->height) {
        error = "the image is damaged and cannot be decoded";
        return std::nullopt;
    }
    double scale = std::min(1.0, double(max_side) / double(std::max(width, height)));
    int out_w = std::max(1, int(std::lround(width * scale)));
    int out_h = std::max(1, int(std::lround(height * scale)));
    std::string scaled;
    const unsigned char* source = pixels.get();
    std::string resized;
    if (out_w != width || out_h != height) {
        resized.resize(std::size_t(out_w) * std::size_t(out_h) * std::size_t(channels));
        if (!stbir_resize_uint8(pixels.get(), width, height, 0, reinterpret_cast<unsigned char*>(resized.data()), out_w,
                out_h, 0, channels)) {
            error = "the image could not be scaled";
            return std::nullopt;
        }
        source = reinterpret_cast<const unsigned char*>(resized.data());
    }
    ScaledImage result;
    bool alpha = channels == 2 || channels == 4;
    int ok = alpha
        ? stbi_write_png_to_func(append_bytes, &result.bytes, out_w, out_h, channels, source, out_w * channels)
        : stbi_write_jpg_to_func(append_bytes, &result.bytes, out_w, out_h, channels, source, jpeg_quality);
    if (!ok || result.bytes.empty()) {
        error = "the image could not be encoded again";
        return std::nullopt;
    }
    result.info.format = alpha ? ImageFormat::Png : ImageFormat::Jpeg;
    result.info.width = out_w;
    result.info.height = out_h;
    result.info.bytes = result.bytes.size();
    return result;
}

} // namespace kiosk
