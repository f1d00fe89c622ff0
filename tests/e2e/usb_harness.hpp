// The harness the USB and signing tests share: a kiosk state folder, a key pair, a folder standing in for the mount
// roots, and helpers to copy, pack, verify and sync bundles with the real binary.
#pragma once

#include "support/files.hpp"
#include "support/json.hpp"
#include "support/process.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include <doctest/doctest.h>

namespace kiosk::test::usb {

namespace fs = std::filesystem;

inline const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

// A copy of the demo bundle at `to` (made here).
inline void copy_demo(const std::string& to)
{
    fs::copy(demo, to, fs::copy_options::recursive);
}

// Gives the bundle another name, so its content differs from the demo's.
inline void rename_bundle(const std::string& dir, const std::string& name)
{
    std::string toml = read_text(dir + "/bundle.toml");
    auto start = toml.find("\nname = ");
    REQUIRE(start != std::string::npos);
    auto end = toml.find('\n', start + 1);
    toml.replace(start + 1, end - start - 1, "name = \"" + name + "\"");
    write_text(dir + "/bundle.toml", toml);
}

inline RunResult pack(const std::string& dir, const std::string& key)
{
    return run_kiosk({"pack", dir, "--key", key});
}

inline RunResult verify(const std::string& dir, const std::string& pub)
{
    return run_kiosk({"verify", dir, "--pub", pub});
}

// True once the sync has begun copying a bundle into its staging folder.
inline bool copy_started(const std::string& state)
{
    std::error_code ec;
    for (fs::directory_iterator it(state + "/staging", ec), end; !ec && it != end; it.increment(ec)) {
        if (fs::exists(it->path() / "bundle.toml", ec))
            return true;
    }
    return false;
}

// A folder to stand in for a stick's mount point: on tmpfs when there is one, since a stick is a file system of its
// own, and creating 100,000 files on a virtual machine's disk can take a minute.
inline TempDir stick_root()
{
    if (access("/dev/shm", W_OK) != 0)
        return TempDir();
    ScopedEnv on_tmpfs("TMPDIR", "/dev/shm");
    return TempDir();
}

// `count` empty files named 0.png, 1.png, ... in `dir`, made with plain system calls (fast).
inline void make_empty_files(const std::string& dir, int count)
{
    std::filesystem::create_directories(dir);
    int folder = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(folder >= 0);
    int made = 0;
    for (int i = 0; i < count; ++i) {
        int fd = openat(folder, (std::to_string(i) + ".png").c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            close(fd);
            ++made;
        }
    }
    close(folder);
    REQUIRE(made == count);
}

inline std::uint32_t crc32(const std::string& bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline std::string big_endian(std::uint32_t value)
{
    return {char(value >> 24), char(value >> 16), char(value >> 8), char(value)};
}

inline std::string png_chunk(const std::string& type, const std::string& data)
{
    return big_endian(std::uint32_t(data.size())) + type + data + big_endian(crc32(type + data));
}

// A PNG signature, an IHDR chunk (8-bit RGB) claiming `width` x `height`, and IEND: no pixels at all.
inline std::string png_header(std::uint32_t width, std::uint32_t height)
{
    std::string signature("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr = big_endian(width) + big_endian(height) + std::string("\x08\x02\x00\x00\x00", 5);
    return signature + png_chunk("IHDR", ihdr) + png_chunk("IEND", "");
}

// One kiosk: its state folder, the staff key it trusts, a folder standing in for the USB mount point (each bundle
// folder in it is a stick), and a settings file naming both.
struct Kiosk {
    TempDir state;
    TempDir keys;
    TempDir media = stick_root();
    std::string key = keys.file("staff.key");
    std::string pub = keys.file("staff.pub");
    std::string config;

    Kiosk()
    {
        auto made = run_kiosk({"keygen", "--out", keys.file("staff")});
        REQUIRE_MESSAGE(made.status == 0, made.out << made.err);
        config = keys.write("kiosk.toml", "usb_roots = [\"" + media.path() + "\"]\ntrusted_keys = [\"" + pub + "\"]\n");
    }

    std::string stick(const std::string& name) const { return media.file(name); }
    std::string source(const std::string& name) const { return "usb:" + stick(name); }
    std::string report(const std::string& name) const { return read_text(stick(name) + "/kiosk-report.txt"); }

    RunResult sync() const { return run_kiosk({"sync", "--once", "--config", config, "--state", state.path()}); }

    std::string status(const std::string& field) const
    {
        return json_value(run_kiosk({"status", "--json", "--state", state.path()}).out, field);
    }

    // What `status --json` says waits for staff: null, or {"source", "version", "problems", ...}.
    nlohmann::json pending() const
    {
        nlohmann::json json = json_of(run_kiosk({"status", "--json", "--state", state.path()}).out);
        REQUIRE(json.is_object());
        REQUIRE(json.contains("pending"));
        return json["pending"];
    }

    // How many rows of the sync log have this result and source, read by sqlite3.
    std::string logged(const std::string& result, const std::string& source) const
    {
        return shell("sqlite3 '" + state.path() + "/db/kiosk.db' \"SELECT count(*) FROM sync_log WHERE result = '"
            + result + "' AND source = '" + source + "'\"");
    }

    // A column of the sync log's last row, read by sqlite3.
    std::string last_logged(const std::string& column) const
    {
        return shell("sqlite3 '" + state.path() + "/db/kiosk.db' 'SELECT " + column
            + " FROM sync_log ORDER BY id DESC LIMIT 1'");
    }

    // Puts a signed copy of the demo on a stick, imports it, and takes the stick out again. Its version.
    std::string import_signed_demo()
    {
        copy_demo(stick("first"));
        REQUIRE(pack(stick("first"), key).status == 0);
        std::string version = manifest_version(stick("first"));
        auto r = sync();
        REQUIRE_MESSAGE(r.status == 0, r.out << r.err);
        REQUIRE(contains(r.out, source("first") + ": imported: "));
        REQUIRE(status("version") == version);
        fs::remove_all(stick("first"));
        return version;
    }
};

} // namespace kiosk::test::usb
