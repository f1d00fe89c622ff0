// FrameLoop: event handling, frame pacing, idle sleeping and simulated time.
#include "platform/frame_loop.hpp"

#include "platform/screenshot.hpp"

#include <SDL.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <thread>
#include <unistd.h>

namespace kiosk::platform {

namespace {

constexpr Millis active_after_event {250}; // Keep drawing this long after any input.
constexpr Millis input_poll {10};          // Sleep::QueuePumping: how often SDL reads input while nothing moves.

std::atomic<int> g_signal {0};
int g_signal_pipe[2] = {-1, -1}; // The handler writes a byte to [1]; the SignalRelay thread reads [0].

using SteadyClock = std::chrono::steady_clock;

std::int64_t micros_since(SteadyClock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start).count();
}

// CPU time the calling thread has used, in microseconds: unlike wall time, not stretched by other processes.
std::int64_t thread_cpu_micros()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

extern "C" void on_signal(int signal)
{
    int saved = errno;
    g_signal.store(signal);
    if (g_signal_pipe[1] >= 0) {
        char byte = 's';
        [[maybe_unused]] ssize_t written = write(g_signal_pipe[1], &byte, 1);
    }
    errno = saved;
}

// Wakes the loop when a signal arrives. A handler may not call SDL_PushEvent, and SDL's wait goes back to sleep after
// EINTR, so the handler writes to a pipe and this thread, blocked in read() the rest of the time, wakes the loop.
class SignalRelay {
public:
    explicit SignalRelay(WakeQueue& wake)
    {
        if (g_signal_pipe[0] < 0)
            return;
        m_thread = std::thread([&wake] {
            for (;;) {
                char byte = 0;
                ssize_t n = read(g_signal_pipe[0], &byte, 1);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0 || byte == 'q')
                    return;
                wake.wake();
            }
        });
    }

    ~SignalRelay()
    {
        if (!m_thread.joinable())
            return;
        char byte = 'q';
        if (write(g_signal_pipe[1], &byte, 1) == 1)
            m_thread.join();
        else
            m_thread.detach(); // A full pipe (never seen): do not wait for a thread that cannot be told to end.
    }

    SignalRelay(const SignalRelay&) = delete;
    SignalRelay& operator=(const SignalRelay&) = delete;

private:
    std::thread m_thread;
};

} // namespace

FrameLoop::FrameLoop(Backend& backend, Clock& clock, FrameClient& client, WakeQueue& wake)
    : m_backend(backend)
    , m_clock(clock)
    , m_client(client)
    , m_wake(wake)
{
    // KIOSK_FRAME_TIMES=FILE, for tests/bench: the file is written afresh, through a 64 KiB stdio buffer, and closed
    // (so flushed) when the loop is destroyed at exit.
    if (const char* path = std::getenv("KIOSK_FRAME_TIMES"); path && *path) {
        m_frame_times.reset(std::fopen(path, "w"));
        if (m_frame_times)
            std::setvbuf(m_frame_times.get(), nullptr, _IOFBF, 64 * 1024);
        else
            SDL_Log("kiosk: KIOSK_FRAME_TIMES: cannot write %s: %s", path, std::strerror(errno));
    }
    const char* driver = SDL_GetCurrentVideoDriver();
    std::string name = driver ? driver : "";
    if (name == "offscreen" || name == "dummy")
        m_sleep = Sleep::Queue;
    else if (name != "x11" && name != "wayland")
        m_sleep = Sleep::QueuePumping;
}

void FrameLoop::install_signal_handlers()
{
    struct sigaction action { };
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    if (g_signal_pipe[0] < 0 && pipe2(g_signal_pipe, O_CLOEXEC) == 0)
        fcntl(g_signal_pipe[1], F_SETFL, O_NONBLOCK); // A handler must never block.
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

void FrameLoop::set_heartbeat(Millis every, std::function<void()> beat)
{
    m_heartbeat = std::move(beat);
    m_pacing.set_heartbeat(m_heartbeat ? every : Millis(0), m_clock.uptime());
}

void FrameLoop::stop(int status)
{
    m_stop = true;
    m_status = status;
}

bool FrameLoop::stopping() const
{
    return m_stop || g_signal.load() != 0;
}

void FrameLoop::start()
{
    if (m_backend.rotation() != 0)
        m_pointer.set_to_content([this](float& x, float& y) { m_backend.to_content(x, y); });
    m_client.resized(m_backend.width(), m_backend.height());
    m_tick_at = m_clock.uptime() + m_client.until_next_change();
    frame();
}

bool FrameLoop::wants_frames() const
{
    return m_dirty || m_warmup_frames > 0 || m_pointer.pending() || m_pointer.down() || m_client.animating()
        || m_clock.uptime() < m_active_until;
}

void FrameLoop::handle(const SDL_Event& event)
{
    Millis now = m_clock.uptime();
    if (m_pointer.handle(event, m_backend.physical_width(), m_backend.physical_height(), now)) {
        m_active_until = now + active_after_event;
        m_client.touched(now);
        return;
    }
    if (event.type == m_wake.event_type()) {
        if (m_wake.run_pending() > 0)
            m_dirty = true;
        return;
    }
    switch (event.type) {
    case SDL_QUIT:
        // A window manager's close request; a fullscreen kiosk stays up (only SIGTERM or the service stops it).
        if (!m_backend.fullscreen())
            stop(0);
        break;
    case SDL_WINDOWEVENT:
        if (event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || event.window.event == SDL_WINDOWEVENT_RESIZED
            || event.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED) {
            if (m_backend.update_size())
                m_client.resized(m_backend.width(), m_backend.height());
        }
        m_dirty = true;
        m_active_until = now + active_after_event;
        break;
    case SDL_DISPLAYEVENT:
        if (m_backend.update_size())
            m_client.resized(m_backend.width(), m_backend.height());
        m_dirty = true;
        break;
    case SDL_RENDER_TARGETS_RESET:
        m_backend.upload_fonts();
        m_client.textures_lost();
        m_dirty = true;
        break;
    case SDL_RENDER_DEVICE_RESET: {
        std::string error;
        if (!m_backend.recreate_renderer(error)) {
            SDL_Log("kiosk: %s", error.c_str());
            stop(1);
            break;
        }
        m_client.resized(m_backend.width(), m_backend.height());
        m_backend.upload_fonts();
        m_client.textures_lost();
        m_dirty = true;
        break;
    }
    case SDL_KEYDOWN:
        // A keypad's keys when the settings say there is one; otherwise keyboards do nothing (a visitor's keyboard
        // must not reach anything).
        if (m_client.keypad()) {
            if (auto key = keypad_key(event.key.keysym)) {
                m_keys.push_back(*key);
                m_dirty = true;
                m_active_until = now + active_after_event;
                m_client.touched(now);
            }
        }
        break;
    default:
        break; // Everything else does nothing.
    }
}

std::optional<KeypadKey> keypad_key(const SDL_Keysym& key)
{
    bool shift = (key.mod & KMOD_SHIFT) != 0;
    switch (key.sym) {
    case SDLK_UP:
    case SDLK_LEFT:
    case SDLK_KP_8:
    case SDLK_KP_4:
        return KeypadKey::Previous;
    case SDLK_TAB:
        return shift ? KeypadKey::Previous : KeypadKey::Next;
    case SDLK_DOWN:
    case SDLK_RIGHT:
    case SDLK_KP_2:
    case SDLK_KP_6:
        return KeypadKey::Next;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER:
    case SDLK_KP_5:
    case SDLK_SPACE:
        return KeypadKey::Activate;
    case SDLK_F1:
    case SDLK_HELP:
    case SDLK_KP_PLUS:
    case SDLK_KP_0:
    case SDLK_QUESTION:
        return KeypadKey::Help;
    case SDLK_SLASH:
        return shift ? std::optional(KeypadKey::Help) : std::nullopt; // "?" on a US keyboard.
    default:
        return std::nullopt;
    }
}

void FrameLoop::pump_display()
{
    if (!m_backend.pump_events() && !m_stop) {
        SDL_Log("kiosk: the connection to the Wayland compositor was lost");
        stop(1);
    }
}

void FrameLoop::pump()
{
    pump_display();
    SDL_Event event;
    while (SDL_PollEvent(&event))
        handle(event);
}

bool FrameLoop::wait_event(SDL_Event& event, Millis timeout)
{
    if (m_sleep == Sleep::Sdl)
        return SDL_WaitEventTimeout(&event, int(timeout.count())) != 0;
    pump_display();
    if (SDL_PollEvent(&event))
        return true;
    m_wake.sleep(m_sleep == Sleep::QueuePumping ? std::min(timeout, input_poll) : timeout, m_backend.event_fd());
    pump_display();
    return SDL_PollEvent(&event) != 0;
}

void FrameLoop::frame()
{
    m_client.before_frame();
    // The drawing size, looked at on every frame and not only on window events: on Wayland the fullscreen size
    // arrives in an event while the drawable still has the size the window was created with, and takes the new size
    // only when a frame has been presented, with no event after it (the kiosk drew 1280x800 on an 800x480 panel).
    if (m_backend.update_size())
        m_client.resized(m_backend.width(), m_backend.height());
    Millis now = m_clock.uptime();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(m_backend.width()), float(m_backend.height()));
    float dt = m_last_frame.count() < 0 ? 1.0f / 60.0f : float((now - m_last_frame).count()) / 1000.0f;
    io.DeltaTime = std::max(dt, 0.001f);
    m_last_frame = now;
    // Touch exploration and the keypad act on what the last frame drew, before this one is built.
    m_pointer.set_exploring(m_client.exploring(), m_client.touch_slop(), m_client.wheel_step());
    for (const Gesture& gesture : m_pointer.take_gestures(now)) {
        if (PressAt at = m_client.gesture(gesture))
            m_pointer.inject_tap(at->first, at->second);
    }
    for (KeypadKey key : std::exchange(m_keys, {})) {
        if (PressAt at = m_client.key(key))
            m_pointer.inject_tap(at->first, at->second);
    }
    m_pointer.apply(io);
    ImGui_ImplSDLRenderer_NewFrame();
    // KIOSK_FRAME_TIMES: the build time is the UI laying out the frame, ImGui::NewFrame to ImGui::Render.
    SteadyClock::time_point build_start = m_frame_times ? SteadyClock::now() : SteadyClock::time_point {};
    if (m_frame_times)
        m_cpu_start_us = thread_cpu_micros();
    ImGui::NewFrame();
    m_client.draw();
    ImGui::Render();
    if (m_frame_times)
        m_build_us = micros_since(build_start);
    m_dirty = false;
    if (m_warmup_frames > 0)
        --m_warmup_frames;
    if (now >= m_tick_at)
        m_tick_at = now + m_client.until_next_change();
    ++m_frames;
}

void FrameLoop::show()
{
    SteadyClock::time_point render_start = m_frame_times ? SteadyClock::now() : SteadyClock::time_point {};
    m_backend.render(m_client.background());
    m_backend.present();
    if (m_frame_times)
        std::fprintf(m_frame_times.get(), "%" PRId64 " %" PRId64 " %" PRId64 "\n", m_build_us,
            micros_since(render_start), thread_cpu_micros() - m_cpu_start_us);
}

int FrameLoop::run()
{
    // start() built the first frame; show it.
    show();
    if (m_on_first_frame)
        m_on_first_frame();
    SignalRelay relay(m_wake);
    while (!stopping()) {
        Millis now = m_clock.uptime();
        if (m_pacing.heartbeat_due(now)) {
            m_heartbeat();
            m_pacing.beat(now);
        }
        // Sleep until the next thing due: a frame while something moves, else the client's next change or the
        // heartbeat. Events, other threads (WakeQueue) and signals (SignalRelay) wake it sooner.
        SDL_Event event;
        if (wait_event(event, m_pacing.timeout(now, wants_frames(), m_last_frame, m_tick_at))) {
            handle(event);
            pump();
        }
        if (stopping())
            break;
        now = m_clock.uptime();
        if (now >= m_tick_at)
            m_dirty = true;
        if (m_dirty || (wants_frames() && now - m_last_frame >= frame_interval)) {
            frame();
            show();
        }
    }
    return m_stop ? m_status : 0;
}

void FrameLoop::advance(Millis by)
{
    // Simulated time builds frames without rasterising them. While frame times are recorded, each frame is also
    // rasterised and presented, as in real time, so the record holds the whole cost of every frame.
    auto step_frame = [this] {
        frame();
        if (m_frame_times)
            show();
    };
    Millis target = m_clock.uptime() + by;
    while (!stopping()) {
        pump();
        Millis now = m_clock.uptime();
        if (now >= target) {
            if (m_dirty)
                step_frame();
            break;
        }
        if (wants_frames()) {
            Millis step = std::min(frame_interval, target - now);
            m_clock.advance(step);
            pump();
            step_frame();
        } else {
            Millis next = std::min(target, m_tick_at);
            m_clock.advance(std::max(Millis(1), next - now));
            if (m_clock.uptime() >= m_tick_at)
                step_frame();
        }
    }
}

bool FrameLoop::shot(const std::string& path, std::string& error)
{
    if (m_frames == 0)
        frame();
    m_backend.render(m_client.background());
    std::vector<std::uint8_t> rgba;
    if (!m_backend.read_pixels(rgba, error))
        return false;
    m_backend.present();
    return write_png(path, m_backend.width(), m_backend.height(), rgba, error);
}

} // namespace kiosk::platform
