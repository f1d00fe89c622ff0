// A bundle's identity: a hash of what it holds, so the same content arriving twice changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::sync {

struct BundleIdentity {
    std::string hash;                                       // Hex BLAKE2b-256.
    std::vector<std::pair<std::string, std::string>> files; // (path in the bundle, hex hash), sorted by path.
};

struct FileHash {
    std::string path; // Inside the bundle, "/"-separated.
    std::uint64_t size = 0;
    std::string hash; // Hex BLAKE2b-256.
};

// Every regular file of the bundle in `dir` (at most two folders deep, links not followed, hidden files, the kiosk's
// report and MANIFEST.sig skipped), hashed, sorted by path. Nothing, with `error`, when one cannot be read.
std::optional<std::vector<FileHash>> hash_bundle_files(const std::string& dir, std::string& error);

// Hex BLAKE2b-256 of `bytes`.
std::string hash_bytes(const std::string& bytes);

// Hashes every regular file of the bundle in `dir` (at most two folders deep, links not followed, hidden files and the
// kiosk's own report skipped). A packed bundle's identity is its MANIFEST's hash (DESIGN.md); an unpacked one's is
// the hash of the sorted list of paths, sizes and file hashes. Returns nothing, with `error`, when a file cannot be
// read.
std::optional<BundleIdentity> bundle_identity(const std::string& dir, std::string& error);

} // namespace kiosk::sync
