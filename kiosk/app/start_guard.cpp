// StartGuard: STATE/start-guard holds "KEY FAILED_STARTS", rewritten (fsynced, renamed) at each start and first frame.
#include "app/start_guard.hpp"

#include "app/paths.hpp"
#include "content/posix_file.hpp"
#include "content/text_util.hpp"
#include "sync/calendars.hpp"

#include <fstream>

namespace kiosk {

namespace {

constexpr const char* crash_source = "kiosk start";

// What the kiosk is about to show: the active version and the calendars fetched by URL (each by when it was fetched).
std::string content_key(store::Store& store)
{
    std::string key;
    if (auto active = store.active_version())
        key = active->version + "/" + active->identity;
    for (const store::Store::Calendar& calendar : store.calendars())
        key += "|" + std::to_string(calendar.fetched_at) + "@" + calendar.url;
    // One token on the file's line, whatever a URL holds.
    for (char& c : key)
        c = static_cast<unsigned char>(c) <= ' ' ? '_' : c;
    return key;
}

struct Record {
    std::string key;
    int failed = 0;
};

Record read_record(const std::string& path)
{
    Record record;
    std::ifstream in(path);
    if (!(in >> record.key >> record.failed))
        return {};
    return record;
}

} // namespace

StartGuard::StartGuard(std::string state_dir)
    : m_state_dir(std::move(state_dir))
{ }

std::string StartGuard::before_start(store::Store& store, std::int64_t now)
{
    std::string file = m_state_dir + "/start-guard";
    std::string key = content_key(store);
    Record record = read_record(file);
    std::string message;
    if (record.key == key && record.failed >= max_failed_starts) {
        // Set aside: the previous version, and no calendars by URL.
        std::vector<std::string> what;
        auto active = store.active_version();
        if (active && store.previous_version()) {
            std::string error;
            if (store.rollback(error)) {
                what.push_back("content version " + active->version + " from " + active->source);
                // Refused from sticks until it changes (a signed one is also kept out by the rollback's pin).
                std::ofstream(m_state_dir + "/refused-bundles", std::ios::app) << active->identity << "\n";
            }
        }
        for (const store::Store::Calendar& calendar : store.calendars()) {
            if (sync::set_calendar_aside(m_state_dir, calendar.url, calendar.ics)
                && store.remove_calendar(calendar.url))
                what.push_back("the calendar from " + calendar.url);
        }
        if (what.empty()) {
            message = "the content stopped the kiosk " + count_of(std::size_t(record.failed), "time", "times")
                + " as it started, and there is nothing older to show instead";
        } else {
            message = "set aside ";
            for (std::size_t i = 0; i < what.size(); ++i)
                message += (i == 0 ? "" : i + 1 == what.size() ? " and " : ", ") + what[i];
            message += ": the kiosk stopped " + count_of(std::size_t(record.failed), "time", "times")
                + " as it started with it. It is not taken again until it changes";
            if (auto shown = store.active_version())
                message += "; showing version " + shown->version + " from " + shown->source;
        }
        store.log_sync(now, crash_source, "set aside", 0, message);
        key = content_key(store);
        record = read_record(file);
    }
    m_key = key;
    m_failed = record.key == key ? record.failed : 0;
    return message;
}

void StartGuard::arm()
{
    // Counted as failed until the first frame says otherwise.
    if (!m_key.empty())
        posix::write_file_durably(
            m_state_dir + "/start-guard", m_key + " " + std::to_string(m_failed + 1) + "\n", 0600);
}

void StartGuard::first_frame()
{
    if (!m_key.empty())
        posix::write_file_durably(m_state_dir + "/start-guard", m_key + " 0\n", 0600);
}

} // namespace kiosk
