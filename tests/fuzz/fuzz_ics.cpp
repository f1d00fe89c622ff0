// Fuzzes the iCalendar reader and the expansion of what it reads, and the same bytes as a translation file.
#include "content/event.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// A weekly series with one moved occurrence, for the input to translate (calendars/x.es.ics).
constexpr std::string_view translated = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:call\r\nSUMMARY:Call\r\n"
                                        "DTSTART;TZID=America/New_York:20261202T190000\r\nRRULE:FREQ=WEEKLY\r\n"
                                        "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:call\r\n"
                                        "RECURRENCE-ID;TZID=America/New_York:20261209T190000\r\nSUMMARY:Call\r\n"
                                        "DTSTART;TZID=America/New_York:20261209T200000\r\nEND:VEVENT\r\n"
                                        "END:VCALENDAR\r\n";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    kiosk::Diagnostics diagnostics;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto events = kiosk::read_ics(text, "fuzz.ics", {"en", "es"}, diagnostics);
    kiosk::Diagnostics translation_diagnostics;
    kiosk::read_ics(
        translated, "calendars/x.ics", {"en", "es"}, translation_diagnostics, {}, {{text, "calendars/x.es.ics", "es"}});
    auto zone = kiosk::TimeZone::utc();
    auto from = zone.to_wall({2026, 12, 1, 0, 0, 0, 2});
    kiosk::expand_occurrences(events, from, from + std::chrono::hours(24 * 90), zone, 200);
    return 0;
}
