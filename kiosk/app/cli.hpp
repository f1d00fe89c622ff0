// The kiosk command line (docs/cli.md): global options, before or after a subcommand, and exit statuses.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// Exit statuses every command keeps (docs/cli.md): exit_failure when the command ran and found a problem (a failed
// expectation, a bundle with errors), exit_usage for a bad flag, value, setting or script line.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

enum class Command {
    Run,        // No subcommand: the kiosk itself.
    Screenshot, // kiosk screenshot --out FILE.png
    Speak,      // kiosk speak --out FILE.wav [--open PATH] [--lang CODE]
    Check,      // kiosk check DIR [--json]
    Import,     // kiosk import DIR [--json]
    Rollback,   // kiosk rollback
    Status,     // kiosk status [--json]
    Keygen,     // kiosk keygen --out NAME
    Pack,       // kiosk pack DIR --key NAME.key
    Verify,     // kiosk verify DIR --pub NAME.pub
    Sync,       // kiosk sync --once
    SetPin,     // kiosk set-pin (the PIN twice on standard input)
};

struct Size {
    int width = 0;
    int height = 0;
};

struct Options {
    Command command = Command::Run;
    bool windowed = false;
    std::optional<Size> size;
    std::string state_dir;
    std::string config_file;
    std::string now; // As given; parsed in the kiosk's time zone once that is known.
    std::string language;
    std::string open_path = "home";
    bool large_text = false;    // --large-text: start as if a visitor had tapped "Larger text"
    bool high_contrast = false; // --high-contrast: start as if a visitor had tapped "High contrast"
    std::string script_file;
    std::string bundle_dir;         // Show this bundle folder directly instead of the installed content.
    std::string out_file;           // screenshot --out, speak --out
    std::string check_dir;          // check DIR
    std::string import_dir;         // import DIR
    std::string import_source;      // import --source: where the bundle came from, for status ("usb:/media/x")
    bool json = false;              // check, import, status --json
    int expires_in_days = 0;        // pack --expires-in DAYS
    bool against_installed = false; // check --against-installed: what it would change in the content that shows
    bool signed_only = false;       // import --signed-only: import only a bundle signed by a trusted key (sticks, feed)
    long long waiting_since = 0;    // import --waiting-since SECONDS: when the bundle started waiting for staff
    std::string key_name;           // keygen --out NAME
    std::string pack_dir;           // pack DIR, verify DIR
    std::string key_file;           // pack --key NAME.key, verify --pub NAME.pub
    bool once = false;              // sync --once
};

struct ParsedCommandLine {
    std::optional<Options> options; // Nothing: exit with `status` (help, version, or an error already printed).
    int status = exit_ok;
};

// Parses argv. Prints help, the version or a one-line error itself.
ParsedCommandLine parse_command_line(int argc, char** argv, const std::string& version_text);

std::optional<Size> parse_size(const std::string& text);

} // namespace kiosk
