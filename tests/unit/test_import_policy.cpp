// sync::import_bundle on its own, with no child process: the decisions an import makes, on real folders and a real
// SQLite file.
#include "store/store.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"
#include "sync/import_policy.hpp"
#include "sync/signing.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace kiosk;
using namespace kiosk::sync;
namespace fs = std::filesystem;

namespace {

const std::string demo = KIOSK_SOURCE_DIR "/data/demo";

// A copy of the demo bundle named `name`, so that each copy's content differs.
std::string demo_named(const test::TempDir& dir, const std::string& name)
{
    std::string to = dir.file(name);
    fs::copy(demo, to, fs::copy_options::recursive);
    std::string toml = test::read_text(to + "/bundle.toml");
    auto start = toml.find("\nname = ");
    REQUIRE(start != std::string::npos);
    toml.replace(start + 1, toml.find('\n', start + 1) - start - 1, "name = \"" + name + "\"");
    test::write_text(to + "/bundle.toml", toml);
    return to;
}

struct Fixture {
    test::TempDir dir;
    std::unique_ptr<store::Store> store;
    ImportPolicy policy;

    Fixture()
    {
        std::string error;
        store = store::Store::open(dir.file("kiosk.db"), error);
        REQUIRE_MESSAGE(store, error);
        policy.source = "test";
        policy.now = std::chrono::system_clock::now();
    }

    ImportReport import(const std::string& bundle) { return import_bundle(bundle, policy, *store); }
};

} // namespace

TEST_CASE("import policy: a staff member's unsigned bundle is imported, then found unchanged")
{
    Fixture f;
    ImportReport first = f.import(demo);
    CHECK(first.outcome == Outcome::Imported);
    CHECK(first.importable);
    CHECK_FALSE(first.is_signed);
    CHECK(first.version.rfind("local-", 0) == 0);
    CHECK(first.counts.cards > 0);
    ImportReport again = f.import(demo);
    CHECK(again.outcome == Outcome::Unchanged);
    CHECK(again.version == first.version);
}

TEST_CASE("import policy: from a stick or the feed, an unsigned bundle waits for staff and changes nothing")
{
    Fixture f;
    REQUIRE(f.import(demo).outcome == Outcome::Imported);
    std::string shown = f.store->active_version()->identity;
    f.policy.unsigned_bundles = ImportPolicy::Unsigned::Wait;
    ImportReport other = f.import(demo_named(f.dir, "Other"));
    CHECK(other.outcome == Outcome::Pending);
    CHECK(other.reason.text().find("not signed") != std::string::npos);
    CHECK(other.reason.parts.front().key == "not_signed");
    CHECK(f.store->active_version()->identity == shown);
    // The content already showing is unchanged, signed or not.
    CHECK(f.import(demo).outcome == Outcome::Unchanged);
}

TEST_CASE("import policy: a bundle that cannot be used is invalid, with its problems, and nothing changes")
{
    Fixture f;
    ImportReport report = f.import(KIOSK_SOURCE_DIR "/tests/bundles/no-sections");
    CHECK(report.outcome == Outcome::Invalid);
    CHECK_FALSE(report.importable);
    CHECK_FALSE(report.diagnostics.empty());
    CHECK_FALSE(f.store->active_version());
}

TEST_CASE("import policy: signed by a trusted key it is imported, an older signed version is refused")
{
    Fixture f;
    std::string error;
    auto keys = generate_keys(f.dir.file("center"), error);
    REQUIRE_MESSAGE(keys, error);
    auto key = read_public_key(keys->public_path, error);
    REQUIRE_MESSAGE(key, error);
    std::string older = demo_named(f.dir, "Older"), newer = demo_named(f.dir, "Newer");
    REQUIRE(pack_bundle(older, keys->secret_path, error));
    // Packed a second later by the version rule: one more than the version already in the MANIFEST.
    fs::copy_file(older + "/MANIFEST", newer + "/MANIFEST");
    REQUIRE(pack_bundle(newer, keys->secret_path, error));
    f.policy.trusted_keys = {*key};
    f.policy.unsigned_bundles = ImportPolicy::Unsigned::Wait;

    ImportReport taken = f.import(newer);
    CHECK(taken.outcome == Outcome::Imported);
    CHECK(taken.is_signed);
    ImportReport refused = f.import(older);
    CHECK(refused.outcome == Outcome::RefusedVersion);
    CHECK_FALSE(refused.reason.empty());
    CHECK(f.store->active_version()->version == taken.version);

    // Without the key it is not signed by anyone this kiosk trusts: it waits.
    f.policy.trusted_keys.clear();
    CHECK(f.import(older).outcome == Outcome::Pending);
}
