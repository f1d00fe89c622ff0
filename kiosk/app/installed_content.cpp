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

#include <chrono>
#include <iostream>

namespace kiosk {

bool import_in_child(const Options& options, const std::string& dir, const std::string& source, std::string& message)
{
    std::vector<std::string> argv = {
        sync::self_executable(), "import", dir, "--json", "--source", source, "--state", state_dir(options.state_dir)};
    if (!options.config_file.empty()) {
        argv.push_back("--config");
        argv.push_back(options.config_file);
    }
    sync::ChildResult result = sync::run_child(argv, sync::import_limits(dir));
    if (!result.ok()) {
        message = "the import of " + dir + " failed: " + result.failure();
        std::string detail = result.out.empty() ? result.err : result.out;
        if (!detail.empty())
            message += ": " + detail.substr(0, 400);
        return false;
    }
    message = "imported " + dir;
    return true;
}

InstalledContent read_bundle_folder(const std::string& dir, Diagnostics& diagnostics)
{
    InstalledContent content;
    auto bundle = read_bundle(dir, diagnostics);
    if (!bundle)
        return content;
    auto images = std::make_shared<ImageBytes>();
    for (const auto& [path, info] : bundle->images) {
        std::string error;
        if (auto scaled = scale_image(
                posix::read_file(dir + "/" + path, max_bundle_file_bytes).value_or(""), max_image_side, error))
            (*images)[path] = std::move(scaled->bytes);
    }
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
        for (Event& event :
            read_ics(calendar.ics, "calendar:" + calendar.url, bundle->info.default_language(), ignored))
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
        content.expires_at = WallTime(std::chrono::seconds(store::packed_version_seconds(version->expires)));
    return content;
}

InstalledContent load_installed_content(const Options& options, const std::string& data_root, StartGuard* guard)
{
    std::string demo = data_root + "/data/demo";
    make_dirs(state_dir(options.state_dir));
    std::string error;
    auto store = store::Store::open(database_path(options), error);
    if (store && !store->active_version()) {
        store.reset(); // The child writes; this process only reads once it is done.
        std::string message;
        import_in_child(options, demo, "demo", message);
        std::cerr << "kiosk: empty store: " << message << "\n";
        store = store::Store::open(database_path(options), error);
    }
    if (store && guard) {
        auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                       .count();
        if (std::string set_aside = guard->before_start(*store, now); !set_aside.empty())
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

} // namespace kiosk
