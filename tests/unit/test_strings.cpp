// UI strings: English and Spanish load, dates read naturally in each, gaps fall back to English.
#include "app/report_words.hpp"
#include "app/time_text.hpp"
#include "content/reason.hpp"
#include "ui/strings.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace kiosk;
using namespace kiosk::ui;

TEST_CASE("the shipped strings load and format dates in each language")
{
    Diagnostics d;
    Strings s = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    CHECK(d.empty());
    CHECK(s.has_language("en"));
    CHECK(s.has_language("es"));
    LocalTime t {2026, 12, 1, 18, 5, 0, 2};
    CHECK(s.format_date(t, "en") == "Tuesday, December 1");
    CHECK(s.format_date(t, "es") == "martes, 1 de diciembre");
    CHECK(s.format_time(t, "en") == "6:05 PM");
    CHECK(s.format_time(t, "es") == "18:05");
    t.hour = 0;
    CHECK(s.format_time(t, "en") == "12:05 AM");
    CHECK(s.get("back", "es") == "Atrás");
    CHECK(s.get("back", "fr") == "Back");
    CHECK(s.get("no-such-key", "en") == "no-such-key");
}

namespace {

// The keys the code asks for: word("key"), get("key", ...), show_banner("key", ...) and fact("key", ...) in the UI and
// app sources, phrases (Phrase {"key", ...} and Phrase::plural(n, "one", "other", ...)), the staff actions' table
// ({StaffAction::Apply, 1, "apply", "staff_apply", ...}), any "staff_..." literal in the staff files (the question and
// button tables), and the date and time words the formatting functions look up by table.
std::set<std::string> keys_used()
{
    std::set<std::string> used
        = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "january", "february", "march",
            "april", "may", "june", "july", "august", "september", "october", "november", "december", "am", "pm"};
    std::regex call(
        R"re((?:(?:word|get|show_banner|fact)\(\s*"|Phrase \{\s*"|"[a-z0-9-]+",\s*"(?=staff_))([a-z_]+)")re");
    std::regex plural(R"re(plural\(\s*[^,]+,\s*"([a-z_]+)",\s*"([a-z_]+)")re");
    std::regex staff(R"re("(staff_[a-z_]+)")re"); // The staff screen's tables of keys (questions, buttons, reasons).
    for (const char* dir : {KIOSK_SOURCE_DIR "/kiosk/ui", KIOSK_SOURCE_DIR "/kiosk/app"}) {
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            std::ifstream in(entry.path());
            std::ostringstream buffer;
            buffer << in.rdbuf();
            std::string text = buffer.str();
            for (auto m = std::sregex_iterator(text.begin(), text.end(), call); m != std::sregex_iterator(); ++m)
                used.insert((*m)[1].str());
            bool staff_file = entry.path().filename().string().find("staff") != std::string::npos;
            for (auto m = std::sregex_iterator(text.begin(), text.end(), staff);
                 staff_file && m != std::sregex_iterator(); ++m)
                used.insert((*m)[1].str());
            for (auto m = std::sregex_iterator(text.begin(), text.end(), plural); m != std::sregex_iterator(); ++m) {
                used.insert((*m)[1].str());
                used.insert((*m)[2].str());
            }
        }
    }
    for (const auto& [key, english] : reason_templates()) // Said by the staff screen and kiosk-report.txt.
        used.insert("reason_" + std::string(key));
    return used;
}

// The text of every source file under kiosk/.
std::vector<std::pair<std::string, std::string>> kiosk_sources()
{
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(KIOSK_SOURCE_DIR "/kiosk")) {
        if (entry.path().extension() != ".cpp" && entry.path().extension() != ".hpp")
            continue;
        std::ifstream in(entry.path());
        std::ostringstream buffer;
        buffer << in.rdbuf();
        files.emplace_back(entry.path().string(), buffer.str());
    }
    return files;
}

// The {placeholders} in `text`.
std::set<std::string> placeholders(const std::string& text)
{
    std::set<std::string> names;
    std::regex placeholder(R"re(\{([a-z_]+)\})re");
    for (auto m = std::sregex_iterator(text.begin(), text.end(), placeholder); m != std::sregex_iterator(); ++m)
        names.insert((*m)[1].str());
    return names;
}

} // namespace

TEST_CASE("every UI string the code uses is in every language file, and every key in them is used")
{
    Diagnostics d;
    Strings s = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    REQUIRE(d.empty());
    std::set<std::string> used = keys_used();
    REQUIRE(used.size() > 30);
    for (const std::string& language : s.languages()) {
        CAPTURE(language);
        std::vector<std::string> keys = s.keys(language);
        std::set<std::string> have(keys.begin(), keys.end());
        for (const std::string& key : used) {
            CAPTURE(key);
            CHECK(have.count(key) == 1); // Missing from this language's file.
        }
        for (const std::string& other : s.languages()) {
            CAPTURE(other);
            CHECK(have.count("language_" + other) == 1); // The note on untranslated items names every language.
        }
        for (const std::string& key : have) {
            CAPTURE(key);
            bool language_name = key.rfind("language_", 0) == 0 && s.has_language(key.substr(9));
            CHECK((used.count(key) == 1 || language_name)); // In the file, but nothing asks for it.
        }
    }
}

TEST_CASE("every string has the same placeholders in every language")
{
    Diagnostics d;
    Strings s = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    REQUIRE(d.empty());
    std::vector<std::string> keys = s.keys("en");
    REQUIRE(std::count(keys.begin(), keys.end(), "staff_showing_days") == 1);
    for (const std::string& language : s.languages()) {
        CAPTURE(language);
        for (const std::string& key : keys) {
            CAPTURE(key);
            CHECK(placeholders(s.get(key, language)) == placeholders(s.get(key, "en")));
        }
    }
}

TEST_CASE("the content's age says day for one and days for more, in English and Spanish")
{
    Diagnostics d;
    Strings s = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    REQUIRE(d.empty());
    auto age = [&](long long days, const char* language) {
        return s.format(
            Phrase::plural(days, "updated_day_ago", "updated_days_ago", {{"n", std::to_string(days)}}), language);
    };
    CHECK(age(1, "en") == "Updated 1 day ago");
    CHECK(age(8, "en") == "Updated 8 days ago");
    CHECK(age(1, "es")
        == "Actualizado hace 1 d\xC3\xAD"
           "a");
    CHECK(age(8, "es")
        == "Actualizado hace 8 d\xC3\xAD"
           "as");
}

TEST_CASE("a phrase fills its placeholders in one pass, and shows a verbatim text as it is")
{
    Diagnostics d;
    Strings s = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    Phrase showing {
        "staff_showing_days", {{"version", "version local-2"}, {"source", "usb:/media/{days}"}, {"days", "3"}}};
    // The source's own braces stay: an argument is never read as a pattern.
    CHECK(s.format(showing, "en") == "version local-2, from usb:/media/{days}, imported 3 days ago");
    CHECK(s.format(showing, "es") == "version local-2, de usb:/media/{days}, importada hace 3 días");
    CHECK(s.format(Phrase::plural(1, "staff_pin_wrong_try", "staff_pin_wrong_tries", {{"tries", "1"}}), "en")
        == "Wrong PIN. 1 try left.");
    CHECK(s.format(Phrase::plural(1, "staff_pin_wrong_try", "staff_pin_wrong_tries", {{"tries", "1"}}), "es")
        == "PIN incorrecto. Te queda 1 intento.");
    CHECK(s.format(Phrase::verbatim("https://example.org/{x}"), "es") == "https://example.org/{x}");
    CHECK(s.format(Phrases {Phrase {"staff_applied"}, Phrase::verbatim("More.")}, "en")
        == "Applied: the stick's content is showing now. More.");
    CHECK(s.format(Phrase {"staff_fact", {{"label", "A"}}}, "en") == "A: {value}"); // A missing argument shows.
}

TEST_CASE("kiosk-report.txt's English words are the sync layer's own, so a report reads the same either way")
{
    Diagnostics d;
    Strings strings = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    REQUIRE(d.empty());
    sync::ReportWords english = report_words_in(strings, "en", TimeZone::utc(), Clock::system());
    sync::ReportWords built_in;
    CHECK(english.heading == built_in.heading);
    CHECK(english.imported == built_in.imported);
    CHECK(english.unchanged == built_in.unchanged);
    CHECK(english.pending == built_in.pending);
    CHECK(english.refused == built_in.refused);
    CHECK(english.too_deep == built_in.too_deep);
    CHECK(english.others == built_in.others);
    CHECK(english.problems == built_in.problems);
    CHECK(english.no_problems == built_in.no_problems);
    // A language the strings files lack is English.
    CHECK(report_words_in(strings, "fr", TimeZone::utc(), Clock::system()).heading == built_in.heading);
}

TEST_CASE("every reason the code says has an English template equal to en.toml's, and a word in every language")
{
    Diagnostics d;
    Strings strings = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    REQUIRE(d.empty());
    std::set<std::string> known;
    for (const auto& entry : reason_templates()) {
        std::string key(entry.first);
        CAPTURE(key);
        CHECK(known.insert(key).second); // Each key once.
        CHECK(strings.find("reason_" + key, "en") == std::string(entry.second));
        for (const std::string& language : strings.languages())
            CHECK(strings.find("reason_" + key, language).has_value());
    }
    // Reason::said("key" ...) and Reason::said(cond ? "a" : "b" ...) in the sources: every key is in the table.
    std::regex said(R"re(Reason::said\(([^;]*?)[,)])re");
    std::regex literal(R"re("([a-z_]+)")re");
    std::size_t seen = 0;
    for (const auto& source : kiosk_sources()) {
        const std::string& file = source.first;
        const std::string& text = source.second;
        for (auto m = std::sregex_iterator(text.begin(), text.end(), said); m != std::sregex_iterator(); ++m) {
            std::string call = (*m)[1].str();
            for (auto k = std::sregex_iterator(call.begin(), call.end(), literal); k != std::sregex_iterator(); ++k) {
                CAPTURE(file);
                CAPTURE(call);
                CHECK(known.count((*k)[1].str()) == 1);
                ++seen;
            }
        }
    }
    CHECK(seen > 40);
}

TEST_CASE("a reason reads in Spanish part by part, values as they are, and in English where a part has no word")
{
    Diagnostics d;
    Strings strings = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", d);
    REQUIRE(d.empty());
    PeopleTime spanish {&strings, "es"};
    Reason waits = Reason::said("not_signed") + Reason::said("waits_for_staff");
    CHECK(waits.text() == "it is not signed (it has no MANIFEST): it waits for staff to apply it with the PIN");
    CHECK(spanish.reason(waits)
        == "no est\xC3\xA1 firmado (no tiene MANIFEST): espera a que alguien del personal lo aplique con el PIN");
    // A folder's name from a stick that looks like a placeholder is never filled in again.
    Reason older = Reason::said("version_older", {{"version", "{last}"}, {"last", "20261206043414"}});
    CHECK(older.text().rfind("this bundle's version {last} is older than version 20261206043414", 0) == 0);
    CHECK(spanish.reason(older).find("{last}") != std::string::npos);
    // Words with no template (the system's own) stay as they are; so does a key the language lacks.
    CHECK(spanish.reason(Reason::plain("disk I/O error")) == "disk I/O error");
    Reason unknown {{Reason::Part {"no_such_reason", {}, "English words"}}};
    CHECK(spanish.reason(unknown) == "English words");
    CHECK(PeopleTime {}.reason(waits) == waits.text()); // No strings: English.
    CHECK(PeopleTime {&strings, "en"}.reason(waits) == waits.text());
}
