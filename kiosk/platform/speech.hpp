// Read aloud's voice (issue 19): espeak-ng synthesizes on a worker thread of its own, SDL audio plays the samples.
//
// How the UI is meant to use it. The app makes one Speech at start-up, after SDL_Init and only when `read_aloud` is
// not "off", from `speech_rate` and `speech_volume`. When available() is false the kiosk runs on without speech and
// reason() says why (for the log); say() and stop() then do nothing. With Probe::Background the worker looks for the
// sound card off the UI thread, for a while (at boot its permissions can come seconds after the kiosk starts), and
// wakes the UI through `on_finished` when it has it. The audio device is open only while speaking. The UI thread
// calls say() with the open screen's text and the visitor's language, and stop() for the Stop button, a screen change
// and the idle reset. Both only post to the worker and return at once: no frame ever waits on synthesis or audio. The
// frame loop is woken by SDL events only, so the app passes an `on_finished` that wakes it (WakeQueue::wake) and the
// next frame reads speaking() to hide the Stop button. Text from content is hostile: say() bounds it (speakable_text)
// and espeak-ng reads it as plain UTF-8, never as SSML or with embedded commands.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace kiosk::platform {

struct SpeechSettings {
    int rate_wpm = 160; // Words per minute; espeak-ng takes 80 to 450 and the value is clamped to that.
    int volume = 80;    // 0 (silent) to 100 (espeak-ng's normal loudness); clamped.
};

class Speech {
public:
    // The most text one say() speaks, in bytes (cut at a character boundary): some 3,000 words, 20 minutes of speech.
    static constexpr std::size_t max_text_bytes = 20000;
    // The most audio synthesize() returns: 10 minutes (26 MB at 22,050 Hz); past it the rest is cut and `error` says
    // so.
    static constexpr int max_synthesize_seconds = 600;

    // Starts espeak-ng and opens SDL's default audio device (SDL_INIT_AUDIO is initialised here and quit in the
    // destructor). Call on the UI thread after SDL_Init; it takes some tens of milliseconds, once.
    // `on_finished` (optional) is called when speech ends by itself, on the worker or on SDL's audio thread: it must be
    // quick and thread-safe, such as WakeQueue::wake.
    // Whether the sound card is tried before the constructor returns (scripts and tests: the control is known before
    // the first frame), or on the worker, off the frame's path (the running kiosk: the UI is woken when it is known).
    enum class Probe { Now, Background };
    explicit Speech(SpeechSettings settings, std::function<void()> on_finished = {}, Probe probe = Probe::Now);
    ~Speech();
    Speech(const Speech&) = delete;
    Speech& operator=(const Speech&) = delete;

    // False when espeak-ng or the audio device could not start (yet); reason() says why. With Probe::Background it
    // turns true once the worker has opened the card, which it tries every 2 s for 2 minutes (at boot the card's
    // permissions can come seconds after the kiosk starts); gave_up() then says it stopped trying.
    bool available() const { return m_available.load(); }
    bool gave_up() const { return m_gave_up.load(); }
    std::string reason() const;

    // Speaks `text` in `language` ("en", "es", or a voice espeak-ng knows such as "en-gb"; others fall back to
    // English), replacing what is being said: the old speech stops at once. Returns at once.
    void say(std::string text, std::string language);
    // Stops speaking at once. Returns at once.
    void stop();
    // True from say() until the last sample has been handed to the audio device, or until stop().
    bool speaking() const { return m_speaking.load(); }
    // How long the last say() took to reach the audio device: from the call to the first samples handed to it, in
    // microseconds; -1 until one has (the benchmark's "Read aloud to the first sound").
    std::int64_t first_sample_micros() const { return m_first_sample_us.load(); }

    // Synthesizes `text` to memory, mono 16-bit at sample_rate(), without an audio device: for tests and for writing
    // WAV files. Blocks while another synthesis (a Speech's worker included) holds espeak-ng. Returns no samples and
    // sets `error` when espeak-ng cannot start; sets `error` and returns what it has when the voice is missing (English
    // is used) or the audio passes max_synthesize_seconds.
    static std::vector<std::int16_t> synthesize(
        const std::string& text, const std::string& language, SpeechSettings settings, std::string& error);
    // espeak-ng's sample rate in Hz (22,050 with Debian's voices), or 0 when it cannot start (starts it if needed).
    static int sample_rate();
    // `text` as espeak-ng is given it: invalid UTF-8 replaced, control and invisible characters dropped (espeak-ng
    // reads U+0001 as the start of an embedded command), combining marks past four a letter dropped, tabs and carriage
    // returns as spaces, and at most max_text_bytes bytes, cut at a character boundary.
    static std::string speakable_text(std::string_view text);

private:
    struct Request {
        std::string text;
        std::string language;
        std::uint64_t generation = 0;
    };

    void run_worker();
    // Opens SDL's default audio device for espeak-ng's samples, paused; 0 when it cannot.
    std::uint32_t open_device();
    // Opens and closes the device: true, and available() true, when it opens.
    bool probe_device();
    // The worker's first task with Probe::Background: the card, tried until it opens or 2 minutes pass.
    void wait_for_device();
    static constexpr std::chrono::seconds device_retry_every {2};
    static constexpr std::chrono::seconds device_wait_most {120};
    void speak(const Request& request);
    // SDL's audio callback: hands out what the worker synthesized, silence when there is none.
    static void fill_audio(void* self, std::uint8_t* stream, int length);
    void fill(std::int16_t* out, std::size_t count);

    SpeechSettings m_settings;
    std::function<void()> m_on_finished;
    std::atomic<bool> m_available {false};
    std::atomic<bool> m_gave_up {false};
    std::string m_reason;       // Guarded by m_mutex.
    int m_rate = 0;             // espeak-ng's sample rate.
    std::uint32_t m_device = 0; // SDL_AudioDeviceID while speaking; 0 when none is open. The worker's.
    bool m_audio_initialised = false;

    // Bumped by every say() and stop(): a synthesis or samples of an older generation are dropped.
    std::atomic<std::uint64_t> m_generation {0};
    std::atomic<bool> m_speaking {false};
    std::atomic<std::int64_t> m_said_at_us {0}; // When the last say() was called (steady clock).
    std::atomic<std::int64_t> m_first_sample_us {-1};
    bool m_first_given = false; // The last say()'s first samples reached the device (guarded by m_mutex).

    // Guarded by m_mutex, which nobody holds for longer than a copy of samples.
    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // The worker waits on it for a request, or room in the buffer.
    std::optional<Request> m_pending;
    std::vector<std::int16_t> m_buffer; // Synthesized, not yet played; m_read is the next sample to play.
    std::size_t m_read = 0;
    std::uint64_t m_buffer_generation = 0;
    bool m_synthesis_done = false; // The buffer's generation has been synthesized to its end.
    bool m_device_running
        = false; // Open and playing; the worker closes it when nothing is spoken, so idle costs nothing.
    bool m_quit = false;

    std::thread m_worker;
};

} // namespace kiosk::platform
