// Snapshots: a bundle with its occurrences expanded for the days ahead.
#include "content/snapshot.hpp"

#include <cstdio>

namespace kiosk {

namespace {

constexpr int days_ahead = 90;

} // namespace

std::string local_date(const LocalTime& time)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", time.year, time.month, time.day);
    return buffer;
}

SnapshotPtr make_snapshot(std::shared_ptr<const Bundle> bundle, std::shared_ptr<const ImageBytes> images, WallTime now,
    const TimeZone& zone, WallTime imported_at, WallTime expires_at)
{
    auto snapshot = std::make_shared<ContentSnapshot>();
    snapshot->imported_at = imported_at;
    snapshot->expires_at = expires_at;
    snapshot->images = images ? std::move(images) : std::make_shared<const ImageBytes>();
    LocalTime today = zone.to_local(now);
    snapshot->day = local_date(today);
    today.hour = today.minute = today.second = 0;
    WallTime from = zone.to_wall(today);
    snapshot->occurrences = expand_occurrences(bundle->events, from, from + std::chrono::hours(24 * days_ahead), zone);
    snapshot->bundle = std::move(bundle);
    return snapshot;
}

} // namespace kiosk
