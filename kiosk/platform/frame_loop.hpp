// The idle-aware frame loop: sleeps in SDL_WaitEventTimeout while nothing moves, draws at full rate only while a
// finger is down, something animates or an event just arrived, and wakes for the client's timers and other threads.
#pragma once

#include "content/clock.hpp"
#include "platform/backend.hpp"
#include "platform/frame_pacing.hpp"
#include "platform/pointer_input.hpp"
#include "platform/wake_queue.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

union SDL_Event;
struct SDL_Keysym;

namespace kiosk::platform {

// A keypad's keys (settings' keypad): a USB numeric keypad, a four-arrow pad, or a keyboard's arrows.
enum class KeypadKey { Previous, Next, Activate, Help };
// The keypad key a key is: arrows, Tab and the numeric keypad's 8 4 2 6 move; Enter, Space and 5 choose; F1, Help,
// "?" and the numeric keypad's + and 0 ask for help. Nothing for any other key.
std::optional<KeypadKey> keypad_key(const SDL_Keysym& key);

// A point of the content to press (touch exploration's double tap, a keypad's Enter).
using PressAt = std::optional<std::pair<float, float>>;

class FrameClient {
public:
    virtual ~FrameClient() = default;
    // The drawable size is known or changed: rebuild what depends on it (fonts) and upload them.
    virtual void resized(int width, int height) = 0;
    // Before a frame begins, while the font atlas may still change: idle timers, a new text size.
    virtual void before_frame() { }
    // Builds this frame's ImGui content.
    virtual void draw() = 0;
    // A finger or the mouse touched the screen, at uptime `now`.
    virtual void touched(Millis /*now*/) { }
    // Something moves by itself (a fling, an animation): keep drawing at full rate.
    virtual bool animating() const = 0;
    // How long until the screen changes by itself (the clock's next minute): the loop wakes then.
    virtual Millis until_next_change() const = 0;
    // The render device was lost and recreated: upload any textures again (the loop re-uploads the fonts).
    virtual void textures_lost() { }
    virtual std::uint32_t background() const = 0;

    // Touch exploration (read aloud): while true, touches come as gestures (gesture()) and not as presses; two
    // fingers scroll as a mouse wheel does. `touch_slop` is how far a tapping finger may wander, in pixels;
    // `wheel_step` how far a wheel step scrolls.
    virtual bool exploring() const { return false; }
    virtual float touch_slop() const { return 8.0f; }
    virtual float wheel_step() const { return 48.0f; }
    // A gesture while exploring, before the frame is built (the last frame's controls are still known). Returns a
    // point to press when the gesture chose something.
    virtual PressAt gesture(const Gesture& /*gesture*/) { return std::nullopt; }
    // Whether keys are a keypad's (settings' keypad); otherwise every key is ignored.
    virtual bool keypad() const { return false; }
    // A keypad key, before the frame is built; returns a point to press when it chose something.
    virtual PressAt key(KeypadKey /*key*/) { return std::nullopt; }
};

class FrameLoop {
public:
    FrameLoop(Backend& backend, Clock& clock, FrameClient& client, WakeQueue& wake);

    // Catches SIGTERM and SIGINT: the loop wakes at once and ends cleanly.
    static void install_signal_handlers();

    // Lays out and draws the first frame.
    void start();
    // Real time: runs until stop() or a signal; returns the exit status.
    int run();

    // Simulated time (scripts, screenshots): runs every frame that would happen in the next `by`, building ImGui
    // frames but rasterising none.
    void advance(Millis by);
    // Rasterises the last frame and writes it as a PNG.
    bool shot(const std::string& path, std::string& error);

    void stop(int status);
    bool stopping() const;
    // The status stop() was given (0 when stopped by a signal).
    int exit_status() const { return m_stop ? m_status : 0; }
    std::uint64_t frames() const { return m_frames; }
    Millis uptime() const { return m_clock.uptime(); }
    void on_first_frame(std::function<void()> callback) { m_on_first_frame = std::move(callback); }
    // Called every `every` while the real-time loop turns, waking it when idle: the service watchdog.
    void set_heartbeat(Millis every, std::function<void()> beat);

private:
    void pump();
    // Reads what the display sent outside SDL (Wayland through shared memory) into SDL's queue; stops when it is lost.
    void pump_display();
    // Sleeps until an event or `timeout`; true with `event` filled when one came.
    bool wait_event(SDL_Event& event, Millis timeout);
    void handle(const SDL_Event& event);
    void frame();
    // Rasterises and presents the frame just built (and records its times, with KIOSK_FRAME_TIMES).
    void show();
    bool wants_frames() const;

    Backend& m_backend;
    Clock& m_clock;
    FrameClient& m_client;
    WakeQueue& m_wake;
    PointerInput m_pointer;
    std::vector<KeypadKey> m_keys; // Pressed since the last frame.
    Millis m_last_frame {-1};
    Millis m_active_until {0}; // Keep drawing until then: a moment after each event.
    Millis m_tick_at {0};      // The client's next timer.
    int m_warmup_frames = 2;   // ImGui settles sizes over the first frames.
    bool m_dirty = true;
    bool m_stop = false;
    int m_status = 0;
    std::uint64_t m_frames = 0;
    std::function<void()> m_on_first_frame;
    std::function<void()> m_heartbeat;
    FramePacing m_pacing; // The next frame, the heartbeat, and how long to sleep until the earlier.
    // How the loop sleeps. SDL 2.26 blocks in SDL_WaitEventTimeout only on x11 and wayland; elsewhere it sleeps 1 ms
    // at a time, so the loop sleeps on the wake queue itself: for as long as it likes where every event comes from
    // this process (offscreen, dummy), and pumping SDL every `input_poll` where input arrives by pumping (kmsdrm).
    enum class Sleep { Sdl, Queue, QueuePumping };
    Sleep m_sleep = Sleep::Sdl;

    // KIOSK_FRAME_TIMES=FILE (the benchmark): one line "build_us render_us cpu_us" per frame shown. Null when unset,
    // and then the only cost is testing it.
    struct CloseFile {
        void operator()(std::FILE* file) const { std::fclose(file); }
    };
    std::unique_ptr<std::FILE, CloseFile> m_frame_times;
    std::int64_t m_build_us = 0;     // The last frame's ImGui::NewFrame to ImGui::Render, in microseconds.
    std::int64_t m_cpu_start_us = 0; // The main thread's CPU time when the last frame's build began.
};

} // namespace kiosk::platform
