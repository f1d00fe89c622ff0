// Numbers people dial, said the way people say them: a speech engine reads "911" as "nine hundred eleven" and
// "1-800-484-3731" as amounts. Read aloud passes every text through this first.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// `text` with phone numbers and short dialling codes spelled digit by digit, in any language the engine speaks:
//  - the short codes 211, 311, 411, 511, 611, 711, 811, 911, 988 and 112 standing alone ("Call 911." becomes
//    "Call 9 1 1."), not inside a longer number, an amount ("$911") or a decimal;
//  - digit groups joined by '-' or '.' that look like a phone number: 7, 10 or 11 digits, the last group of 4
//    ("1-800-484-3731" becomes "1, 8 0 0, 4 8 4, 3 7 3 1": a pause between groups). Dates (2026-12-01) and decimals
//    are left alone.
// Only ASCII digits are looked at; everything else is kept as it is.
std::string spell_dialled_numbers(std::string_view text);

} // namespace kiosk
