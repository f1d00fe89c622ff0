// bundle.toml: the demo reads cleanly; every mistake is reported with its file, line and what to do.
#include "content/bundle.hpp"
#include "support/temp_dir.hpp"

#include "support/diagnostics.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace kiosk;
using kiosk::test::messages;

namespace {

// A bundle folder with this bundle.toml, pages/about.md and list.csv.
struct TestBundle {
    explicit TestBundle(const std::string& toml)
    {
        std::filesystem::create_directories(dir.path() + "/pages");
        dir.write("bundle.toml", toml);
        dir.write("pages/about.md", "# About\n");
        dir.write("list.csv", "id,title\n");
    }
    std::optional<BundleInfo> read() { return read_bundle_info(dir.path(), diagnostics); }
    test::TempDir dir;
    Diagnostics diagnostics;
};

} // namespace

TEST_CASE("the demo bundle reads without a problem")
{
    Diagnostics d;
    auto info = read_bundle_info(KIOSK_SOURCE_DIR "/data/demo", d);
    REQUIRE(info);
    CHECK_MESSAGE(d.empty(), messages(d));
    CHECK(info->name.in("es", "en") == "Centro Eastside");
    CHECK(info->name.in("en", "en") == "Eastside Drop-in");
    CHECK(info->languages == std::vector<std::string> {"en", "es"});
    CHECK(info->time_zone == "America/New_York");
    REQUIRE(info->urgent);
    CHECK(info->urgent->page == "urgent");
    REQUIRE(info->urgent->actions.size() == 3);
    CHECK(info->urgent->actions[0].in("en", "en") == "Call 911");
    CHECK(info->urgent->actions[0].in("es", "en") == "Llama al 911");
    REQUIRE(info->sections.size() >= 4);
    CHECK(info->find_section("unions")->kind == SectionKind::Cards);
    CHECK(info->find_section("unions")->filter_column == "region");
    CHECK(info->find_section("events")->kind == SectionKind::Agenda);
    CHECK(info->find_section("about")->kind == SectionKind::Page);
}

TEST_CASE("a translation missing for one field falls back to the default language")
{
    TestBundle b(R"(name = { en = "Center", es = "Centro" }
languages = ["en", "es"]
[[sections]]
id = "about"
kind = "page"
page = "about"
title = { en = "About us" }
)");
    auto info = b.read();
    REQUIRE(info);
    CHECK(info->sections[0].title.in("es", info->default_language()) == "About us");
    CHECK(info->name.in("es", info->default_language()) == "Centro");
}

TEST_CASE("fatal mistakes stop the bundle and say where")
{
    SUBCASE("no sections")
    {
        TestBundle b("name = \"x\"\n");
        CHECK_FALSE(b.read());
        CHECK(messages(b.diagnostics).find("bundle.toml: error: the bundle has no sections") != std::string::npos);
    }
    SUBCASE("a page that does not exist")
    {
        TestBundle b("name = \"x\"\n\n[[sections]]\nid = \"faq\"\nkind = \"page\"\npage = \"faq\"\n");
        CHECK_FALSE(b.read());
        CHECK(messages(b.diagnostics)
                  .find("bundle.toml:6: error: section \"faq\" points at pages/faq.md, which is "
                        "missing")
            != std::string::npos);
    }
    SUBCASE("a card list that does not exist")
    {
        TestBundle b("name = \"x\"\n[[sections]]\nid = \"c\"\nkind = \"cards\"\nsource = \"nope.csv\"\n");
        CHECK_FALSE(b.read());
        CHECK(messages(b.diagnostics).find("points at nope.csv, which is missing") != std::string::npos);
    }
    SUBCASE("a path that leaves the bundle")
    {
        TestBundle b("name = \"x\"\n[[sections]]\nid = \"c\"\nkind = \"cards\"\nsource = \"../../etc/passwd.csv\"\n");
        CHECK_FALSE(b.read());
        CHECK(messages(b.diagnostics).find("a CSV file beside bundle.toml") != std::string::npos);
    }
    SUBCASE("a page name with a path in it")
    {
        TestBundle b("name = \"x\"\n[[sections]]\nid = \"p\"\nkind = \"page\"\npage = \"../secret\"\n");
        CHECK_FALSE(b.read());
        CHECK(b.diagnostics.has_fatal());
    }
    SUBCASE("an unknown kind")
    {
        TestBundle b("name = \"x\"\n[[sections]]\nid = \"p\"\nkind = \"video\"\n");
        CHECK_FALSE(b.read());
        CHECK(messages(b.diagnostics)
                  .find("bundle.toml:2: error: section \"p\": kind must be \"page\", \"cards\" or "
                        "\"agenda\", not \"video\"")
            != std::string::npos);
    }
    SUBCASE("duplicate and reserved ids")
    {
        TestBundle b("name = \"x\"\n[[sections]]\nid = \"e\"\nkind = \"agenda\"\n[[sections]]\nid = \"e\"\nkind = "
                     "\"agenda\"\n");
        CHECK_FALSE(b.read());
        CHECK(messages(b.diagnostics).find("ids must be unique") != std::string::npos);
        TestBundle home("name = \"x\"\n[[sections]]\nid = \"home\"\nkind = \"agenda\"\n");
        CHECK_FALSE(home.read());
    }
    SUBCASE("a broken file")
    {
        TestBundle b("name = \"x\n");
        CHECK_FALSE(b.read());
        REQUIRE_FALSE(b.diagnostics.empty());
        CHECK(b.diagnostics.all()[0].line == 1);
    }
}

TEST_CASE("small mistakes are warned and the bundle still works")
{
    TestBundle b(R"(name = "x"
colour = "red"
languages = ["en", "english"]
[[sections]]
id = "events"
kind = "agenda"
colour = "red"
)");
    auto info = b.read();
    REQUIRE(info);
    std::string all = messages(b.diagnostics);
    CHECK(all.find("bundle.toml:2: warning: unknown setting 'colour'") != std::string::npos);
    CHECK(all.find("bundle.toml:3: error: languages: each entry must be a language code") != std::string::npos);
    CHECK(all.find("bundle.toml:7: warning: unknown section setting 'colour'") != std::string::npos);
    CHECK(all.find("has no title") != std::string::npos);
    CHECK(info->sections[0].title.in("en", "en") == "events");
}

// A bundle.toml whose [urgent] has these actions (the text after "actions = "), from line 3.
std::string urgent_with_actions(const std::string& actions)
{
    return "name = \"x\"\nlanguages = [\"en\", \"es\"]\n[urgent]\ntitle = \"Overdose?\"\npage = \"about\"\nactions = "
        + actions + "\n[[sections]]\nid = \"events\"\nkind = \"agenda\"\ntitle = \"Events\"\n";
}

TEST_CASE("urgent actions: up to three texts, each a string or a table of languages")
{
    TestBundle b(urgent_with_actions(R"([
  "Call 911",
  { en = "Naloxone is free at the front desk", es = "La naloxona es gratis en la recepción" },
  { en = "Tell staff now", es = "  " },
])"));
    auto info = b.read();
    REQUIRE(info);
    REQUIRE(info->urgent);
    REQUIRE(info->urgent->actions.size() == 3);
    CHECK(info->urgent->actions[0].in("es", "en") == "Call 911");
    CHECK(info->urgent->actions[1].in("es", "en") == "La naloxona es gratis en la recepción");
    CHECK(info->urgent->actions[1].in("en", "en") == "Naloxone is free at the front desk");
    // A blank translation is left out, so the default language shows in its place.
    CHECK(info->urgent->actions[2].in("es", "en") == "Tell staff now");
    CHECK(messages(b.diagnostics)
        == "bundle.toml:9: warning: urgent.actions: action 3 is empty in \"es\": the default language shows in its "
           "place\n");

    TestBundle none(urgent_with_actions("[]"));
    REQUIRE(none.read());
    CHECK(none.diagnostics.empty());
    TestBundle without("name = \"x\"\n[urgent]\ntitle = \"Help\"\npage = \"about\"\n[[sections]]\nid = \"e\"\nkind = "
                       "\"agenda\"\ntitle = \"Events\"\n");
    auto plain = without.read();
    REQUIRE(plain);
    CHECK(plain->urgent->actions.empty());
    CHECK(without.diagnostics.empty());
}

TEST_CASE("urgent actions: more than three are warned at the line, and the first three kept")
{
    TestBundle b(urgent_with_actions(R"([
  "Call 911",
  "Give naloxone",
  "Breathe for them",
  "Stay with them",
  "Tell staff",
])"));
    auto info = b.read();
    REQUIRE(info);
    REQUIRE(info->urgent->actions.size() == 3);
    CHECK(info->urgent->actions[2].in("en", "en") == "Breathe for them");
    CHECK(messages(b.diagnostics)
        == "bundle.toml:10: warning: urgent.actions has more than 3 actions: only the first 3 are shown\n");
}

TEST_CASE("urgent actions: an empty or non-text entry is an error at its line, and only it is left out")
{
    TestBundle b(urgent_with_actions(R"([
  "Call 911",
  "",
  42,
  {},
  { en = " " },
  "Tell staff now",
])"));
    auto info = b.read();
    REQUIRE(info);
    REQUIRE(info->urgent->actions.size() == 2);
    CHECK(info->urgent->actions[1].in("en", "en") == "Tell staff now");
    std::string all = messages(b.diagnostics);
    CHECK(all.find("bundle.toml:8: error: urgent.actions: action 2 is empty: write what to do") != std::string::npos);
    CHECK(all.find("bundle.toml:9: error: urgent.actions: action 3 must be a text in quotes, or a table such as "
                   "{ en = \"...\", es = \"...\" }, not a whole number: it is left out")
        != std::string::npos);
    CHECK(all.find("bundle.toml:10: error: urgent.actions: action 4 is empty") != std::string::npos);
    CHECK(all.find("bundle.toml:11: error: urgent.actions: action 5 is empty") != std::string::npos);
    CHECK(b.diagnostics.all().size() == 4);

    TestBundle not_a_list(urgent_with_actions("\"Call 911\""));
    auto single = not_a_list.read();
    REQUIRE(single);
    CHECK(single->urgent->actions.empty());
    CHECK(messages(not_a_list.diagnostics).find("bundle.toml:6: error: urgent.actions must be a list") == 0);
}

TEST_CASE("urgent actions are bounded like every text, and a long one is warned about")
{
    std::string zero_width = "\xE2\x80\x8B"; // U+200B ZERO WIDTH SPACE
    TestBundle b(urgent_with_actions("[\n  \"Call" + zero_width + " 911\",\n  \"" + std::string(120, 'a') + "\",\n]"));
    auto info = b.read();
    REQUIRE(info);
    REQUIRE(info->urgent->actions.size() == 2);
    CHECK(info->urgent->actions[0].in("en", "en") == "Call 911");
    std::string all = messages(b.diagnostics);
    CHECK(all.find("bundle.toml:7: warning: urgent.actions: action 1: ") != std::string::npos);
    CHECK(all.find("bundle.toml:8: warning: urgent.actions: action 2 is long (120 characters)") != std::string::npos);
}

TEST_CASE("ids")
{
    CHECK(is_valid_id("about"));
    CHECK(is_valid_id("for-you-2"));
    CHECK_FALSE(is_valid_id(""));
    CHECK_FALSE(is_valid_id("About"));
    CHECK_FALSE(is_valid_id("a/b"));
    CHECK_FALSE(is_valid_id(std::string(65, 'a')));
}
