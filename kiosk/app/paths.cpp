// Paths of assets, demo content, state and settings.
#include "app/paths.hpp"

#include <climits>
#include <cstdlib>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

bool is_file(const std::string& path)
{
    struct stat st { };
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool is_dir(const std::string& path)
{
    struct stat st { };
    return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool make_dirs(const std::string& path)
{
    for (std::size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1))
        mkdir(path.substr(0, at).c_str(), 0755);
    mkdir(path.c_str(), 0755);
    return is_dir(path);
}

std::string find_data_root()
{
    char exe[PATH_MAX] = {};
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    std::string exe_dir = n > 0 ? std::string(exe, std::size_t(n)) : std::string();
    exe_dir = exe_dir.substr(0, exe_dir.rfind('/'));
    for (const std::string& root :
        {exe_dir + "/../share/kiosk", std::string(KIOSK_SOURCE_DIR), std::string(KIOSK_INSTALL_DATA_DIR)}) {
        if (is_file(root + "/assets/theme.toml"))
            return root;
    }
    return {};
}

std::string state_dir(const std::string& option)
{
    if (!option.empty())
        return option;
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg == '/')
        return std::string(xdg) + "/kiosk";
    if (const char* home = std::getenv("HOME"); home && *home == '/')
        return std::string(home) + "/.local/state/kiosk";
    return "/var/lib/kiosk";
}

std::string become_state_owner(const std::string& dir, std::string& error)
{
    struct stat st { };
    if (geteuid() != 0 || stat(dir.c_str(), &st) != 0 || st.st_uid == 0)
        return {};
    const passwd* owner = getpwuid(st.st_uid);
    std::string name = owner ? owner->pw_name : std::to_string(st.st_uid);
    gid_t group = owner ? owner->pw_gid : st.st_gid;
    // Groups first, then the group, then the user: once the user is changed, nothing else can be.
    if ((owner ? initgroups(owner->pw_name, group) : setgroups(0, nullptr)) != 0 || setgid(group) != 0
        || setuid(st.st_uid) != 0 || setuid(0) == 0) {
        error = "the state folder " + dir + " belongs to the user " + name
            + ", and this command could not run as that user: run it with sudo -u " + name + " in front";
        return {};
    }
    return name;
}

std::string settings_file(const std::string& option)
{
    if (!option.empty())
        return option;
    return is_file(installed_settings_file) ? installed_settings_file : std::string();
}

} // namespace kiosk
