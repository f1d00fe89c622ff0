// Updates over HTTP: the feed is a signed bundle on any static web server, found by its MANIFEST's URL. Each pass
// asks for the MANIFEST conditionally, downloads only the files whose hash changed, checks every hash, then imports
// in the child. The last good download is kept as a mirror, so an unchanged file is never fetched twice.
#pragma once

#include "content/clock.hpp"
#include "store/store.hpp"
#include "sync/import_child.hpp"
#include "sync/signing.hpp"

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace kiosk::sync {

struct FeedConfig {
    std::string url;                      // The MANIFEST's URL (settings' feed_url).
    std::string state_dir;                // STATE/feed holds the mirror and the conditional-request state.
    std::vector<std::string> child;       // argv prefix of the kiosk itself with --state/--config.
    std::vector<PublicKey> keys;          // The settings' trusted keys: a feed must be signed by one.
    Clock clock = Clock::system();        // For the sync log.
    std::vector<KeyProblem> key_problems; // Trusted keys that could not be read: named when the signature fails.
};

struct FeedResult {
    std::string source; // "feed:<url>"
    Outcome outcome = Outcome::Failed;
    std::string version;
    Reason reason;           // Why, in plain words (its text() in English, for the sync log and the CLI).
    std::uint64_t bytes = 0; // Downloaded in this pass.
    int requests = 0;        // HTTP requests made in this pass.
};

class FeedSource {
public:
    explicit FeedSource(FeedConfig config);

    // One pass; logged in the sync log. Call from one thread at a time.
    FeedResult sync(store::Store& store);

    // How long to wait before the next pass after one that ended `failed`: `poll` minutes with up to a tenth more
    // or less (so a fleet does not knock all at once), or after failures 1, 2, 4... minutes, never over an hour.
    std::chrono::milliseconds next_wait(bool failed, int poll_minutes);

private:
    struct Pass;
    FeedResult fetch(store::Store& store);
    bool fetch_manifest(Pass& pass);
    bool fetch_signature(Pass& pass);
    bool fetch_files(Pass& pass, const Manifest& manifest);
    void import_staged(Pass& pass);
    // Keeps the MANIFEST's validators, and why it was refused ("" when taken), for the next pass's conditional GET.
    void remember(const Pass& pass, const Reason& why_refused, Outcome outcome) const;
    std::string base_url() const; // The URL without "MANIFEST".

    FeedConfig m_config;
    int m_failures = 0;
    std::mt19937 m_random;
};

} // namespace kiosk::sync
