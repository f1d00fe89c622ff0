// Tests of the Markdown reader's helpers: the error given for a picture path the kiosk cannot show.
#include "content/markdown_text.hpp"

#include <doctest/doctest.h>

using namespace kiosk::markdown_detail;

TEST_CASE("a picture in images/ has no problem")
{
    CHECK(image_problem_message("images/map.png") == "");
    CHECK(image_problem_message("images/Photo.JPEG") == "");
}

TEST_CASE("a picture outside images/ is refused with the path quoted")
{
    CHECK(image_problem_message("map.png") == "image \"map.png\" must be a file in images/, such as images/map.png");
    CHECK(image_problem_message("images/../secret.png").find("must be a file in images/") != std::string::npos);
}

TEST_CASE("a picture that is not PNG or JPEG says which pictures can be shown")
{
    CHECK(image_problem_message("images/map.gif")
        == "image \"images/map.gif\" must be a file in images/, such as images/map.png: only PNG and JPEG pictures "
           "can be shown");
}

TEST_CASE("a picture on the web says the kiosk does not download")
{
    std::string message = image_problem_message("https://example.org/map.png");
    CHECK(message.find("image \"https://example.org/map.png\"") == 0);
    CHECK(message.find(": the kiosk does not download pictures") != std::string::npos);
}
