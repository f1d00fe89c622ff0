// Small file, text and environment helpers the end-to-end tests share (sticks, the feed, imports).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kiosk::test {

bool contains(const std::string& text, const std::string& part);
std::string read_text(const std::string& path);
// Writes `text` to `path`, making its folders first.
void write_text(const std::string& path, const std::string& text);
void append_text(const std::string& path, const std::string& text);
std::vector<std::string> lines_of(const std::string& text);
// A shell command's standard output, trimmed.
std::string shell(const std::string& command);
// The version line of DIR/MANIFEST.
std::string manifest_version(const std::string& dir);

// Sets an environment variable for one scope, then puts back what was there.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value);
    ~ScopedEnv();
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

} // namespace kiosk::test
