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

Reason plain_error(CURLcode code, const std::string& url, const HttpLimits& limits, const Transfer& t)
{
    auto said = [&url](std::string_view key, Reason::Args args = {}) {
        args.emplace(args.begin(), "url", url);
        return Reason::said(key, std::move(args));
    };
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
        return said("http_name_not_found");
    case CURLE_COULDNT_CONNECT:
        return said("http_cannot_connect");
    case CURLE_OPERATION_TIMEDOUT:
        return said("http_timed_out",
            {{"time",
                limits.total_timeout_ms % 1000 == 0 ? std::to_string(limits.total_timeout_ms / 1000) + " s"
                                                    : std::to_string(limits.total_timeout_ms) + " ms"}});
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
        return said("http_cut_short");
    case CURLE_TOO_MANY_REDIRECTS:
        return said("http_redirect_loop");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
        return said("http_certificate");
    case CURLE_SSL_CONNECT_ERROR:
        return said("http_secure_connection");
    case CURLE_UNSUPPORTED_PROTOCOL:
        return said("http_not_web_address");
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (t.too_big || code == CURLE_FILESIZE_EXCEEDED)
            return said("http_too_large",
                {{"limit",
                    limits.max_bytes >= (1u << 20) ? std::to_string(limits.max_bytes >> 20) + " MiB"
                                                   : std::to_string(limits.max_bytes) + " bytes"}});
        return said("http_not_kept");
    default: // curl's own words, in English.
        return said("http_failed", {{"error", curl_easy_strerror(code)}});
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
        response.error = Reason::plain("the network library cannot start");
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
        Reason::Args args {{"url", url}, {"status", std::to_string(response.status)}};
        response.error = Reason::said(response.status == 404 ? "http_not_found"
                : response.status >= 500                     ? "http_server_failed"
                                                             : "http_refused",
            std::move(args));
        return response;
    }
    response.ok = true;
    response.body = std::move(t.body);
    response.etag = t.etag;
    response.last_modified = t.last_modified;
    return response;
}

} // namespace kiosk::sync
