// A whole bundle: bundle.toml, pages, card lists, events, calendars and images, validated together.
#pragma once

#include "content/bundle.hpp"
#include "content/card.hpp"
#include "content/event.hpp"
#include "content/image_info.hpp"
#include "content/markdown.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// One page file as read from a bundle folder: where it is and its Markdown, which the store keeps.
struct PageFile {
    std::string path; // "pages/about.es.md"
    std::string markdown;
};

struct Page {
    std::string name;                            // pages/<name>.md
    std::map<std::string, Document> by_language; // The default language always; translations when given.
    // The file each language was read from, when read from a folder (read_bundle); empty in a bundle loaded from the
    // store, which needs only the parsed pages. A default language without a file of its own has the file of the
    // translation standing in for it.
    std::map<std::string, PageFile> files;

    // The page in `language`, else in the default language.
    const Document& in(const std::string& language, const std::string& default_language) const;
};

struct Bundle {
    BundleInfo info;
    std::map<std::string, Page> pages;                   // By name.
    std::map<std::string, std::vector<Card>> card_lists; // By source file ("unions.csv").
    std::vector<Event> events;                           // events.csv and calendars/*.ics, as rules.
    std::map<std::string, ImageInfo> images;             // By path ("images/map.png").
};

// A file of a bundle already checked for size (read_bundle does) is at most this: staging's limit for one file.
inline constexpr std::uint64_t max_bundle_file_bytes = 64ull << 20;

struct BundleLimits {
    std::size_t max_files = 2000;
    std::uint64_t max_total_bytes = 256ull * 1024 * 1024;
    std::size_t max_pages = 500; // Page files, translations included.
    std::size_t max_images = 500;
    std::size_t max_calendars = 50;
    std::size_t max_events = 20000; // All files together.
    std::size_t max_page_bytes = 256 * 1024;
};

// Reads and validates the bundle in `dir`. Every problem goes to `diagnostics` with its path relative to the bundle.
// Returns nothing when the bundle cannot be used (a Fatal diagnostic says why); row errors leave the rest.
std::optional<Bundle> read_bundle(const std::string& dir, Diagnostics& diagnostics, const BundleLimits& limits = {});

struct BundleCounts {
    std::size_t pages = 0;
    std::size_t cards = 0;
    std::size_t events = 0;
    std::size_t occurrences = 0; // Over the 90 days from "now".
    std::size_t images = 0;
};

// What the bundle holds, with occurrences counted from `now` for 90 days in `zone`.
BundleCounts count_bundle(const Bundle& bundle, WallTime now, const TimeZone& zone);

// The zone a kiosk shows this bundle in: the settings' zone, else the bundle's, else the system's.
TimeZone kiosk_time_zone(const std::string& settings_zone, const Bundle* bundle);

} // namespace kiosk
