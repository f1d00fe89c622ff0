// Process helpers for end-to-end tests: fork and exec the kiosk with its output captured in files.
#include "support/process.hpp"

#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace kiosk::test {

namespace {

std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

} // namespace

RunResult run_kiosk(const std::vector<std::string>& args)
{
    return run_kiosk(args, "");
}

RunResult run_kiosk(const std::vector<std::string>& args, const std::string& input)
{
    TempDir dir;
    std::string out_path = dir.file("out"), err_path = dir.file("err");
    std::string in_path = dir.write("in", input);
    pid_t pid = fork();
    if (pid == 0) {
        int in = open(in_path.c_str(), O_RDONLY);
        int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        // Read aloud's voice plays to SDL's dummy device (a test box has no sound card), unless a test chose one.
        setenv("SDL_AUDIODRIVER", "dummy", 0);
        std::vector<char*> argv;
        std::string binary = KIOSK_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copies = args;
        for (std::string& a : copies)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    RunResult result;
    result.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    result.out = slurp(out_path);
    result.err = slurp(err_path);
    return result;
}

} // namespace kiosk::test
