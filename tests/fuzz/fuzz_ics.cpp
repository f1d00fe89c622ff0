// Fuzzes the iCalendar reader and the expansion of what it reads.
#include "content/event.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    kiosk::Diagnostics diagnostics;
    auto events
        = kiosk::read_ics(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.ics", {"en"}, diagnostics);
    auto zone = kiosk::TimeZone::utc();
    auto from = zone.to_wall({2026, 12, 1, 0, 0, 0, 2});
    kiosk::expand_occurrences(events, from, from + std::chrono::hours(24 * 90), zone, 200);
    return 0;
}
