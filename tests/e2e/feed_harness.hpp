// The harness the feed tests share: a real HTTP server on loopback (tests/e2e/feed_server.py, Python's http.server)
// serving a bundle, and one kiosk syncing from it with `kiosk sync --once`, its requests counted in the server's log.
#pragma once

#include "support/files.hpp"
#include "support/json.hpp"
#include "support/process.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <optional>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace kiosk::test::feed {

namespace fs = std::filesystem;

inline const std::string demo = KIOSK_SOURCE_DIR "/data/demo";
inline const std::string feed_server = KIOSK_SOURCE_DIR "/tests/e2e/feed_server.py";

// `kiosk status --json` read by Python's json module (a parser we did not write): "version" and "source", and the
// fields of `source`'s last success and last failure, as "last_failure.message" and so on ("None" for a null).
inline std::map<std::string, std::string> status_fields(const std::string& json, const std::string& source)
{
    TempDir work;
    work.write("status.json", json);
    work.write("query.py",
        "import json, sys\n"
        "d = json.load(open(sys.argv[1]))\n"
        "print('version\\t%s' % d['version'])\n"
        "print('source\\t%s' % d['source'])\n"
        "feed = next((s for s in d['sources'] if s['source'] == sys.argv[2]), {})\n"
        "for entry in ('last_success', 'last_failure'):\n"
        "    for key in ('result', 'bytes', 'message'):\n"
        "        value = (feed.get(entry) or {}).get(key)\n"
        "        print('%s.%s\\t%s' % (entry, key, str(value).replace('\\n', ' ')))\n");
    std::map<std::string, std::string> fields;
    std::string out
        = shell("python3 '" + work.file("query.py") + "' '" + work.file("status.json") + "' '" + source + "' 2>&1");
    for (const std::string& line : lines_of(out)) {
        auto tab = line.find('\t');
        if (tab != std::string::npos)
            fields[line.substr(0, tab)] = line.substr(tab + 1);
    }
    INFO(json);
    REQUIRE_MESSAGE(fields.size() == 8, out);
    return fields;
}

inline RunResult pack(const std::string& dir, const std::string& key)
{
    return run_kiosk({"pack", dir, "--key", key});
}

// tests/e2e/feed_server.py serving `root` on 127.0.0.1 with its `options` ("--tls CERT KEY", "--no-etag"), as a child
// process that is killed when this goes, and that exits by itself when its standard input closes (this process died).
class FeedServer {
public:
    FeedServer(const std::string& root, const std::string& log, const std::string& mode,
        const std::vector<std::string>& options = {})
    {
        int in[2], out[2];
        REQUIRE(pipe2(in, O_CLOEXEC) == 0);
        REQUIRE(pipe2(out, O_CLOEXEC) == 0);
        std::vector<std::string> args = {"python3", feed_server, "--root", root, "--log", log, "--mode-file", mode};
        args.insert(args.end(), options.begin(), options.end());
        m_pid = fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            dup2(in[0], 0);
            dup2(out[1], 1);
            std::vector<char*> argv;
            for (std::string& a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            execvp("python3", argv.data());
            _exit(127);
        }
        close(in[0]);
        close(out[1]);
        m_stdin = in[1];
        // Its first line is the port it listens on.
        std::string line;
        auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!contains(line, "\n") && std::chrono::steady_clock::now() < give_up) {
            pollfd p {out[0], POLLIN, 0};
            if (poll(&p, 1, 100) <= 0)
                continue;
            char buffer[64];
            ssize_t n = read(out[0], buffer, sizeof buffer);
            if (n <= 0)
                break;
            line.append(buffer, std::size_t(n));
        }
        close(out[0]);
        m_port = std::atoi(line.c_str());
        if (m_port <= 0)
            stop(); // The destructor does not run when the constructor throws.
        REQUIRE_MESSAGE(m_port > 0, "the feed server did not start: " << line);
    }
    ~FeedServer() { stop(); }
    FeedServer(const FeedServer&) = delete;
    FeedServer& operator=(const FeedServer&) = delete;

    int port() const { return m_port; }

private:
    void stop()
    {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            waitpid(m_pid, nullptr, 0);
            close(m_stdin);
        }
        m_pid = -1;
    }

    pid_t m_pid = -1;
    int m_stdin = -1;
    int m_port = 0;
};

// One sync: the kiosk's output, the requests the server logged during it, and how long it took.
struct Sync {
    RunResult run;
    std::vector<std::string> requests; // "GET /feed/MANIFEST 304"
    long long ms = 0;
};

// One kiosk and its feed: a state folder, the staff key it trusts, an empty folder as its only USB root (so no real
// mount is read), and a server whose folder holds the bundle at /feed/ (a copy of the demo, not packed yet).
struct Kiosk {
    TempDir state;
    TempDir keys;
    TempDir media;
    TempDir www;
    std::string key = keys.file("staff.key");
    std::string pub = keys.file("staff.pub");
    std::string bundle = www.file("feed");
    std::string log = keys.file("requests.log");
    std::string mode = keys.file("mode");
    std::string config = keys.file("kiosk.toml");
    std::string url;
    std::vector<std::string> trusted = {pub};
    std::optional<FeedServer> server;

    Kiosk()
    {
        auto made = run_kiosk({"keygen", "--out", keys.file("staff")});
        REQUIRE_MESSAGE(made.status == 0, made.out << made.err);
        fs::copy(demo, bundle, fs::copy_options::recursive);
        serve();
    }

    // (Re)starts the server with feed_server.py's `options` (HTTPS with "--tls CERT KEY"), serving `root` (www by
    // default), and points the settings at it.
    void serve(const std::vector<std::string>& options = {}, const std::string& root = "")
    {
        server.reset();
        server.emplace(root.empty() ? www.path() : root, log, mode, options);
        bool tls = std::find(options.begin(), options.end(), "--tls") != options.end();
        url = std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(server->port()) + "/feed/MANIFEST";
        write_config();
    }

    void write_config() const
    {
        std::string keys_list;
        for (const std::string& path : trusted)
            keys_list += (keys_list.empty() ? "\"" : ", \"") + path + "\"";
        write_text(config,
            "feed_url = \"" + url + "\"\ntrusted_keys = [" + keys_list + "]\nusb_roots = [\"" + media.path() + "\"]\n");
    }

    std::string source() const { return "feed:" + url; }
    std::string file_url(const std::string& path) const { return url.substr(0, url.rfind('/') + 1) + path; }
    // The server's mode from the next request on: "normal", "404", "truncate /feed/pages/about.md", ...
    void set_mode(const std::string& line) const { write_text(mode, line + "\n"); }

    Sync sync() const
    {
        std::size_t before = lines_of(read_text(log)).size();
        auto started = std::chrono::steady_clock::now();
        Sync s;
        s.run = run_kiosk({"sync", "--once", "--config", config, "--state", state.path()});
        s.ms
            = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
        auto all = lines_of(read_text(log));
        s.requests.assign(all.begin() + long(std::min(before, all.size())), all.end());
        return s;
    }

    // `kiosk status --json`, with this feed's last success and failure: see status_fields.
    std::map<std::string, std::string> status() const
    {
        return status_fields(run_kiosk({"status", "--json", "--state", state.path()}).out, source());
    }

    // Packs the bundle again with about.md changed (with `with_key`, the staff key by default). Its version.
    std::string repack_changed(const std::string& with_key = "")
    {
        append_text(bundle + "/pages/about.md", "\nNew this week: coffee on Fridays.\n");
        auto packed = pack(bundle, with_key.empty() ? key : with_key);
        REQUIRE_MESSAGE(packed.status == 0, packed.out << packed.err);
        return manifest_version(bundle);
    }

    // Packs the demo, syncs it in, and keeps a copy of what was served at `first_copy`. Its version.
    std::string import_first(const std::string& first_copy)
    {
        REQUIRE(pack(bundle, key).status == 0);
        fs::copy(bundle, first_copy, fs::copy_options::recursive);
        std::string version = manifest_version(bundle);
        auto s = sync();
        REQUIRE_MESSAGE(s.run.status == 0, s.run.out << s.run.err);
        REQUIRE_MESSAGE(contains(s.run.out, source() + ": imported: "), s.run.out);
        REQUIRE(status()["version"] == version);
        return version;
    }
};

} // namespace kiosk::test::feed
