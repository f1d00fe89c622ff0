// This frame's pressable controls, each with the label a visitor reads and where it is: scripts tap them by label.
// Beside them, the texts drawn, line by line in reading order: tests check what a visitor can read, and read aloud
// will say it.
#pragma once

#include <imgui.h>
#include <span>
#include <string>
#include <string_view>

namespace kiosk::ui {

struct Control {
    std::string label; // The words on it, in the language shown; an accessible name for a control without words.
    ImVec2 min, max;   // Its visible part, in the screens' coordinates (before the panel's rotation).
    ImGuiID id = 0;    // Its ImGui item, the same from frame to frame (read aloud follows it as it scrolls); 0: none.
    std::string said;  // What read aloud says when it is touched, when not its label (set_said); empty: its label.
    std::string language; // The language it chooses (the attract loop's buttons; set_language); empty: none.
};

// What a control's rectangle is cut to: the current window's clip rectangle (a scroll area's) and the display, or
// the display alone (a control watched outside any window, as the staff corner is).
enum class ClipTo { Window, Display };

// Records a control drawn at `min`-`max`, in the order drawn. Only its part inside `clip` counts; a control with
// none left is not recorded. The list is emptied as each ImGui frame begins (a hook on ImGui::NewFrame), also for a
// frame that draws no screen (the dark screen hours); its entries, and their strings' buffers, are reused, so a
// frame like the last allocates nothing.
void record_control(const std::string& label, ImVec2 min, ImVec2 max, ClipTo clip = ClipTo::Window, ImGuiID id = 0);
// What read aloud says of the control recorded last, when that is ImGui item `id` (it was not cut away), instead of
// its label: the Read aloud control says how to turn it off, which a visitor who cannot see it would not know.
void set_said(ImGuiID id, const std::string& words);
// The language the control recorded last chooses, when that is ImGui item `id`: read aloud turned on by a finger held
// on it speaks that language.
void set_language(ImGuiID id, const std::string& language);
// The controls of the frame built last, in the order drawn. UI thread only; valid until the next frame begins.
std::span<const Control> drawn_controls();

// What a drawn text is to a visitor.
enum class TextKind {
    None,        // Not recorded: what draw_wrapped draws outside any TextScope.
    Title,       // What the screen is about: a card's or an event's name.
    Detail,      // A fact that goes with it: an event's day, time and place.
    Hint,        // What to do: "Scan with your phone camera".
    Address,     // A link's address, written out.
    Description, // Running text about it.
    Label,       // The words on a button (the staff screen's, so a test sees one cut).
};
const char* text_kind_name(TextKind kind); // "title", "detail", ...

struct DrawnText {
    TextKind kind = TextKind::None;
    std::string text; // One line as drawn (a wrapped paragraph gives one entry a line).
    ImVec2 min, max;  // Its visible part, in the screens' coordinates, as for controls.
};

// While one lives, every line draw_wrapped draws is recorded as a text of `kind` (the innermost scope counts). A
// screen marks what it draws this way; lines outside any scope are not recorded.
class TextScope {
public:
    explicit TextScope(TextKind kind);
    ~TextScope();
    TextScope(const TextScope&) = delete;
    TextScope& operator=(const TextScope&) = delete;

private:
    TextKind m_previous;
};
// The kind of the innermost TextScope alive, or None.
TextKind recording_text();

// Records one line of text drawn at `min`-`max` (`text` then `more`, joined: a line cut with "..." is two pieces). Cut
// to the draw list's clip rectangle and the display; a line with nothing left is not recorded. Emptied with the
// controls as each frame begins; entries and their buffers are reused, so a frame like the last allocates nothing.
void record_text(
    TextKind kind, std::string_view text, ImVec2 min, ImVec2 max, const ImDrawList* list, std::string_view more = {});
// The texts of the frame built last, in the order drawn: reading order. UI thread only; valid until the next frame.
std::span<const DrawnText> drawn_texts();

} // namespace kiosk::ui
