// Settings: defaults, every key read, unknown keys warned, bad values named.
#include "app/settings.hpp"

#include "support/diagnostics.hpp"

#include <doctest/doctest.h>

using namespace kiosk;
using kiosk::test::messages;

TEST_CASE("an empty file gives the documented defaults")
{
    Diagnostics d;
    Settings s = parse_settings_text("", "kiosk.toml", d);
    CHECK(d.empty());
    CHECK(s.idle_seconds == 60);
    CHECK(s.screen_diagonal_inches == 0.0f);
    CHECK(s.rotation == 0);
    CHECK(s.time_zone.empty());
    CHECK(s.trusted_keys.empty());
    CHECK(s.usb_roots == std::vector<std::string> {"/media", "/run/media", "/mnt"});
    CHECK(s.feed_url.empty());
    CHECK(s.calendar_urls.empty());
    CHECK(s.poll_minutes == 15);
    CHECK(s.screen_on.empty());
    CHECK(s.staff_corner == "top-left");
    CHECK(s.read_aloud == "button");
    CHECK(s.speech_rate == 160);
    CHECK(s.speech_volume == 80);
    CHECK_FALSE(s.keypad);
}

TEST_CASE("every key is read")
{
    Diagnostics d;
    Settings s = parse_settings_text(R"(
idle_seconds = 90
screen_diagonal_inches = 7
rotation = 180
time_zone = "Europe/Madrid"
trusted_keys = ["/etc/kiosk/keys/center.pub"]
usb_roots = ["/media/kiosk"]
feed_url = "https://example.org/feed/MANIFEST"
calendar_urls = ["https://example.org/events.ics"]
poll_minutes = 30
screen_on = ["Mon-Fri 09:00-17:00", "Sat 10:00-14:00"]
display_off_command = "vcgencmd display_power 0"
display_on_command = "vcgencmd display_power 1"
staff_corner = "bottom-right"
read_aloud = "off"
speech_rate = 200
speech_volume = 50
keypad = true
)",
        "kiosk.toml", d);
    CHECK_MESSAGE(d.empty(), messages(d));
    CHECK(s.idle_seconds == 90);
    CHECK(s.screen_diagonal_inches == 7.0f);
    CHECK(s.rotation == 180);
    CHECK(s.time_zone == "Europe/Madrid");
    CHECK(s.trusted_keys.size() == 1);
    CHECK(s.usb_roots == std::vector<std::string> {"/media/kiosk"});
    CHECK(s.feed_url == "https://example.org/feed/MANIFEST");
    CHECK(s.calendar_urls.size() == 1);
    CHECK(s.poll_minutes == 30);
    CHECK(s.screen_on.size() == 2);
    CHECK(s.display_off_command == "vcgencmd display_power 0");
    CHECK(s.staff_corner == "bottom-right");
    CHECK(s.read_aloud == "off");
    CHECK(s.speech_rate == 200);
    CHECK(s.speech_volume == 50);
    CHECK(s.keypad);
}

TEST_CASE("an unknown key is a warning")
{
    Diagnostics d;
    parse_settings_text("idle_seconds = 30\nidle_secs = 5\n", "kiosk.toml", d);
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::Warning);
    CHECK(d.all()[0].to_string().find("kiosk.toml:2: warning: unknown setting 'idle_secs'") == 0);
}

TEST_CASE("a bad value is an error that names the key, and the default stays")
{
    Diagnostics d;
    Settings s = parse_settings_text("rotation = 45\nidle_seconds = \"a minute\"\nfeed_url = \"ftp://x\"\n"
                                     "screen_on = [\"Weekdays 9-5\"]\ntime_zone = \"Mars/Olympus\"\n",
        "kiosk.toml", d);
    std::string all = messages(d);
    CHECK(all.find("kiosk.toml:1: error: rotation must be 0, 90, 180 or 270, not 45") != std::string::npos);
    CHECK(all.find("kiosk.toml:2: error: idle_seconds must be a whole number of seconds from 10 to 86400, not \"a "
                   "minute\"")
        != std::string::npos);
    CHECK(all.find("kiosk.toml:3: error: feed_url must be a web address") != std::string::npos);
    CHECK(all.find("kiosk.toml:4: error: screen_on must be") != std::string::npos);
    CHECK(all.find("kiosk.toml:5: error: time_zone must be") != std::string::npos);
    CHECK(s.rotation == 0);
    CHECK(s.idle_seconds == 60);
}

TEST_CASE("a number out of range is quoted, and calendars may be webcal:// addresses as subscribe links give them")
{
    Diagnostics d;
    Settings s = parse_settings_text(
        "idle_seconds = 5\ncalendar_urls = [\"webcal://calendar.example.org/c.ics\", \"https://example.org/b.ics\"]\n",
        "kiosk.toml", d);
    std::string all = messages(d);
    CHECK(all.find("kiosk.toml:1: error: idle_seconds must be a whole number of seconds from 10 to 86400, not 5.")
        != std::string::npos);
    CHECK(all.find("calendar_urls") == std::string::npos);
    CHECK(s.calendar_urls.size() == 2);
    Diagnostics e;
    parse_settings_text("calendar_urls = [\"ftp://example.org/c.ics\"]\n", "kiosk.toml", e);
    CHECK(messages(e).find("https://, http:// or webcal://") != std::string::npos);
}

TEST_CASE("a word from a list names every word allowed, and a true or false given instead is quoted as itself")
{
    Diagnostics d;
    Settings s = parse_settings_text("staff_corner = \"middle\"\n", "kiosk.toml", d);
    CHECK(messages(d).find("kiosk.toml:1: error: staff_corner must be \"top-left\", \"top-right\", \"bottom-left\" or "
                           "\"bottom-right\", not \"middle\".")
        != std::string::npos);
    CHECK(s.staff_corner == "top-left");
    Diagnostics e;
    parse_settings_text("staff_corner = true\n", "kiosk.toml", e);
    CHECK(messages(e).find("kiosk.toml:1: error: staff_corner must be \"top-left\", \"top-right\", \"bottom-left\" or "
                           "\"bottom-right\", not true.")
        != std::string::npos);
}

TEST_CASE("read aloud and the keypad take every value docs/settings.md allows")
{
    auto read = [](const std::string& text) {
        Diagnostics d;
        Settings s = parse_settings_text(text, "kiosk.toml", d);
        CHECK_MESSAGE(d.empty(), (text + messages(d)));
        return s;
    };
    CHECK(read("read_aloud = \"button\"\n").read_aloud == "button");
    CHECK(read("read_aloud = \"off\"\n").read_aloud == "off");
    CHECK(read("speech_rate = 80\n").speech_rate == 80);
    CHECK(read("speech_rate = 450\n").speech_rate == 450);
    CHECK(read("speech_volume = 0\n").speech_volume == 0);
    CHECK(read("speech_volume = 100\n").speech_volume == 100);
    CHECK(read("keypad = true\n").keypad);
    CHECK_FALSE(read("keypad = false\n").keypad);
}

TEST_CASE("a bad read aloud or keypad value names the key, the line and what is allowed, and the default stays")
{
    Diagnostics d;
    Settings s = parse_settings_text(
        "read_aloud = \"on\"\nspeech_rate = 79\nspeech_volume = 101\n# A comment line.\n\nkeypad = \"yes\"\n",
        "kiosk.toml", d);
    std::string all = messages(d);
    CHECK(all.find("kiosk.toml:1: error: read_aloud must be \"button\" or \"off\", not \"on\". The kiosk does not "
                   "start with a wrong setting")
        != std::string::npos);
    CHECK(all.find("kiosk.toml:2: error: speech_rate must be a whole number of words per minute from 80 to 450, not "
                   "79.")
        != std::string::npos);
    CHECK(all.find("kiosk.toml:3: error: speech_volume must be a whole number from 0 to 100, not 101.")
        != std::string::npos);
    CHECK(all.find("kiosk.toml:6: error: keypad must be true or false (without quotes), not \"yes\".")
        != std::string::npos);
    CHECK(d.all().size() == 4);
    CHECK(s.read_aloud == "button");
    CHECK(s.speech_rate == 160);
    CHECK(s.speech_volume == 80);
    CHECK_FALSE(s.keypad);

    // The other ends of the ranges, and a number where true or false is wanted.
    Diagnostics e;
    parse_settings_text("speech_rate = 451\nspeech_volume = -1\nkeypad = 1\n", "kiosk.toml", e);
    all = messages(e);
    CHECK(all.find("kiosk.toml:1: error: speech_rate must be a whole number of words per minute from 80 to 450, not "
                   "451.")
        != std::string::npos);
    CHECK(all.find("kiosk.toml:2: error: speech_volume must be a whole number from 0 to 100, not -1.")
        != std::string::npos);
    CHECK(all.find("kiosk.toml:3: error: keypad must be true or false (without quotes), not 1.") != std::string::npos);
}

TEST_CASE("read_aloud = false is refused with the words allowed, and text or a fraction where a whole number is wanted "
          "is quoted")
{
    Diagnostics d;
    Settings s
        = parse_settings_text("read_aloud = false\nspeech_rate = \"fast\"\nspeech_volume = 50.5\n", "kiosk.toml", d);
    std::string all = messages(d);
    CHECK(all.find("kiosk.toml:1: error: read_aloud must be \"button\" or \"off\", not false.") != std::string::npos);
    CHECK(all.find("kiosk.toml:2: error: speech_rate must be a whole number of words per minute from 80 to 450, not "
                   "\"fast\".")
        != std::string::npos);
    CHECK(all.find("kiosk.toml:3: error: speech_volume must be a whole number from 0 to 100, not 50.5.")
        != std::string::npos);
    CHECK(s.read_aloud == "button");
    CHECK(s.speech_rate == 160);
    CHECK(s.speech_volume == 80);
}

TEST_CASE("screen hours")
{
    CHECK(is_valid_screen_hours("Mon-Fri 09:00-17:00"));
    CHECK(is_valid_screen_hours("Sat 10:00-14:00"));
    CHECK(is_valid_screen_hours("Mon,Wed,Fri-Sun 18:00-24:00"));
    CHECK_FALSE(is_valid_screen_hours("Mon-Fri 9:00-17:00"));
    CHECK_FALSE(is_valid_screen_hours("Monday 09:00-17:00"));
    CHECK_FALSE(is_valid_screen_hours("Mon 25:00-26:00"));
}
