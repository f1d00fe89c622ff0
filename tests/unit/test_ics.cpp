// Tests of the ics reader.
#include <doctest/doctest.h>
