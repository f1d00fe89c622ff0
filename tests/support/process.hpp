// Running the real kiosk binary from tests, with its exit status and output.
#pragma once

#include "support/temp_dir.hpp"

#include <string>
#include <vector>

namespace kiosk::test {

struct RunResult {
    int status = -1; // The exit status, or -1 when it did not exit normally (a crash).
    std::string out;
    std::string err;
};

// Runs the kiosk with `args` (no shell), waiting for it to end.
RunResult run_kiosk(const std::vector<std::string>& args);
// The same, with `input` as its standard input.
RunResult run_kiosk(const std::vector<std::string>& args, const std::string& input);

} // namespace kiosk::test
