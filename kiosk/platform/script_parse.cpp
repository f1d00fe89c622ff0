// Script parsing: a script's text, checked line by line before anything runs, into commands.
#include "platform/script.hpp"

#include "content/posix_file.hpp"

#include "platform/script_key.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <sys/stat.h>

namespace kiosk::platform {

namespace {

constexpr std::size_t max_script_bytes = 1024 * 1024;
constexpr long long max_ms = 30LL * 24 * 3600 * 1000; // A month of simulated time in one command.

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
    {"controls", K::Controls, "controls", 0},
    {"texts", K::Texts, "texts", 0},
    {"key", K::Key, "key NAME", 1},
    {"close", K::Close, "close", 0},
    {"shot", K::Shot, "shot FILE.png", 1},
    {"expect", K::Expect, "expect PATH' or 'expect \"LABEL\"", 1},
    {"listen", K::Listen, "listen MS", 1},
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
    case K::Listen:
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
    case K::Controls:
    case K::Texts:
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
            + "' (known: tap, drag, press, down, move, up, wait, at, shot, expect, memory, controls, texts, key, "
              "close, quit)");
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

} // namespace kiosk::platform
