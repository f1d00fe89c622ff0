// What every screen is given: the content, how things look, the words, pictures, and this frame's time.
#pragma once

#include "content/snapshot.hpp"
#include "content/time_zone.hpp"
#include "ui/intent.hpp"
#include "ui/phrase.hpp"
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
    bool large_text = false;  // The visitor's settings, for the buttons that show them.
    bool contrast = false;
    bool read_aloud_offered = false; // The Read aloud control is on the bars (settings' read_aloud, a voice to use).
    bool read_aloud_on = false;

    const std::string& default_language() const { return content.info().default_language(); }
    const std::string& text(const Text& t) const { return t.in(language, default_language()); }
    std::string word(const char* key) const { return strings.get(key, language); }
    // A phrase from the app, in the language shown now.
    std::string format(const Phrase& phrase) const { return strings.format(phrase, language); }
    std::string format(const Phrases& phrases) const { return strings.format(phrases, language); }
    // True when the clock is earlier than the content's import: it cannot be trusted to say what "today" is.
    bool clock_wrong() const { return frame.now < content.imported_at; }
};

// The first thing a visitor sees: name, time, what is on next, a tile per section, the urgent-help band.
std::optional<Intent> draw_home(const ScreenContext& context, ScrollArea& scroll);
// Home's top band: the name (and how old the content is, past a week), the visitor's settings, the clock.
// `name_shown`: set to whether the name had room there.
std::optional<Intent> draw_home_header(const ScreenContext& context, bool with_buttons, bool* name_shown = nullptr);
// How to turn read aloud on, a line in each of the content's languages (the visitor may not read the one shown), in
// small print with a loudspeaker: home and the attract loop say it. Nothing when read aloud is not offered.
std::vector<std::string> read_aloud_hints(const ScreenContext& context);
// Their height at `width`, a gap above included.
float read_aloud_hints_height(const ScreenContext& context, const std::vector<std::string>& hints, float width);
// Draws them at the cursor, a gap below it, `width` wide; the cursor moves past them.
void draw_read_aloud_hints(const ScreenContext& context, const std::vector<std::string>& hints, float width);
// The urgent-help band across the foot of home; returns its top edge (the window's bottom without urgent help).
float draw_urgent_band(const ScreenContext& context, std::optional<Intent>& intent);

// A Markdown page (a page section or the urgent-help page). `note`, when not empty, is a line above the Markdown
// saying the page is not in the visitor's language (language_note). `path` is the screen's path; a link chip opens
// "<path>/link-<n>".
std::optional<Intent> draw_page(const ScreenContext& context, const std::string& title, const Document& document,
    const std::string& note, bool urgent, const std::string& path, ScrollArea& scroll);

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

// A paragraph beside a QR code. Facts (an event's day and time, its place) go right under the title and stay on the
// first screen with it, the hint and the address; a description comes after the address and is the first to scroll
// out of view on a short screen.
struct QrDetail {
    enum class Kind { Fact, Description };
    std::string text;
    Kind kind = Kind::Description;
    bool strong = false; // In bold: the day and time.
};

// The QR view of a link: the title, the code (35 to 70 mm on the glass where the screen allows, never under 1.2 mm a
// module), a phone pictogram with what to do, the whole address written out, `details`, and Close. When the words do
// not fit beside (or under) the code they scroll in `scroll`; nothing is left out.
std::optional<Intent> draw_qr_view(const ScreenContext& context, const std::string& title, const std::string& url,
    const std::vector<QrDetail>& details, ScrollArea& scroll);

// A QR code for `url` (error correction M, a quiet zone of 4 modules, whole pixels per module) at `pos`, as large as
// fits in `max_side`. Returns the side drawn.
float draw_qr(ImDrawList* list, const std::string& url, ImVec2 pos, float max_side);
// The modules across the code for `url`, quiet zone included.
int qr_modules(const std::string& url);

// Home while nobody uses the kiosk: the name and clock, one highlight at a time (what is on next, a resource with
// its QR code), the urgent band. A touch anywhere else wakes the ordinary home screen.
std::optional<Intent> draw_attract(const ScreenContext& context);
// What the attract loop shows at `uptime`: which highlight, and how far everything is shifted against burn-in.
struct AttractFrame {
    long long step = 0; // Highlights change every attract_step.
    ImVec2 shift;       // A few pixels, changing every shift_step.
};
constexpr Millis attract_step {12000};
constexpr Millis shift_step {60000};
AttractFrame attract_frame(Millis uptime);

// One occurrence of an event: its QR view when it has a link, else its day, time, place and description.
std::optional<Intent> draw_occurrence(const ScreenContext& context, const Occurrence& occurrence, ScrollArea& scroll);
// A card without a link, told in full: its title and whole description (a list cuts them to a few lines).
std::optional<Intent> draw_card_details(const ScreenContext& context, const Card& card, ScrollArea& scroll);

// The visitor's own settings, right to left from `right` on a top bar at `y`, `h` high: the content's other
// languages, each in its own name, larger text, and high contrast. Returns the left edge it used.
float draw_care_buttons(const ScreenContext& context, float right, float y, float h, std::optional<Intent>& intent);
float care_buttons_width(const ScreenContext& context);
// Whether Back and Home (their icons) and the visitor's settings fit one row of a bar `width` wide; else the bars
// take two rows (Style::bar_rows), the settings on the second.
bool bar_fits_one_row(const ScreenContext& context, float width);

// The bar at the top of every screen but home: Back and Home always in the same place, the title, and at the right
// the visitor's settings. The title is shown whole, on one line or two, or not at all: `title_cut` says it was left
// out, and the screen then shows it whole at the top of its content.
std::optional<Intent> draw_navigation_bar(
    const ScreenContext& context, const std::string& title, bool urgent, bool* title_cut = nullptr);
// A section's tile icon: the one it names, else its kind's (a glyph of the icon font, drawn with lines without it).
TileIcon icon_for(const Section& section);

// The overdose help on every screen but home and the urgent page: a strip of its own across the foot of the screen,
// below the content, never over it, in the urgent band's colours with the urgent title (in two lines of body text
// when one does not hold it, shortened to its first sentence or its first words only when two cannot). Its control's
// label is the whole title. The strip's height on a screen `width` wide, margins included: the screen's window is
// that much shorter. 0 when the content has no urgent page.
float urgent_strip_height(const ScreenContext& context, float width);
// Draws the strip filling the current window (begin_screen at the foot, urgent_strip_height tall).
std::optional<Intent> draw_urgent_strip(const ScreenContext& context);

// True when `text` fits on `lines` lines of `width` in `font` without breaking a word.
bool fits_in_lines(ImFont* font, float width, const std::string& text, int lines);

// A language's name in that language ("Español"), from its strings file; the code in capitals when there is none.
std::string language_name(const ScreenContext& context, const std::string& language);

// "Today", "Tomorrow" or "Wednesday, December 2" for a local date "2026-12-02".
std::string day_label(const ScreenContext& context, const std::string& date);
// The local date ("2026-12-08") `days` after `local`'s.
std::string date_after(const LocalTime& local, int days);
// "7:00 PM - 8:30 PM", or "All day".
std::string time_range(const ScreenContext& context, const Occurrence& occurrence);
// Whether the occurrence is happening at this frame's time.
bool happening_now(const ScreenContext& context, const Occurrence& occurrence);
// "<agenda-id>/<event-id>@YYYY-MM-DD".
std::string occurrence_path(const std::string& agenda_id, const Occurrence& occurrence);

// A screen's title as the first thing in its scrolling content, for when the bar had no room for it whole.
void draw_content_title(const ScreenContext& context, const std::string& title, float left, float width);

// One line of the staff screen's facts: "Showing: version 2026... from usb:/media/x, imported today".
struct StaffFact {
    std::string label; // A string key ("staff_fact_showing").
    Phrase value;
};

// What the staff screen shows, gathered by the app (the UI does no I/O). Its words are phrases, formatted when drawn.
struct StaffView {
    std::vector<StaffFact> facts;
    std::vector<Phrase> sources; // One line per source: its last success and failure.
    Phrases pending;             // The stick bundle waiting for staff (the one waiting longest), or nothing.
    Phrases pending_second;      // A second one, waiting beside it, or nothing.
    int pending_slot = 1;        // Where each waits (STATE/pending or pending-2): what Apply and Ignore take.
    int pending_second_slot = 2;
    bool can_roll_back = false;
    bool can_reset_floor = false; // The version floor is dated ahead of the clock: updates are being refused.
};

// The PIN pad: big keys, dots for the digits typed, and `message` (tries left, a lock). `digits` is edited in place.
std::optional<Intent> draw_pin_pad(const ScreenContext& context, std::string& digits, const Phrase& message);
// A rectangle on the screen, in the screens' coordinates.
struct Area {
    ImVec2 min {}, max {};
};

// The staff screen: what the kiosk shows and how its sources fare, and the actions. Every button keeps its place
// whatever is showing (one with nothing to do now is drawn muted); `message` is the answer to the last tap, in a strip
// at the foot. `busy`: an action is under way (`message` says which); the buttons wait. A tapped button's rectangle
// goes in `tapped` (the confirm screen keeps its button away from it).
std::optional<Intent> draw_staff(const ScreenContext& context, const StaffView& view, const Phrase& message, bool busy,
    ScrollArea& scroll, Area& tapped);
// The question before an action that asks first (asks_first): what will happen, Cancel in the bar, and one confirm
// button (two when two bundles wait: which one), in a different look and away from `tapped`, where the first tap was.
// Returns the action confirmed, or StaffBack.
std::optional<Intent> draw_staff_question(
    const ScreenContext& context, const StaffView& view, StaffAction action, const Area& tapped, ScrollArea& scroll);
// Whether `action` has anything to do now (Apply: a bundle waits); when not, why, in plain words.
std::optional<Phrase> staff_unavailable(const StaffView& view, StaffAction action);

// The window every screen draws in: the display's width, from `top` down, `height` tall (0: to the display's foot), no
// decoration, the theme's background. `shift` moves everything a few pixels (the attract loop, against burn-in).
void begin_screen(
    const char* id, const Style& style, ImVec2 shift = ImVec2(0.0f, 0.0f), float top = 0.0f, float height = 0.0f);
void end_screen();

} // namespace kiosk::ui
