// import_in_child: the one place a stranger's bundle is checked and imported, in a child process under limits.
#include "sync/import_child.hpp"

#include <csignal>
#include <dirent.h>

#include "content/posix_file.hpp"
#include "sync/child_process.hpp"

#include <algorithm>
#include <cstdlib>

namespace kiosk::sync {

// The value of a top-level key in the child's one-line JSON: "true", "false", a number, or a string unescaped.
std::string json_field(const std::string& json, const std::string& key)
{
    std::string needle = "\"" + key + "\": ";
    auto at = json.find(needle);
    if (at == std::string::npos)
        return "";
    at += needle.size();
    if (at >= json.size())
        return "";
    if (json[at] != '"') {
        auto end = json.find_first_of(",}", at);
        return json.substr(at, end == std::string::npos ? std::string::npos : end - at);
    }
    std::string out;
    for (std::size_t i = at + 1; i < json.size(); ++i) {
        char c = json[i];
        if (c == '"')
            break;
        if (c != '\\' || i + 1 >= json.size()) {
            out += c;
            continue;
        }
        char e = json[++i];
        switch (e) {
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case 'r':
            out += '\r';
            break;
        case 'u':
            if (i + 4 < json.size()) {
                unsigned code = unsigned(std::stoul(json.substr(i + 1, 4), nullptr, 16));
                i += 4;
                if (code < 0x80) {
                    out += char(code);
                } else if (code < 0x800) {
                    out += char(0xC0 | (code >> 6));
                    out += char(0x80 | (code & 0x3F));
                } else {
                    out += char(0xE0 | (code >> 12));
                    out += char(0x80 | ((code >> 6) & 0x3F));
                    out += char(0x80 | (code & 0x3F));
                }
            }
            break;
        default:
            out += e;
        }
    }
    return out;
}

const char* outcome_word(StickOutcome outcome)
{
    switch (outcome) {
    case StickOutcome::Imported:
        return "imported";
    case StickOutcome::Unchanged:
        return "unchanged";
    case StickOutcome::Pending:
        return "pending";
    case StickOutcome::Refused:
        return "refused";
    case StickOutcome::Failed:
        return "failed";
    }
    return "failed";
}

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

ChildImport import_in_child(
    const std::vector<std::string>& kiosk_argv, const std::string& dir, const std::string& source)
{
    ChildImport result;
    std::vector<std::string> argv = kiosk_argv;
    argv.insert(argv.end(), {"import", dir, "--json", "--signed-only", "--source", source});
    ChildLimits limits = import_limits(dir);
    ChildResult child = run_child(argv, limits);
    std::string json = child.out.substr(0, child.out.find('\n'));
    if (!child.failure().empty() && json_field(json, "importable").empty()) {
        result.crashed = true;
        result.outcome = StickOutcome::Failed;
        result.over_limits = child.timed_out || child.signal == SIGXCPU || child.signal == SIGKILL;
        result.message = result.over_limits ? "it needs more work than the kiosk allows (it was stopped after "
                + std::to_string(child.timed_out ? std::max(1, limits.wall_milliseconds / 1000) : limits.cpu_seconds)
                + " s): too many large pictures, or too much content; make the pictures smaller or fewer"
                                            : "checking this bundle " + child.failure();
        return result;
    }
    result.checked = true;
    result.problems = json_field(json, "report");
    result.version = json_field(json, "version");
    std::string reason = json_field(json, "why");
    std::string failure = json_field(json, "error");
    if (json_field(json, "imported") == "true") {
        result.outcome = StickOutcome::Imported;
        result.message = "imported as version " + result.version;
    } else if (json_field(json, "unchanged") == "true") {
        result.outcome = StickOutcome::Unchanged;
        result.message = "this content is already showing";
    } else if (json_field(json, "pending") == "true") {
        result.outcome = StickOutcome::Pending;
        result.message = reason;
    } else if (json_field(json, "importable") == "false") {
        result.outcome = StickOutcome::Refused;
        result.message = "the bundle cannot be used: fix the errors listed below";
    } else {
        result.outcome = StickOutcome::Refused;
        result.message = !reason.empty() ? reason : failure;
    }
    return result;
}

} // namespace kiosk::sync
