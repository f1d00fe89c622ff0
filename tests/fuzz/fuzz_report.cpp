// Fuzzes the reading of an import child's answer: the child works on a stranger's bundle, so its parent treats what
// it prints as hostile too. A report that reads writes back and reads again to the same outcome and problems.
#include "sync/check_report.hpp"
#include "sync/import_report.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (auto report = kiosk::sync::report_from_json(text, error)) {
        auto again = kiosk::sync::report_from_json(kiosk::sync::json_line(kiosk::sync::to_json(*report)), error);
        if (!again || again->outcome != report->outcome || again->diagnostics.size() != report->diagnostics.size())
            __builtin_trap();
    }
    if (auto check = kiosk::sync::check_from_json(text, error)) {
        (void)kiosk::sync::summary_text(*check);
        if (check->changes)
            (void)kiosk::sync::changes_text(*check->changes);
    }
    return 0;
}
