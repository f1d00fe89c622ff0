// Calendar URLs: a conditional download, a check in the child inside a one-section scratch bundle, then the store.
#include "sync/calendars.hpp"

#include "content/posix_file.hpp"
#include "content/text_util.hpp"
#include "store/store.hpp"
#include "sync/check_report.hpp"
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

std::optional<std::string> calendar_fetch_url(std::string_view url)
{
    // webcal is no protocol of its own: a name that makes a phone or computer open its calendar program, which then
    // fetches the same path over HTTPS.
    for (std::string_view scheme : {"webcals://", "webcal://", "https://", "http://"}) {
        if (!starts_with_no_case(url, scheme))
            continue;
        std::string_view rest = url.substr(scheme.size());
        if (rest.empty() || rest.front() == '/')
            return std::nullopt;
        bool web = scheme.rfind("http", 0) == 0;
        return (web ? std::string(scheme) : std::string("https://")) + std::string(rest);
    }
    return std::nullopt;
}

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

namespace {

// `check --json` in a child, on a scratch bundle in STATE/staging/calendar with one agenda section and the calendar:
// the check a bundle's calendars/*.ics gets. Nothing when the child gave no answer (`why` says how it ended).
std::optional<CheckReport> check_calendar_in_child(
    const std::string& ics, const std::string& state_dir, const std::vector<std::string>& kiosk_argv, std::string& why)
{
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
    posix::write_file_durably(scratch + "/calendars/feed.ics", ics, 0644);
    std::vector<std::string> argv = kiosk_argv;
    argv.insert(argv.end(), {"check", scratch, "--json"});
    ChildResult child = run_child(argv);
    remove_tree(scratch);
    // `check` exits 1 for any error; only no answer at all means it crashed.
    std::string unanswered;
    auto report = check_from_json(child.out.substr(0, child.out.find('\n')), unanswered);
    if (!report)
        why = child.failure();
    return report;
}

} // namespace

CalendarResult sync_calendar(const std::string& url, store::Store& store, const std::string& state_dir,
    const std::vector<std::string>& kiosk_argv, const Clock& clock)
{
    CalendarResult result;
    result.source = "calendar:" + url;
    auto now
        = [&clock] { return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count(); };
    auto finish = [&](Outcome outcome, Reason reason) {
        result.outcome = outcome;
        result.reason = std::move(reason);
        store.log_sync(now(), result.source, result_word(result.outcome), std::int64_t(result.bytes),
            result.reason.text(), json_line(reason_json(result.reason)));
        return result;
    };
    store::Store::Calendar saved;
    for (const store::Store::Calendar& c : store.calendars()) {
        if (c.url == url)
            saved = c;
    }
    Reason kept = saved.ics.empty() ? Reason {} : Reason::said("calendar_events_kept");
    HttpLimits limits = feed_limits();
    limits.max_bytes = max_calendar_bytes;
    HttpResponse got = http_get(calendar_fetch_url(url).value_or(url), limits, saved.etag, saved.last_modified);
    if (!got.ok)
        return finish(Outcome::Unreadable, got.error + kept);
    if (got.not_modified || (!saved.ics.empty() && got.body == saved.ics))
        return finish(Outcome::Unchanged, Reason::said("calendar_not_changed"));
    result.bytes = got.body.size();
    if (calendar_set_aside(state_dir, got.body)) {
        return finish(Outcome::SetAside, Reason::said("calendar_set_aside", {{"url", url}}));
    }
    std::string crashed;
    auto checked = check_calendar_in_child(got.body, state_dir, kiosk_argv, crashed);
    std::size_t events = checked ? checked->counts.events : 0;
    if (!checked || !checked->importable || events == 0) {
        Reason why = Reason::said("calendar_cannot_be_used", {{"url", url}});
        if (!checked)
            why += Reason::said("calendar_check_crashed", {{"failure", crashed}});
        if (checked && !checked->diagnostics.empty()) { // Its first problem, as the checker said it (one line).
            const Diagnostic& first = checked->diagnostics.front();
            why += Reason::plain(": ") + (first.reason.empty() ? Reason::plain(first.message) : first.reason);
        }
        return finish(checked ? Outcome::Invalid : Outcome::Failed, why + kept);
    }
    if (!store.save_calendar({url, now(), got.etag, got.last_modified, got.body}))
        return finish(Outcome::Failed, Reason::said("calendar_not_stored", {{"error", store.last_error()}}));
    return finish(Outcome::Imported,
        events == 1 ? Reason::said("calendar_one_event")
                    : Reason::said("calendar_events", {{"n", std::to_string(events)}}));
}

} // namespace kiosk::sync
