// Script parsing: every command, and a bad line named by its file and line; controls found by their labels.
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
    CHECK(error == "t.script:3: expected 'tap X Y' or 'tap \"LABEL\"'");
    CHECK_FALSE(parse_script("jump 1 2\n", "t.script", error));
    CHECK(error.rfind("t.script:1: unknown command 'jump'", 0) == 0);
    CHECK_FALSE(parse_script("\n\nwait soon\n", "t.script", error));
    CHECK(error == "t.script:3: the time must be a whole number of milliseconds, not 'soon'");
    CHECK_FALSE(parse_script("tap -5 10\n", "t.script", error));
    CHECK(error.rfind("t.script:1: X must be a number of pixels", 0) == 0);
    CHECK_FALSE(parse_script("shot picture.jpg\n", "t.script", error));
    CHECK(error.rfind("t.script:1: a shot is written as a PNG", 0) == 0);
}

TEST_CASE("tap, press and expect take a label in quotes, and an unquoted expect is still a path")
{
    std::string error;
    auto script = parse_script("tap \"Find a union\"\n"
                               "press  \"staff corner\"\t3000 # the long press\n"
                               "expect \"Events\"\n"
                               "expect events\n"
                               "tap \"Say \\\"hi\\\" \\\\ # not a comment\"\n",
        "labels.script", error);
    REQUIRE_MESSAGE(script, error);
    REQUIRE(script->commands.size() == 5);
    CHECK(script->commands[0].kind == K::Tap);
    CHECK(script->commands[0].label == "Find a union");
    CHECK(script->commands[1].kind == K::Press);
    CHECK(script->commands[1].label == "staff corner");
    CHECK(script->commands[1].ms.count() == 3000);
    CHECK(script->commands[2].kind == K::Expect);
    CHECK(script->commands[2].label == "Events");
    CHECK(script->commands[2].argument.empty());
    CHECK(script->commands[3].kind == K::Expect);
    CHECK(script->commands[3].label.empty());
    CHECK(script->commands[3].argument == "events");
    CHECK(script->commands[4].label == "Say \"hi\" \\ # not a comment");
}

TEST_CASE("a bad label is named by file and line")
{
    std::string error;
    CHECK_FALSE(parse_script("wait 10\ntap \"Find a union\n", "t.script", error));
    CHECK(error == "t.script:2: the quote opened at column 5 is not closed");
    CHECK_FALSE(parse_script("tap \"\"\n", "t.script", error));
    CHECK(error == "t.script:1: the label in quotes is empty");
    CHECK_FALSE(parse_script("press \"staff corner\"\n", "t.script", error));
    CHECK(error == "t.script:1: expected 'press X Y MS' or 'press \"LABEL\" MS'");
    CHECK_FALSE(parse_script("tap \"Back\" 10\n", "t.script", error));
    CHECK(error == "t.script:1: expected 'tap X Y' or 'tap \"LABEL\"'");
    CHECK_FALSE(parse_script("tap \"Back\"x\n", "t.script", error));
    CHECK(error.rfind("t.script:1: a space must follow the closing quote", 0) == 0);
    CHECK_FALSE(parse_script("tap 10 \"20\"\n", "t.script", error));
    CHECK(error.rfind("t.script:1: Y must be a number of pixels", 0) == 0);
    CHECK_FALSE(parse_script("drag \"Back\" 1 2 3 4\n", "t.script", error));
    CHECK(error.rfind("t.script:1: X1 must be a number of pixels", 0) == 0);
}

TEST_CASE("a label finds the first control drawn with it, exactly, else ignoring case and the kind of apostrophe")
{
    std::vector<ScriptControl> controls {
        {"staff corner", 0, 0, 60, 60},
        {"Back", 10, 10, 80, 60},
        {"Events", 100, 100, 300, 160},
        {"events", 100, 200, 300, 260},
        {"Events", 100, 300, 300, 360},
        {"Hidden", 5, 5, 5, 40}, // Nothing of it is visible.
        {"Apply the stick\u2019s content", 100, 400, 300, 460},
    };
    std::string error;
    CHECK(find_control(controls, "Events", error) == &controls[2]);
    CHECK(find_control(controls, "events", error) == &controls[3]);
    CHECK(find_control(controls, "EVENTS", error) == &controls[2]);
    CHECK(find_control(controls, "back", error) == &controls[1]);
    CHECK(find_control(controls, "staff corner", error) == &controls[0]);
    CHECK(find_control(controls, "Apply the stick's content", error) == &controls[6]);
    CHECK(find_control(controls, "apply the stick\u2018s content", error) == &controls[6]);
    CHECK(error.empty());
    CHECK(find_control(controls, "Apply the sticks content", error) == nullptr);
}

TEST_CASE("a label that is not on the screen is an error listing the labels there are")
{
    std::vector<ScriptControl> controls {
        {"Back", 10, 10, 80, 60}, {"Home", 90, 10, 160, 60}, {"Back", 10, 400, 80, 460}, {"Hidden", 0, 0, 0, 0}};
    std::string error;
    CHECK(find_control(controls, "Find a union", error) == nullptr);
    CHECK(error == "no control labelled \"Find a union\" is on the screen; the labels there are: \"Back\", \"Home\"");
    CHECK(find_control(controls, "Hidden", error) == nullptr);
    CHECK(find_control({}, "Back", error) == nullptr);
    CHECK(error == "no control labelled \"Back\" is on the screen; the labels there are: none");
}

TEST_CASE("controls and texts take no arguments")
{
    std::string error;
    auto script = parse_script("controls\ntexts\n", "list.script", error);
    REQUIRE_MESSAGE(script, error);
    REQUIRE(script->commands.size() == 2);
    CHECK(script->commands[0].kind == K::Controls);
    CHECK(script->commands[1].kind == K::Texts);
    CHECK_FALSE(parse_script("texts all\n", "list.script", error));
    CHECK(error == "list.script:1: expected 'texts'");
}
