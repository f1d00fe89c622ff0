// The content a running kiosk shows: the store's active version; an empty store first imports the demo bundle, in a
// child process under limits, as every import of untrusted content runs.
#pragma once

#include "app/cli.hpp"
#include "app/start_guard.hpp"
#include "content/bundle_reader.hpp"
#include "content/snapshot.hpp"
#include "store/store.hpp"

#include <memory>
#include <string>

namespace kiosk {

struct InstalledContent {
    std::shared_ptr<const Bundle> bundle;
    std::shared_ptr<const ImageBytes> images;
    WallTime imported_at {}; // The epoch when not known (a folder shown as it is).
    WallTime expires_at {};  // Its MANIFEST's expiry; the epoch for none.
};

// The active content, or the demo bundle read directly when the store cannot be used (a broken disk must not leave
// the screen blank; the reason is logged). No bundle only when even the demo cannot be read.
// With `guard`, a start of the running kiosk: content that keeps crashing it is set aside first (start_guard.hpp).
InstalledContent load_installed_content(
    const Options& options, const std::string& data_root, WallTime now, StartGuard* guard = nullptr);

// The store's active version with its pictures; no bundle (and `error`) when it cannot be read.
InstalledContent stored_content(store::Store& store, std::string& error);

// A bundle folder shown as it is (--bundle): read, with its images scaled as an import would.
InstalledContent read_bundle_folder(const std::string& dir, Diagnostics& diagnostics);

// The kiosk itself as a child process works on the same state folder and settings: `kiosk --state DIR [--config
// FILE]`, to which a command and its arguments are added.
std::vector<std::string> kiosk_child_argv(const Options& options);

} // namespace kiosk
