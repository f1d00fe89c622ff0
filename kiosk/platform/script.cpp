// Script parsing and running. Input is pushed into SDL's queue as finger events, so it takes the path real touches
// take; time moves only as the script says.
#include "platform/script.hpp"

#include "content/posix_file.hpp"
#include "platform/frame_loop.hpp"

#include <SDL.h>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace kiosk::platform {

namespace {

constexpr std::size_t max_script_bytes = 1024 * 1024;
constexpr long long max_ms = 30LL * 24 * 3600 * 1000; // A month of simulated time in one command.
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

// "Alt+F4" as a key-down event, or nothing when SDL does not know the key.
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

struct Word {
    std::string text;
    bool quoted = false; // Written "in quotes": a label, which may hold spaces.
};

struct Parser {
    const std::string& file;
    int line;
    std::string& error;

    bool fail(const std::string& message)
    {
        error = file + ":" + std::to_string(line) + ": " + message;
        return false;
    }

    bool number(const Word& word, float& out, const char* what)
    {
        double value = 0;
        const std::string& w = word.text;
        auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), value);
        if (word.quoted || ec != std::errc() || end != w.data() + w.size() || !std::isfinite(value) || value < 0
            || value > 100000)
            return fail(std::string(what) + " must be a number of pixels, not '" + w + "'");
        out = float(value);
        return true;
    }

    bool millis(const Word& word, Millis& out)
    {
        long long value = 0;
        const std::string& w = word.text;
        auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), value);
        if (word.quoted || ec != std::errc() || end != w.data() + w.size() || value < 0 || value > max_ms)
            return fail("the time must be a whole number of milliseconds, not '" + w + "'");
        out = Millis(value);
        return true;
    }
};

using K = ScriptCommand::Kind;

// Every command: its name, how it is written, and how many words follow it (by pixels, for tap and press).
struct CommandSpec {
    const char* name;
    K kind;
    const char* usage;
    std::size_t arguments;
};

constexpr CommandSpec commands[] = {
    {"tap", K::Tap, "tap X Y' or 'tap \"LABEL\"", 2},
    {"drag", K::Drag, "drag X1 Y1 X2 Y2 MS", 5},
    {"press", K::Press, "press X Y MS' or 'press \"LABEL\" MS", 3},
    {"down", K::Down, "down X Y", 2},
    {"move", K::Move, "move X Y MS", 3},
    {"up", K::Up, "up", 0},
    {"wait", K::Wait, "wait MS", 1},
    {"at", K::At, "at MS", 1},
    {"memory", K::Memory, "memory", 0},
    {"key", K::Key, "key NAME", 1},
    {"close", K::Close, "close", 0},
    {"shot", K::Shot, "shot FILE.png", 1},
    {"expect", K::Expect, "expect PATH' or 'expect \"LABEL\"", 1},
    {"quit", K::Quit, "quit", 0},
};

bool blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\v' || ch == '\f';
}

// A word in quotes from `at` (the opening quote), with \" and \\ standing for " and \. Moves `at` past it.
bool quoted_word(const std::string& line, std::size_t& at, Word& word, Parser& p)
{
    std::size_t open = at++;
    word.quoted = true;
    for (;; ++at) {
        if (at >= line.size())
            return p.fail("the quote opened at column " + std::to_string(open + 1) + " is not closed");
        char ch = line[at];
        if (ch == '"')
            break;
        if (ch == '\\' && at + 1 < line.size() && (line[at + 1] == '"' || line[at + 1] == '\\'))
            ch = line[++at];
        word.text += ch;
    }
    ++at;
    if (at < line.size() && !blank(line[at]))
        return p.fail("a space must follow the closing quote at column " + std::to_string(at));
    return true;
}

// Splits a line into words at blanks. A word in "quotes" keeps its spaces; a # that begins a word outside quotes
// begins a comment.
bool split_words(const std::string& line, Parser& p, std::vector<Word>& words)
{
    std::size_t at = 0;
    while (at < line.size()) {
        if (blank(line[at])) {
            ++at;
            continue;
        }
        if (line[at] == '#')
            break;
        Word word;
        if (line[at] == '"') {
            if (!quoted_word(line, at, word, p))
                return false;
        } else {
            while (at < line.size() && !blank(line[at]))
                word.text += line[at++];
        }
        words.push_back(std::move(word));
    }
    return true;
}

// tap "LABEL", press "LABEL" MS, expect "LABEL".
bool parse_label_arguments(ScriptCommand& c, const CommandSpec& spec, const std::vector<Word>& w, Parser& p)
{
    if (w.size() != (c.kind == K::Press ? 3u : 2u))
        return p.fail(std::string("expected '") + spec.usage + "'");
    if (w[1].text.empty())
        return p.fail("the label in quotes is empty");
    c.label = w[1].text;
    return c.kind != K::Press || p.millis(w[2], c.ms);
}

// Everything after the command's name, when it is not a label.
bool parse_arguments(ScriptCommand& c, const CommandSpec& spec, const std::vector<Word>& w, Parser& p)
{
    if (w.size() - 1 != spec.arguments)
        return p.fail(std::string("expected '") + spec.usage + "'");
    switch (c.kind) {
    case K::Tap:
    case K::Down:
        return p.number(w[1], c.x, "X") && p.number(w[2], c.y, "Y");
    case K::Press:
    case K::Move:
        return p.number(w[1], c.x, "X") && p.number(w[2], c.y, "Y") && p.millis(w[3], c.ms);
    case K::Drag:
        return p.number(w[1], c.x, "X1") && p.number(w[2], c.y, "Y1") && p.number(w[3], c.x2, "X2")
            && p.number(w[4], c.y2, "Y2") && p.millis(w[5], c.ms);
    case K::Wait:
    case K::At:
        return p.millis(w[1], c.ms);
    case K::Shot:
        c.argument = w[1].text;
        if (c.argument.size() < 5 || c.argument.compare(c.argument.size() - 4, 4, ".png") != 0)
            return p.fail("a shot is written as a PNG: the file name must end in .png");
        return true;
    case K::Key:
        c.argument = w[1].text;
        if (!key_event(c.argument))
            return p.fail("unknown key '" + c.argument + "' (SDL key names, with Alt+, Ctrl+ or Shift+ before them)");
        return true;
    case K::Expect:
        c.argument = w[1].text;
        return true;
    case K::Up:
    case K::Memory:
    case K::Close:
    case K::Quit:
        return true;
    }
    return true;
}

// One line's command, from its words, into `c`; false (with the error set) when the line is bad.
bool parse_command(const std::vector<Word>& w, ScriptCommand& c, Parser& p)
{
    const CommandSpec* spec = nullptr;
    for (const CommandSpec& candidate : commands) {
        if (!w[0].quoted && w[0].text == candidate.name)
            spec = &candidate;
    }
    if (!spec)
        return p.fail("unknown command '" + w[0].text
            + "' (known: tap, drag, press, down, move, up, wait, at, shot, expect, memory, key, close, quit)");
    c.kind = spec->kind;
    bool by_label = (c.kind == K::Tap || c.kind == K::Press || c.kind == K::Expect) && w.size() > 1 && w[1].quoted;
    return by_label ? parse_label_arguments(c, *spec, w, p) : parse_arguments(c, *spec, w, p);
}

} // namespace

std::optional<Script> parse_script(const std::string& text, const std::string& file_name, std::string& error)
{
    Script script {file_name, {}};
    std::istringstream in(text);
    std::string raw;
    Parser p {file_name, 0, error};
    std::vector<Word> words;
    while (std::getline(in, raw)) {
        ++p.line;
        if (!raw.empty() && raw.back() == '\r')
            raw.pop_back();
        words.clear();
        if (!split_words(raw, p, words))
            return std::nullopt;
        if (words.empty())
            continue;
        ScriptCommand c;
        c.line = p.line;
        if (!parse_command(words, c, p))
            return std::nullopt;
        script.commands.push_back(std::move(c));
    }
    return script;
}

std::optional<Script> read_script(const std::string& path, std::string& error)
{
    struct stat st { };
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        error = path + ": the script file is missing";
        return std::nullopt;
    }
    if (std::size_t(st.st_size) > max_script_bytes) {
        error = path + ": the script is larger than 1 MiB";
        return std::nullopt;
    }
    return parse_script(posix::read_file(path, max_script_bytes).value_or(""), path, error);
}

namespace {

bool same_ignoring_case(const std::string& a, const std::string& b)
{
    auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? char(ch - 'A' + 'a') : ch; };
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
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
        if (visible(control) && same_ignoring_case(control.label, label))
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
        case K::Key:
            return key(c);
        case K::Close:
            return close();
        case K::Shot:
            return shot(c);
        case K::Expect:
            return c.label.empty() ? expect_path(c) : expect_label(c);
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
