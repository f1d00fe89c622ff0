// import_in_child: the one place a bundle is checked and imported in a child process, under limits.
#include "sync/import_child.hpp"

#include <csignal>
#include <dirent.h>

#include "content/posix_file.hpp"
#include "sync/child_process.hpp"

#include <algorithm>
#include <cstdlib>

namespace kiosk::sync {

ChildLimits import_limits(const std::string& dir)
{
    ChildLimits limits;
    int images = 0;
    for (const std::string& name : posix::list_dir(dir + "/images").value_or(std::vector<std::string> {}))
        images += name[0] != '.' && images < 100000;
    limits.cpu_seconds = 60 + (images + 1) / 2;
    limits.wall_milliseconds = 120000 + images * 1000;
    if (const char* wall = std::getenv("KIOSK_CHILD_WALL_MS")) // Tests only: a checker that "hangs".
        limits.wall_milliseconds = std::max(1, std::atoi(wall));
    return limits;
}

ChildImport import_in_child(const std::vector<std::string>& kiosk_argv, const std::string& dir,
    const std::string& source, ImportPolicy::Unsigned unsigned_bundles, std::int64_t waiting_since)
{
    ChildImport result;
    std::vector<std::string> argv = kiosk_argv;
    argv.insert(argv.end(), {"import", dir, "--json", "--source", source});
    if (unsigned_bundles == ImportPolicy::Unsigned::Wait)
        argv.emplace_back("--signed-only");
    if (waiting_since > 0)
        argv.insert(argv.end(), {"--waiting-since", std::to_string(waiting_since)});
    ChildLimits limits = import_limits(dir);
    ChildResult child = run_child(argv, limits);
    std::string error;
    if (auto report = report_from_json(child.out.substr(0, child.out.find('\n')), error)) {
        result.report = std::move(*report);
        result.answered = true;
        if (result.report.outcome == Outcome::Imported) // The line the sync log and the stick's report give it.
            result.report.reason = Reason::said("now_showing", {{"version", result.report.version}});
        return result;
    }
    result.crashed = true;
    bool over_limits = child.timed_out || child.signal == SIGXCPU || child.signal == SIGKILL;
    result.report.outcome = over_limits ? Outcome::RefusedLimits : Outcome::Failed;
    int seconds = child.timed_out ? std::max(1, limits.wall_milliseconds / 1000) : limits.cpu_seconds;
    result.report.reason = over_limits ? Reason::said("over_limits", {{"seconds", std::to_string(seconds)}})
                                       : Reason::plain("checking this bundle " + child.failure());
    return result;
}

} // namespace kiosk::sync
