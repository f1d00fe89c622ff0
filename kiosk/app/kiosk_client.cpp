// Client: the frame loop's view of the kiosk (sizes, drawing, timers, the idle reset, the screen hours and the counts).
#include "app/kiosk_client.hpp"

#include "content/snapshot.hpp"

#include <chrono>
#include <cstdlib>
#include <imgui.h>
#include <iostream>
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kiosk {

namespace {

// A display command, through the shell, not waited for (a slow HDMI-CEC call never holds up a frame).
void run_detached(const std::string& command)
{
    if (command.empty())
        return;
    pid_t child = fork();
    if (child == 0) {
        if (fork() == 0) {
            setsid();
            execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        _exit(0);
    }
    if (child > 0)
        waitpid(child, nullptr, 0);
}

} // namespace

Client::Client(ui::Ui& ui, platform::Backend& backend, const Clock& clock, const TimeZone& zone,
    const Settings& settings, UsageCounts& counts)
    : m_ui(ui)
    , m_backend(backend)
    , m_clock(clock)
    , m_zone(zone)
    , m_diagonal(settings.screen_diagonal_inches)
    , m_idle(Millis(std::int64_t(settings.idle_seconds) * 1000))
    , m_counts(counts)
    , m_hours(settings.screen_on)
    , m_display_off(settings.display_off_command)
    , m_display_on(settings.display_on_command)
{
    if (const char* file = std::getenv("KIOSK_SPEECH_TIMES"); file && *file)
        m_speech_times = std::fopen(file, "w");
}

Client::~Client()
{
    if (m_speech_times)
        std::fclose(m_speech_times);
}

void Client::resized(int width, int height)
{
    float diagonal = m_diagonal > 0.0f ? m_diagonal : m_backend.diagonal_inches();
    std::string error;
    if (!m_ui.set_metrics(ui::compute_metrics(width, height, diagonal), error)) {
        std::cerr << "kiosk: " << error << "\n";
        return;
    }
    m_backend.upload_fonts();
}

void Client::before_frame()
{
    Millis now = m_clock.uptime();
    update_dark(now);
    watch_speech();
    if (m_dark)
        return; // Nothing to reset or rebuild for a black screen.
    // Nobody has touched the screen for idle_seconds: forget the visit, and let home come alive.
    if (!m_ui.attract() && now - m_last_touch >= m_idle) {
        m_ui.reset();
        m_ui.set_attract(true);
        if (m_trace)
            std::cout << "screen: home (idle)" << std::endl;
    }
    if (m_ui.fonts_stale()) {
        std::string error;
        if (m_ui.set_metrics(m_ui.base_metrics(), error))
            m_backend.upload_fonts();
        else
            std::cerr << "kiosk: " << error << "\n";
        // The old atlas (larger, with large text) is free now: give its pages back, so a day of visitors leaves the
        // kiosk as small as it started.
        malloc_trim(0);
    }
    if (now >= m_next_flush) {
        m_counts.flush();
        m_next_flush = now + flush_every;
    }
}

void Client::touched(Millis now)
{
    if (!m_dark)
        m_last_touch = now;
}

void Client::wake_on_long_press()
{
    ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDown[0] && io.MouseDownDuration[0] >= 2.0f && m_wake_until < m_clock.uptime()) {
        m_wake_until = m_clock.uptime() + Millis(120000);
        m_last_touch = m_clock.uptime();
        if (m_trace)
            std::cout << "screen: woken for two minutes" << std::endl;
    }
}

void Client::set_speech(platform::Speech* speech)
{
    m_speech = speech && speech->available() ? speech : nullptr;
    m_waiting = speech && !speech->available() ? speech : nullptr;
    m_ui.set_read_aloud_offered(m_speech != nullptr);
}

void Client::watch_speech()
{
    // The voice's worker tries the sound card in the background and wakes the loop when it knows.
    if (!m_waiting)
        return;
    if (m_waiting->available()) {
        std::cerr << "kiosk: read aloud is offered: the sound card opened after " << m_clock.uptime().count()
                  << " ms\n";
        set_speech(m_waiting);
    } else if (m_waiting->gave_up()) {
        std::cerr << "kiosk: read aloud is not offered: " << m_waiting->reason() << "\n";
        m_waiting = nullptr;
    }
}

platform::PressAt Client::gesture(const platform::Gesture& gesture)
{
    std::optional<ImVec2> at;
    if (gesture.kind == platform::Gesture::Kind::DoubleTap)
        at = m_ui.explore_double_tap();
    else if (gesture.kind == platform::Gesture::Kind::Hold)
        m_ui.explore_hold(ImVec2(gesture.x, gesture.y));
    else
        m_ui.explore_touch(ImVec2(gesture.x, gesture.y), gesture.kind == platform::Gesture::Kind::Pass);
    drive_speech();
    return at ? platform::PressAt(std::pair(at->x, at->y)) : std::nullopt;
}

platform::PressAt Client::key(platform::KeypadKey key)
{
    static constexpr ui::KeypadKey keys[]
        = {ui::KeypadKey::Previous, ui::KeypadKey::Next, ui::KeypadKey::Activate, ui::KeypadKey::Help};
    std::optional<ImVec2> at = m_ui.keypad(keys[int(key)]);
    drive_speech();
    return at ? platform::PressAt(std::pair(at->x, at->y)) : std::nullopt;
}

void Client::drive_speech()
{
    for (ui::SpeechRequest& request : m_ui.take_speech()) {
        if (m_trace) {
            // Scripts print what is said, an utterance a line, so a test reads what a visitor would hear.
            if (request.text.empty())
                std::cout << "speech: quiet\n";
            std::size_t start = 0;
            while (start < request.text.size()) {
                std::size_t end = std::min(request.text.find('\n', start), request.text.size());
                std::cout << "say " << request.language << ": " << request.text.substr(start, end - start) << "\n";
                start = end + 1;
            }
            std::cout << std::flush;
        }
        if (!m_speech)
            continue;
        if (request.text.empty())
            m_speech->stop();
        else
            m_speech->say(std::move(request.text), request.language);
    }
    m_ui.set_speaking(m_speech && m_speech->speaking());
    std::int64_t first = m_speech ? m_speech->first_sample_micros() : -1;
    if (m_speech_times && first >= 0 && first != m_first_sample_us) {
        m_first_sample_us = first;
        std::fprintf(m_speech_times, "%lld\n", static_cast<long long>(m_first_sample_us));
        std::fflush(m_speech_times);
    }
}

void Client::draw()
{
    drive_speech(); // The idle reset's quiet (or going dark's) first, so the frame draws no Stop.
    if (m_dark) {
        wake_on_long_press();
        return;
    }
    ui::FrameInfo info;
    info.uptime = m_clock.uptime();
    info.now = m_clock.now();
    info.local = m_zone.to_local(info.now);
    info.zone = &m_zone;
    // At midnight the days ahead move on: expand the stored rules again for the next 90 days.
    if (const SnapshotPtr& content = m_ui.content(); content && content->day != local_date(info.local)) {
        m_ui.set_content(make_snapshot(
            content->bundle, content->images, info.now, m_zone, content->imported_at, content->expires_at));
    }
    for (const ui::Intent& intent : m_ui.frame(info)) {
        std::string before = m_ui.path();
        std::string language = m_ui.language();
        m_ui.apply(intent);
        if (m_trace && m_ui.path() != before)
            std::cout << "screen: " << m_ui.path() << std::endl;
        if (m_trace && m_ui.language() != language) // The language button, or a waking button of the attract loop.
            std::cout << "language: " << m_ui.language() << std::endl;
        if (m_staff && (intent.kind == ui::Intent::Kind::StaffPin || intent.kind == ui::Intent::Kind::StaffAction))
            m_staff(intent);
    }
    for (const std::string& path : m_ui.take_opened())
        m_counts.add(local_date(info.local), path);
    drive_speech();
}

Millis Client::until_next_change() const
{
    // The clock on screen shows minutes: wake at the start of the next one; and for the idle reset, the attract
    // loop's next highlight and the hourly counts.
    Millis now = m_clock.uptime();
    Millis hours_change = until_hours_change();
    auto ms = std::chrono::duration_cast<Millis>(m_clock.now().time_since_epoch()).count();
    Millis next_minute = Millis(60000 - ms % 60000);
    // Nothing is drawn while dark: wake when the hours start (or a woken screen's two minutes end), and once a
    // minute, so a clock set late (NTP after boot) cannot keep the screen dark for hours.
    if (m_dark)
        return std::max(Millis(1), std::min(hours_change, next_minute));
    Millis next = std::min(next_minute, std::max(Millis(1), hours_change));
    if (m_ui.attract())
        next = std::min(next, m_ui.attract_next_change(now));
    else
        next = std::min(next, std::max(Millis(1), m_last_touch + m_idle - now));
    if (Millis banner = m_ui.banner_until(); banner.count() >= 0)
        next = std::min(next, std::max(Millis(1), banner - now));
    return std::min(next, std::max(Millis(1), m_next_flush - now));
}

void Client::update_dark(Millis now)
{
    if (m_hours.always())
        return;
    LocalTime local = m_zone.to_local(m_clock.now());
    bool dark = !m_hours.open(local.weekday, local.hour * 60 + local.minute) && now >= m_wake_until;
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (m_trace)
        std::cout << (dark ? "screen: dark" : "screen: lit") << std::endl;
    run_detached(dark ? m_display_off : m_display_on);
    if (dark) {
        m_ui.reset(); // Whoever was there has gone: the morning starts at home.
        m_ui.set_attract(false);
    }
}

Millis Client::until_hours_change() const
{
    if (m_hours.always())
        return Millis(24 * 3600 * 1000);
    LocalTime local = m_zone.to_local(m_clock.now());
    int minutes = m_hours.minutes_until_change(local.weekday, local.hour * 60 + local.minute);
    Millis change = Millis(std::int64_t(minutes) * 60000 - std::int64_t(local.second) * 1000);
    Millis now = m_clock.uptime();
    if (m_wake_until > now)
        change = std::min(change, m_wake_until - now);
    return change;
}

} // namespace kiosk
