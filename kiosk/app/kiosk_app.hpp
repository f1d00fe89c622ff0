// The kiosk program: wires settings, content, the UI and the platform together for each command.
#pragma once

namespace kiosk {

// The whole program; main() only calls this. Returns the process's exit status.
int kiosk_main(int argc, char** argv);

} // namespace kiosk
