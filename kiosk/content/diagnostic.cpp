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
    m_all.push_back({escape_controls(file), line, severity, escape_controls(message), {}});
}

void Diagnostics::add(const std::string& file, int line, Severity severity, const Reason& reason)
{
    m_all.push_back({escape_controls(file), line, severity, escape_controls(reason.text()), reason});
}

void Diagnostics::warning(const std::string& file, int line, const Reason& reason)
{
    add(file, line, Severity::Warning, reason);
}

void Diagnostics::error(const std::string& file, int line, const Reason& reason)
{
    add(file, line, Severity::Error, reason);
}

void Diagnostics::fatal(const std::string& file, int line, const Reason& reason)
{
    add(file, line, Severity::Fatal, reason);
}

Reason problem_reason(const Diagnostic& d)
{
    std::string where = d.file + (d.line > 0 ? ":" + std::to_string(d.line) : "") + ": ";
    Reason line = Reason::plain(where)
        + Reason::said(d.severity == Severity::Warning ? "severity_warning" : "severity_error") + Reason::plain(": ");
    // The reason's values may hold what `message` escaped (a control character from a stick).
    return line
        + (d.reason.empty() || escape_controls(d.reason.text()) != d.message ? Reason::plain(d.message) : d.reason);
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
