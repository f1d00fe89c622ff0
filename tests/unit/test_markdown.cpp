// Tests of the markdown reader: the document model, lines, link and picture checks, and limits on hostile pages.
#include "content/markdown.hpp"
#include "content/toml_reader.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace kiosk;

namespace {

Document parse(std::string_view text, Diagnostics& diagnostics, const MarkdownLimits& limits = {})
{
    return parse_markdown(text, "page.md", diagnostics, limits);
}

// All the words of a block, as the kiosk would draw them.
std::string words(const Block& block)
{
    std::string out;
    for (const Span& span : block.spans)
        out += span.text;
    return out;
}

bool says(const Diagnostic& diagnostic, std::string_view part)
{
    return diagnostic.message.find(part) != std::string::npos;
}

std::string read_file(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("markdown: headings have their level and line")
{
    Diagnostics d;
    Document doc = parse("# One\n\nText\n\n### Three\n\nSetext\n======\n\n####### not a heading\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 5);
    CHECK(doc.blocks[0].kind == BlockKind::Heading);
    CHECK(doc.blocks[0].level == 1);
    CHECK(doc.blocks[0].line == 1);
    CHECK(words(doc.blocks[0]) == "One");
    CHECK(doc.blocks[1].kind == BlockKind::Paragraph);
    CHECK(doc.blocks[1].line == 3);
    CHECK(doc.blocks[2].kind == BlockKind::Heading);
    CHECK(doc.blocks[2].level == 3);
    CHECK(doc.blocks[2].line == 5);
    CHECK(doc.blocks[3].kind == BlockKind::Heading);
    CHECK(doc.blocks[3].level == 1);
    CHECK(doc.blocks[3].line == 7);
    CHECK(doc.blocks[4].kind == BlockKind::Paragraph);
    CHECK(doc.title() == "One");

    Diagnostics none;
    CHECK(parse("Just text\n\n## Second *part*\n", none).title() == "Second part");
    CHECK(parse("No heading here\n", none).title().empty());
}

TEST_CASE("markdown: a paragraph joins its lines with spaces and keeps hard breaks")
{
    Diagnostics d;
    Document doc = parse("first line\nsecond line\n   third\n\nhard  \nbreak\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 2);
    REQUIRE(doc.blocks[0].spans.size() == 1);
    CHECK(doc.blocks[0].spans[0].text == "first line second line third");
    CHECK(doc.blocks[0].line == 1);
    CHECK(words(doc.blocks[1]) == "hard\nbreak");
    CHECK(doc.blocks[1].line == 5);
}

TEST_CASE("markdown: strong and emphasis and code spans")
{
    Diagnostics d;
    Document doc = parse("plain **bold** *it* `x < y` ***both*** __also__\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 1);
    const std::vector<Span>& spans = doc.blocks[0].spans;
    REQUIRE(spans.size() == 10);
    CHECK(spans[0].text == "plain ");
    CHECK_FALSE(spans[0].strong);
    CHECK(spans[1].text == "bold");
    CHECK(spans[1].strong);
    CHECK_FALSE(spans[1].emphasis);
    CHECK(spans[3].text == "it");
    CHECK(spans[3].emphasis);
    CHECK(spans[5].text == "x < y");
    CHECK(spans[5].code);
    CHECK(spans[7].text == "both");
    CHECK(spans[7].strong);
    CHECK(spans[7].emphasis);
    CHECK(spans[9].text == "also");
    CHECK(spans[9].strong);
    for (const Span& span : spans)
        CHECK(span.link == -1);
}

TEST_CASE("markdown: nested lists have levels and ordered numbers")
{
    Diagnostics d;
    Document doc = parse("3. three\n4. four\n   - inner\n     - deeper\n   - inner two\n5. five\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 6);
    for (const Block& block : doc.blocks) {
        CHECK(block.kind == BlockKind::ListItem);
        CHECK_FALSE(block.continuation);
    }
    CHECK(doc.blocks[0].level == 1);
    CHECK(doc.blocks[0].ordered);
    CHECK(doc.blocks[0].number == 3);
    CHECK(words(doc.blocks[0]) == "three");
    CHECK(doc.blocks[1].number == 4);
    CHECK(doc.blocks[1].line == 2);
    CHECK(doc.blocks[2].level == 2);
    CHECK_FALSE(doc.blocks[2].ordered);
    CHECK(doc.blocks[2].line == 3);
    CHECK(doc.blocks[3].level == 3);
    CHECK(words(doc.blocks[3]) == "deeper");
    CHECK(doc.blocks[4].level == 2);
    CHECK(doc.blocks[5].level == 1);
    CHECK(doc.blocks[5].number == 5);
    CHECK(doc.blocks[5].line == 6);
}

TEST_CASE("markdown: tight and loose lists give one item block per paragraph")
{
    Diagnostics d;
    Document tight = parse("- a\n- b\n", d);
    REQUIRE(tight.blocks.size() == 2);
    CHECK(words(tight.blocks[0]) == "a");
    CHECK(words(tight.blocks[1]) == "b");
    CHECK_FALSE(tight.blocks[1].continuation);

    Document loose = parse("1. a\n\n   more about a\n\n2. b\n", d);
    CHECK(d.empty());
    REQUIRE(loose.blocks.size() == 3);
    CHECK(words(loose.blocks[0]) == "a");
    CHECK(loose.blocks[0].number == 1);
    CHECK_FALSE(loose.blocks[0].continuation);
    CHECK(words(loose.blocks[1]) == "more about a");
    CHECK(loose.blocks[1].kind == BlockKind::ListItem);
    CHECK(loose.blocks[1].continuation);
    CHECK(loose.blocks[1].line == 3);
    CHECK(words(loose.blocks[2]) == "b");
    CHECK(loose.blocks[2].number == 2);
    CHECK_FALSE(loose.blocks[2].continuation);
}

TEST_CASE("markdown: a block quote's paragraphs become quotes")
{
    Diagnostics d;
    Document doc = parse("> one\n> two\n>\n> three\n\nafter\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].kind == BlockKind::Quote);
    CHECK(words(doc.blocks[0]) == "one two");
    CHECK(doc.blocks[0].line == 1);
    CHECK(doc.blocks[1].kind == BlockKind::Quote);
    CHECK(doc.blocks[1].line == 4);
    CHECK(doc.blocks[2].kind == BlockKind::Paragraph);
    CHECK(doc.blocks[2].line == 6);
}

TEST_CASE("markdown: a thematic break is a rule on its line")
{
    Diagnostics d;
    Document doc = parse("a\n\n---\n\nTitle\n-----\n\n***\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 4);
    CHECK(doc.blocks[1].kind == BlockKind::Rule);
    CHECK(doc.blocks[1].line == 3);
    CHECK(doc.blocks[2].kind == BlockKind::Heading); // A setext heading's underline is not a rule.
    CHECK(doc.blocks[3].kind == BlockKind::Rule);
    CHECK(doc.blocks[3].line == 8);
}

TEST_CASE("markdown: a code block is a paragraph of code")
{
    Diagnostics d;
    Document doc = parse("Run:\n\n```\nint a;\n  indented\n```\n\n    four spaces\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[1].kind == BlockKind::Paragraph);
    REQUIRE(doc.blocks[1].spans.size() == 1);
    CHECK(doc.blocks[1].spans[0].code);
    CHECK(doc.blocks[1].spans[0].text == "int a;\n  indented");
    CHECK(doc.blocks[1].line == 4);
    CHECK(words(doc.blocks[2]) == "four spaces");
    CHECK(doc.blocks[2].line == 8);
}

TEST_CASE("markdown: web links are kept with their words and line")
{
    Diagnostics d;
    Document doc = parse("Intro\n\n[Our *site*](https://example.org/x) and [mail us](mailto:a@example.org)\n"
                         "and [call](tel:+15551234) or [old](http://example.org)\n",
        d);
    CHECK(d.empty());
    REQUIRE(doc.links.size() == 4);
    CHECK(doc.links[0].url == "https://example.org/x");
    CHECK(doc.links[0].text == "Our site");
    CHECK(doc.links[0].line == 3);
    CHECK(doc.links[1].url == "mailto:a@example.org");
    CHECK(doc.links[1].text == "mail us");
    CHECK(doc.links[2].url == "tel:+15551234");
    CHECK(doc.links[2].line == 4);
    CHECK(doc.links[3].url == "http://example.org");
    REQUIRE(doc.blocks.size() == 2);
    const std::vector<Span>& spans = doc.blocks[1].spans;
    REQUIRE(spans.size() >= 3);
    CHECK(spans[0].text == "Our ");
    CHECK(spans[0].link == 0);
    CHECK(spans[1].text == "site");
    CHECK(spans[1].emphasis);
    CHECK(spans[1].link == 0);
    CHECK(spans[2].link == -1);
}

TEST_CASE("markdown: other links are warned about and shown as plain text")
{
    Diagnostics d;
    Document doc
        = parse("ok\n\n[about us](about.md)\n\n[x](javascript:alert(1)) [y](https://) [z](file:///etc/passwd)\n", d);
    CHECK(doc.links.empty());
    REQUIRE(d.all().size() == 4);
    CHECK(d.all()[0].severity == Severity::Warning);
    CHECK(d.all()[0].line == 3);
    CHECK(d.all()[0].file == "page.md");
    CHECK(says(d.all()[0], "link \"about.md\" is not a web address (https://...): it is shown as plain text"));
    CHECK(d.all()[1].line == 5);
    CHECK(says(d.all()[1], "\"javascript:alert(1)\""));
    CHECK(says(d.all()[2], "\"https://\""));
    CHECK(says(d.all()[3], "\"file:///etc/passwd\""));
    REQUIRE(doc.blocks.size() == 3);
    CHECK(words(doc.blocks[1]) == "about us");
    for (const Span& span : doc.blocks[1].spans)
        CHECK(span.link == -1);

    Diagnostics long_link;
    Document long_doc = parse("[long](https://example.org/" + std::string(3000, 'a') + ")\n", long_link);
    CHECK(long_doc.links.empty());
    REQUIRE(long_link.all().size() == 1);
    CHECK(says(long_link.all()[0], "longer than 2000"));
    CHECK(long_link.all()[0].message.size() < 300); // The address is shortened in the message.
}

TEST_CASE("markdown: autolinks and bare web addresses become links")
{
    Diagnostics d;
    Document doc = parse("See <https://example.org/a?b=1&c=2>.\n\nOr visit https://example.net today.\n", d);
    CHECK(d.empty());
    REQUIRE(doc.links.size() == 2);
    CHECK(doc.links[0].url == "https://example.org/a?b=1&c=2");
    CHECK(doc.links[0].text == "https://example.org/a?b=1&c=2");
    CHECK(doc.links[0].line == 1);
    CHECK(doc.links[1].url == "https://example.net");
    CHECK(doc.links[1].line == 3);

    Diagnostics empty_words;
    Document bare = parse("[](https://example.org)\n", empty_words);
    REQUIRE(bare.blocks.size() == 1);
    CHECK(words(bare.blocks[0]) == "https://example.org"); // A link without words shows its address.
    CHECK(bare.blocks[0].spans[0].link == 0);
}

TEST_CASE("markdown: entities are decoded")
{
    Diagnostics d;
    Document doc = parse("&amp; &eacute; &#233; &#x1F600; &nbsp;x &bogus; &lt;b&gt; &#0; &#xD800; &#x110000;\n", d);
    REQUIRE(doc.blocks.size() == 1);
    CHECK(words(doc.blocks[0])
        == "& \xC3\xA9 \xC3\xA9 \xF0\x9F\x98\x80 \xC2\xA0x &bogus; <b> \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD");
    REQUIRE(d.all().size() == 1); // The emoji, which the kiosk's fonts cannot draw.
    CHECK(d.all()[0].severity == Severity::Warning);
}

TEST_CASE("markdown: a picture in images/ becomes an image block between its text")
{
    Diagnostics d;
    Document doc = parse("Intro\n\nBefore ![A *map*](images/map.png) after\n\n![](images/Photo.JPEG)\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 5);
    CHECK(words(doc.blocks[1]) == "Before");
    CHECK(doc.blocks[2].kind == BlockKind::Image);
    CHECK(doc.blocks[2].image == "images/map.png");
    CHECK(doc.blocks[2].alt == "A map");
    CHECK(doc.blocks[2].line == 3);
    CHECK(doc.blocks[3].kind == BlockKind::Paragraph);
    CHECK(words(doc.blocks[3]) == "after");
    CHECK(doc.blocks[3].line == 3);
    CHECK(doc.blocks[4].kind == BlockKind::Image);
    CHECK(doc.blocks[4].image == "images/Photo.JPEG");
    CHECK(doc.blocks[4].alt.empty());
    CHECK(doc.blocks[4].line == 5);
}

TEST_CASE("markdown: pictures outside images/ are refused with their line")
{
    Diagnostics d;
    Document doc = parse("x\n\n![up](../x.png)\n\n![remote](http://example.org/a.png)\n\n![gif](images/a.gif)\n", d);
    REQUIRE(d.all().size() == 3);
    CHECK(d.all()[0].severity == Severity::Error);
    CHECK(d.all()[0].line == 3);
    CHECK(says(d.all()[0], "image \"../x.png\" must be a file in images/, such as images/map.png"));
    CHECK(d.all()[1].line == 5);
    CHECK(says(d.all()[1], "image \"http://example.org/a.png\" must be a file in images/"));
    CHECK(d.all()[2].line == 7);
    CHECK(says(d.all()[2], "image \"images/a.gif\" must be a file in images/"));
    CHECK(says(d.all()[2], "PNG"));
    // The pictures are dropped; their descriptions stay as text.
    REQUIRE(doc.blocks.size() == 4);
    for (const Block& block : doc.blocks)
        CHECK(block.kind == BlockKind::Paragraph);
    CHECK(words(doc.blocks[1]) == "up");
    CHECK(words(doc.blocks[3]) == "gif");

    for (std::string_view bad : {"images/../a.png", "images/.hidden.png", "images/sub/a.png", "images\\a.png",
             "/images/a.png", "./images/a.png", "images/", "images/a..png", "IMAGES/a.png", "file:///a.png",
             "data:image/png;base64,AAAA", "//example.org/a.png"}) {
        CAPTURE(bad);
        Diagnostics refused;
        Document one = parse("![a](<" + std::string(bad) + ">)\n", refused);
        CHECK(refused.has_errors());
        for (const Block& block : one.blocks)
            CHECK(block.kind != BlockKind::Image);
    }
}

TEST_CASE("markdown: a picture or link whose address has a space is warned about with what to write")
{
    Diagnostics d;
    Document doc
        = parse("# Room\n\n![Our room](images/Room photo.png)\n\nSee [the *big* flyer](https://example.org/big "
                "flyer.pdf \"Flyer\") and ![a (new) map](images/map (2).png).\n",
            d);
    REQUIRE(d.all().size() == 3);
    CHECK(d.all()[0].severity == Severity::Warning);
    CHECK(d.all()[0].line == 3);
    CHECK(d.all()[0].message
        == "the picture \"images/Room photo.png\" is shown as plain text, as its name has a space: write "
           "images/Room%20photo.png, or rename the file without spaces");
    CHECK(d.all()[1].line == 5);
    CHECK(d.all()[1].message
        == "the link \"https://example.org/big flyer.pdf\" is shown as plain text, as its address has a space: write "
           "https://example.org/big%20flyer.pdf");
    CHECK(d.all()[2].line == 5);
    CHECK(says(d.all()[2], "write images/map%20(2).png, or rename"));
    for (const Block& block : doc.blocks)
        CHECK(block.kind != BlockKind::Image);

    // Written with %20 it is a picture of the file with the space; in <...> Markdown takes the space as it is.
    Diagnostics good;
    doc = parse("![Our room](images/Room%20photo.png)\n\n![Our room](<images/Room photo.png>)\n", good);
    CHECK(good.empty());
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].image == "images/Room photo.png");
    CHECK(doc.blocks[1].image == "images/Room photo.png");

    // Code shows Markdown as it is written, and an address without a space is no concern of this warning.
    Diagnostics code;
    parse("    ![a](images/a b.png)\n\n```\n[a](x y)\n```\n\nText (with [brackets] and (a b)).\n", code);
    CHECK(code.empty());

    // A line of nothing but such links, or of brackets that never close, is read in one pass (a search back for each
    // '[' made this quadratic): the first 50 are listed and the rest counted.
    for (std::string_view unit : {"[a](b c)", "[[[[](((("}) {
        std::string line;
        while (line.size() + unit.size() < 250 * 1024)
            line += unit;
        Diagnostics hostile;
        parse(line + "\n", hostile);
        CHECK(hostile.all().size() <= 51);
    }
}

TEST_CASE("markdown: emoji are warned about once with the first line")
{
    Diagnostics d;
    Document doc = parse("plain\n\n- hi \xF0\x9F\x98\x80\n\nagain \xF0\x9F\x8E\x89\n", d);
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::Warning);
    CHECK(d.all()[0].line == 3);
    CHECK(says(d.all()[0],
        "characters such as \"\xF0\x9F\x98\x80\" cannot be shown by the kiosk's fonts (emoji and symbols outside the "
        "basic set)"));
    CHECK(doc.blocks.size() == 3); // The text stays.
}

TEST_CASE("markdown: right-to-left text is warned about")
{
    Diagnostics d;
    parse("Hello\n\n\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 friends\n\n\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\n", d);
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].line == 3);
    CHECK(says(d.all()[0], "right-to-left text such as \"\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7\" is not supported"));

    auto hebrew = find_unsupported_text("ab \xD7\xA9\xD7\x9C", UnsupportedKind::RightToLeft);
    REQUIRE(hebrew);
    CHECK(hebrew->offset == 3);
    CHECK(hebrew->sample == "\xD7\xA9\xD7\x9C");
    auto emoji = find_unsupported_text("\xC3\xA9 \xF0\x9F\x98\x80!", UnsupportedKind::OutsideBasicPlane);
    REQUIRE(emoji);
    CHECK(emoji->offset == 3);
    CHECK(emoji->sample == "\xF0\x9F\x98\x80");
    // Accents, dashes, smiley U+263A and invalid bytes are no reason to warn.
    for (UnsupportedKind kind : {UnsupportedKind::OutsideBasicPlane, UnsupportedKind::RightToLeft})
        CHECK_FALSE(find_unsupported_text("caf\xC3\xA9 \xE2\x80\x94 \xE2\x98\xBA \xFF\xF0\x9F", kind));
}

TEST_CASE("markdown: a page over the size limit is fatal")
{
    Diagnostics d;
    Document doc = parse(std::string(300 * 1024, 'a'), d);
    CHECK(doc.blocks.empty());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::Fatal);
    CHECK(d.all()[0].line == 0);
    CHECK(says(d.all()[0], "the page is 300 KiB, more than the limit of 256 KiB"));
}

TEST_CASE("markdown: nesting deeper than the limit is fatal")
{
    std::string quotes = "intro\n\n";
    for (int i = 0; i < 100; ++i)
        quotes += "> ";
    quotes += "deep\n";
    Diagnostics d;
    Document doc = parse(quotes, d);
    CHECK(doc.blocks.empty());
    CHECK(doc.links.empty());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::Fatal);
    CHECK(d.all()[0].line == 3);
    CHECK(says(d.all()[0], "nested more than 16"));

    std::string lists;
    for (int i = 0; i < 20; ++i)
        lists += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- level " + std::to_string(i + 1) + "\n";
    Diagnostics list_d;
    CHECK(parse(lists, list_d).blocks.empty());
    REQUIRE(list_d.all().size() == 1);
    CHECK(list_d.all()[0].line == 17);

    Diagnostics ok;
    CHECK(parse("> > - - fine\n", ok).blocks.size() == 1);
    CHECK(ok.empty());
}

TEST_CASE("markdown: more blocks than the limit is fatal")
{
    MarkdownLimits limits;
    limits.max_blocks = 10;
    std::string text;
    for (int i = 0; i < 11; ++i)
        text += "paragraph\n\n";
    Diagnostics d;
    CHECK(parse(text, d, limits).blocks.empty());
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::Fatal);
    CHECK(d.all()[0].line == 21);

    Diagnostics ok;
    CHECK(parse(text, ok).blocks.size() == 11);
}

TEST_CASE("markdown: invalid UTF-8 is reported with its line and replaced")
{
    std::string text = "ok\n\ncaf\xE9 au lait\n\n# \xFF\xFE title\n";
    Diagnostics d;
    Document doc = parse(text, d);
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::Error);
    CHECK(d.all()[0].line == 3);
    CHECK(d.all()[0].line == first_invalid_utf8_line(text));
    CHECK(says(d.all()[0], "UTF-8"));
    REQUIRE(doc.blocks.size() == 3);
    CHECK(words(doc.blocks[1]) == "caf\xEF\xBF\xBD au lait");
    CHECK(doc.blocks[2].kind == BlockKind::Heading);

    // Cut sequences, overlong forms, surrogates and stray bytes: reported, never a crash.
    for (std::string_view bad : {"\xC0\x80", "\xED\xA0\x80", "\xE2\x82", "\xF4\x90\x80\x80", "\x80\x80", "\xF0"}) {
        Diagnostics each;
        Document one = parse(std::string("a ") + std::string(bad) + " b\n", each);
        CHECK(each.has_errors());
        REQUIRE(one.blocks.size() == 1);
        CHECK(words(one.blocks[0]).find("\xEF\xBF\xBD") != std::string::npos);
    }
}

TEST_CASE("markdown: CRLF line ends give the same lines as LF")
{
    std::string lf = "# Title\n\npara one\nstill one\n\n- a\n- b\n\n---\n\n> quote\n\n[l](https://example.org)\n";
    std::string crlf;
    for (char c : lf)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    Diagnostics d_lf;
    Diagnostics d_crlf;
    Document a = parse(lf, d_lf);
    Document b = parse(crlf, d_crlf);
    CHECK(d_lf.empty());
    CHECK(d_crlf.empty());
    REQUIRE(a.blocks.size() == b.blocks.size());
    for (std::size_t i = 0; i < a.blocks.size(); ++i) {
        CAPTURE(i);
        CHECK(a.blocks[i].kind == b.blocks[i].kind);
        CHECK(a.blocks[i].line == b.blocks[i].line);
        CHECK(words(a.blocks[i]) == words(b.blocks[i]));
    }
    REQUIRE(b.links.size() == 1);
    CHECK(b.links[0].line == 13);
}

TEST_CASE("markdown: an empty file gives an empty document and no problems")
{
    for (std::string_view empty : {"", "\n\n", "   \n\t\n", "\xEF\xBB\xBF"}) {
        Diagnostics d;
        Document doc = parse(empty, d);
        CHECK(doc.blocks.empty());
        CHECK(doc.links.empty());
        CHECK(d.empty());
        CHECK(doc.title().empty());
    }
}

TEST_CASE("markdown: a byte order mark does not hide the first heading")
{
    Diagnostics d;
    Document doc = parse("\xEF\xBB\xBF# Title\n\ntext\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].kind == BlockKind::Heading);
    CHECK(doc.title() == "Title");
    CHECK(doc.blocks[1].line == 3);
}

TEST_CASE("markdown: HTML blocks are dropped with a warning and comments silently")
{
    Diagnostics d;
    Document doc = parse("a\n\n<div>\nhidden\n</div>\n\n<!-- a note for staff -->\n\nb <b>inline</b>\n", d);
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].severity == Severity::Warning);
    CHECK(d.all()[0].line == 3);
    CHECK(says(d.all()[0], "HTML is not shown: write plain Markdown"));
    REQUIRE(doc.blocks.size() == 2);
    CHECK(words(doc.blocks[1]) == "b <b>inline</b>"); // Inline HTML shows as the text it is.
}

TEST_CASE("markdown: a table becomes one paragraph per row")
{
    Diagnostics d;
    Document doc = parse("| Day | Time |\n|-----|------|\n| Mon | 9:00 |\n|  | 10:00 |\n", d);
    CHECK(d.empty());
    REQUIRE(doc.blocks.size() == 3);
    CHECK(words(doc.blocks[0]) == "Day  Time");
    CHECK(words(doc.blocks[1]) == "Mon  9:00");
    CHECK(doc.blocks[1].line == 3);
    CHECK(words(doc.blocks[2]) == "10:00");
    CHECK(doc.blocks[2].line == 4);
}

TEST_CASE("markdown: problems past the limit are counted in one warning")
{
    std::string text;
    for (int i = 0; i < 80; ++i)
        text += "[x](local.md)\n\n";
    Diagnostics d;
    Document doc = parse(text, d);
    CHECK(doc.blocks.size() == 80);
    REQUIRE(d.all().size() == 51);
    CHECK(says(d.all().back(), "30 more problems"));
}

TEST_CASE("markdown: hostile snippets never crash")
{
    std::vector<std::string> snippets = {std::string(5000, '['), std::string(5000, '*') + "a" + std::string(5000, '*'),
        std::string(5000, '`'), std::string("!\0[](\0)", 7), "[x]: https://a.b\n\n" + std::string(2000, '[') + "x]",
        "![![![a](images/a.png)](images/b.png)](https://c.d)", "| a https://x.org/a|\n|---|\n| b https://y.org/b|",
        "- > - > - > 1. > x\n", std::string(10000, '\r'), "&#99999999999999999999; &#x; &;",
        "<https://a.b/\xEF\xBF\xBD>", "```\n" + std::string(3000, '\n'), "    \xF0\x9F\x98\x80\n\n\x00"};
    for (const std::string& snippet : snippets) {
        Diagnostics d;
        Document doc = parse(snippet, d);
        for (const Block& block : doc.blocks) {
            CHECK(block.line >= 1);
            for (const Span& span : block.spans)
                CHECK(span.link < static_cast<int>(doc.links.size()));
        }
    }
}

TEST_CASE("markdown: the demo pages read without problems")
{
    for (const char* name : {"about", "about.es", "act", "act.es", "for-you", "for-you.es", "history", "history.es",
             "urgent", "urgent.es"}) {
        CAPTURE(name);
        std::string text = read_file(std::string(KIOSK_SOURCE_DIR "/data/demo/pages/") + name + ".md");
        REQUIRE_FALSE(text.empty());
        Diagnostics d;
        Document doc = parse_markdown(text, std::string(name) + ".md", d);
        std::string problems;
        for (const Diagnostic& diagnostic : d.all())
            problems += diagnostic.to_string() + "\n";
        CHECK_MESSAGE(d.empty(), problems);
        CHECK_FALSE(doc.title().empty());
        CHECK(doc.blocks.size() > 5);
    }

    Diagnostics d;
    Document urgent = parse_markdown(read_file(KIOSK_SOURCE_DIR "/data/demo/pages/urgent.md"), "urgent.md", d);
    CHECK(urgent.title() == "Overdose? Get help now");
    int number = 0;
    for (const Block& block : urgent.blocks) {
        if (block.kind == BlockKind::ListItem && block.ordered)
            CHECK(block.number == ++number);
    }
    CHECK(number == 7);
    REQUIRE(urgent.links.size() == 2);
    CHECK(urgent.links[0].url == "https://988lifeline.org/");
    CHECK(urgent.links[0].text == "988lifeline.org");
    CHECK(urgent.links[0].line == 25);
}
