// kiosk speak: the screen at --open read aloud into a WAV file, its words printed one utterance a line.
#include "app/speak.hpp"

#include "app/content_commands.hpp"
#include "app/installed_content.hpp"
#include "app/paths.hpp"
#include "content/bundle_reader.hpp"
#include "platform/speech.hpp"
#include "ui/spoken.hpp"
#include "ui/strings.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

namespace kiosk {

namespace {

// The pause between two utterances, in seconds: a listener hears where one ends.
constexpr double pause_seconds = 0.4;

void put_le(std::string& out, std::uint32_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out += static_cast<char>((value >> (8 * i)) & 0xFFU);
}

// The content `kiosk` itself would show: --bundle's folder as it is, else the store's active version (an empty store
// imports the demo first). No bundle, said why, when there is none.
std::optional<InstalledContent> content_for(const Options& options, const Settings& settings, const std::string& root)
{
    if (!options.bundle_dir.empty()) {
        Diagnostics diagnostics;
        InstalledContent content = read_bundle_folder(options.bundle_dir, diagnostics);
        for (const Diagnostic& d : diagnostics.all())
            std::cerr << options.bundle_dir << "/" << d.to_string() << "\n";
        if (!content.bundle) {
            std::cerr << "kiosk: the bundle in " << options.bundle_dir << " cannot be read: fix the errors above\n";
            return std::nullopt;
        }
        return content;
    }
    WallTime now = command_clock(options, kiosk_time_zone(settings.time_zone, nullptr)).now();
    InstalledContent content = load_installed_content(options, root, now);
    if (!content.bundle) {
        std::cerr << "kiosk: no content can be read, not even the demo: reinstall the kiosk package\n";
        return std::nullopt;
    }
    return content;
}

// --lang when the content has it, else its default language; nothing (said why) for a language it lacks.
std::optional<std::string> speak_language(const Options& options, const BundleInfo& info)
{
    if (options.language.empty())
        return info.default_language();
    if (std::find(info.languages.begin(), info.languages.end(), options.language) != info.languages.end())
        return options.language;
    std::string known;
    for (const std::string& l : info.languages)
        known += (known.empty() ? "" : ", ") + l;
    std::cerr << "kiosk: --lang: the content has no language '" << options.language << "' (it has " << known << ")\n";
    return std::nullopt;
}

// The utterances spoken one after another, a short pause between them. Nothing, said why, when espeak-ng fails.
std::optional<std::vector<std::int16_t>> synthesize_all(
    const std::vector<std::string>& utterances, const std::string& language)
{
    std::vector<std::int16_t> samples;
    auto pause = static_cast<std::size_t>(pause_seconds * platform::Speech::sample_rate());
    for (const std::string& utterance : utterances) {
        std::string error;
        std::vector<std::int16_t> part = platform::Speech::synthesize(utterance, language, {}, error);
        if (part.empty() && !error.empty()) {
            std::cerr << "kiosk: speech: " << error << "\n";
            return std::nullopt;
        }
        if (!error.empty())
            std::cerr << "kiosk: speech: " << error << "\n"; // A voice missing: English was used.
        samples.insert(samples.end(), part.begin(), part.end());
        samples.insert(samples.end(), pause, 0);
    }
    return samples;
}

} // namespace

bool write_wav(const std::string& path, const std::vector<std::int16_t>& samples, int rate)
{
    auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
    std::string header = "RIFF";
    put_le(header, 36 + data_bytes, 4);
    header += "WAVEfmt ";
    put_le(header, 16, 4);
    put_le(header, 1, 2); // PCM
    put_le(header, 1, 2); // Mono
    put_le(header, static_cast<std::uint32_t>(rate), 4);
    put_le(header, static_cast<std::uint32_t>(rate) * 2, 4); // Bytes a second.
    put_le(header, 2, 2);                                    // Bytes a sample.
    put_le(header, 16, 2);                                   // Bits a sample.
    header += "data";
    put_le(header, data_bytes, 4);
    std::string data;
    data.reserve(data_bytes);
    for (std::int16_t s : samples)
        put_le(data, static_cast<std::uint16_t>(s), 2);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << header << data;
    out.close();
    return bool(out);
}

int run_speak(const Options& options, const Settings& settings)
{
    std::string root = find_data_root();
    if (root.empty()) {
        std::cerr << "kiosk: cannot find the kiosk's assets (assets/strings): reinstall the kiosk package\n";
        return exit_failure;
    }
    auto content = content_for(options, settings, root);
    if (!content)
        return exit_failure;
    auto language = speak_language(options, content->bundle->info);
    if (!language)
        return exit_usage;
    Diagnostics diagnostics;
    ui::Strings strings = ui::Strings::load(root + "/assets/strings", diagnostics);
    TimeZone zone = kiosk_time_zone(settings.time_zone, content->bundle.get());
    WallTime now = command_clock(options, zone).now();
    SnapshotPtr snapshot
        = make_snapshot(content->bundle, content->images, now, zone, content->imported_at, content->expires_at);
    std::string error;
    auto utterances = ui::spoken_text({*snapshot, strings, *language, zone, now}, options.open_path, error);
    if (!utterances) {
        std::cerr << "kiosk: --open " << options.open_path << ": " << error << "\n";
        return exit_usage;
    }
    auto samples = synthesize_all(*utterances, *language);
    if (!samples)
        return exit_failure;
    if (!write_wav(options.out_file, *samples, platform::Speech::sample_rate())) {
        std::cerr << "kiosk: cannot write " << options.out_file << "\n";
        return exit_failure;
    }
    for (const std::string& utterance : *utterances)
        std::cout << utterance << "\n";
    return exit_ok;
}

} // namespace kiosk
