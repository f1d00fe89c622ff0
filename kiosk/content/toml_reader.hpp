// TOML files (bundle.toml, settings, theme, strings) read through guards that keep hostile text away from toml11.
#pragma once

#include "content/reason.hpp"

#include "content/diagnostic.hpp"
#include "content/text_util.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <toml.hpp>

namespace kiosk {

struct TomlLimits {
    std::size_t max_bytes = 64 * 1024; // bundle.toml and settings are a few KiB; toml11 3.7 is not safe on big input.
    int max_nesting = 32;              // Deeper [ or { nesting overflows toml11's stack.
};

// Checks size, UTF-8 and nesting, then parses. On any problem adds a Fatal diagnostic naming `file_name` and the
// line, and returns nothing.
std::optional<toml::value> parse_toml(
    std::string_view text, const std::string& file_name, Diagnostics& diagnostics, TomlLimits limits = {});

// Reads the file (refusing one larger than the limit before reading it) and parses it as above.
std::optional<toml::value> read_toml_file(
    const std::string& path, const std::string& file_name, Diagnostics& diagnostics, TomlLimits limits = {});

// The line of a value in its file, or 0 when toml11 does not know it.
int line_of(const toml::value& value);

// "a string", "a number", ... for messages.
std::string toml_type_name(const toml::value& value);
// The same as a reason, said in the kiosk's language on the staff screen and in kiosk-report.txt.
Reason toml_type_reason(const toml::value& value);

} // namespace kiosk
