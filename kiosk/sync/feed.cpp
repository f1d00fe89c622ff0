// The feed: conditional MANIFEST, signature first, changed files only, every hash checked, import in the child.
#include "sync/feed.hpp"

#include "content/posix_file.hpp"
#include "store/store.hpp"
#include "sync/http.hpp"
#include "sync/identity.hpp"
#include "sync/staging.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::sync {

namespace {

// STATE/feed/conditional is four short lines; a file of the mirror is read only up to the size its MANIFEST says.
constexpr std::uint64_t max_conditional_bytes = 64 * 1024;

// A path inside the bundle as a URL path: every byte outside the unreserved set percent-encoded, "/" kept.
std::string url_path(const std::string& path)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
            out += char(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

void make_parents(const std::string& root, const std::string& path)
{
    for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
        mkdir((root + "/" + path.substr(0, slash)).c_str(), 0700);
}

} // namespace

FeedSource::FeedSource(FeedConfig config)
    : m_config(std::move(config))
    , m_random(std::random_device {}())
{ }

std::string FeedSource::base_url() const
{
    auto slash = m_config.url.rfind('/');
    return slash == std::string::npos ? m_config.url : m_config.url.substr(0, slash + 1);
}

std::chrono::milliseconds FeedSource::next_wait(bool failed, int poll_minutes)
{
    using std::chrono::milliseconds;
    if (failed) {
        m_failures = std::min(m_failures + 1, 7);
        long long minutes = std::min(60LL, 1LL << (m_failures - 1));
        return milliseconds(minutes * 60000);
    }
    m_failures = 0;
    long long base = std::max(1, poll_minutes) * 60000LL;
    std::uniform_int_distribution<long long> jitter(-base / 10, base / 10);
    return milliseconds(base + jitter(m_random));
}

FeedResult FeedSource::sync(store::Store& store)
{
    FeedResult result = fetch(store);
    auto now = std::chrono::duration_cast<std::chrono::seconds>(m_config.clock.now().time_since_epoch()).count();
    store.log_sync(now, result.source, result_word(result.outcome), std::int64_t(result.bytes), result.message);
    return result;
}

// The feed's steps in the order the protocol needs them (MANIFEST, signature, files, child): it stays whole so the
// order stays readable; issue 16 lists it for splitting with the typed child results.
FeedResult FeedSource::fetch(store::Store& store)
{
    FeedResult result;
    result.source = "feed:" + m_config.url;
    std::string dir = m_config.state_dir + "/feed";
    std::string mirror = dir + "/mirror";
    mkdir(dir.c_str(), 0700);
    HttpLimits per_file = feed_limits();
    // A whole sync (the MANIFEST, its signature and every changed file) has 10 minutes: a feed that drips each file
    // just within its own limit cannot hold the network thread for hours. KIOSK_FEED_TOTAL_MS shortens it (tests).
    long total_ms = 10 * 60 * 1000;
    if (const char* text = std::getenv("KIOSK_FEED_TOTAL_MS"))
        total_ms = std::max(1L, std::atol(text));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(total_ms);
    HttpLimits limits = per_file;
    // The limits for the next request: what is left of the sync's time, at most the per-file limit; false when none.
    auto time_left = [&] {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        limits.total_timeout_ms = std::min(per_file.total_timeout_ms, long(left.count()));
        return limits.total_timeout_ms > 0;
    };
    std::string out_of_time = "the feed took more than " + std::to_string(total_ms / 1000)
        + " s in all to send this update (a slow or stalled server): it is tried again later";
    // A request that failed once the sync's time was up, or when its own limit was what was left of it.
    auto failure = [&](const HttpResponse& response) {
        bool capped = limits.total_timeout_ms < per_file.total_timeout_ms;
        return std::chrono::steady_clock::now() >= deadline || (capped && response.timed_out) ? out_of_time
                                                                                              : response.error;
    };
    time_left();

    // The MANIFEST, conditionally: an unchanged feed costs one small request.
    // STATE/feed/conditional: the last MANIFEST's ETag and Last-Modified, the URL they belong to, and why that
    // MANIFEST was refused ("" when it was taken), so an unchanged refused feed is still reported as refused.
    std::string etag, modified, saved_url, refusal, refused_outcome;
    {
        std::istringstream saved(posix::read_file(dir + "/conditional", max_conditional_bytes).value_or(""));
        std::getline(saved, etag);
        std::getline(saved, modified);
        std::getline(saved, saved_url);
        std::getline(saved, refusal);
        std::getline(saved, refused_outcome);
    }
    bool conditional
        = saved_url == m_config.url && (access((mirror + "/MANIFEST").c_str(), F_OK) == 0 || !refusal.empty());
    HttpResponse manifest_response
        = http_get(m_config.url, limits, conditional ? etag : "", conditional ? modified : "");
    ++result.requests;
    if (!manifest_response.ok) {
        result.message = failure(manifest_response);
        return result;
    }
    if (manifest_response.not_modified) {
        if (!refusal.empty()) {
            result.outcome = outcome_from_name(refused_outcome).value_or(Outcome::Invalid);
            result.message = refusal + " (the feed has not changed since)";
            return result;
        }
        result.outcome = Outcome::Unchanged;
        result.message = "nothing new on the feed";
        return result;
    }
    result.bytes += manifest_response.body.size();
    const std::string& manifest_bytes = manifest_response.body;
    auto remember = [&](const std::string& why_refused, Outcome outcome = Outcome::Invalid) {
        std::string line = why_refused;
        std::replace(line.begin(), line.end(), '\n', ' ');
        posix::write_file_durably(dir + "/conditional",
            manifest_response.etag + "\n" + manifest_response.last_modified + "\n" + m_config.url + "\n" + line + "\n"
                + (line.empty() ? "" : outcome_name(outcome)) + "\n",
            0644);
    };

    // The signature before anything else is fetched: a feed that is not ours costs two requests.
    if (!time_left()) {
        result.message = out_of_time;
        return result;
    }
    HttpResponse signature = http_get(base_url() + "MANIFEST.sig", limits);
    ++result.requests;
    if (!signature.ok) {
        result.message = failure(signature);
        return result;
    }
    result.bytes += signature.body.size();
    if (!signature_valid(manifest_bytes, signature.body, m_config.keys)) {
        result.outcome = Outcome::RefusedSignature;
        result.message = m_config.keys.empty()
            ? "this kiosk trusts no key yet (trusted_keys in its settings), so it takes nothing from the feed"
            : "the feed's MANIFEST is not signed by a key this kiosk trusts, or was changed after signing";
        // Not remembered: once staff trust the key, the same feed must be read again.
        unlink((dir + "/conditional").c_str());
        return result;
    }
    std::string why;
    auto manifest = parse_manifest(manifest_bytes, why);
    if (!manifest) {
        result.outcome = Outcome::Invalid;
        result.message = "the feed's " + why;
        remember(result.message, result.outcome);
        return result;
    }
    // The same MANIFEST as the content showing: nothing to download.
    if (auto active = store.active_version(); active && active->identity == hash_bytes(manifest_bytes)) {
        result.outcome = Outcome::Unchanged;
        result.version = active->version;
        result.message = "the feed's version " + manifest->version + " is already showing";
        remember("");
        return result;
    }

    // Files: from the mirror when their hash is unchanged, else downloaded and checked against the MANIFEST.
    std::map<std::string, std::string> mirrored; // path -> hash of the last good download
    if (access((mirror + "/MANIFEST").c_str(), F_OK) == 0) {
        std::string ignored;
        if (auto old
            = parse_manifest(posix::read_file(mirror + "/MANIFEST", max_manifest_bytes).value_or(""), ignored)) {
            for (const ManifestFile& file : old->files)
                mirrored[file.path] = file.hash;
        }
    }
    std::string staging = m_config.state_dir + "/staging";
    mkdir(staging.c_str(), 0700);
    staging += "/feed";
    remove_tree(staging);
    mkdir(staging.c_str(), 0700);
    auto fail = [&](Outcome outcome, const std::string& message) {
        remove_tree(staging);
        result.outcome = outcome;
        result.message = message;
        return result;
    };
    if (manifest->files.size() > 2000)
        return fail(Outcome::Invalid, "the feed's MANIFEST lists more than 2000 files");
    for (const ManifestFile& file : manifest->files) {
        make_parents(staging, file.path);
        std::string target = staging + "/" + file.path;
        auto kept = mirrored.find(file.path);
        if (kept != mirrored.end() && kept->second == file.hash) {
            std::string bytes = posix::read_file(mirror + "/" + file.path, file.size).value_or("");
            if (bytes.size() == file.size && hash_bytes(bytes) == file.hash
                && posix::write_file_durably(target, bytes, 0644))
                continue;
        }
        if (!time_left())
            return fail(Outcome::Unreadable, out_of_time);
        HttpResponse got = http_get(base_url() + url_path(file.path), limits);
        ++result.requests;
        if (!got.ok)
            return fail(Outcome::Unreadable, failure(got));
        result.bytes += got.body.size();
        if (got.body.size() != file.size || hash_bytes(got.body) != file.hash) {
            return fail(Outcome::Unreadable,
                file.path
                    + " on the feed does not match its MANIFEST (changed after packing, or the server is half "
                      "updated): the kiosk tries again later");
        }
        if (!posix::write_file_durably(target, got.body, 0644))
            return fail(Outcome::Failed, "the kiosk's disk cannot take " + file.path + " (is it full?)");
    }
    if (!posix::write_file_durably(staging + "/MANIFEST", manifest_bytes, 0644)
        || !posix::write_file_durably(staging + "/MANIFEST.sig", signature.body, 0644))
        return fail(Outcome::Failed, "the kiosk's disk cannot take the MANIFEST (is it full?)");

    // Verified again, checked and imported in the child, as a stick is.
    ChildImport child = import_in_child(m_config.child, staging, result.source);
    const ImportReport& report = child.report;
    // A feed is signed or refused: nothing from it waits for staff.
    result.outcome = report.outcome == Outcome::Pending ? Outcome::RefusedSignature : report.outcome;
    result.version = report.version;
    result.message = report.message;
    std::string first_problem = report.diagnostics.empty() ? "" : report.diagnostics.front().to_string();
    if (report.outcome == Outcome::Invalid && !report.importable)
        result.message = "the feed's bundle cannot be used: " + first_problem;
    else if (!first_problem.empty() && report.outcome != Outcome::Imported)
        result.message += ": " + first_problem;
    if (report.outcome == Outcome::Imported || report.outcome == Outcome::Unchanged) {
        remove_tree(mirror);
        if (rename(staging.c_str(), mirror.c_str()) != 0)
            remove_tree(staging);
        remember("");
    } else {
        remove_tree(staging);
        if (!child.crashed)
            remember(result.message,
                result.outcome); // The same refused MANIFEST is not downloaded again, and still reported.
    }
    return result;
}

} // namespace kiosk::sync
