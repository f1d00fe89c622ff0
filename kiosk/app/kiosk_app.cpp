// The kiosk program: command dispatch and start-up (the Client is in kiosk_client.hpp, the sync thread in
// sync_thread.hpp).
#include "app/kiosk_app.hpp"

#include "app/kiosk_client.hpp"
#include "app/sync_thread.hpp"

#include "app/check.hpp"
#include "app/cli.hpp"
#include "app/content_commands.hpp"
#include "app/installed_content.hpp"
#include "app/paths.hpp"
#include "app/screen_hours.hpp"
#include "app/settings.hpp"
#include "app/staff_desk.hpp"
#include "app/staff_pin.hpp"
#include "app/staff_worker.hpp"
#include "app/start_guard.hpp"
#include "content/bundle_reader.hpp"
#include "content/clock.hpp"
#include "content/snapshot.hpp"
#include "content/time_zone.hpp"
#include "platform/backend.hpp"
#include "platform/frame_loop.hpp"
#include "platform/script.hpp"
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
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <imgui.h>
#include <iostream>
#include <malloc.h>
#include <map>
#include <mutex>
#include <sstream>
#include <sys/wait.h>
#include <systemd/sd-daemon.h>
#include <thread>
#include <tuple>
#include <unistd.h>

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

// The running kiosk's wiring, in the order it must happen: assets, content, settings, the window, the screens, the
// sync thread, systemd, the loop. It stays one function because each step hands its objects to the next and they
// must outlive the loop; the steps that stand alone are functions of their own. Splitting the rest (content loading,
// the staff screen's answers, now about 80 lines of worker jobs that capture most of these objects, and the sync
// thread's callbacks) into objects of their own is issue 16's.
int run(const Options& options, const Settings& settings)
{
    std::string data_root = find_data_root();
    if (data_root.empty()) {
        std::cerr << "kiosk: cannot find the kiosk's assets (assets/theme.toml): reinstall the kiosk package\n";
        return exit_failure;
    }

    // Content: a bundle folder previewed as it is (--bundle), else what the store holds, set aside first if it keeps
    // crashing the kiosk before its first frame (a script's run is not a start that counts).
    InstalledContent content;
    StartGuard guard(state_dir(options.state_dir));
    if (!options.bundle_dir.empty()) {
        Diagnostics diagnostics;
        content = read_bundle_folder(options.bundle_dir, diagnostics);
        for (const Diagnostic& d : diagnostics.all())
            std::cerr << options.bundle_dir << "/" << d.to_string() << "\n";
        if (!content.bundle) {
            std::cerr << "kiosk: the bundle in " << options.bundle_dir << " cannot be shown: fix the errors above\n";
            return exit_failure;
        }
    } else {
        content = load_installed_content(
            options, data_root, options.command == Command::Run && options.script_file.empty() ? &guard : nullptr);
        if (!content.bundle) {
            std::cerr << "kiosk: no content can be shown, not even the demo: reinstall the kiosk package\n";
            return exit_failure;
        }
    }
    const std::shared_ptr<const Bundle>& bundle = content.bundle;

    // Looks and words.
    Diagnostics asset_diagnostics;
    ui::Theme theme = ui::load_theme(data_root + "/assets/theme.toml", "assets/theme.toml", asset_diagnostics);
    ui::Theme contrast = ui::load_theme(data_root + "/assets/theme.toml", "assets/theme.toml", asset_diagnostics,
        "contrast", ui::contrast_theme_defaults());
    ui::Strings strings = ui::Strings::load(data_root + "/assets/strings", asset_diagnostics);
    print(asset_diagnostics);

    std::string language = bundle->info.default_language();
    if (!options.language.empty()) {
        const auto& languages = bundle->info.languages;
        if (std::find(languages.begin(), languages.end(), options.language) == languages.end()) {
            std::string known;
            for (const std::string& l : languages)
                known += (known.empty() ? "" : ", ") + l;
            std::cerr << "kiosk: --lang: the content has no language '" << options.language << "' (it has " << known
                      << ")\n";
            return exit_usage;
        }
        language = options.language;
    }

    // Time.
    TimeZone zone = kiosk_time_zone(settings.time_zone, bundle.get());
    bool simulated = options.command == Command::Screenshot || !options.script_file.empty();
    Clock clock = Clock::system();
    if (!options.now.empty()) {
        clock = Clock::starting_at(
            zone.to_wall(*parse_local_time(options.now)), simulated ? Clock::Mode::Simulated : Clock::Mode::Real);
    } else if (simulated) {
        clock = Clock::starting_at(std::chrono::system_clock::now(), Clock::Mode::Simulated);
    }

    std::optional<platform::Script> script;
    if (!options.script_file.empty()) {
        std::string error;
        script = platform::read_script(options.script_file, error);
        if (!script) {
            std::cerr << error << "\n";
            return exit_usage;
        }
    }

    // The display.
    platform::BackendOptions backend_options;
    bool windowed = options.windowed || options.command == Command::Screenshot;
    Size size = options.size.value_or(Size {1280, 800});
    backend_options.width = size.width;
    backend_options.height = size.height;
    backend_options.fullscreen = windowed ? platform::Fullscreen::No : platform::Fullscreen::Yes;
    backend_options.headless
        = options.command == Command::Screenshot ? platform::Headless::Yes : platform::Headless::No;
    std::string error;
    auto backend = platform::Backend::create(backend_options, error);
    if (!backend) {
        std::cerr << "kiosk: " << error << "\n";
        return exit_failure;
    }
    backend->set_rotation(settings.rotation); // A panel mounted turned: the content turns, and touch with it.
    platform::WakeQueue wake;
    wake.init();

    ui::Ui ui(theme, contrast, std::move(strings));
    ui.set_content(make_snapshot(bundle, content.images, clock.now(), zone, content.imported_at, content.expires_at));
    SnapshotImages images(*backend, ui);
    ui.set_images(&images);
    ui.set_language(language);
    if (!ui.open(options.open_path, error)) {
        std::cerr << "kiosk: --open: " << error << "\n";
        return exit_usage;
    }

    // Counts only for what visitors see: not for a folder previewed with --bundle, nor for a screenshot.
    bool counting = options.bundle_dir.empty() && options.command != Command::Screenshot;
    UsageCounts counts(counting ? database_path(options) : std::string());
    Client client(ui, *backend, clock, zone, settings, counts);
    platform::FrameLoop loop(*backend, clock, client, wake);

    // The staff corner opens the PIN pad only when a PIN was set (kiosk set-pin).
    StaffPin pin(state_dir(options.state_dir));
    StaffDesk desk(options, settings);
    ui.set_staff_corner(pin.is_set(), settings.staff_corner);
    SyncThread* sync_thread = nullptr; // Set below once the sync thread runs, for "look for updates now".
    // Staff work runs on a worker, one job at a time, and comes back through the wake queue: the screen keeps
    // drawing and the watchdog keeps being fed through a minute-long apply (staff_worker.hpp).
    StaffWorker worker(wake);
    bool scripted = options.command != Command::Screenshot && !options.script_file.empty();
    // The content again after staff changed it, loaded and expanded on the worker; set on the UI thread.
    auto reloaded = [&options, zone](WallTime now) -> SnapshotPtr {
        std::string load_error;
        auto store = store::Store::open(database_path(options), load_error);
        InstalledContent fresh = store ? stored_content(*store, load_error) : InstalledContent {};
        return fresh.bundle ? make_snapshot(fresh.bundle, fresh.images, now, zone, fresh.imported_at, fresh.expires_at)
                            : nullptr;
    };
    std::string confirming; // An action that asked to be tapped again, and when it asked.
    Millis confirm_asked {0};
    client.on_staff([&](const ui::Intent& intent) {
        if (worker.busy())
            return; // One thing at a time; the screen says what is under way.
        if (intent.kind == ui::Intent::Kind::StaffPin) {
            auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
            auto uptime = std::chrono::duration_cast<std::chrono::seconds>(clock.uptime()).count();
            ui.staff_busy("Checking the PIN\xE2\x80\xA6");
            worker.start([&, digits = intent.path, now, uptime]() -> std::function<void()> {
                std::string message;
                if (pin.check(digits, now, uptime, message) != StaffPin::Check::Right) {
                    return [&, message] {
                        ui.staff_pin_refused(message);
                        if (scripted)
                            std::cout << "staff: " << message << std::endl;
                    };
                }
                return [&, view = desk.view()] {
                    ui.open_staff(view);
                    if (scripted)
                        std::cout << "staff: open" << std::endl;
                    if (scripted && !view.pending.empty())
                        std::cout << "staff: waiting " << view.pending << std::endl;
                    if (scripted && !view.pending_second.empty())
                        std::cout << "staff: also waiting " << view.pending_second << std::endl;
                };
            });
            return;
        }
        if (intent.path == "sync") {
            if (sync_thread)
                sync_thread->wake_now();
            ui.staff_busy("Looking for new content now\xE2\x80\xA6");
            worker.start([&]() -> std::function<void()> {
                return [&, view = desk.view()] {
                    ui.staff_done(view, "Looking for new content now; the results appear below in a few seconds.");
                };
            });
            return;
        }
        // Some actions ask first: the first tap explains, a second within 15 s acts.
        if (std::string ask = StaffDesk::confirm_first(intent.path); !ask.empty()) {
            Millis now = clock.uptime();
            bool confirmed = confirming == intent.path && now - confirm_asked < Millis(15000);
            confirming = confirmed ? "" : intent.path;
            confirm_asked = now;
            if (!confirmed) {
                ui.staff_message(ask);
                if (scripted)
                    std::cout << "staff: " << ask << std::endl;
                return;
            }
        } else {
            confirming.clear();
        }
        ui.staff_busy(StaffDesk::working_on(intent.path));
        worker.start([&, action = intent.path, now = clock.now()]() -> std::function<void()> {
            StaffOutcome outcome = desk.act(action);
            SnapshotPtr changed = outcome.content_changed ? reloaded(now) : nullptr;
            return [&, outcome, changed, view = desk.view()] {
                if (changed)
                    ui.set_content(changed);
                ui.staff_done(view, outcome.message);
                if (scripted)
                    std::cout << "staff: " << outcome.message << std::endl;
                if (outcome.exit)
                    loop.stop(*outcome.exit);
            };
        });
    });
    platform::FrameLoop::install_signal_handlers();
    guard.arm();
    crash_for_test(*bundle);
    loop.start();

    if (options.command == Command::Screenshot) {
        loop.advance(Millis(100));
        if (!loop.shot(options.out_file, error)) {
            std::cerr << "kiosk: " << error << "\n";
            return exit_failure;
        }
        return exit_ok;
    }
    if (script) {
        client.trace_screens();
        platform::ScriptHooks hooks;
        hooks.current_path = [&ui] { return ui.path(); };
        hooks.busy = [&worker] { return worker.busy(); };
        hooks.controls = [] {
            std::vector<platform::ScriptControl> controls;
            for (const ui::Control& c : ui::drawn_controls())
                controls.push_back({c.label, c.min.x, c.min.y, c.max.x, c.max.y});
            return controls;
        };
        if (backend->rotation() != 0) {
            // Scripts tap the content as it is drawn; the finger lands where that point is on the turned display.
            hooks.to_finger = [&backend](float& x, float& y) {
                float w = float(backend->physical_width()), h = float(backend->physical_height());
                float cx = x, cy = y;
                switch (backend->rotation()) {
                case 90:
                    x = w - cy, y = cx;
                    break;
                case 180:
                    x = w - cx, y = h - cy;
                    break;
                default: // 270
                    x = cy, y = h - cx;
                    break;
                }
                x /= w;
                y /= h;
            };
        }
        int status = platform::run_script(*script, loop, backend->width(), backend->height(), hooks, error);
        if (status != exit_ok)
            std::cerr << error << "\n";
        else if (loop.stopping())
            status = loop.exit_status(); // Stopped from the staff screen (restart, maintenance).
        counts.flush();
        return status;
    }
    // Sticks are watched only by a kiosk that runs for real on its installed content.
    std::unique_ptr<SyncThread> syncing;
    if (options.bundle_dir.empty()) {
        sync::UsbConfig usb;
        usb.roots = settings.usb_roots;
        usb.state_dir = state_dir(options.state_dir);
        usb.child = kiosk_child_argv(options);
        std::optional<sync::FeedConfig> feed;
        if (!settings.feed_url.empty())
            feed = sync::FeedConfig {settings.feed_url, usb.state_dir, usb.child, trusted_keys(settings), clock};
        usb.clock = clock;
        syncing = std::make_unique<SyncThread>(
            database_path(options), std::move(usb), std::move(feed), settings.calendar_urls, settings.poll_minutes,
            wake,
            [&ui, &clock](SnapshotPtr snapshot) {
                ui.set_content(std::move(snapshot));
                ui.show_banner("content_updated", clock.uptime() + Millis(5000));
            },
            zone);
        sync_thread = syncing.get();
    }
    report_to_systemd(loop, *backend, guard);
    int status = loop.run();
    counts.flush();
    return status;
}

} // namespace

int kiosk_main(int argc, char** argv)
{
    ParsedCommandLine parsed = parse_command_line(argc, argv, version_text());
    if (!parsed.options)
        return parsed.status;
    const Options& options = *parsed.options;
    auto settings = load_settings(options);
    if (!settings)
        return exit_usage;
    switch (options.command) {
    case Command::Check:
        return run_check(options, *settings);
    case Command::Import:
        return run_import(options, *settings);
    case Command::Rollback:
        return run_rollback(options);
    case Command::Status:
        return run_status(options);
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
