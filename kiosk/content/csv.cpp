// CSV files as spreadsheets write them.
#include "content/csv.hpp"
