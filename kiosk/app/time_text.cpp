// time_text: one strftime for every format the commands and the staff screen print.
#include "app/time_text.hpp"

#include "store/versions.hpp"

#include <ctime>

namespace kiosk {

std::string time_text(std::int64_t unix_seconds, TimeText kind)
{
    auto t = std::time_t(unix_seconds);
    std::tm tm {};
    if (kind == TimeText::IsoUtc)
        gmtime_r(&t, &tm);
    else
        localtime_r(&t, &tm);
    const char* format = kind == TimeText::IsoUtc ? "%Y-%m-%dT%H:%M:%SZ"
        : kind == TimeText::LocalMinutes          ? "%Y-%m-%d %H:%M"
                                                  : "%Y-%m-%d";
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &tm);
    return buffer;
}

std::string PeopleTime::time(std::int64_t unix_seconds) const
{
    // A WallTime counts nanoseconds: past about the year 2255 it would overflow. Such a time (a version dated 9999,
    // an expiry a MANIFEST made up) is said as it is, in UTC.
    constexpr std::int64_t wall_limit = 9'000'000'000;
    if (unix_seconds > wall_limit || unix_seconds < -wall_limit)
        return time_text(unix_seconds, TimeText::IsoUtc);
    WallTime at {std::chrono::seconds(unix_seconds)};
    LocalTime local = zone.to_local(at);
    if (!strings) { // The commands' English, in the same shape.
        static const char* const days[]
            = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
        static const char* const months[] = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};
        int hour12 = local.hour % 12 == 0 ? 12 : local.hour % 12;
        std::string minutes = (local.minute < 10 ? "0" : "") + std::to_string(local.minute);
        return std::string(days[local.weekday % 7]) + ", " + months[(local.month + 11) % 12] + " "
            + std::to_string(local.day)
            + (local.year != zone.to_local(now).year ? ", " + std::to_string(local.year) : "") + ", "
            + std::to_string(hour12) + ":" + minutes + (local.hour < 12 ? " AM " : " PM ") + zone.abbreviation(at);
    }
    std::string date = strings->format_date(local, language);
    if (local.year != zone.to_local(now).year)
        date += " " + std::to_string(local.year);
    return date + ", " + strings->format_time(local, language) + " " + zone.abbreviation(at);
}

std::string PeopleTime::version(const std::string& version) const
{
    std::int64_t packed = store::is_packed_version(version) ? store::packed_version_seconds(version) : 0;
    if (packed <= 0)
        return strings ? strings->format(ui::Phrase {"version_plain", {{"version", version}}}, language)
                       : "version " + version;
    return strings
        ? strings->format(ui::Phrase {"version_packed", {{"time", time(packed)}, {"version", version}}}, language)
        : "packed " + time(packed) + " (version " + version + ")";
}

std::string PeopleTime::reason(const Reason& reason) const
{
    if (!strings)
        return reason.text();
    return reason.text([this](const std::string& key) { return strings->find("reason_" + key, language); });
}

} // namespace kiosk
