// The agenda for a fixed time: today's events first, yesterday's gone, a weekly rule on every week, "Today" and
// "Tomorrow" only when the clock can be trusted.
#include "content/bundle_reader.hpp"
#include "content/snapshot.hpp"
#include "ui/screen.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace kiosk;
using namespace kiosk::ui;

namespace {

struct Agenda {
    TimeZone zone = *TimeZone::named("America/New_York");
    std::shared_ptr<const Bundle> bundle;
    Strings strings;
    Style style;
    std::string language = "en";

    Agenda()
    {
        Diagnostics diagnostics;
        auto read = read_bundle(KIOSK_TEST_DATA "/screens", diagnostics);
        REQUIRE(read);
        bundle = std::make_shared<const Bundle>(std::move(*read));
        strings = Strings::load(KIOSK_SOURCE_DIR "/assets/strings", diagnostics);
        REQUIRE_FALSE(diagnostics.has_errors());
    }

    WallTime at(const char* local) const { return zone.to_wall(*parse_local_time(local)); }

    // The agenda's rows at `now`, as "# <day label>" for headings and "<event id> <date>" for events.
    std::vector<std::string> rows(const char* now, WallTime imported_at = {}) const
    {
        SnapshotPtr content = make_snapshot(bundle, nullptr, at(now), zone, imported_at);
        FrameInfo frame {Millis(0), at(now), zone.to_local(at(now)), &zone};
        ScreenContext c {*content, style, strings, language, frame, nullptr};
        AgendaRows rows;
        update_agenda_rows(rows, *content, frame.now);
        std::vector<std::string> out;
        for (const AgendaRow& row : rows.rows) {
            const Occurrence& o = content->occurrences[row.occurrence];
            out.push_back(row.heading ? "# " + day_label(c, o.date) : o.event->id + " " + o.date);
        }
        return out;
    }
};

bool has(const std::vector<std::string>& rows, const std::string& row)
{
    return std::find(rows.begin(), rows.end(), row) != rows.end();
}

std::size_t count_prefix(const std::vector<std::string>& rows, const std::string& prefix)
{
    return std::size_t(
        std::count_if(rows.begin(), rows.end(), [&](const std::string& r) { return r.rfind(prefix, 0) == 0; }));
}

} // namespace

TEST_CASE("the agenda at a fixed time shows today's event, hides yesterday's and expands a weekly rule")
{
    Agenda agenda;
    auto rows = agenda.rows("2026-12-02T10:00");
    REQUIRE(rows.size() > 4);
    CHECK(rows[0] == "# Today, Wednesday, December 2");
    CHECK(rows[1] == "art-afternoon 2026-12-02");
    CHECK_FALSE(has(rows, "open-table 2026-12-01"));               // Yesterday's.
    CHECK(has(rows, "# Tomorrow, Thursday, December 3") == false); // Nothing happens on the 3rd: no heading.
    CHECK(has(rows, "# Friday, December 4"));
    // The weekly Wednesday meeting: today's evening and every Wednesday after, for the 90 days ahead.
    std::string weekly = rows[2].substr(0, rows[2].find(' '));
    CHECK(rows[2] == weekly + " 2026-12-02");
    CHECK(has(rows, weekly + " 2026-12-09"));
    CHECK(has(rows, weekly + " 2026-12-16"));
    CHECK(count_prefix(rows, weekly + " ") == 13);
}

TEST_CASE("an event is listed until it ends, and gone after")
{
    Agenda agenda;
    CHECK(has(agenda.rows("2026-12-02T15:59"), "art-afternoon 2026-12-02"));
    CHECK_FALSE(has(agenda.rows("2026-12-02T16:00"), "art-afternoon 2026-12-02"));
    CHECK(agenda.rows("2026-12-02T16:00")[0] == "# Today, Wednesday, December 2"); // The meeting at 19:00 is left.
}

TEST_CASE("a clock earlier than the content's import still says Today and Tomorrow by that clock")
{
    // The list is chosen by that clock and the top bar shows its date: "Today" agrees with both (a box without a
    // real-time clock booted before the network set its time, as the boot test's VM does).
    Agenda agenda;
    auto rows = agenda.rows("2026-12-02T10:00", agenda.at("2026-12-20T09:00"));
    CHECK(rows[0] == "# Today, Wednesday, December 2");
    CHECK(count_prefix(rows, "# Today") == 1);
}

TEST_CASE("day labels are in the visitor's language")
{
    Agenda agenda;
    agenda.language = "es";
    auto rows = agenda.rows("2026-12-03T10:00");
    CHECK(rows[0] == "# Mañana, viernes, 4 de diciembre");
}
