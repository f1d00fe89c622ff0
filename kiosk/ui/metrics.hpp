// Physical sizes on the panel: everything on screen is a multiple of the body text size or of millimetres.
#pragma once

namespace kiosk::ui {

struct Metrics {
    int width = 1280;
    int height = 800;
    float diagonal_inches = 10.1f;
    float px_per_mm = 5.9f;
    float body = 24.0f; // Body text size in pixels (ascent to descent): 6.3 mm on the panel, 3.3 mm capitals.

    float mm(float millimetres) const { return millimetres * px_per_mm; }
    float em(float ems) const { return ems * body; }
    // The smallest side of anything a finger must hit: about 9 mm.
    float touch() const { return mm(9.0f); }
    bool portrait() const { return height > width; }
};

// The physical text sizes for a panel of `width` x `height` pixels and this diagonal.
Metrics compute_metrics(int width, int height, float diagonal_inches);

// A likely diagonal when neither settings nor the display say: kiosk panels of 800x480 and 1024x600 are 7 inches,
// 1280x800 ones 10.1; anything larger is taken as 15.6 (DESIGN.md's default).
float guess_diagonal_inches(int width, int height);

} // namespace kiosk::ui
