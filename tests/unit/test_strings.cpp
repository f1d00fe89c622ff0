// UI strings: English and Spanish load, dates read naturally in each, gaps fall back to English.
#include "ui/strings.hpp"

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

// The keys the code asks for: word("key"), get("key", ...) and show_banner("key", ...) in the UI and app sources, and
// the date and time words the formatting functions look up by table.
std::set<std::string> keys_used()
{
    std::set<std::string> used
        = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "january", "february", "march",
            "april", "may", "june", "july", "august", "september", "october", "november", "december", "am", "pm"};
    // word("key"), get("key"..., show_banner("key"..., and tables of {"id", "key", ...} (the staff actions).
    std::regex call(R"re((?:(?:word|get|show_banner)\("|\{"[a-z0-9-]+", "(?=staff_))([a-z_]+)")re");
    for (const char* dir : {KIOSK_SOURCE_DIR "/kiosk/ui", KIOSK_SOURCE_DIR "/kiosk/app"}) {
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            std::ifstream in(entry.path());
            std::ostringstream buffer;
            buffer << in.rdbuf();
            std::string text = buffer.str();
            for (auto m = std::sregex_iterator(text.begin(), text.end(), call); m != std::sregex_iterator(); ++m)
                used.insert((*m)[1].str());
        }
    }
    return used;
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
        for (const std::string& key : have) {
            CAPTURE(key);
            CHECK(used.count(key) == 1); // In the file, but nothing asks for it.
        }
    }
}
