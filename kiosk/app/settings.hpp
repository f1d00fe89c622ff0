// The kiosk's settings (/etc/kiosk/kiosk.toml or --config FILE); every key is listed in docs/settings.md.
#pragma once

#include "content/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct Settings {
    int idle_seconds = 60;
    float screen_diagonal_inches = 0.0f; // 0: as the display reports it, else guessed from the resolution.
    int rotation = 0;                    // 0, 90, 180 or 270 degrees.
    std::string time_zone;               // Empty: the bundle's, else the system's.
    std::vector<std::string> trusted_keys;
    std::vector<std::string> usb_roots {"/media", "/run/media", "/mnt"};
    std::string feed_url;
    std::vector<std::string> calendar_urls;
    int poll_minutes = 15;
    std::vector<std::string> screen_on; // Empty: always on.
    std::string display_off_command;
    std::string display_on_command;
    std::string staff_corner = "top-left";
    // Where the kiosk keeps its content, PIN and logs: an absolute folder. Empty: $XDG_STATE_HOME/kiosk, else
    // ~/.local/state/kiosk (the package's kiosk.toml says /var/lib/kiosk). --state wins over it.
    std::string state_dir;
    // Read aloud (docs/visitor-care.md): "button" shows its button on every bar and lets a 3-second hold turn it on;
    // "off" hides both and never starts the speech engine.
    std::string read_aloud = "button";
    int speech_rate = 160;  // Words per minute, 80 to 450 (espeak-ng's range).
    int speech_volume = 80; // 0 (silent) to 100 (espeak-ng's normal loudness); the system mixer sets the rest.
    // True: a USB numeric keypad or four-arrow pad moves a visible focus (arrows or 8/2/4/6), activates (Enter or 5)
    // and says where it is (the help key). False: keyboards are ignored, as on a touch-only kiosk.
    bool keypad = false;
};

// Reads settings from `path`. Unknown keys are warnings; a bad value is an error naming the key and the line, which
// the kiosk refuses to start with (exit status 2). Returns nothing when the file cannot be read at all.
std::optional<Settings> read_settings(const std::string& path, Diagnostics& diagnostics);
Settings parse_settings_text(const std::string& text, const std::string& file_name, Diagnostics& diagnostics);

// True for "Mon-Fri 09:00-17:00", "Sat 10:00-14:00", "Mon,Wed 18:00-22:30".
bool is_valid_screen_hours(const std::string& text);

} // namespace kiosk
