// The counts CSV's title column: what each counted path showed, in the content's first language.
#include "content/bundle_reader.hpp"
#include "content/snapshot.hpp"
#include "ui/ui.hpp"

#include <doctest/doctest.h>

using namespace kiosk;

namespace {

SnapshotPtr demo_at(const char* local_time)
{
    Diagnostics diagnostics;
    auto bundle = read_bundle(KIOSK_SOURCE_DIR "/data/demo", diagnostics);
    REQUIRE(bundle);
    auto zone = *TimeZone::named("America/New_York");
    return make_snapshot(
        std::make_shared<const Bundle>(std::move(*bundle)), nullptr, zone.to_wall(*parse_local_time(local_time)), zone);
}

} // namespace

TEST_CASE(
    "path titles: sections, cards, events (also on days now past), the urgent page's links, and nothing for others")
{
    SnapshotPtr content = demo_at("2026-12-02T10:00");
    CHECK(ui::path_title(*content, "about") == "What is a drug user union?");
    CHECK(ui::path_title(*content, "unions") == "Find a union");
    CHECK(ui::path_title(*content, "unions/nusu") == "Find a union: National Urban Survivors Union (NUSU)");
    CHECK(ui::path_title(*content, "events/drop-in-2026-12-08@2026-12-08")
        == "Events: Peer drop-in meeting (example), 2026-12-08");
    // A day before the snapshot's window: the event is still named by its id.
    CHECK(ui::path_title(*content, "events/drop-in-2026-12-01@2026-12-01")
        == "Events: Peer drop-in meeting (example), 2026-12-01");
    CHECK(ui::path_title(*content, "urgent") == "Overdose? Get help now");
    CHECK(ui::path_title(*content, "urgent/link-1").rfind("Overdose? Get help now: ", 0) == 0);
    // Paths of content since replaced, and anything else: no title.
    CHECK(ui::path_title(*content, "gone-section").empty());
    CHECK(ui::path_title(*content, "unions/gone-card").empty());
    CHECK(ui::path_title(*content, "events/gone-event@2026-12-01").empty());
    CHECK(ui::path_title(*content, "events/@").empty());
    CHECK(ui::path_title(*content, "home").empty());
    CHECK(ui::path_title(*content, "").empty());
}
