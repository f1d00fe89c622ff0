// Tests of the csv reader.
#include <doctest/doctest.h>
