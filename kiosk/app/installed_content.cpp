// Loading the installed content, with the demo imported into an empty store.
#include "app/installed_content.hpp"

#include "app/content_commands.hpp"
#include "app/paths.hpp"
#include "store/store.hpp"
#include "sync/child_process.hpp"

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
    sync::ChildResult result = sync::run_child(argv);
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

std::shared_ptr<const Bundle> load_installed_content(const Options& options, const std::string& data_root)
{
    std::string demo = data_root + "/data/demo";
    std::string dir = state_dir(options.state_dir);
    make_dirs(dir);
    std::string error;
    auto store = store::Store::open(database_path(options), error);
    if (store && !store->active_version()) {
        store.reset(); // The child writes; this process only reads once it is done.
        std::string message;
        import_in_child(options, demo, "demo", message);
        std::cerr << "kiosk: empty store: " << message << "\n";
        store = store::Store::open(database_path(options), error);
    }
    if (store) {
        if (auto bundle = store->load_active_bundle(error))
            return std::make_shared<const Bundle>(std::move(*bundle));
    }
    std::cerr << "kiosk: the stored content cannot be used (" << error << "): showing the demo content instead\n";
    Diagnostics diagnostics;
    if (auto bundle = read_bundle(demo, diagnostics))
        return std::make_shared<const Bundle>(std::move(*bundle));
    return nullptr;
}

} // namespace kiosk
