// bundle.toml's [pronounce] tables (issue 19): read into BundleInfo, and checked against the bundle's texts.
#pragma once

#include "content/bundle.hpp"

#include <toml.hpp>

namespace kiosk {

struct Bundle;

// Reads [pronounce] `value` into info.pronounce and info.pronounce_lines, for the languages already in
// info.languages. Every problem is a warning at its line of bundle.toml and leaves out only what it is about: a word
// read the engine's way is no reason to refuse a bundle.
void read_pronounce(const toml::value& value, BundleInfo& info, Diagnostics& diagnostics);

// A warning at its line for each word of [pronounce] that no text of its language says as apply_pronunciations would
// find it (the name, the urgent tile, section titles, pages, cards and events, each as a visitor in that language is
// shown it): a misspelt word, or one the texts no longer use. Needs info.pronounce_lines (a bundle read from a folder).
void check_pronunciations_used(const Bundle& bundle, Diagnostics& diagnostics);

} // namespace kiosk
