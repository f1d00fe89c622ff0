// Expanding events' rules into occurrences for a window of time, with libical's recurrence iterator.
#include "content/event.hpp"
