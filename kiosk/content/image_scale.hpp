// Scaling images down once, at import, so the kiosk never decodes a camera-sized picture while a visitor waits.
#pragma once

#include "content/bundle_reader.hpp"
#include "content/diagnostic.hpp"
#include "content/image_info.hpp"

#include <map>

#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// Pixels on the longest side of an image once imported: larger pictures are scaled down, once.
inline constexpr int max_image_side = 1280;

struct ScaledImage {
    std::string bytes; // PNG (when the picture has transparency) or JPEG.
    ImageInfo info;
};

// Decodes `bytes` (a PNG or JPEG whose header already passed read_image_info), scales it so neither side is over
// `max_side` pixels, and encodes it again. A picture already small enough is re-encoded too, so nothing from the
// original file (metadata, odd chunks) reaches the store. Returns nothing, with `error` saying why, on failure.
std::optional<ScaledImage> scale_image(std::string_view bytes, int max_side, Reason& error);

// Every picture of `bundle` (read from `dir`) scaled to max_image_side, by path; one that cannot be decoded is left
// out, with an error for its file.
std::map<std::string, std::string> scale_bundle_images(
    const std::string& dir, const Bundle& bundle, Diagnostics& diagnostics);

} // namespace kiosk
