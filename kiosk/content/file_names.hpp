// File names as staff write them: percent-encoded addresses, and the file they most likely meant when a name differs
// only in letter case, spaces, underscores or dashes.
#pragma once

#include "content/reason.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// `address` with each %XX turned into its byte ("Room%20photo.png" is "Room photo.png"), as Markdown's addresses are
// written. A % not followed by two hex digits stays; so does the whole address when decoding would make bytes that
// are not UTF-8.
std::string percent_decoded(std::string_view address);

// `address` with its spaces written %20, the way Markdown can take them ("images/Room%20photo.png").
std::string spaces_encoded(std::string_view address);

// Of `existing` (paths in the bundle), the one `wanted` most likely meant: the same once letters are lowercase and
// spaces, underscores and dashes are dropped ("images/Room.PNG" for "images/room.png", "pages/about us.md" for
// "pages/about-us.md"). Empty when none is, or when `wanted` itself is there.
std::string similar_file(std::string_view wanted, const std::vector<std::string>& existing);

// "; did you mean images/room.png?" for the file similar_file() finds, or an empty reason when it finds none: added to
// the message about a missing file.
Reason did_you_mean_reason(std::string_view wanted, const std::vector<std::string>& existing);
// The same in English, or "" when similar_file() finds none.
std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& existing);

} // namespace kiosk
