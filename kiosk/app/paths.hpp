// Where the kiosk finds its assets and demo content, and keeps its state.
#pragma once

#include <cstdint>
#include <string>

namespace kiosk {

// The folder holding assets/ and data/: beside the installed binary (../share/kiosk), else the source tree the
// binary was built from. Empty when neither has assets/theme.toml.
std::string find_data_root();

// --state DIR, else $XDG_STATE_HOME/kiosk, else ~/.local/state/kiosk.
std::string state_dir(const std::string& option);

// A command run by root on a state folder that belongs to another user (the kiosk's) runs as that user: what root
// wrote there (the database's journal, a PIN) the kiosk could not read or change. Returns who it now runs as ("kiosk"),
// or "" when nothing changed; `error` says why it could not change.
std::string become_state_owner(const std::string& dir, std::string& error);

// The package's settings file and state folder.
inline constexpr const char* installed_settings_file = "/etc/kiosk/kiosk.toml";
inline constexpr const char* installed_state_dir = "/var/lib/kiosk";

// The settings file: --config FILE, else /etc/kiosk/kiosk.toml when it exists, else none.
std::string settings_file(const std::string& option);

// Creates `path` and its parents (mode 0755); true when it exists afterwards.
bool make_dirs(const std::string& path);

bool is_file(const std::string& path);
bool is_dir(const std::string& path);

} // namespace kiosk
