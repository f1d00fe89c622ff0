// The bundle's description (bundle.toml): name, languages, time zone, the urgent-help tile and the sections.
#pragma once

#include "content/diagnostic.hpp"
#include "content/sheet_dates.hpp"
#include "content/text.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk {

enum class SectionKind {
    Page,   // One Markdown page.
    Cards,  // A list of cards from a CSV file.
    Agenda, // Events from events.csv and calendars/*.ics.
};

const char* section_kind_name(SectionKind kind);

struct Section {
    std::string id; // [a-z0-9-]+, unique, never "home" or "urgent".
    SectionKind kind = SectionKind::Page;
    Text title;
    std::string page;          // Page sections: pages/<page>.md
    std::string source;        // Card sections: the CSV file.
    std::string filter_column; // Card sections: optional filter chips.
    std::string icon;          // Its tile's icon: a name of section_icons.hpp's list, or empty for its kind's.
};

// The most lines [urgent] actions may hold: three large blocks still fit the first screen of a 7-inch 800x480 panel.
inline constexpr std::size_t max_urgent_actions = 3;

struct UrgentTile {
    Text title;
    std::string page;          // pages/<page>.md
    std::vector<Text> actions; // Up to max_urgent_actions short lines shown first on the page, in large blocks.
};

// One language's [pronounce.<language>] table: each word and how read aloud says it, in file order.
using Pronunciations = std::vector<std::pair<std::string, std::string>>;

// Bounds of [pronounce]: content is hostile, and every utterance is searched for every word of its language.
inline constexpr std::size_t max_pronunciations = 200; // Words a language keeps; past it the rest are warned about.
inline constexpr std::size_t max_pronounced_word_bytes = 64;
inline constexpr std::size_t max_said_as_bytes = 200;

struct BundleInfo {
    Text name;
    std::vector<std::string> languages;          // The first is the default; never empty.
    std::string time_zone;                       // IANA name, or empty.
    DateOrder date_order = DateOrder::Unsettled; // date_order: how events.csv's 03/04/2026 reads; else the file says.
    std::optional<UrgentTile> urgent;
    std::vector<Section> sections;
    std::map<std::string, Pronunciations> pronounce; // [pronounce.<language>], for each of `languages` that has one.
    // The bundle.toml line of each entry of `pronounce`, in the same order, for kiosk check's warnings; empty in a
    // bundle loaded from the store.
    std::map<std::string, std::vector<int>> pronounce_lines;

    const std::string& default_language() const { return languages.front(); }
    const Section* find_section(const std::string& id) const;
};

// Reads `dir`/bundle.toml. Problems go to `diagnostics` with paths relative to the bundle; returns nothing when the
// bundle cannot be used at all (a Fatal diagnostic says why).
std::optional<BundleInfo> read_bundle_info(const std::string& dir, Diagnostics& diagnostics);

// True for ids made of a-z, 0-9 and '-', 1 to 64 characters.
bool is_valid_id(const std::string& id);

} // namespace kiosk
