// Values without a column of their own (texts, tags, language and time lists) in one TEXT column, read back exactly.
#pragma once

#include "content/text.hpp"
#include "content/time_zone.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::store {

// Text: one record per language, "language \x1F text \x1E", "" for the text given without a language. The bytes
// \x1B, \x1E and \x1F inside a language or text are escaped with \x1B, so any text survives.
std::string encode_text(const Text& text);
std::optional<Text> decode_text(std::string_view encoded);

// Card tags: one record per tag, "name \x1F encoded text \x1E", escaped the same way.
std::string encode_tags(const std::map<std::string, Text>& tags);
std::optional<std::map<std::string, Text>> decode_tags(std::string_view encoded);

// A list of strings (languages): each item escaped and ended by \x1E, so an empty item survives too.
std::string encode_list(const std::vector<std::string>& items);
std::optional<std::vector<std::string>> decode_list(std::string_view encoded);

// A list of texts (the urgent actions): each encoded by encode_text, then listed as encode_list does.
std::string encode_texts(const std::vector<Text>& texts);
std::optional<std::vector<Text>> decode_texts(std::string_view encoded);

// "YYYY-MM-DDTHH:MM:SS". Reading fills the weekday from the date.
std::string format_local_time(const LocalTime& time);
std::optional<LocalTime> parse_stored_time(std::string_view text);

// Local times joined by ",".
std::string encode_times(const std::vector<LocalTime>& times);
std::optional<std::vector<LocalTime>> decode_times(std::string_view encoded);

} // namespace kiosk::store
