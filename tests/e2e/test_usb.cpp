// USB sticks end to end: keygen, pack and verify; then `kiosk sync --once` over folders standing in for sticks, with
// signed, unsigned, older, half-copied and hostile bundles, checking what shows, the report left on the stick and the
// sync log (read with sqlite3, not our code).
#include "support/process.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace kiosk::test;
namespace fs = std::filesystem;

namespace {

const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::string read_text(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void write_text(const std::string& path, const std::string& text)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

void append_text(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary | std::ios::app) << text;
}

// A shell command's standard output, trimmed.
std::string shell(const std::string& command)
{
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[4096];
        while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe))
            out.append(buffer, n);
        pclose(pipe);
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    return out;
}

// The value of "key": "..." (or a number) in a line of JSON.
std::string json_value(const std::string& json, const std::string& key)
{
    auto at = json.find("\"" + key + "\": ");
    if (at == std::string::npos)
        return {};
    at += key.size() + 4;
    if (json[at] == '"')
        return json.substr(at + 1, json.find('"', at + 1) - at - 1);
    return json.substr(at, json.find_first_of(",}", at) - at);
}

// A copy of the demo bundle at `to` (made here).
void copy_demo(const std::string& to)
{
    fs::copy(demo, to, fs::copy_options::recursive);
}

// Gives the bundle another name, so its content differs from the demo's.
void rename_bundle(const std::string& dir, const std::string& name)
{
    std::string toml = read_text(dir + "/bundle.toml");
    auto start = toml.find("\nname = ");
    REQUIRE(start != std::string::npos);
    auto end = toml.find('\n', start + 1);
    toml.replace(start + 1, end - start - 1, "name = \"" + name + "\"");
    write_text(dir + "/bundle.toml", toml);
}

RunResult pack(const std::string& dir, const std::string& key)
{
    return run_kiosk({"pack", dir, "--key", key});
}

RunResult verify(const std::string& dir, const std::string& pub)
{
    return run_kiosk({"verify", dir, "--pub", pub});
}

// The version line of DIR/MANIFEST.
std::string manifest_version(const std::string& dir)
{
    std::istringstream in(read_text(dir + "/MANIFEST"));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("version ", 0) == 0)
            return line.substr(8);
    }
    return {};
}

// True once the sync has begun copying a bundle into its staging folder.
bool copy_started(const std::string& state)
{
    std::error_code ec;
    for (fs::directory_iterator it(state + "/staging", ec), end; !ec && it != end; it.increment(ec)) {
        if (fs::exists(it->path() / "bundle.toml", ec))
            return true;
    }
    return false;
}

// Sets an environment variable for one scope, then puts back what was there.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value)
        : m_name(name)
    {
        if (const char* old = std::getenv(name))
            m_old = old;
        setenv(name, value, 1);
    }
    ~ScopedEnv()
    {
        if (m_old)
            setenv(m_name, m_old->c_str(), 1);
        else
            unsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

// A folder to stand in for a stick's mount point: on tmpfs when there is one, since a stick is a file system of its
// own, and creating 100,000 files on a virtual machine's disk can take a minute.
TempDir stick_root()
{
    if (access("/dev/shm", W_OK) != 0)
        return TempDir();
    ScopedEnv on_tmpfs("TMPDIR", "/dev/shm");
    return TempDir();
}

// `count` empty files named 0.png, 1.png, ... in `dir`, made with plain system calls (fast).
void make_empty_files(const std::string& dir, int count)
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

std::uint32_t crc32(const std::string& bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

std::string big_endian(std::uint32_t value)
{
    return {char(value >> 24), char(value >> 16), char(value >> 8), char(value)};
}

std::string png_chunk(const std::string& type, const std::string& data)
{
    return big_endian(std::uint32_t(data.size())) + type + data + big_endian(crc32(type + data));
}

// A PNG signature, an IHDR chunk (8-bit RGB) claiming `width` x `height`, and IEND: no pixels at all.
std::string png_header(std::uint32_t width, std::uint32_t height)
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

    // A column of the sync log's last row, read by sqlite3.
    std::string last_logged(const std::string& column) const
    {
        return shell(
            "sqlite3 '" + state.path() + "/kiosk.db' 'SELECT " + column + " FROM sync_log ORDER BY id DESC LIMIT 1'");
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

} // namespace

TEST_CASE("keygen, pack and verify: an intact bundle verifies, every change after packing is found")
{
    TempDir keys;
    TempDir work;
    std::string bundle = work.file("bundle");
    copy_demo(bundle);
    auto made = run_kiosk({"keygen", "--out", keys.file("staff")});
    REQUIRE_MESSAGE(made.status == 0, made.err);
    struct stat st { };
    REQUIRE(stat(keys.file("staff.key").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(fs::is_regular_file(keys.file("staff.pub")));
    CHECK(contains(read_text(keys.file("staff.pub")), "drop-in-kiosk public key 1"));

    auto packed = pack(bundle, keys.file("staff.key"));
    REQUIRE_MESSAGE(packed.status == 0, packed.out << packed.err);
    CHECK(fs::is_regular_file(bundle + "/MANIFEST"));
    CHECK(fs::is_regular_file(bundle + "/MANIFEST.sig"));
    std::string version = manifest_version(bundle);
    CHECK(version.size() == 14);
    CHECK(contains(packed.out, "packed as version " + version));

    auto intact = verify(bundle, keys.file("staff.pub"));
    CHECK_MESSAGE(intact.status == 0, intact.out << intact.err);
    CHECK(contains(intact.out, "intact, version " + version));

    std::string expected;
    SUBCASE("a page changed after packing")
    {
        append_text(bundle + "/pages/about.md", "\nOne more line.\n");
        expected = "pages/about.md was changed after packing";
    }
    SUBCASE("a size changed in the MANIFEST")
    {
        std::string text = read_text(bundle + "/MANIFEST");
        auto at = text.find("\nfile\t");
        REQUIRE(at != std::string::npos);
        at += 6;
        text[at] = text[at] == '9' ? '8' : char(text[at] + 1);
        write_text(bundle + "/MANIFEST", text);
        expected = "its MANIFEST was changed after signing";
    }
    SUBCASE("one hex digit flipped in the signature")
    {
        std::string text = read_text(bundle + "/MANIFEST.sig");
        auto label = text.find("drop-in-kiosk signature 1\n");
        REQUIRE(label != std::string::npos);
        std::size_t at = label + 26 + 10; // The tenth digit of the signature's hex line.
        text[at] = text[at] == '0' ? '1' : '0';
        write_text(bundle + "/MANIFEST.sig", text);
        expected = "its MANIFEST was changed after signing";
    }
    SUBCASE("the signature is missing")
    {
        fs::remove(bundle + "/MANIFEST.sig");
        expected = "MANIFEST.sig is missing or damaged";
    }
    SUBCASE("a file added after packing")
    {
        write_text(bundle + "/pages/extra.md", "# Extra\n");
        expected = "pages/extra.md is not in the MANIFEST: it was added after packing";
    }
    SUBCASE("a file taken away after packing")
    {
        fs::remove(bundle + "/unions.csv");
        expected = "unions.csv is missing";
    }
    SUBCASE("signed by another key")
    {
        REQUIRE(run_kiosk({"keygen", "--out", keys.file("other")}).status == 0);
        auto other = verify(bundle, keys.file("other.pub"));
        CHECK(other.status == 1);
        CHECK_MESSAGE(contains(other.out, "NOT verified: it is not signed by a key"), other.out);
        return;
    }
    auto r = verify(bundle, keys.file("staff.pub"));
    CHECK(r.status == 1);
    CHECK_MESSAGE(contains(r.out, bundle + ": NOT verified: "), r.out);
    CHECK_MESSAGE(contains(r.out, expected), r.out);
}

TEST_CASE("keygen never overwrites a key")
{
    TempDir keys;
    REQUIRE(run_kiosk({"keygen", "--out", keys.file("staff")}).status == 0);
    std::string secret = read_text(keys.file("staff.key"));
    auto again = run_kiosk({"keygen", "--out", keys.file("staff")});
    CHECK(again.status == 1);
    CHECK(contains(again.err, "already exists"));
    CHECK(read_text(keys.file("staff.key")) == secret);
}

TEST_CASE("pack refuses a bundle with an error and writes no MANIFEST")
{
    TempDir keys;
    TempDir work;
    REQUIRE(run_kiosk({"keygen", "--out", keys.file("staff")}).status == 0);
    std::string bundle = work.file("missing-page");
    fs::copy(KIOSK_SOURCE_DIR "/tests/bundles/missing-page", bundle, fs::copy_options::recursive);
    auto r = pack(bundle, keys.file("staff.key"));
    CHECK(r.status == 1);
    CHECK_MESSAGE(contains(r.out, bundle + ": not packed: fix the errors above first"), r.out);
    CHECK(contains(r.out, "error"));
    CHECK_FALSE(fs::exists(bundle + "/MANIFEST"));
    CHECK_FALSE(fs::exists(bundle + "/MANIFEST.sig"));
}

TEST_CASE("a signed stick is imported, then found unchanged")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    REQUIRE(pack(stick, kiosk.key).status == 0);
    std::string version = manifest_version(stick);

    auto first = kiosk.sync();
    CHECK_MESSAGE(first.status == 0, first.out << first.err);
    CHECK_MESSAGE(contains(first.out, kiosk.source("stick") + ": imported: "), first.out);
    CHECK(kiosk.status("version") == version);
    CHECK(kiosk.status("source") == kiosk.source("stick"));
    CHECK(kiosk.status("pages") == "5");
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(contains(report, "IMPORTED: the kiosk now shows this content (version " + version + ")"), report);
    CHECK(kiosk.last_logged("result") == "imported");
    CHECK(kiosk.last_logged("source") == kiosk.source("stick"));
    // The report on the stick is not part of the bundle: it still verifies.
    CHECK(verify(stick, kiosk.pub).status == 0);

    auto second = kiosk.sync();
    CHECK(second.status == 0);
    CHECK_MESSAGE(contains(second.out, kiosk.source("stick") + ": unchanged: "), second.out);
    CHECK(contains(kiosk.report("stick"), "NOTHING TO DO"));
    CHECK(kiosk.status("version") == version);
    CHECK(kiosk.last_logged("result") == "unchanged");
}

TEST_CASE("bundle folders are found at most two levels below a root")
{
    Kiosk kiosk;
    for (const char* name : {"a", "x/y", "x/y2/z"}) {
        fs::create_directories(kiosk.stick(name));
        fs::remove(kiosk.stick(name));
        copy_demo(kiosk.stick(name));
        rename_bundle(kiosk.stick(name), std::string("Bundle ") + name);
    }
    auto r = kiosk.sync();
    CHECK_MESSAGE(r.status == 0, r.out << r.err);
    CHECK_MESSAGE(contains(r.out, kiosk.source("a") + ": pending: "), r.out);
    CHECK_MESSAGE(contains(r.out, kiosk.source("x/y") + ": pending: "), r.out);
    CHECK_FALSE(contains(r.out, "x/y2/z"));
    CHECK_FALSE(fs::exists(kiosk.stick("x/y2/z/kiosk-report.txt")));
}

TEST_CASE("an unsigned stick, or one signed by another key, waits for staff and changes nothing")
{
    Kiosk kiosk;
    std::string version = kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    rename_bundle(stick, "Unsigned Drop-in");
    std::string why;
    SUBCASE("unsigned")
    {
        why = "it is not signed (it has no MANIFEST)";
    }
    SUBCASE("signed by another key")
    {
        TempDir other;
        REQUIRE(run_kiosk({"keygen", "--out", other.file("other")}).status == 0);
        REQUIRE(pack(stick, other.file("other.key")).status == 0);
        why = "it is not signed by a key this kiosk trusts";
    }
    auto r = kiosk.sync();
    CHECK_MESSAGE(r.status == 0, r.out << r.err);
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": pending: " + why), r.out);
    CHECK(kiosk.status("version") == version);
    CHECK(kiosk.status("source") == kiosk.source("first"));
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(contains(report, "WAITING FOR STAFF: " + why), report);
    CHECK(contains(report, "Nothing changed for visitors"));
    // The kiosk keeps its own copy for staff to apply with the PIN.
    CHECK(contains(read_text(kiosk.state.file("pending/bundle.toml")), "Unsigned Drop-in"));
    CHECK(kiosk.last_logged("result") == "pending");
}

TEST_CASE("an older signed version is refused and the newer one stays")
{
    Kiosk kiosk;
    TempDir work;
    std::string older = work.file("a"), newer = work.file("b");
    copy_demo(older);
    REQUIRE(pack(older, kiosk.key).status == 0);
    std::string older_version = manifest_version(older);
    // B has other content; with A's MANIFEST in its folder, pack gives it a higher version even within one second.
    copy_demo(newer);
    append_text(newer + "/pages/about.md", "\nNew this week: coffee on Fridays.\n");
    fs::copy_file(older + "/MANIFEST", newer + "/MANIFEST");
    REQUIRE(pack(newer, kiosk.key).status == 0);
    std::string newer_version = manifest_version(newer);
    REQUIRE(newer_version > older_version);

    fs::copy(newer, kiosk.stick("stick"), fs::copy_options::recursive);
    auto first = kiosk.sync();
    REQUIRE_MESSAGE(first.status == 0, first.out << first.err);
    REQUIRE(kiosk.status("version") == newer_version);

    fs::remove_all(kiosk.stick("stick"));
    fs::copy(older, kiosk.stick("stick"), fs::copy_options::recursive);
    auto r = kiosk.sync();
    CHECK(r.status == 1);
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": refused: "), r.out);
    CHECK(contains(r.out, "older than version " + newer_version));
    CHECK(kiosk.status("version") == newer_version);
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(
        contains(
            report, "NOT IMPORTED: this bundle's version " + older_version + " is older than version " + newer_version),
        report);
    CHECK(kiosk.last_logged("result") == "refused");
}

TEST_CASE("the same signed version with other content is refused")
{
    Kiosk kiosk;
    TempDir work;
    std::string first = work.file("first"), second = work.file("second");
    copy_demo(first);
    copy_demo(second);
    append_text(second + "/pages/about.md", "\nNew this week: coffee on Fridays.\n");
    // pack gives one more than the version of a MANIFEST already in the folder when the clock is behind it: the same
    // old MANIFEST in both folders gives both bundles the same version, whatever the time.
    for (const std::string& dir : {first, second}) {
        write_text(dir + "/MANIFEST", "format 1\nversion 20991231235958\n");
        REQUIRE(pack(dir, kiosk.key).status == 0);
        REQUIRE(manifest_version(dir) == "20991231235959");
    }
    fs::copy(first, kiosk.stick("stick"), fs::copy_options::recursive);
    REQUIRE(kiosk.sync().status == 0);
    REQUIRE(kiosk.status("version") == "20991231235959");
    std::string showing = kiosk.status("source");

    fs::remove_all(kiosk.stick("stick"));
    fs::copy(second, kiosk.stick("stick"), fs::copy_options::recursive);
    auto r = kiosk.sync();
    CHECK(r.status == 1);
    CHECK_MESSAGE(
        contains(r.out, kiosk.source("stick") + ": refused: this bundle has the same version 20991231235959"), r.out);
    CHECK(contains(kiosk.report("stick"), "pack it again to give it a new version"));
    CHECK(kiosk.last_logged("result") == "refused");
}

TEST_CASE("a stick pulled out halfway through the copy imports nothing")
{
    Kiosk kiosk;
    std::string version = kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    rename_bundle(stick, "Half a bundle");
    REQUIRE(pack(stick, kiosk.key).status == 0);

    // What the "pulled out" stick loses once the copy has begun (one file copied every 100 ms).
    std::vector<std::string> lost;
    std::string why;
    SUBCASE("files not yet copied go away")
    {
        for (const auto& entry : fs::directory_iterator(stick + "/pages"))
            lost.push_back(entry.path().string());
        why = "cannot be read (was the stick pulled out?)";
    }
    SUBCASE("a file already copied goes away")
    {
        lost.push_back(stick + "/bundle.toml"); // The first file copied.
        why = "the stick changed while it was read";
    }
    ScopedEnv pause("KIOSK_STAGING_PAUSE_MS", "100");
    std::atomic<bool> pulled {false};
    std::thread puller([&] {
        auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!copy_started(kiosk.state.path()) && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        if (!copy_started(kiosk.state.path()))
            return; // The copy never began: the CHECK(pulled) below says so.
        for (const std::string& path : lost)
            unlink(path.c_str());
        pulled = true;
    });
    auto started = std::chrono::steady_clock::now();
    auto r = kiosk.sync();
    puller.join();
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    MESSAGE("sync with the stick pulled out took " << took.count() << " ms");
    CHECK(pulled);
    CHECK(r.status == 1);
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": failed: "), r.out);
    CHECK_MESSAGE(contains(r.out, why), r.out);
    CHECK(kiosk.status("version") == version);
    CHECK(kiosk.status("source") == kiosk.source("first"));
    CHECK(kiosk.last_logged("result") == "failed");
    // Nothing half-copied is left behind on the kiosk.
    CHECK(fs::is_empty(kiosk.state.file("staging")));
    CHECK_FALSE(fs::exists(kiosk.state.file("pending")));
    CHECK(contains(kiosk.report("stick"), "NOT IMPORTED"));
}

TEST_CASE("hostile sticks are refused with a clear reason, and the kiosk goes on as it was")
{
    Kiosk kiosk;
    std::string version = kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    rename_bundle(stick, "Hostile");
    std::string outcome = "refused";   // Or "pending": not imported, kept for staff to look at.
    std::vector<std::string> mentions; // In the sync's line and the report.
    SUBCASE("a link pointing out of the bundle")
    {
        fs::create_symlink("/etc/passwd", stick + "/pages/evil.md");
        mentions = {"pages/evil.md is a link"};
    }
    SUBCASE("100,000 files")
    {
        make_empty_files(stick + "/images", 100000);
        mentions = {"the bundle has more than 2000 files"}; // Refused from the listing, before any copy.
    }
    SUBCASE("a 2 GB file")
    {
        std::filesystem::create_directories(stick + "/images");
        int fd = open((stick + "/images/huge.png").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        REQUIRE(fd >= 0);
        REQUIRE(ftruncate(fd, off_t(2) << 30) == 0); // Sparse: nothing is written.
        close(fd);
        mentions = {"images/huge.png is 2048 MiB", "64 MiB"};
    }
    SUBCASE("a bundle.toml nested 10,000 brackets deep")
    {
        write_text(stick + "/bundle.toml", "name = " + std::string(10000, '[') + std::string(10000, ']') + "\n");
        mentions = {"the bundle cannot be used", "bundle.toml:1: error: brackets are nested more than 32 deep"};
    }
    SUBCASE("a PNG whose header claims 100,000 pixels wide")
    {
        write_text(stick + "/images/wide.png", png_header(100000, 10));
        append_text(stick + "/pages/about.md", "\n![A very wide picture](images/wide.png)\n");
        outcome = "pending";
        mentions = {"images/wide.png: error: the image is 100000x10 pixels"};
    }
    // None of these can be signed: pack refuses each, as the kiosk would.
    auto packed = pack(stick, kiosk.key);
    CHECK_MESSAGE(packed.status == 1, packed.out);
    CHECK_FALSE(fs::exists(stick + "/MANIFEST"));

    auto started = std::chrono::steady_clock::now();
    auto r = kiosk.sync();
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    MESSAGE("sync took " << took.count() << " ms");
    CHECK_MESSAGE(r.status == (outcome == "pending" ? 0 : 1), r.out << r.err);
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": " + outcome + ": "), r.out);
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(contains(report, outcome == "pending" ? "WAITING FOR STAFF" : "NOT IMPORTED"), report);
    for (const std::string& part : mentions) {
        CHECK_MESSAGE(contains(report, part), "missing: " << part << "\n" << report);
        if (outcome == "refused" && &part == &mentions.front())
            CHECK_MESSAGE(contains(r.out, part), r.out);
    }
    CHECK_FALSE(contains(report, "root:")); // Nothing was read through the link.
    CHECK(kiosk.status("version") == version);
    CHECK(kiosk.status("source") == kiosk.source("first"));
    CHECK(kiosk.last_logged("result") == outcome);
    CHECK(fs::is_empty(kiosk.state.file("staging")));
    // The kiosk binary is fine.
    CHECK(run_kiosk({"check", demo}).status == 0);
}

TEST_CASE("the report on the stick names each problem's file and line")
{
    Kiosk kiosk;
    kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    std::string events = read_text(stick + "/events.csv");
    REQUIRE(events.back() == '\n');
    auto line = std::count(events.begin(), events.end(), '\n') + 1;
    append_text(stick + "/events.csv", "bad-date,Bad date,,12/01/2026 7pm,,,,,,\n");
    auto r = kiosk.sync();
    CHECK_MESSAGE(r.status == 0, r.out << r.err);
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": pending: "), r.out);
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(
        contains(report, "events.csv:" + std::to_string(line) + ": error: the start \"12/01/2026 7pm\""), report);
    CHECK(contains(report, "Problems found, each with its file and line"));
}

TEST_CASE("a read-only stick still imports, and the sync says the report could not be written")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    REQUIRE(pack(stick, kiosk.key).status == 0);
    std::string version = manifest_version(stick);
    std::string out;
    int status = -1;
    if (geteuid() != 0) {
        REQUIRE(chmod(stick.c_str(), 0555) == 0);
        auto r = kiosk.sync();
        chmod(stick.c_str(), 0755);
        out = r.out + r.err;
        status = r.status;
        CHECK_MESSAGE(contains(out, "the report could not be written on the stick: the stick cannot be written"), out);
    } else {
        // chmod 0555 does not stop root, which these tests may run as; a read-only bind mount in a private mount
        // namespace does, and is what a stick mounted read-only looks like.
        MESSAGE("running as root, which ignores chmod 0555: using a read-only bind mount instead");
        if (std::system("unshare -rm true 2>/dev/null") != 0) {
            MESSAGE("skipped: running as root and cannot make a private read-only mount here (unshare -rm)");
            return;
        }
        TempDir work;
        std::string script = "mount --bind '" + stick + "' '" + stick + "' && mount -o remount,bind,ro '" + stick
            + "' '" + stick + "' && '" + KIOSK_BINARY + "' sync --once --config '" + kiosk.config + "' --state '"
            + kiosk.state.path() + "' > '" + work.file("out") + "' 2>&1; echo \\$? > '" + work.file("status") + "'";
        REQUIRE(std::system(("unshare -rm sh -c \"" + script + "\"").c_str()) == 0);
        out = read_text(work.file("out"));
        status = std::atoi(read_text(work.file("status")).c_str());
        CHECK_MESSAGE(contains(out, "the report could not be written on the stick: the stick is read-only"), out);
    }
    CHECK_MESSAGE(status == 0, out);
    CHECK_MESSAGE(contains(out, kiosk.source("stick") + ": imported: "), out);
    CHECK(kiosk.status("version") == version);
    CHECK_FALSE(fs::exists(stick + "/kiosk-report.txt"));
    CHECK_FALSE(fs::exists(stick + "/.kiosk-report.tmp"));
    CHECK(contains(kiosk.last_logged("message"), "no report on the stick"));
}

// A packed bundle is known by its MANIFEST only while its files match it: a page edited after packing is news, and
// the stick says why it is not signed any more.
TEST_CASE("a signed stick edited after packing is not called already showing")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    REQUIRE(pack(stick, kiosk.key).status == 0);
    REQUIRE(kiosk.sync().status == 0);
    append_text(stick + "/pages/about.md", "\nAdded after packing, and never packed again.\n");
    REQUIRE(verify(stick, kiosk.pub).status == 1);
    auto r = kiosk.sync();
    CHECK_MESSAGE(!contains(r.out, ": unchanged: "), r.out);
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(contains(report, "pages/about.md was changed after packing"), report);
}

// Folders count toward a limit too: a stick of empty folders is refused from its listing, before anything is copied.
TEST_CASE("a stick with thousands of empty folders is refused before anything is copied")
{
    Kiosk kiosk;
    std::string version = kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    for (int i = 0; i < 2500; ++i)
        fs::create_directories(stick + "/images/" + std::to_string(i));
    auto r = kiosk.sync();
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": refused: "), r.out);
    CHECK(kiosk.status("version") == version);
    CHECK_FALSE(fs::exists(kiosk.state.file("pending")));
}

// A bundle refused while it is copied was never checked: its report must not say that no problems were found.
TEST_CASE("a report for a stick refused before checking does not say no problems were found")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    fs::create_symlink("/etc/passwd", stick + "/pages/evil.md");
    auto r = kiosk.sync();
    CHECK(contains(r.out, ": refused: "));
    std::string report = kiosk.report("stick");
    CHECK(contains(report, "NOT IMPORTED: pages/evil.md is a link"));
    CHECK_MESSAGE(!contains(report, "No problems found"), report);
}

// pack and verify agree on file names: "Notes...txt" packs and verifies; a name with a line break is refused by pack.
TEST_CASE("whatever pack signs, verify accepts, and the stick imports")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    std::string name;
    SUBCASE("dots in a file name")
    {
        name = "Notes...txt";
    }
    SUBCASE("a newline in a file name")
    {
        name = "odd\nname.txt";
    }
    write_text(stick + "/" + name, "Notes for staff.\n");
    auto packed = pack(stick, kiosk.key);
    CAPTURE(packed.out);
    if (packed.status != 0)
        return; // Refusing the name is fine too.
    auto verified = verify(stick, kiosk.pub);
    CHECK_MESSAGE(verified.status == 0, verified.out);
    auto r = kiosk.sync();
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": imported: "), r.out);
}

TEST_CASE("a bundle that hangs the checker is not tried again until it changes, even after a restart")
{
    Kiosk kiosk;
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    REQUIRE(pack(stick, kiosk.key).status == 0);
    {
        // A checker that never finishes in time: the child is killed after 1 ms.
        ScopedEnv hang("KIOSK_CHILD_WALL_MS", "1");
        auto r = kiosk.sync();
        CHECK(r.status == 1);
        CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": failed: "), r.out);
        CHECK_MESSAGE(contains(r.out, "not tried again until it changes"), r.out);
    }
    // A new process (as after a restart), with a checker that would work: the same bundle is still not tried.
    auto again = kiosk.sync();
    CHECK(again.status == 1);
    CHECK_MESSAGE(contains(again.out, ": refused: this bundle stopped the kiosk's checker before"), again.out);
    CHECK(kiosk.status("source") != kiosk.source("stick"));
    // Packed again, it is another bundle: tried, and imported.
    append_text(stick + "/pages/about.md", "\nMore about unions soon.\n");
    REQUIRE(pack(stick, kiosk.key).status == 0);
    auto changed = kiosk.sync();
    CHECK_MESSAGE(contains(changed.out, kiosk.source("stick") + ": imported: "), changed.out);
}
