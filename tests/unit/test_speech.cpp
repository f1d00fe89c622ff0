// Read aloud's voice: espeak-ng's samples (length, rate, volume, hostile text), heard back by pocketsphinx when it is
// installed, and a Speech object on SDL's dummy audio driver.
#include "platform/speech.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

#include <SDL.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

using kiosk::platform::Speech;
using kiosk::platform::SpeechSettings;

namespace {

const std::string english = "Scan the code on the screen with your phone camera";
const std::string spanish = "Escanea el código con la cámara de tu teléfono";

double seconds_of(const std::vector<std::int16_t>& samples)
{
    return static_cast<double>(samples.size()) / Speech::sample_rate();
}

int peak_of(const std::vector<std::int16_t>& samples)
{
    int peak = 0;
    for (std::int16_t s : samples) {
        peak = std::max(peak, std::abs(static_cast<int>(s)));
    }
    return peak;
}

std::vector<std::int16_t> spoken(const std::string& text, const std::string& language, SpeechSettings settings = {})
{
    std::string error;
    auto samples = Speech::synthesize(text, language, settings, error);
    CHECK_MESSAGE(error.empty(), error);
    return samples;
}

// `samples` at `from` Hz as `to` Hz, through a windowed-sinc low-pass below the lower Nyquist frequency.
std::vector<std::int16_t> resampled(const std::vector<std::int16_t>& samples, int from, int to)
{
    const double step = static_cast<double>(from) / to;
    const double cutoff = 0.9 * std::min(1.0, 1.0 / step); // In cycles per input sample, times two.
    const int half = 16;                                   // Taps on each side.
    std::vector<std::int16_t> out;
    auto count = static_cast<std::size_t>(static_cast<double>(samples.size()) / step);
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        double centre = static_cast<double>(i) * step;
        auto first = static_cast<long>(std::floor(centre)) - half + 1;
        double sum = 0;
        for (long j = first; j < first + 2 * half; ++j) {
            if (j < 0 || j >= static_cast<long>(samples.size())) {
                continue;
            }
            double x = static_cast<double>(j) - centre;
            double sinc = x == 0 ? 1.0 : std::sin(std::numbers::pi * cutoff * x) / (std::numbers::pi * cutoff * x);
            double window = 0.5 + 0.5 * std::cos(std::numbers::pi * x / half); // Hann.
            sum += samples[static_cast<std::size_t>(j)] * cutoff * sinc * window;
        }
        out.push_back(static_cast<std::int16_t>(std::clamp(std::lround(sum), -32768L, 32767L)));
    }
    return out;
}

void put_le(std::ofstream& out, std::uint32_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i) {
        out.put(static_cast<char>((value >> (8 * i)) & 0xFFU));
    }
}

// A mono 16-bit PCM WAV file.
void write_wav(const std::string& path, const std::vector<std::int16_t>& samples, int rate)
{
    std::ofstream out(path, std::ios::binary);
    auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
    out << "RIFF";
    put_le(out, 36 + data_bytes, 4);
    out << "WAVEfmt ";
    put_le(out, 16, 4);
    put_le(out, 1, 2); // PCM
    put_le(out, 1, 2); // mono
    put_le(out, static_cast<std::uint32_t>(rate), 4);
    put_le(out, static_cast<std::uint32_t>(rate) * 2, 4);
    put_le(out, 2, 2);
    put_le(out, 16, 2);
    out << "data";
    put_le(out, data_bytes, 4);
    for (std::int16_t s : samples) {
        put_le(out, static_cast<std::uint16_t>(s), 2);
    }
}

// Waits up to `limit` for `done`; true when it came.
template <typename Done> bool wait_for(Done done, std::chrono::milliseconds limit)
{
    auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

} // namespace

TEST_CASE("speech: English and Spanish sentences synthesize to a plausible length")
{
    REQUIRE(Speech::sample_rate() > 0);
    auto en = spoken(english, "en");
    auto es = spoken(spanish, "es");
    MESSAGE("sample rate ", Speech::sample_rate(), " Hz; English ", en.size(), " samples (", seconds_of(en),
        " s, peak ", peak_of(en), "); Spanish ", es.size(), " samples (", seconds_of(es), " s, peak ", peak_of(es),
        ")");
    // Ten words at 160 words a minute are about 3.75 s; espeak-ng runs words together and pauses at the end.
    CHECK(seconds_of(en) > 1.5);
    CHECK(seconds_of(en) < 8.0);
    CHECK(seconds_of(es) > 1.5);
    CHECK(seconds_of(es) < 8.0);
    CHECK(peak_of(en) > 1000);
    CHECK(peak_of(es) > 1000);
}

TEST_CASE("speech: a faster rate gives fewer samples, volume 0 gives silence")
{
    auto normal = spoken(english, "en", {.rate_wpm = 160, .volume = 80});
    auto fast = spoken(english, "en", {.rate_wpm = 320, .volume = 80});
    auto slow = spoken(english, "en", {.rate_wpm = 100, .volume = 80});
    auto silent = spoken(english, "en", {.rate_wpm = 160, .volume = 0});
    auto loud = spoken(english, "en", {.rate_wpm = 160, .volume = 100});
    MESSAGE("samples at 100, 160 and 320 wpm: ", slow.size(), ", ", normal.size(), ", ", fast.size(),
        "; peaks at volume 0, 80 and 100: ", peak_of(silent), ", ", peak_of(normal), ", ", peak_of(loud));
    CHECK(fast.size() < normal.size() * 3 / 4);
    CHECK(slow.size() > normal.size());
    CHECK(peak_of(silent) < 50);
    CHECK(peak_of(loud) > peak_of(normal));
    // Out-of-range settings are clamped, not refused.
    CHECK_FALSE(spoken("hello", "en", {.rate_wpm = 5000, .volume = 1000}).empty());
    CHECK_FALSE(spoken("hello", "en", {.rate_wpm = -1, .volume = -5}).empty());
}

TEST_CASE("speech: an unknown language is spoken with English, and a regional one with its base voice")
{
    std::string error;
    auto samples = Speech::synthesize("hello there", "xx", {}, error);
    CHECK_FALSE(samples.empty());
    CHECK(kiosk::test::contains(error, "no espeak-ng voice for \"xx\""));
    error.clear();
    CHECK_FALSE(Speech::synthesize("hola", "es-MX", {}, error).empty());
    CHECK(kiosk::test::contains(error, "spoken with es"));
    error.clear();
    CHECK_FALSE(Speech::synthesize("hello", "../../../etc/passwd", {}, error).empty());
    CHECK(kiosk::test::contains(error, "spoken with en-us"));
    error.clear();
    CHECK_FALSE(Speech::synthesize("hello", "en-GB", {}, error).empty());
    MESSAGE("en-GB: ", error);
    error.clear();
    CHECK_FALSE(Speech::synthesize("hello", "en-US", {}, error).empty());
    CHECK(error.empty());
}

TEST_CASE("speech: text is bounded and cleaned before espeak-ng reads it")
{
    // U+0001 starts an espeak-ng embedded command ("\x01" "450S" would set the rate): it must never get through.
    CHECK(Speech::speakable_text("a\x01"
                                 "450S b\x1B[31m c\x7F d")
        == "a450S b[31m c d");
    CHECK(Speech::speakable_text("one\ttwo\r\nthree") == "one two \nthree");
    CHECK(Speech::speakable_text("caf\xC3") == "caf\xEF\xBF\xBD"); // A cut character becomes U+FFFD.
    CHECK(Speech::speakable_text("zero\xE2\x80\x8Bwidth") == "zerowidth");

    std::string long_text;
    while (long_text.size() < 3 * Speech::max_text_bytes) {
        long_text += "\xC3\xA9"; // é: two bytes, so an odd cut would split one.
        long_text += "t";
    }
    std::string cut = Speech::speakable_text(long_text);
    CHECK(cut.size() <= Speech::max_text_bytes);
    CHECK(cut.size() >= Speech::max_text_bytes - 3);
    CHECK(cut.back() != '\xC3');

    std::string accents = "a";
    for (int i = 0; i < 50'000; ++i) {
        accents += "\xCC\x81"; // U+0301, combining acute: 100 KB.
    }
    CHECK(Speech::speakable_text(accents).size() == 1 + 4 * 2);
}

TEST_CASE("speech: hostile text neither crashes espeak-ng nor hangs it")
{
    std::string accents = "Scan ";
    for (int i = 0; i < 50'000; ++i) {
        accents += "\xCC\x81";
    }
    std::string error;
    auto start = std::chrono::steady_clock::now();
    auto flood = Speech::synthesize(accents, "en", {}, error);
    auto controls = Speech::synthesize("hello\x01"
                                       "450S there\x01"
                                       "0A \x07\x1B]0;x\x07 friend",
        "en", {}, error);
    auto plain = Speech::synthesize("hello 450S there 0A ]0;x friend", "en", {}, error);
    auto markup = Speech::synthesize("<speak><prosody rate=\"x-slow\">hi</prosody><audio src=\"/etc/passwd\"/>"
                                     "<break time=\"3600s\"/></speak> [[h@l'oU]] &amp;",
        "en", {}, error);
    auto invalid
        = Speech::synthesize("hi \xC3\x28 \xA0\xA1 \xF0\x28\x8C\xBC \xFF\xFE\xFD \xED\xA0\x80 there", "es", {}, error);
    std::string word(Speech::max_text_bytes, 'x'); // One word with no break opportunity.
    auto long_word = Speech::synthesize(word.substr(0, 2000), "en", {}, error);
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("accent flood ", seconds_of(flood), " s of audio; control characters ", seconds_of(controls),
        " s (the same text without them ", seconds_of(plain), " s); markup ", seconds_of(markup), " s; invalid UTF-8 ",
        seconds_of(invalid), " s; a 2,000-letter word ", seconds_of(long_word), " s; all synthesized in ", seconds,
        " s");
    CHECK_FALSE(flood.empty());
    // The embedded commands were read as text (so about as long as the same text without the controls), not obeyed.
    CHECK(controls.size() > plain.size() * 9 / 10);
    CHECK(controls.size() < plain.size() * 11 / 10);
    // Markup is text: no hour-long break, no file played.
    CHECK(seconds_of(markup) < 60);
    CHECK_FALSE(invalid.empty());
}

TEST_CASE("speech: pocketsphinx hears the English sentence")
{
    const std::string model = "/usr/share/pocketsphinx/model/en-us";
    if (kiosk::test::shell("command -v pocketsphinx_continuous").empty()
        || kiosk::test::shell("test -d " + model + "/en-us && echo yes") != "yes") {
        MESSAGE("pocketsphinx or pocketsphinx-en-us is not installed: not checked");
        return;
    }
    // At the kiosk's default rate and volume: what a visitor hears.
    auto samples = spoken(english, "en");
    kiosk::test::TempDir dir;
    std::string wav = dir.file("english.wav");
    write_wav(wav, resampled(samples, Speech::sample_rate(), 16000), 16000);
    if (const char* keep = std::getenv("KIOSK_TEST_KEEP_AUDIO")) { // A folder to keep the WAV files in, to listen.
        write_wav(std::string(keep) + "/english-16k.wav", resampled(samples, Speech::sample_rate(), 16000), 16000);
        write_wav(std::string(keep) + "/english.wav", samples, Speech::sample_rate());
        write_wav(std::string(keep) + "/spanish.wav", spoken(spanish, "es"), Speech::sample_rate());
    }
    std::string heard = kiosk::test::shell("pocketsphinx_continuous -infile " + wav + " -hmm " + model + "/en-us -lm "
        + model + "/en-us.lm.bin -dict " + model + "/cmudict-en-us.dict -logfn /dev/null 2>/dev/null");
    MESSAGE("pocketsphinx heard: \"", heard, "\"");
    int found = 0;
    for (const char* word : {"scan", "code", "screen", "phone", "camera"}) {
        found += kiosk::test::contains(" " + heard + " ", std::string(" ") + word + " ") ? 1 : 0;
    }
    CHECK(found >= 2);
}

TEST_CASE("speech: a Speech object on the dummy audio driver says, stops and ends by itself")
{
    kiosk::test::ScopedEnv driver("SDL_AUDIODRIVER", "dummy");
    std::atomic<int> finished {0};
    auto made = std::chrono::steady_clock::now();
    Speech speech({}, [&] { ++finished; });
    auto ms_since = [](auto from) {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - from).count();
    };
    double start_ms = ms_since(made);
    REQUIRE_MESSAGE(speech.available(), speech.reason());
    CHECK_FALSE(speech.speaking());

    // A long text: say() returns before any of it is synthesized, stop() ends it at once.
    std::string long_text;
    for (int i = 0; i < 200; ++i) {
        long_text += "This is sentence number " + std::to_string(i) + " of a long page. ";
    }
    auto said = std::chrono::steady_clock::now();
    speech.say(long_text, "en");
    double say_ms = ms_since(said);
    CHECK(speech.speaking());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(speech.speaking());
    auto stopped = std::chrono::steady_clock::now();
    speech.stop();
    double stop_ms = ms_since(stopped);
    CHECK_FALSE(speech.speaking());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK_FALSE(speech.speaking());
    CHECK(finished == 0); // stop() is not an end by itself.

    // A new say() replaces the old speech; a short text ends by itself, in about its own length.
    speech.say(long_text, "es");
    speech.say("Hello", "en");
    auto short_said = std::chrono::steady_clock::now();
    CHECK(speech.speaking());
    CHECK(wait_for([&] { return !speech.speaking(); }, std::chrono::seconds(10)));
    double short_ms = ms_since(short_said);
    CHECK(wait_for([&] { return finished == 1; }, std::chrono::seconds(1)));
    double hello_ms = 1000.0 * seconds_of(spoken("Hello", "en"));

    // Text with no words ends at once; not available means say() and stop() do nothing.
    speech.say("\x01\x02 \xE2\x80\x8B", "en");
    CHECK(wait_for([&] { return !speech.speaking(); }, std::chrono::seconds(1)));
    MESSAGE("Speech started in ", start_ms, " ms; say() took ", say_ms, " ms and stop() ", stop_ms, " ms; \"Hello\" (",
        hello_ms, " ms of audio) was spoken in ", short_ms, " ms");
    CHECK(short_ms > hello_ms * 0.8); // The dummy driver plays in real time.
}

TEST_CASE("speech: without an audio device the kiosk runs on")
{
    kiosk::test::ScopedEnv driver("SDL_AUDIODRIVER", "no-such-driver");
    Speech speech({});
    CHECK_FALSE(speech.available());
    CHECK_FALSE(speech.reason().empty());
    MESSAGE("reason: ", speech.reason());
    speech.say("hello", "en");
    CHECK_FALSE(speech.speaking());
    speech.stop();
}
