// Parsing `controls` and `texts` lines ("control: X0 Y0 X1 Y1 LABEL", "text: X0 Y0 X1 Y1 WORDS").
#include "support/screen_dump.hpp"

#include <sstream>

namespace kiosk::test {

namespace {

// "X0 Y0 X1 Y1 WORDS": what follows "control: " or "text: ".
Box parse_box(const std::string& fields_text)
{
    std::istringstream fields(fields_text);
    Box box;
    fields >> box.x0 >> box.y0 >> box.x1 >> box.y1;
    std::getline(fields >> std::ws, box.words);
    return box;
}

} // namespace

std::vector<Dump> parse_dumps(const std::string& out)
{
    std::vector<Dump> dumps;
    std::istringstream lines(out);
    std::string line;
    bool after_texts = true; // A control line after text lines (or first of all) begins a dump.
    while (std::getline(lines, line)) {
        bool control = line.rfind("control: ", 0) == 0, text = line.rfind("text: ", 0) == 0;
        if (!control && !text)
            continue;
        if ((control && after_texts) || dumps.empty())
            dumps.emplace_back();
        after_texts = text;
        (control ? dumps.back().controls : dumps.back().texts).push_back(parse_box(line.substr(control ? 9 : 6)));
    }
    return dumps;
}

std::vector<Box> parse_controls(const std::string& out)
{
    std::vector<Box> boxes;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("control: ", 0) == 0)
            boxes.push_back(parse_box(line.substr(9)));
    }
    return boxes;
}

const Box* find_box(const std::vector<Box>& boxes, const std::string& words)
{
    for (const Box& box : boxes)
        if (box.words == words)
            return &box;
    return nullptr;
}

bool overlap(const Box& a, const Box& b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

bool inside(const Box& inner, const Box& outer, float slack)
{
    return inner.x0 >= outer.x0 - slack && inner.y0 >= outer.y0 - slack && inner.x1 <= outer.x1 + slack
        && inner.y1 <= outer.y1 + slack;
}

} // namespace kiosk::test
