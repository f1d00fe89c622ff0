// The kiosk program: command dispatch and the running kiosk's start-up (the frame's dispatch is the Client in
// kiosk_client.cpp, staff taps StaffSession's, the sync threads SyncThread's).
#include "app/kiosk_app.hpp"

#include "app/kiosk_client.hpp"
#include "app/snapshot_images.hpp"
#include "app/staff_session.hpp"
#include "app/sync_thread.hpp"
#include "app/usage_counts.hpp"

#include "app/check.hpp"
#include "app/cli.hpp"
#include "app/content_commands.hpp"
#include "app/installed_content.hpp"
#include "app/paths.hpp"
#include "app/report_words.hpp"
#include "app/screen_hours.hpp"
#include "app/settings.hpp"
#include "app/speak.hpp"
#include "app/staff_desk.hpp"
#include "app/staff_pin.hpp"
#include "app/staff_worker.hpp"
#include "app/start_guard.hpp"
#include "content/bundle_reader.hpp"
#include "content/clock.hpp"
#include "content/snapshot.hpp"
#include "content/text_util.hpp"
#include "content/time_zone.hpp"
#include "platform/backend.hpp"
#include "platform/frame_loop.hpp"
#include "platform/script.hpp"
#include "platform/speech.hpp"
#include "platform/texture_cache.hpp"
#include "platform/wake_queue.hpp"
#include "store/store.hpp"
#include "sync/calendars.hpp"
#include "sync/child_process.hpp"
#include "sync/feed.hpp"
#include "sync/usb.hpp"
#include "ui/controls.hpp"
#include "ui/ui.hpp"

#include <SDL.h>
#include <chrono>
#include <cstdlib>
#include <imgui.h>
#include <iostream>
#include <sstream>
#include <systemd/sd-daemon.h>

namespace kiosk {

namespace {

const std::chrono::steady_clock::time_point g_started = std::chrono::steady_clock::now();

std::string version_text()
{
    SDL_version sdl {};
    SDL_GetVersion(&sdl);
    return std::string("kiosk ") + KIOSK_VERSION + " (SDL " + std::to_string(sdl.major) + "."
        + std::to_string(sdl.minor) + "." + std::to_string(sdl.patch) + ", Dear ImGui " + IMGUI_VERSION + ", SQLite "
        + store::sqlite_version() + ")";
}

void print(const Diagnostics& diagnostics)
{
    for (const Diagnostic& d : diagnostics.all())
        std::cerr << d.to_string() << "\n";
}

// Reads the settings file, printing its problems. Returns nothing when a value is wrong.
std::optional<Settings> load_settings(const Options& options)
{
    Diagnostics diagnostics;
    std::string path = settings_file(options.config_file);
    if (path.empty())
        return Settings {};
    auto settings = read_settings(path, diagnostics);
    print(diagnostics);
    if (!settings || diagnostics.has_errors())
        return std::nullopt;
    return settings;
}

// systemd: ready once the first frame is up; the watchdog fed by the loop's heartbeat, at a third of its interval, so
// a hung loop gets restarted (the loop wakes for it when idle).
void report_to_systemd(platform::FrameLoop& loop, const platform::Backend& backend, StartGuard& guard)
{
    std::uint64_t watchdog_usec = 0;
    if (sd_watchdog_enabled(0, &watchdog_usec) > 0 && watchdog_usec >= 3000)
        loop.set_heartbeat(Millis(std::int64_t(watchdog_usec / 3000)), [] { sd_notify(0, "WATCHDOG=1"); });
    loop.on_first_frame([&backend, &guard] {
        guard.first_frame(); // This content starts: it is not the crash a restart would loop on.
        sd_notify(0, "READY=1");
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - g_started);
        // One write: under cage the kiosk shares the journal's stream with cage's own messages, and a line written
        // in pieces comes out cut (the boot test finds this line in the journal).
        std::ostringstream line;
        line << "kiosk: first frame after " << ms.count() << " ms (" << backend.width() << "x" << backend.height()
             << ", " << backend.renderer_name() << " renderer)\n";
        std::cerr << line.str() << std::flush;
    });
}

// For the crash-loop test (tests/e2e/crash_loop.py): with KIOSK_TEST_CRASH_ON set, content whose name or an event's
// title holds that text "crashes" the kiosk right before its first frame, as content Dear ImGui aborted on did.
void crash_for_test(const Bundle& bundle)
{
    const char* crash = std::getenv("KIOSK_TEST_CRASH_ON");
    if (!crash || !*crash)
        return;
    auto holds = [crash](const Text& text) {
        for (const auto& [code, words] : text.by_language())
            if (words.find(crash) != std::string::npos)
                return true;
        return false;
    };
    bool crashes = holds(bundle.info.name);
    for (const Event& event : bundle.events)
        crashes = crashes || holds(event.title);
    if (crashes)
        std::abort();
}

// The screens with their looks and words (assets/), on `content`, in `language`, at --open's path.
std::unique_ptr<ui::Ui> make_ui(const std::string& data_root, const Options& options, const InstalledContent& content,
    const std::string& language, const Clock& clock, const TimeZone& zone, std::string& error)
{
    Diagnostics diagnostics;
    const std::string theme_file = data_root + "/assets/theme.toml";
    ui::Theme theme = ui::load_theme(theme_file, "assets/theme.toml", diagnostics);
    ui::Theme contrast
        = ui::load_theme(theme_file, "assets/theme.toml", diagnostics, "contrast", ui::contrast_theme_defaults());
    ui::Strings strings = ui::Strings::load(data_root + "/assets/strings", diagnostics);
    print(diagnostics);
    auto ui = std::make_unique<ui::Ui>(theme, contrast, std::move(strings));
    ui->set_content(
        make_snapshot(content.bundle, content.images, clock.now(), zone, content.imported_at, content.expires_at));
    ui->set_language(language);
    if (!ui->open(options.open_path, error)) {
        error = "--open: " + error;
        return nullptr;
    }
    if (options.large_text)
        ui->apply(ui::Intent {ui::Intent::Kind::LargeText, {}});
    if (options.high_contrast)
        ui->apply(ui::Intent {ui::Intent::Kind::Contrast, {}});
    return ui;
}

// The display: a window (--windowed, screenshots headless) or the whole screen, turned as the panel is mounted.
std::unique_ptr<platform::Backend> open_display(const Options& options, const Settings& settings, std::string& error)
{
    platform::BackendOptions backend_options;
    bool windowed = options.windowed || options.command == Command::Screenshot;
    Size size = options.size.value_or(Size {1280, 800});
    backend_options.width = size.width;
    backend_options.height = size.height;
    backend_options.fullscreen = windowed ? platform::Fullscreen::No : platform::Fullscreen::Yes;
    backend_options.headless
        = options.command == Command::Screenshot ? platform::Headless::Yes : platform::Headless::No;
    auto backend = platform::Backend::create(backend_options, error);
    if (backend)
        backend->set_rotation(settings.rotation); // A panel mounted turned: the content turns, and touch with it.
    return backend;
}

// A script's taps, presses and shots on the running loop, in simulated time.
int play_script(const platform::Script& script, platform::FrameLoop& loop, platform::Backend& backend, const ui::Ui& ui,
    const StaffWorker& worker, const platform::Speech* speech)
{
    platform::ScriptHooks hooks;
    hooks.speaking = [speech] { return speech && speech->speaking(); };
    hooks.current_path = [&ui] { return ui.path(); };
    hooks.busy = [&worker] { return worker.busy(); };
    hooks.controls = [] {
        std::vector<platform::ScriptControl> controls;
        for (const ui::Control& c : ui::drawn_controls())
            controls.push_back({c.label, c.min.x, c.min.y, c.max.x, c.max.y});
        return controls;
    };
    hooks.texts = [] {
        std::vector<platform::ScriptText> texts;
        for (const ui::DrawnText& t : ui::drawn_texts())
            texts.push_back({t.text, t.min.x, t.min.y, t.max.x, t.max.y});
        return texts;
    };
    if (backend.rotation() != 0) {
        // Scripts tap the content as it is drawn; the finger lands where that point is on the turned display.
        hooks.to_finger = [&backend](float& x, float& y) {
            backend.to_display(x, y);
            x /= float(backend.physical_width());
            y /= float(backend.physical_height());
        };
    }
    std::string error;
    int status = platform::run_script(script, loop, backend.width(), backend.height(), hooks, error);
    if (status != exit_ok)
        std::cerr << error << "\n";
    else if (loop.stopping())
        status = loop.exit_status(); // Stopped from the staff screen (restart, maintenance).
    return status;
}

// `kiosk screenshot`: the first screen, a moment after the start, as a PNG.
int take_screenshot(platform::FrameLoop& loop, const std::string& file)
{
    loop.advance(Millis(100));
    std::string error;
    if (!loop.shot(file, error)) {
        std::cerr << "kiosk: " << error << "\n";
        return exit_failure;
    }
    return exit_ok;
}

// Read aloud's voice, unless the settings turn it off. Without a sound card the bars offer no Read aloud (a control
// that does nothing would fail the visitor who needs it) and the log says why. A running kiosk looks for the card in
// the background, off the way to its first frame, and for a while (Client::watch_speech); a script before it starts,
// so that its first command sees the bars as they will stay.
std::unique_ptr<platform::Speech> start_speech(
    const Settings& settings, platform::WakeQueue& wake, platform::Speech::Probe probe)
{
    if (settings.read_aloud == "off")
        return nullptr;
    // When speech ends by itself, or the card is found, the loop wakes and draws a frame.
    auto speech = std::make_unique<platform::Speech>(
        platform::SpeechSettings {settings.speech_rate, settings.speech_volume}, [&wake] { wake.post([] {}); }, probe);
    if (!speech->available() && probe == platform::Speech::Probe::Now)
        std::cerr << "kiosk: read aloud is not offered: " << speech->reason() << "\n";
    return speech;
}

// Read aloud for the screens. A screenshot shows the bars as a kiosk with speakers would, without starting a voice to
// say nothing; a script looks for the sound card before its first command; a running kiosk in the background.
std::unique_ptr<platform::Speech> give_voice(const Options& options, const Settings& settings, bool scripted,
    platform::WakeQueue& wake, ui::Ui& ui, Client& client)
{
    if (options.command == Command::Screenshot) {
        ui.set_read_aloud_offered(settings.read_aloud != "off");
        return nullptr;
    }
    auto speech
        = start_speech(settings, wake, scripted ? platform::Speech::Probe::Now : platform::Speech::Probe::Background);
    client.set_speech(speech.get());
    return speech;
}

// The sync threads, for a kiosk that runs for real on its installed content: new content reaches `ui` between
// frames, with a banner.
std::unique_ptr<SyncThread> start_sync(const Options& options, const Settings& settings, const Clock& clock,
    const TimeZone& zone, platform::WakeQueue& wake, ui::Ui& ui)
{
    sync::UsbConfig usb;
    usb.roots = settings.usb_roots;
    usb.state_dir = state_dir(options.state_dir);
    usb.child = kiosk_child_argv(options);
    usb.clock = clock;
    usb.report_words = report_words(std::make_shared<const ui::Strings>(ui.strings()), settings.time_zone, clock);
    std::optional<sync::FeedConfig> feed;
    if (!settings.feed_url.empty()) {
        std::vector<sync::KeyProblem> key_problems;
        std::vector<sync::PublicKey> keys = trusted_keys(settings, &key_problems);
        for (const sync::KeyProblem& problem : key_problems)
            std::cerr << "kiosk: " << escape_controls(sync::key_problem_text(problem)) << "\n";
        feed = sync::FeedConfig {settings.feed_url, usb.state_dir, usb.child, keys, clock, key_problems};
    }
    auto arrived = [&ui, &clock](SnapshotPtr snapshot) {
        ui.set_content(std::move(snapshot));
        ui.show_banner("content_updated", clock.uptime() + Millis(5000));
    };
    return std::make_unique<SyncThread>(database_path(options), std::move(usb), std::move(feed), settings.calendar_urls,
        settings.poll_minutes, wake, arrived, zone);
}

// The running kiosk's wiring, in the order it must happen: content, time, the display, the screens, staff, the loop,
// then a screenshot, a script, or the sync threads and systemd. Each step hands its objects to the next, and they
// must outlive the loop.
int run(const Options& options, const Settings& settings)
{
    std::string data_root = find_data_root();
    if (data_root.empty()) {
        std::cerr << "kiosk: cannot find the kiosk's assets (assets/theme.toml): reinstall the kiosk package\n";
        return exit_failure;
    }
    StartGuard guard(state_dir(options.state_dir));
    auto content = content_to_show(options, settings, data_root, &guard);
    if (!content)
        return exit_failure;
    auto language = first_language(options, *content->bundle);
    if (!language)
        return exit_usage;
    TimeZone zone = kiosk_time_zone(settings.time_zone, content->bundle.get());
    bool simulated = options.command == Command::Screenshot || !options.script_file.empty();
    Clock clock = command_clock(options, zone, simulated ? Clock::Mode::Simulated : Clock::Mode::Real);
    std::string error;
    std::optional<platform::Script> script;
    if (!options.script_file.empty() && !(script = platform::read_script(options.script_file, error))) {
        std::cerr << error << "\n";
        return exit_usage;
    }
    auto backend = open_display(options, settings, error);
    if (!backend) {
        std::cerr << "kiosk: " << error << "\n";
        return exit_failure;
    }
    platform::WakeQueue wake;
    wake.init();
    auto ui = make_ui(data_root, options, *content, *language, clock, zone, error);
    if (!ui) {
        std::cerr << "kiosk: " << error << "\n";
        return exit_usage;
    }
    SnapshotImages images(*backend, *ui);
    ui->set_images(&images);

    // Counts only for what visitors see: not for a folder previewed with --bundle, nor for a screenshot.
    bool counting = options.bundle_dir.empty() && options.command != Command::Screenshot;
    UsageCounts counts(counting ? database_path(options) : std::string());
    Client client(*ui, *backend, clock, zone, settings, counts);
    client.set_keypad(settings.keypad);
    std::unique_ptr<platform::Speech> speech = give_voice(options, settings, script.has_value(), wake, *ui, client);
    platform::FrameLoop loop(*backend, clock, client, wake);

    // The staff corner opens the PIN pad only when a PIN was set (kiosk set-pin).
    StaffPin pin(state_dir(options.state_dir));
    StaffDesk desk(options, settings, clock);
    ui->set_staff_corner(pin.is_set(), settings.staff_corner);
    StaffWorker worker(wake);
    bool scripted = options.command != Command::Screenshot && script;
    StaffSession staff(
        *ui, clock, zone, pin, desk, worker, loop, scripted ? StaffSession::Trace::Yes : StaffSession::Trace::No);
    client.on_staff([&staff](const ui::Intent& intent) { staff.handle(intent); });
    platform::FrameLoop::install_signal_handlers();
    guard.arm();
    crash_for_test(*content->bundle);
    loop.start();

    if (options.command == Command::Screenshot)
        return take_screenshot(loop, options.out_file);
    int status = exit_ok;
    if (script) {
        client.trace_screens();
        status = play_script(*script, loop, *backend, *ui, worker, speech.get());
    } else {
        // Sticks and the feed are watched only by a kiosk that runs for real on its installed content.
        std::unique_ptr<SyncThread> syncing
            = options.bundle_dir.empty() ? start_sync(options, settings, clock, zone, wake, *ui) : nullptr;
        if (syncing)
            staff.on_look_now([&syncing] { syncing->wake_now(); });
        report_to_systemd(loop, *backend, guard);
        status = loop.run();
    }
    counts.flush();
    return status;
}

} // namespace

int kiosk_main(int argc, char** argv)
{
    ParsedCommandLine parsed = parse_command_line(argc, argv, version_text());
    if (!parsed.options)
        return parsed.status;
    auto settings = load_settings(*parsed.options);
    if (!settings)
        return exit_usage;
    // One state folder for every command: --state, else the settings' state_dir, else the package's on an installed
    // kiosk (its settings file, even one from before state_dir), else the user's XDG state folder.
    Options options = *parsed.options;
    if (options.state_dir.empty())
        options.state_dir = settings->state_dir;
    if (options.state_dir.empty() && settings_file(options.config_file) == installed_settings_file)
        options.state_dir = installed_state_dir;
    options.state_dir = state_dir(options.state_dir);
    bool uses_state = options.command != Command::Check && options.command != Command::Keygen
        && options.command != Command::Pack && options.command != Command::Verify;
    if (uses_state) {
        std::string error;
        if (std::string user = become_state_owner(options.state_dir, error); !user.empty())
            std::cerr << "kiosk: running as the user " << user << ", who owns the state folder " << options.state_dir
                      << "\n";
        if (!error.empty()) {
            std::cerr << "kiosk: " << error << "\n";
            return exit_usage;
        }
    }
    switch (options.command) {
    case Command::Check:
        return run_check(options, *settings);
    case Command::Import:
        return run_import(options, *settings);
    case Command::Speak:
        return run_speak(options, *settings);
    case Command::Rollback:
        return run_rollback(options);
    case Command::Status:
        return run_status(options, *settings);
    case Command::Keygen:
        return run_keygen(options);
    case Command::Pack:
        return run_pack(options, *settings);
    case Command::Verify:
        return run_verify(options);
    case Command::Sync:
        return run_sync(options, *settings);
    case Command::SetPin:
        return run_set_pin(options);
    case Command::Run:
    case Command::Screenshot:
        break;
    }
    return run(options, *settings);
}

} // namespace kiosk
