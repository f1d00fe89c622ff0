// Calendar URLs: a conditional download, a check in the child inside a one-section scratch bundle, then the store.
#include "sync/calendars.hpp"

#include "content/posix_file.hpp"
#include "store/store.hpp"
#include "sync/child_process.hpp"
#include "sync/http.hpp"
#include "sync/identity.hpp"
#include "sync/staging.hpp"

#include <chrono>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::sync {

namespace {

constexpr std::uint64_t max_calendar_bytes = 4ull << 20; // As a bundle's calendar (IcsLimits).

std::string set_aside_file(const std::string& state_dir)
{
    return state_dir + "/set-aside-calendars";
}

} // namespace

bool set_calendar_aside(const std::string& state_dir, const std::string& url, const std::string& ics)
{
    // The URL is the rest of the line: it cannot hold a line break (settings reject one), but keep the file sound.
    std::string clean_url = url;
    for (char& c : clean_url)
        c = static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    std::string line = hash_bytes(ics) + " " + clean_url + "\n";
    return posix::append_durably(set_aside_file(state_dir), line, 0600);
}

bool calendar_set_aside(const std::string& state_dir, const std::string& ics)
{
    std::ifstream in(set_aside_file(state_dir));
    std::string hash = hash_bytes(ics), line;
    while (std::getline(in, line))
        if (line.compare(0, hash.size(), hash) == 0)
            return true;
    return false;
}

// Fetch, check in a child, store, each with its log line: issue 16 splits it with the typed child results.
CalendarResult sync_calendar(const std::string& url, const std::string& database, const std::string& state_dir,
    const std::vector<std::string>& kiosk_argv)
{
    CalendarResult result;
    result.source = "calendar:" + url;
    std::string error;
    auto store = store::Store::open(database, error);
    auto log = [&] {
        if (!store)
            return;
        auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                       .count();
        store->log_sync(now, result.source, outcome_word(result.outcome), std::int64_t(result.bytes), result.message);
    };
    if (!store) {
        result.message = error;
        return result;
    }
    store::Store::Calendar saved;
    for (const store::Store::Calendar& c : store->calendars()) {
        if (c.url == url)
            saved = c;
    }
    HttpLimits limits = feed_limits();
    limits.max_bytes = max_calendar_bytes;
    HttpResponse got = http_get(url, limits, saved.etag, saved.last_modified);
    if (!got.ok) {
        result.message = got.error + (saved.ics.empty() ? "" : "; the events fetched before stay");
        log();
        return result;
    }
    if (got.not_modified || (!saved.ics.empty() && got.body == saved.ics)) {
        result.outcome = StickOutcome::Unchanged;
        result.message = "the calendar has not changed";
        log();
        return result;
    }
    result.bytes = got.body.size();

    if (calendar_set_aside(state_dir, got.body)) {
        result.outcome = StickOutcome::Refused;
        result.message = "the calendar at " + url
            + " is the one set aside after the kiosk crashed on it as it started; it is taken again once it changes";
        log();
        return result;
    }

    // Checked as a bundle's calendar would be, by the child, in a scratch bundle with one agenda section.
    std::string scratch = state_dir + "/staging";
    mkdir(scratch.c_str(), 0700);
    scratch += "/calendar";
    remove_tree(scratch);
    mkdir(scratch.c_str(), 0700);
    mkdir((scratch + "/calendars").c_str(), 0700);
    posix::write_file_durably(scratch + "/bundle.toml",
        "name = \"calendar\"\nlanguages = [\"en\"]\n[[sections]]\nid = \"events\"\nkind = \"agenda\"\ntitle = "
        "\"Events\"\n",
        0644);
    posix::write_file_durably(scratch + "/calendars/feed.ics", got.body, 0644);
    std::vector<std::string> argv = kiosk_argv;
    argv.insert(argv.end(), {"check", scratch, "--json"});
    ChildResult child = run_child(argv);
    remove_tree(scratch);
    std::string json = child.out.substr(0, child.out.find('\n'));
    std::string events = json_field(json, "events");
    bool usable = json_field(json, "importable") == "true" && !events.empty() && events != "0";
    if (!usable) {
        bool crashed = json.empty(); // `check` exits 1 for any error; only no answer at all means it crashed.
        result.outcome = crashed ? StickOutcome::Failed : StickOutcome::Refused;
        std::string first = json_field(json, "message"); // The first problem found.
        result.message = "the calendar at " + url + " cannot be used"
            + (crashed ? " (checking it " + child.failure() + ")" : "")
            + (first.empty() ? "" : ": " + first.substr(0, first.find('\n')))
            + (saved.ics.empty() ? "" : "; the events fetched before stay");
        log();
        return result;
    }
    auto now
        = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (!store->save_calendar({url, now, got.etag, got.last_modified, got.body})) {
        result.message = "the calendar could not be stored: " + store->last_error();
        log();
        return result;
    }
    result.outcome = StickOutcome::Imported;
    result.message = events + " events from the calendar";
    log();
    return result;
}

} // namespace kiosk::sync
