// What a screen asks for; the app carries it out (STYLE.md: screens say what they want, they do not do it).
#pragma once

#include <string>

namespace kiosk::ui {

struct Intent {
    enum class Kind {
        Open, // Go to `path` (DESIGN.md's paths: a section id, "urgent", "home").
        Back,
        Home,
    };
    Kind kind = Kind::Home;
    std::string path;
};

} // namespace kiosk::ui
