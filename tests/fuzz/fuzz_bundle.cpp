// Fuzzes whole-bundle validation. The input is a bundle written as "--- path" lines, each followed by that file's
// contents; the files are written into a fresh folder and read as a bundle.
#include "content/bundle_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

bool safe_path(const std::string& path)
{
    if (path.empty() || path.size() > 64 || path[0] == '/' || path.find("..") != std::string::npos)
        return false;
    for (char c : path) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '/';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const fs::path dir = fs::temp_directory_path() / ("kiosk-fuzz-bundle-" + std::to_string(getpid()));
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    fs::create_directories(dir);
    std::string input(reinterpret_cast<const char*>(data), size);
    std::size_t at = 0;
    int files = 0;
    while (at < input.size() && files < 20) {
        if (input.compare(at, 4, "--- ") != 0) {
            at = input.find("\n--- ", at);
            if (at == std::string::npos)
                break;
            ++at;
            continue;
        }
        std::size_t name_end = input.find('\n', at);
        if (name_end == std::string::npos)
            break;
        std::string path = input.substr(at + 4, name_end - at - 4);
        std::size_t next = input.find("\n--- ", name_end);
        std::size_t end = next == std::string::npos ? input.size() : next + 1;
        if (safe_path(path)) {
            fs::create_directories((dir / path).parent_path(), ignored);
            std::ofstream(dir / path, std::ios::binary) << input.substr(name_end + 1, end - name_end - 1);
            ++files;
        }
        at = end;
    }
    kiosk::Diagnostics diagnostics;
    if (auto bundle = kiosk::read_bundle(dir.string(), diagnostics)) {
        auto zone = kiosk::TimeZone::utc();
        kiosk::count_bundle(*bundle, zone.to_wall({2026, 12, 1, 0, 0, 0, 2}), zone);
    }
    return 0;
}
