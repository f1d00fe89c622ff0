// The immutable content the screens draw from: a bundle and its occurrences for the next 90 days. A finished import,
// or midnight, replaces it whole, between frames.
#pragma once

#include "content/bundle_reader.hpp"

#include <map>
#include <memory>

namespace kiosk {

// Images' encoded bytes (as stored: scaled, re-encoded) by path, decoded into textures only when drawn.
using ImageBytes = std::map<std::string, std::string>;

struct ContentSnapshot {
    std::shared_ptr<const Bundle> bundle;
    std::shared_ptr<const ImageBytes> images;
    std::vector<Occurrence> occurrences; // From the start of `day` for 90 days, sorted; they point into `bundle`.
    std::string day;                     // The local date they were expanded on ("2026-12-01").
    // When this content was imported, or the epoch when unknown (a previewed folder). A clock earlier than this is
    // wrong (a Pi without a battery clock before its first sync), and the agenda then labels no day "Today".
    WallTime imported_at {};
    WallTime expires_at {}; // When the feed said this content would be replaced; the epoch for never.

    const BundleInfo& info() const { return bundle->info; }
};

using SnapshotPtr = std::shared_ptr<const ContentSnapshot>;

// Expands the bundle's events from the start of `now`'s local day in `zone` for 90 days.
SnapshotPtr make_snapshot(std::shared_ptr<const Bundle> bundle, std::shared_ptr<const ImageBytes> images, WallTime now,
    const TimeZone& zone, WallTime imported_at = {}, WallTime expires_at = {});

// "2026-12-01" for a local time.
std::string local_date(const LocalTime& time);

} // namespace kiosk
