// The snapshot the screens draw from, loaded from the store: occurrences expanded from stored rules for the days
// ahead, right across daylight-saving changes and long after the import.
#include "content/bundle_reader.hpp"
#include "content/snapshot.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

namespace {

// The demo bundle imported into a fresh store and loaded back, as a running kiosk gets it.
std::shared_ptr<const Bundle> demo_from_store(const test::TempDir& dir)
{
    Diagnostics diagnostics;
    auto bundle = read_bundle(KIOSK_SOURCE_DIR "/data/demo", diagnostics);
    REQUIRE(bundle);
    std::string error;
    auto store = store::Store::open(dir.file("kiosk.db"), error);
    REQUIRE_MESSAGE(store, error);
    store::ImportRequest request;
    request.bundle = &*bundle;
    request.identity = "demo";
    request.source = "demo";
    REQUIRE_MESSAGE(store->import_bundle(request, error), error);
    auto loaded = store->load_active_bundle(error);
    REQUIRE_MESSAGE(loaded, error);
    return std::make_shared<const Bundle>(std::move(*loaded));
}

std::vector<std::string> local_starts(const ContentSnapshot& snapshot, const std::string& title, const TimeZone& zone)
{
    std::vector<std::string> out;
    for (const Occurrence& o : snapshot.occurrences) {
        if (o.event->title.in("en", "en").find(title) == std::string::npos)
            continue;
        LocalTime t = zone.to_local(o.start);
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);
        out.push_back(buffer);
    }
    return out;
}

} // namespace

TEST_CASE("snapshot: a stored biweekly rule keeps its local time across the change to daylight saving")
{
    test::TempDir dir;
    auto bundle = demo_from_store(dir);
    auto zone = *TimeZone::named("America/New_York");
    // 2027-02-20: the 90 days ahead cross 2027-03-14, when New York moves its clocks forward.
    auto snapshot = make_snapshot(bundle, nullptr, zone.to_wall(*parse_local_time("2027-02-20T10:00")), zone);
    CHECK(snapshot->day == "2027-02-20");
    auto calls = local_starts(*snapshot, "National union call", zone);
    REQUIRE(calls.size() >= 6);
    CHECK(calls[0] == "2027-02-24 19:00");
    CHECK(calls[1] == "2027-03-10 19:00");
    CHECK(calls[2] == "2027-03-24 19:00"); // After the change: still 19:00 local.
    for (const std::string& call : calls)
        CHECK(call.substr(11) == "19:00");
}

TEST_CASE("snapshot: a year after the import, next week's recurring events are still there")
{
    test::TempDir dir;
    auto bundle = demo_from_store(dir);
    auto zone = *TimeZone::named("America/New_York");
    auto snapshot = make_snapshot(bundle, nullptr, zone.to_wall(*parse_local_time("2027-12-01T10:00")), zone);
    auto trainings = local_starts(*snapshot, "Naloxone training", zone);
    REQUIRE_FALSE(trainings.empty());
    CHECK(trainings[0] == "2027-12-04 11:00"); // The first Saturday of December 2027.
    auto calls = local_starts(*snapshot, "National union call", zone);
    REQUIRE_FALSE(calls.empty());
    CHECK(calls[0] == "2027-12-01 19:00"); // 54 weeks after the first call: every other Wednesday still.
    // The one-off events of December 2026 are long gone.
    CHECK(local_starts(*snapshot, "Peer drop-in meeting", zone).empty());
}

TEST_CASE("snapshot: occurrences start from the beginning of today, so this morning's event still shows")
{
    test::TempDir dir;
    auto bundle = demo_from_store(dir);
    auto zone = *TimeZone::named("America/New_York");
    auto snapshot = make_snapshot(bundle, nullptr, zone.to_wall(*parse_local_time("2026-12-01T23:00")), zone);
    auto drop_ins = local_starts(*snapshot, "Peer drop-in meeting", zone);
    REQUIRE_FALSE(drop_ins.empty());
    CHECK(drop_ins[0] == "2026-12-01 18:00");
}
