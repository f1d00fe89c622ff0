// Writing JSON for --json output (small enough not to need a library).
#pragma once

#include "content/bundle_reader.hpp"
#include "content/diagnostic.hpp"

#include <string>
#include <string_view>

namespace kiosk {

// `text` as a JSON string literal, quotes included; control characters and invalid UTF-8 escaped safely.
std::string json_string(std::string_view text);

// {"pages": n, "cards": n, "events": n, "occurrences": n, "images": n}
std::string counts_json(const BundleCounts& counts);

// [{"file", "line", "severity", "fatal", "message"}, ...]
std::string diagnostics_json(const Diagnostics& diagnostics);

} // namespace kiosk
