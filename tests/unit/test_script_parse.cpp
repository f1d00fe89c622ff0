// Script parsing: every command, and a bad line named by its file and line.
#include "platform/script.hpp"

#include <doctest/doctest.h>

using namespace kiosk::platform;
using K = ScriptCommand::Kind;

TEST_CASE("every command parses")
{
    std::string error;
    auto script = parse_script("# a comment\n"
                               "tap 10 20\r\n"
                               "drag 1 2 3 4 500   # trailing comment\n"
                               "\n"
                               "press 5 6 3000\n"
                               "down 1 1\nmove 2 2 100\nup\n"
                               "wait 60000\nshot out.png\nexpect home\nquit\n",
        "demo.script", error);
    REQUIRE_MESSAGE(script, error);
    REQUIRE(script->commands.size() == 10);
    CHECK(script->commands[0].kind == K::Tap);
    CHECK(script->commands[0].line == 2);
    CHECK(script->commands[0].x == 10.0f);
    CHECK(script->commands[1].kind == K::Drag);
    CHECK(script->commands[1].y2 == 4.0f);
    CHECK(script->commands[1].ms.count() == 500);
    CHECK(script->commands[2].kind == K::Press);
    CHECK(script->commands[6].kind == K::Wait);
    CHECK(script->commands[6].ms.count() == 60000);
    CHECK(script->commands[7].argument == "out.png");
    CHECK(script->commands[8].argument == "home");
    CHECK(script->commands[9].kind == K::Quit);
}

TEST_CASE("a bad line is named by file and line")
{
    std::string error;
    CHECK_FALSE(parse_script("tap 1 2\nwait 10\ntap 10\n", "t.script", error));
    CHECK(error == "t.script:3: expected 'tap X Y'");
    CHECK_FALSE(parse_script("jump 1 2\n", "t.script", error));
    CHECK(error.rfind("t.script:1: unknown command 'jump'", 0) == 0);
    CHECK_FALSE(parse_script("\n\nwait soon\n", "t.script", error));
    CHECK(error == "t.script:3: the time must be a whole number of milliseconds, not 'soon'");
    CHECK_FALSE(parse_script("tap -5 10\n", "t.script", error));
    CHECK(error.rfind("t.script:1: X must be a number of pixels", 0) == 0);
    CHECK_FALSE(parse_script("shot picture.jpg\n", "t.script", error));
    CHECK(error.rfind("t.script:1: a shot is written as a PNG", 0) == 0);
}
