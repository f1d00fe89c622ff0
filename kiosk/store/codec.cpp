// Encoding texts, tags, lists and local times into single TEXT columns, and decoding them exactly.
#include "store/codec.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace kiosk::store {

namespace {

constexpr char escape_byte = '\x1B';
constexpr char unit_separator = '\x1F';   // Between a record's key and value.
constexpr char record_separator = '\x1E'; // After each record.

using Pairs = std::vector<std::pair<std::string, std::string>>;

void append_escaped(std::string& out, std::string_view value)
{
    for (char c : value) {
        if (c == escape_byte || c == unit_separator || c == record_separator)
            out += escape_byte;
        out += c;
    }
}

template <typename Container> std::string encode_pairs(const Container& pairs)
{
    std::string out;
    for (const auto& [key, value] : pairs) {
        append_escaped(out, key);
        out += unit_separator;
        append_escaped(out, value);
        out += record_separator;
    }
    return out;
}

// Splits records ended by \x1E into their fields (split at unescaped \x1F), undoing the escapes. `fields` is how many
// fields each record must have (1 or 2); anything else, or a dangling escape, means the column is damaged.
std::optional<std::vector<std::vector<std::string>>> split_records(std::string_view encoded, std::size_t fields)
{
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record(1);
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        char c = encoded[i];
        if (c == escape_byte) {
            if (++i == encoded.size())
                return std::nullopt;
            record.back() += encoded[i];
        } else if (c == unit_separator) {
            if (record.size() == fields)
                return std::nullopt;
            record.emplace_back();
        } else if (c == record_separator) {
            if (record.size() != fields)
                return std::nullopt;
            records.push_back(std::move(record));
            record.assign(1, std::string());
        } else {
            record.back() += c;
        }
    }
    if (record.size() != 1 || !record.front().empty())
        return std::nullopt; // Bytes after the last record.
    return records;
}

std::optional<Pairs> decode_pairs(std::string_view encoded)
{
    auto records = split_records(encoded, 2);
    if (!records)
        return std::nullopt;
    Pairs pairs;
    pairs.reserve(records->size());
    for (auto& record : *records)
        pairs.emplace_back(std::move(record[0]), std::move(record[1]));
    return pairs;
}

// 0 = Sunday, from the proleptic Gregorian date; a day past the month's end counts on into the next month.
int weekday_of(int year, int month, int day)
{
    std::chrono::year_month_day date(std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
        std::chrono::day(static_cast<unsigned>(day)));
    return static_cast<int>(std::chrono::weekday(std::chrono::sys_days(date)).c_encoding());
}

} // namespace

std::string encode_text(const Text& text)
{
    return encode_pairs(text.by_language());
}

std::optional<Text> decode_text(std::string_view encoded)
{
    auto pairs = decode_pairs(encoded);
    if (!pairs)
        return std::nullopt;
    Text text;
    for (auto& [language, value] : *pairs)
        text.set(language, std::move(value));
    return text;
}

std::string encode_tags(const std::map<std::string, Text>& tags)
{
    Pairs pairs;
    pairs.reserve(tags.size());
    for (const auto& [name, text] : tags)
        pairs.emplace_back(name, encode_text(text));
    return encode_pairs(pairs);
}

std::optional<std::map<std::string, Text>> decode_tags(std::string_view encoded)
{
    auto pairs = decode_pairs(encoded);
    if (!pairs)
        return std::nullopt;
    std::map<std::string, Text> tags;
    for (const auto& [name, value] : *pairs) {
        auto text = decode_text(value);
        if (!text)
            return std::nullopt;
        tags[name] = std::move(*text);
    }
    return tags;
}

std::string encode_list(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& item : items) {
        append_escaped(out, item);
        out += record_separator;
    }
    return out;
}

std::optional<std::vector<std::string>> decode_list(std::string_view encoded)
{
    auto records = split_records(encoded, 1);
    if (!records)
        return std::nullopt;
    std::vector<std::string> items;
    items.reserve(records->size());
    for (auto& record : *records)
        items.push_back(std::move(record[0]));
    return items;
}

std::string encode_texts(const std::vector<Text>& texts)
{
    std::vector<std::string> items;
    items.reserve(texts.size());
    for (const Text& text : texts)
        items.push_back(encode_text(text));
    return encode_list(items);
}

std::optional<std::vector<Text>> decode_texts(std::string_view encoded)
{
    auto items = decode_list(encoded);
    if (!items)
        return std::nullopt;
    std::vector<Text> texts;
    texts.reserve(items->size());
    for (const std::string& item : *items) {
        auto text = decode_text(item);
        if (!text)
            return std::nullopt;
        texts.push_back(std::move(*text));
    }
    return texts;
}

std::string format_local_time(const LocalTime& time)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", time.year, time.month, time.day, time.hour,
        time.minute, time.second);
    return buffer;
}

std::optional<LocalTime> parse_stored_time(std::string_view text)
{
    LocalTime time;
    int consumed = 0;
    std::string copy(text); // sscanf needs a terminated string.
    if (std::sscanf(copy.c_str(), "%d-%d-%dT%d:%d:%d%n", &time.year, &time.month, &time.day, &time.hour, &time.minute,
            &time.second, &consumed)
            != 6
        || static_cast<std::size_t>(consumed) != copy.size())
        return std::nullopt;
    if (time.month < 1 || time.month > 12 || time.day < 1 || time.day > 31)
        return std::nullopt;
    time.weekday = weekday_of(time.year, time.month, time.day);
    return time;
}

std::string encode_times(const std::vector<LocalTime>& times)
{
    std::string out;
    for (const LocalTime& time : times) {
        if (!out.empty())
            out += ',';
        out += format_local_time(time);
    }
    return out;
}

std::optional<std::vector<LocalTime>> decode_times(std::string_view encoded)
{
    std::vector<LocalTime> times;
    while (!encoded.empty()) {
        std::size_t comma = encoded.find(',');
        auto time = parse_stored_time(encoded.substr(0, comma));
        if (!time)
            return std::nullopt;
        times.push_back(*time);
        if (comma == std::string_view::npos)
            break;
        encoded = encoded.substr(comma + 1);
        if (encoded.empty())
            return std::nullopt; // A trailing comma: not something encode_times writes.
    }
    return times;
}

} // namespace kiosk::store
