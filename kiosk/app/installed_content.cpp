// Loading the installed content, with the demo imported into an empty store.
#include "app/installed_content.hpp"

#include "app/content_commands.hpp"
#include "app/paths.hpp"
#include "content/posix_file.hpp"
#include "store/store.hpp"
#include "store/versions.hpp"
#include "sync/child_process.hpp"
#include "sync/import_child.hpp"

#include "content/image_scale.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>

namespace kiosk {

std::vector<std::string> kiosk_child_argv(const Options& options)
{
    std::vector<std::string> argv = {sync::self_executable(), "--state", state_dir(options.state_dir)};
    if (!options.config_file.empty())
        argv.insert(argv.end(), {"--config", options.config_file});
    return argv;
}

InstalledContent read_bundle_folder(const std::string& dir, Diagnostics& diagnostics)
{
    InstalledContent content;
    auto bundle = read_bundle(dir, diagnostics);
    if (!bundle)
        return content;
    auto images = std::make_shared<ImageBytes>(scale_bundle_images(dir, *bundle, diagnostics));
    content.bundle = std::make_shared<const Bundle>(std::move(*bundle));
    content.images = std::move(images);
    return content;
}

InstalledContent stored_content(store::Store& store, std::string& error)
{
    InstalledContent content;
    auto bundle = store.load_active_bundle(error);
    if (!bundle)
        return content;
    // Calendars fetched by URL join the bundle's events; each was checked by a child before it was stored.
    for (const store::Store::Calendar& calendar : store.calendars()) {
        Diagnostics ignored;
        for (Event& event : read_ics(calendar.ics, "calendar:" + calendar.url, bundle->info.languages, ignored))
            bundle->events.push_back(std::move(event));
    }
    auto images = std::make_shared<ImageBytes>();
    for (const auto& [path, info] : bundle->images) {
        if (auto bytes = store.image_data(path))
            (*images)[path] = std::move(*bytes);
    }
    content.bundle = std::make_shared<const Bundle>(std::move(*bundle));
    content.images = std::move(images);
    if (auto version = store.active_version())
        content.imported_at = WallTime(std::chrono::seconds(version->imported_at));
    if (auto version = store.active_version(); version && !version->expires.empty())
        // At most about the year 2255, which a WallTime (nanoseconds) holds: a MANIFEST may say "expires 9999...".
        content.expires_at = WallTime(std::chrono::seconds(
            std::min<std::int64_t>(store::packed_version_seconds(version->expires), 9'000'000'000)));
    return content;
}

InstalledContent load_installed_content(
    const Options& options, const std::string& data_root, WallTime now, StartGuard* guard)
{
    std::string demo = data_root + "/data/demo";
    make_dirs(state_dir(options.state_dir));
    std::string error;
    auto store = store::Store::open(database_path(options), error);
    if (store && !store->active_version()) {
        sync::ChildImport child
            = sync::import_in_child(kiosk_child_argv(options), demo, "demo", sync::ImportPolicy::Unsigned::Import);
        std::cerr << "kiosk: empty store: the demo content: " << sync::outcome_name(child.report.outcome)
                  << (child.report.reason.empty() ? "" : ": " + child.report.reason.text()) << "\n";
    }
    if (store && guard) {
        auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        if (std::string set_aside = guard->before_start(*store, seconds); !set_aside.empty())
            std::cerr << "kiosk: " << set_aside << "\n";
    }
    if (store) {
        InstalledContent content = stored_content(*store, error);
        if (content.bundle)
            return content;
    }
    std::cerr << "kiosk: the stored content cannot be used (" << error << "): showing the demo content instead\n";
    Diagnostics diagnostics;
    return read_bundle_folder(demo, diagnostics);
}

std::optional<InstalledContent> content_to_show(
    const Options& options, const Settings& settings, const std::string& data_root, StartGuard* guard)
{
    if (!options.bundle_dir.empty()) {
        Diagnostics diagnostics;
        InstalledContent content = read_bundle_folder(options.bundle_dir, diagnostics);
        for (const Diagnostic& d : diagnostics.all())
            std::cerr << options.bundle_dir << "/" << d.to_string() << "\n";
        if (!content.bundle) {
            std::cerr << "kiosk: the bundle in " << options.bundle_dir << " cannot be shown: fix the errors above\n";
            return std::nullopt;
        }
        return content;
    }
    bool counts_as_start = guard && options.command == Command::Run && options.script_file.empty();
    // Before the content (and so its time zone) is known, --now is read in the settings' zone or the system's.
    WallTime now = command_clock(options, kiosk_time_zone(settings.time_zone, nullptr)).now();
    InstalledContent content = load_installed_content(options, data_root, now, counts_as_start ? guard : nullptr);
    if (!content.bundle) {
        std::cerr << "kiosk: no content can be shown, not even the demo: reinstall the kiosk package\n";
        return std::nullopt;
    }
    return content;
}

std::optional<std::string> first_language(const Options& options, const Bundle& bundle)
{
    if (options.language.empty())
        return bundle.info.default_language();
    const auto& languages = bundle.info.languages;
    if (std::find(languages.begin(), languages.end(), options.language) != languages.end())
        return options.language;
    std::string known;
    for (const std::string& l : languages)
        known += (known.empty() ? "" : ", ") + l;
    std::cerr << "kiosk: --lang: the content has no language '" << options.language << "' (it has " << known << ")\n";
    return std::nullopt;
}

} // namespace kiosk
