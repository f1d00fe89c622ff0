// kiosk check DIR [--json]: every problem in a bundle, with its file and line, and what the bundle holds.
#pragma once

#include "app/cli.hpp"
#include "app/settings.hpp"

namespace kiosk {

// Exit 0 when the bundle has no error at all, 1 when it has any, 2 when DIR is not a folder.
int run_check(const Options& options, const Settings& settings);

} // namespace kiosk
