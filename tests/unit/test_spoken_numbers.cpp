// Numbers people dial are said digit by digit: "Call 911" must never be "call nine hundred eleven" on the overdose
// page.
#include "platform/spoken_numbers.hpp"

#include <doctest/doctest.h>

using kiosk::spell_dialled_numbers;

TEST_CASE("short dialling codes standing alone are spelled digit by digit, in any sentence")
{
    CHECK(spell_dialled_numbers("Call 911 now.") == "Call 9 1 1 now.");
    CHECK(spell_dialled_numbers("Llama al 911.") == "Llama al 9 1 1.");
    CHECK(spell_dialled_numbers("call or text 988. 988lifeline.org") == "call or text 9 8 8. 988lifeline.org");
    CHECK(spell_dialled_numbers("911") == "9 1 1");
    CHECK(spell_dialled_numbers("(112)") == "(1 1 2)");
}

TEST_CASE("amounts, counts, decimals and codes inside words are left as they are")
{
    for (const char* kept : {"$911", "911%", "9110", "1911", "A911", "9.11", "911.5", "3,911",
             "give 1 breath every 5 seconds", "2 to 3 minutes", "988lifeline.org", "room 204", "-911"}) {
        CAPTURE(kept);
        CHECK(spell_dialled_numbers(kept) == kept);
    }
}

TEST_CASE("phone numbers are spelled by groups, with a pause between them, and dates are not phone numbers")
{
    CHECK(
        spell_dialled_numbers("call 1-800-484-3731 before you use") == "call 1, 8 0 0, 4 8 4, 3 7 3 1 before you use");
    CHECK(spell_dialled_numbers("555-0100.") == "5 5 5, 0 1 0 0.");
    CHECK(spell_dialled_numbers("800.273.8255") == "8 0 0, 2 7 3, 8 2 5 5");
    for (const char* kept : {"2026-12-01", "2026-12-01 18:00", "12-31", "1-2-3", "10.5.2026", "1234-5678-9012"}) {
        CAPTURE(kept);
        CHECK(spell_dialled_numbers(kept) == kept);
    }
}

TEST_CASE("text that is not ASCII digits passes through byte for byte")
{
    CHECK(spell_dialled_numbers("\xC2\xBF"
                                "911?")
        == "\xC2\xBF"
           "9 1 1?");
    CHECK(spell_dialled_numbers("\xD9\xA9\xD9\xA1\xD9\xA1") == "\xD9\xA9\xD9\xA1\xD9\xA1"); // Arabic-Indic digits.
    CHECK(spell_dialled_numbers("") == "");
}
