// Test runner for the end-to-end tests. Every kiosk a test starts without --state keeps its state in a folder of this
// run's own (XDG_STATE_HOME), never in the user's: a kiosk installed or run by hand on the same machine, or another
// build's newer database there, cannot change a test's result.
#define DOCTEST_CONFIG_IMPLEMENT
#include "support/temp_dir.hpp"

#include <cstdlib>
#include <doctest/doctest.h>

int main(int argc, char** argv)
{
    kiosk::test::TempDir state;
    setenv("XDG_STATE_HOME", state.path().c_str(), 1);
    doctest::Context context(argc, argv);
    return context.run();
}
