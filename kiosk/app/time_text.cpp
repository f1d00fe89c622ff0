// time_text: one strftime for every format the commands and the staff screen print.
#include "app/time_text.hpp"

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

} // namespace kiosk
