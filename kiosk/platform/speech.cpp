// Read aloud's voice: espeak-ng in synchronous mode on the worker thread, SDL's audio callback playing its samples.
#include "platform/speech.hpp"

#include "content/text_util.hpp"
#include "platform/spoken_numbers.hpp"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace kiosk::platform {

namespace {

// Takes a chunk of samples; returns false to stop the synthesis.
using Sink = std::function<bool(const std::int16_t* samples, std::size_t count)>;

// espeak-ng is one synthesizer per process, with global state: every use goes through this, under its mutex.
struct Engine {
    std::mutex mutex;
    bool tried = false;
    int rate = 0; // Samples a second; 0 when espeak-ng could not start.
    std::string error;
    std::string voice;          // The voice asked for last, loaded now or replaced by voice_note's.
    std::string voice_note;     // Why another voice speaks for `voice`, or empty.
    const Sink* sink = nullptr; // Where the synthesis running now sends its samples.
};

Engine& engine()
{
    static Engine instance;
    return instance;
}

// espeak-ng hands over audio in chunks of this many milliseconds: how often a stop is noticed during synthesis.
constexpr int chunk_ms = 100;
// What the worker synthesizes ahead of what is played: enough to ride out a slow clause, little memory.
constexpr int ahead_seconds = 5;
// espeak-ng's Klatt formant variant for every voice. Measured with pocketsphinx (tests/unit/test_speech.cpp), the
// sentence "Scan the code on the screen with your phone camera" at 130 to 180 words a minute: the default voice gave
// at most 1 of the words scan, code, screen, phone, camera ("cute little dogs really are fully you"), +klatt 3 or 4
// ("that is a job on the screen with your phone camera"), at the same synthesis speed.
constexpr const char* voice_variant = "+klatt";
// Samples per SDL audio callback: 46 ms at 22,050 Hz, so a stop is heard within that.
constexpr std::uint16_t device_samples = 1024;

int on_synth(short* wav, int count, espeak_EVENT* /*events*/)
{
    const Sink* sink = engine().sink; // Called from espeak_Synth, on the thread that holds the engine's mutex.
    if (wav == nullptr || count <= 0 || sink == nullptr) {
        return 0;
    }
    return (*sink)(wav, static_cast<std::size_t>(count)) ? 0 : 1; // 1 stops the synthesis.
}

// Under the engine's mutex: starts espeak-ng the first time; returns its sample rate, or 0.
int start_engine(Engine& e)
{
    if (!e.tried) {
        e.tried = true;
        // Without DONT_EXIT, espeak-ng calls exit() when its data is missing.
        int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, chunk_ms, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (rate <= 0) {
            e.error = "espeak-ng could not start (is the package espeak-ng-data installed?)";
        } else {
            e.rate = rate;
            espeak_SetSynthCallback(on_synth);
        }
    }
    return e.rate;
}

int start_engine(std::string& error)
{
    Engine& e = engine();
    std::lock_guard lock(e.mutex);
    int rate = start_engine(e);
    if (rate == 0) {
        error = e.error;
    }
    return rate;
}

// The espeak-ng voice for a language code from content: American English and Latin American Spanish for "en" and
// "es" (the visitors of a drop-in center in the Americas); other codes as they are, when they look like one.
std::string voice_for(std::string_view language)
{
    std::string code;
    for (char c : language.substr(0, 16)) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) == 0 && c != '-' && c != '_') {
            return "";
        }
        code += c == '_' ? '-' : static_cast<char>(std::tolower(u));
    }
    if (code == "en") {
        return "en-us";
    }
    if (code == "es") {
        return "es-419";
    }
    return code;
}

// Under the engine's mutex: loads the voice for `language`, else its base language's, else English.
void select_voice(Engine& e, std::string_view language, std::string& error)
{
    std::string wanted = voice_for(language);
    if (!wanted.empty() && wanted == e.voice) {
        if (!e.voice_note.empty()) {
            error = e.voice_note;
        }
        return;
    }
    std::vector<std::string> tries;
    if (!wanted.empty()) {
        tries.push_back(wanted);
        if (auto dash = wanted.find('-'); dash != std::string::npos) {
            tries.push_back(wanted.substr(0, dash));
        }
    }
    tries.emplace_back("en-us");
    for (const std::string& name : tries) {
        if (espeak_SetVoiceByName((name + voice_variant).c_str()) == EE_OK
            || espeak_SetVoiceByName(name.c_str()) == EE_OK) {
            e.voice_note.clear();
            if (name != wanted) {
                e.voice_note = "no espeak-ng voice for \"" + shortened(language, 20) + "\": spoken with " + name;
                error = e.voice_note;
            }
            e.voice = wanted;
            return;
        }
    }
    error = "espeak-ng has no voice for \"" + shortened(language, 20) + "\", nor English";
    e.voice.clear();
}

// Synthesizes `text` (speakable already) into `sink`. False when espeak-ng could not start or failed.
bool synthesize_into(
    const std::string& text, std::string_view language, SpeechSettings settings, const Sink& sink, std::string& error)
{
    Engine& e = engine();
    std::lock_guard lock(e.mutex);
    if (start_engine(e) == 0) {
        error = e.error;
        return false;
    }
    select_voice(e, language, error);
    // After the voice: loading one may reset them.
    espeak_SetParameter(espeakRATE, std::clamp(settings.rate_wpm, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
    espeak_SetParameter(espeakVOLUME, std::clamp(settings.volume, 0, 100), 0);
    e.sink = &sink;
    // Plain UTF-8 only: no espeakSSML, no espeakPHONEMES, so content cannot give espeak-ng commands.
    espeak_ERROR result
        = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
    e.sink = nullptr;
    if (result != EE_OK) {
        error = "espeak-ng could not synthesize the text (error " + std::to_string(static_cast<int>(result)) + ")";
        return false;
    }
    return true;
}

} // namespace

namespace {

// The first `limit` bytes of `text` or fewer, not ending in the middle of a UTF-8 character.
std::string_view cut_at_character(std::string_view text, std::size_t limit)
{
    if (text.size() <= limit) {
        return text;
    }
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut; // text[cut] continues a character: cut before that character.
    }
    return text.substr(0, cut);
}

bool is_tab_or_return(char c)
{
    return c == '\t' || c == '\r';
}

} // namespace

std::string Speech::speakable_text(std::string_view text)
{
    // Bound the work first: a few times the cap is more than survives the cleaning below.
    std::size_t first_invalid = 0;
    std::string valid = replace_invalid_utf8(cut_at_character(text, 4 * max_text_bytes), first_invalid);
    std::string bounded = bound_display_text(valid);
    std::replace_if(bounded.begin(), bounded.end(), is_tab_or_return, ' ');
    bounded = spell_dialled_numbers(bounded); // "Call 911" said "nine one one", not "nine hundred eleven".
    bounded.resize(cut_at_character(bounded, max_text_bytes).size());
    return bounded;
}

int Speech::sample_rate()
{
    std::string error;
    return start_engine(error);
}

std::vector<std::int16_t> Speech::synthesize(
    const std::string& text, const std::string& language, SpeechSettings settings, std::string& error)
{
    std::vector<std::int16_t> samples;
    int rate = start_engine(error);
    if (rate == 0) {
        return samples;
    }
    std::size_t most = static_cast<std::size_t>(rate) * max_synthesize_seconds;
    bool cut = false;
    Sink sink = [&](const std::int16_t* chunk, std::size_t count) {
        if (samples.size() + count > most) {
            cut = true;
            return false;
        }
        samples.insert(samples.end(), chunk, chunk + count);
        return true;
    };
    synthesize_into(speakable_text(text), language, settings, sink, error);
    if (cut) {
        error = "speech cut at " + std::to_string(max_synthesize_seconds / 60) + " minutes";
    }
    return samples;
}

namespace {

std::int64_t steady_micros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

Speech::Speech(SpeechSettings settings, std::function<void()> on_finished, Probe probe)
    : m_settings(settings)
    , m_on_finished(std::move(on_finished))
{
    m_rate = start_engine(m_reason);
    if (m_rate == 0) {
        return;
    }
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        m_reason = std::string("no audio: ") + SDL_GetError();
        return;
    }
    m_audio_initialised = true;
    if (probe == Probe::Now) {
        probe_device(); // Scripts and tests: known before the first frame.
        if (!m_available) {
            return;
        }
    }
    m_worker = std::thread([this] { run_worker(); });
}

bool Speech::probe_device()
{
    // Opened to see that it opens, then closed: the device is open only while speaking (SDL keeps a paused device's
    // thread writing silence to the card, some twenty wake-ups a second).
    std::uint32_t device = open_device();
    std::string error = device == 0 ? std::string("no audio device: ") + SDL_GetError() : std::string();
    if (device != 0) {
        SDL_CloseAudioDevice(device); // Not under m_mutex, as everywhere a device is closed.
    }
    std::lock_guard lock(m_mutex);
    m_reason = error;
    if (device == 0) {
        return false;
    }
    m_available = true;
    return true;
}

void Speech::wait_for_device()
{
    // In the background, off the frame's path (opening and closing a card takes tens of milliseconds): at boot the
    // card's permissions may come seconds after the kiosk starts, so it is tried every 2 s for 2 minutes.
    auto started = std::chrono::steady_clock::now();
    while (!probe_device()) {
        std::unique_lock lock(m_mutex);
        if (std::chrono::steady_clock::now() - started >= device_wait_most) {
            m_gave_up = true;
            break;
        }
        if (m_wake.wait_for(lock, device_retry_every, [this] { return m_quit; })) {
            return; // run_worker sees m_quit next, and cleans up.
        }
    }
    if (m_on_finished) {
        m_on_finished(); // The UI looks again: the control shows, or the log says why not.
    }
}

std::string Speech::reason() const
{
    std::lock_guard lock(m_mutex);
    return m_reason;
}

std::uint32_t Speech::open_device()
{
    SDL_AudioSpec want {};
    want.freq = m_rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = device_samples;
    want.callback = fill_audio;
    want.userdata = this;
    SDL_AudioSpec have {};
    return SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0); // SDL converts to what the device plays.
}

Speech::~Speech()
{
    if (m_worker.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
            ++m_generation; // A synthesis running now stops at its next chunk.
        }
        m_wake.notify_all();
        m_worker.join();
    }
    if (m_device != 0) {
        SDL_CloseAudioDevice(m_device);
    }
    if (m_audio_initialised) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
}

void Speech::say(std::string text, std::string language)
{
    if (!m_available) {
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_pending = Request {std::move(text), std::move(language), ++m_generation};
        m_said_at_us = steady_micros();
        m_first_sample_us = -1;
        m_first_given = false;
        m_buffer.clear();
        m_read = 0;
        m_synthesis_done = false;
        m_speaking = true;
    }
    m_wake.notify_all();
}

void Speech::stop()
{
    if (!m_available) {
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        ++m_generation;
        m_pending.reset();
        m_buffer.clear();
        m_read = 0;
        m_speaking = false;
    }
    m_wake.notify_all(); // The worker closes the device.
}

void Speech::run_worker()
{
    if (!m_available) {
        wait_for_device();
    }
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return m_quit || m_pending || (m_device_running && !m_speaking); });
        if (m_quit) {
            // SDL keeps an error message (and its table) for each thread that called it, freed only for threads SDL
            // made: this one's go here (LeakSanitizer found them when no sound card opened).
            lock.unlock();
            SDL_TLSCleanup();
            return;
        }
        if (!m_pending) {
            // Nothing to say: close the device, so that no thread runs for it (a paused device's thread goes on
            // writing silence). Not under m_mutex: SDL holds the device's lock while it calls fill_audio, which takes
            // m_mutex.
            m_device_running = false;
            std::uint32_t device = std::exchange(m_device, 0U);
            lock.unlock();
            if (device != 0) {
                SDL_CloseAudioDevice(device);
            }
            continue;
        }
        Request request = std::move(*m_pending);
        m_pending.reset();
        lock.unlock();
        speak(request);
    }
}

void Speech::speak(const Request& request)
{
    auto current = [&] { return !m_quit && m_generation.load() == request.generation; };
    std::size_t most_ahead = static_cast<std::size_t>(sample_rate()) * ahead_seconds;
    Sink sink = [&](const std::int16_t* chunk, std::size_t count) {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [&] { return !current() || m_buffer.size() - m_read < most_ahead; });
        if (!current()) {
            return false;
        }
        if (m_read > 0 && m_read >= m_buffer.size() / 2) {
            m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(m_read));
            m_read = 0;
        }
        m_buffer.insert(m_buffer.end(), chunk, chunk + count);
        bool start = !m_device_running;
        m_device_running = true;
        lock.unlock();
        if (start) {
            // Opened for this speech, on the worker. A card taken away since start-up: nothing is said, and the
            // speech ends at once (no Stop waiting for samples nobody plays).
            std::uint32_t device = m_device != 0 ? m_device : open_device();
            m_device = device;
            if (device == 0) {
                lock.lock();
                m_device_running = false;
                m_speaking = false;
                ++m_generation;
                lock.unlock();
                if (m_on_finished) {
                    m_on_finished();
                }
                return false;
            }
            SDL_PauseAudioDevice(device, 0);
        }
        return true;
    };
    std::string error; // A missing voice falls back to English; the UI has nowhere to show it.
    synthesize_into(speakable_text(request.text), request.language, m_settings, sink, error);

    bool finished = false;
    {
        std::lock_guard lock(m_mutex);
        if (current()) {
            m_synthesis_done = true;
            if (m_read == m_buffer.size() && m_speaking) {
                m_speaking = false; // Nothing came out (no words), or all of it has been played already.
                finished = true;
            }
        }
    }
    if (finished && m_on_finished) {
        m_on_finished();
    }
}

void Speech::fill_audio(void* self, std::uint8_t* stream, int length)
{
    // SDL asked for AUDIO_S16SYS, mono: `stream` holds length / 2 samples, aligned for them.
    static_cast<Speech*>(self)->fill(reinterpret_cast<std::int16_t*>(stream), static_cast<std::size_t>(length) / 2);
}

void Speech::fill(std::int16_t* out, std::size_t count)
{
    bool finished = false;
    std::size_t given = 0;
    {
        std::lock_guard lock(m_mutex);
        given = std::min(count, m_buffer.size() - m_read);
        std::copy_n(m_buffer.begin() + static_cast<std::ptrdiff_t>(m_read), given, out);
        m_read += given;
        if (given > 0 && m_speaking && !m_first_given) {
            m_first_given = true;
            m_first_sample_us = steady_micros() - m_said_at_us.load();
        }
        if (m_speaking && m_synthesis_done && m_read == m_buffer.size()) {
            m_speaking = false;
            finished = true;
        }
    }
    std::fill(out + given, out + count, std::int16_t {0});
    m_wake.notify_all(); // Room for the worker, or (when finished) a device to close.
    if (finished && m_on_finished) {
        m_on_finished();
    }
}

} // namespace kiosk::platform
