// The QR view's sizes and words, as pure functions: how big the code may be on the glass, and the address as people
// read it, broken into lines at the places a reader expects.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace kiosk::ui {

// The dark square of a code on the glass: at least this where the screen allows, never more (a phone held at arm's
// length frames 35 to 70 mm easily; larger only makes the visitor step back).
constexpr float qr_least_mm = 35.0f;
constexpr float qr_most_mm = 70.0f;
// A module is never smaller than this: below it a phone's camera starts to struggle.
constexpr float qr_module_least_mm = 1.2f;
// Modules of white around the code, as the standard asks.
constexpr int qr_quiet_zone = 4;

// The whole pixels a module of a code `modules` wide (the dark modules, without the quiet zone) may take on a panel
// of `px_per_mm`, when the code with its quiet zone must fit in `room` pixels: the dark square between qr_least_mm
// and qr_most_mm, never a module under qr_module_least_mm. Where those disagree the module's least wins (a long
// address's code may then pass 70 mm). The quiet zone is the standard's 4 modules, or 3 or 2 (which phones read as
// well) when only that lets a module keep its least size in `room`; when even 2 cannot, the code takes what fits
// (at least a pixel a module): `most` >= `least` >= 1.
struct QrModuleRange {
    int least = 1;
    int most = 1;
    int quiet = qr_quiet_zone; // Modules of white around the code.
};
QrModuleRange qr_module_range(int modules, float px_per_mm, float room);

// The address as people read it: without "https://", "http://", "mailto:" or "tel:" and without a trailing "/". The
// code itself holds the whole address.
std::string display_address(std::string_view url);

// `address` on lines of at most `width` (as `measure` gives a piece's width), joined with '\n': each line is broken
// after a '/', '.', '?', '&' or '-' (the last '/', '?' or '&' that fits when it fills at least half the line, else the
// last of any), and only inside a piece between them when that piece alone is wider than a line. Nothing is left
// out. At most `max_lines` lines are measured; the rest of the address is then the last line.
std::string break_address(
    std::string_view address, float width, const std::function<float(std::string_view)>& measure, int max_lines = 200);

} // namespace kiosk::ui
