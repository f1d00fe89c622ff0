// Unix times as text for people and JSON: "2026-11-26T12:00:00Z", "2026-11-26 12:00".
#pragma once

#include "content/reason.hpp"
#include "content/time_zone.hpp"
#include "ui/strings.hpp"

#include <cstdint>
#include <string>

namespace kiosk {

enum class TimeText { IsoUtc, LocalMinutes, LocalDate };

std::string time_text(std::int64_t unix_seconds, TimeText kind);

// How staff read times and versions: in the kiosk's zone and language, with the zone's name.
struct PeopleTime {
    const ui::Strings* strings = nullptr; // Nothing: English words built in (the commands' text).
    std::string language = "en";
    TimeZone zone = TimeZone::utc();
    WallTime now {}; // A time of another year than now's says its year.

    // "Sunday, December 6, 10:37 PM CST"; "domingo, 6 de diciembre, 22:37 CST".
    std::string time(std::int64_t unix_seconds) const;
    // A packed version as when it was packed: "packed Sunday, December 6, 10:34 PM CST (version 20261206163414)";
    // another ("local-1") as "version local-1".
    std::string version(const std::string& version) const;
    // A reason from the sync layer in this language: each part from the strings files' "reason_" keys, in English
    // where they have none (and without strings).
    std::string reason(const Reason& reason) const;
};

} // namespace kiosk
