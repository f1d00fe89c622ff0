// The Client between the visitor UI and the frame loop: it sizes and draws the screens, resets them on idle, runs
// the screen hours, counts what was opened and hands staff intents to the app.
#pragma once

#include "app/screen_hours.hpp"
#include "app/settings.hpp"
#include "app/usage_counts.hpp"
#include "content/clock.hpp"
#include "content/time_zone.hpp"
#include "platform/backend.hpp"
#include "platform/frame_loop.hpp"
#include "platform/speech.hpp"
#include "ui/ui.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace kiosk {

class Client final : public platform::FrameClient {
public:
    Client(ui::Ui& ui, platform::Backend& backend, const Clock& clock, const TimeZone& zone, const Settings& settings,
        UsageCounts& counts);
    ~Client() override;
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    void resized(int width, int height) override;
    void before_frame() override;
    void touched(Millis now) override;
    void draw() override;
    bool animating() const override { return !m_dark && m_ui.animating(); }
    Millis until_next_change() const override;
    std::uint32_t background() const override { return m_dark ? 0xFF000000u : m_ui.style().theme.background; }
    bool exploring() const override { return !m_dark && m_ui.read_aloud(); }
    float touch_slop() const override { return m_ui.style().metrics.mm(3.0f); }
    // A scroll area scrolls three lines of body text a wheel step (ui/scroll_area.cpp).
    float wheel_step() const override { return 3.0f * m_ui.style().metrics.body; }
    platform::PressAt gesture(const platform::Gesture& gesture) override;
    bool keypad() const override { return m_keypad && !m_dark; }
    platform::PressAt key(platform::KeypadKey key) override;

    // Read aloud's voice (null: none, and the bars offer no Read aloud). Not owned. One whose sound card is not open
    // yet is watched: its worker tries the card (every 2 s for 2 minutes: at boot, udev gives the card to the audio
    // group a few seconds after the kiosk starts) and wakes the loop; the control shows once it opens.
    void set_speech(platform::Speech* speech);
    // Settings' keypad: keys move a focus through the controls.
    void set_keypad(bool on) { m_keypad = on; }

    // Scripts print every screen change on standard output, so a test can see what a tap reached.
    void trace_screens() { m_trace = true; }
    // Who checks the staff PIN and carries out staff actions (StaffSession).
    void on_staff(std::function<void(const ui::Intent&)> handler) { m_staff = std::move(handler); }

private:
    static constexpr Millis flush_every {3600 * 1000};

    // Dark outside the screen hours, unless a long press woke the screen; the display commands run at each change.
    void update_dark(Millis now);
    // Until the screen hours (or a woken screen's two minutes) change what the screen should do.
    Millis until_hours_change() const;
    // While dark, taps do nothing; a long press lights the screen for two minutes.
    void wake_on_long_press();
    // Carries out what the UI asked of the voice, and tells the UI whether it speaks (the Stop shows while it does).
    void drive_speech();
    // Whether a voice waiting for its sound card has it now, or has stopped trying.
    void watch_speech();

    ui::Ui& m_ui;
    platform::Backend& m_backend;
    const Clock& m_clock;
    const TimeZone& m_zone;
    float m_diagonal;
    Millis m_idle;
    UsageCounts& m_counts;
    Millis m_last_touch {0};
    Millis m_next_flush {flush_every};
    bool m_trace = false;
    std::function<void(const ui::Intent&)> m_staff;
    ScreenHours m_hours;
    std::string m_display_off, m_display_on;
    bool m_dark = false;
    Millis m_wake_until {-1};
    platform::Speech* m_speech = nullptr;  // The voice when it can speak, else null.
    platform::Speech* m_waiting = nullptr; // A voice whose sound card did not open yet.
    bool m_keypad = false;
    // KIOSK_SPEECH_TIMES=FILE (the benchmark): a line with each say()'s microseconds to its first sound.
    std::FILE* m_speech_times = nullptr;
    std::int64_t m_first_sample_us = -1; // The last latency written there.
};

} // namespace kiosk
