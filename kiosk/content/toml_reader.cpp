// Guarded TOML parsing: size, UTF-8 and nesting checks before toml11, and its errors turned into diagnostics.
#include "content/toml_reader.hpp"

#include "content/posix_file.hpp"
#include "content/toml_errors.hpp"

#include <sstream>
#include <sys/stat.h>

namespace kiosk {

namespace {

// Deepest nesting of [ and { outside strings and comments, and where it first went past `limit`.
struct Nesting {
    int depth = 0;
    std::size_t offset = 0;
};

Nesting deepest_nesting(std::string_view text, int limit)
{
    Nesting worst;
    int depth = 0;
    std::size_t i = 0;
    auto starts_with = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
    while (i < text.size()) {
        char c = text[i];
        if (c == '#') {
            while (i < text.size() && text[i] != '\n')
                ++i;
        } else if (starts_with("\"\"\"") || starts_with("'''")) {
            std::string_view quote = text.substr(i, 3);
            i += 3;
            while (i < text.size() && !starts_with(quote))
                i += (text[i] == '\\' && quote[0] == '"') ? 2 : 1;
            i += 3;
            continue;
        } else if (c == '"' || c == '\'') {
            ++i;
            while (i < text.size() && text[i] != c && text[i] != '\n')
                i += (text[i] == '\\' && c == '"') ? 2 : 1;
        } else if (c == '[' || c == '{') {
            ++depth;
            if (depth > worst.depth) {
                worst.depth = depth;
                if (depth > limit && worst.offset == 0)
                    worst.offset = i;
            }
        } else if (c == ']' || c == '}') {
            depth = depth > 0 ? depth - 1 : 0;
        }
        ++i;
    }
    return worst;
}

// The text of 1-based line `line`, without its line end; empty past the end.
std::string_view line_text(std::string_view text, int line)
{
    std::size_t begin = 0;
    for (int n = 1; n < line && begin != std::string_view::npos; ++n) {
        begin = text.find('\n', begin);
        begin = begin == std::string_view::npos ? begin : begin + 1;
    }
    if (line < 1 || begin == std::string_view::npos)
        return {};
    std::string_view rest = text.substr(begin);
    return rest.substr(0, rest.find('\n'));
}

} // namespace

std::optional<toml::value> parse_toml(
    std::string_view text, const std::string& file_name, Diagnostics& diagnostics, TomlLimits limits)
{
    if (text.size() > limits.max_bytes) {
        diagnostics.fatal(file_name, 0,
            Reason::said("toml_too_large",
                {{"size", std::to_string(text.size() / 1024)}, {"limit", std::to_string(limits.max_bytes / 1024)}}));
        return std::nullopt;
    }
    if (int line = first_invalid_utf8_line(text)) {
        diagnostics.fatal(file_name, line, Reason::said("toml_bad_encoding"));
        return std::nullopt;
    }
    if (text.find('\0') != std::string_view::npos) {
        diagnostics.fatal(file_name, line_at(text, text.find('\0')), Reason::said("toml_nul_byte"));
        return std::nullopt;
    }
    Nesting nesting = deepest_nesting(text, limits.max_nesting);
    if (nesting.depth > limits.max_nesting) {
        diagnostics.fatal(file_name, line_at(text, nesting.offset),
            Reason::said("toml_nested_too_deep", {{"n", std::to_string(limits.max_nesting)}}));
        return std::nullopt;
    }
    try {
        std::istringstream stream {std::string(text)};
        return toml::parse(stream, file_name);
    } catch (const toml::exception& e) {
        int line = static_cast<int>(e.location().line());
        diagnostics.fatal(file_name, line, plain_toml_error(e.what(), line_text(text, line)));
    } catch (const std::exception& e) {
        diagnostics.fatal(file_name, 0, plain_toml_error(e.what(), ""));
    }
    return std::nullopt;
}

std::optional<toml::value> read_toml_file(
    const std::string& path, const std::string& file_name, Diagnostics& diagnostics, TomlLimits limits)
{
    struct stat st { };
    if (stat(path.c_str(), &st) != 0) {
        diagnostics.fatal(file_name, 0, Reason::said("toml_file_missing"));
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        diagnostics.fatal(file_name, 0, Reason::said("toml_not_regular_file"));
        return std::nullopt;
    }
    if (static_cast<std::size_t>(st.st_size) > limits.max_bytes) {
        diagnostics.fatal(file_name, 0,
            Reason::said("toml_too_large",
                {{"size", std::to_string(st.st_size / 1024)}, {"limit", std::to_string(limits.max_bytes / 1024)}}));
        return std::nullopt;
    }
    auto text = posix::read_file(path, limits.max_bytes);
    if (!text) {
        diagnostics.fatal(file_name, 0, Reason::said("toml_cannot_read"));
        return std::nullopt;
    }
    return parse_toml(*text, file_name, diagnostics, limits);
}

int line_of(const toml::value& value)
{
    return static_cast<int>(value.location().line());
}

std::string toml_type_name(const toml::value& value)
{
    return toml_type_reason(value).text();
}

Reason toml_type_reason(const toml::value& value)
{
    switch (value.type()) {
    case toml::value_t::string:
        return Reason::said("toml_type_text");
    case toml::value_t::integer:
        return Reason::said("toml_type_whole_number");
    case toml::value_t::floating:
        return Reason::said("toml_type_number");
    case toml::value_t::boolean:
        return Reason::said("toml_type_true_or_false");
    case toml::value_t::array:
        return Reason::said("toml_type_list");
    case toml::value_t::table:
        return Reason::said("toml_type_table");
    case toml::value_t::offset_datetime:
    case toml::value_t::local_datetime:
    case toml::value_t::local_date:
    case toml::value_t::local_time:
        return Reason::said("toml_type_date");
    case toml::value_t::empty:
        break;
    }
    return Reason::said("toml_type_nothing");
}

} // namespace kiosk
