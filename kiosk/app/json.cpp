// JSON string escaping.
#include "app/json.hpp"

#include <cstdio>

namespace kiosk {

std::string json_string(std::string_view text)
{
    std::string out = "\"";
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out += buffer;
            } else {
                out += ch;
            }
        }
    }
    return out + "\"";
}

std::string counts_json(const BundleCounts& c)
{
    return "{\"pages\": " + std::to_string(c.pages) + ", \"cards\": " + std::to_string(c.cards)
        + ", \"events\": " + std::to_string(c.events) + ", \"occurrences\": " + std::to_string(c.occurrences)
        + ", \"images\": " + std::to_string(c.images) + "}";
}

std::string diagnostics_json(const Diagnostics& diagnostics)
{
    std::string out = "[";
    bool first = true;
    for (const Diagnostic& d : diagnostics.all()) {
        out += first ? "" : ", ";
        first = false;
        out += "{\"file\": " + json_string(d.file) + ", \"line\": " + std::to_string(d.line)
            + ", \"severity\": " + json_string(severity_name(d.severity)) + ", \"fatal\": "
            + (d.severity == Severity::Fatal ? "true" : "false") + ", \"message\": " + json_string(d.message) + "}";
    }
    return out + "]";
}

} // namespace kiosk
