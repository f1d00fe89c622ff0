// [pronounce] (issue 19): words replaced whole and once, within bounds.
#include "content/pronounce.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

namespace {

Pronunciations nusu {{"NUSU", "new-soo"}};

} // namespace

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
