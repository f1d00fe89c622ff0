// The kiosk program: command dispatch, start-up, and the FrameClient that connects the UI to the frame loop.
#include "app/kiosk_app.hpp"

#include "app/check.hpp"
#include "app/cli.hpp"
#include "app/content_commands.hpp"
#include "app/installed_content.hpp"
#include "app/paths.hpp"
#include "app/screen_hours.hpp"
#include "app/settings.hpp"
#include "app/staff_desk.hpp"
#include "app/staff_pin.hpp"
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
#include "ui/ui.hpp"

#include <SDL.h>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <imgui.h>
#include <iostream>
#include <malloc.h>
#include <map>
#include <mutex>
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

// The bundle's pictures for the screens: decoded from the snapshot's bytes on first use, a few kept as textures.
class SnapshotImages final : public ui::Images {
public:
    SnapshotImages(platform::Backend& backend, const ui::Ui& ui)
        : m_cache(backend)
        , m_ui(ui)
    { }

    std::optional<ui::ImageTexture> get(const std::string& path) override
    {
        const SnapshotPtr& content = m_ui.content();
        if (!content)
            return std::nullopt;
        if (content->images != m_images) {
            m_cache.clear(); // New content: its pictures may differ under the same names.
            m_images = content->images;
        }
        auto texture = m_cache.get(path, [&](const std::string& key) -> const std::string* {
            auto found = m_images->find(key);
            return found == m_images->end() ? nullptr : &found->second;
        });
        if (!texture)
            return std::nullopt;
        return ui::ImageTexture {texture->id, texture->width, texture->height};
    }

private:
    platform::TextureCache m_cache;
    const ui::Ui& m_ui;
    std::shared_ptr<const ImageBytes> m_images;
};

// The anonymous per-day counts of what was opened: kept in memory, written to the store every hour and at exit.
// Nothing else about a visit is kept anywhere.
class UsageCounts {
public:
    explicit UsageCounts(std::string database)
        : m_database(std::move(database))
    { }

    void add(const std::string& day, const std::string& path) { ++m_pending[{day, path}]; }

    void flush()
    {
        if (m_pending.empty() || m_database.empty())
            return;
        std::vector<std::tuple<std::string, std::string, int>> rows;
        for (const auto& [key, n] : m_pending)
            rows.emplace_back(key.first, key.second, n);
        std::string error;
        auto store = store::Store::open(m_database, error);
        if (store && store->add_counts(rows)) {
            m_pending.clear();
            return;
        }
        // Kept for the next try: a full disk must not cost the day's counts.
        std::cerr << "kiosk: cannot save the usage counts (" << (store ? store->last_error() : error)
                  << "): trying again in an hour\n";
    }

private:
    std::string m_database; // "": counting is off (a previewed folder, a screenshot).
    std::map<std::pair<std::string, std::string>, int> m_pending;
};

// Watches the USB mount roots on its own thread while the kiosk runs. A stick is copied, checked and imported in a
// child process; the new content is loaded and expanded here, and only the finished snapshot goes to the UI thread,
// between frames, so a sync never holds up a frame.
class SyncThread {
public:
    SyncThread(sync::UsbConfig config, std::optional<sync::FeedConfig> feed, std::vector<std::string> calendar_urls,
        int poll_minutes, platform::WakeQueue& wake, std::function<void(SnapshotPtr)> arrived, const TimeZone& zone)
        : m_database(config.database)
        , m_state_dir(config.state_dir)
        , m_child(config.child)
        , m_calendar_urls(std::move(calendar_urls))
        , m_calendar_timing(sync::FeedConfig {})
        , m_watcher(std::move(config))
        , m_poll_minutes(poll_minutes)
        , m_wake(wake)
        , m_arrived(std::move(arrived))
        , m_zone(zone)
        , m_thread([this, feed = std::move(feed)] {
            if (feed)
                m_feed.emplace(*feed);
            run();
        })
    { }

    ~SyncThread()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_wakeup.notify_all();
        m_thread.join();
    }

    SyncThread(const SyncThread&) = delete;
    SyncThread& operator=(const SyncThread&) = delete;

    // Staff asked to look for updates now: the feed and calendars are due, and the thread wakes.
    void wake_now()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_now = true;
        }
        m_wakeup.notify_all();
    }

private:
    void run()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_stop) {
            lock.unlock();
            if (m_feed && std::chrono::steady_clock::now() >= m_feed_due) {
                sync::FeedResult result = m_feed->sync();
                if (result.outcome != sync::StickOutcome::Unchanged)
                    std::cerr << "kiosk: " << result.source << ": " << sync::outcome_word(result.outcome) << ": "
                              << result.message << std::endl;
                if (result.outcome == sync::StickOutcome::Imported)
                    deliver();
                bool failed = result.outcome == sync::StickOutcome::Failed;
                m_feed_due = std::chrono::steady_clock::now() + m_feed->next_wait(failed, m_poll_minutes);
            }
            if (!m_calendar_urls.empty() && std::chrono::steady_clock::now() >= m_calendars_due) {
                bool changed = false, failed = false;
                for (const std::string& url : m_calendar_urls) {
                    sync::CalendarResult result = sync::sync_calendar(url, m_database, m_state_dir, m_child);
                    changed = changed || result.outcome == sync::StickOutcome::Imported;
                    failed = failed || result.outcome == sync::StickOutcome::Failed;
                    if (result.outcome != sync::StickOutcome::Unchanged)
                        std::cerr << "kiosk: " << result.source << ": " << sync::outcome_word(result.outcome) << ": "
                                  << result.message << std::endl;
                }
                if (changed)
                    deliver();
                m_calendars_due
                    = std::chrono::steady_clock::now() + m_calendar_timing.next_wait(failed, m_poll_minutes);
            }
            for (const sync::StickResult& result : m_watcher.scan()) {
                std::cerr << "kiosk: " << result.source << ": " << sync::outcome_word(result.outcome) << ": "
                          << result.message << std::endl;
                if (result.outcome == sync::StickOutcome::Imported)
                    deliver();
            }
            lock.lock();
            m_wakeup.wait_for(lock, std::chrono::seconds(2), [this] { return m_stop || m_now; });
            if (m_now) {
                m_now = false;
                m_feed_due = m_calendars_due = std::chrono::steady_clock::now();
            }
        }
    }

    // Loads the new active version and expands it here, off the UI thread.
    void deliver()
    {
        std::string error;
        auto store = store::Store::open(m_database, error);
        InstalledContent content = store ? stored_content(*store, error) : InstalledContent {};
        if (!content.bundle) {
            std::cerr << "kiosk: the new content cannot be loaded (" << error << "): the old content stays\n";
            return;
        }
        SnapshotPtr snapshot = make_snapshot(
            content.bundle, content.images, std::chrono::system_clock::now(), m_zone, content.imported_at);
        m_wake.post([arrived = m_arrived, snapshot] { arrived(snapshot); });
    }

    std::string m_database;
    std::string m_state_dir;
    std::vector<std::string> m_child;
    std::vector<std::string> m_calendar_urls;
    sync::FeedSource m_calendar_timing; // Only its poll timing (jitter, backoff) is used, for the calendars.
    std::chrono::steady_clock::time_point m_calendars_due = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    sync::UsbWatcher m_watcher;
    int m_poll_minutes;
    std::optional<sync::FeedSource> m_feed; // Made and used on the sync thread only.
    std::chrono::steady_clock::time_point m_feed_due = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    platform::WakeQueue& m_wake;
    std::function<void(SnapshotPtr)> m_arrived;
    const TimeZone& m_zone;
    std::mutex m_mutex;
    std::condition_variable m_wakeup;
    bool m_stop = false;
    bool m_now = false;
    std::thread m_thread; // Last: it starts once everything above is ready.
};

// Connects the UI to the frame loop: sizes, drawing, timers, the idle reset and the counts.
class Client final : public platform::FrameClient {
public:
    Client(ui::Ui& ui, platform::Backend& backend, const Clock& clock, const TimeZone& zone, const Settings& settings,
        UsageCounts& counts)
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
    { }

    void resized(int width, int height) override
    {
        float diagonal = m_diagonal > 0.0f ? m_diagonal : m_backend.diagonal_inches();
        std::string error;
        if (!m_ui.set_metrics(ui::compute_metrics(width, height, diagonal), error)) {
            std::cerr << "kiosk: " << error << "\n";
            return;
        }
        m_backend.upload_fonts();
    }

    void before_frame() override
    {
        Millis now = m_clock.uptime();
        update_dark(now);
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
            // The old atlas (larger, with large text) is free now: give its pages back, so a day of visitors
            // leaves the kiosk as small as it started.
            malloc_trim(0);
        }
        if (now >= m_next_flush) {
            m_counts.flush();
            m_next_flush = now + flush_every;
        }
    }

    void touched(Millis now) override
    {
        if (!m_dark)
            m_last_touch = now;
    }

    void draw() override
    {
        if (m_dark) {
            // Dark outside the screen hours: taps do nothing; a long press lights the screen for two minutes.
            ImGuiIO& io = ImGui::GetIO();
            if (io.MouseDown[0] && io.MouseDownDuration[0] >= 2.0f && m_wake_until < m_clock.uptime()) {
                m_wake_until = m_clock.uptime() + Millis(120000);
                m_last_touch = m_clock.uptime();
                if (m_trace)
                    std::cout << "screen: woken for two minutes" << std::endl;
            }
            return;
        }
        ui::FrameInfo info;
        info.uptime = m_clock.uptime();
        info.now = m_clock.now();
        info.local = m_zone.to_local(info.now);
        info.zone = &m_zone;
        // At midnight the days ahead move on: expand the stored rules again for the next 90 days.
        if (const SnapshotPtr& content = m_ui.content(); content && content->day != local_date(info.local)) {
            m_ui.set_content(make_snapshot(content->bundle, content->images, info.now, m_zone, content->imported_at));
        }
        for (const ui::Intent& intent : m_ui.frame(info)) {
            std::string before = m_ui.path();
            m_ui.apply(intent);
            if (m_trace && m_ui.path() != before)
                std::cout << "screen: " << m_ui.path() << std::endl;
            if (m_trace && intent.kind == ui::Intent::Kind::Language)
                std::cout << "language: " << m_ui.language() << std::endl;
            if (m_staff && (intent.kind == ui::Intent::Kind::StaffPin || intent.kind == ui::Intent::Kind::StaffAction))
                m_staff(intent);
        }
        for (const std::string& path : m_ui.take_opened())
            m_counts.add(local_date(info.local), path);
    }

    bool animating() const override { return !m_dark && m_ui.animating(); }

    Millis until_next_change() const override
    {
        // The clock on screen shows minutes: wake at the start of the next one; and for the idle reset, the attract
        // loop's next highlight and the hourly counts.
        Millis now = m_clock.uptime();
        Millis hours_change = until_hours_change();
        if (m_dark) // Nothing is drawn while dark: wake only when the hours start (or a woken screen's two minutes).
            return std::max(Millis(1), hours_change);
        auto ms = std::chrono::duration_cast<Millis>(m_clock.now().time_since_epoch()).count();
        Millis next = std::min(Millis(60000 - ms % 60000), std::max(Millis(1), hours_change));
        if (m_ui.attract())
            next = std::min(next, m_ui.attract_next_change(now));
        else
            next = std::min(next, std::max(Millis(1), m_last_touch + m_idle - now));
        if (Millis banner = m_ui.banner_until(); banner.count() >= 0)
            next = std::min(next, std::max(Millis(1), banner - now));
        return std::min(next, std::max(Millis(1), m_next_flush - now));
    }

    std::uint32_t background() const override { return m_dark ? 0xFF000000u : m_ui.style().theme.background; }

    // Scripts print every screen change on standard output, so a test can see what a tap reached.
    void trace_screens() { m_trace = true; }
    // Who checks the staff PIN and carries out staff actions (run() sets it up).
    void on_staff(std::function<void(const ui::Intent&)> handler) { m_staff = std::move(handler); }

private:
    static constexpr Millis flush_every {3600 * 1000};

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

    // Dark outside the screen hours, unless a long press woke the screen; the display commands run at each change.
    void update_dark(Millis now)
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

    // Until the screen hours (or a woken screen's two minutes) change what the screen should do.
    Millis until_hours_change() const
    {
        if (m_hours.always())
            return Millis(24 * 3600 * 1000);
        LocalTime local = m_zone.to_local(m_clock.now());
        int minutes = m_hours.minutes_until_change(local.weekday, local.hour * 60 + local.minute);
        Millis change = Millis(std::int64_t(minutes) * 60000 - local.second * 1000);
        Millis now = m_clock.uptime();
        if (m_wake_until > now)
            change = std::min(change, m_wake_until - now);
        return change;
    }

    // A display command, through the shell, not waited for (a slow HDMI-CEC call never holds up a frame).
    static void run_detached(const std::string& command)
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
};

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

int run(const Options& options, const Settings& settings)
{
    std::string data_root = find_data_root();
    if (data_root.empty()) {
        std::cerr << "kiosk: cannot find the kiosk's assets (assets/theme.toml): reinstall the kiosk package\n";
        return exit_failure;
    }

    // Content: a bundle folder previewed as it is (--bundle), else what the store holds.
    InstalledContent content;
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
        content = load_installed_content(options, data_root);
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
    ui.set_content(make_snapshot(bundle, content.images, clock.now(), zone, content.imported_at));
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
    auto reload = [&] {
        std::string load_error;
        auto store = store::Store::open(database_path(options), load_error);
        InstalledContent fresh = store ? stored_content(*store, load_error) : InstalledContent {};
        if (fresh.bundle)
            ui.set_content(make_snapshot(fresh.bundle, fresh.images, clock.now(), zone, fresh.imported_at));
    };
    client.on_staff([&](const ui::Intent& intent) {
        if (intent.kind == ui::Intent::Kind::StaffPin) {
            std::string message;
            auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
            if (pin.check(intent.path, now, message) == StaffPin::Check::Right)
                ui.open_staff(desk.view());
            else
                ui.staff_pin_refused(message);
            if (options.command != Command::Screenshot && !options.script_file.empty())
                std::cout << "staff: " << (message.empty() ? "open" : message) << std::endl;
            return;
        }
        if (intent.path == "sync") {
            if (sync_thread)
                sync_thread->wake_now();
            ui.staff_done(desk.view(), "Looking for new content now; the results appear below in a few seconds.");
            return;
        }
        StaffOutcome outcome = desk.act(intent.path);
        if (outcome.content_changed)
            reload();
        ui.staff_done(desk.view(), outcome.message);
        if (!options.script_file.empty())
            std::cout << "staff: " << outcome.message << std::endl;
        if (outcome.exit)
            loop.stop(*outcome.exit);
    });
    platform::FrameLoop::install_signal_handlers();
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
        usb.database = database_path(options);
        usb.child = {sync::self_executable(), "--state", usb.state_dir};
        if (!options.config_file.empty())
            usb.child.insert(usb.child.end(), {"--config", options.config_file});
        std::optional<sync::FeedConfig> feed;
        if (!settings.feed_url.empty())
            feed = sync::FeedConfig {settings.feed_url, usb.state_dir, usb.database, usb.child, trusted_keys(settings)};
        syncing = std::make_unique<SyncThread>(
            std::move(usb), std::move(feed), settings.calendar_urls, settings.poll_minutes, wake,
            [&ui, &clock](SnapshotPtr snapshot) {
                ui.set_content(std::move(snapshot));
                ui.show_banner("content_updated", clock.uptime() + Millis(5000));
            },
            zone);
        sync_thread = syncing.get();
    }
    // systemd: ready once the first frame is up; the watchdog fed while the loop turns (a hung loop gets restarted).
    std::uint64_t watchdog_usec = 0;
    bool watchdog = sd_watchdog_enabled(0, &watchdog_usec) > 0;
    auto last_ping = std::chrono::steady_clock::now();
    loop.on_turn([&] {
        auto now = std::chrono::steady_clock::now();
        if (watchdog && now - last_ping >= std::chrono::microseconds(watchdog_usec / 4)) {
            sd_notify(0, "WATCHDOG=1");
            last_ping = now;
        }
    });
    loop.on_first_frame([&backend] {
        sd_notify(0, "READY=1");
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - g_started);
        std::cerr << "kiosk: first frame after " << ms.count() << " ms (" << backend->width() << "x"
                  << backend->height() << ", " << backend->renderer_name() << " renderer)" << std::endl;
    });
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
