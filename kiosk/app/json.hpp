// Writing JSON for --json output (small enough not to need a library).
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// `text` as a JSON string literal, quotes included; control characters and invalid UTF-8 escaped safely.
std::string json_string(std::string_view text);

} // namespace kiosk
