// Fuzzes the MANIFEST reader: a stranger's stick decides its bytes, and it is read before any signature is trusted.
#include "sync/signing.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (auto manifest = kiosk::sync::parse_manifest(text, error)) {
        // What parses writes back the same way, and reads again to the same files.
        std::string again = kiosk::sync::manifest_text(*manifest);
        auto reread = kiosk::sync::parse_manifest(again, error);
        if (!reread || reread->files.size() != manifest->files.size() || reread->version != manifest->version)
            __builtin_trap();
    }
    return 0;
}
