// Physical text sizes: body text capitals of at least 3.2 mm on every panel from 7 to 32 inches, secondary text 2.8 mm,
// large text at least 1.4 times body; touch targets about 9 mm.
#include "ui/metrics.hpp"

#include <doctest/doctest.h>
#include <initializer_list>

using namespace kiosk::ui;

namespace {

struct Panel {
    int w, h;
    float inches;
};

const Panel panels[]
    = {{800, 480, 7.0f}, {1024, 600, 7.0f}, {1280, 800, 10.1f}, {1920, 1080, 15.6f}, {1920, 1080, 21.5f},
        {1920, 1080, 24.0f}, {1080, 1920, 15.6f}, {1080, 1920, 21.5f}, {1366, 768, 15.6f}, {3840, 2160, 32.0f}};

// Millimetres on the glass of the capitals of a font `size` pixels large.
float cap_mm(float size, const Metrics& m)
{
    return size * cap_height_ratio / m.px_per_mm;
}

} // namespace

TEST_CASE("body text has capitals of at least 3.2 mm, secondary text 2.8 mm, on panels from 7 to 32 inches")
{
    for (Panel p : panels) {
        Metrics m = compute_metrics(p.w, p.h, p.inches);
        CAPTURE(p.w);
        CAPTURE(p.h);
        CAPTURE(p.inches);
        CHECK(cap_mm(m.body, m) >= 3.2f);
        CHECK(cap_mm(m.secondary(), m) >= 2.8f);
        CHECK(m.touch() / m.px_per_mm == doctest::Approx(9.0f));
    }
}

TEST_CASE("large text is at least 1.4 times body text on every panel")
{
    for (Panel p : panels) {
        Metrics m = compute_metrics(p.w, p.h, p.inches);
        Metrics large = large_text(m);
        CAPTURE(p.w);
        CAPTURE(p.inches);
        CHECK(large.body >= m.body * 1.4f);
        CHECK(large.body <= m.body * 1.5f + 1.0f);
        CHECK(cap_mm(large.body, large) >= 3.2f * 1.4f);
        CHECK(cap_mm(large.secondary(), large) >= 2.8f * 1.4f);
    }
}

TEST_CASE("the diagonal is guessed from the resolution when nobody says")
{
    CHECK(guess_diagonal_inches(800, 480) == 7.0f);
    CHECK(guess_diagonal_inches(1280, 800) == 10.1f);
    CHECK(guess_diagonal_inches(1920, 1080) == 15.6f);
    CHECK(guess_diagonal_inches(1080, 1920) == 15.6f);
    Metrics m = compute_metrics(800, 480, 0.0f);
    CHECK(m.diagonal_inches == 7.0f);
}
