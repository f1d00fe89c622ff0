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
#include "ui/ui.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace kiosk {

class Client final : public platform::FrameClient {
public:
    Client(ui::Ui& ui, platform::Backend& backend, const Clock& clock, const TimeZone& zone, const Settings& settings,
        UsageCounts& counts);

    void resized(int width, int height) override;
    void before_frame() override;
    void touched(Millis now) override;
    void draw() override;
    bool animating() const override { return !m_dark && m_ui.animating(); }
    Millis until_next_change() const override;
    std::uint32_t background() const override { return m_dark ? 0xFF000000u : m_ui.style().theme.background; }

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
};

} // namespace kiosk
