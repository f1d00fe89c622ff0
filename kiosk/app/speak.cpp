// kiosk speak: the screen at --open read aloud into a WAV file, its words printed one utterance a line.
#include "app/speak.hpp"

#include "app/content_commands.hpp"
#include "app/installed_content.hpp"
#include "app/paths.hpp"
#include "content/bundle_reader.hpp"
#include "platform/speech.hpp"
#include "ui/spoken.hpp"
#include "ui/strings.hpp"

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

// The utterances spoken one after another, a short pause between them, at the settings' rate and volume, as the
// running kiosk says them. Nothing, said why, when espeak-ng fails.
std::optional<std::vector<std::int16_t>> synthesize_all(
    const std::vector<std::string>& utterances, const std::string& language, const platform::SpeechSettings& voice)
{
    std::vector<std::int16_t> samples;
    auto pause = static_cast<std::size_t>(pause_seconds * platform::Speech::sample_rate());
    for (const std::string& utterance : utterances) {
        std::string error;
        std::vector<std::int16_t> part = platform::Speech::synthesize(utterance, language, voice, error);
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
    auto content = content_to_show(options, settings, root);
    if (!content)
        return exit_failure;
    auto language = first_language(options, *content->bundle);
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
    auto samples = synthesize_all(*utterances, *language, {settings.speech_rate, settings.speech_volume});
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
