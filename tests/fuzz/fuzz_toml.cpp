// Fuzzes the guarded TOML reader (toml11 behind size, UTF-8 and nesting checks).
#include "content/toml_reader.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    kiosk::Diagnostics diagnostics;
    kiosk::parse_toml(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml", diagnostics);
    return 0;
}
