// Diagnostics as text, for assertions that look for a whole message.
#pragma once

#include "content/diagnostic.hpp"

#include <string>

namespace kiosk::test {

// Every diagnostic as "file:line: severity: message", one a line.
inline std::string messages(const Diagnostics& diagnostics)
{
    std::string all;
    for (const Diagnostic& d : diagnostics.all())
        all += d.to_string() + "\n";
    return all;
}

} // namespace kiosk::test
