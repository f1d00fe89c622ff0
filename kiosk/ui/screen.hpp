// What every screen is given: the content, how things look, the words, pictures, and this frame's time.
#pragma once

#include "content/snapshot.hpp"
#include "content/time_zone.hpp"
#include "ui/intent.hpp"
#include "ui/scroll_area.hpp"
#include "ui/strings.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

struct FrameInfo {
    Millis uptime {0};              // Monotonic; gestures and animation.
    WallTime now;                   // Wall clock.
    LocalTime local;                // `now` in the kiosk's time zone.
    const TimeZone* zone = nullptr; // The kiosk's time zone; never null while drawing.
};

struct ImageTexture {
    ImTextureID id = nullptr;
    int width = 0;
    int height = 0;
};

// The bundle's pictures as textures, decoded on first use (the app keeps a small cache). The UI never decodes.
class Images {
public:
    virtual ~Images() = default;
    // Nothing when the picture is missing or cannot be decoded: the screen shows its description instead.
    virtual std::optional<ImageTexture> get(const std::string& path) = 0;
};

struct ScreenContext {
    const ContentSnapshot& content;
    const Style& style;
    const Strings& strings;
    const std::string& language;
    const FrameInfo& frame;
    Images* images = nullptr; // May be null: pictures then show as their descriptions.

    const std::string& default_language() const { return content.info().default_language(); }
    const std::string& text(const Text& t) const { return t.in(language, default_language()); }
    std::string word(const char* key) const { return strings.get(key, language); }
    // True when the clock is earlier than the content's import: it cannot be trusted to say what "today" is.
    bool clock_wrong() const { return frame.now < content.imported_at; }
};

// The first thing a visitor sees: name, time, what is on next, a tile per section, the urgent-help band.
std::optional<Intent> draw_home(const ScreenContext& context, ScrollArea& scroll);

// A Markdown page (a page section or the urgent-help page). `path` is the screen's path; a link chip opens
// "<path>/link-<n>".
std::optional<Intent> draw_page(const ScreenContext& context, const std::string& title, const Document& document,
    bool urgent, const std::string& path, ScrollArea& scroll);

// A card section: filter chips when the section has a filter column, then the cards. `filter` is the chosen value
// ("" for all), kept by the caller so Back returns to the same list.
std::optional<Intent> draw_cards(const ScreenContext& context, const Section& section, const std::vector<Card>& cards,
    std::string& filter, ScrollArea& scroll);

struct AgendaRow {
    std::uint32_t occurrence = 0; // Index into the snapshot's occurrences (for a heading: its day's first).
    std::uint32_t headings = 0;   // Day headings up to this row, this one included when it is one.
    bool heading = false;
};

// The agenda's rows for one snapshot and minute: built again when the minute changes, kept between frames so a
// fling does nothing but draw. The owner clears it when the content changes.
struct AgendaRows {
    bool built = false;
    std::int64_t minute = 0;
    std::vector<AgendaRow> rows;
};

// Brings `rows` up to date for `content` at `now`: a heading row before each day's first event, events that are over
// left out. Does nothing when the rows are already for this minute.
void update_agenda_rows(AgendaRows& rows, const ContentSnapshot& content, WallTime now);

// The events agenda: days ahead, each with its events; past events gone, events in progress marked "Now".
std::optional<Intent> draw_agenda(
    const ScreenContext& context, const Section& section, AgendaRows& rows, ScrollArea& scroll);

// A paragraph beside a QR code: an event's day and time (strong), its place, a card's description.
struct QrDetail {
    std::string text;
    bool strong = false;
};

// The QR view of a link: the code as large as fits, what to do with it, the address written out, and Close.
// `details` are shown above the hint; when space is short the last one loses lines first.
std::optional<Intent> draw_qr_view(const ScreenContext& context, const std::string& title, const std::string& url,
    const std::vector<QrDetail>& details = {});

// One occurrence of an event: its QR view when it has a link, else its day, time, place and description.
std::optional<Intent> draw_occurrence(const ScreenContext& context, const Occurrence& occurrence, ScrollArea& scroll);

// The bar at the top of every screen but home: Back and Home always in the same place, the title, and at the right
// the way to urgent help (but on the urgent page itself). `title_cut` says whether the title had to be shortened.
std::optional<Intent> draw_navigation_bar(
    const ScreenContext& context, const std::string& title, bool urgent, bool* title_cut = nullptr);
Icon icon_for(SectionKind kind);

// "Today", "Tomorrow" or "Wednesday, December 2" for a local date "2026-12-02".
std::string day_label(const ScreenContext& context, const std::string& date);
// "7:00 PM - 8:30 PM", or "All day".
std::string time_range(const ScreenContext& context, const Occurrence& occurrence);
// Whether the occurrence is happening at this frame's time.
bool happening_now(const ScreenContext& context, const Occurrence& occurrence);
// "<agenda-id>/<event-id>@YYYY-MM-DD".
std::string occurrence_path(const std::string& agenda_id, const Occurrence& occurrence);

// The window every screen draws in: the whole display, no decoration, the theme's background.
void begin_screen(const char* id, const Style& style);
void end_screen();

} // namespace kiosk::ui
