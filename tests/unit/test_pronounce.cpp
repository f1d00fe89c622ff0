// [pronounce] (issue 19): bundle.toml's tables read within their bounds, words replaced whole and once, and kiosk
// check's warning for a word no text says.
#include "content/bundle_reader.hpp"
#include "content/pronounce.hpp"
#include "support/diagnostics.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace kiosk;
using kiosk::test::messages;

namespace {

// A bundle folder: bundle.toml in English and Spanish with a page and this [pronounce] part after its sections (from
// line 9), pages/about.md and about.es.md saying these words.
struct PronounceBundle {
    explicit PronounceBundle(const std::string& pronounce, const std::string& english = "NUSU meets on Tuesdays.",
        const std::string& spanish = "")
    {
        std::filesystem::create_directories(dir.path() + "/pages");
        dir.write("bundle.toml",
            "name = { en = \"Center\", es = \"Centro\" }\nlanguages = [\"en\", \"es\"]\n\n[[sections]]\nid = "
            "\"about\"\nkind = \"page\"\npage = \"about\"\ntitle = { en = \"About\", es = \"Acerca\" }\n"
                + pronounce);
        dir.write("pages/about.md", "# About\n\n" + english + "\n");
        if (!spanish.empty())
            dir.write("pages/about.es.md", "# Acerca\n\n" + spanish + "\n");
    }
    std::optional<BundleInfo> info() { return read_bundle_info(dir.path(), diagnostics); }
    std::optional<Bundle> bundle() { return read_bundle(dir.path(), diagnostics); }
    test::TempDir dir;
    Diagnostics diagnostics;
};

Pronunciations nusu {{"NUSU", "new-soo"}};

} // namespace

TEST_CASE("pronounce: each language's words are read in file order, with their lines")
{
    PronounceBundle b("[pronounce.en]\nNUSU = \"new-soo\"\nVANDU = \"van-doo\"\nINPUD = \"in-pud\"\n"
                      "[pronounce.es]\nNUSU = \"nu-su\"\n");
    auto info = b.info();
    REQUIRE(info);
    CHECK_MESSAGE(b.diagnostics.empty(), messages(b.diagnostics));
    CHECK(info->pronounce["en"] == Pronunciations {{"NUSU", "new-soo"}, {"VANDU", "van-doo"}, {"INPUD", "in-pud"}});
    CHECK(info->pronounce_lines["en"] == std::vector<int> {10, 11, 12});
    CHECK(info->pronounce["es"] == Pronunciations {{"NUSU", "nu-su"}});
    CHECK(pronunciations_for(*info, "es") == Pronunciations {{"NUSU", "nu-su"}});
    CHECK(pronunciations_for(*info, "fr").empty());

    // An inline table reads the same; a bundle without [pronounce] has none.
    PronounceBundle inline_table("[pronounce]\nen = { NUSU = \"new-soo\" }\n");
    auto read = inline_table.info();
    REQUIRE(read);
    CHECK(read->pronounce["en"] == nusu);
    PronounceBundle none("");
    REQUIRE(none.info());
    CHECK(none.info()->pronounce.empty());
}

TEST_CASE("pronounce: a language not in languages is warned about at its line, and its words ignored")
{
    PronounceBundle b("[pronounce.fr]\nNUSU = \"nou-sou\"\n[pronounce.en]\nNUSU = \"new-soo\"\n");
    auto info = b.info();
    REQUIRE(info);
    CHECK(info->pronounce.size() == 1);
    CHECK(info->pronounce["en"] == nusu);
    std::string all = messages(b.diagnostics);
    CHECK(all.find("bundle.toml:") != std::string::npos);
    CHECK(all.find("warning: [pronounce.fr] is for \"fr\", which is not in languages: its words are ignored")
        != std::string::npos);
    CHECK_FALSE(b.diagnostics.has_errors());
}

TEST_CASE("pronounce: a bad entry is warned about at its line and left out, the good ones kept")
{
    std::string zero_width = "\\u200B";
    PronounceBundle b("[pronounce.en]\n"
                      "NUSU = \"new-soo\"\n" // 10: kept
                      "VANDU = 42\n"         // 11: not a text
                      "INPUD = \"\"\n"       // 12: said as nothing
                      "DULF = \"   \"\n"     // 13: said as nothing
                      "RJB = \""
        + std::string(201, 'a')
        + "\"\n" // 14: said-as too long
          "\""
        + std::string(65, 'W') + "\" = \"w\"\n"           // 15: word too long
        + "\"\" = \"nothing\"\n"                          // 16: empty word
        + "\"NC" + zero_width + "USU\" = \"n-c-u-s-u\"\n" // 17: invisible character
        + "VOCAL = \"vo\\tcal\"\n"                        // 18: control character
        + "\"VOCAL-NY\" = \"vocal new york\"\n");         // 19: kept: any characters but control and invisible ones
    auto info = b.info();
    REQUIRE(info);
    CHECK(info->pronounce["en"] == Pronunciations {{"NUSU", "new-soo"}, {"VOCAL-NY", "vocal new york"}});
    CHECK(info->pronounce_lines["en"] == std::vector<int> {10, 19});
    std::string all = messages(b.diagnostics);
    CHECK(all.find("bundle.toml:11: warning: pronounce.en: \"VANDU\" must be a text in quotes, not a whole number: "
                   "it is left out")
        != std::string::npos);
    CHECK(all.find("bundle.toml:12: warning: pronounce.en: \"INPUD\" is said as nothing") != std::string::npos);
    CHECK(all.find("bundle.toml:13: warning: pronounce.en: \"DULF\" is said as nothing") != std::string::npos);
    CHECK(all.find("bundle.toml:14: warning: pronounce.en: \"RJB\" is said as a text longer than 200 bytes: it is "
                   "left out")
        != std::string::npos);
    CHECK(all.find("bundle.toml:15: warning: pronounce.en: \"WWW") != std::string::npos);
    CHECK(all.find("is longer than 64 bytes: it is left out") != std::string::npos);
    CHECK(
        all.find("bundle.toml:16: warning: pronounce.en: \"\" is an empty word: it is left out") != std::string::npos);
    CHECK(all.find("bundle.toml:17: warning: pronounce.en: \"NC") != std::string::npos);
    CHECK(all.find("holds control, invisible or broken characters") != std::string::npos);
    CHECK(all.find("bundle.toml:18: warning: pronounce.en: \"VOCAL\" is said as a text with control")
        != std::string::npos);
    CHECK_MESSAGE(b.diagnostics.all().size() == 8, all);
    CHECK_FALSE(b.diagnostics.has_errors());
}

TEST_CASE("pronounce: a word and its said-as text may be as long as the bounds, and not a byte more")
{
    std::string word(64, 'W');
    std::string said(200, 's');
    PronounceBundle b("[pronounce.en]\n" + word + " = \"" + said + "\"\n");
    auto info = b.info();
    REQUIRE(info);
    CHECK(b.diagnostics.empty());
    CHECK(info->pronounce["en"] == Pronunciations {{word, said}});
}

TEST_CASE("pronounce: past 200 words a language is warned about once, and its first 200 kept")
{
    std::string table = "[pronounce.en]\n";
    for (int i = 0; i < 205; ++i) {
        table += 'W';
        table += std::to_string(i);
        table += " = \"w\"\n";
    }
    PronounceBundle b(table);
    auto info = b.info();
    REQUIRE(info);
    REQUIRE(info->pronounce["en"].size() == max_pronunciations);
    CHECK(info->pronounce["en"].back().first == "W199");
    CHECK(messages(b.diagnostics)
        == "bundle.toml:210: warning: [pronounce.en] has more than 200 words: only the first 200 are used\n");
}

TEST_CASE("pronounce: a [pronounce] that is not a table of tables is warned about, and the bundle still reads")
{
    PronounceBundle text("");
    text.dir.write("bundle.toml",
        "pronounce = \"NUSU\"\nname = \"x\"\n[[sections]]\nid = \"about\"\nkind = "
        "\"page\"\npage = \"about\"\ntitle = \"About\"\n");
    auto info = text.info();
    REQUIRE(info);
    CHECK(info->pronounce.empty());
    CHECK(messages(text.diagnostics)
        == "bundle.toml:1: warning: pronounce must hold a table for each language, such as [pronounce.en] with lines "
           "like NUSU = \"new-soo\", not a text: it is left out\n");
    PronounceBundle flat("[pronounce]\nen = \"new-soo\"\nes = { NUSU = \"nu-su\" }\n");
    info = flat.info();
    REQUIRE(info);
    CHECK(info->pronounce.size() == 1);
    CHECK(info->pronounce["es"] == Pronunciations {{"NUSU", "nu-su"}});
    CHECK(messages(flat.diagnostics)
        == "bundle.toml:10: warning: pronounce.en must be a table of lines such as NUSU = \"new-soo\", not a text: it "
           "is left out\n");
}

TEST_CASE("pronounce: whole words are replaced, with their exact case, whatever is around them")
{
    CHECK(apply_pronunciations("NUSU meets.", nusu) == "new-soo meets.");
    CHECK(apply_pronunciations("Join NUSU", nusu) == "Join new-soo");
    CHECK(apply_pronunciations("NUSU", nusu) == "new-soo");
    CHECK(apply_pronunciations("NUSU's calls, (NUSU), \"NUSU\", NUSU-led, NUSU.", nusu)
        == "new-soo's calls, (new-soo), \"new-soo\", new-soo-led, new-soo.");
    // Curly quotes, a no-break space and Spanish punctuation are not letters.
    CHECK(apply_pronunciations("\xE2\x80\x9CNUSU\xE2\x80\x9D \xC2\xA0NUSU\xC2\xA0 \xC2\xBFNUSU?", nusu)
        == "\xE2\x80\x9Cnew-soo\xE2\x80\x9D \xC2\xA0new-soo\xC2\xA0 \xC2\xBFnew-soo?");
    // Inside another word, in another case, or beside a letter or digit of any script: left as it is.
    for (const char* same : {"NUSUX", "XNUSU", "NCUSU", "Nusu", "nusu", "NUSU2", "2NUSU", "\xC3\x91NUSU",
             "NUSU\xC3\xA9", "NUSU\xCC\x81", "\xD0\x96NUSU", "\xE4\xB8\xADNUSU"}) {
        CAPTURE(same);
        CHECK(apply_pronunciations(same, nusu) == same);
    }
    CHECK(apply_pronunciations("", nusu).empty());
    CHECK(apply_pronunciations("NUSU", {}) == "NUSU");
    // A word in any script, beside any punctuation.
    CHECK(apply_pronunciations("el Café, café.", {{"Café", "ca-fe"}}) == "el ca-fe, café.");
    CHECK(apply_pronunciations("VOCAL-NY en Nueva York", {{"VOCAL-NY", "bocal eneye"}}) == "bocal eneye en Nueva York");
}

TEST_CASE("pronounce: one pass, longest word first, and bytes that are not UTF-8 left as they are")
{
    // A said-as text is never searched again, even when it holds a word.
    CHECK(apply_pronunciations("NUSU", {{"NUSU", "the NUSU union"}}) == "the NUSU union");
    CHECK(apply_pronunciations("A B", {{"A", "B"}, {"B", "A"}}) == "B A");
    // Where words overlap, the longest wins, whatever the file's order; otherwise the file's order.
    Pronunciations overlapping {{"NUSU", "new-soo"}, {"NUSU Chapter", "the chapter"}};
    CHECK(apply_pronunciations("NUSU Chapter and NUSU", overlapping) == "the chapter and new-soo");
    CHECK(apply_pronunciations("NUSU Chapters", overlapping) == "new-soo Chapters");
    // A word after a replaced one starts after it, as in the text.
    CHECK(apply_pronunciations("NUSU NUSU,NUSU", nusu) == "new-soo new-soo,new-soo");
    CHECK(apply_pronunciations("NUSU's", {{"NUSU", "new-soo"}, {"'s", "is"}}) == "new-soo's");
    // Invalid bytes are neither letters nor changed.
    CHECK(apply_pronunciations("\xFFNUSU\x80", nusu) == "\xFFnew-soo\x80");
    CHECK(says_word("\xFFNUSU\x80", "NUSU"));
}

TEST_CASE("pronounce: the result is bounded, and a text past the bound is given back unchanged")
{
    // A short text can take its longest said-as text.
    std::string long_said(max_said_as_bytes, 's');
    CHECK(apply_pronunciations("A", {{"A", long_said}}) == long_said);
    // Many words said long stop growing the text at 4 times its length plus one said-as text: the rest stay.
    std::string many;
    for (int i = 0; i < 1000; ++i)
        many += "A ";
    std::string out = apply_pronunciations(many, {{"A", long_said}});
    CHECK(out.size() <= 4 * many.size() + max_said_as_bytes);
    CHECK(out.size() > 4 * many.size() - max_said_as_bytes);
    CHECK(out.substr(out.size() - 4) == "A A ");
    // Never past max_pronounced_bytes.
    std::string more;
    for (int i = 0; i < 4000; ++i)
        more += "A ";
    CHECK(apply_pronunciations(more, {{"A", "aaaaaaaaaa"}}).size() <= max_pronounced_bytes);
    std::string huge(max_pronounced_bytes + 1, 'x');
    huge.replace(0, 2, "A ");
    CHECK(apply_pronunciations(huge, {{"A", "B"}}) == huge);
}

TEST_CASE("pronounce: says_word finds what apply_pronunciations replaces")
{
    for (const char* text : {"NUSU", "NUSU's calls", "join (NUSU)", "\xC2\xBFNUSU?", "a NUSU-led group"}) {
        CAPTURE(text);
        CHECK(says_word(text, "NUSU"));
        CHECK(apply_pronunciations(text, nusu) != text);
    }
    for (const char* text : {"", "NUSUX", "NCUSU", "nusu", "\xC3\x91NUSU", "NUSU\xCC\x81", "NUS"}) {
        CAPTURE(text);
        CHECK_FALSE(says_word(text, "NUSU"));
        CHECK(apply_pronunciations(text, nusu) == text);
    }
    CHECK(says_word("NUSUX NUSU", "NUSU")); // A later whole occurrence counts.
    CHECK_FALSE(says_word("NUSU", ""));
}

TEST_CASE("pronounce: kiosk check warns of a word no text of its language says, at its line")
{
    PronounceBundle b("[pronounce.en]\nNUSU = \"new-soo\"\nVANDU = \"van-doo\"\nNusu = \"x\"\n"
                      "[pronounce.es]\nNUSU = \"nu-su\"\nINPUD = \"in-pud\"\n",
        "NUSU meets on Tuesdays.", "INPUD se reúne.");
    auto bundle = b.bundle();
    REQUIRE(bundle);
    std::string all = messages(b.diagnostics);
    CHECK(all.find("bundle.toml:10:") == std::string::npos);
    CHECK(all.find("bundle.toml:11: warning: pronunciation for \"VANDU\" (en) is never used: no text in \"en\" says it "
                   "(as a whole word, with the same capitals)")
        != std::string::npos);
    CHECK(all.find("bundle.toml:12: warning: pronunciation for \"Nusu\" (en) is never used") != std::string::npos);
    // The Spanish page does not say NUSU (its English one does, which a Spanish visitor is not shown).
    CHECK(all.find("bundle.toml:14: warning: pronunciation for \"NUSU\" (es) is never used") != std::string::npos);
    CHECK(all.find("bundle.toml:15:") == std::string::npos);
    CHECK(b.diagnostics.all().size() == 3);
}

TEST_CASE("pronounce: every text a visitor in the language is shown counts, the default language's standing in")
{
    PronounceBundle b("[pronounce.es]\nNUSU = \"nu-su\"\n", "Only English says NUSU.");
    auto bundle = b.bundle();
    REQUIRE(bundle);
    // No Spanish page: the English one is what a Spanish visitor is shown and hears.
    CHECK_MESSAGE(b.diagnostics.empty(), messages(b.diagnostics));

    // Names, titles, cards and events in the language count too.
    test::TempDir dir;
    std::filesystem::create_directories(dir.path() + "/pages");
    dir.write("bundle.toml", R"(name = { en = "NAME center", es = "Centro" }
languages = ["en", "es"]
[urgent]
title = "URGENT help"
page = "help"
actions = ["Call ACTION"]
[[sections]]
id = "list"
kind = "cards"
source = "list.csv"
title = "SECTION"
[[sections]]
id = "events"
kind = "agenda"
title = "Events"
[pronounce.en]
NAME = "n"
URGENT = "u"
ACTION = "a"
SECTION = "s"
CARD = "c"
DESCRIBED = "d"
TAGGED = "t"
EVENT = "e"
PLACE = "p"
ABOUT = "a"
ALT = "a"
NOWHERE = "n"
)");
    dir.write("pages/help.md", "# Help\n\nRead ABOUT it.\n\n![ALT picture](images/x.png)\n");
    dir.write("list.csv", "title,description,category\nCARD one,DESCRIBED here,TAGGED\n");
    dir.write("events.csv", "title,start,location,description\nEVENT,2026-12-01 18:00,PLACE,Words\n");
    Diagnostics diagnostics;
    auto read = read_bundle(dir.path(), diagnostics);
    REQUIRE(read);
    std::string all = messages(diagnostics);
    CHECK(all.find("pronunciation for \"NOWHERE\" (en) is never used") != std::string::npos);
    CHECK(all.find("is never used") == all.rfind("is never used")); // Only that one.
}
