// The immutable content the screens draw from; a finished import replaces it whole, between frames.
#pragma once

#include "content/bundle.hpp"

#include <memory>

namespace kiosk {

struct ContentSnapshot {
    BundleInfo info;
};

using SnapshotPtr = std::shared_ptr<const ContentSnapshot>;

} // namespace kiosk
