// kiosk speak: what a screen would say aloud, as text and as a WAV file, so staff can hear a page before it goes up.
#pragma once

#include "app/cli.hpp"
#include "app/settings.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

// kiosk speak --open PATH [--lang CODE] --out FILE.wav: the screen's utterances (ui/spoken.hpp) on standard output,
// one a line, and spoken into FILE.wav (RIFF, 16-bit PCM, mono, at espeak-ng's sample rate). Reads the content the
// kiosk shows (or --bundle's folder), as the running kiosk does. Exit 0 written, 1 when the content cannot be read,
// speech cannot start or the file cannot be written, 2 for a path or language the content does not have.
int run_speak(const Options& options, const Settings& settings);

// Writes `samples` as a WAV file (mono, 16-bit PCM, `rate` Hz); false when the file cannot be written.
bool write_wav(const std::string& path, const std::vector<std::int16_t>& samples, int rate);

} // namespace kiosk
