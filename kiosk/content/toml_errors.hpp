// toml11's syntax errors in words a staff member can act on: "a text in quotes is not closed (add the closing \")"
// rather than "missing table separator".
#pragma once

#include "content/reason.hpp"

#include <string>
#include <string_view>

namespace kiosk {

// The message for toml11's error `what` (its whole text, with the excerpt it quotes) on the line `line` of the file
// (that line's text, without its line end). Messages it does not know keep toml11's own first sentence, said as it is.
Reason plain_toml_error(std::string_view what, std::string_view line);

} // namespace kiosk
