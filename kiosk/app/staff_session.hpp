// The staff side of a running kiosk: the PIN pad's digits and the staff screen's buttons carried out on the staff
// worker (the screen keeps drawing, the watchdog keeps being fed), with their answers shown when they come back.
#pragma once

#include "app/staff_desk.hpp"
#include "app/staff_pin.hpp"
#include "app/staff_worker.hpp"
#include "content/clock.hpp"
#include "content/time_zone.hpp"
#include "platform/frame_loop.hpp"
#include "ui/intent.hpp"
#include "ui/ui.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>

namespace kiosk {

class StaffSession {
public:
    enum class Trace {
        No,
        Yes, // A script runs: print each answer on standard output ("staff: ..."), in the language shown, for tests.
    };
    StaffSession(ui::Ui& ui, const Clock& clock, const TimeZone& zone, StaffPin& pin, StaffDesk& desk,
        StaffWorker& worker, platform::FrameLoop& loop, Trace trace);

    // A StaffPin or StaffAction intent from the UI thread. Ignored while another staff job is under way.
    void handle(const ui::Intent& intent);
    // What "look for updates now" wakes (the sync threads), once they run.
    void on_look_now(std::function<void()> look_now) { m_look_now = std::move(look_now); }

private:
    // Times and versions as staff read them, in the language and zone shown now (taken on the UI thread).
    PeopleTime people_time() const;
    void check_pin(const std::string& digits);
    void look_now();
    void act(ui::StaffAction action, int slot);
    // Traces `phrase` in the language the kiosk shows now.
    void say(const ui::Phrase& phrase) const;
    // Traces a line of the scripts' own protocol ("open", "waiting ..."), which is not translated.
    void trace(const std::string& line) const;

    ui::Ui& m_ui;
    const Clock& m_clock;
    const TimeZone& m_zone;
    StaffPin& m_pin;
    StaffDesk& m_desk;
    StaffWorker& m_worker;
    platform::FrameLoop& m_loop;
    Trace m_trace;
    std::function<void()> m_look_now;
};

} // namespace kiosk
