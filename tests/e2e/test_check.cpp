// kiosk check on the demo bundle and on every broken bundle under tests/bundles, each with the messages it must give.
#include "support/json.hpp"
#include "support/process.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>

using namespace kiosk::test;
namespace fs = std::filesystem;

TEST_CASE("the demo bundle checks clean")
{
    auto r = run_kiosk({"check", KIOSK_SOURCE_DIR "/data/demo", "--now", "2026-12-01T10:00"});
    CHECK_MESSAGE(r.status == 0, r.out);
    CHECK(r.out.find("no problems") != std::string::npos);
    CHECK(r.out.find("error") == std::string::npos);
}

TEST_CASE("every broken bundle gives its message and exit status")
{
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(KIOSK_SOURCE_DIR "/tests/bundles")) {
        if (!entry.is_directory())
            continue;
        std::ifstream expect(entry.path() / "expect.txt");
        REQUIRE(expect);
        int status = -1;
        std::vector<std::string> lines;
        for (std::string line; std::getline(expect, line);) {
            if (line.empty() || line[0] == '#')
                continue;
            if (line.rfind("exit ", 0) == 0)
                status = std::stoi(line.substr(5));
            else
                lines.push_back(line);
        }
        auto r = run_kiosk({"check", entry.path().string(), "--now", "2026-12-01T10:00"});
        CAPTURE(entry.path().filename().string());
        CAPTURE(r.out);
        CAPTURE(r.err);
        CHECK(r.status == status);
        for (const std::string& line : lines)
            CHECK_MESSAGE(r.out.find(line) != std::string::npos, "missing: " << line);
        ++checked;
    }
    CHECK(checked >= 20);
}

TEST_CASE("a link inside a bundle is refused and nothing is read through it")
{
    TempDir dir;
    fs::copy(KIOSK_SOURCE_DIR "/tests/bundles/csv-unknown-column", dir.path(), fs::copy_options::recursive);
    fs::remove(dir.file("list.csv"));
    fs::create_symlink("/etc/passwd", dir.file("list.csv"));
    auto r = run_kiosk({"check", dir.path()});
    CHECK(r.status == 1);
    CHECK(r.out.find("list.csv: error: this is a link to another place: links are not allowed in a bundle")
        != std::string::npos);
    CHECK(r.out.find("root:") == std::string::npos);
}

TEST_CASE("check --json gives the documented keys")
{
    auto r
        = run_kiosk({"check", KIOSK_SOURCE_DIR "/tests/bundles/csv-bad-date", "--json", "--now", "2026-12-01T10:00"});
    CHECK(r.status == 1);
    nlohmann::json json = json_of(r.out);
    REQUIRE(json.is_object());
    CHECK(json["ok"] == false);
    CHECK(json["importable"] == true);
    CHECK(json["counts"]
        == nlohmann::json({{"pages", 1}, {"cards", 0}, {"events", 1}, {"occurrences", 1}, {"images", 0}}));
    REQUIRE(json["diagnostics"].is_array());
    const nlohmann::json& first = json["diagnostics"][0];
    CHECK(first["file"] == "events.csv");
    CHECK(first["line"] == 3);
    CHECK(first["severity"] == "error");
    CHECK(first["fatal"] == false);
    CHECK(first["message"].is_string());
    auto bad = run_kiosk({"check", "/nonexistent/folder"});
    CHECK(bad.status == 2);
}
