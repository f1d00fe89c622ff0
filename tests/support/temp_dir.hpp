// Temporary folders for tests, removed when done.
#pragma once

#include <string>

namespace kiosk::test {

// A fresh empty folder under the system's temporary folder, removed when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }
    // Writes `text` to `name` in the folder and returns its path.
    std::string write(const std::string& name, const std::string& text) const;

private:
    std::string m_path;
};

} // namespace kiosk::test
