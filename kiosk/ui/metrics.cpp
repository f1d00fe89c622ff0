// Metrics: pixels per millimetre and text sizes from the panel's resolution and diagonal.
#include "ui/metrics.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {

// ImGui sizes a font by its line (ascent to descent); Noto Sans's capitals are 0.524 of that, DejaVu Sans's 0.626.
// 6.3 mm lines give Noto capitals of 3.3 mm: body text at least 3.2 mm on the glass, readable at arm's length.
constexpr float body_text_mm = 6.3f;

} // namespace

float guess_diagonal_inches(int width, int height)
{
    int short_side = std::min(width, height);
    if (short_side <= 600)
        return 7.0f;
    if (short_side <= 800)
        return 10.1f;
    return 15.6f;
}

Metrics compute_metrics(int width, int height, float diagonal_inches)
{
    Metrics m;
    m.width = std::max(width, 1);
    m.height = std::max(height, 1);
    m.diagonal_inches = diagonal_inches > 0.0f ? diagonal_inches : guess_diagonal_inches(width, height);
    float diagonal_px = std::sqrt(float(m.width) * float(m.width) + float(m.height) * float(m.height));
    m.px_per_mm = diagonal_px / (m.diagonal_inches * 25.4f);
    // Never so small that a line does not fit a word, never so big that a tile holds no text.
    auto short_side = float(std::min(m.width, m.height));
    m.body = std::round(std::clamp(m.px_per_mm * body_text_mm, 14.0f, short_side / 12.0f));
    return m;
}

Metrics large_text(const Metrics& metrics)
{
    Metrics large = metrics;
    float most = float(std::min(metrics.width, metrics.height)) / 9.0f;
    large.body = std::ceil(std::max(metrics.body * 1.4f, std::min(metrics.body * 1.5f, most)));
    large.body = std::max(metrics.body, std::min(large.body, std::floor(float(metrics.width) / 12.0f)));
    return large;
}

} // namespace kiosk::ui
