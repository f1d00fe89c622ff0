// kiosk-report.txt in the kiosk's language: the sync layer's report, with its fixed words from assets/strings and its
// times and versions as staff read them.
#pragma once

#include "content/clock.hpp"
#include "content/time_zone.hpp"
#include "store/store.hpp"
#include "sync/usb.hpp"
#include "ui/strings.hpp"

#include <functional>
#include <memory>
#include <string>

namespace kiosk {

// The report's words in the language of the content that shows (English for a language the strings files lack),
// times in the zone the screen uses (`settings_zone`, else the content's, else the system's) with its name.
// `strings` is shared, as the sync thread uses it after the caller's copy is gone.
std::function<sync::ReportWords(store::Store& store)> report_words(
    std::shared_ptr<const ui::Strings> strings, std::string settings_zone, const Clock& clock);

// The same for one language and zone.
sync::ReportWords report_words_in(
    const ui::Strings& strings, const std::string& language, const TimeZone& zone, const Clock& clock);

} // namespace kiosk
