// Content sources (USB sticks, the HTTP feed, signatures, staging).
#include "sync/sync.hpp"
