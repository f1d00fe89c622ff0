// The visitor's UI: which screen is showing, and drawing it from the current content snapshot.
#pragma once

#include "ui/controls.hpp"
#include "ui/paths.hpp"
#include "ui/screen.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::ui {

// What the UI asks of the speech engine; the app carries it out after the frame (the UI never waits on speech).
struct SpeechRequest {
    std::string text;     // Said in place of whatever is being said; empty: only be quiet.
    std::string language; // The voice: the language shown.
};

// A keypad's keys (settings' keypad), as the app maps them from a keyboard.
enum class KeypadKey { Previous, Next, Activate, Help };

class Ui {
public:
    // `contrast` is the high-contrast theme a visitor can turn on.
    Ui(Theme theme, Theme contrast, Strings strings);

    // For a new display size or panel: rebuilds the font atlas (at the visitor's text size), whose texture must then
    // be uploaded again.
    bool set_metrics(const Metrics& metrics, std::string& error);
    // The visitor turned large text on or off: the fonts must be built again (set_metrics with the same metrics)
    // before the next frame begins.
    bool fonts_stale() const { return m_fonts_stale; }
    const Metrics& base_metrics() const { return m_base_metrics; }
    // New content (an import, or the days moving on at midnight): screens it no longer has fall back to the nearest
    // one it still has.
    void set_content(SnapshotPtr content);
    const SnapshotPtr& content() const { return m_content; }
    // The language a kiosk starts in and returns to on the idle reset (the content's default unless --lang says).
    void set_language(const std::string& language) { m_language = m_start_language = language; }
    void set_images(Images* images) { m_images = images; }

    // Shows the screen at `path` at once, with no transition (the command line's --open), the section under a screen
    // inside it so that Back leads there. Returns false and says why
    // when the content has no such path.
    bool open(const std::string& path, std::string& error);
    // Carries out what a screen asked for, with a short fade.
    void apply(const Intent& intent);

    // Builds this frame's ImGui draw lists; call between ImGui::NewFrame() and ImGui::Render().
    std::vector<Intent> frame(const FrameInfo& frame);

    // The idle reset: home, the starting language, ordinary text and colours, every scroll position, filter and
    // dialog forgotten. What follows looks exactly as on a kiosk nobody touched.
    void reset();
    // The attract loop on home: highlights that change by themselves until a touch ends it.
    void set_attract(bool on) { m_attract = on; }
    bool attract() const { return m_attract; }
    // How long until the attract loop changes what it shows, measured from uptime `now`.
    Millis attract_next_change(Millis now) const;

    // A short message across the foot of the screen ("Content updated") until uptime `until`.
    void show_banner(const std::string& key, Millis until)
    {
        m_banner = key;
        m_banner_until = until;
    }
    // When the banner goes, or a negative time when there is none.
    Millis banner_until() const { return m_banner.empty() ? Millis(-1) : m_banner_until; }

    // The staff corner: a long press there opens the PIN pad (only when a PIN is set). `corner` is settings'
    // staff_corner.
    void set_staff_corner(bool enabled, const std::string& corner)
    {
        m_staff_enabled = enabled;
        m_staff_corner = corner;
    }
    // The app's answers: the PIN was wrong or the pad is locked (`message`), or right (the staff screen opens).
    // Messages are phrases, formatted in the language shown whenever they are drawn.
    void staff_pin_refused(Phrase message);
    void open_staff(StaffView view, Phrase message = {});
    // An action's result in plain words, and the facts again.
    void staff_done(StaffView view, Phrase message);
    // Staff work is under way (`message` says what): the PIN pad and the staff screen keep drawing, the staff
    // screen's buttons muted, until one of the three answers above arrives.
    void staff_busy(Phrase message);

    // Read aloud (issue 19; read_aloud.cpp). `offered`: settings' read_aloud is "button" and a voice started: the
    // bars show the control and a 3-second hold turns it on.
    void set_read_aloud_offered(bool offered) { m_read_aloud_offered = offered; }
    // Touch exploration is on while read aloud is: the app sends touches to explore_touch and explore_double_tap
    // instead of to the screens.
    bool read_aloud() const { return m_read_aloud; }
    // Whether speech is playing now (the engine's word, each frame): the big Stop shows while it is.
    void set_speaking(bool speaking) { m_speaking = speaking; }
    // What to say or stop since the last call, in order.
    std::vector<SpeechRequest> take_speech() { return std::exchange(m_speech, {}); }
    // A finger touched `at` (a tap, a held finger, or a drag passing; `passing`: say it only when it is something
    // new): says the control or text there, in the order a listener needs, and outlines it.
    void explore_touch(ImVec2 at, bool passing);
    // A double tap anywhere: the point to press to choose the last control said, or nothing (then it says how).
    std::optional<ImVec2> explore_double_tap();
    // A finger held still 3 s while exploring: in the staff corner, the PIN pad opens as it does otherwise.
    void explore_hold(ImVec2 at);
    // A keypad key: moves the visible focus through the screen's controls and says each, or chooses the one with the
    // focus (the point to press), or says where the visitor is and what they can do.
    std::optional<ImVec2> keypad(KeypadKey key);

    // The paths opened since the last call (sections, QR views, events), for the anonymous counts.
    std::vector<std::string> take_opened() { return std::exchange(m_opened, {}); }

    // True while something moves by itself (a fling, a fade), so the frame loop keeps drawing.
    bool animating() const;
    bool large_text() const { return m_large_text; }
    bool contrast() const { return m_contrast; }
    const std::string& path() const { return m_stack.back().path; }
    const std::string& language() const { return m_language; }
    const Style& style() const { return m_style; }
    const Strings& strings() const { return m_strings; }

private:
    // One screen on the way back: where it is, what it shows, and how the visitor left it.
    struct ScreenState {
        std::string path;
        Target target;
        ScrollArea scroll;
        std::string filter; // Card sections: the chosen filter value, "" for all.
    };

    bool push(const std::string& path, std::string& error);
    // Every word the screens may draw: the UI strings and the content's texts.
    std::vector<const std::string*> content_texts() const;
    std::vector<char32_t> content_icons() const;
    std::optional<Intent> draw(const ScreenContext& context, ScreenState& screen);
    void draw_fade(const FrameInfo& frame);
    void draw_banner(const ScreenContext& context, float above);
    void watch_staff_corner();
    // The staff corner's square on this display (whether or not a PIN is set).
    Area staff_corner_area() const;
    // Read aloud (read_aloud.cpp): a finger held still 3 s turns it on; each new screen is said while it is on; the
    // outline of what was said or has the keypad's focus; the big Stop while speaking.
    void watch_read_aloud_hold();
    void turn_read_aloud(bool on);
    void show_language(const std::string& language); // When the content has it; else nothing changes.
    // Asks the voice to say `text` (empty: to be quiet); `pronounced`: the content's pronunciations are in it already.
    void say(std::string text, bool pronounced = false);
    void say_screen(const FrameInfo& frame, bool announce);
    void read_aloud_frame(const ScreenContext& context, std::optional<Intent>& intent);
    void draw_outline();
    std::optional<Intent> draw_stop(const ScreenContext& context);
    void forget_read_aloud();
    // The control said or focused last, where it is in this frame; null when it is gone.
    const Control* outlined_control() const;
    // Quiets the voice and hides the Stop, and gives the middle of `control` to press.
    ImVec2 choose(const Control& control);
    void open_pin_pad();
    // A staff screen button's tap: the intent for the app, or nothing when the screen answers it itself (an action
    // with nothing to do says why; one that asks first opens its question).
    std::optional<Intent> staff_tap(const Intent& intent);

    Style m_style;
    Theme m_theme;
    Theme m_contrast_theme;
    Metrics m_base_metrics;
    Strings m_strings;
    SnapshotPtr m_content;
    Images* m_images = nullptr;
    std::string m_language = "en";
    std::string m_start_language = "en";
    bool m_large_text = false;
    bool m_contrast = false;
    bool m_fonts_stale = false;
    bool m_attract = false;
    std::vector<std::string> m_opened;
    std::string m_banner; // A string key, or "".
    bool m_staff_enabled = false;
    std::string m_staff_corner = "top-left";
    enum class StaffMode {
        None,
        Pin,
        Open,
        Question, // An action that asks first (m_staff_question), over the staff screen.
    };
    StaffMode m_staff_mode = StaffMode::None;
    std::string m_pin_digits;
    Phrase m_staff_message;
    bool m_staff_busy = false;
    StaffView m_staff_view;
    ScrollArea m_staff_scroll;
    StaffAction m_staff_question = StaffAction::Sync;
    Area m_staff_tapped; // Where the tap that asked was: the confirm button keeps away from it.
    ScrollArea m_question_scroll;
    bool m_corner_armed = false; // This press began in the staff corner and has not opened the pad yet.
    Millis m_banner_until {0};
    std::vector<ScreenState> m_stack; // The way back; home is always at the bottom.
    AgendaRows m_agenda;
    std::vector<ImWchar> m_glyphs; // The characters the fonts hold: the strings' and the content's.
    std::vector<char32_t> m_icons; // The icon font's characters: the sections' icons and the kinds' own.
    bool m_fade_pending = false;   // A screen changed: the next frame starts a fade.
    Millis m_fade_start {-1};
    Millis m_last_uptime {0};

    bool m_read_aloud_offered = false;
    bool m_read_aloud = false;
    bool m_speaking = false;
    bool m_keypad_used = false; // This visit moved the keypad's focus: new screens are said, as with read aloud.
    bool m_hold_armed = false;  // A press that may become the 3-second hold.
    bool m_announce = false;    // Read aloud just turned on: say so before the screen.
    std::string m_said_screen;  // The screen (path, language, staff mode) said last; another one is said anew.
    std::vector<SpeechRequest> m_speech;
    // What was said last by touch or has the keypad's focus: its label or words, and where it was drawn. Found
    // again by its words each frame, as the screen scrolls.
    struct Outlined {
        std::string words;
        Area area;
        bool control = false;
        ImGuiID id = 0; // A control's ImGui item, when it has one.
    };
    std::optional<Outlined> m_outlined;
    std::optional<Area> m_stop_area;  // Where the big Stop is drawn this frame, if it is.
    const TimeZone* m_zone = nullptr; // The last frame's time, for the help key's words between frames.
    WallTime m_now {};
};

} // namespace kiosk::ui
