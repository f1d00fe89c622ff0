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

void StaffSession::trace(const std::string& line) const
{
    if (m_trace == Trace::Yes)
        std::cout << "staff: " << line << std::endl;
}

void StaffSession::say(const ui::Phrase& phrase) const
{
    if (m_trace == Trace::Yes)
        trace(m_ui.strings().format(phrase, m_ui.language()));
}

PeopleTime StaffSession::people_time() const
{
    return PeopleTime {&m_ui.strings(), m_ui.language(), m_zone, m_clock.now()};
}

void StaffSession::handle(const ui::Intent& intent)
{
    if (m_worker.busy())
        return; // One thing at a time; the screen says what is under way.
    if (intent.kind == ui::Intent::Kind::StaffPin) {
        check_pin(intent.pin);
        return;
    }
    if (intent.kind != ui::Intent::Kind::StaffAction)
        return;
    if (ui::asks_first(intent.action) && !intent.confirmed)
        return; // The screen asks first; only its confirm button's tap acts.
    if (intent.action == ui::StaffAction::Sync)
        look_now();
    else
        act(intent.action, intent.slot);
}

void StaffSession::check_pin(const std::string& digits)
{
    auto now = std::chrono::duration_cast<std::chrono::seconds>(m_clock.now().time_since_epoch()).count();
    auto uptime = std::chrono::duration_cast<std::chrono::seconds>(m_clock.uptime()).count();
    m_ui.staff_busy(ui::Phrase {"staff_checking_pin"});
    m_worker.start([this, digits, now, uptime, words = people_time()]() -> std::function<void()> {
        ui::Phrase message;
        if (m_pin.check(digits, now, uptime, message) != StaffPin::Check::Right) {
            return [this, message] {
                m_ui.staff_pin_refused(message);
                say(message);
            };
        }
        return [this, view = m_desk.view(words)] {
            m_ui.open_staff(view);
            trace("open");
            if (!view.pending.empty())
                trace("waiting " + m_ui.strings().format(view.pending, m_ui.language()));
            if (!view.pending_second.empty())
                trace("also waiting " + m_ui.strings().format(view.pending_second, m_ui.language()));
        };
    });
}

void StaffSession::look_now()
{
    if (m_look_now)
        m_look_now();
    m_ui.staff_busy(StaffDesk::working_on(ui::StaffAction::Sync));
    m_worker.start([this, words = people_time()]() -> std::function<void()> {
        return [this, view = m_desk.view(words)] { m_ui.staff_done(view, ui::Phrase {"staff_looking"}); };
    });
}

void StaffSession::act(ui::StaffAction action, int slot)
{
    m_ui.staff_busy(StaffDesk::working_on(action));
    m_worker.start([this, action, slot, now = m_clock.now(), words = people_time()]() -> std::function<void()> {
        StaffOutcome outcome = m_desk.act(action, slot, words);
        SnapshotPtr changed = outcome.content_changed ? m_desk.content_now(now, m_zone) : nullptr;
        return [this, outcome, changed, view = m_desk.view(words)] {
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
