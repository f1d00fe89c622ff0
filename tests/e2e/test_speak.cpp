// kiosk speak (issue 19): the words of a screen on standard output, one utterance a line, and the same spoken into a
// WAV file (RIFF, 16-bit PCM, mono) that is not silent and grows with the text; pocketsphinx, when installed, hears
// a demo page's key words in it. Paths and languages the content lacks are usage mistakes.
#include "support/files.hpp"
#include "support/process.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <doctest/doctest.h>

using namespace kiosk::test;

namespace {

const std::string now = "2026-12-02T10:00";
const std::string nusu_en
    = "A national union of people who use drugs now or used in the past, with local chapters led by "
      "members. It fights for drug users' rights, and anyone who is interested can join its calls "
      "every two weeks.";
const std::string nusu_es = "Un sindicato nacional de personas que usan drogas o que las usaron antes, con grupos "
                            "locales dirigidos por sus miembros. Lucha por los derechos de los usuarios, y cualquier "
                            "persona interesada puede unirse a sus llamadas cada dos semanas.";

struct Wav {
    bool valid = false;
    int rate = 0;
    std::vector<std::int16_t> samples;
};

std::uint32_t le(const std::string& bytes, std::size_t at, int count)
{
    std::uint32_t value = 0;
    for (int i = count - 1; i >= 0; --i)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + std::size_t(i)]);
    return value;
}

// A mono 16-bit PCM WAV file as `kiosk speak` writes it: the 44-byte header, then the samples.
Wav read_wav(const std::string& path)
{
    std::string bytes = read_text(path);
    Wav wav;
    if (bytes.size() < 44 || bytes.compare(0, 4, "RIFF") != 0 || bytes.compare(8, 8, "WAVEfmt ") != 0
        || bytes.compare(36, 4, "data") != 0)
        return wav;
    bool pcm16_mono = le(bytes, 20, 2) == 1 && le(bytes, 22, 2) == 1 && le(bytes, 34, 2) == 16;
    wav.rate = int(le(bytes, 24, 4));
    std::uint32_t data = le(bytes, 40, 4);
    wav.valid = pcm16_mono && le(bytes, 4, 4) == 36 + data && data == bytes.size() - 44
        && le(bytes, 28, 4) == std::uint32_t(wav.rate) * 2;
    for (std::size_t i = 44; i + 1 < bytes.size(); i += 2)
        wav.samples.push_back(static_cast<std::int16_t>(le(bytes, i, 2)));
    return wav;
}

int peak_of(const Wav& wav)
{
    int peak = 0;
    for (std::int16_t s : wav.samples)
        peak = std::max(peak, std::abs(int(s)));
    return peak;
}

RunResult speak(const TempDir& dir, const std::string& path, const std::string& language, const std::string& out)
{
    return run_kiosk({"speak", "--state", dir.file("state"), "--now", now, "--open", path, "--lang", language, "--out",
        dir.file(out)});
}

} // namespace

TEST_CASE("kiosk speak prints a card's QR view as it is said and writes it as a WAV file, in English and Spanish")
{
    TempDir dir;
    // The installed content, as `kiosk` and `status` find it: an empty state folder imports the demo first.
    auto english = speak(dir, "unions/nusu", "en", "nusu-en.wav");
    REQUIRE_MESSAGE(english.status == 0, english.err);
    CHECK(lines_of(english.out)
        == std::vector<std::string> {"National Urban Survivors Union (NUSU)", nusu_en,
            "Scan the code on the screen with your phone camera.", "nurbansurvivorunion.org/national-usu"});
    auto spanish = speak(dir, "unions/nusu", "es", "nusu-es.wav");
    REQUIRE_MESSAGE(spanish.status == 0, spanish.err);
    CHECK(lines_of(spanish.out)
        == std::vector<std::string> {"National Urban Survivors Union (NUSU)", nusu_es,
            "Escanea el código de la pantalla con la cámara de tu teléfono.", "nurbansurvivorunion.org/national-usu"});

    for (const char* name : {"nusu-en.wav", "nusu-es.wav"}) {
        CAPTURE(name);
        Wav wav = read_wav(dir.file(name));
        CHECK(wav.valid);
        CHECK(wav.rate >= 8000);
        CHECK(peak_of(wav) > 3000); // Not silent.
        // Some 50 words: more than 8 seconds, less than a minute.
        CHECK(double(wav.samples.size()) / wav.rate > 8.0);
        CHECK(double(wav.samples.size()) / wav.rate < 60.0);
    }
}

TEST_CASE("kiosk speak: a longer screen gives a longer WAV file, and pocketsphinx hears a page's key words")
{
    TempDir dir;
    auto tile = speak(dir, "home", "en", "home.wav");
    REQUIRE_MESSAGE(tile.status == 0, tile.err);
    auto page = speak(dir, "about", "en", "about.wav");
    REQUIRE_MESSAGE(page.status == 0, page.err);
    CHECK(lines_of(page.out).front() == "What is a drug user union?");
    Wav home = read_wav(dir.file("home.wav")), about = read_wav(dir.file("about.wav"));
    REQUIRE(home.valid);
    REQUIRE(about.valid);
    CHECK(page.out.size() > 3 * tile.out.size());
    CHECK(about.samples.size() > 3 * home.samples.size());

    const std::string model = "/usr/share/pocketsphinx/model/en-us";
    if (shell("command -v pocketsphinx_continuous").empty()
        || shell("test -d " + model + "/en-us && echo yes") != "yes") {
        MESSAGE("pocketsphinx or pocketsphinx-en-us is not installed: not checked");
        return;
    }
    auto urgent = speak(dir, "urgent", "en", "urgent.wav");
    REQUIRE(urgent.status == 0);
    std::string heard = shell("pocketsphinx_continuous -infile " + dir.file("urgent.wav") + " -samprate "
        + std::to_string(read_wav(dir.file("urgent.wav")).rate) + " -nfft 1024 -hmm " + model + "/en-us -lm " + model
        + "/en-us.lm.bin -dict " + model + "/cmudict-en-us.dict -logfn /dev/null 2>/dev/null");
    MESSAGE("pocketsphinx heard: \"", heard, "\"");
    int found = 0;
    for (const char* word :
        {"overdose", "call", "staff", "breathing", "desk", "pupils", "response", "minutes", "nostril", "seconds"})
        found += contains(" " + heard + " ", std::string(" ") + word + " ") ? 1 : 0;
    CHECK(found >= 4);
}

TEST_CASE("kiosk speak: a path or language the content lacks exits 2 naming it, and --out is required")
{
    TempDir dir;
    auto path = speak(dir, "unions/no-such-card", "en", "x.wav");
    CHECK(path.status == 2);
    CHECK(contains(path.err, "unions/no-such-card"));
    auto language = speak(dir, "home", "fr", "x.wav");
    CHECK(language.status == 2);
    CHECK(contains(language.err, "'fr'"));
    auto missing = run_kiosk({"speak", "--state", dir.file("state"), "--open", "home"});
    CHECK(missing.status == 2);
    auto unwritable = speak(dir, "home", "en", "no-such-folder/x.wav");
    CHECK(unwritable.status == 1);
    CHECK(contains(unwritable.err, "cannot write"));
}

TEST_CASE("kiosk speak uses the settings' speech_rate and speech_volume, as the running kiosk does")
{
    // Staff try a slower voice or a quieter one with `kiosk speak` before they restart the kiosk (visitor-care.md).
    TempDir dir;
    auto at = [&](const std::string& name, const std::string& settings) {
        std::string config = dir.write(name + ".toml", settings);
        auto r = run_kiosk({"speak", "--config", config, "--state", dir.file("state"), "--now", now, "--open", "home",
            "--lang", "en", "--out", dir.file(name + ".wav")});
        REQUIRE_MESSAGE(r.status == 0, r.err);
        Wav wav = read_wav(dir.file(name + ".wav"));
        REQUIRE(wav.valid);
        return wav;
    };
    Wav usual = at("usual", "");
    Wav slow = at("slow", "speech_rate = 100\n");
    Wav quiet = at("quiet", "speech_volume = 20\n");
    CHECK(slow.samples.size() > usual.samples.size() * 5 / 4);
    CHECK(peak_of(quiet) < peak_of(usual) / 2);
}
