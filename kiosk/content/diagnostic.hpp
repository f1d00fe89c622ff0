// Problems found in content or settings, each with the file and line a person has to fix.
#pragma once

#include "content/reason.hpp"

#include <string>
#include <vector>

namespace kiosk {

enum class Severity {
    Warning, // Read anyway; worth fixing.
    Error,   // The row or value is skipped; the rest is kept.
    Fatal,   // The whole file or bundle cannot be used.
};

struct Diagnostic {
    std::string file; // Path as the person knows it, relative to the bundle when there is one.
    int line = 0;     // 1-based; 0 when the problem is about the whole file.
    Severity severity = Severity::Error;
    std::string message; // In English, one line.
    // The message as a reason, so kiosk-report.txt and the staff screen can say it in the kiosk's language; empty for
    // words with no template (then `message` is said as it is).
    Reason reason;

    // "file:line: error: message", the form every kiosk command prints.
    std::string to_string() const;
};

// The whole line as a reason ("file:line: ", the severity, ": ", the message): its text() is to_string().
Reason problem_reason(const Diagnostic& diagnostic);

class Diagnostics {
public:
    void add(const std::string& file, int line, Severity severity, const std::string& message);
    void warning(const std::string& file, int line, const std::string& message);
    void error(const std::string& file, int line, const std::string& message);
    void fatal(const std::string& file, int line, const std::string& message);
    // The same with a reason (made with Reason::said): its English text is the message.
    void add(const std::string& file, int line, Severity severity, const Reason& reason);
    void warning(const std::string& file, int line, const Reason& reason);
    void error(const std::string& file, int line, const Reason& reason);
    void fatal(const std::string& file, int line, const Reason& reason);

    const std::vector<Diagnostic>& all() const { return m_all; }
    bool empty() const { return m_all.empty(); }
    bool has_errors() const;
    bool has_fatal() const;

private:
    std::vector<Diagnostic> m_all;
};

const char* severity_name(Severity severity);

} // namespace kiosk
