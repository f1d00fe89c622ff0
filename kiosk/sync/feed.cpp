// The feed: conditional MANIFEST, signature first, changed files only, every hash checked, import in the child.
#include "sync/feed.hpp"

#include "content/posix_file.hpp"
#include "store/store.hpp"
#include "sync/http.hpp"
#include "sync/identity.hpp"
#include "sync/pending.hpp"
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

// A pass's time: the whole sync (the MANIFEST, its signature and every changed file) has 10 minutes, so a feed that
// drips each file just within its own limit cannot hold the network thread for hours; each request gets what is left,
// at most its own limit. KIOSK_FEED_TOTAL_MS shortens the whole (tests).
class PassTime {
public:
    PassTime()
        : m_per_file(feed_limits())
        , m_limits(m_per_file)
    {
        if (const char* text = std::getenv("KIOSK_FEED_TOTAL_MS"))
            m_total_ms = std::max(1L, std::atol(text));
        m_deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_total_ms);
        left();
    }

    // The limits for the next request, or nothing when the pass's time is up.
    const HttpLimits* left()
    {
        auto rest
            = std::chrono::duration_cast<std::chrono::milliseconds>(m_deadline - std::chrono::steady_clock::now());
        m_limits.total_timeout_ms = std::min(m_per_file.total_timeout_ms, long(rest.count()));
        return m_limits.total_timeout_ms > 0 ? &m_limits : nullptr;
    }

    Reason out_of_time() const
    {
        return Reason::said("feed_out_of_time", {{"seconds", std::to_string(m_total_ms / 1000)}});
    }

    // Why a request failed: the pass's time, when it was up or when its own limit was what was left of it.
    Reason failure(const HttpResponse& response) const
    {
        bool capped = m_limits.total_timeout_ms < m_per_file.total_timeout_ms;
        bool over = std::chrono::steady_clock::now() >= m_deadline || (capped && response.timed_out);
        return over ? out_of_time() : response.error;
    }

private:
    HttpLimits m_per_file;
    HttpLimits m_limits;
    long m_total_ms = 10 * 60 * 1000;
    std::chrono::steady_clock::time_point m_deadline;
};

// STATE/feed/conditional: the last MANIFEST's ETag and Last-Modified, the URL they belong to, and why that MANIFEST
// was refused ("" when it was taken) with the refusal's outcome, so an unchanged refused feed is still reported as
// refused.
struct Conditional {
    std::string etag, modified, url, refusal, refused_outcome;
};

Conditional read_conditional(const std::string& file)
{
    Conditional saved;
    std::istringstream lines(posix::read_file(file, max_conditional_bytes).value_or(""));
    std::getline(lines, saved.etag);
    std::getline(lines, saved.modified);
    std::getline(lines, saved.url);
    std::getline(lines, saved.refusal);
    std::getline(lines, saved.refused_outcome);
    return saved;
}

// The hash of each file of the mirror's MANIFEST, by path: the last good download.
std::map<std::string, std::string> mirrored_files(const std::string& mirror)
{
    std::map<std::string, std::string> mirrored;
    std::string ignored;
    if (auto old = parse_manifest(posix::read_file(mirror + "/MANIFEST", max_manifest_bytes).value_or(""), ignored)) {
        for (const ManifestFile& file : old->files)
            mirrored[file.path] = file.hash;
    }
    return mirrored;
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
    store.log_sync(now, result.source, result_word(result.outcome), std::int64_t(result.bytes), result.reason.text(),
        json_line(reason_json(result.reason)));
    // A signed version taken now moves past any bundle that waits for staff.
    if (result.outcome == Outcome::Imported)
        drop_superseded_pending(m_config.state_dir, store, m_config.clock.now());
    return result;
}

// What one pass carries from step to step.
struct FeedSource::Pass {
    FeedResult result;
    std::string dir;     // STATE/feed
    std::string mirror;  // STATE/feed/mirror: the last good download.
    std::string staging; // STATE/staging/feed: this download.
    PassTime time;
    HttpResponse manifest; // The MANIFEST as fetched, with its validators.
    std::string signature; // MANIFEST.sig's text.

    // Ends the pass with `outcome` and `reason`; the staging copy goes.
    FeedResult& end(Outcome outcome, Reason reason)
    {
        result.outcome = outcome;
        result.reason = std::move(reason);
        if (!staging.empty())
            remove_tree(staging);
        return result;
    }
};

void FeedSource::remember(const Pass& pass, const Reason& why_refused, Outcome outcome) const
{
    std::string line = why_refused.empty() ? "" : json_line(reason_json(why_refused)); // One line.
    posix::write_file_durably(pass.dir + "/conditional",
        pass.manifest.etag + "\n" + pass.manifest.last_modified + "\n" + m_config.url + "\n" + line + "\n"
            + (line.empty() ? "" : outcome_name(outcome)) + "\n",
        0644);
}

// The MANIFEST, conditionally: an unchanged feed costs one small request. False when the pass ends here.
bool FeedSource::fetch_manifest(Pass& pass)
{
    Conditional saved = read_conditional(pass.dir + "/conditional");
    bool conditional = saved.url == m_config.url
        && (access((pass.mirror + "/MANIFEST").c_str(), F_OK) == 0 || !saved.refusal.empty());
    const HttpLimits* limits = pass.time.left();
    if (!limits) {
        pass.end(Outcome::Unreadable, pass.time.out_of_time());
        return false;
    }
    pass.manifest = http_get(m_config.url, *limits, conditional ? saved.etag : "", conditional ? saved.modified : "");
    ++pass.result.requests;
    if (!pass.manifest.ok) {
        pass.end(Outcome::Unreadable, pass.time.failure(pass.manifest));
        return false;
    }
    if (pass.manifest.not_modified) {
        if (!saved.refusal.empty()) {
            // Kept as a reason's JSON; by a kiosk from before, as words.
            Reason refusal = reason_from_text(saved.refusal);
            pass.end(outcome_from_name(saved.refused_outcome).value_or(Outcome::Invalid),
                (refusal.empty() ? Reason::plain(saved.refusal) : refusal) + Reason::said("feed_not_changed"));
        } else {
            pass.end(Outcome::Unchanged, Reason::said("feed_nothing_new"));
        }
        return false;
    }
    pass.result.bytes += pass.manifest.body.size();
    return true;
}

// The signature before anything else is fetched: a feed that is not ours costs two requests. False when the pass
// ends here.
bool FeedSource::fetch_signature(Pass& pass)
{
    const HttpLimits* limits = pass.time.left();
    if (!limits) {
        pass.end(Outcome::Unreadable, pass.time.out_of_time());
        return false;
    }
    HttpResponse signature = http_get(base_url() + "MANIFEST.sig", *limits);
    ++pass.result.requests;
    if (!signature.ok) {
        pass.end(Outcome::Unreadable, pass.time.failure(signature));
        return false;
    }
    pass.result.bytes += signature.body.size();
    if (!signature_valid(pass.manifest.body, signature.body, m_config.keys)) {
        Reason why = Reason::said(m_config.keys.empty() ? "feed_no_key" : "feed_untrusted");
        // A key the kiosk could not read may be the feed's: staff must hear which, and why.
        if (!m_config.key_problems.empty())
            why += Reason::said("keys_unusable", {{"problems", key_problems_text(m_config.key_problems)}});
        pass.end(Outcome::RefusedSignature, why);
        // Not remembered: once staff trust the key, the same feed must be read again.
        unlink((pass.dir + "/conditional").c_str());
        return false;
    }
    pass.signature = std::move(signature.body);
    return true;
}

// Every file into staging: from the mirror when its hash is unchanged, else downloaded and checked against the
// MANIFEST. False when the pass ends here.
bool FeedSource::fetch_files(Pass& pass, const Manifest& manifest)
{
    std::map<std::string, std::string> mirrored = mirrored_files(pass.mirror);
    mkdir((m_config.state_dir + "/staging").c_str(), 0700);
    pass.staging = m_config.state_dir + "/staging/feed";
    remove_tree(pass.staging);
    mkdir(pass.staging.c_str(), 0700);
    if (manifest.files.size() > 2000)
        return (pass.end(Outcome::Invalid, Reason::said("feed_too_many_files", {{"n", "2000"}})), false);
    for (const ManifestFile& file : manifest.files) {
        make_parents(pass.staging, file.path);
        std::string target = pass.staging + "/" + file.path;
        auto kept = mirrored.find(file.path);
        if (kept != mirrored.end() && kept->second == file.hash) {
            std::string bytes = posix::read_file(pass.mirror + "/" + file.path, file.size).value_or("");
            if (bytes.size() == file.size && hash_bytes(bytes) == file.hash
                && posix::write_file_durably(target, bytes, 0644))
                continue;
        }
        const HttpLimits* limits = pass.time.left();
        if (!limits)
            return (pass.end(Outcome::Unreadable, pass.time.out_of_time()), false);
        HttpResponse got = http_get(base_url() + url_path(file.path), *limits);
        ++pass.result.requests;
        if (!got.ok)
            return (pass.end(Outcome::Unreadable, pass.time.failure(got)), false);
        pass.result.bytes += got.body.size();
        if (got.body.size() != file.size || hash_bytes(got.body) != file.hash) {
            return (pass.end(Outcome::Unreadable, Reason::said("feed_file_mismatch", {{"file", file.path}})), false);
        }
        if (!posix::write_file_durably(target, got.body, 0644))
            return (pass.end(Outcome::Failed, Reason::said("feed_disk_full", {{"file", file.path}})), false);
    }
    if (!posix::write_file_durably(pass.staging + "/MANIFEST", pass.manifest.body, 0644)
        || !posix::write_file_durably(pass.staging + "/MANIFEST.sig", pass.signature, 0644))
        return (pass.end(Outcome::Failed, Reason::said("feed_disk_full", {{"file", "MANIFEST"}})), false);
    return true;
}

// Verified again, checked and imported in the child, as a stick is. Taken, the download becomes the mirror.
void FeedSource::import_staged(Pass& pass)
{
    ChildImport child = import_in_child(m_config.child, pass.staging, pass.result.source);
    const ImportReport& report = child.report;
    FeedResult& result = pass.result;
    // A feed is signed or refused: nothing from it waits for staff.
    result.outcome = report.outcome == Outcome::Pending ? Outcome::RefusedSignature : report.outcome;
    result.version = report.version;
    result.reason = report.reason;
    Reason first_problem = report.diagnostics.empty() ? Reason {} : problem_reason(report.diagnostics.front());
    if (report.outcome == Outcome::Invalid && !report.importable)
        result.reason = Reason::said("feed_cannot_be_used") + first_problem;
    else if (!first_problem.empty() && report.outcome != Outcome::Imported)
        result.reason += Reason::plain(": ") + first_problem;
    if (report.outcome == Outcome::Imported || report.outcome == Outcome::Unchanged) {
        remove_tree(pass.mirror);
        if (rename(pass.staging.c_str(), pass.mirror.c_str()) != 0)
            remove_tree(pass.staging);
        remember(pass, {}, result.outcome);
    } else {
        remove_tree(pass.staging);
        if (!child.crashed) // The same refused MANIFEST is not downloaded again, and still reported.
            remember(pass, result.reason, result.outcome);
    }
}

// The feed's steps in the order the protocol needs them: the MANIFEST, its signature, the files, the child.
FeedResult FeedSource::fetch(store::Store& store)
{
    Pass pass;
    pass.result.source = "feed:" + m_config.url;
    pass.dir = m_config.state_dir + "/feed";
    pass.mirror = pass.dir + "/mirror";
    mkdir(pass.dir.c_str(), 0700);
    if (!fetch_manifest(pass) || !fetch_signature(pass))
        return pass.result;
    std::string why;
    auto manifest = parse_manifest(pass.manifest.body, why);
    if (!manifest) {
        pass.end(Outcome::Invalid, Reason::plain("the feed's " + why));
        remember(pass, pass.result.reason, pass.result.outcome);
        return pass.result;
    }
    // The same MANIFEST as the content showing: nothing to download.
    if (auto active = store.active_version(); active && active->identity == hash_bytes(pass.manifest.body)) {
        pass.result.version = active->version;
        pass.end(Outcome::Unchanged, Reason::said("feed_already_showing", {{"version", manifest->version}}));
        remember(pass, {}, Outcome::Unchanged);
        return pass.result;
    }
    if (fetch_files(pass, *manifest))
        import_staged(pass);
    return pass.result;
}

} // namespace kiosk::sync
