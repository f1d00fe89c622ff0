// Script parsing and running. Input is pushed into SDL's queue as finger events, so it takes the path real touches
// take; time moves only as the script says.
#include "platform/script.hpp"

#include "content/posix_file.hpp"
#include "platform/frame_loop.hpp"

#include <SDL.h>
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

struct Parser {
    const std::string& file;
    int line;
    std::string& error;

    bool fail(const std::string& message)
    {
        error = file + ":" + std::to_string(line) + ": " + message;
        return false;
    }

    bool number(const std::string& word, float& out, const char* what)
    {
        double value = 0;
        auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
        if (ec != std::errc() || end != word.data() + word.size() || !std::isfinite(value) || value < 0
            || value > 100000)
            return fail(std::string(what) + " must be a number of pixels, not '" + word + "'");
        out = float(value);
        return true;
    }

    bool millis(const std::string& word, Millis& out)
    {
        long long value = 0;
        auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
        if (ec != std::errc() || end != word.data() + word.size() || value < 0 || value > max_ms)
            return fail("the time must be a whole number of milliseconds, not '" + word + "'");
        out = Millis(value);
        return true;
    }
};

const char* usage(ScriptCommand::Kind kind)
{
    using K = ScriptCommand::Kind;
    switch (kind) {
    case K::Tap:
        return "tap X Y";
    case K::Drag:
        return "drag X1 Y1 X2 Y2 MS";
    case K::Press:
        return "press X Y MS";
    case K::Down:
        return "down X Y";
    case K::Move:
        return "move X Y MS";
    case K::Up:
        return "up";
    case K::Wait:
        return "wait MS";
    case K::At:
        return "at MS";
    case K::Memory:
        return "memory";
    case K::Key:
        return "key NAME";
    case K::Close:
        return "close";
    case K::Shot:
        return "shot FILE.png";
    case K::Expect:
        return "expect PATH";
    case K::Quit:
        return "quit";
    }
    return "";
}

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

} // namespace

std::optional<Script> parse_script(const std::string& text, const std::string& file_name, std::string& error)
{
    using K = ScriptCommand::Kind;
    static const std::pair<const char*, K> names[] = {
        {"tap", K::Tap},
        {"drag", K::Drag},
        {"press", K::Press},
        {"down", K::Down},
        {"move", K::Move},
        {"up", K::Up},
        {"wait", K::Wait},
        {"at", K::At},
        {"memory", K::Memory},
        {"key", K::Key},
        {"close", K::Close},
        {"shot", K::Shot},
        {"expect", K::Expect},
        {"quit", K::Quit},
    };
    Script script {file_name, {}};
    std::istringstream in(text);
    std::string raw;
    Parser p {file_name, 0, error};
    while (std::getline(in, raw)) {
        ++p.line;
        if (!raw.empty() && raw.back() == '\r')
            raw.pop_back();
        std::istringstream words(raw);
        std::vector<std::string> w;
        for (std::string word; words >> word;) {
            if (word[0] == '#')
                break;
            w.push_back(word);
        }
        if (w.empty())
            continue;
        ScriptCommand c;
        c.line = p.line;
        bool known = false;
        for (auto& [name, kind] : names) {
            if (w[0] == name) {
                c.kind = kind;
                known = true;
            }
        }
        if (!known) {
            p.fail("unknown command '" + w[0]
                + "' (known: tap, drag, press, down, move, up, wait, at, shot, expect, memory, key, close, quit)");
            return std::nullopt;
        }
        std::size_t expected = 0;
        switch (c.kind) {
        case K::Tap:
        case K::Down:
            expected = 2;
            break;
        case K::Drag:
            expected = 5;
            break;
        case K::Press:
        case K::Move:
            expected = 3;
            break;
        case K::Wait:
        case K::At:
        case K::Shot:
        case K::Expect:
        case K::Key:
            expected = 1;
            break;
        case K::Up:
        case K::Memory:
        case K::Close:
        case K::Quit:
            expected = 0;
            break;
        }
        if (w.size() - 1 != expected) {
            p.fail(std::string("expected '") + usage(c.kind) + "'");
            return std::nullopt;
        }
        bool ok = true;
        switch (c.kind) {
        case K::Tap:
        case K::Down:
            ok = p.number(w[1], c.x, "X") && p.number(w[2], c.y, "Y");
            break;
        case K::Press:
        case K::Move:
            ok = p.number(w[1], c.x, "X") && p.number(w[2], c.y, "Y") && p.millis(w[3], c.ms);
            break;
        case K::Drag:
            ok = p.number(w[1], c.x, "X1") && p.number(w[2], c.y, "Y1") && p.number(w[3], c.x2, "X2")
                && p.number(w[4], c.y2, "Y2") && p.millis(w[5], c.ms);
            break;
        case K::Wait:
        case K::At:
            ok = p.millis(w[1], c.ms);
            break;
        case K::Shot:
            c.argument = w[1];
            if (c.argument.size() < 5 || c.argument.compare(c.argument.size() - 4, 4, ".png") != 0)
                ok = p.fail("a shot is written as a PNG: the file name must end in .png");
            break;
        case K::Expect:
            c.argument = w[1];
            break;
        case K::Key:
            c.argument = w[1];
            if (!key_event(c.argument))
                ok = p.fail("unknown key '" + c.argument + "' (SDL key names, with Alt+, Ctrl+ or Shift+ before them)");
            break;
        case K::Up:
        case K::Memory:
        case K::Close:
        case K::Quit:
            break;
        }
        if (!ok)
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

// One switch over the script commands, each a few lines of finger events and simulated time: kept as a table.
int run_script(
    const Script& script, FrameLoop& loop, int width, int height, const ScriptHooks& hooks, std::string& error)
{
    using K = ScriptCommand::Kind;
    bool finger_down = false;
    float finger_x = 0, finger_y = 0;
    for (const ScriptCommand& c : script.commands) {
        auto where = [&] { return script.file + ":" + std::to_string(c.line) + ": "; };
        auto inside = [&](float x, float y) {
            if (x < float(width) && y < float(height))
                return true;
            error = where() + "the point " + std::to_string(int(x)) + "," + std::to_string(int(y)) + " is outside the "
                + std::to_string(width) + "x" + std::to_string(height) + " window";
            return false;
        };
        auto move_to = [&](float x, float y, Millis over) {
            float x0 = finger_x, y0 = finger_y;
            auto steps = std::max<Millis::rep>(1, over.count() / step.count());
            for (Millis::rep i = 1; i <= steps; ++i) {
                float f = float(i) / float(steps);
                finger_x = x0 + (x - x0) * f;
                finger_y = y0 + (y - y0) * f;
                push_finger(SDL_FINGERMOTION, finger_x, finger_y, width, height, hooks);
                loop.advance(i == steps ? Millis(over.count() - step.count() * (steps - 1)) : step);
            }
        };
        if (hooks.busy) {
            // Real time passes, a frame's worth at a time, until the other thread is done (at most two minutes).
            for (int waited = 0; hooks.busy() && !loop.stopping() && waited < 120000; waited += 16) {
                std::this_thread::sleep_for(std::chrono::milliseconds(16));
                loop.advance(Millis(16));
            }
        }
        if (loop.stopping())
            break;
        switch (c.kind) {
        case K::Tap:
        case K::Press:
        case K::Drag:
        case K::Down:
            if (!inside(c.x, c.y) || (c.kind == K::Drag && !inside(c.x2, c.y2)))
                return 2;
            if (finger_down) {
                error = where() + "a finger is already down: lift it with 'up' first";
                return 2;
            }
            finger_x = c.x;
            finger_y = c.y;
            push_finger(SDL_FINGERDOWN, c.x, c.y, width, height, hooks);
            if (c.kind == K::Down) {
                finger_down = true;
                loop.advance(step);
                break;
            }
            loop.advance(c.kind == K::Tap ? tap_hold : c.kind == K::Press ? c.ms : step);
            if (c.kind == K::Drag)
                move_to(c.x2, c.y2, c.ms);
            push_finger(SDL_FINGERUP, finger_x, finger_y, width, height, hooks);
            loop.advance(step * 2);
            break;
        case K::Move:
            if (!inside(c.x, c.y))
                return 2;
            if (!finger_down) {
                error = where() + "no finger is down: start with 'down X Y'";
                return 2;
            }
            move_to(c.x, c.y, c.ms);
            break;
        case K::Up:
            if (!finger_down) {
                error = where() + "no finger is down";
                return 2;
            }
            finger_down = false;
            push_finger(SDL_FINGERUP, finger_x, finger_y, width, height, hooks);
            loop.advance(step * 2);
            break;
        case K::Wait:
            loop.advance(c.ms);
            break;
        case K::At:
            if (loop.uptime() > c.ms) {
                error = where() + "it is already " + std::to_string(loop.uptime().count()) + " ms after the start";
                return 1;
            }
            loop.advance(c.ms - loop.uptime());
            break;
        case K::Memory:
            std::cout << "memory: " << resident_kib() << std::endl;
            break;
        case K::Key: {
            SDL_Event event = *key_event(c.argument);
            SDL_PushEvent(&event);
            event.type = SDL_KEYUP;
            event.key.state = SDL_RELEASED;
            SDL_PushEvent(&event);
            loop.advance(step * 2);
            break;
        }
        case K::Close: {
            SDL_Event event {};
            event.type = SDL_WINDOWEVENT;
            event.window.event = SDL_WINDOWEVENT_CLOSE;
            SDL_PushEvent(&event);
            event = SDL_Event {};
            event.type = SDL_QUIT;
            SDL_PushEvent(&event);
            loop.advance(step * 2);
            break;
        }
        case K::Shot:
            if (!loop.shot(c.argument, error)) {
                error = where() + error;
                return 1;
            }
            break;
        case K::Expect:
            if (hooks.current_path && hooks.current_path() != c.argument) {
                error = where() + "expected the screen '" + c.argument + "', but '" + hooks.current_path()
                    + "' is showing";
                return 1;
            }
            break;
        case K::Quit:
            return 0;
        }
    }
    return 0;
}

} // namespace kiosk::platform
