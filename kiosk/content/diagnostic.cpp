// Diagnostics: collecting and printing problems with their file and line.
#include "content/diagnostic.hpp"

#include "content/text_util.hpp"

#include <algorithm>

namespace kiosk {

const char* severity_name(Severity severity)
{
    switch (severity) {
    case Severity::Warning:
        return "warning";
    case Severity::Error:
    case Severity::Fatal:
        return "error";
    }
    return "error";
}

std::string Diagnostic::to_string() const
{
    std::string out = file;
    if (line > 0)
        out += ":" + std::to_string(line);
    out += ": ";
    out += severity_name(severity);
    out += ": ";
    out += message;
    return out;
}

void Diagnostics::add(const std::string& file, int line, Severity severity, const std::string& message)
{
    // File names come from sticks and messages quote content: one line each, whatever they hold.
    m_all.push_back({escape_controls(file), line, severity, escape_controls(message)});
}

void Diagnostics::warning(const std::string& file, int line, const std::string& message)
{
    add(file, line, Severity::Warning, message);
}

void Diagnostics::error(const std::string& file, int line, const std::string& message)
{
    add(file, line, Severity::Error, message);
}

void Diagnostics::fatal(const std::string& file, int line, const std::string& message)
{
    add(file, line, Severity::Fatal, message);
}

bool Diagnostics::has_errors() const
{
    return std::any_of(m_all.begin(), m_all.end(), [](const Diagnostic& d) { return d.severity != Severity::Warning; });
}

bool Diagnostics::has_fatal() const
{
    return std::any_of(m_all.begin(), m_all.end(), [](const Diagnostic& d) { return d.severity == Severity::Fatal; });
}

} // namespace kiosk
