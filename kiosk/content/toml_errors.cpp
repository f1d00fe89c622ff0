// toml11 3.7's syntax errors mapped to plain words, with the line's own text to tell the likely mistake; each message
// below was seen from toml11 on a broken file (tests/unit/test_toml_reader.cpp has one of each).
#include "content/toml_errors.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <vector>

namespace kiosk {

namespace {

bool has(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

// The quote a line leaves open ('"' or '\''), or 0: quotes are read as TOML reads them on one line, a \ escaping the
// next character inside "...", a # outside quotes starting a note. A ' counts only where a value starts, so that the
// apostrophe in `name = it's` is not taken for one. A line with """ or ''' (a text over several lines) is not judged.
char open_quote(std::string_view line)
{
    if (has(line, "\"\"\"") || has(line, "'''"))
        return 0;
    char quote = 0;
    char before = '='; // The last character outside quotes that is not a space.
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quote == 0 && c == '#')
            break;
        if (quote == '"' && c == '\\')
            ++i;
        else if (quote == 0
            && (c == '"' || (c == '\'' && std::string_view("=[,{").find(before) != std::string_view::npos)))
            quote = c;
        else if (quote != 0 && c == quote)
            quote = 0;
        else if (quote == 0 && c != ' ' && c != '\t')
            before = c;
    }
    return quote;
}

// The line's value: what follows its first '=' outside quotes, trimmed, or nothing for a line without one.
std::optional<std::string_view> value_part(std::string_view line)
{
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quote == 0 && c == '=')
            return trimmed(line.substr(i + 1));
        if (quote == 0 && (c == '"' || c == '\''))
            quote = c;
        else if (c == quote)
            quote = 0;
    }
    return std::nullopt;
}

// The name toml11 quotes in `value ("name") already exists`.
std::string quoted_name(std::string_view what)
{
    std::size_t open = what.find("(\"");
    std::size_t close = open == std::string_view::npos ? open : what.find("\")", open + 2);
    if (close == std::string_view::npos)
        return "a name";
    return std::string(what.substr(open + 2, close - open - 2));
}

// The lines toml11's excerpt shows (" 1 | name = ..."), in its order: for "given twice", the first is the first time.
std::vector<int> excerpt_lines(std::string_view what)
{
    std::vector<int> lines;
    for (std::size_t at = what.find('\n'); at != std::string_view::npos; at = what.find('\n', at + 1)) {
        std::string_view row = what.substr(at + 1, what.find('\n', at + 1) - at - 1);
        std::size_t bar = row.find(" | ");
        std::string_view number = trimmed(row.substr(0, bar));
        if (bar != std::string_view::npos && !number.empty() && number.size() < 9
            && std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }))
            lines.push_back(std::stoi(std::string(number)));
    }
    return lines;
}

Reason given_twice(std::string_view what, const std::string& name)
{
    std::vector<int> lines = excerpt_lines(what);
    int first = lines.size() > 1 ? lines.front() : 0;
    if (first > 0)
        return Reason::said("toml_given_twice_first_on", {{"name", name}, {"line", std::to_string(first)}});
    return Reason::said("toml_given_twice", {{"name", name}});
}

// A [section] heading line that has a mistake of its own, or nothing.
std::optional<Reason> heading_error(std::string_view line)
{
    std::string_view text = trimmed(line.substr(0, line.find('#')));
    if (text.empty() || text.front() != '[')
        return std::nullopt;
    bool list = text.substr(0, 2) == "[[";
    if (list && text.find("]]") == std::string_view::npos)
        return Reason::said("toml_list_heading_not_closed");
    if (text.find(']') == std::string_view::npos)
        return Reason::said("toml_heading_not_closed");
    std::size_t close = text.rfind(']');
    if (!trimmed(text.substr(close + 1)).empty())
        return Reason::said("toml_heading_not_alone");
    return Reason::said("toml_heading_bad_name");
}

// toml11's first sentence, without its "[error] toml::parse_x: " prefix: the words for a message we do not know, said
// as toml11 says them.
Reason own_words(std::string_view what)
{
    std::string first(what.substr(0, what.find('\n')));
    for (const char* prefix : {"[error] ", "toml::"}) {
        if (first.rfind(prefix, 0) == 0)
            first = first.substr(std::string(prefix).size());
    }
    if (auto colon = first.find(": ");
        colon != std::string::npos && first.substr(0, colon).find(' ') == std::string::npos)
        first = first.substr(colon + 2);
    while (!first.empty() && first.back() == ' ')
        first.pop_back();
    return first.empty() ? Reason::said("toml_not_valid") : Reason::plain(first);
}

} // namespace

Reason plain_toml_error(std::string_view what, std::string_view line)
{
    std::string_view first = what.substr(0, what.find('\n'));
    // Curly quotes, which word processors and phones type, are no quotes to TOML.
    bool curly = has(line, "\xE2\x80\x9C") || has(line, "\xE2\x80\x9D") || has(line, "\xE2\x80\x98")
        || has(line, "\xE2\x80\x99");

    if (has(first, "already exists")) {
        std::string name = quoted_name(first);
        if (has(first, "array of tables"))
            return Reason::said("toml_array_and_table", {{"name", name}});
        if (has(first, "table ("))
            return given_twice(what, "[" + name + "]");
        return given_twice(what, name);
    }
    if (char quote = open_quote(line); quote != 0 && !curly)
        return Reason::said("toml_quote_not_closed", {{"quote", std::string(1, quote)}});
    if (has(first, "parse_ml_basic_string") || has(first, "parse_ml_literal_string"))
        return Reason::said("toml_multiline_not_closed");
    if (has(first, "parse_basic_string"))
        return Reason::said("toml_bad_escape");
    if (has(first, "parse_key") || has(first, "parse_table_key") || has(first, "parse_array_table_key")) {
        if (auto heading = heading_error(line))
            return *heading;
    }
    if (curly)
        return Reason::said("toml_curly_quotes");
    if (has(first, "missing key-value separator") || has(first, "invalid format for key")
        || has(first, "empty key is not allowed") || has(first, "missing value after key-value separator"))
        return Reason::said("toml_needs_equals", {{"example", "name = \"Eastside\""}});
    if (has(first, "missing curly brace") || (has(first, "parse_key") && has(line, "{") && !has(line, "}")))
        return Reason::said("toml_inline_table_not_closed", {{"open", "{"}, {"close", "}"}});
    if (has(first, "missing table separator"))
        return Reason::said("toml_inline_table_separator", {{"braces", "{ }"}, {"close", "}"}});
    if (has(first, "trailing comma is not allowed in an inline table"))
        return Reason::said("toml_inline_table_trailing_comma", {{"braces", "{ }"}});
    if (has(first, "missing array separator")) {
        // toml11 points at the line after an unclosed list; its excerpt starts where the list does.
        std::vector<int> lines = excerpt_lines(what);
        bool earlier = lines.size() > 1 && lines.front() != lines.back();
        if (earlier)
            return Reason::said("toml_list_separator_starts_on", {{"line", std::to_string(lines.front())}});
        return Reason::said("toml_list_separator");
    }
    if (has(first, "invalid line format")) {
        auto value = value_part(line);
        if (value && !value->empty() && std::string_view("\"'[{").find(value->front()) != std::string_view::npos)
            return Reason::said("toml_line_goes_on");
        return Reason::said("toml_not_a_value");
    }
    if (has(first, "unknown value appeared") || has(first, "value having invalid format") || has(first, "parse_boolean")
        || has(first, "parse_integer") || has(first, "parse_floating"))
        return Reason::said("toml_not_a_value");
    if (has(first, "parse_key"))
        return Reason::said("toml_bad_name");
    return own_words(what);
}

} // namespace kiosk
