// File names as staff write them: percent decoding and the near-miss search behind "did you mean".
#include "content/file_names.hpp"

#include "content/text_util.hpp"

#include <algorithm>

namespace kiosk {

namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// What two names that differ only in case, spaces, underscores and dashes have in common.
std::string name_key(std::string_view name)
{
    std::string key;
    for (char c : name) {
        if (c == ' ' || c == '_' || c == '-')
            continue;
        key += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    return key;
}

} // namespace

std::string percent_decoded(std::string_view address)
{
    std::string out;
    out.reserve(address.size());
    for (std::size_t i = 0; i < address.size(); ++i) {
        int high = address[i] == '%' && i + 2 < address.size() ? hex_value(address[i + 1]) : -1;
        int low = high >= 0 ? hex_value(address[i + 2]) : -1;
        if (low < 0) {
            out += address[i];
            continue;
        }
        out += char(high * 16 + low);
        i += 2;
    }
    return first_invalid_utf8_line(out) == 0 ? out : std::string(address);
}

std::string spaces_encoded(std::string_view address)
{
    std::string out;
    for (char c : address) {
        if (c == ' ')
            out += "%20";
        else
            out += c;
    }
    return out;
}

std::string similar_file(std::string_view wanted, const std::vector<std::string>& existing)
{
    if (std::find(existing.begin(), existing.end(), wanted) != existing.end())
        return "";
    std::string key = name_key(wanted);
    if (key.empty())
        return "";
    for (const std::string& name : existing) {
        if (name_key(name) == key)
            return name;
    }
    return "";
}

Reason did_you_mean_reason(std::string_view wanted, const std::vector<std::string>& existing)
{
    std::string similar = similar_file(wanted, existing);
    return similar.empty() ? Reason {} : Reason::said("files_did_you_mean", {{"file", similar}});
}

std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& existing)
{
    return did_you_mean_reason(wanted, existing).text();
}

} // namespace kiosk
