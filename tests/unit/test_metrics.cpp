// Physical text sizes: body text at least 4.5 mm on every panel, touch targets about 9 mm.
#include "ui/metrics.hpp"

#include <doctest/doctest.h>
#include <initializer_list>

using namespace kiosk::ui;

TEST_CASE("body text is at least 4.5 mm tall on common panels")
{
    struct Panel {
        int w, h;
        float inches;
    };
    for (Panel p :
        {Panel {800, 480, 7.0f}, Panel {1024, 600, 7.0f}, Panel {1280, 800, 10.1f}, Panel {1920, 1080, 15.6f},
            Panel {1920, 1080, 24.0f}, Panel {1080, 1920, 21.5f}, Panel {3840, 2160, 32.0f}}) {
        Metrics m = compute_metrics(p.w, p.h, p.inches);
        CAPTURE(p.w);
        CAPTURE(p.inches);
        CHECK(m.body / m.px_per_mm >= 4.5f);
        CHECK(m.touch() / m.px_per_mm == doctest::Approx(9.0f));
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
