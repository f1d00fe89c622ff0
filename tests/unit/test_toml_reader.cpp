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

namespace {

// The one message parse_toml gives for `text`, as "file:line: error: message".
std::string syntax_error(const std::string& text)
{
    Diagnostics d;
    CHECK_FALSE(parse_toml(text, "bundle.toml", d));
    REQUIRE(d.all().size() == 1);
    return d.all()[0].to_string();
}

} // namespace

// Each broken file below was given to toml11 to see what it says; the comment has its words, which staff never see.
TEST_CASE("toml syntax errors: a text in quotes that is not closed")
{
    // "the next token is not a valid string"
    CHECK(syntax_error("languages = [\"en\"]\nname = \"Eastside\n")
        == "bundle.toml:2: error: a text in quotes is not closed (add the closing \")");
    // "missing table separator `,`": the quote left open swallowed the comma.
    CHECK(syntax_error("name = { en = \"Eastside, es = \"Centro\" }\n")
        == "bundle.toml:1: error: a text in quotes is not closed (add the closing \")");
    // "value having invalid format appeared in an array", on the line of the open quote.
    CHECK(syntax_error("actions = [\n  \"Call 911\",\n  \"Tell staff\n]\n")
        == "bundle.toml:3: error: a text in quotes is not closed (add the closing \")");
    // "the next token is not a valid literal string"
    CHECK(syntax_error("name = 'Eastside\n")
        == "bundle.toml:1: error: a text in quotes is not closed (add the closing ')");
    // "the next token is not a valid string", with its quotes closed: a \ that TOML does not know.
    CHECK(syntax_error("name = \"a\\qb\"\n")
        == "bundle.toml:1: error: a \\ in a text in quotes must be followed by n (a new line), t, \" or \\: write "
           "\\\\ for a \\ itself");
    // "the next token is not a valid multiline string"
    CHECK(syntax_error("name = \"\"\"Eastside\n")
        == "bundle.toml:1: error: a text in \"\"\" or ''' is not closed (add the closing \"\"\" or ''')");
}

TEST_CASE("toml syntax errors: a line without its name, = sign or value")
{
    std::string says = "each line needs a name, an = sign and a value, such as name = \"Eastside\"";
    CHECK(syntax_error("name \"Eastside\"\n") == "bundle.toml:1: error: " + says); // missing key-value separator `=`
    CHECK(syntax_error("a = 1\nname\n") == "bundle.toml:2: error: " + says);       // missing key-value separator `=`
    CHECK(syntax_error("a = 1\ntime zone = \"x\"\n") == "bundle.toml:2: error: " + says); // invalid format for key
    CHECK(syntax_error("= \"Eastside\"\n") == "bundle.toml:1: error: " + says);           // empty key is not allowed
    CHECK(syntax_error("a = 1\nb = \n") == "bundle.toml:2: error: " + says); // missing value after key-value separator
}

TEST_CASE("toml syntax errors: a name or [section] given twice")
{
    // value ("name") already exists.
    CHECK(syntax_error("name = \"a\"\nlanguages = [\"en\"]\nname = \"b\"\n")
        == "bundle.toml:3: error: name is given twice (first on line 1): keep one of them");
    CHECK(syntax_error("[urgent]\ntitle = \"a\"\npage = \"u\"\ntitle = \"b\"\n")
        == "bundle.toml:4: error: title is given twice (first on line 2): keep one of them");
    CHECK(syntax_error("name = { en = \"a\", en = \"b\" }\n")
        == "bundle.toml:1: error: en is given twice (first on line 1): keep one of them");
    // table ("urgent") already exists.
    CHECK(syntax_error("[urgent]\ntitle = \"a\"\n[urgent]\ntitle = \"b\"\n")
        == "bundle.toml:3: error: [urgent] is given twice (first on line 1): keep one of them");
    // array of tables ("sections") already exists.
    CHECK(syntax_error("[[sections]]\nid = \"a\"\n[sections]\nid = \"b\"\n")
        == "bundle.toml:3: error: sections is given as [[sections]] and as [sections]: write [[sections]] each time");
}

TEST_CASE("toml syntax errors: a [section] heading not closed, or not alone on its line")
{
    // "an invalid key appeared", for each of these.
    CHECK(syntax_error("name = \"x\"\n[urgent\ntitle = \"a\"\n")
        == "bundle.toml:2: error: a [section] heading is not closed with ]");
    CHECK(syntax_error("[[sections]]\nid = \"a\"\n[[sections]\nid = \"b\"\n")
        == "bundle.toml:3: error: a [[section]] heading is not closed with ]]");
    CHECK(syntax_error("[urg ent]\n")
        == "bundle.toml:1: error: the name in a [section] heading may hold only letters, digits, _ and -");
    // "newline required after [table.key]"
    CHECK(syntax_error("[urgent] title = \"a\"\n")
        == "bundle.toml:1: error: a [section] heading must be alone on its line: put what follows it on the next line");
}

TEST_CASE("toml syntax errors: a value that is not a text, number, true/false or list")
{
    std::string says = "this value is not a text in quotes, a number, true/false or a list in [ ]";
    CHECK(syntax_error("name = Eastside\n") == "bundle.toml:1: error: " + says);      // unknown value appeared
    CHECK(syntax_error("name = it's ours\n") == "bundle.toml:1: error: " + says);     // unknown value appeared
    CHECK(syntax_error("languages = [en, es]\n") == "bundle.toml:1: error: " + says); // invalid format in an array
    CHECK(syntax_error("a = 1\nflag = tru\n") == "bundle.toml:2: error: " + says);    // toml::parse_boolean
    CHECK(syntax_error("idle = 12abc\n") == "bundle.toml:1: error: " + says);         // invalid line format
    // Curly quotes, which word processors type, are no quotes to TOML: "unknown value appeared".
    CHECK(syntax_error("name = \xE2\x80\x9C"
                       "Eastside\xE2\x80\x9D\n")
        == "bundle.toml:1: error: the quotes \xE2\x80\x9C \xE2\x80\x9D here are curly, which TOML does not read: type "
           "straight quotes \" instead (turn off smart quotes, or use a plain text editor)");
    // "invalid line format", after a good value.
    CHECK(syntax_error("name = \"a\" \"b\"\n")
        == "bundle.toml:1: error: the line goes on after its value: write one name = value on each line (a note starts "
           "with #)");
}

TEST_CASE("toml syntax errors: lists and { } without their commas or closing brackets")
{
    // "missing array separator `,` after a value"
    CHECK(syntax_error("languages = [\"en\" \"es\"]\n")
        == "bundle.toml:1: error: the values in a list [ ] need a , between them, and a ] at the end");
    CHECK(syntax_error("name = \"x\"\nlanguages = [\"en\"\n[[sections]]\n")
        == "bundle.toml:3: error: the values in a list [ ] need a , between them, and a ] at the end (the list starts "
           "on line 2)");
    // "missing table separator `,`"
    CHECK(syntax_error("name = { en = \"a\" es = \"b\" }\n")
        == "bundle.toml:1: error: the values inside { } need a , between them, and a } at the end");
    // "missing curly brace `}`", and "an invalid key appeared" for one that goes on to the next line.
    CHECK(syntax_error("name = { en = \"a\", es = \"b\"\n")
        == "bundle.toml:1: error: a { that starts a value must be closed with } on the same line");
    CHECK(syntax_error("name = { en = \"a\",\n  es = \"b\" }\n")
        == "bundle.toml:1: error: a { that starts a value must be closed with } on the same line");
    // "trailing comma is not allowed in an inline table"
    CHECK(syntax_error("name = { en = \"a\", }\n")
        == "bundle.toml:1: error: the last value inside { } must not be followed by a , (remove it)");
}

TEST_CASE("toml syntax errors: a message toml11 gives that has no plain words keeps its own, with the line")
{
    // "target (x) is neither table nor an array of tables"
    std::string got = syntax_error("x = 1\nx.y = 2\n");
    CHECK(got.rfind("bundle.toml:2: error: ", 0) == 0);
    CHECK(got.find("neither table nor an array of tables") != std::string::npos);
    CHECK(got.find("toml::") == std::string::npos);
}
