// Bundle identity with libsodium's BLAKE2b (crypto_generichash).
#include "sync/identity.hpp"

#include "content/posix_file.hpp"
#include "sync/signing.hpp"

#include <algorithm>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

namespace kiosk::sync {

namespace {

std::string hex(const unsigned char* bytes, std::size_t size)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

bool hash_file(const std::string& path, std::string& out)
{
    posix::UniqueFd fd(open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd)
        return false;
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
    unsigned char buffer[64 * 1024];
    ssize_t n;
    while ((n = read(fd.get(), buffer, sizeof buffer)) > 0)
        crypto_generichash_update(&state, buffer, std::size_t(n));
    if (n < 0)
        return false;
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash_final(&state, digest, sizeof digest);
    out = hex(digest, sizeof digest);
    return true;
}

bool walk(
    const std::string& root, const std::string& relative, int depth, std::vector<FileHash>& files, std::string& error)
{
    std::string path = relative.empty() ? root : root + "/" + relative;
    auto names = posix::list_dir(path);
    if (!names) {
        error = "the folder " + path + " cannot be read";
        return false;
    }
    for (const std::string& name : *names) {
        if (name[0] == '.')
            continue;
        std::string rel = relative.empty() ? name : relative + "/" + name;
        if (rel == "kiosk-report.txt" || rel == "MANIFEST.sig")
            continue;
        struct stat st { };
        if (lstat((root + "/" + rel).c_str(), &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && depth < 2) {
            if (!walk(root, rel, depth + 1, files, error))
                return false;
        } else if (S_ISREG(st.st_mode)) {
            std::string hash;
            if (!hash_file(root + "/" + rel, hash)) {
                error = rel + " cannot be read";
                return false;
            }
            files.push_back(FileHash {rel, std::uint64_t(st.st_size), hash});
        }
    }
    return true;
}

// True when DIR/MANIFEST parses and lists exactly `files` (MANIFEST itself aside) with their sizes and hashes.
bool matches_manifest(const std::string& dir, const std::vector<FileHash>& files)
{
    std::string ignored;
    auto manifest = parse_manifest(posix::read_file(dir + "/MANIFEST", max_manifest_bytes).value_or(""), ignored);
    if (!manifest)
        return false;
    std::vector<std::tuple<std::string, std::uint64_t, std::string>> listed, present;
    for (const ManifestFile& f : manifest->files)
        listed.emplace_back(f.path, f.size, f.hash);
    for (const FileHash& f : files) {
        if (f.path != "MANIFEST")
            present.emplace_back(f.path, f.size, f.hash);
    }
    std::sort(listed.begin(), listed.end());
    return listed == present;
}

} // namespace

std::optional<std::vector<FileHash>> hash_bundle_files(const std::string& dir, std::string& error)
{
    if (sodium_init() < 0) {
        error = "the cryptography library cannot start";
        return std::nullopt;
    }
    std::vector<FileHash> files;
    if (!walk(dir, "", 0, files, error))
        return std::nullopt;
    std::sort(files.begin(), files.end(), [](const FileHash& a, const FileHash& b) { return a.path < b.path; });
    return files;
}

std::string hash_bytes(const std::string& bytes)
{
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash(
        digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
    return hex(digest, sizeof digest);
}

std::optional<BundleIdentity> bundle_identity(const std::string& dir, std::string& error)
{
    auto files = hash_bundle_files(dir, error);
    if (!files)
        return std::nullopt;
    BundleIdentity identity;
    for (const FileHash& file : *files)
        identity.files.emplace_back(file.path, file.hash + ":" + std::to_string(file.size));
    // A packed bundle is known by its MANIFEST's hash, but only while its files are the ones the MANIFEST lists: a
    // page edited after packing must not pass for the content already showing.
    for (const FileHash& file : *files) {
        if (file.path == "MANIFEST" && matches_manifest(dir, *files)) {
            identity.hash = file.hash;
            return identity;
        }
    }
    std::string listing;
    for (const auto& [path, hash] : identity.files)
        listing += path + '\0' + hash + '\n';
    identity.hash = hash_bytes(listing);
    return identity;
}

} // namespace kiosk::sync
