// StaffSession: each staff tap as a job on the worker, and its answer back on the UI thread.
#include "app/staff_session.hpp"

#include <chrono>
#include <iostream>

namespace kiosk {

StaffSession::StaffSession(ui::Ui& ui, const Clock& clock, const TimeZone& zone, StaffPin& pin, StaffDesk& desk,
    StaffWorker& worker, platform::FrameLoop& loop, Trace trace)
    : m_ui(ui)
    , m_clock(clock)
    , m_zone(zone)
    , m_pin(pin)
    , m_desk(desk)
    , m_worker(worker)
    , m_loop(loop)
    , m_trace(trace)
{ }

void StaffSession::say(const std::string& line) const
{
    if (m_trace == Trace::Yes)
        std::cout << "staff: " << line << std::endl;
}

void StaffSession::handle(const ui::Intent& intent)
{
    if (m_worker.busy())
        return; // One thing at a time; the screen says what is under way.
    if (intent.kind == ui::Intent::Kind::StaffPin)
        check_pin(intent.path);
    else if (intent.path == "sync")
        look_now();
    else if (confirmed(intent.path))
        act(intent.path);
}

void StaffSession::check_pin(const std::string& digits)
{
    auto now = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now().time_since_epoch()).count();
    auto uptime = std::chrono::duration_cast<std::chrono::seconds>(m_clock.uptime()).count();
    m_ui.staff_busy("Checking the PIN\xE2\x80\xA6");
    m_worker.start([this, digits, now, uptime]() -> std::function<void()> {
        std::string message;
        if (m_pin.check(digits, now, uptime, message) != StaffPin::Check::Right) {
            return [this, message] {
                m_ui.staff_pin_refused(message);
                say(message);
            };
        }
        return [this, view = m_desk.view()] {
            m_ui.open_staff(view);
            say("open");
            if (!view.pending.empty())
                say("waiting " + view.pending);
            if (!view.pending_second.empty())
                say("also waiting " + view.pending_second);
        };
    });
}

void StaffSession::look_now()
{
    if (m_look_now)
        m_look_now();
    m_ui.staff_busy("Looking for new content now\xE2\x80\xA6");
    m_worker.start([this]() -> std::function<void()> {
        return [this, view = m_desk.view()] {
            m_ui.staff_done(view, "Looking for new content now; the results appear below in a few seconds.");
        };
    });
}

bool StaffSession::confirmed(const std::string& action)
{
    std::string ask = StaffDesk::confirm_first(action);
    if (ask.empty()) {
        m_confirming.clear();
        return true;
    }
    Millis now = m_clock.uptime();
    bool second_tap = m_confirming == action && now - m_confirm_asked < Millis(15000);
    m_confirming = second_tap ? "" : action;
    m_confirm_asked = now;
    if (!second_tap) {
        m_ui.staff_message(ask);
        say(ask);
    }
    return second_tap;
}

void StaffSession::act(const std::string& action)
{
    m_ui.staff_busy(StaffDesk::working_on(action));
    m_worker.start([this, action, now = m_clock.now()]() -> std::function<void()> {
        StaffOutcome outcome = m_desk.act(action);
        SnapshotPtr changed = outcome.content_changed ? m_desk.content_now(now, m_zone) : nullptr;
        return [this, outcome, changed, view = m_desk.view()] {
            if (changed)
                m_ui.set_content(changed);
            m_ui.staff_done(view, outcome.message);
            say(outcome.message);
            if (outcome.exit)
                m_loop.stop(*outcome.exit);
        };
    });
}

} // namespace kiosk
