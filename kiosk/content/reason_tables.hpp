// The reasons' English templates, one table per part of the kiosk that says them; reason_templates() joins them.
// Each key is unique across every table, and assets/strings/<lang>.toml has "reason_" + key for each.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace kiosk {

using ReasonTable = std::vector<std::pair<std::string_view, std::string_view>>;

const ReasonTable& sync_reasons();     // reason.cpp: signatures, versions, sticks, the feed, waiting bundles.
const ReasonTable& bundle_reasons();   // reasons_bundle.cpp: bundle.toml and the TOML reader.
const ReasonTable& file_reasons();     // reasons_files.cpp: the bundle's files, pictures and Markdown pages.
const ReasonTable& sheet_reasons();    // reasons_sheets.cpp: spreadsheets (CSV), cards and their dates.
const ReasonTable& calendar_reasons(); // reasons_calendars.cpp: calendars (ICS).

} // namespace kiosk
