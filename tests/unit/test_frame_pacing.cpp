// The frame loop's deadlines with a fake clock: an idle loop sleeps until the next thing due, never a fixed tick and
// never 0, and the heartbeat (the service watchdog) is never late.
#include "platform/frame_pacing.hpp"

#include <doctest/doctest.h>

using kiosk::Millis;
using kiosk::platform::frame_interval;
using kiosk::platform::FramePacing;

TEST_CASE("idle, the loop sleeps until the client's next change, however far")
{
    FramePacing pacing;
    CHECK(pacing.timeout(Millis(1000), false, Millis(900), Millis(61000)) == Millis(60000));
    CHECK(pacing.timeout(Millis(0), false, Millis(0), Millis(3600 * 1000)) == Millis(3600 * 1000));
    CHECK_FALSE(pacing.heartbeat_due(Millis(3600 * 1000)));
}

TEST_CASE("a deadline now or past gives the shortest wait, never 0")
{
    FramePacing pacing;
    CHECK(pacing.timeout(Millis(5000), false, Millis(0), Millis(5000)) == Millis(1));
    CHECK(pacing.timeout(Millis(5000), false, Millis(0), Millis(4000)) == Millis(1));
    CHECK(pacing.timeout(Millis(5000), true, Millis(4000), Millis(9000)) == Millis(1));
}

TEST_CASE("while something moves, the loop wakes for the next frame")
{
    FramePacing pacing;
    CHECK(pacing.timeout(Millis(1000), true, Millis(1000), Millis(60000)) == frame_interval);
    CHECK(pacing.timeout(Millis(1010), true, Millis(1000), Millis(60000)) == Millis(6));
}

TEST_CASE("the heartbeat wakes an idle loop, and is given at its interval")
{
    FramePacing pacing;
    pacing.set_heartbeat(Millis(10000), Millis(0)); // A 30 s watchdog, fed at a third.
    CHECK(pacing.timeout(Millis(0), false, Millis(0), Millis(60000)) == Millis(10000));
    CHECK_FALSE(pacing.heartbeat_due(Millis(9999)));
    CHECK(pacing.heartbeat_due(Millis(10000)));
    pacing.beat(Millis(10000));
    CHECK_FALSE(pacing.heartbeat_due(Millis(10001)));
    CHECK(pacing.timeout(Millis(10000), false, Millis(0), Millis(60000)) == Millis(10000));
    // An earlier change comes first.
    CHECK(pacing.timeout(Millis(10000), false, Millis(0), Millis(12000)) == Millis(2000));

    pacing.set_heartbeat(Millis(0), Millis(20000)); // No watchdog: no heartbeat.
    CHECK_FALSE(pacing.heartbeat_due(Millis(1000000)));
    CHECK(pacing.timeout(Millis(20000), false, Millis(0), Millis(80000)) == Millis(60000));
}

TEST_CASE("an idle hour: a wake-up per minute and per heartbeat, and no heartbeat late")
{
    // The loop as FrameLoop::run() turns it, on a fake clock: the client changes at each minute.
    auto idle_hour = [](Millis every) {
        FramePacing pacing;
        pacing.set_heartbeat(every, Millis(0));
        Millis now {0}, last_beat {0}, latest_gap {0};
        int wakes = 0;
        while (now < Millis(3600 * 1000)) {
            if (pacing.heartbeat_due(now)) {
                latest_gap = std::max(latest_gap, now - last_beat);
                last_beat = now;
                pacing.beat(now);
            }
            Millis change_at((now.count() / 60000 + 1) * 60000);
            now += pacing.timeout(now, false, Millis(0), change_at);
            ++wakes;
        }
        return std::pair {wakes, latest_gap};
    };
    auto [quiet, no_gap] = idle_hour(Millis(0));
    CHECK(quiet == 60);
    CHECK(no_gap == Millis(0));
    auto [watched, gap] = idle_hour(Millis(10000));
    CHECK(watched == 360); // Every 10 s; the minutes fall on heartbeats.
    CHECK(gap == Millis(10000));
}
