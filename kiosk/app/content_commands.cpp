// Import, rollback and status: the store seen from the command line.
#include "app/content_commands.hpp"

#include "app/json.hpp"
#include "app/paths.hpp"
#include "content/bundle_reader.hpp"
#include "content/image_scale.hpp"
#include "store/store.hpp"
#include "sync/identity.hpp"

#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

namespace kiosk {

namespace {

std::string iso_time(std::int64_t unix_seconds)
{
    std::time_t t = std::time_t(unix_seconds);
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

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
    return store::Store::open(dir + "/kiosk.db", error);
}

} // namespace

std::string database_path(const Options& options)
{
    return state_dir(options.state_dir) + "/kiosk.db";
}

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
    if (bundle) {
        TimeZone zone = kiosk_time_zone(settings.time_zone, &*bundle);
        counts = count_bundle(*bundle, std::chrono::system_clock::now(), zone);
        auto identity = sync::bundle_identity(dir, error);
        if (identity) {
            store::ImportRequest request;
            request.bundle = &*bundle;
            request.identity = identity->hash;
            request.source = options.import_source.empty() ? "import:" + dir : options.import_source;
            request.counts = counts;
            for (const Diagnostic& d : diagnostics.all())
                request.report += d.to_string() + "\n";
            request.source_files = identity->files;
            for (const auto& [path, hash] : identity->files) {
                if (path.rfind("pages/", 0) == 0 && path.size() > 9 && path.compare(path.size() - 3, 3, ".md") == 0)
                    request.page_sources[path] = read_file(dir + "/" + path);
            }
            for (const auto& [path, info] : bundle->images) {
                std::string scale_error;
                if (auto scaled = scale_image(read_file(dir + "/" + path), max_image_side, scale_error))
                    request.image_data[path] = std::move(scaled->bytes);
                else
                    diagnostics.error(path, 0, scale_error + ": the image is left out");
            }
            if (auto store = open_store(options, true, error)) {
                outcome = store->import_bundle(request, error);
                if (auto active = store->active_version())
                    version = active->version;
            }
        }
    }
    bool imported = outcome.has_value();
    if (options.json) {
        std::cout << "{\"imported\": " << (outcome == store::ImportOutcome::Imported ? "true" : "false")
                  << ", \"unchanged\": " << (outcome == store::ImportOutcome::Unchanged ? "true" : "false")
                  << ", \"version\": " << json_string(version) << ", \"importable\": " << (bundle ? "true" : "false")
                  << ", \"error\": " << json_string(error) << ", \"counts\": " << counts_json(counts)
                  << ", \"diagnostics\": " << diagnostics_json(diagnostics) << "}" << std::endl;
    } else {
        for (const Diagnostic& d : diagnostics.all())
            std::cout << d.to_string() << "\n";
        if (!bundle)
            std::cout << dir << ": not imported: fix the errors above; the content that was showing stays\n";
        else if (!error.empty())
            std::cout << dir << ": not imported: " << error << "\n";
        else if (outcome == store::ImportOutcome::Unchanged)
            std::cout << dir << ": this content is already showing (version " << version << "); nothing changed\n";
        else
            std::cout << dir << ": imported as version " << version << " (" << counts.pages << " pages, "
                      << counts.cards << " cards, " << counts.events << " events, " << counts.images << " images)\n";
    }
    return imported ? exit_ok : exit_failure;
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

int run_status(const Options& options)
{
    std::string error;
    auto store = open_store(options, false, error);
    std::optional<store::VersionInfo> active;
    std::string pinned;
    if (store) {
        active = store->active_version();
        pinned = store->pinned_from();
    }
    if (options.json) {
        if (!active) {
            std::cout << "{\"version\": null, \"source\": null, \"imported_at\": null, \"counts\": " << counts_json({})
                      << ", \"pinned_from\": null}" << std::endl;
        } else {
            std::cout << "{\"version\": " << json_string(active->version)
                      << ", \"source\": " << json_string(active->source)
                      << ", \"imported_at\": " << json_string(iso_time(active->imported_at))
                      << ", \"counts\": " << counts_json(active->counts)
                      << ", \"pinned_from\": " << (pinned.empty() ? "null" : json_string(pinned)) << "}" << std::endl;
        }
    } else if (!active) {
        std::cout << "No content yet" << (error.empty() ? "" : ": " + error) << ".\n";
    } else {
        std::cout << "version:     " << active->version << "\nsource:      " << active->source
                  << "\nimported at: " << iso_time(active->imported_at) << "\ncounts:      " << active->counts.pages
                  << " pages, " << active->counts.cards << " cards, " << active->counts.events << " events ("
                  << active->counts.occurrences << " in the next 90 days at import), " << active->counts.images
                  << " images\n";
        if (!pinned.empty())
            std::cout << "pinned:      rolled back from " << pinned << "; stays until a newer version arrives\n";
    }
    return exit_ok;
}

} // namespace kiosk
