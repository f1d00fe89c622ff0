// Script running. Input is pushed into SDL's queue as finger events, so it takes the path real touches take; time
// moves only as the script says.
#include "platform/script.hpp"

#include "platform/frame_loop.hpp"
#include "platform/script_key.hpp"

#include <SDL.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>
#include <unistd.h>

namespace kiosk::platform {

std::optional<SDL_Event> key_event(const std::string& name)
{
    SDL_Event event {};
    event.type = SDL_KEYDOWN;
    event.key.state = SDL_PRESSED;
    std::string rest = name;
    for (auto [prefix, mod] :
        {std::pair("Alt+", KMOD_LALT), std::pair("Ctrl+", KMOD_LCTRL), std::pair("Shift+", KMOD_LSHIFT)}) {
        for (std::size_t at = rest.find(prefix); at != std::string::npos; at = rest.find(prefix)) {
            rest.erase(at, std::string(prefix).size());
            event.key.keysym.mod = Uint16(event.key.keysym.mod | mod);
        }
    }
    SDL_Keycode key = SDL_GetKeyFromName(rest.c_str());
    if (key == SDLK_UNKNOWN)
        return std::nullopt;
    event.key.keysym.sym = key;
    event.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    return event;
}

namespace {

constexpr Millis tap_hold {60};
constexpr Millis step {16};

// This process's resident set size, from /proc/self/statm.
long resident_kib()
{
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

void push_finger(Uint32 type, float x, float y, int width, int height, const ScriptHooks& hooks)
{
    SDL_Event event {};
    event.type = type;
    event.tfinger.timestamp = SDL_GetTicks();
    event.tfinger.touchId = 1;
    event.tfinger.fingerId = 1;
    float nx = x / float(width), ny = y / float(height);
    if (hooks.to_finger) {
        nx = x;
        ny = y;
        hooks.to_finger(nx, ny);
    }
    event.tfinger.x = nx;
    event.tfinger.y = ny;
    event.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    SDL_PushEvent(&event);
}

using K = ScriptCommand::Kind;

// `text` with ASCII letters in lower case and the typographic apostrophes (U+2018, U+2019) as "'": the labels say
// "stick\u2019s", and a script typed on a keyboard says "stick's".
std::string loosened(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 3, "\xE2\x80\x99") == 0 || text.compare(i, 3, "\xE2\x80\x98") == 0) {
            out += '\'';
            i += 2;
            continue;
        }
        char ch = text[i];
        out += ch >= 'A' && ch <= 'Z' ? char(ch - 'A' + 'a') : ch;
    }
    return out;
}

bool loosely_same(const std::string& a, const std::string& b)
{
    return loosened(a) == loosened(b);
}

// Some of it is on the screen: the rectangles are cut to what is visible, so an empty one is not.
bool visible(const ScriptControl& c)
{
    return c.x0 < c.x1 && c.y0 < c.y1;
}

// "\"Back\", \"Home\"": each visible label once, in the order drawn, at most 40 of them.
std::string label_list(const std::vector<ScriptControl>& controls)
{
    std::vector<const std::string*> seen;
    std::string list;
    for (const ScriptControl& control : controls) {
        if (control.label.empty() || !visible(control)
            || std::any_of(seen.begin(), seen.end(), [&](const std::string* s) { return *s == control.label; }))
            continue;
        seen.push_back(&control.label);
        if (seen.size() > 40)
            continue;
        list += (list.empty() ? "\"" : ", \"") + control.label + "\"";
    }
    if (seen.size() > 40)
        list += " and " + std::to_string(seen.size() - 40) + " more";
    return list.empty() ? "none" : list;
}

} // namespace

const ScriptControl* find_control(
    const std::vector<ScriptControl>& controls, const std::string& label, std::string& error)
{
    for (const ScriptControl& control : controls) {
        if (visible(control) && control.label == label)
            return &control;
    }
    for (const ScriptControl& control : controls) {
        if (visible(control) && loosely_same(control.label, label))
            return &control;
    }
    error = "no control labelled \"" + label + "\" is on the screen; the labels there are: " + label_list(controls);
    return nullptr;
}

namespace {

constexpr int run_on = -1; // A command's result: go on to the next one.

// Plays one script: the finger's state between commands, and a function per kind of command.
class Runner {
public:
    Runner(const Script& script, FrameLoop& loop, int width, int height, const ScriptHooks& hooks, std::string& error)
        : m_script(script)
        , m_loop(loop)
        , m_width(width)
        , m_height(height)
        , m_hooks(hooks)
        , m_error(error)
    { }

    int run()
    {
        for (const ScriptCommand& c : m_script.commands) {
            wait_while_busy();
            if (m_loop.stopping())
                break;
            if (int status = command(c); status != run_on)
                return status;
        }
        return 0;
    }

private:
    int command(const ScriptCommand& c)
    {
        switch (c.kind) {
        case K::Tap:
        case K::Press:
        case K::Drag:
        case K::Down:
            return press(c);
        case K::Move:
            return move(c);
        case K::Up:
            return lift(c);
        case K::Wait:
            m_loop.advance(c.ms);
            return run_on;
        case K::At:
            return wait_until(c);
        case K::Memory:
            std::cout << "memory: " << resident_kib() << std::endl;
            return run_on;
        case K::Controls:
            print_controls();
            return run_on;
        case K::Texts:
            print_texts();
            return run_on;
        case K::Key:
            return key(c);
        case K::Close:
            return close();
        case K::Shot:
            return shot(c);
        case K::Expect:
            return c.label.empty() ? expect_path(c) : expect_label(c);
        case K::Listen:
            listen(c.ms);
            return run_on;
        case K::Quit:
            return 0;
        }
        return run_on;
    }

    std::string where(const ScriptCommand& c) const { return m_script.file + ":" + std::to_string(c.line) + ": "; }

    int fail(const ScriptCommand& c, const std::string& message, int status)
    {
        m_error = where(c) + message;
        return status;
    }

    bool inside(const ScriptCommand& c, float x, float y)
    {
        if (x < float(m_width) && y < float(m_height))
            return true;
        fail(c,
            "the point " + std::to_string(int(x)) + "," + std::to_string(int(y)) + " is outside the "
                + std::to_string(m_width) + "x" + std::to_string(m_height) + " window",
            2);
        return false;
    }

    // Before each command: while work the screens started runs on another thread, real time passes a frame's worth
    // at a time until it is done (at most two minutes).
    void wait_while_busy()
    {
        if (!m_hooks.busy)
            return;
        for (int waited = 0; m_hooks.busy() && !m_loop.stopping() && waited < 120000; waited += 16) {
            std::this_thread::sleep_for(std::chrono::milliseconds(16));
            m_loop.advance(Millis(16));
        }
    }

    // While the voice speaks, real time passes a frame's worth at a time, up to `most`: the audio plays in real time.
    void listen(Millis most)
    {
        for (Millis waited {0}; m_hooks.speaking && m_hooks.speaking() && !m_loop.stopping() && waited < most;
             waited += Millis(16)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(16));
            m_loop.advance(Millis(16));
        }
    }

    // The control labelled c.label in the last frame drawn; null (with the error set) when there is none.
    const ScriptControl* control(const ScriptCommand& c)
    {
        m_controls = m_hooks.controls ? m_hooks.controls() : std::vector<ScriptControl> {};
        std::string error;
        const ScriptControl* found = find_control(m_controls, c.label, error);
        if (!found)
            fail(c, error, 1);
        return found;
    }

    // Every control of the last frame drawn, in the order drawn, with its visible rectangle: tests measure layouts.
    void print_controls()
    {
        m_controls = m_hooks.controls ? m_hooks.controls() : std::vector<ScriptControl> {};
        for (const ScriptControl& control : m_controls) {
            std::cout << "control: " << int(std::lround(control.x0)) << ' ' << int(std::lround(control.y0)) << ' '
                      << int(std::lround(control.x1)) << ' ' << int(std::lround(control.y1)) << ' ' << control.label
                      << '\n';
        }
        std::cout << std::flush;
    }

    // Every line of text of the last frame drawn, in reading order, with its visible rectangle: tests check that what
    // a visitor needs is on the screen.
    void print_texts() const
    {
        std::vector<ScriptText> texts = m_hooks.texts ? m_hooks.texts() : std::vector<ScriptText> {};
        for (const ScriptText& text : texts) {
            std::cout << "text: " << int(std::lround(text.x0)) << ' ' << int(std::lround(text.y0)) << ' '
                      << int(std::lround(text.x1)) << ' ' << int(std::lround(text.y1)) << ' ' << text.words << '\n';
        }
        std::cout << std::flush;
    }

    void push(Uint32 type) { push_finger(type, m_finger_x, m_finger_y, m_width, m_height, m_hooks); }

    void move_to(float x, float y, Millis over)
    {
        float x0 = m_finger_x, y0 = m_finger_y;
        auto steps = std::max<Millis::rep>(1, over.count() / step.count());
        for (Millis::rep i = 1; i <= steps; ++i) {
            float f = float(i) / float(steps);
            m_finger_x = x0 + (x - x0) * f;
            m_finger_y = y0 + (y - y0) * f;
            push(SDL_FINGERMOTION);
            m_loop.advance(i == steps ? Millis(over.count() - step.count() * (steps - 1)) : step);
        }
    }

    // tap, press, drag and down: a finger goes down at the point (or the labelled control's middle).
    int press(const ScriptCommand& c)
    {
        float x = c.x, y = c.y;
        if (!c.label.empty()) {
            const ScriptControl* found = control(c);
            if (!found)
                return 1;
            x = (found->x0 + found->x1) * 0.5f;
            y = (found->y0 + found->y1) * 0.5f;
        }
        if (!inside(c, x, y) || (c.kind == K::Drag && !inside(c, c.x2, c.y2)))
            return 2;
        if (m_finger_down)
            return fail(c, "a finger is already down: lift it with 'up' first", 2);
        m_finger_x = x;
        m_finger_y = y;
        push(SDL_FINGERDOWN);
        if (c.kind == K::Down) {
            m_finger_down = true;
            m_loop.advance(step);
            return run_on;
        }
        m_loop.advance(c.kind == K::Tap ? tap_hold : c.kind == K::Press ? c.ms : step);
        if (c.kind == K::Drag)
            move_to(c.x2, c.y2, c.ms);
        push(SDL_FINGERUP);
        m_loop.advance(step * 2);
        return run_on;
    }

    int move(const ScriptCommand& c)
    {
        if (!inside(c, c.x, c.y))
            return 2;
        if (!m_finger_down)
            return fail(c, "no finger is down: start with 'down X Y'", 2);
        move_to(c.x, c.y, c.ms);
        return run_on;
    }

    int lift(const ScriptCommand& c)
    {
        if (!m_finger_down)
            return fail(c, "no finger is down", 2);
        m_finger_down = false;
        push(SDL_FINGERUP);
        m_loop.advance(step * 2);
        return run_on;
    }

    int wait_until(const ScriptCommand& c)
    {
        if (m_loop.uptime() > c.ms)
            return fail(c, "it is already " + std::to_string(m_loop.uptime().count()) + " ms after the start", 1);
        m_loop.advance(c.ms - m_loop.uptime());
        return run_on;
    }

    int key(const ScriptCommand& c)
    {
        SDL_Event event = *key_event(c.argument);
        SDL_PushEvent(&event);
        event.type = SDL_KEYUP;
        event.key.state = SDL_RELEASED;
        SDL_PushEvent(&event);
        m_loop.advance(step * 2);
        return run_on;
    }

    int close()
    {
        SDL_Event event {};
        event.type = SDL_WINDOWEVENT;
        event.window.event = SDL_WINDOWEVENT_CLOSE;
        SDL_PushEvent(&event);
        event = SDL_Event {};
        event.type = SDL_QUIT;
        SDL_PushEvent(&event);
        m_loop.advance(step * 2);
        return run_on;
    }

    int shot(const ScriptCommand& c)
    {
        std::string error;
        if (!m_loop.shot(c.argument, error))
            return fail(c, error, 1);
        return run_on;
    }

    int expect_path(const ScriptCommand& c)
    {
        if (m_hooks.current_path && m_hooks.current_path() != c.argument)
            return fail(
                c, "expected the screen '" + c.argument + "', but '" + m_hooks.current_path() + "' is showing", 1);
        return run_on;
    }

    int expect_label(const ScriptCommand& c) { return control(c) ? run_on : 1; }

    const Script& m_script;
    FrameLoop& m_loop;
    int m_width;
    int m_height;
    const ScriptHooks& m_hooks;
    std::string& m_error;
    bool m_finger_down = false;
    float m_finger_x = 0, m_finger_y = 0;
    std::vector<ScriptControl> m_controls; // The last frame's, looked up by label.
};

} // namespace

int run_script(
    const Script& script, FrameLoop& loop, int width, int height, const ScriptHooks& hooks, std::string& error)
{
    return Runner(script, loop, width, height, hooks, error).run();
}

} // namespace kiosk::platform