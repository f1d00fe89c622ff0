// Scripted input for tests and demos: taps, drags and long presses as real finger events, in simulated time.
#pragma once

#include "content/clock.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::platform {

class FrameLoop;

struct ScriptCommand {
    enum class Kind {
        Tap,      // tap X Y, or tap "LABEL": the middle of the control with that label
        Drag,     // drag X1 Y1 X2 Y2 MS: press, move for MS, lift (a fast drag flings)
        Press,    // press X Y MS, or press "LABEL" MS: hold still for MS (a long press)
        Down,     // down X Y: put a finger down and keep it there
        Move,     // move X Y MS: move the finger that is down, over MS
        Up,       // up: lift it
        Wait,     // wait MS
        At,       // at MS: wait until MS after the start (so two scripts can end at the same moment)
        Memory,   // memory: print "memory: <resident set size in KiB>" on standard output
        Controls, // controls: print each visible control, "control: X0 Y0 X1 Y1 LABEL", on standard output
        Texts,    // texts: print each visible line of text, "text: X0 Y0 X1 Y1 WORDS", on standard output
        Key,      // key NAME: press and release a key on a keyboard ("a", "Return", "Alt+F4", "Ctrl+Alt+Delete")
        Close,    // close: the window manager asks the window to close
        Shot,     // shot FILE.png
        Expect,   // expect PATH: fail unless that screen is showing; expect "LABEL": unless such a control is visible
        Listen,   // listen MS: while read aloud speaks, let real time pass (frames drawn as they come), at most MS
        Quit,     // quit
    };
    Kind kind = Kind::Wait;
    int line = 0;
    float x = 0, y = 0, x2 = 0, y2 = 0;
    Millis ms {0};
    std::string argument;
    std::string label; // tap, press, expect "LABEL": the control's label; empty for pixels (or a path).
};

// A control on the screen as a script sees it: the label a visitor reads and its visible rectangle, in the screens'
// coordinates (the ones `tap X Y` uses, before the panel's rotation).
struct ScriptControl {
    std::string label;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// A line of text on the screen as a script sees it: its words and its visible rectangle, as for controls.
struct ScriptText {
    std::string words;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// The control a script means by `label`: the first drawn whose label is exactly `label`; when none is, the first
// whose label equals it ignoring ASCII case. Null when none does, with `error` saying so and listing the labels
// there are.
const ScriptControl* find_control(
    const std::vector<ScriptControl>& controls, const std::string& label, std::string& error);

struct Script {
    std::string file;
    std::vector<ScriptCommand> commands;
};

// Parses the whole script before anything runs. On a bad line returns nothing and sets `error` to
// "FILE:LINE: message".
std::optional<Script> parse_script(const std::string& text, const std::string& file_name, std::string& error);
std::optional<Script> read_script(const std::string& path, std::string& error);

struct ScriptHooks {
    std::function<std::string()> current_path; // For `expect PATH`.
    // The controls of the last frame drawn, in the order drawn, for the commands by label.
    std::function<std::vector<ScriptControl>()> controls;
    // The lines of text of the last frame drawn, in the order drawn (reading order), for `texts`.
    std::function<std::vector<ScriptText>()> texts;
    // A point of the (possibly turned) content to the display's normalised finger coordinates; unset: x/width,
    // y/height.
    std::function<void(float& x, float& y)> to_finger;
    // True while work the screens started runs on another thread (staff actions). Before each command the script
    // waits for it in real time, drawing frames as a running kiosk would, so what follows sees its result.
    std::function<bool()> busy;
    // True while read aloud's voice speaks, for `listen`.
    std::function<bool()> speaking;
};

// Runs `script` on `loop`, whose clock must be simulated. Returns 0 when it ran to the end or to `quit`, 1 when an
// expectation or a shot failed or a label is not on the screen, 2 for a command that cannot run here (a point outside
// the window); `error` then says "FILE:LINE: message".
int run_script(
    const Script& script, FrameLoop& loop, int width, int height, const ScriptHooks& hooks, std::string& error);

} // namespace kiosk::platform
