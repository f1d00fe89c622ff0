// A calendar of translations (calendars/NAME.es.ics) matched, event by event, with the calendar it translates.
#pragma once

#include "content/event.hpp"
#include "content/ics_event_reader.hpp"

#include <string>
#include <vector>

namespace kiosk::ics_detail {

// Reads `translation` and sets its VEVENTs' texts as its language's texts of the `items` of `calendar_file` with the
// same UID (and RECURRENCE-ID, when it has one). `reader` read the items: it knows their file's zones. Problems go
// to `diagnostics` under the translation's file name; a translation that matches nothing is a warning at its line.
void apply_translation(const IcsTranslation& translation, const std::string& calendar_file, std::vector<Item>& items,
    EventReader& reader, Diagnostics& diagnostics, const IcsLimits& limits);

} // namespace kiosk::ics_detail
