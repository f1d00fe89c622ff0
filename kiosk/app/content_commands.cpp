// Import, rollback and status: the store seen from the command line.
#include "app/content_commands.hpp"
#include "sync/calendars.hpp"
#include "sync/feed.hpp"
#include "sync/usb.hpp"

#include "app/json.hpp"
#include "app/paths.hpp"
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

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

namespace {

std::unique_ptr<store::Store> open_store(const Options& options, bool create, std::string& error)
{
    std::string dir = state_dir(options.state_dir);
    if (!is_dir(dir)) {
        if (!create) {
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

} // namespace

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

std::vector<sync::PublicKey> trusted_keys(const Settings& settings)
{
    std::vector<sync::PublicKey> keys;
    for (const std::string& path : settings.trusted_keys) {
        std::string error;
        if (auto key = sync::read_public_key(path, error))
            keys.push_back(*key);
        else
            std::cerr << "kiosk: trusted_keys: " << error << "\n";
    }
    return keys;
}

// One import, step by step (verify, version rules, pending, pictures, the store, printing): it stays whole until
// issue 16 moves the import policy into sync with a typed result, which is where it splits.
int run_import(const Options& options, const Settings& settings)
{
    const std::string& dir = options.import_dir;
    if (!is_dir(dir)) {
        std::cerr << "kiosk: import: " << dir << " is not a folder\n";
        return exit_usage;
    }
    Diagnostics diagnostics;
    auto bundle = read_bundle(dir, diagnostics);
    BundleCounts counts;
    std::string error;
    std::optional<store::ImportOutcome> outcome;
    std::string version;
    // Signed by a trusted key: the packed version, under the version rules. Otherwise a local version, or with
    // --signed-only (sticks, the feed) nothing: it waits for staff.
    std::string unsigned_why;
    std::optional<sync::Verified> verified;
    if (sync::has_manifest(dir))
        verified = sync::verify_bundle(dir, trusted_keys(settings), unsigned_why);
    else
        unsigned_why = "it is not signed (it has no MANIFEST)";
    bool pending = false;
    std::string why;
    if (bundle) {
        TimeZone zone = kiosk_time_zone(settings.time_zone, &*bundle);
        counts = count_bundle(*bundle, std::chrono::system_clock::now(), zone);
        std::int64_t now
            = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                  .count();
        auto identity = sync::bundle_identity(dir, error);
        auto store = identity ? open_store(options, true, error) : nullptr;
        if (identity && store) {
            store::ImportRequest request;
            request.bundle = &*bundle;
            request.identity = identity->hash;
            request.source = options.import_source.empty() ? "import:" + dir : options.import_source;
            request.counts = counts;
            bool go = true;
            if (verified) {
                if (diagnostics.has_errors() && options.signed_only) {
                    why = "it is signed, but has errors: fix them and pack it again";
                    go = false;
                } else if (store->active_version() && store->active_version()->identity == identity->hash) {
                    go = true; // Unchanged: import_bundle says so.
                } else if (!store->version_allowed(verified->manifest.version, true, identity->hash, now, why)) {
                    go = false; // Checked again inside the import's transaction; this spares scaling the images.
                }
                request.version = verified->manifest.version;
                request.expires = verified->manifest.expires;
                request.is_signed = true;
                request.check_version_rules = true;
                request.now = now;
            } else if (options.signed_only) {
                pending = !store->active_version() || store->active_version()->identity != identity->hash;
                why = unsigned_why + ": it waits for staff to apply it with the PIN";
                go = !pending;
            }
            for (const Diagnostic& d : diagnostics.all())
                request.report += d.to_string() + "\n";
            request.source_files = identity->files;
            for (const auto& [path, hash] : identity->files) {
                if (path.rfind("pages/", 0) == 0 && path.size() > 9 && path.compare(path.size() - 3, 3, ".md") == 0)
                    request.page_sources[path] = posix::read_file(dir + "/" + path, max_bundle_file_bytes).value_or("");
            }
            if (go) {
                for (const auto& [path, info] : bundle->images) {
                    std::string scale_error;
                    if (auto scaled
                        = scale_image(posix::read_file(dir + "/" + path, max_bundle_file_bytes).value_or(""),
                            max_image_side, scale_error))
                        request.image_data[path] = std::move(scaled->bytes);
                    else
                        diagnostics.error(path, 0, scale_error + ": the image is left out");
                }
                auto written = store->import_bundle(request, error);
                if (written && *written == store::ImportOutcome::Refused) { // Another import came first.
                    why = error;
                    error.clear();
                } else {
                    outcome = written;
                }
            }
            if (auto active = store->active_version())
                version = active->version;
        }
    }
    bool imported = outcome.has_value();
    std::string report;
    for (const Diagnostic& d : diagnostics.all())
        report += d.to_string() + "\n";
    if (options.json) {
        std::cout << "{\"imported\": " << (outcome == store::ImportOutcome::Imported ? "true" : "false")
                  << ", \"unchanged\": " << (outcome == store::ImportOutcome::Unchanged ? "true" : "false")
                  << ", \"pending\": " << (pending ? "true" : "false")
                  << ", \"signed\": " << (verified ? "true" : "false") << ", \"version\": " << json_string(version)
                  << ", \"importable\": " << (bundle ? "true" : "false") << ", \"why\": " << json_string(why)
                  << ", \"error\": " << json_string(error) << ", \"counts\": " << counts_json(counts)
                  << ", \"report\": " << json_string(report) << ", \"diagnostics\": " << diagnostics_json(diagnostics)
                  << "}" << std::endl;
    } else {
        std::cout << report;
        if (!bundle)
            std::cout << dir << ": not imported: fix the errors above; the content that was showing stays\n";
        else if (!error.empty())
            std::cout << dir << ": not imported: " << error << "\n";
        else if (!why.empty() && !imported)
            std::cout << dir << ": not imported: " << why << "\n";
        else if (outcome == store::ImportOutcome::Unchanged)
            std::cout << dir << ": this content is already showing (version " << version << "); nothing changed\n";
        else
            std::cout << dir << ": imported as version " << version << (verified ? ", signed" : "") << " ("
                      << counts.pages << " pages, " << counts.cards << " cards, " << counts.events << " events, "
                      << counts.images << " images)\n";
    }
    return imported ? exit_ok : exit_failure;
}

int run_set_pin(const Options& options)
{
    std::string first, second;
    if (isatty(STDIN_FILENO))
        std::cerr << "New staff PIN (4 to 12 digits): " << std::flush;
    std::getline(std::cin, first);
    if (isatty(STDIN_FILENO))
        std::cerr << "The same PIN again: " << std::flush;
    std::getline(std::cin, second);
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
    std::cout << "The staff PIN is set. Hold the staff corner for 3 seconds to open the PIN pad (restart the kiosk "
                 "if it is running).\n";
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
    (void)settings;
    std::string error;
    auto manifest = sync::pack_bundle(dir, options.key_file, error, options.expires_in_days);
    if (!manifest) {
        std::cerr << "kiosk: pack: " << error << "\n";
        return exit_failure;
    }
    std::cout << dir << ": packed as version " << manifest->version << " (" << manifest->files.size()
              << " files), signed with " << options.key_file << ". Copy the whole folder to a stick or a web server.\n";
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
    std::string why;
    auto verified = sync::verify_bundle(options.pack_dir, {*key}, why);
    if (!verified) {
        std::cout << options.pack_dir << ": NOT verified: " << why << "\n";
        return exit_failure;
    }
    std::cout << options.pack_dir << ": intact, version " << verified->manifest.version << ", signed by "
              << options.key_file << "\n";
    return exit_ok;
}

int run_sync(const Options& options, const Settings& settings)
{
    sync::UsbConfig config;
    config.roots = settings.usb_roots;
    config.state_dir = state_dir(options.state_dir);
    make_dirs(config.state_dir);
    config.database = database_path(options);
    config.child = {sync::self_executable(), "--state", config.state_dir};
    if (!options.config_file.empty())
        config.child.insert(config.child.end(), {"--config", options.config_file});
    bool failed = false;
    auto is_failure
        = [](sync::StickOutcome o) { return o == sync::StickOutcome::Refused || o == sync::StickOutcome::Failed; };

    // The feed first: a stick plugged in the same minute then still has the last word.
    if (!settings.feed_url.empty()) {
        sync::FeedConfig feed {
            settings.feed_url, config.state_dir, config.database, config.child, trusted_keys(settings)};
        sync::FeedResult r = sync::FeedSource(feed).sync();
        std::cout << escape_controls(r.source) << ": " << sync::outcome_word(r.outcome) << ": "
                  << escape_controls(r.message) << " (" << r.requests << " requests, " << r.bytes << " bytes)\n";
        failed = failed || is_failure(r.outcome);
    }

    for (const std::string& url : settings.calendar_urls) {
        sync::CalendarResult r = sync::sync_calendar(url, config.database, config.state_dir, config.child);
        std::cout << escape_controls(r.source) << ": " << sync::outcome_word(r.outcome) << ": "
                  << escape_controls(r.message) << "\n";
        failed = failed || is_failure(r.outcome);
    }

    sync::UsbWatcher watcher(config);
    std::vector<sync::StickResult> results = watcher.scan(true);
    for (const sync::StickResult& r : results) {
        std::cout << escape_controls(r.source) << ": " << sync::outcome_word(r.outcome) << ": "
                  << escape_controls(r.message) << "\n";
        if (!r.report_written)
            std::cout << escape_controls(r.source)
                      << ": the report could not be written on the stick: " << escape_controls(r.report_problem)
                      << "\n";
        failed = failed || is_failure(r.outcome);
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
    auto store = open_store(options, false, error);
    if (!store || !store->rollback(error)) {
        std::cerr << "kiosk: rollback: " << error << "\n";
        return exit_failure;
    }
    auto active = store->active_version();
    std::cout << "Rolled back: version " << (active ? active->version : "?") << " is showing again. It stays until a "
              << "version newer than " << store->pinned_from() << " arrives.\n";
    return exit_ok;
}

// Gathers, then prints as text or JSON: the JSON half goes with issue 16's typed JSON writer.
int run_status(const Options& options)
{
    std::string error;
    auto store = open_store(options, false, error);
    std::optional<store::VersionInfo> active;
    std::string pinned;
    // Each source's last success and last failure, from the sync log (newest first).
    struct SourceState {
        std::string source;
        std::optional<store::SyncLogEntry> success, failure;
    };
    std::vector<SourceState> sources;
    if (store) {
        active = store->active_version();
        pinned = store->pinned_from();
        for (const store::SyncLogEntry& entry : store->sync_log(1000)) {
            auto it = std::find_if(
                sources.begin(), sources.end(), [&](const SourceState& s) { return s.source == entry.source; });
            if (it == sources.end())
                it = sources.insert(sources.end(), SourceState {entry.source, {}, {}});
            bool good = entry.result == "imported" || entry.result == "unchanged" || entry.result == "pending";
            auto& slot = good ? it->success : it->failure;
            if (!slot)
                slot = entry;
        }
    }
    auto entry_json = [](const std::optional<store::SyncLogEntry>& e) -> std::string {
        if (!e)
            return "null";
        return "{\"at\": " + json_string(time_text(e->at, TimeText::IsoUtc)) + ", \"result\": " + json_string(e->result)
            + ", \"bytes\": " + std::to_string(e->bytes) + ", \"message\": " + json_string(e->message) + "}";
    };
    std::string sources_json = "[";
    for (const SourceState& s : sources) {
        sources_json += (sources_json.size() > 1 ? ", " : "") + std::string("{\"source\": ") + json_string(s.source)
            + ", \"last_success\": " + entry_json(s.success) + ", \"last_failure\": " + entry_json(s.failure) + "}";
    }
    sources_json += "]";
    if (options.json) {
        if (!active) {
            std::cout << "{\"version\": null, \"source\": null, \"imported_at\": null, \"counts\": " << counts_json({})
                      << ", \"pinned_from\": null, \"expires\": null, \"sources\": " << sources_json << "}"
                      << std::endl;
        } else {
            std::cout << "{\"version\": " << json_string(active->version)
                      << ", \"source\": " << json_string(active->source)
                      << ", \"imported_at\": " << json_string(time_text(active->imported_at, TimeText::IsoUtc))
                      << ", \"counts\": " << counts_json(active->counts)
                      << ", \"pinned_from\": " << (pinned.empty() ? "null" : json_string(pinned))
                      << ", \"expires\": " << (active->expires.empty() ? "null" : json_string(active->expires))
                      << ", \"sources\": " << sources_json << "}" << std::endl;
        }
    } else if (!active) {
        std::cout << "No content yet" << (error.empty() ? "" : ": " + error) << ".\n";
    } else {
        std::cout << "version:     " << active->version << "\nsource:      " << escape_controls(active->source)
                  << "\nimported at: " << time_text(active->imported_at, TimeText::IsoUtc)
                  << "\ncounts:      " << active->counts.pages << " pages, " << active->counts.cards << " cards, "
                  << active->counts.events << " events (" << active->counts.occurrences
                  << " in the next 90 days at import), " << active->counts.images << " images\n";
        if (!pinned.empty())
            std::cout << "pinned:      rolled back from " << pinned << "; stays until a newer version arrives\n";
        if (!active->expires.empty()) {
            std::int64_t until = store::packed_version_seconds(active->expires);
            bool past = until > 0 && until < std::int64_t(std::time(nullptr));
            std::cout << "expires:     " << time_text(until, TimeText::IsoUtc)
                      << (past ? ": OUT OF DATE, the feed has not been updated since" : "") << "\n";
        }
    }
    if (!options.json) {
        if (!StaffPin(state_dir(options.state_dir)).is_set())
            std::cout << "staff PIN:   not set: the staff corner does nothing until `kiosk set-pin`\n";
        for (const SourceState& s : sources) {
            std::cout << "\n" << escape_controls(s.source) << "\n";
            if (s.success)
                std::cout << "  last success: " << time_text(s.success->at, TimeText::IsoUtc) << " "
                          << s.success->result << ": " << escape_controls(s.success->message) << "\n";
            if (s.failure)
                std::cout << "  last failure: " << time_text(s.failure->at, TimeText::IsoUtc) << " "
                          << s.failure->result << ": " << escape_controls(s.failure->message) << "\n";
        }
    }
    return exit_ok;
}

} // namespace kiosk
