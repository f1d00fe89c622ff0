// http_get: one libcurl easy handle per request, every limit set, every failure put in plain words.
#include "sync/http.hpp"

#include <atomic>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <curl/curl.h>
#include <mutex>

namespace kiosk::sync {

namespace {

struct Transfer {
    std::string body;
    std::uint64_t max_bytes = 0;
    bool too_big = false;
    std::string etag;
    std::string last_modified;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    std::size_t n = size * count;
    if (t->body.size() + n > t->max_bytes) {
        t->too_big = true;
        return 0; // Aborts the transfer.
    }
    t->body.append(data, n);
    return n;
}

std::string trimmed(std::string s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.pop_back();
    std::size_t start = 0;
    while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start])))
        ++start;
    return s.substr(start);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user)
{
    auto* t = static_cast<Transfer*>(user);
    std::string line(data, size * count);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (name == "etag")
            t->etag = trimmed(line.substr(colon + 1));
        else if (name == "last-modified")
            t->last_modified = trimmed(line.substr(colon + 1));
    } else if (line.rfind("HTTP/", 0) == 0) {
        t->etag.clear(); // A new response after a redirect: its own headers.
        t->last_modified.clear();
    }
    return size * count;
}

std::string plain_error(CURLcode code, const std::string& url, const HttpLimits& limits, const Transfer& t)
{
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return "the feed's server name in " + url + " cannot be found (is the network up? is the address right?)";
    case CURLE_COULDNT_CONNECT:
        return "the feed server cannot be reached at " + url + " (is it up? is the network up?)";
    case CURLE_OPERATION_TIMEDOUT:
        return "the feed server took longer than "
            + (limits.total_timeout_ms % 1000 == 0 ? std::to_string(limits.total_timeout_ms / 1000) + " s"
                                                   : std::to_string(limits.total_timeout_ms) + " ms")
            + " to send " + url;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
        return "the download of " + url + " was cut short";
    case CURLE_TOO_MANY_REDIRECTS:
        return "the feed server redirects " + url + " too many times (a redirect loop?)";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
        return "the HTTPS certificate of " + url
            + " is not trusted (self-signed or expired?): the kiosk only takes content over verified HTTPS";
    case CURLE_SSL_CONNECT_ERROR:
        return "a secure connection to " + url + " cannot be made";
    case CURLE_UNSUPPORTED_PROTOCOL:
        return url + " is not an http:// or https:// address";
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (t.too_big || code == CURLE_FILESIZE_EXCEEDED)
            return url + " is larger than the limit of "
                + (limits.max_bytes >= (1u << 20) ? std::to_string(limits.max_bytes >> 20) + " MiB"
                                                  : std::to_string(limits.max_bytes) + " bytes");
        return "the download of " + url + " could not be kept";
    default:
        return "the download of " + url + " failed: " + curl_easy_strerror(code);
    }
}

void init_once()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

HttpLimits feed_limits()
{
    HttpLimits limits;
    if (const char* text = std::getenv("KIOSK_FEED_TIMEOUT_MS")) {
        long ms = std::max(1L, std::atol(text));
        limits.connect_timeout_ms = ms;
        limits.total_timeout_ms = ms;
    }
    return limits;
}

namespace {

std::atomic<bool> g_cancelled {false};

int on_progress(void*, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    return g_cancelled.load() ? 1 : 0; // Non-zero aborts the transfer.
}

} // namespace

void cancel_http()
{
    g_cancelled.store(true);
}

HttpResponse http_get(
    const std::string& url, const HttpLimits& limits, const std::string& etag, const std::string& last_modified)
{
    init_once();
    HttpResponse response;
    CURL* curl = curl_easy_init();
    if (!curl) {
        response.error = "the network library cannot start";
        return response;
    }
    Transfer t;
    t.max_bytes = limits.max_bytes;
    curl_slist* headers = nullptr;
    if (!etag.empty())
        headers = curl_slist_append(headers, ("If-None-Match: " + etag).c_str());
    if (!last_modified.empty())
        headers = curl_slist_append(headers, ("If-Modified-Since: " + last_modified).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, limits.max_redirects);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, limits.connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, limits.total_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.max_bytes));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "drop-in-kiosk");
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, ""); // gzip when the server offers it.
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress); // Called about once a second, and on data.
    CURLcode code = g_cancelled.load() ? CURLE_ABORTED_BY_CALLBACK : curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);

    if (code != CURLE_OK) {
        response.error = plain_error(code, url, limits, t);
        response.timed_out = code == CURLE_OPERATION_TIMEDOUT;
        return response;
    }
    if (response.status == 304) {
        response.ok = response.not_modified = true;
        return response;
    }
    if (response.status != 200) {
        response.error = response.status == 404 ? url + " is not on the feed server (HTTP 404): is the address right?"
            : response.status >= 500
            ? "the feed server failed on " + url + " (HTTP " + std::to_string(response.status)
                + "): it is the server's problem; the kiosk tries again later"
            : "the feed server refused " + url + " (HTTP " + std::to_string(response.status) + ")";
        return response;
    }
    response.ok = true;
    response.body = std::move(t.body);
    response.etag = t.etag;
    response.last_modified = t.last_modified;
    return response;
}

} // namespace kiosk::sync
