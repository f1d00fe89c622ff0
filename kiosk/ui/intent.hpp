// What a screen asks for; the app carries it out (STYLE.md: screens say what they want, they do not do it).
#pragma once

#include <string>

namespace kiosk::ui {

struct Intent {
    enum class Kind {
        Open, // Go to `path` (DESIGN.md's paths: a section id, "urgent", "home").
        Back,
        Home,
        Language,    // Show everything in the language `path` names ("es").
        LargeText,   // Turn large text on or off.
        Contrast,    // Turn the high-contrast theme on or off.
        Wake,        // A touch on the attract loop: back to the ordinary home screen.
        StaffPin,    // The PIN pad's digits (`path`), to be checked by the app.
        StaffAction, // A staff screen button (`path`: sync, apply, ignore, rollback, export, restart, stop).
        StaffClose,  // Leave the PIN pad or the staff screen.
    };
    Kind kind = Kind::Home;
    std::string path;
};

} // namespace kiosk::ui
