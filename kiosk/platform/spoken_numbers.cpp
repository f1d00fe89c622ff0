// Phone numbers and dialling codes spelled digit by digit for the speech engine.
#include "platform/spoken_numbers.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace kiosk {

namespace {

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

// The codes people dial as three digits: the US N11 services, 988 (the crisis line) and 112 (emergencies in Europe
// and much of Latin America).
bool is_short_code(std::string_view digits)
{
    static constexpr std::array<std::string_view, 10> codes {
        "211", "311", "411", "511", "611", "711", "811", "911", "988", "112"};
    return std::find(codes.begin(), codes.end(), digits) != codes.end();
}

// "1, 8 0 0, 4 8 4" from the groups {"1", "800", "484"}.
std::string spelled(const std::vector<std::string_view>& groups)
{
    std::string out;
    for (std::string_view group : groups) {
        if (!out.empty())
            out += ", ";
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (i > 0)
                out += ' ';
            out += group[i];
        }
    }
    return out;
}

// The digit groups starting at `at` joined by single '-' or '.', and where they end.
std::vector<std::string_view> groups_at(std::string_view text, std::size_t at, std::size_t& end)
{
    std::vector<std::string_view> groups;
    std::size_t i = at;
    while (true) {
        std::size_t start = i;
        while (i < text.size() && is_digit(text[i]))
            ++i;
        groups.push_back(text.substr(start, i - start));
        end = i;
        if (i + 1 < text.size() && (text[i] == '-' || text[i] == '.') && is_digit(text[i + 1]))
            ++i;
        else
            break;
    }
    return groups;
}

// The North American shapes: 555-0100, 800-273-8255, 1-800-484-3731. A date such as 10.5.2026 has 7 digits too,
// but not in these groups.
bool looks_like_phone(const std::vector<std::string_view>& groups)
{
    std::vector<std::size_t> sizes;
    for (std::string_view group : groups)
        sizes.push_back(group.size());
    using Sizes = std::vector<std::size_t>;
    return sizes == Sizes {3, 4} || sizes == Sizes {3, 3, 4} || sizes == Sizes {1, 3, 3, 4};
}

} // namespace

std::string spell_dialled_numbers(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_digit(text[i])) {
            out += text[i++];
            continue;
        }
        // A number starts here: a digit after a letter-like byte, a digit, '$', '.' or ',' belongs to something else.
        char before = i > 0 ? text[i - 1] : ' ';
        bool inside = before == '$' || before == '.' || before == ',' || before == '-' || before == '+'
            || (before != ' ' && before != '(' && before != '\n' && static_cast<unsigned char>(before) < 0x80
                && std::isalnum(static_cast<unsigned char>(before)));
        std::size_t end = i;
        std::vector<std::string_view> groups = groups_at(text, i, end);
        char after = end < text.size() ? text[end] : ' ';
        bool decimal_after = (after == '.' || after == ',') && end + 1 < text.size() && is_digit(text[end + 1]);
        bool amount_after = after == '%'
            || (static_cast<unsigned char>(after) < 0x80 && std::isalnum(static_cast<unsigned char>(after)));
        if (!inside && !decimal_after && !amount_after
            && (looks_like_phone(groups) || (groups.size() == 1 && is_short_code(groups.front()))))
            out += spelled(groups);
        else
            out.append(text.substr(i, end - i));
        i = end;
    }
    return out;
}

} // namespace kiosk
