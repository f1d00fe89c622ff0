// Unix times as text for people and JSON: "2026-11-26T12:00:00Z", "2026-11-26 12:00".
#pragma once

#include <cstdint>
#include <string>

namespace kiosk {

enum class TimeText { IsoUtc, LocalMinutes, LocalDate };

std::string time_text(std::int64_t unix_seconds, TimeText kind);

} // namespace kiosk
