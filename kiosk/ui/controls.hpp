// This frame's pressable controls, each with the label a visitor reads and where it is: scripts tap them by label.
#pragma once

#include <imgui.h>
#include <span>
#include <string>

namespace kiosk::ui {

struct Control {
    std::string label; // The words on it, in the language shown; an accessible name for a control without words.
    ImVec2 min, max;   // Its visible part, in the screens' coordinates (before the panel's rotation).
};

// What a control's rectangle is cut to: the current window's clip rectangle (a scroll area's) and the display, or
// the display alone (a control watched outside any window, as the staff corner is).
enum class ClipTo { Window, Display };

// Records a control drawn at `min`-`max`, in the order drawn. Only its part inside `clip` counts; a control with
// none left is not recorded. The list is emptied as each ImGui frame begins (a hook on ImGui::NewFrame), also for a
// frame that draws no screen (the dark screen hours); its entries, and their strings' buffers, are reused, so a
// frame like the last allocates nothing.
void record_control(const std::string& label, ImVec2 min, ImVec2 max, ClipTo clip = ClipTo::Window);
// The controls of the frame built last, in the order drawn. UI thread only; valid until the next frame begins.
std::span<const Control> drawn_controls();

} // namespace kiosk::ui
