// Keys, MANIFEST and signatures with libsodium (crypto_sign_ed25519, detached).
#include "sync/signing.hpp"

#include "content/posix_file.hpp"
#include "sync/identity.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sodium.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::sync {

namespace {

const char* const secret_label = "drop-in-kiosk secret key 1";
const char* const public_label = "drop-in-kiosk public key 1";
const char* const signature_label = "drop-in-kiosk signature 1";

std::string to_hex(const std::string& bytes)
{
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    out.pop_back();
    return out;
}

std::optional<std::string> from_hex(const std::string& text, std::size_t size)
{
    std::string out(size, '\0');
    std::size_t length = 0;
    if (sodium_hex2bin(
            reinterpret_cast<unsigned char*>(out.data()), size, text.data(), text.size(), nullptr, &length, nullptr)
            != 0
        || length != size || text.size() != size * 2)
        return std::nullopt;
    return out;
}

// Overwrites a secret in memory (sodium_memzero, which the compiler keeps). Taking the string itself, not an optional's
// ->, also keeps clang-analyzer from reading `sk->data(), sk->size()` as a pointer used after a reallocation.
void wipe(std::string& secret)
{
    sodium_memzero(secret.data(), secret.size());
}

// A small file's whole content, at most `limit` bytes; nothing when missing, unreadable, a link or larger.
std::optional<std::string> read_small(const std::string& path, std::size_t limit)
{
    return posix::read_file(path, limit, posix::Links::Refuse);
}

// "LABEL\nHEX\n" (lines starting with '#' are comments): the hex of the labelled key or signature.
std::optional<std::string> labelled_hex(const std::string& text, const char* label, std::size_t size)
{
    std::istringstream in(text);
    std::string line;
    bool labelled = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty() || line[0] == '#')
            continue;
        if (!labelled) {
            if (line != label)
                return std::nullopt;
            labelled = true;
            continue;
        }
        return from_hex(line, size);
    }
    return std::nullopt;
}

bool write_file(
    const std::string& path, const std::string& text, mode_t mode, posix::Existing existing, std::string& error)
{
    posix::WriteResult written = posix::write_file_durably(path, text, mode, existing);
    if (!written.created)
        error = path
            + (written.error == EEXIST ? " already exists: choose another name, or move the old key away first"
                                       : " cannot be written: " + std::string(std::strerror(written.error)));
    else if (!written)
        error = path + " cannot be written (is the disk full?)";
    return bool(written);
}

std::string utc_text(std::time_t t, const char* format)
{
    std::tm tm {};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &tm);
    return buffer;
}

// A path inside a bundle: relative, "/"-separated, no empty, "." or ".." part, no control characters.
bool is_bundle_path(const std::string& path)
{
    if (path.empty() || path[0] == '/' || path.back() == '/')
        return false;
    if (std::any_of(path.begin(), path.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        std::string part = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part.empty() || part == "." || part == "..")
            return false;
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return true;
}

bool is_version(const std::string& v)
{
    return v.size() == 14 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

std::optional<KeyFiles> generate_keys(const std::string& name, std::string& error)
{
    if (sodium_init() < 0) {
        error = "the cryptography library cannot start";
        return std::nullopt;
    }
    std::string pk(crypto_sign_PUBLICKEYBYTES, '\0'), sk(crypto_sign_SECRETKEYBYTES, '\0');
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()), reinterpret_cast<unsigned char*>(sk.data()));
    KeyFiles files {name + ".key", name + ".pub"};
    std::string secret = std::string("# Keep this file secret: whoever has it can sign content for your kiosks.\n")
        + secret_label + "\n" + to_hex(sk) + "\n";
    std::string pub = std::string("# Put this file on the kiosks (trusted_keys in kiosk.toml).\n") + public_label + "\n"
        + to_hex(pk) + "\n";
    sodium_memzero(sk.data(), sk.size());
    if (!write_file(files.secret_path, secret, 0600, posix::Existing::Refuse, error))
        return std::nullopt;
    sodium_memzero(secret.data(), secret.size());
    if (!write_file(files.public_path, pub, 0644, posix::Existing::Refuse, error)) {
        unlink(files.secret_path.c_str());
        return std::nullopt;
    }
    return files;
}

namespace {

// Why the file at `path` cannot be read as a small file, in plain words ("cannot be read (Permission denied)").
std::string unreadable_reason(const std::string& path)
{
    struct stat st { };
    if (lstat(path.c_str(), &st) != 0)
        return "cannot be read (" + std::string(std::strerror(errno)) + ")";
    if (S_ISLNK(st.st_mode))
        return "cannot be read (it is a link: list the key file itself)";
    if (!S_ISREG(st.st_mode))
        return "cannot be read (it is not a plain file)";
    if (int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW); fd < 0)
        return "cannot be read (" + std::string(std::strerror(errno)) + ")";
    else
        close(fd);
    return "is not a kiosk public key (made by kiosk keygen): it is too large";
}

// The key at `path`, or nothing with `reason` ("cannot be read (...)", "is not a kiosk public key ...").
std::optional<PublicKey> public_key_at(const std::string& path, std::string& reason)
{
    auto text = read_small(path, 4096);
    if (!text) {
        reason = unreadable_reason(path);
        return std::nullopt;
    }
    auto bytes = labelled_hex(*text, public_label, crypto_sign_PUBLICKEYBYTES);
    if (!bytes) {
        reason = "is not a kiosk public key (made by kiosk keygen)";
        return std::nullopt;
    }
    return PublicKey {path, *bytes};
}

} // namespace

std::optional<PublicKey> read_public_key(const std::string& path, std::string& error)
{
    std::string reason;
    auto key = public_key_at(path, reason);
    if (!key)
        error = "the public key " + path + " " + reason;
    return key;
}

std::vector<PublicKey> read_trusted_keys(const std::vector<std::string>& paths, std::vector<KeyProblem>& problems)
{
    std::vector<PublicKey> keys;
    for (const std::string& path : paths) {
        std::string reason;
        if (auto key = public_key_at(path, reason))
            keys.push_back(*key);
        else
            problems.push_back(KeyProblem {path, reason});
    }
    return keys;
}

std::string key_problem_text(const KeyProblem& problem)
{
    return "trusted key " + problem.path + ": " + problem.reason;
}

std::string key_problems_text(const std::vector<KeyProblem>& problems)
{
    std::string text;
    for (const KeyProblem& problem : problems)
        text += (text.empty() ? "" : "; ") + key_problem_text(problem);
    return text;
}

std::optional<Manifest> parse_manifest(const std::string& text, std::string& error)
{
    Manifest manifest;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    bool format = false;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#')
            continue;
        auto fail = [&](const std::string& what) {
            error = "MANIFEST:" + std::to_string(number) + ": " + what;
            return std::nullopt;
        };
        if (line == "format 1") {
            format = true;
        } else if (line.rfind("version ", 0) == 0) {
            manifest.version = line.substr(8);
            if (!is_version(manifest.version))
                return fail("the version must be 14 digits (YYYYMMDDHHMMSS)");
        } else if (line.rfind("created ", 0) == 0) {
            manifest.created = line.substr(8);
        } else if (line.rfind("expires ", 0) == 0) {
            manifest.expires = line.substr(8);
            if (!is_version(manifest.expires))
                return fail("the expiry must be 14 digits (YYYYMMDDHHMMSS)");
        } else if (line.rfind("file\t", 0) == 0) {
            // file<TAB>size<TAB>hash<TAB>path: the path last, so it may hold spaces.
            std::size_t a = 5, b = line.find('\t', a), c = b == std::string::npos ? b : line.find('\t', b + 1);
            if (c == std::string::npos)
                return fail("a file line is 'file', its size, its hash and its path, separated by tabs");
            ManifestFile file;
            file.line = number;
            std::string size = line.substr(a, b - a);
            if (size.empty() || size.size() > 15 || !std::all_of(size.begin(), size.end(), ::isdigit))
                return fail("the size is not a number");
            file.size = std::stoull(size);
            file.hash = line.substr(b + 1, c - b - 1);
            file.path = line.substr(c + 1);
            if (file.hash.size() != 64 || !is_bundle_path(file.path))
                return fail("a file line has a bad hash or path");
            manifest.files.push_back(file);
        } else {
            return fail("this line is not part of a MANIFEST");
        }
    }
    if (!format || manifest.version.empty()) {
        error = "MANIFEST: this is not a kiosk MANIFEST (made by kiosk pack)";
        return std::nullopt;
    }
    return manifest;
}

std::string manifest_text(const Manifest& manifest)
{
    std::string text = "# Drop-in Kiosk bundle manifest, written by kiosk pack. Do not edit: the signature covers it.\n"
                       "format 1\nversion "
        + manifest.version + "\ncreated " + manifest.created + "\n"
        + (manifest.expires.empty() ? "" : "expires " + manifest.expires + "\n");
    for (const ManifestFile& file : manifest.files)
        text += "file\t" + std::to_string(file.size) + "\t" + file.hash + "\t" + file.path + "\n";
    return text;
}

bool has_manifest(const std::string& dir)
{
    struct stat st { };
    return lstat((dir + "/MANIFEST").c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::optional<Manifest> pack_bundle(
    const std::string& dir, const std::string& key_path, std::string& error, int expires_in_days, WallTime packed_at)
{
    if (sodium_init() < 0) {
        error = "the cryptography library cannot start";
        return std::nullopt;
    }
    auto key_text = read_small(key_path, 4096);
    auto sk = key_text ? labelled_hex(*key_text, secret_label, crypto_sign_SECRETKEYBYTES) : std::nullopt;
    if (key_text)
        wipe(*key_text);
    if (!sk) {
        error = key_path + " is not a kiosk secret key (made by kiosk keygen, ending in .key)";
        return std::nullopt;
    }
    auto files = hash_bundle_files(dir, error);
    if (!files) {
        wipe(*sk);
        return std::nullopt;
    }
    Manifest manifest;
    std::time_t now = std::chrono::system_clock::to_time_t(packed_at);
    manifest.version = utc_text(now, "%Y%m%d%H%M%S");
    manifest.created = utc_text(now, "%Y-%m-%dT%H:%M:%SZ");
    if (expires_in_days > 0)
        manifest.expires = utc_text(now + std::time_t(expires_in_days) * 86400, "%Y%m%d%H%M%S");
    // The version only grows: after a clock that went back, or a second pack within the second, one more.
    if (auto old_text = read_small(dir + "/MANIFEST", max_manifest_bytes)) {
        std::string ignored;
        if (auto old = parse_manifest(*old_text, ignored); old && old->version >= manifest.version)
            manifest.version = std::to_string(std::stoull(old->version) + 1);
    }
    for (const FileHash& file : *files) {
        if (file.path == "MANIFEST")
            continue;
        if (!is_bundle_path(file.path)) {
            error = "the file name \"" + file.path + "\" cannot be packed (it holds a line break or tab): rename it";
            wipe(*sk);
            return std::nullopt;
        }
        manifest.files.push_back(ManifestFile {file.path, file.size, file.hash, 0});
    }
    std::string text = manifest_text(manifest);
    std::string signature(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
        reinterpret_cast<const unsigned char*>(text.data()), text.size(),
        reinterpret_cast<const unsigned char*>(sk->data()));
    // After the signature, which key made it: its fingerprint and file name, so that a kiosk that does not trust it
    // can say whose it is (kiosks read only the line after the label, so older ones ignore this one).
    std::string name = key_path.substr(key_path.rfind('/') + 1);
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".key") == 0)
        name.resize(name.size() - 4);
    std::string fingerprint = key_fingerprint(sk->substr(crypto_sign_SECRETKEYBYTES - crypto_sign_PUBLICKEYBYTES));
    wipe(*sk);
    std::string sig_text
        = std::string(signature_label) + "\n" + to_hex(signature) + "\nkey " + fingerprint + " " + name + "\n";
    if (!write_file(dir + "/MANIFEST", text, 0644, posix::Existing::Replace, error)
        || !write_file(dir + "/MANIFEST.sig", sig_text, 0644, posix::Existing::Replace, error))
        return std::nullopt;
    return manifest;
}

std::string key_fingerprint(const std::string& public_key_bytes)
{
    return to_hex(public_key_bytes.substr(0, 8));
}

std::string signer_named(const std::string& signature_text)
{
    std::istringstream in(signature_text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("key ", 0) != 0)
            continue;
        std::string fingerprint = line.substr(4, 16), name = line.size() > 21 ? line.substr(21) : "";
        if (fingerprint.size() != 16 || !std::all_of(fingerprint.begin(), fingerprint.end(), ::isxdigit))
            return "";
        return "the key \"" + name.substr(0, 64) + "\" (" + fingerprint + ")";
    }
    return "";
}

bool signature_valid(const std::string& manifest, const std::string& signature_text, const std::vector<PublicKey>& keys)
{
    if (sodium_init() < 0)
        return false;
    auto signature = labelled_hex(signature_text, signature_label, crypto_sign_BYTES);
    if (!signature)
        return false;
    for (const PublicKey& key : keys) {
        if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                reinterpret_cast<const unsigned char*>(manifest.data()), manifest.size(),
                reinterpret_cast<const unsigned char*>(key.bytes.data()))
            == 0)
            return true;
    }
    return false;
}

std::optional<Manifest> read_manifest(const std::string& dir, std::string& why)
{
    auto text = read_small(dir + "/MANIFEST", max_manifest_bytes);
    if (!text) {
        why = "MANIFEST cannot be read (or is larger than " + std::to_string(max_manifest_bytes >> 20) + " MiB)";
        return std::nullopt;
    }
    return parse_manifest(*text, why);
}

std::optional<ManifestDifferences> manifest_differences(
    const std::string& dir, const Manifest& manifest, std::string& why)
{
    auto files = hash_bundle_files(dir, why);
    if (!files)
        return std::nullopt;
    std::vector<ManifestFile> listed = manifest.files;
    std::sort(listed.begin(), listed.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    ManifestDifferences differences;
    std::size_t i = 0;
    for (const FileHash& file : *files) {
        if (file.path == "MANIFEST")
            continue;
        for (; i < listed.size() && listed[i].path < file.path; ++i)
            differences.removed.push_back(listed[i]);
        if (i == listed.size() || listed[i].path != file.path) {
            differences.added.push_back(file.path);
            continue;
        }
        if (listed[i].size != file.size || listed[i].hash != file.hash)
            differences.changed.push_back(listed[i]);
        ++i;
    }
    for (; i < listed.size(); ++i)
        differences.removed.push_back(listed[i]);
    return differences;
}

std::optional<Verified> verify_bundle(const std::string& dir, const std::vector<PublicKey>& keys, Reason& why,
    const std::vector<KeyProblem>& key_problems)
{
    if (sodium_init() < 0) {
        why = Reason::plain("the cryptography library cannot start");
        return std::nullopt;
    }
    auto text = read_small(dir + "/MANIFEST", max_manifest_bytes);
    if (!text) {
        why = Reason::said("no_manifest");
        return std::nullopt;
    }
    auto sig_text = read_small(dir + "/MANIFEST.sig", 4096);
    auto signature = sig_text ? labelled_hex(*sig_text, signature_label, crypto_sign_BYTES) : std::nullopt;
    if (!signature) {
        why = Reason::said("signature_damaged");
        return std::nullopt;
    }
    const PublicKey* signer = nullptr;
    const std::string& signed_text = *text; // Bound first: clang-analyzer took optional's -> for a reallocation.
    for (const PublicKey& key : keys) {
        if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(),
                reinterpret_cast<const unsigned char*>(key.bytes.data()))
            == 0) {
            signer = &key;
            break;
        }
    }
    if (!signer) {
        why = Reason::said(!keys.empty() ? "untrusted_key" : key_problems.empty() ? "no_trusted_key" : "no_usable_key");
        if (std::string key = signer_named(*sig_text); !key.empty())
            why += Reason::said("signed_with", {{"key", key}});
        // A key the kiosk could not read may be the very one that signed it: staff must hear which, and why.
        if (!key_problems.empty())
            why += Reason::said("keys_unusable", {{"problems", key_problems_text(key_problems)}});
        return std::nullopt;
    }
    std::string error;
    auto manifest = parse_manifest(*text, error);
    // Exactly the listed files, each with its size and hash: nothing changed, added or taken away. The first
    // difference by path is named.
    auto differences = manifest ? manifest_differences(dir, *manifest, error) : std::nullopt;
    if (!differences) {
        why = Reason::plain(error);
        return std::nullopt;
    }
    std::vector<std::pair<std::string, Reason>> found; // (path, why)
    for (const ManifestFile& file : differences->removed)
        found.emplace_back(file.path, Reason::said("file_missing", {{"file", file.path}}));
    for (const std::string& path : differences->added)
        found.emplace_back(path, Reason::said("file_added", {{"file", path}}));
    for (const ManifestFile& file : differences->changed)
        found.emplace_back(file.path, Reason::said("file_changed", {{"file", file.path}}));
    if (!found.empty()) {
        why = std::min_element(found.begin(), found.end(), [](const auto& a, const auto& b) {
            return a.first < b.first;
        })->second;
        return std::nullopt;
    }
    return Verified {*manifest, signer->path};
}

} // namespace kiosk::sync
