// Scroller physics with a fake clock: tap versus drag, momentum that decays to rest, elastic ends that spring back.
#include "ui/scroller.hpp"

#include <algorithm>
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

// Steps the clock in `step` ms frames while the scroller animates, at most `limit` ms; returns the time at the end.
long run_until_settled(Scroller& s, long t, long step = 16, long limit = 5000)
{
    for (long start = t; s.animating() && t - start < limit;) {
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

TEST_CASE("past either end the content is held back by a rubber band")
{
    Scroller s; // max_overscroll 120 px.
    s.set_max_offset(300);
    SUBCASE("dragging down at the top moves the content less than the finger, less and less")
    {
        s.press(100, Millis(0));
        drag(s, 100, 200, 0, 160);
        float first = -s.offset();
        CHECK(first > 0.0f);
        CHECK(first < 100.0f * 0.6f); // At most the resistance (0.55) times the finger's travel.
        drag(s, 200, 300, 160, 160);
        float second = -s.offset() - first;
        CHECK(second > 0.0f);
        CHECK(second < first); // The same travel again stretches it less.
    }
    SUBCASE("however far the finger goes, the stretch stays under the limit")
    {
        s.press(700, Millis(0));
        drag(s, 700, -3000, 0, 480);
        CHECK(s.offset() > 300.0f);
        CHECK(s.offset() < 300.0f + 120.0f);
    }
    SUBCASE("within the ends a drag still moves by exactly the dragged distance")
    {
        s.press(400, Millis(0));
        drag(s, 400, 250, 0, 160);
        CHECK(s.offset() == doctest::Approx(150.0f));
    }
    SUBCASE("dragging back from past the end follows the finger to where it started")
    {
        s.press(100, Millis(0));
        long t = drag(s, 100, 400, 0, 160);
        CHECK(s.offset() < 0.0f);
        drag(s, 400, 100, t, 160);
        CHECK(s.offset() == doctest::Approx(0.0f));
    }
    SUBCASE("a limit set by the view (a fifth of its height) caps the stretch")
    {
        s.set_max_overscroll(40);
        s.press(100, Millis(0));
        drag(s, 100, 2000, 0, 320);
        CHECK(s.offset() < 0.0f);
        CHECK(s.offset() > -40.0f);
    }
}

TEST_CASE("released past an end, the content springs back to exactly the end and settles")
{
    for (long step : {8L, 16L, 33L}) {
        CAPTURE(step);
        Scroller s;
        s.set_max_offset(300);
        SUBCASE("at the top")
        {
            s.press(100, Millis(0));
            long t = drag(s, 100, 900, 0, 320);
            t += 100; // The finger rests: nothing is thrown.
            s.release(Millis(t));
            CHECK(s.springing());
            CHECK(s.animating());
            long released = t;
            t += step;
            s.update(Millis(t));
            CHECK(s.offset() < 0.0f); // On its way, not jumped.
            t = run_until_settled(s, t, step);
            CHECK_FALSE(s.animating());
            CHECK(t - released <= 500);
            CHECK(s.offset() == 0.0f);
        }
        SUBCASE("at the bottom, after a quick flick past it")
        {
            s.reset(280);
            s.press(500, Millis(0));
            long t = drag(s, 500, 300, 0, 80);
            CHECK(s.offset() > 300.0f);
            s.release(Millis(t));
            CHECK(s.springing());
            long released = t;
            t = run_until_settled(s, t, step);
            CHECK_FALSE(s.animating());
            CHECK(t - released <= 500);
            CHECK(s.offset() == 300.0f);
        }
    }
}

TEST_CASE("the spring back moves smoothly, toward the end all the way")
{
    Scroller s;
    s.set_max_offset(300);
    s.press(100, Millis(0));
    long t = drag(s, 100, 600, 0, 160);
    t += 100;
    s.release(Millis(t));
    float previous = s.offset();
    while (s.animating()) {
        t += 16;
        s.update(Millis(t));
        CHECK(s.offset() >= previous); // Never away from the end, never past it (critically damped).
        CHECK(s.offset() <= 0.0f);
        previous = s.offset();
    }
}

TEST_CASE("a fling into an end overshoots a little and settles at the end")
{
    for (long step : {16L, 33L}) {
        CAPTURE(step);
        Scroller s;
        s.set_max_offset(300);
        s.press(500, Millis(0));
        long t = drag(s, 500, 300, 0, 80); // 2500 px/s towards the end, 200 px before it.
        s.release(Millis(t));
        REQUIRE(s.flinging());
        float furthest = 0.0f;
        long start = t;
        while (s.animating() && t - start < 5000) {
            t += step;
            s.update(Millis(t));
            furthest = std::max(furthest, s.offset());
        }
        CHECK(furthest > 300.0f + 5.0f);   // It goes past the end...
        CHECK(furthest < 300.0f + 120.0f); // ...by a little, within the limit...
        CHECK(s.offset() == 300.0f);       // ...and comes back to rest exactly there.
        CHECK_FALSE(s.animating());
        CHECK(t - start < 1200);
    }
}

TEST_CASE("a press on content springing back holds it, the spring starts again on release")
{
    Scroller s;
    s.set_max_offset(300);
    s.press(100, Millis(0));
    long t = drag(s, 100, 600, 0, 160);
    t += 100;
    s.release(Millis(t));
    t += 50;
    s.update(Millis(t));
    float held = s.offset();
    REQUIRE(held < 0.0f);
    s.press(300, Millis(t));
    CHECK_FALSE(s.animating());
    s.update(Millis(t + 200));
    CHECK(s.offset() == held);
    s.release(Millis(t + 250));
    CHECK(s.springing());
    run_until_settled(s, t + 250);
    CHECK(s.offset() == 0.0f);
}

TEST_CASE("content that shrinks pulls the offset back")
{
    Scroller s;
    s.set_max_offset(300);
    s.reset(250);
    s.set_max_offset(100);
    CHECK(s.offset() == 100.0f);
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
