// Widgets shared by the screens: pressable tiles, header buttons, chips and icons; text is in wrapped_text.hpp.
#pragma once

#include "ui/style.hpp"
#include "ui/tile_grid.hpp"
#include "ui/wrapped_text.hpp"

#include <imgui.h>
#include <string>
#include <vector>

namespace kiosk::ui {

enum class Icon {
    None,
    Page,     // A sheet with lines.
    Cards,    // A grid of four.
    Calendar, // A calendar leaf.
    Help,     // An exclamation mark in a circle.
    Back,     // A left chevron.
    Home,     // A house.
    Qr,       // Three finder squares: "this has a QR code".
    Forward,  // A right chevron: "this opens".
    Check,    // A tick: the chosen filter.
    Contrast, // A circle half filled: high contrast.
    TextSize, // A large and a small "A": larger text.
    Speaker,  // A loudspeaker with sound waves: read aloud.
    Stop,     // A filled square: stop speaking.
};

// What a tile shows at its left: a character of the icon font (a section's icon), else an icon drawn with lines.
struct TileIcon {
    Icon drawn = Icon::None; // When the glyph cannot be drawn (no icon font installed), or with no glyph.
    char32_t glyph = 0;      // A character of Fonts::icons, or 0.
};

struct Press {
    bool held = false;    // The finger is on it now.
    bool clicked = false; // Released on it: act.
};

// A filled rectangle with rounded corners, as three rectangles and four small corner fans. ImGui fills it as one fan
// of long triangles, and SDL's software renderer scans each triangle's whole bounding box: for a screen of cards that
// was most of a 20 ms frame. Same pixels, a fifth of the cost.
void fill_rounded(ImDrawList* list, ImVec2 min, ImVec2 max, Color color, float radius);

// An invisible pressable rectangle at the cursor, advancing the layout by `size`. `label` is what a visitor reads on
// it (or its accessible name): it is recorded with the rectangle in this frame's controls (controls.hpp).
Press press_area(const char* id, ImVec2 size, const std::string& label);

void draw_icon(ImDrawList* list, Icon icon, ImVec2 center, float size, Color color);

// Draws `glyph` of `icons` (Fonts::icons or icons_small) in an icon box `size` wide centred on `center` (its em
// square icon_em_per_box times that), in whole pixels at the size it was rasterised at. False, drawing nothing, when
// the glyph is not there (no icon font): the caller then draws an Icon.
bool draw_glyph_icon(ImDrawList* list, const IconGlyphs& icons, char32_t glyph, ImVec2 center, float size, Color color);

// A large tile with an icon and a label, as wide and tall as `size`. Returns true when tapped. A compact tile has a
// smaller icon and margins, so its label (the same font) has more of the width.
bool tile(const char* id, ImVec2 size, const std::string& label, TileIcon icon, const Style& style,
    TileForm form = TileForm::Regular);
// The font a tile of `form` writes its label in.
ImFont* tile_font(TileForm form, const Style& style);
// The width a tile of `form` spends besides its label: insets, the icon and the space after it.
float tile_chrome(TileForm form, const Style& style);

// The urgent-help band: full width, its own colour, never confused with a section.
bool urgent_band(const char* id, ImVec2 size, const std::string& label, const Style& style);

// A key of a keypad: a tile with its label in the middle.
bool key_button(const char* id, ImVec2 size, const std::string& label, const Style& style, bool compact = false);

enum class ActionLook {
    Plain,       // In the header's colours.
    Unavailable, // Nothing to do now (no bundle waits): the screen's colour, muted words, an edge. Still tappable.
    Confirm,     // The confirm button of a question: white, a thick accent edge and a tick, unlike any other.
};
// A big button for the one thing to do on a screen ("Close"), or a staff action. Its words take a smaller size rather
// than being cut after two lines; `font`, when given, is the size for all of a group (from action_font).
bool action_button(const char* id, ImVec2 size, const std::string& label, const Style& style,
    ActionLook look = ActionLook::Plain, ImFont* font = nullptr);
// The largest size in which every one of `labels` fits a plain action button of `size`: buttons side by side in one.
ImFont* action_font(ImVec2 size, const std::vector<std::string>& labels, const Style& style);

// A pill that opens a link's QR view, or a filter choice. `selected` fills it and shows a check mark, so the choice
// is never told by colour alone. Width: the label's, at most `max_width`. Returns true when tapped.
bool chip(const char* id, const std::string& label, Icon icon, bool selected, float max_width, const Style& style);
float chip_width(const std::string& label, Icon icon, float max_width, const Style& style);
float chip_height(const Style& style);

// A button in the header band with an icon and a short label.
// `urgent`: on the urgent-help page's band, in its colours. `on`: a setting that is on, drawn inverted with a tick,
// so the state never rests on colour alone. `name`: the button's accessible name when `label` is empty (an icon
// alone); the label otherwise.
bool header_button(const char* id, ImVec2 size, const std::string& label, Icon icon, const Style& style,
    bool urgent = false, bool on = false, const std::string& name = {});
float header_button_width(const std::string& label, const Style& style, Icon icon = Icon::None);

} // namespace kiosk::ui
