// The check command: reads a bundle as an import would and reports it, for people or (--json) for programs.
#include "app/check.hpp"

#include "app/content_commands.hpp"
#include "app/paths.hpp"
#include "content/bundle_reader.hpp"
#include "content/text_util.hpp"
#include "store/store.hpp"
#include "sync/check_report.hpp"
#include "sync/import_report.hpp"

#include <iostream>

namespace kiosk {

int run_check(const Options& options, const Settings& settings)
{
    if (!is_dir(options.check_dir)) {
        std::cerr << "kiosk: check: " << options.check_dir << " is not a folder\n";
        return exit_usage;
    }
    Diagnostics diagnostics;
    auto bundle = read_bundle(options.check_dir, diagnostics);
    sync::CheckReport report;
    report.importable = bundle.has_value();
    if (bundle) {
        TimeZone zone = kiosk_time_zone(settings.time_zone, &*bundle);
        report.counts = count_bundle(*bundle, command_clock(options, zone).now(), zone);
    }
    report.diagnostics = diagnostics.all();
    // A packed folder changed since: a kiosk would refuse it as signed, so each difference is an error.
    report.packing = sync::check_packing(options.check_dir, report.diagnostics);
    report.compared = options.against_installed;
    if (bundle && options.against_installed) {
        if (auto store = open_store(options, StoreMissing::Fail, report.compare_error))
            report.changes = sync::compare_with_shown(*bundle, options.check_dir, *store, report.compare_error);
    }

    if (options.json) {
        std::cout << sync::json_line(sync::to_json(report)) << std::endl;
    } else {
        for (const Diagnostic& d : report.diagnostics)
            std::cout << d.to_string() << "\n";
        std::cout << options.check_dir << ": " << sync::summary_text(report) << "\n";
        if (report.changes)
            std::cout << escape_controls(sync::changes_text(*report.changes)) << "\n";
        else if (options.against_installed && bundle)
            std::cout << "Cannot compare with what shows: " << report.compare_error << "\n";
    }
    return report.ok() ? exit_ok : exit_failure;
}

} // namespace kiosk
