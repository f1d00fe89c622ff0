// Signed bundles (libsodium, Ed25519): keys, the MANIFEST that lists every file with its size and hash, and its
// detached signature. A stranger's stick can copy a bundle but cannot sign a changed one.
#pragma once

#include "content/clock.hpp"
#include "content/reason.hpp"

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

// A trusted key the kiosk could not use: its path, and why in plain words ("cannot be read (No such file or
// directory)", "is not a kiosk public key (made by kiosk keygen)").
struct KeyProblem {
    std::string path;
    std::string reason;
};

// The keys at `paths` that can be read; each one that cannot is added to `problems` with its reason.
std::vector<PublicKey> read_trusted_keys(const std::vector<std::string>& paths, std::vector<KeyProblem>& problems);
// "trusted key PATH: REASON", as status, sync and the stick's report name a key the kiosk could not use.
std::string key_problem_text(const KeyProblem& problem);
// Every problem's text, "; " between them; "" for none.
std::string key_problems_text(const std::vector<KeyProblem>& problems);

struct ManifestFile {
    std::string path; // Inside the bundle, "/"-separated.
    std::uint64_t size = 0;
    std::string hash; // Hex BLAKE2b-256.
    int line = 0;     // Its line in the MANIFEST, when read from one (0 for one being written).
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
// the MANIFEST lists, with their sizes and hashes. `why` says what is wrong in plain words; when no key signed it,
// it names the trusted keys the kiosk could not use (`key_problems`), since one of them may be the signer's.
std::optional<Verified> verify_bundle(const std::string& dir, const std::vector<PublicKey>& keys, Reason& why,
    const std::vector<KeyProblem>& key_problems = {});

// How a folder differs from the MANIFEST it was packed with: every file changed, added or removed since.
struct ManifestDifferences {
    std::vector<ManifestFile> changed, removed; // As the MANIFEST lists them (with their lines).
    std::vector<std::string> added;             // Files the MANIFEST does not list.
    bool empty() const { return changed.empty() && removed.empty() && added.empty(); }
};
// Nothing, with `why`, when a file of DIR cannot be read.
std::optional<ManifestDifferences> manifest_differences(
    const std::string& dir, const Manifest& manifest, std::string& why);
// DIR/MANIFEST read and parsed; nothing, with `why` ("MANIFEST:3: ..." for a bad line), when it cannot be.
std::optional<Manifest> read_manifest(const std::string& dir, std::string& why);

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
