// Fuzzes the CSV reader and the card and event readers on top of it.
#include "content/card.hpp"
#include "content/csv.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    kiosk::Diagnostics diagnostics;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto table = kiosk::parse_csv(text, "fuzz.csv", diagnostics)) {
        kiosk::read_cards(*table, "fuzz.csv", {"en", "es"}, diagnostics);
        kiosk::read_events_csv(*table, "fuzz.csv", {"en", "es"}, diagnostics);
    }
    return 0;
}
