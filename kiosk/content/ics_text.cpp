// The iCalendar reader's text and date helpers.
#include "content/ics_internal.hpp"

#include <cstdio>

namespace kiosk::ics_detail {

namespace {

std::uint32_t fnv1a(std::string_view text)
{
    std::uint32_t hash = 2166136261u;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return hash;
}

} // namespace

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool istarts_with(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string trim(std::string_view text)
{
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

// Valid UTF-8 with invalid bytes as U+FFFD; control characters become spaces, except newlines when `keep_newlines`.
std::string clean_text(std::string_view text, bool keep_newlines)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c == '\n' && keep_newlines)
                out += '\n';
            else if (c < 0x20 || c == 0x7f)
                out += c == '\r' ? "" : " ";
            else
                out += static_cast<char>(c);
            ++i;
            continue;
        }
        std::size_t length = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
        bool valid = length != 0 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
        if (valid && length >= 3) {
            auto second = static_cast<unsigned char>(text[i + 1]);
            // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
            valid = !(c == 0xe0 && second < 0xa0) && !(c == 0xed && second >= 0xa0) && !(c == 0xf0 && second < 0x90)
                && !(c == 0xf4 && second >= 0x90);
        }
        if (valid) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += "\xef\xbf\xbd";
            ++i;
        }
    }
    return trim(out);
}

// At most `limit` bytes of valid UTF-8 text, with "..." when cut.
std::string shorten(const std::string& text, std::size_t limit)
{
    if (text.size() <= limit)
        return text;
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
        --cut;
    return text.substr(0, cut) + "...";
}

// Lowercase letters and digits, anything else one '-'.
std::string slug(std::string_view text)
{
    std::string out;
    for (char c : text) {
        char l = lower(c);
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9'))
            out += l;
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

std::string cut_slug(std::string text, std::size_t limit)
{
    if (text.size() > limit)
        text.resize(limit);
    while (!text.empty() && text.back() == '-')
        text.pop_back();
    return text;
}

// An id from a UID: its slug, or when that is too long or empty, a shortened slug and a hash of the whole UID.
std::string id_from_uid(const std::string& uid)
{
    std::string base = slug(uid);
    if (!base.empty() && base.size() <= max_id_length)
        return base;
    char hash[16];
    std::snprintf(hash, sizeof hash, "%08x", static_cast<unsigned>(fnv1a(uid)));
    base = cut_slug(base, max_id_length - 9);
    return base.empty() ? std::string("event-") + hash : base + "-" + hash;
}

std::int64_t seconds_of(const LocalTime& t)
{
    return day_number(t) * seconds_per_day + std::int64_t(t.hour) * 3600 + std::int64_t(t.minute) * 60 + t.second;
}

LocalTime date_only(const LocalTime& t)
{
    return civil_from_days(day_number(t));
}

LocalTime from_seconds(std::int64_t seconds)
{
    std::int64_t days
        = seconds >= 0 ? seconds / seconds_per_day : -((-seconds + seconds_per_day - 1) / seconds_per_day);
    LocalTime t = civil_from_days(days);
    std::int64_t rest = seconds - days * seconds_per_day;
    t.hour = static_cast<int>(rest / 3600);
    t.minute = static_cast<int>(rest / 60 % 60);
    t.second = static_cast<int>(rest % 60);
    return t;
}

std::string compact_date(const LocalTime& t)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", t.year, t.month, t.day);
    return buffer;
}

} // namespace kiosk::ics_detail
