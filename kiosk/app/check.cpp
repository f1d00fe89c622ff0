// The check command: reads a bundle as an import would and reports it, for people or (--json) for programs.
#include "app/check.hpp"

#include "app/json.hpp"
#include "app/paths.hpp"
#include "content/bundle_reader.hpp"

#include <iostream>

namespace kiosk {

namespace {

std::string plural(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

int run_check(const Options& options, const Settings& settings)
{
    if (!is_dir(options.check_dir)) {
        std::cerr << "kiosk: check: " << options.check_dir << " is not a folder\n";
        return exit_usage;
    }
    Diagnostics diagnostics;
    auto bundle = read_bundle(options.check_dir, diagnostics);
    BundleCounts counts;
    if (bundle) {
        TimeZone zone = kiosk_time_zone(settings.time_zone, &*bundle);
        WallTime now = std::chrono::system_clock::now();
        if (!options.now.empty())
            now = zone.to_wall(*parse_local_time(options.now));
        counts = count_bundle(*bundle, now, zone);
    }
    std::size_t errors = 0, warnings = 0;
    for (const Diagnostic& d : diagnostics.all())
        (d.severity == Severity::Warning ? warnings : errors) += 1;
    bool importable = bundle.has_value();

    if (options.json) {
        std::string out = "{\"ok\": ";
        out += errors == 0 && importable ? "true" : "false";
        out += ", \"importable\": ";
        out += importable ? "true" : "false";
        out += ", \"counts\": " + counts_json(counts) + ", \"diagnostics\": " + diagnostics_json(diagnostics) + "}";
        std::cout << out << std::endl;
    } else {
        for (const Diagnostic& d : diagnostics.all())
            std::cout << d.to_string() << "\n";
        std::cout << options.check_dir << ": " << plural(counts.pages, "page", "pages") << ", "
                  << plural(counts.cards, "card", "cards") << ", " << plural(counts.events, "event", "events") << " ("
                  << counts.occurrences << " in the next 90 days), " << plural(counts.images, "image", "images")
                  << "; ";
        if (!importable)
            std::cout << plural(errors, "error", "errors") << ": the bundle cannot be used until they are fixed\n";
        else if (errors)
            std::cout << plural(errors, "error", "errors") << " (those rows are left out) and "
                      << plural(warnings, "warning", "warnings") << "\n";
        else if (warnings)
            std::cout << "no errors, " << plural(warnings, "warning", "warnings") << "\n";
        else
            std::cout << "no problems\n";
    }
    return errors == 0 && importable ? exit_ok : exit_failure;
}

} // namespace kiosk
