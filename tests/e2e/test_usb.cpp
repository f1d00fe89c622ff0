// USB sticks end to end: `kiosk sync --once` over folders standing in for sticks, with signed, unsigned, older and
// half-copied bundles, checking what shows, the report left on the stick and the sync log (read with sqlite3).
#include "usb_harness.hpp"

#include <atomic>
#include <chrono>
#include <ctime>
#include <doctest/doctest.h>
#include <filesystem>
#include <thread>

using namespace kiosk::test;
using namespace kiosk::test::usb;
namespace fs = std::filesystem;

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
    CHECK_MESSAGE(contains(report, "IMPORTED: the kiosk now shows this content: packed "), report);
    CHECK_MESSAGE(contains(report, "(version " + version + ")."), report);
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
    // Found too, and waiting beside the first.
    CHECK_MESSAGE(contains(r.out, kiosk.source("x/y") + ": pending: "), r.out);
    CHECK_FALSE(contains(r.out, "x/y2/z"));
    CHECK_FALSE(fs::exists(kiosk.stick("x/y2/z/kiosk-report.txt")));
}

TEST_CASE("one bundle per stick: the first folder by name is read, and its report names the others")
{
    Kiosk kiosk;
    for (const char* name : {"STICK/b-second", "STICK/a-first", "ZOTHER"}) {
        fs::create_directories(kiosk.stick(name));
        fs::remove(kiosk.stick(name));
        copy_demo(kiosk.stick(name));
        rename_bundle(kiosk.stick(name), std::string("Bundle ") + name);
    }
    auto r = kiosk.sync();
    CHECK_MESSAGE(r.status == 0, r.out << r.err);
    CHECK_MESSAGE(contains(r.out, kiosk.source("STICK/a-first") + ": pending: "), r.out);
    CHECK_MESSAGE(contains(r.out, "1 other bundle folder on this stick not read"), r.out);
    // Another stick: read too, and waiting beside the first.
    CHECK_MESSAGE(contains(r.out, kiosk.source("ZOTHER") + ": pending: "), r.out);
    CHECK_FALSE(contains(r.out, "b-second: "));
    std::string report = kiosk.report("STICK/a-first");
    CHECK_MESSAGE(contains(report, "other bundle folders, which the kiosk did not read"), report);
    CHECK_MESSAGE(contains(report, kiosk.stick("STICK/b-second")), report);
    CHECK_FALSE(fs::exists(kiosk.stick("STICK/b-second/kiosk-report.txt")));
}

TEST_CASE("an unsigned stick, or one signed by another key, waits for staff and changes nothing")
{
    Kiosk kiosk;
    std::string version = kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    rename_bundle(stick, "Unsigned Drop-in");
    std::string why, after;
    SUBCASE("unsigned")
    {
        why = "it is not signed (it has no MANIFEST)";
    }
    SUBCASE("signed by another key")
    {
        TempDir other;
        auto made = run_kiosk({"keygen", "--out", other.file("other")});
        REQUIRE(made.status == 0);
        REQUIRE(pack(stick, other.file("other.key")).status == 0);
        why = "it is not signed by a key this kiosk trusts";
        // Whose it is: the name and fingerprint kiosk keygen printed for it.
        std::string sig = read_text(stick + "/MANIFEST.sig");
        std::size_t at = sig.find("\nkey ");
        REQUIRE(at != std::string::npos);
        std::string fingerprint = sig.substr(at + 5, 16);
        CHECK_MESSAGE(contains(made.out, "Its fingerprint is " + fingerprint), made.out);
        after = "(it says it was signed with the key \"other\" (" + fingerprint + "))";
    }
    auto r = kiosk.sync();
    CHECK_MESSAGE(r.status == 0, r.out << r.err);
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": pending: " + why), r.out);
    CHECK_MESSAGE(contains(r.out, after), r.out);
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
    // A month ahead of the clock: a version more than a year ahead would be refused for that alone.
    std::time_t ahead = std::time(nullptr) + 30 * 86400;
    std::tm tm {};
    gmtime_r(&ahead, &tm);
    char stamp[16];
    std::strftime(stamp, sizeof stamp, "%Y%m%d%H%M", &tm);
    std::string version = std::string(stamp) + "59";
    for (const std::string& dir : {first, second}) {
        write_text(dir + "/MANIFEST", "format 1\nversion " + std::string(stamp) + "58\n");
        REQUIRE(pack(dir, kiosk.key).status == 0);
        REQUIRE(manifest_version(dir) == version);
    }
    fs::copy(first, kiosk.stick("stick"), fs::copy_options::recursive);
    REQUIRE(kiosk.sync().status == 0);
    REQUIRE(kiosk.status("version") == version);
    std::string showing = kiosk.status("source");

    fs::remove_all(kiosk.stick("stick"));
    fs::copy(second, kiosk.stick("stick"), fs::copy_options::recursive);
    auto r = kiosk.sync();
    CHECK(r.status == 1);
    CHECK_MESSAGE(
        contains(r.out, kiosk.source("stick") + ": refused: this bundle has the same version " + version), r.out);
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

namespace {

// Syncs while the stick is "pulled out" once the copy has begun: the files in `lost` go (one file is copied every
// 100 ms). Whether they went is `pulled`.
RunResult sync_pulled_out(const Kiosk& kiosk, const std::vector<std::string>& lost, bool& pulled)
{
    ScopedEnv pause("KIOSK_STAGING_PAUSE_MS", "100");
    std::atomic<bool> gone {false};
    std::thread puller([&] {
        auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!copy_started(kiosk.state.path()) && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        if (!copy_started(kiosk.state.path()))
            return;
        for (const std::string& path : lost)
            unlink(path.c_str());
        gone = true;
    });
    RunResult r = kiosk.sync();
    puller.join();
    pulled = gone;
    return r;
}

} // namespace

TEST_CASE("a draft waiting from a stick goes once a newer signed version arrives, and the stick left in does not "
          "bring it back")
{
    Kiosk kiosk;
    std::string draft = kiosk.stick("a-draft");
    copy_demo(draft);
    rename_bundle(draft, "Draft Drop-in");
    auto first = kiosk.sync();
    REQUIRE_MESSAGE(contains(first.out, kiosk.source("a-draft") + ": pending: "), first.out);
    nlohmann::json waiting = kiosk.pending();
    REQUIRE_MESSAGE(waiting.is_object(), waiting.dump());
    CHECK(waiting["source"] == kiosk.source("a-draft"));
    CHECK(waiting["version"].is_null()); // A draft has no MANIFEST.
    CHECK(waiting["problems"].is_number_integer());
    auto text = run_kiosk({"status", "--state", kiosk.state.path()});
    CHECK_MESSAGE(contains(text.out, "waiting:     " + kiosk.source("a-draft") + ", since "), text.out);

    // The signed version comes later: a second later at least, as the store keeps times in seconds.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    std::string packed = kiosk.stick("b-signed");
    copy_demo(packed);
    rename_bundle(packed, "Signed Drop-in");
    REQUIRE(pack(packed, kiosk.key).status == 0);
    std::string version = manifest_version(packed);
    auto second = kiosk.sync();
    CHECK_MESSAGE(contains(second.out, kiosk.source("b-signed") + ": imported: "), second.out);
    CHECK(kiosk.status("version") == version);
    CHECK_MESSAGE(kiosk.pending().is_null(), kiosk.pending().dump());
    CHECK_FALSE(fs::exists(kiosk.state.file("pending")));
    CHECK_FALSE(fs::exists(kiosk.state.file("pending-info")));
    CHECK(kiosk.logged("dropped", kiosk.source("a-draft")) == "1");
    text = run_kiosk({"status", "--state", kiosk.state.path()});
    CHECK_MESSAGE(contains(text.out, "waiting:     nothing waits for staff"), text.out);

    // The draft's stick is still in: read again, it does not wait again, and its report says why.
    auto third = kiosk.sync();
    CHECK_MESSAGE(contains(third.out, kiosk.source("a-draft") + ": refused: this bundle waited for staff"), third.out);
    CHECK(kiosk.pending().is_null());
    CHECK(kiosk.status("version") == version);
    CHECK(contains(kiosk.report("a-draft"), "NOT IMPORTED: this bundle waited for staff"));
}

TEST_CASE("a stick copied halfway never waits, and what waited from it before goes")
{
    Kiosk kiosk;
    std::string version = kiosk.import_signed_demo();
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    rename_bundle(stick, "First draft");
    auto first = kiosk.sync();
    REQUIRE_MESSAGE(contains(first.out, kiosk.source("stick") + ": pending: "), first.out);
    REQUIRE(kiosk.pending().is_object());

    // The stick comes back with a new draft, and is pulled out while it is copied.
    rename_bundle(stick, "Second draft");
    std::vector<std::string> lost;
    for (const auto& entry : fs::directory_iterator(stick + "/pages"))
        lost.push_back(entry.path().string());
    bool pulled = false;
    auto r = sync_pulled_out(kiosk, lost, pulled);
    CHECK(pulled);
    CHECK_MESSAGE(contains(r.out, kiosk.source("stick") + ": failed: "), r.out);
    CHECK_MESSAGE(kiosk.pending().is_null(), kiosk.pending().dump());
    CHECK_FALSE(fs::exists(kiosk.state.file("pending")));
    CHECK(kiosk.logged("dropped", kiosk.source("stick")) == "1");
    CHECK(kiosk.status("version") == version);
    CHECK(fs::is_empty(kiosk.state.file("staging")));
}

TEST_CASE("a bundle three folders down a stick is named in the sync output and the stick's report, and nothing changes")
{
    Kiosk kiosk;
    std::string version = kiosk.import_signed_demo();
    std::string deep = kiosk.stick("MYSTICK/Kiosk/2026/eastside-content");
    fs::create_directories(deep);
    fs::remove(deep);
    copy_demo(deep);
    rename_bundle(deep, "Deep Drop-in");
    // A link out of another stick to a bundle elsewhere is not followed.
    TempDir elsewhere;
    fs::create_directories(elsewhere.file("a/b"));
    copy_demo(elsewhere.file("a/b/outside"));
    fs::create_directories(kiosk.stick("LINKED/x"));
    fs::create_directory_symlink(elsewhere.path(), kiosk.stick("LINKED/x/out"));

    auto r = kiosk.sync();
    CHECK(r.status == 1);
    std::string said = "a bundle was found too deep on this stick, at MYSTICK/Kiosk/2026/eastside-content: move that "
                       "folder to the top of the stick (MYSTICK/eastside-content)";
    CHECK_MESSAGE(contains(r.out, kiosk.source("MYSTICK") + ": refused: " + said), r.out);
    CHECK_FALSE(contains(r.out, "outside"));
    CHECK_FALSE(contains(r.out, "No bundle found"));
    std::string report = read_text(kiosk.stick("MYSTICK/kiosk-report.txt"));
    CHECK_MESSAGE(contains(report, "NOT IMPORTED: " + said), report);
    CHECK(contains(report, "The kiosk goes on showing the content it had."));
    CHECK_FALSE(fs::exists(deep + "/kiosk-report.txt"));
    CHECK_FALSE(fs::exists(kiosk.stick("LINKED/kiosk-report.txt")));
    // Nothing was taken from it: what shows is unchanged and nothing waits.
    CHECK(kiosk.status("version") == version);
    CHECK(kiosk.status("source") == kiosk.source("first"));
    CHECK(kiosk.pending().is_null());
    CHECK(kiosk.last_logged("result") == "refused");
    CHECK(kiosk.last_logged("source") == kiosk.source("MYSTICK"));

    // Moved to the top as the report says, it is read, and the report that said it was too deep goes.
    fs::rename(deep, kiosk.stick("MYSTICK/eastside-content"));
    auto moved = kiosk.sync();
    CHECK_MESSAGE(contains(moved.out, kiosk.source("MYSTICK/eastside-content") + ": pending: "), moved.out);
    CHECK(fs::exists(kiosk.stick("MYSTICK/eastside-content/kiosk-report.txt")));
    CHECK_FALSE(fs::exists(kiosk.stick("MYSTICK/kiosk-report.txt")));
}

TEST_CASE("trusted keys that cannot be read or are not keys are named with why in sync, the stick's report and status")
{
    Kiosk kiosk;
    std::string missing = kiosk.keys.file("gone/center.pub");
    std::string broken = kiosk.keys.write("broken.pub", "this is not a key\n");
    std::string config = kiosk.keys.write("bad-keys.toml",
        "usb_roots = [\"" + kiosk.media.path() + "\"]\ntrusted_keys = [\"" + missing + "\", \"" + broken + "\"]\n");
    std::string stick = kiosk.stick("stick");
    copy_demo(stick);
    REQUIRE(pack(stick, kiosk.key).status == 0);
    std::string unreadable = "trusted key " + missing + ": cannot be read (No such file or directory)";
    std::string not_a_key = "trusted key " + broken + ": is not a kiosk public key (made by kiosk keygen)";

    auto r = run_kiosk({"sync", "--once", "--config", config, "--state", kiosk.state.path()});
    CHECK_MESSAGE(r.status == 0, r.out << r.err);
    CHECK_MESSAGE(contains(r.out, unreadable), r.out);
    CHECK_MESSAGE(contains(r.out, not_a_key), r.out);
    CHECK_MESSAGE(contains(r.out,
                      kiosk.source("stick")
                          + ": pending: this kiosk has no trusted key it can use (trusted_keys in "
                            "its settings)"),
        r.out);
    std::string report = kiosk.report("stick");
    CHECK_MESSAGE(contains(report, "WAITING FOR STAFF: this kiosk has no trusted key it can use"), report);
    CHECK_MESSAGE(contains(report, "the kiosk could not use " + unreadable + "; " + not_a_key), report);

    auto status = run_kiosk({"status", "--config", config, "--state", kiosk.state.path()});
    CHECK(status.status == 0);
    CHECK_MESSAGE(contains(status.out, unreadable + "\n"), status.out);
    CHECK_MESSAGE(contains(status.out, not_a_key + "\n"), status.out);
    nlohmann::json json
        = json_of(run_kiosk({"status", "--json", "--config", config, "--state", kiosk.state.path()}).out);
    REQUIRE(json.is_object());
    CHECK(json["key_problems"]
        == nlohmann::json::array({{{"path", missing}, {"reason", "cannot be read (No such file or directory)"}},
            {{"path", broken}, {"reason", "is not a kiosk public key (made by kiosk keygen)"}}}));
    // With the settings' good key, nothing is named.
    nlohmann::json good
        = json_of(run_kiosk({"status", "--json", "--config", kiosk.config, "--state", kiosk.state.path()}).out);
    CHECK(good["key_problems"] == nlohmann::json::array());
}

TEST_CASE("a Spanish kiosk's stick report is in Spanish, with the kiosk's local time and its zone")
{
    Kiosk kiosk;
    // Content in Spanish, in New York's zone.
    fs::create_directories(kiosk.stick("first") + "/pages");
    write_text(kiosk.stick("first") + "/bundle.toml",
        "name = \"Centro\"\nlanguages = [\"es\"]\ntime_zone = \"America/New_York\"\n\n[[sections]]\nid = \"info\"\n"
        "kind = \"page\"\npage = \"info\"\ntitle = \"Información\"\n");
    write_text(kiosk.stick("first") + "/pages/info.md", "# Información\n\nAbierto de lunes a viernes.\n");
    REQUIRE(pack(kiosk.stick("first"), kiosk.key).status == 0);
    auto imported = kiosk.sync();
    REQUIRE_MESSAGE(imported.status == 0, imported.out << imported.err);
    std::string report = kiosk.report("first");
    CHECK_MESSAGE(contains(report, "IMPORTADO: el quiosco ya muestra este contenido: empaquetada el "), report);
    CHECK_MESSAGE(contains(report, "Informe de Drop-in Kiosk, "), report);
    // A zone's name ends the heading's time: EST or EDT, whichever holds today in New York.
    std::string heading = report.substr(0, report.find('\n'));
    CHECK_MESSAGE((heading.size() > 4 && (heading.ends_with(" EST") || heading.ends_with(" EDT"))), heading);
    fs::remove_all(kiosk.stick("first"));

    // A broken bundle: in Spanish all through, each problem's line too.
    copy_demo(kiosk.stick("broken"));
    write_text(kiosk.stick("broken") + "/bundle.toml", "name = \"Broken\nlanguages = [\"es\"]\n");
    auto refused = kiosk.sync();
    CHECK(refused.status != 0);
    std::string broken = kiosk.report("broken");
    CHECK_MESSAGE(contains(broken, "NO IMPORTADO: "), broken);
    CHECK_MESSAGE(contains(broken, "El quiosco sigue mostrando el contenido que tenía."), broken);
    CHECK_MESSAGE(contains(broken, "bundle.toml:1: error: un texto entre comillas no est\u00e1 cerrado"), broken);
    // The reason in Spanish too; the sync's own output stays English.
    CHECK_MESSAGE(contains(broken, "NO IMPORTADO: el contenido no se puede usar: corrige los errores"), broken);
    CHECK_MESSAGE(contains(refused.out, "the bundle cannot be used: fix the errors listed below"), refused.out);
    fs::remove_all(kiosk.stick("broken"));

    // An unsigned draft waits, and the report says why in Spanish.
    copy_demo(kiosk.stick("draft"));
    auto waits = kiosk.sync();
    REQUIRE_MESSAGE(waits.status == 0, waits.out << waits.err);
    std::string draft = kiosk.report("draft");
    CHECK_MESSAGE(contains(draft,
                      "ESPERA AL PERSONAL: no está firmado (no tiene MANIFEST): espera a que alguien del personal lo "
                      "aplique con el PIN"),
        draft);
    CHECK_MESSAGE(!contains(draft, "it is not signed"), draft);
}

TEST_CASE("status says a stick's failure is past once the same stick has succeeded since")
{
    Kiosk kiosk;
    copy_demo(kiosk.stick("stick"));
    write_text(kiosk.stick("stick") + "/bundle.toml", "name = \"Broken\n");
    CHECK(kiosk.sync().status != 0);
    auto failing = run_kiosk({"status", "--state", kiosk.state.path()});
    CHECK_MESSAGE(contains(failing.out, "  last failure: "), failing.out);

    fs::remove_all(kiosk.stick("stick"));
    copy_demo(kiosk.stick("stick"));
    REQUIRE(pack(kiosk.stick("stick"), kiosk.key).status == 0);
    auto fixed = kiosk.sync();
    REQUIRE_MESSAGE(fixed.status == 0, fixed.out << fixed.err);
    auto status = run_kiosk({"status", "--state", kiosk.state.path()});
    CHECK_MESSAGE(contains(status.out, "  last success: "), status.out);
    CHECK_MESSAGE(contains(status.out, "  last failure, before that success: "), status.out);
}
