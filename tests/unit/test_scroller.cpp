// Scroller physics with a fake clock: tap versus drag, momentum that decays to rest, clamping at both ends.
#include "ui/scroller.hpp"

#include <doctest/doctest.h>

using kiosk::ui::Millis;
using kiosk::ui::Scroller;

namespace {

// Moves a pressed finger from y0 to y1 over `ms` in 16 ms steps, starting at `t`; returns the time at the end.
long drag(Scroller& s, float y0, float y1, long t, long ms)
{
    long steps = ms / 16;
    for (long i = 1; i <= steps; ++i) {
        t += 16;
        s.move(y0 + (y1 - y0) * float(i) / float(steps), Millis(t));
    }
    return t;
}

long run_until_rest(Scroller& s, long t, long step = 16)
{
    for (int i = 0; i < 1000 && s.flinging(); ++i) {
        t += step;
        s.update(Millis(t));
    }
    return t;
}

} // namespace

TEST_CASE("a press that stays within the threshold is a tap, not a scroll")
{
    Scroller s;
    s.set_max_offset(1000);
    s.press(300, Millis(0));
    s.move(305, Millis(16));
    s.move(296, Millis(32));
    CHECK_FALSE(s.dragging());
    CHECK(s.offset() == 0.0f);
    s.release(Millis(60));
    CHECK_FALSE(s.flinging());
    CHECK(s.offset() == 0.0f);
}

TEST_CASE("a drag past the threshold scrolls by exactly the dragged distance")
{
    Scroller s;
    s.set_max_offset(1000);
    s.press(400, Millis(0));
    long t = drag(s, 400, 150, 0, 400);
    CHECK(s.dragging());
    CHECK(s.offset() == doctest::Approx(250.0f));
    // The finger rests before it lifts: nothing is thrown.
    t += 200;
    s.release(Millis(t));
    CHECK_FALSE(s.flinging());
    CHECK(s.offset() == doctest::Approx(250.0f));
}

TEST_CASE("a fling keeps going, slows down and comes to rest")
{
    Scroller s;
    s.set_max_offset(100000);
    s.press(600, Millis(0));
    long t = drag(s, 600, 200, 0, 160); // 2500 px/s upwards.
    s.release(Millis(t));
    REQUIRE(s.flinging());
    float speed = s.velocity();
    CHECK(speed > 2000.0f);
    float released_at = s.offset();
    t += 100;
    s.update(Millis(t));
    CHECK(s.offset() > released_at);
    CHECK(s.velocity() < speed);
    t = run_until_rest(s, t);
    CHECK_FALSE(s.flinging());
    // An exponential decay with a 325 ms time constant throws speed * 0.325 s in all.
    CHECK(s.offset() - released_at == doctest::Approx(speed * 0.325f).epsilon(0.05));
    float rest = s.offset();
    s.update(Millis(t + 1000));
    CHECK(s.offset() == rest);
}

TEST_CASE("the fling covers the same distance whatever the frame rate")
{
    auto throw_distance = [](long step) {
        Scroller s;
        s.set_max_offset(100000);
        s.press(600, Millis(0));
        long t = drag(s, 600, 300, 0, 160);
        s.release(Millis(t));
        float start = s.offset();
        run_until_rest(s, t, step);
        return s.offset() - start;
    };
    CHECK(throw_distance(16) == doctest::Approx(throw_distance(33)).epsilon(0.02));
}

TEST_CASE("the content never scrolls past either end")
{
    Scroller s;
    s.set_max_offset(300);
    SUBCASE("dragging down at the top stays at the top")
    {
        s.press(100, Millis(0));
        drag(s, 100, 400, 0, 200);
        CHECK(s.offset() == 0.0f);
    }
    SUBCASE("dragging past the end stops at the end")
    {
        s.press(700, Millis(0));
        drag(s, 700, 0, 0, 300);
        CHECK(s.offset() == 300.0f);
    }
    SUBCASE("a fling into the end stops there")
    {
        s.press(500, Millis(0));
        long t = drag(s, 500, 300, 0, 80);
        s.release(Millis(t));
        REQUIRE(s.flinging());
        run_until_rest(s, t);
        CHECK(s.offset() == 300.0f);
        CHECK_FALSE(s.flinging());
    }
    SUBCASE("content that shrinks pulls the offset back")
    {
        s.reset(250);
        s.set_max_offset(100);
        CHECK(s.offset() == 100.0f);
    }
}

TEST_CASE("a press on a moving list only stops it")
{
    Scroller s;
    s.set_max_offset(100000);
    s.press(600, Millis(0));
    long t = drag(s, 600, 200, 0, 160);
    s.release(Millis(t));
    REQUIRE(s.flinging());
    t += 50;
    s.press(300, Millis(t));
    CHECK(s.press_stopped_fling());
    CHECK_FALSE(s.flinging());
    float stopped_at = s.offset();
    s.release(Millis(t + 60));
    s.update(Millis(t + 500));
    CHECK(s.offset() == stopped_at);

    // A press on a list at rest may click.
    s.press(300, Millis(t + 1000));
    CHECK_FALSE(s.press_stopped_fling());
}
