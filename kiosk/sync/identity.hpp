// A bundle's identity: a hash of what it holds, so the same content arriving twice changes nothing.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::sync {

struct BundleIdentity {
    std::string hash;                                       // Hex BLAKE2b-256.
    std::vector<std::pair<std::string, std::string>> files; // (path in the bundle, hex hash), sorted by path.
};

// Hashes every regular file of the bundle in `dir` (at most two folders deep, links not followed, hidden files and the
// kiosk's own report skipped). A packed bundle's identity is its MANIFEST's hash (DESIGN.md); an unpacked one's is
// the hash of the sorted list of paths, sizes and file hashes. Returns nothing, with `error`, when a file cannot be
// read.
std::optional<BundleIdentity> bundle_identity(const std::string& dir, std::string& error);

} // namespace kiosk::sync
