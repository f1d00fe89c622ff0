// Fuzzes the Markdown reader (md4c into the document model).
#include "content/markdown.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    kiosk::Diagnostics diagnostics;
    kiosk::parse_markdown(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.md", diagnostics);
    return 0;
}
