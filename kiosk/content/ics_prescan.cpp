// The iCalendar reader's pre-scan, which notes each component's line before libical parses the text, and libical's
// own parse errors reported at those lines.
#include "content/ics_internal.hpp"

#include <cstring>

namespace kiosk::ics_detail {

namespace {

// A logical line with its folds undone as libical undoes them (a line break and one space or tab), up to `limit`
// bytes, without the line end and trailing white space.
std::string unfolded_head(std::string_view line, std::size_t limit)
{
    std::string out;
    for (std::size_t i = 0; i < line.size() && out.size() < limit; ++i) {
        char c = line[i];
        bool line_break = c == '\n' || (c == '\r' && i + 1 < line.size() && line[i + 1] == '\n');
        if (!line_break) {
            out += c;
            continue;
        }
        if (c == '\r')
            ++i;
        if (i + 1 < line.size() && (line[i + 1] == ' ' || line[i + 1] == '\t'))
            ++i;
    }
    while (!out.empty() && std::strchr(" \t\r\n\v\f", out.back()))
        out.pop_back();
    return out;
}

// Where libical ends the property name: the first ';' or ':' outside double quotes and not after a backslash.
std::size_t name_end(std::string_view line)
{
    bool quoted = false;
    for (std::size_t i = 1; i < line.size(); ++i) {
        if (line[i - 1] == '\\')
            continue;
        if (line[i] == '"')
            quoted = !quoted;
        else if (!quoted && (line[i] == ';' || line[i] == ':'))
            return i;
    }
    return std::string_view::npos;
}

} // namespace

Prepared prepare(std::string_view text)
{
    Prepared prepared;
    prepared.text.reserve(text.size() + text.size() / 16 + 1);
    int depth = 0;
    int line = 0;
    bool seen_content = false;
    auto line_end = [&](std::size_t at) {
        std::size_t newline = text.find('\n', at);
        return newline == std::string_view::npos ? text.size() : newline + 1;
    };
    std::size_t at = 0;
    while (at < text.size()) {
        int first_line = ++line;
        std::size_t end = line_end(at);
        while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) {
            end = line_end(end);
            ++line;
        }
        std::string_view logical = text.substr(at, end - at);
        at = end;
        // Components begin and end where libical sees them ("END;X=1:VEVENT" and "END :VEVENT" end one too), so that
        // depths agree and no END reaches libical at depth 0 (it prints to stderr about that).
        std::string head = unfolded_head(logical, 4096);
        std::size_t separator = name_end(head);
        std::string name = head.substr(0, separator == std::string::npos ? 0 : separator);
        while (!name.empty() && std::strchr(" \t\r\v\f", name.back()))
            name.pop_back();
        bool begin = iequals(name, "BEGIN");
        bool end_line = iequals(name, "END");
        if (end_line && depth == 0) {
            prepared.stray_ends.push_back(first_line); // libical would print to stderr about it.
            continue;
        }
        prepared.text.append(logical);
        if (!seen_content && !head.empty()) {
            seen_content = true;
            prepared.starts_with_calendar = iequals(head, "BEGIN:VCALENDAR");
        }
        if (begin) {
            prepared.depth = std::max(prepared.depth, ++depth);
            if (head[separator] == ':' && iequals(head.substr(separator + 1), "VEVENT"))
                ++prepared.events;
            std::string newline = logical.size() >= 2 && logical.substr(logical.size() - 2) == "\r\n" ? "\r\n" : "\n";
            if (logical.empty() || logical.back() != '\n')
                prepared.text += newline;
            prepared.text += std::string(line_property) + ":" + std::to_string(first_line) + newline;
        } else if (end_line && depth > 0) {
            --depth;
        }
    }
    return prepared;
}

int line_of(icalcomponent* component)
{
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
        const char* name = icalproperty_get_x_name(p);
        const char* value = icalproperty_get_x(p);
        if (!name || !value || !iequals(name, line_property))
            continue;
        int line = 0;
        for (const char* c = value; *c >= '0' && *c <= '9' && line < 100000000; ++c)
            line = line * 10 + (*c - '0');
        return line;
    }
    return 0;
}

void remove_line_properties(icalcomponent* component)
{
    std::vector<icalproperty*> found;
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
        const char* name = icalproperty_get_x_name(p);
        if (name && iequals(name, line_property))
            found.push_back(p);
    }
    for (icalproperty* p : found) {
        icalcomponent_remove_property(component, p);
        icalproperty_free(p);
    }
    for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
         child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT))
        remove_line_properties(child);
}

// Reports libical's X-LIC-ERROR properties in `component` and what it holds, at `line`.
void report_parse_errors(icalcomponent* component, int line, Reporter& reporter, int depth)
{
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_XLICERROR_PROPERTY)) {
        const char* text = icalproperty_get_xlicerror(p);
        std::string error = clean_text(text ? text : "", false);
        // RFC 5545 allows empty text ("DESCRIPTION:"), which libical reports as an error: nothing is lost.
        if (error.rfind("No value for ", 0) == 0)
            continue;
        if (error.find("RRULE") != std::string::npos)
            reporter.error(line, Reason::said("ics_rrule_unreadable", {{"error", shorten(error, max_quoted)}}));
        else
            reporter.warning(line, Reason::said("ics_line_unreadable", {{"error", shorten(error, max_quoted)}}));
    }
    if (depth >= max_depth)
        return;
    for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
         child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
        // Events report their own errors, at their own line.
        if (icalcomponent_isa(child) == ICAL_VEVENT_COMPONENT
            && icalcomponent_isa(component) == ICAL_VCALENDAR_COMPONENT)
            continue;
        int child_line = line_of(child);
        report_parse_errors(child, child_line > 0 ? child_line : line, reporter, depth + 1);
    }
}

} // namespace kiosk::ics_detail
