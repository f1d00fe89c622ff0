// Bundles waiting for staff stop waiting once what shows moved past them: sync/pending.cpp on a real state folder and
// a real SQLite file, with the import policy deciding at set times.
#include "store/store.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"
#include "sync/import_policy.hpp"
#include "sync/pending.hpp"
#include "sync/signing.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace kiosk;
using namespace kiosk::sync;
namespace fs = std::filesystem;

namespace {

const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

// A copy of the demo bundle named `name` at `to`, so that each copy's content differs.
std::string demo_named(const std::string& to, const std::string& name)
{
    fs::copy(demo, to, fs::copy_options::recursive);
    std::string toml = test::read_text(to + "/bundle.toml");
    auto start = toml.find("\nname = ");
    REQUIRE(start != std::string::npos);
    toml.replace(start + 1, toml.find('\n', start + 1) - start - 1, "name = \"" + name + "\"");
    test::write_text(to + "/bundle.toml", toml);
    return to;
}

// A kiosk's state folder and store, a trusted key, and the policy's clock set to `t0` plus a number of seconds.
struct Fixture {
    test::TempDir dir;
    std::string state = dir.file("state");
    std::unique_ptr<store::Store> store;
    ImportPolicy policy;
    std::string secret;
    static constexpr std::int64_t t0 = 1'790'000'000; // 2026-09-21, UTC.

    Fixture()
    {
        fs::create_directories(state);
        std::string error;
        store = store::Store::open(dir.file("kiosk.db"), error);
        REQUIRE_MESSAGE(store, error);
        auto keys = generate_keys(dir.file("center"), error);
        REQUIRE_MESSAGE(keys, error);
        auto key = read_public_key(keys->public_path, error);
        REQUIRE_MESSAGE(key, error);
        secret = keys->secret_path;
        policy.trusted_keys = {*key};
        policy.source = "test";
    }

    ImportReport import_at(const std::string& bundle, std::int64_t seconds)
    {
        policy.now = WallTime(std::chrono::seconds(t0 + seconds));
        return import_bundle(bundle, policy, *store);
    }

    // A draft waiting in `slot` since t0 + `seconds`, as a stick leaves one.
    std::string wait(const std::string& name, std::int64_t seconds, int slot = 1)
    {
        std::string folder = demo_named(pending_folder(state, slot), name);
        PendingInfo info;
        info.source = "usb:/media/" + name;
        info.arrived = t0 + seconds;
        info.identity = "draft-" + name;
        info.why = Reason::said("not_signed") + Reason::said("waits_for_staff");
        info.problems = 2;
        REQUIRE(write_pending_info(state, info, slot));
        return folder;
    }
};

} // namespace

TEST_CASE("pending: a draft waits until a signed version arrives after it, then goes with a line in the sync log")
{
    Fixture f;
    std::string signed_bundle = demo_named(f.dir.file("signed"), "Signed");
    std::string error;
    REQUIRE(pack_bundle(signed_bundle, f.secret, error));
    // Signed content taken before the draft arrived does not pass it: the draft is newer work.
    REQUIRE(f.import_at(signed_bundle, 0).outcome == Outcome::Imported);
    f.wait("draft", 10);
    f.wait("second", 10, 2);
    CHECK(read_pending_info(f.state, 1).problems == 2);
    CHECK(superseded_why(f.state, 1, *f.store).empty());
    CHECK(drop_superseded_pending(f.state, *f.store, WallTime(std::chrono::seconds(Fixture::t0 + 11))).empty());
    CHECK(fs::exists(pending_folder(f.state, 1) + "/bundle.toml"));

    // A newer signed version arrives after it: both slots stop waiting.
    std::string newer = demo_named(f.dir.file("newer"), "Newer");
    fs::copy_file(signed_bundle + "/MANIFEST", newer + "/MANIFEST");
    REQUIRE(pack_bundle(newer, f.secret, error));
    REQUIRE(f.import_at(newer, 20).outcome == Outcome::Imported);
    std::string why = superseded_why(f.state, 1, *f.store).text();
    CHECK_MESSAGE(why.find("arrived after it started waiting") != std::string::npos, why);
    auto dropped = drop_superseded_pending(f.state, *f.store, WallTime(std::chrono::seconds(Fixture::t0 + 21)));
    CHECK(dropped.size() == 2);
    CHECK_FALSE(fs::exists(pending_folder(f.state, 1)));
    CHECK_FALSE(fs::exists(pending_folder(f.state, 2)));
    CHECK(read_pending_info(f.state, 1).source.empty());
    auto log = f.store->sync_log(2);
    REQUIRE(log.size() == 2);
    CHECK(log[0].result == "dropped");
    CHECK(log[0].message.find("was dropped: a signed version") != std::string::npos);
    // Left in, the same stick does not make it wait again.
    CHECK(was_superseded(f.state, "draft-draft"));
    CHECK_FALSE(was_superseded(f.state, "draft-other"));
}

TEST_CASE("pending: staff cannot apply a draft over a signed version that arrived while it waited")
{
    Fixture f;
    std::string signed_bundle = demo_named(f.dir.file("signed"), "Signed");
    std::string error;
    REQUIRE(pack_bundle(signed_bundle, f.secret, error));
    REQUIRE(f.import_at(signed_bundle, 20).outcome == Outcome::Imported);
    std::string showing = f.store->active_version()->version;

    std::string draft = demo_named(f.dir.file("draft"), "Draft");
    f.policy.waiting_since = Fixture::t0 + 10; // It started waiting before the signed version came.
    ImportReport refused = f.import_at(draft, 30);
    CHECK(refused.outcome == Outcome::RefusedVersion);
    CHECK_MESSAGE(
        refused.reason.text().find("a newer signed version (" + showing) != std::string::npos, refused.reason.text());
    CHECK(f.store->active_version()->version == showing);

    f.policy.waiting_since = Fixture::t0 + 25; // It started waiting after: staff may apply it.
    ImportReport applied = f.import_at(draft, 30);
    CHECK(applied.outcome == Outcome::Imported);
    CHECK(f.store->active_version()->version.rfind("local-", 0) == 0);
}

TEST_CASE("pending: a bundle whose MANIFEST is older than the newest signed version taken is older than what shows")
{
    Fixture f;
    std::string error;
    std::string old_draft = demo_named(f.dir.file("old"), "Old");
    REQUIRE(pack_bundle(old_draft, f.secret, error));
    std::string version = unverified_manifest_version(old_draft);
    CHECK(version.size() == 14);
    std::string newer = demo_named(f.dir.file("newer"), "Newer");
    fs::copy_file(old_draft + "/MANIFEST", newer + "/MANIFEST");
    REQUIRE(pack_bundle(newer, f.secret, error));
    CHECK(older_than_floor(version, *f.store).empty()); // Nothing signed taken yet.
    REQUIRE(f.import_at(newer, 0).outcome == Outcome::Imported);
    CHECK(older_than_floor(version, *f.store).text().find("older version (" + version + ")") != std::string::npos);
    CHECK(older_than_floor(unverified_manifest_version(newer), *f.store).empty());
    CHECK(unverified_manifest_version(demo).empty());
}

TEST_CASE("pending: the first waiting is the one waiting longest, whichever slot holds it")
{
    Fixture f;
    CHECK(waiting_slots(f.state).empty());
    // Staff applied or ignored the bundle in slot 1: the one in slot 2 waits alone, and is the first.
    f.wait("older", 10, 2);
    CHECK(waiting_slots(f.state) == std::vector<int> {2});
    // The next arrival takes slot 1, and is the second.
    f.wait("newer", 20, 1);
    CHECK(waiting_slots(f.state) == std::vector<int> {2, 1});
    forget_pending(f.state, 2);
    CHECK(waiting_slots(f.state) == std::vector<int> {1});
    // Arrived in the same second: slot order.
    f.wait("same", 20, 2);
    CHECK(waiting_slots(f.state) == std::vector<int> {1, 2});
}
