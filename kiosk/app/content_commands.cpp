// Import, rollback and status: the store seen from the command line.
#include "app/content_commands.hpp"
#include "sync/calendars.hpp"
#include "sync/feed.hpp"
#include "sync/usb.hpp"

#include "app/installed_content.hpp"
#include "app/paths.hpp"
#include "app/report_words.hpp"
#include "app/staff_pin.hpp"
#include "app/time_text.hpp"
#include "content/bundle_reader.hpp"
#include "content/image_scale.hpp"
#include "content/posix_file.hpp"
#include "content/text_util.hpp"
#include "store/store.hpp"
#include "store/versions.hpp"
#include "sync/child_process.hpp"
#include "sync/identity.hpp"
#include "sync/import_policy.hpp"
#include "sync/import_report.hpp"
#include "sync/pending.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace kiosk {

std::unique_ptr<store::Store> open_store(const Options& options, StoreMissing missing, std::string& error)
{
    std::string dir = state_dir(options.state_dir);
    if (!is_dir(dir)) {
        if (missing == StoreMissing::Fail) {
            error = "there is no content yet (nothing was imported into " + dir + ")";
            return nullptr;
        }
        if (!make_dirs(dir)) {
            error = "the state folder " + dir + " cannot be created";
            return nullptr;
        }
    }
    return store::Store::open(database_in(dir), error);
}

Clock command_clock(const Options& options, const TimeZone& zone, Clock::Mode mode)
{
    if (!options.now.empty())
        return Clock::starting_at(zone.to_wall(*parse_local_time(options.now)), mode);
    if (mode == Clock::Mode::Simulated)
        return Clock::starting_at(std::chrono::system_clock::now(), Clock::Mode::Simulated);
    return Clock::system();
}

std::string database_in(const std::string& state)
{
    std::string folder = state + "/db", path = folder + "/kiosk.db";
    struct stat st { };
    if (stat(path.c_str(), &st) != 0 && stat((state + "/kiosk.db").c_str(), &st) == 0) {
        mkdir(folder.c_str(), 0700);
        // The database first, then its WAL and shared-memory files: SQLite finds them beside it.
        for (const char* suffix : {"", "-wal", "-shm"})
            std::rename((state + "/kiosk.db" + suffix).c_str(), (path + suffix).c_str());
    } else if (is_dir(state)) {
        mkdir(folder.c_str(), 0700);
    }
    return path;
}

std::string database_path(const Options& options)
{
    return database_in(state_dir(options.state_dir));
}

std::vector<sync::PublicKey> trusted_keys(const Settings& settings, std::vector<sync::KeyProblem>* problems)
{
    std::vector<sync::KeyProblem> found;
    std::vector<sync::PublicKey> keys = sync::read_trusted_keys(settings.trusted_keys, found);
    if (!problems) {
        for (const sync::KeyProblem& problem : found)
            std::cerr << "kiosk: " << escape_controls(sync::key_problem_text(problem)) << "\n";
    } else {
        problems->insert(problems->end(), found.begin(), found.end());
    }
    return keys;
}

// The decision is sync::import_bundle's; this parses the flags, opens the store and prints.
namespace {

// The first line of import, rollback and sync: which kiosk's state they used (docs/updates.md: "on the kiosk").
void say_state_folder(const Options& options, std::ostream& out = std::cout)
{
    out << "State folder: " << options.state_dir << "\n";
}

} // namespace

int run_import(const Options& options, const Settings& settings)
{
    const std::string& dir = options.import_dir;
    if (!is_dir(dir)) {
        if (errno == EACCES) // Run as the state folder's owner (paths.hpp), who may not read root's folders.
            std::cerr
                << "kiosk: import: " << dir << " cannot be read by the user this runs as (the state folder's "
                << "owner): copy the folder somewhere that user can read, such as /tmp, and import it from there\n";
        else
            std::cerr << "kiosk: import: " << dir << " is not a folder\n";
        return exit_usage;
    }
    sync::ImportPolicy policy;
    policy.trusted_keys = trusted_keys(settings, &policy.key_problems);
    policy.unsigned_bundles
        = options.signed_only ? sync::ImportPolicy::Unsigned::Wait : sync::ImportPolicy::Unsigned::Import;
    policy.source = options.import_source.empty() ? "import:" + dir : options.import_source;
    policy.waiting_since = options.waiting_since;
    policy.time_zone = settings.time_zone;
    policy.now = command_clock(options, kiosk_time_zone(settings.time_zone, nullptr)).now();
    std::string error;
    sync::ImportReport report;
    if (auto store = open_store(options, StoreMissing::Create, error)) {
        report = sync::import_bundle(dir, policy, *store);
    } else {
        report.outcome = sync::Outcome::Failed;
        report.reason = Reason::plain(error);
    }
    bool imported = report.outcome == sync::Outcome::Imported || report.outcome == sync::Outcome::Unchanged;
    if (options.json) {
        std::cout << sync::json_line(sync::to_json(report)) << std::endl;
        return imported ? exit_ok : exit_failure;
    }
    say_state_folder(options);
    std::cout << report.problems_text();
    const BundleCounts& counts = report.counts;
    switch (report.outcome) {
    case sync::Outcome::Imported:
        std::cout << dir << ": imported as version " << report.version << (report.is_signed ? ", signed" : "") << " ("
                  << count_of(counts.pages, "page", "pages") << ", " << count_of(counts.cards, "card", "cards") << ", "
                  << count_of(counts.events, "event", "events") << ", " << count_of(counts.images, "image", "images")
                  << ")\n";
        break;
    case sync::Outcome::Unchanged:
        std::cout << dir << ": this content is already showing (version " << report.version << "); nothing changed\n";
        break;
    default:
        if (!report.importable)
            std::cout << dir << ": not imported: fix the errors above; the content that was showing stays\n";
        else
            std::cout << dir << ": not imported: " << report.reason.text() << "\n";
    }
    return imported ? exit_ok : exit_failure;
}

namespace {

// A line from standard input; at a terminal, after `prompt` and without echo, so that the PIN does not show on the
// screen (or stay in the terminal's scrollback) as it is typed.
std::string read_secret_line(const char* prompt)
{
    std::string line;
    termios saved {};
    bool hidden = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (hidden) {
        // Echo off before the prompt shows: what is typed after it is never shown, nor thrown away.
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= tcflag_t(ECHONL); // The Enter still moves to the next line.
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::cerr << prompt << std::flush;
    }
    std::getline(std::cin, line);
    if (hidden)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    return line;
}

} // namespace

int run_set_pin(const Options& options)
{
    std::string first = read_secret_line("New staff PIN (4 to 12 digits, not shown as you type): ");
    std::string second = read_secret_line("The same PIN again: ");
    for (std::string* pin : {&first, &second}) {
        while (!pin->empty() && (pin->back() == '\r' || pin->back() == ' '))
            pin->pop_back();
    }
    if (first != second) {
        std::cerr << "kiosk: set-pin: the two PINs differ: nothing was changed\n";
        return exit_failure;
    }
    std::string dir = state_dir(options.state_dir);
    make_dirs(dir);
    std::string error;
    StaffPin pin(dir);
    if (!pin.set(first, error)) {
        std::cerr << "kiosk: set-pin: " << error << ": nothing was changed\n";
        return exit_failure;
    }
    std::cout << "The staff PIN is set, in " << dir
              << "/staff-pin. Hold the staff corner for 3 seconds to open the PIN pad (restart the kiosk if it is "
                 "running: sudo systemctl restart kiosk).\n";
    return exit_ok;
}

int run_keygen(const Options& options)
{
    std::string error;
    auto files = sync::generate_keys(options.key_name, error);
    if (!files) {
        std::cerr << "kiosk: keygen: " << error << "\n";
        return exit_failure;
    }
    std::string fingerprint;
    if (auto key = sync::read_public_key(files->public_path, error))
        fingerprint = sync::key_fingerprint(key->bytes);
    std::cout << "Wrote " << files->secret_path << " (secret: keep it safe, never put it on a kiosk or a stick) and "
              << files->public_path << " (put it on every kiosk and list it in trusted_keys). Its fingerprint is "
              << fingerprint << ": kiosks name a signature by it.\n";
    return exit_ok;
}

int run_pack(const Options& options, const Settings& settings)
{
    const std::string& dir = options.pack_dir;
    if (!is_dir(dir)) {
        std::cerr << "kiosk: pack: " << dir << " is not a folder\n";
        return exit_usage;
    }
    // As kiosk check sees it: any error refuses, so a packed bundle never fails on a kiosk.
    Diagnostics diagnostics;
    auto bundle = read_bundle(dir, diagnostics);
    for (const Diagnostic& d : diagnostics.all())
        std::cout << dir << "/" << d.to_string() << "\n";
    if (!bundle || diagnostics.has_errors()) {
        std::cout << dir << ": not packed: fix the errors above first\n";
        return exit_failure;
    }
    std::string error;
    auto manifest = sync::pack_bundle(dir, options.key_file, error, options.expires_in_days,
        command_clock(options, kiosk_time_zone(settings.time_zone, &*bundle)).now());
    if (!manifest) {
        std::cerr << "kiosk: pack: " << error << "\n";
        return exit_failure;
    }
    std::cout << dir << ": packed as version " << manifest->version << " ("
              << count_of(manifest->files.size(), "file", "files") << "), signed with " << options.key_file
              << ". Copy the whole folder to a stick or a web server.\n";
    return exit_ok;
}

int run_verify(const Options& options)
{
    std::string error;
    auto key = sync::read_public_key(options.key_file, error);
    if (!key) {
        std::cerr << "kiosk: verify: " << error << "\n";
        return exit_usage;
    }
    Reason why;
    auto verified = sync::verify_bundle(options.pack_dir, {*key}, why);
    if (!verified) {
        std::cout << options.pack_dir << ": NOT verified: " << why.text() << "\n";
        return exit_failure;
    }
    std::cout << options.pack_dir << ": intact, version " << verified->manifest.version << ", signed by "
              << options.key_file << "\n";
    return exit_ok;
}

namespace {

// The zone the screen uses: the settings', else the content's that shows, else the system's.
TimeZone shown_zone(const Settings& settings, store::Store& store)
{
    std::optional<Bundle> shown;
    if (settings.time_zone.empty()) {
        std::string ignored;
        shown = store.load_active_bundle(ignored);
    }
    return kiosk_time_zone(settings.time_zone, shown ? &*shown : nullptr);
}

} // namespace

int run_sync(const Options& options, const Settings& settings)
{
    sync::UsbConfig config;
    config.roots = settings.usb_roots;
    config.state_dir = state_dir(options.state_dir);
    make_dirs(config.state_dir);
    config.child = kiosk_child_argv(options);
    config.clock = command_clock(options, kiosk_time_zone(settings.time_zone, nullptr));
    std::string error;
    auto store = open_store(options, StoreMissing::Create, error);
    if (!store) {
        std::cerr << "kiosk: sync: " << error << "\n";
        return exit_failure;
    }
    // The sticks' reports in the kiosk's language (its content's first) and zone.
    if (std::string data_root = find_data_root(); !data_root.empty()) {
        Diagnostics ignored;
        auto strings = std::make_shared<const ui::Strings>(ui::Strings::load(data_root + "/assets/strings", ignored));
        config.report_words = report_words(strings, settings.time_zone, config.clock);
    }
    bool failed = false;
    say_state_folder(options);
    // Keys the settings name but the kiosk cannot use: said first, as every signature below depends on them.
    std::vector<sync::KeyProblem> key_problems;
    std::vector<sync::PublicKey> keys = trusted_keys(settings, &key_problems);
    for (const sync::KeyProblem& problem : key_problems)
        std::cout << escape_controls(sync::key_problem_text(problem))
                  << ": bundles signed with it are not trusted until it is fixed\n";

    // The feed first: a stick plugged in the same minute then still has the last word.
    if (!settings.feed_url.empty()) {
        sync::FeedConfig feed {settings.feed_url, config.state_dir, config.child, keys, config.clock, key_problems};
        sync::FeedResult r = sync::FeedSource(feed).sync(*store);
        std::cout << escape_controls(r.source) << ": " << sync::result_word(r.outcome) << ": "
                  << escape_controls(r.reason.text()) << " ("
                  << count_of(std::size_t(r.requests), "request", "requests") << ", "
                  << count_of(r.bytes, "byte", "bytes") << ")\n";
        failed = failed || sync::is_failure(r.outcome);
    }

    for (const std::string& url : settings.calendar_urls) {
        sync::CalendarResult r = sync::sync_calendar(url, *store, config.state_dir, config.child, config.clock);
        std::cout << escape_controls(r.source) << ": " << sync::result_word(r.outcome) << ": "
                  << escape_controls(r.reason.text()) << "\n";
        failed = failed || sync::is_failure(r.outcome);
    }

    sync::UsbWatcher watcher(config);
    std::vector<sync::StickResult> results = watcher.scan(*store, true);
    for (const sync::StickResult& r : results) {
        std::cout << escape_controls(r.source) << ": " << sync::result_word(r.outcome) << ": "
                  << escape_controls(r.reason.text()) << "\n";
        if (!r.report_written)
            std::cout << escape_controls(r.source)
                      << ": the report could not be written on the stick: " << escape_controls(r.report_problem.text())
                      << "\n";
        failed = failed || sync::is_failure(r.outcome);
    }
    if (results.empty()) {
        std::cout << "No bundle found on a stick (looked in";
        for (const std::string& root : settings.usb_roots)
            std::cout << " " << root;
        std::cout << ").\n";
    }
    return failed ? exit_failure : exit_ok;
}

int run_rollback(const Options& options)
{
    std::string error;
    auto store = open_store(options, StoreMissing::Fail, error);
    if (!store || !store->rollback(error)) {
        std::cerr << "kiosk: rollback: " << error << " (state folder " << options.state_dir << ")\n";
        return exit_failure;
    }
    say_state_folder(options);
    auto active = store->active_version();
    std::cout << "Rolled back: version " << (active ? active->version : "?") << " is showing again. It stays until a "
              << "version newer than " << store->pinned_from() << " arrives.\n";
    return exit_ok;
}

// Gathers, then prints as text or JSON: the JSON half goes with issue 16's typed JSON writer.
namespace {

// What `kiosk status` reports: the active version and each source's last success and last failure.
struct Status {
    std::optional<store::VersionInfo> active;
    std::string pinned;
    struct Source {
        std::string source;
        std::optional<store::SyncLogEntry> success, failure;
        bool failure_past = false; // The last failure came before the last success: since fixed.
    };
    std::vector<Source> sources;
    // What waits for staff, the one waiting longest first (as the staff screen lists them); a bundle what shows has
    // moved past is left out (it goes at the next sync).
    struct Waiting {
        sync::PendingInfo info;
        std::string version; // Its MANIFEST's, or "".
    };
    std::vector<Waiting> pending;
};

Status read_status(store::Store& store, const std::string& state)
{
    Status status;
    for (int slot : sync::waiting_slots(state))
        if (sync::superseded_why(state, slot, store).empty())
            status.pending.push_back(
                {sync::read_pending_info(state, slot), sync::pending_manifest_version(state, slot)});
    status.active = store.active_version();
    status.pinned = store.pinned_from();
    for (const store::SyncLogEntry& entry : store.sync_log(1000)) { // Newest first.
        auto it = std::find_if(status.sources.begin(), status.sources.end(),
            [&](const Status::Source& s) { return s.source == entry.source; });
        if (it == status.sources.end())
            it = status.sources.insert(status.sources.end(), Status::Source {entry.source, {}, {}});
        bool good = entry.result == "imported" || entry.result == "unchanged" || entry.result == "pending";
        auto& slot = good ? it->success : it->failure;
        if (!slot) {
            slot = entry;
            it->failure_past = !good && it->success; // Newest first: the success was later.
        }
    }
    return status;
}

nlohmann::json status_json(const Status& status)
{
    auto entry_json = [](const std::optional<store::SyncLogEntry>& e) -> nlohmann::json {
        if (!e)
            return nullptr;
        return {{"at", time_text(e->at, TimeText::IsoUtc)}, {"result", e->result}, {"bytes", e->bytes},
            {"message", e->message}};
    };
    nlohmann::json sources = nlohmann::json::array();
    for (const Status::Source& s : status.sources) {
        sources.push_back(
            {{"source", s.source}, {"last_success", entry_json(s.success)}, {"last_failure", entry_json(s.failure)}});
    }
    auto or_null = [](const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(text); };
    nlohmann::json json = {{"version", nullptr}, {"source", nullptr}, {"imported_at", nullptr},
        {"counts", sync::counts_json({})}, {"pinned_from", nullptr}, {"expires", nullptr}, {"sources", sources}};
    if (const auto& active = status.active) {
        json["version"] = active->version;
        json["source"] = active->source;
        json["imported_at"] = time_text(active->imported_at, TimeText::IsoUtc);
        json["counts"] = sync::counts_json(active->counts);
        json["pinned_from"] = or_null(status.pinned);
        json["expires"] = or_null(active->expires);
    }
    json["pending"] = nullptr;
    if (!status.pending.empty()) {
        const Status::Waiting& first = status.pending.front();
        json["pending"] = {{"source", first.info.source}, {"version", or_null(first.version)},
            {"problems", first.info.problems >= 0 ? nlohmann::json(first.info.problems) : nlohmann::json()},
            {"arrived",
                first.info.arrived > 0 ? nlohmann::json(time_text(first.info.arrived, TimeText::IsoUtc))
                                       : nlohmann::json()}};
    }
    return json;
}

// Times as staff read them: in the kiosk's zone, with its name (`--json` keeps UTC).
void print_status(const Status& status, const PeopleTime& words)
{
    const store::VersionInfo& active = *status.active;
    std::cout << "version:     " << active.version << "\n";
    if (store::is_packed_version(active.version))
        std::cout << "packed:      " << words.time(store::packed_version_seconds(active.version)) << "\n";
    std::cout << "source:      " << escape_controls(active.source)
              << "\nimported at: " << words.time(active.imported_at)
              << "\ncounts:      " << count_of(active.counts.pages, "page", "pages") << ", "
              << count_of(active.counts.cards, "card", "cards") << ", "
              << count_of(active.counts.events, "event", "events") << " (" << active.counts.occurrences
              << " in the next 90 days at import), " << count_of(active.counts.images, "image", "images") << "\n";
    if (!status.pinned.empty())
        std::cout << "pinned:      rolled back from " << words.version(status.pinned)
                  << "; stays until newer content arrives\n";
    if (!active.expires.empty()) {
        std::int64_t until = store::packed_version_seconds(active.expires);
        bool past = until > 0 && until < std::chrono::system_clock::to_time_t(words.now);
        std::cout << "expires:     " << words.time(until)
                  << (past ? ": OUT OF DATE, the feed has not been updated since" : "") << "\n";
    }
}

void print_pending(const Status& status, const PeopleTime& words)
{
    if (status.pending.empty()) {
        std::cout << "waiting:     nothing waits for staff\n";
        return;
    }
    for (const Status::Waiting& w : status.pending) {
        std::cout << "waiting:     " << escape_controls(w.info.source) << ", since "
                  << (w.info.arrived > 0 ? words.time(w.info.arrived) : w.info.arrived_text)
                  << (w.version.empty() ? "" : ", " + words.version(w.version)) << ", ";
        if (w.info.problems < 0)
            std::cout << "problems not counted";
        else
            std::cout << count_of(std::size_t(w.info.problems), "problem", "problems");
        std::cout << ": staff can apply or ignore it on the staff screen\n";
    }
}

void print_sources(const Status& status, const PeopleTime& words)
{
    for (const Status::Source& s : status.sources) {
        std::cout << "\n" << escape_controls(s.source) << "\n";
        if (s.success)
            std::cout << "  last success: " << words.time(s.success->at) << ": " << s.success->result << ": "
                      << escape_controls(s.success->message) << "\n";
        // A failure older than the last success is past: said so, so that nobody chases what was already fixed.
        if (s.failure)
            std::cout << (s.failure_past ? "  last failure, before that success: " : "  last failure: ")
                      << words.time(s.failure->at) << ": " << s.failure->result << ": "
                      << escape_controls(s.failure->message) << "\n";
    }
}

// The settings' trusted keys that cannot be used: status names each with why ("key_problems" in JSON).
nlohmann::json key_problems_json(const std::vector<sync::KeyProblem>& problems)
{
    nlohmann::json list = nlohmann::json::array();
    for (const sync::KeyProblem& problem : problems)
        list.push_back({{"path", problem.path}, {"reason", problem.reason}});
    return list;
}

} // namespace

int run_status(const Options& options, const Settings& settings)
{
    std::string error;
    auto store = open_store(options, StoreMissing::Fail, error);
    TimeZone zone
        = store && !options.json ? shown_zone(settings, *store) : kiosk_time_zone(settings.time_zone, nullptr);
    PeopleTime words {nullptr, "en", zone, command_clock(options, zone).now()};
    Status status = store ? read_status(*store, state_dir(options.state_dir)) : Status {};
    std::vector<sync::KeyProblem> key_problems;
    trusted_keys(settings, &key_problems);
    if (options.json) {
        nlohmann::json json = status_json(status);
        json["state_dir"] = options.state_dir;
        json["staff_pin"] = StaffPin(options.state_dir).is_set();
        json["key_problems"] = key_problems_json(key_problems);
        std::cout << sync::json_line(json) << std::endl;
        return exit_ok;
    }
    for (const sync::KeyProblem& problem : key_problems)
        std::cout << escape_controls(sync::key_problem_text(problem)) << "\n";
    if (!status.active)
        std::cout << "No content yet" << (error.empty() ? "" : ": " + error) << ".\n";
    else
        print_status(status, words);
    print_pending(status, words);
    std::cout << "state:       " << options.state_dir << "\n";
    if (StaffPin(options.state_dir).is_set())
        std::cout << "staff PIN:   set\n";
    else
        std::cout << "staff PIN:   not set: the staff corner does nothing until `sudo kiosk set-pin`\n";
    print_sources(status, words);
    return exit_ok;
}

} // namespace kiosk
