// Tests of the occurrences reader.
#include <doctest/doctest.h>
