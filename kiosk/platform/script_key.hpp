// Key names in scripts ("Alt+F4") as SDL key events: the parser checks them, the runner pushes them.
#pragma once

#include <SDL.h>
#include <optional>
#include <string>

namespace kiosk::platform {

// "Alt+F4" as a key-down event, or nothing when SDL does not know the key.
std::optional<SDL_Event> key_event(const std::string& name);

} // namespace kiosk::platform
