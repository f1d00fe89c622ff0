// Image scaling: JPEGs decoded already scaled down and encoded with libjpeg-turbo (TurboJPEG), PNGs with stb_image;
// stb_image_resize for the last step to the size kept.
#include "content/image_scale.hpp"
#include "content/posix_file.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>
#include <turbojpeg.h>

namespace kiosk {

namespace {

constexpr int jpeg_quality = 85;

void append_bytes(void* context, void* data, int size)
{
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), std::size_t(size));
}

struct TurboJpeg {
    tjhandle handle;
    explicit TurboJpeg(tjhandle h)
        : handle(h)
    { }
    ~TurboJpeg()
    {
        if (handle)
            tjDestroy(handle);
    }
    TurboJpeg(const TurboJpeg&) = delete;
    TurboJpeg& operator=(const TurboJpeg&) = delete;
};

// A JPEG decoded to RGB at the smallest of libjpeg-turbo's scales (1/8 to 1) that still leaves `max_side` pixels on
// its long side: a 4096-pixel photo for a 1280-pixel picture decodes at half size, in about a third of the time (the
// DCT does the scaling). Nothing when TurboJPEG cannot read it (CMYK, say): stb_image then tries.
std::optional<std::string> decode_jpeg_scaled(
    std::string_view bytes, int max_side, int& width, int& height, int& channels)
{
    TurboJpeg tj(tjInitDecompress());
    int w = 0, h = 0, subsampling = 0, colorspace = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    if (!tj.handle
        || tjDecompressHeader3(
               tj.handle, data, static_cast<unsigned long>(bytes.size()), &w, &h, &subsampling, &colorspace)
            != 0
        || w <= 0 || h <= 0)
        return std::nullopt;
    int count = 0;
    tjscalingfactor* factors = tjGetScalingFactors(&count);
    int want = std::min(max_side, std::max(w, h));
    tjscalingfactor best {1, 1};
    for (int i = 0; factors && i < count; ++i) {
        int side = std::max(TJSCALED(w, factors[i]), TJSCALED(h, factors[i]));
        int best_side = std::max(TJSCALED(w, best), TJSCALED(h, best));
        if (side >= want && side < best_side)
            best = factors[i];
    }
    width = TJSCALED(w, best);
    height = TJSCALED(h, best);
    channels = 3;
    std::string pixels(std::size_t(width) * std::size_t(height) * 3, '\0');
    if (tjDecompress2(tj.handle, data, static_cast<unsigned long>(bytes.size()),
            reinterpret_cast<unsigned char*>(pixels.data()), width, 0, height, TJPF_RGB, 0)
        != 0)
        return std::nullopt;
    return pixels;
}

bool encode_jpeg(const unsigned char* pixels, int width, int height, int channels, std::string& out)
{
    TurboJpeg tj(tjInitCompress());
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    int format = channels == 1 ? TJPF_GRAY : TJPF_RGB;
    int subsampling = channels == 1 ? TJSAMP_GRAY : TJSAMP_420;
    if (!tj.handle
        || tjCompress2(tj.handle, pixels, width, 0, height, format, &jpeg, &size, subsampling, jpeg_quality, 0) != 0) {
        tjFree(jpeg);
        return false;
    }
    out.assign(reinterpret_cast<const char*>(jpeg), size);
    tjFree(jpeg);
    return true;
}

} // namespace

std::optional<ScaledImage> scale_image(std::string_view bytes, int max_side, Reason& error)
{
    Diagnostics ignored;
    auto header = read_image_info(bytes, bytes.size(), "image", ignored);
    if (!header) {
        error = Reason::said("image_not_usable");
        return std::nullopt;
    }
    int width = 0, height = 0, channels = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> decoded(nullptr, stbi_image_free);
    std::optional<std::string> jpeg;
    if (header->format == ImageFormat::Jpeg)
        jpeg = decode_jpeg_scaled(bytes, max_side, width, height, channels);
    if (!jpeg) {
        decoded.reset(stbi_load_from_memory(
            reinterpret_cast<const unsigned char*>(bytes.data()), int(bytes.size()), &width, &height, &channels, 0));
        if (!decoded || width != header->width || height != header->height) {
            error = Reason::said("image_not_decoded");
            return std::nullopt;
        }
    }
    const unsigned char* pixels = jpeg ? reinterpret_cast<const unsigned char*>(jpeg->data())
                                       : static_cast<const unsigned char*>(decoded.get());
    double scale = std::min(1.0, double(max_side) / double(std::max(width, height)));
    int out_w = std::max(1, int(std::lround(width * scale)));
    int out_h = std::max(1, int(std::lround(height * scale)));
    const unsigned char* source = pixels;
    std::string resized;
    if (out_w != width || out_h != height) {
        resized.resize(std::size_t(out_w) * std::size_t(out_h) * std::size_t(channels));
        if (!stbir_resize_uint8(pixels, width, height, 0, reinterpret_cast<unsigned char*>(resized.data()), out_w,
                out_h, 0, channels)) {
            error = Reason::said("image_not_scaled");
            return std::nullopt;
        }
        source = reinterpret_cast<const unsigned char*>(resized.data());
    }
    ScaledImage result;
    bool alpha = channels == 2 || channels == 4;
    int ok = alpha
        ? stbi_write_png_to_func(append_bytes, &result.bytes, out_w, out_h, channels, source, out_w * channels)
        : encode_jpeg(source, out_w, out_h, channels, result.bytes);
    if (!ok || result.bytes.empty()) {
        error = Reason::said("image_not_encoded");
        return std::nullopt;
    }
    result.info.format = alpha ? ImageFormat::Png : ImageFormat::Jpeg;
    result.info.width = out_w;
    result.info.height = out_h;
    result.info.bytes = result.bytes.size();
    return result;
}

std::map<std::string, std::string> scale_bundle_images(
    const std::string& dir, const Bundle& bundle, Diagnostics& diagnostics)
{
    std::map<std::string, std::string> scaled;
    for (const auto& [path, info] : bundle.images) {
        Reason error;
        auto bytes = posix::read_file(dir + "/" + path, max_bundle_file_bytes);
        if (auto image = scale_image(bytes.value_or(""), max_image_side, error))
            scaled[path] = std::move(image->bytes);
        else
            diagnostics.error(path, 0, error + Reason::said("image_left_out"));
    }
    return scaled;
}

} // namespace kiosk
