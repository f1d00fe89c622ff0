// Command-line parsing with CLI11, its own exit codes mapped to ours.
#include "app/cli.hpp"

#include "content/time_zone.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <iostream>
#include <utility>
#include <vector>

namespace kiosk {

std::optional<Size> parse_size(const std::string& text)
{
    auto x = text.find('x');
    if (x == std::string::npos)
        return std::nullopt;
    Size size;
    auto parse = [](std::string_view s, int& out) {
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc() && end == s.data() + s.size() && out >= 200 && out <= 8192;
    };
    std::string_view view(text);
    if (!parse(view.substr(0, x), size.width) || !parse(view.substr(x + 1), size.height))
        return std::nullopt;
    return size;
}

namespace {

using Commands = std::vector<std::pair<CLI::App*, Command>>;

// The options of the running kiosk (and of its screenshots and scripts).
void add_run_options(CLI::App& app, Options& options, std::string& size_text)
{
    app.add_flag("--windowed", options.windowed, "Run in a window instead of fullscreen");
    app.add_option("--size", size_text, "Window or screenshot size in pixels, such as 1280x800")
        ->check([](const std::string& v) {
            return parse_size(v) ? std::string() : "expected WIDTHxHEIGHT such as 1280x800, each 200 to 8192";
        });
    app.add_option("--state", options.state_dir, "Folder for the kiosk's database and caches")->type_name("DIR");
    app.add_option("--config", options.config_file, "Settings file (default /etc/kiosk/kiosk.toml)")->type_name("FILE");
    app.add_option("--now", options.now, "Pretend it is this time, in the kiosk's time zone: 2026-12-01T10:00")
        ->type_name("TIME")
        ->check([](const std::string& v) {
            return parse_local_time(v) ? std::string() : "expected a time such as 2026-12-01T10:00";
        });
    app.add_option("--lang", options.language, "Start in this language, such as es")->type_name("CODE");
    app.add_option("--open", options.open_path, "Start on this screen: home, urgent or a section id")
        ->type_name("PATH");
    app.add_flag("--large-text", options.large_text,
        "Start with larger text, as if a visitor had tapped it (the idle reset turns it off)");
    app.add_flag("--high-contrast", options.high_contrast,
        "Start in high contrast, as if a visitor had tapped it (the idle reset turns it off)");
    app.add_option("--script", options.script_file, "Play taps, drags and shots from FILE in simulated time")
        ->type_name("FILE");
    app.add_option("--bundle", options.bundle_dir, "Show this bundle folder as it is, without importing it")
        ->type_name("DIR");
}

// The commands on content: screenshot, speak, check, import.
void add_content_commands(CLI::App& app, Options& options, Commands& commands)
{
    CLI::App* screenshot = app.add_subcommand("screenshot", "Draw one screen headless and write it as a PNG");
    screenshot->add_option("--out", options.out_file, "The PNG file to write")->required()->type_name("FILE.png");
    CLI::App* speak = app.add_subcommand(
        "speak", "Say the screen at --open aloud into a WAV file, and print its words one utterance a line");
    speak->add_option("--out", options.out_file, "The WAV file to write")->required()->type_name("FILE.wav");

    CLI::App* check
        = app.add_subcommand("check", "Check a bundle folder and list every problem with its file and line");
    check->add_option("DIR", options.check_dir, "The bundle folder")->required()->type_name("DIR");
    check->add_flag("--json", options.json, "Print the result as JSON");
    check->add_flag("--against-installed", options.against_installed,
        "Also say what it would change in the content the kiosk shows (in --state): pages, cards, events, the "
        "urgent page");

    CLI::App* import = app.add_subcommand("import", "Check a bundle folder and make it the content the kiosk shows");
    import->add_option("DIR", options.import_dir, "The bundle folder")->required()->type_name("DIR");
    import->add_option("--source", options.import_source, "Where it came from, as status shows it")->type_name("TEXT");
    import->add_flag("--json", options.json, "Print the result as JSON");
    import->add_flag("--signed-only", options.signed_only,
        "Import only a bundle signed by a trusted key; otherwise report it as pending for staff");
    import
        ->add_option("--waiting-since", options.waiting_since,
            "Unix seconds when the bundle started waiting for staff: refused when a signed version arrived since")
        ->type_name("SECONDS");
    commands.insert(commands.end(),
        {{screenshot, Command::Screenshot}, {speak, Command::Speak}, {check, Command::Check},
            {import, Command::Import}});
}

// Signing: keygen, pack, verify.
void add_signing_commands(CLI::App& app, Options& options, Commands& commands)
{
    CLI::App* keygen = app.add_subcommand("keygen", "Make a key pair for signing bundles: NAME.key and NAME.pub");
    keygen->add_option("--out", options.key_name, "The key files' name, without .key or .pub")
        ->required()
        ->type_name("NAME");
    CLI::App* pack = app.add_subcommand("pack", "Check a bundle folder, then write its MANIFEST and signature");
    pack->add_option("DIR", options.pack_dir, "The bundle folder")->required()->type_name("DIR");
    pack->add_option("--key", options.key_file, "The secret key (from kiosk keygen)")
        ->required()
        ->type_name("NAME.key");
    pack->add_option("--expires-in", options.expires_in_days,
            "Days after which a kiosk still showing this warns staff that the feed has stopped being updated")
        ->check(CLI::Range(1, 3650))
        ->type_name("DAYS");
    CLI::App* verify = app.add_subcommand("verify", "Check that a bundle is intact and signed by a key");
    verify->add_option("DIR", options.pack_dir, "The bundle folder")->required()->type_name("DIR");
    verify->add_option("--pub", options.key_file, "The public key")->required()->type_name("NAME.pub");
    commands.insert(commands.end(), {{keygen, Command::Keygen}, {pack, Command::Pack}, {verify, Command::Verify}});
}

// The installed kiosk's commands: sync, set-pin, rollback, status.
void add_kiosk_commands(CLI::App& app, Options& options, Commands& commands)
{
    CLI::App* sync = app.add_subcommand("sync", "Look for new content on every source (USB sticks) and take it");
    sync->add_flag("--once", options.once, "One pass over every source, then exit")->required();

    CLI::App* set_pin = app.add_subcommand("set-pin",
        "Set the staff PIN: reads it twice from standard input (never from the command line) and stores only a hash");

    CLI::App* rollback = app.add_subcommand("rollback", "Show the previous content version again, and keep it");
    CLI::App* status = app.add_subcommand("status", "Show the content version that is showing");
    status->add_flag("--json", options.json, "Print the result as JSON");
    commands.insert(commands.end(),
        {{sync, Command::Sync}, {set_pin, Command::SetPin}, {rollback, Command::Rollback}, {status, Command::Status}});
}

} // namespace

ParsedCommandLine parse_command_line(int argc, char** argv, const std::string& version_text)
{
    Options options;
    std::string size_text;
    CLI::App app {"Drop-in Kiosk: a touchscreen kiosk for harm-reduction drop-in centers.\n"
                  "With no subcommand it runs fullscreen on the installed content.",
        "kiosk"};
    app.set_version_flag("--version", version_text);
    app.fallthrough();
    app.require_subcommand(0, 1);
    app.get_formatter()->column_width(34);
    Commands commands;
    add_run_options(app, options, size_text);
    add_content_commands(app, options, commands);
    add_signing_commands(app, options, commands);
    add_kiosk_commands(app, options, commands);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            app.exit(e); // --help or --version
            return {std::nullopt, exit_ok};
        }
        std::string message = e.what();
        if (auto nl = message.find('\n'); nl != std::string::npos)
            message = message.substr(0, nl);
        std::cerr << "kiosk: " << message << " (see kiosk --help)\n";
        return {std::nullopt, exit_usage};
    }
    if (!size_text.empty())
        options.size = parse_size(size_text);
    for (const auto& [subcommand, command] : commands) {
        if (*subcommand)
            options.command = command;
    }
    return {options, exit_ok};
}

} // namespace kiosk
