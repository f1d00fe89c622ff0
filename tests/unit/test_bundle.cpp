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
icon = "star"
)");
    auto info = b.read();
    REQUIRE(info);
    std::string all = messages(b.diagnostics);
    CHECK(all.find("bundle.toml:2: warning: unknown setting 'colour'") != std::string::npos);
    CHECK(all.find("bundle.toml:3: error: languages: each entry must be a language code") != std::string::npos);
    CHECK(all.find("bundle.toml:7: warning: unknown section setting 'icon'") != std::string::npos);
    CHECK(all.find("has no title") != std::string::npos);
    CHECK(info->sections[0].title.in("en", "en") == "events");
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
