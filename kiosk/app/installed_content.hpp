// The content a running kiosk shows: the store's active version; an empty store first imports the demo bundle, in a
// child process under limits, as every import of untrusted content runs.
#pragma once

#include "app/cli.hpp"
#include "app/settings.hpp"
#include "app/start_guard.hpp"
#include "content/bundle_reader.hpp"
#include "content/snapshot.hpp"
#include "store/store.hpp"

#include <memory>
#include <optional>
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

// The content the kiosk shows, for the running kiosk and the commands that read it (screenshot, speak): a bundle
// folder previewed as it is (--bundle), else what the store holds (load_installed_content). With `guard`, for a start
// of the running kiosk that counts (not a script's or a screenshot's run), content that keeps crashing it before its
// first frame is set aside first. Nothing, said why on standard error, when no content at all can be shown.
std::optional<InstalledContent> content_to_show(
    const Options& options, const Settings& settings, const std::string& data_root, StartGuard* guard = nullptr);

// The language asked for with --lang, else the bundle's default; nothing (said why) for one the bundle lacks.
std::optional<std::string> first_language(const Options& options, const Bundle& bundle);

// The store's active version with its pictures; no bundle (and `error`) when it cannot be read.
InstalledContent stored_content(store::Store& store, std::string& error);

// A bundle folder shown as it is (--bundle): read, with its images scaled as an import would.
InstalledContent read_bundle_folder(const std::string& dir, Diagnostics& diagnostics);

// The kiosk itself as a child process works on the same state folder and settings: `kiosk --state DIR [--config
// FILE]`, to which a command and its arguments are added.
std::vector<std::string> kiosk_child_argv(const Options& options);

} // namespace kiosk
