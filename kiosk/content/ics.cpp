// iCalendar files with libical into events.
#include "content/event.hpp"
