// Physical sizes on the panel: everything on screen is a multiple of the body text size or of millimetres.
#pragma once

#include <cmath>

namespace kiosk::ui {

struct Metrics {
    int width = 1280;
    int height = 800;
    float diagonal_inches = 10.1f;
    float px_per_mm = 5.9f;
    float body = 24.0f; // Body text size in pixels (ascent to descent): 6.3 mm on the panel, 3.3 mm capitals.

    float mm(float millimetres) const { return millimetres * px_per_mm; }
    // Secondary (grey) text's size in pixels: 0.87 of body, capitals of at least 2.8 mm.
    float secondary() const { return std::ceil(body * 0.87f); }
    float em(float ems) const { return ems * body; }
    // The smallest side of anything a finger must hit: about 9 mm.
    float touch() const { return mm(9.0f); }
    bool portrait() const { return height > width; }
};

// The physical text sizes for a panel of `width` x `height` pixels and this diagonal.
Metrics compute_metrics(int width, int height, float diagonal_inches);

// `metrics` with large text: body text at least 1.4 times as large (up to 1.5 times while a line still holds a few
// words), but never so large that the screen is less than 12 of it wide: on a 7-inch panel turned upright (480 px)
// that is 1.2 times, where 1.4 would leave tile labels a syllable a line and the bar's buttons no room.
Metrics large_text(const Metrics& metrics);

// Capital letters of Noto Sans (the kiosk's font) are this fraction of an ImGui font size (ascent to descent);
// DejaVu Sans's, the fallback, are larger (0.626).
inline constexpr float cap_height_ratio = 0.524f;

// A likely diagonal when neither settings nor the display say: kiosk panels of 800x480 and 1024x600 are 7 inches,
// 1280x800 ones 10.1; anything larger is taken as 15.6 (DESIGN.md's default).
float guess_diagonal_inches(int width, int height);

} // namespace kiosk::ui
