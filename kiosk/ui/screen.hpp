// What every screen is given: the content, how things look, the words, and this frame's time.
#pragma once

#include "content/snapshot.hpp"
#include "content/time_zone.hpp"
#include "ui/intent.hpp"
#include "ui/scroll_area.hpp"
#include "ui/strings.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"

#include <optional>

namespace kiosk::ui {

struct FrameInfo {
    Millis uptime {0}; // Monotonic; gestures and animation.
    WallTime now;      // Wall clock.
    LocalTime local;   // `now` in the kiosk's time zone.
};

struct ScreenContext {
    const ContentSnapshot& content;
    const Style& style;
    const Strings& strings;
    const std::string& language;
    const FrameInfo& frame;

    const std::string& default_language() const { return content.info().default_language(); }
    const std::string& text(const Text& t) const { return t.in(language, default_language()); }
};

std::optional<Intent> draw_home(const ScreenContext& context, ScrollArea& scroll);
// A section's screen (and the urgent-help page): the navigation bar and the section's title. The content of
// pages, cards and agendas is drawn by the screens issue.
std::optional<Intent> draw_section(
    const ScreenContext& context, const std::string& title, Icon icon, bool urgent, ScrollArea& scroll);

// The QR view of a link: the code as large as fits, what to do with it, the address written out, and Close.
std::optional<Intent> draw_qr_view(const ScreenContext& context, const std::string& title, const std::string& url);

// The bar at the top of every screen but home: Back and Home always in the same place, then the title.
std::optional<Intent> draw_navigation_bar(const ScreenContext& context, const std::string& title, bool urgent);
Icon icon_for(SectionKind kind);

// The window every screen draws in: the whole display, no decoration, the theme's background.
void begin_screen(const char* id, const Style& style);
void end_screen();

} // namespace kiosk::ui
