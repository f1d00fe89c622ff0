// What a screen asks for; the app carries it out (STYLE.md: screens say what they want, they do not do it).
#pragma once

#include <string>

namespace kiosk::ui {

// The staff screen's buttons.
enum class StaffAction {
    Sync,       // Look for updates now (the sync threads).
    Apply,      // Apply the bundle waiting in `Intent::slot`.
    Ignore,     // Set aside the bundle waiting in `Intent::slot`.
    RollBack,   // Back to the previous content.
    ResetFloor, // Let the kiosk take signed content older than the version floor again.
    Export,     // Save the usage counts to a stick.
    Restart,
    Stop, // Stop for maintenance: the service does not restart on its exit status.
};

// Actions that change what visitors see, what waits or whether the kiosk runs: each asks once, on a screen of its own
// whose confirm button is away from where the first tap was (the app refuses them unconfirmed too).
constexpr bool asks_first(StaffAction action)
{
    return action != StaffAction::Sync && action != StaffAction::Export;
}

struct Intent {
    enum class Kind {
        Open, // Go to `path` (DESIGN.md's paths: a section id, "urgent", "home").
        Back,
        Home,
        Language,    // Show everything in the language `path` names ("es").
        LargeText,   // Turn large text on or off.
        Contrast,    // Turn the high-contrast theme on or off.
        ReadAloud,   // Turn read aloud on or off; turned on with a language in `path`, in that language.
        StopSpeech,  // The big Stop while speaking: be quiet (read aloud stays as it is).
        Wake,        // A touch on the attract loop: back to the ordinary home screen (in `path`'s language, if given).
        StaffPin,    // The PIN pad's digits (`pin`), to be checked by the app.
        StaffAction, // A staff screen button (`action`, and `slot` for Apply and Ignore).
        StaffClose,  // Leave the PIN pad or the staff screen.
        StaffBack,   // Cancel a question: back to the staff screen.
    };
    Kind kind = Kind::Home;
    std::string path {};                    // Open and Language only.
    std::string pin {};                     // StaffPin only: the digits typed.
    StaffAction action = StaffAction::Sync; // StaffAction only.
    int slot = 1; // StaffAction's Apply and Ignore: the slot the bundle waits in, 1 or 2 (StaffView::pending_slot).
    bool confirmed = false; // StaffAction: tapped on the confirm screen (see asks_first).
};

} // namespace kiosk::ui
