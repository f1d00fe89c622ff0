// HTTP(S) downloads with libcurl for the feed: TLS verified, timeouts, a size limit, few redirects, and conditional
// requests. Nothing else in the kiosk talks to the network.
#pragma once

#include "content/reason.hpp"

#include <cstdint>
#include <string>

namespace kiosk::sync {

struct HttpLimits {
    long connect_timeout_ms = 10000;
    long total_timeout_ms = 60000; // For one file.
    std::uint64_t max_bytes = 64ull << 20;
    long max_redirects = 5;
};

// The limits the kiosk uses, with KIOSK_FEED_TIMEOUT_MS (tests only) shortening the timeouts.
HttpLimits feed_limits();

struct HttpResponse {
    bool ok = false; // A 200 with the whole body, or a 304.
    long status = 0; // HTTP status, 0 when no answer came.
    bool not_modified = false;
    std::string body;
    std::string etag;
    std::string last_modified;
    Reason error;           // Why not ok, in plain words naming the URL.
    bool timed_out = false; // Not ok because it took longer than the limits allowed.
};

// GETs `url` (http or https only). `etag` / `last_modified` make it conditional (a 304 means unchanged).
// Ends every transfer under way within a fraction of a second, and refuses new ones, for the rest of the process's
// life: the kiosk is stopping, and a feed that answers slowly (or never) must not hold up its exit.
void cancel_http();

HttpResponse http_get(const std::string& url, const HttpLimits& limits, const std::string& etag = "",
    const std::string& last_modified = "");

} // namespace kiosk::sync
