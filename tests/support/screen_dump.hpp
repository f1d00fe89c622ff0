// Reading the script commands `controls` and `texts` back: each control's and each text line's rectangle and words.
#pragma once

#include <string>
#include <vector>

namespace kiosk::test {

struct Box {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string words; // A control's label, or a text line's words.
    float height() const { return y1 - y0; }
    bool operator==(const Box&) const = default;
};

// One `controls` (and the `texts` after it, if any) of a script's output.
struct Dump {
    std::vector<Box> controls;
    std::vector<Box> texts;
};

// The kiosk's output split into dumps: each `controls` begins one.
std::vector<Dump> parse_dumps(const std::string& out);
// Every control of the kiosk's output, in order, whichever dump it belongs to (a script with one `controls`).
std::vector<Box> parse_controls(const std::string& out);
// The control labelled `words`, or nothing.
const Box* find_box(const std::vector<Box>& boxes, const std::string& words);
bool overlap(const Box& a, const Box& b);
// `inner` lies inside `outer`, give or take `slack` pixels.
bool inside(const Box& inner, const Box& outer, float slack = 1.0f);

} // namespace kiosk::test
