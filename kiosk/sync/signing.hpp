// Signed bundles (libsodium, Ed25519): keys, the MANIFEST that lists every file with its size and hash, and its
// detached signature. A stranger's stick can copy a bundle but cannot sign a changed one.
#pragma once

#include "content/clock.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::sync {

// A key pair's files: NAME.key (the secret, mode 0600) and NAME.pub, each one labelled line of hex.
struct KeyFiles {
    std::string secret_path;
    std::string public_path;
};

// Makes a new key pair and writes NAME.key and NAME.pub. Refuses to overwrite an existing key.
std::optional<KeyFiles> generate_keys(const std::string& name, std::string& error);

// A public key read from a .pub file (32 bytes), with where it came from.
struct PublicKey {
    std::string path;
    std::string bytes;
};
std::optional<PublicKey> read_public_key(const std::string& path, std::string& error);

struct ManifestFile {
    std::string path; // Inside the bundle, "/"-separated.
    std::uint64_t size = 0;
    std::string hash; // Hex BLAKE2b-256.
};

struct Manifest {
    std::string version; // YYYYMMDDHHMMSS, UTC at packing; only grows.
    std::string created; // ISO 8601 UTC.
    std::string expires; // YYYYMMDDHHMMSS, UTC: after it the content is stale (the feed stopped), or "" for never.
    std::vector<ManifestFile> files;
};

// A MANIFEST larger than this is refused unread: 2,000 files at most in a bundle make a few hundred KiB.
inline constexpr std::size_t max_manifest_bytes = 1024 * 1024;

// Parses MANIFEST text. Nothing, with the line that is wrong in `error`, for anything malformed.
std::optional<Manifest> parse_manifest(const std::string& text, std::string& error);
std::string manifest_text(const Manifest& manifest);

// Writes DIR/MANIFEST (every file of the bundle but the MANIFEST, its signature and the kiosk's report) and
// DIR/MANIFEST.sig, signed with the secret key at `key_path`. The version is `packed_at` in UTC, or one more than the
// version already in DIR/MANIFEST when that is not older (the clock went back, two packs in one second).
// With `expires_in_days` above 0 the MANIFEST says the content expires that many days after packing: a kiosk still
// showing it then warns staff (the feed has stopped being updated).
std::optional<Manifest> pack_bundle(const std::string& dir, const std::string& key_path, std::string& error,
    int expires_in_days = 0, WallTime packed_at = std::chrono::system_clock::now());

struct Verified {
    Manifest manifest;
    std::string key_path; // The trusted key that signed it.
};

// Checks that DIR/MANIFEST.sig is a signature of DIR/MANIFEST by one of `keys`, and that DIR holds exactly the files
// the MANIFEST lists, with their sizes and hashes. `why` says what is wrong in plain words.
std::optional<Verified> verify_bundle(const std::string& dir, const std::vector<PublicKey>& keys, std::string& why);

// A public key's fingerprint: its first 8 bytes in hex, as `kiosk keygen` prints it and MANIFEST.sig names its signer.
std::string key_fingerprint(const std::string& public_key_bytes);
// Who a MANIFEST.sig says signed it: `the key "NAME" (FINGERPRINT)`, or "" (packed before signers were named). Not
// proof of anything: for telling staff whose signature a kiosk does not trust.
std::string signer_named(const std::string& signature_text);

// True when `signature_text` (a MANIFEST.sig's content) is a signature of `manifest` by one of `keys`.
bool signature_valid(
    const std::string& manifest, const std::string& signature_text, const std::vector<PublicKey>& keys);

// True when DIR has a MANIFEST (a packed bundle, signed or not by a trusted key).
bool has_manifest(const std::string& dir);

} // namespace kiosk::sync
