// kiosk-report.txt's words from the strings files.
#include "app/report_words.hpp"

#include "app/time_text.hpp"

#include <utility>

namespace kiosk {

sync::ReportWords report_words_in(
    const ui::Strings& strings, const std::string& language, const TimeZone& zone, const Clock& clock)
{
    std::string shown = strings.has_language(language) ? language : "en";
    auto get = [&](const char* key) { return strings.get(key, shown); };
    sync::ReportWords words;
    words.heading = get("report_heading");
    words.imported = get("report_imported");
    words.unchanged = get("report_unchanged");
    words.pending = get("report_pending");
    words.refused = get("report_refused");
    words.too_deep = get("report_too_deep");
    words.others = get("report_others");
    words.problems = get("report_problems");
    words.no_problems = get("report_no_problems");
    PeopleTime people {&strings, shown, zone, clock.now()};
    words.time = [people](std::int64_t unix_seconds) { return people.time(unix_seconds); };
    words.version = [people](const std::string& version) { return people.version(version); };
    words.reason = [people](const Reason& reason) { return people.reason(reason); };
    return words;
}

std::function<sync::ReportWords(store::Store& store)> report_words(
    std::shared_ptr<const ui::Strings> strings, std::string settings_zone, const Clock& clock)
{
    return [strings = std::move(strings), settings_zone = std::move(settings_zone), clock](store::Store& store) {
        store::Store::Locale locale = store.active_locale();
        std::optional<TimeZone> zone;
        for (const std::string* name : {&settings_zone, static_cast<const std::string*>(&locale.time_zone)})
            if (!zone && !name->empty())
                zone = TimeZone::named(*name);
        // The words hold `strings` by pointer: the report is made before this call's caller lets go of them.
        return report_words_in(*strings, locale.language, zone.value_or(TimeZone::system()), clock);
    };
}

} // namespace kiosk
