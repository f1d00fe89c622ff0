// Guarded TOML: hostile text is refused with the file and line before toml11 sees it.
#include "content/toml_reader.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

TEST_CASE("valid TOML parses")
{
    Diagnostics d;
    auto value = parse_toml("name = \"x\"\n[a]\nb = [1, 2]\n", "f.toml", d);
    REQUIRE(value);
    CHECK(d.empty());
    CHECK(toml::find<std::string>(*value, "name") == "x");
}

TEST_CASE("a syntax error names the file and its line")
{
    Diagnostics d;
    CHECK_FALSE(parse_toml("a = 1\nb = \n", "bundle.toml", d));
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].file == "bundle.toml");
    CHECK(d.all()[0].line == 2);
    CHECK(d.has_fatal());
}

TEST_CASE("text that is not UTF-8 is refused with its line")
{
    Diagnostics d;
    CHECK_FALSE(parse_toml("a = 1\nb = \"caf\xE9\"\n", "bundle.toml", d));
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].line == 2);
    CHECK(d.all()[0].message.find("UTF-8") != std::string::npos);
}

TEST_CASE("UTF-8 validation")
{
    CHECK(first_invalid_utf8_line("plain") == 0);
    CHECK(first_invalid_utf8_line("\xC2\xBF"
                                  "Sobredosis? \xE2\x80\x94 \xF0\x9F\x98\x80")
        == 0);
    CHECK(first_invalid_utf8_line("a\nb\n\xC0\x80") == 3);   // Overlong.
    CHECK(first_invalid_utf8_line("\xED\xA0\x80") == 1);     // A surrogate.
    CHECK(first_invalid_utf8_line("ok\n\xE2\x82") == 2);     // Cut short.
    CHECK(first_invalid_utf8_line("\xF4\x90\x80\x80") == 1); // Past U+10FFFF.
}

TEST_CASE("deep nesting is refused before toml11 can overflow its stack")
{
    Diagnostics d;
    std::string deep = "a = " + std::string(10000, '[') + std::string(10000, ']') + "\n";
    CHECK_FALSE(parse_toml(deep, "bundle.toml", d));
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].message.find("nested") != std::string::npos);

    // Brackets inside strings and comments do not count.
    Diagnostics ok;
    std::string quoted = "a = \"" + std::string(100, '[') + "\" # " + std::string(100, '{') + "\nb = '''"
        + std::string(100, '[') + "'''\n";
    CHECK(parse_toml(quoted, "bundle.toml", ok));
    CHECK(ok.empty());
}

TEST_CASE("a file over the size limit is refused and the limit is named")
{
    Diagnostics d;
    std::string big(70 * 1024, '#');
    CHECK_FALSE(parse_toml(big, "bundle.toml", d));
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].message.find("64 KiB") != std::string::npos);
}

TEST_CASE("a NUL byte is refused")
{
    Diagnostics d;
    CHECK_FALSE(parse_toml(std::string("a = 1\n\0", 7), "x.toml", d));
    CHECK(d.has_fatal());
}
