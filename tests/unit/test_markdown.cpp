// Tests of the markdown reader.
#include <doctest/doctest.h>
