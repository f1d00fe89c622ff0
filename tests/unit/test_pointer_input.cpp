// Pointer input: one finger counts once, taps shorter than a frame still click, nothing stays hovered.
#include "platform/pointer_input.hpp"

#include <SDL.h>
#include <cfloat>
#include <doctest/doctest.h>
#include <imgui.h>

using kiosk::platform::PointerInput;

namespace {

struct ImGuiScope {
    ImGuiScope() { ImGui::CreateContext(); }
    ~ImGuiScope() { ImGui::DestroyContext(); }
};

SDL_Event finger(Uint32 type, float x, float y, SDL_FingerID id = 1)
{
    SDL_Event e {};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = id;
    e.tfinger.x = x;
    e.tfinger.y = y;
    return e;
}

SDL_Event mouse_button(Uint32 type, int x, int y, Uint32 which = 0)
{
    SDL_Event e {};
    e.type = type;
    e.button.which = which;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    return e;
}

} // namespace

TEST_CASE("a tap shorter than a frame is held for one frame and released on the next")
{
    ImGuiScope scope;
    ImGuiIO& io = ImGui::GetIO();
    PointerInput input;
    input.handle(finger(SDL_FINGERDOWN, 0.5f, 0.25f), 800, 480);
    input.handle(finger(SDL_FINGERUP, 0.5f, 0.25f), 800, 480);
    input.apply(io);
    CHECK(io.MouseDown[0]);
    CHECK(io.MousePos.x == 400.0f);
    CHECK(io.MousePos.y == 120.0f);
    input.apply(io);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK(io.MousePos.x == 400.0f); // Still there on the release frame, so the item under it is clicked...
    input.apply(io);
    CHECK(io.MousePos.x == -FLT_MAX); // ...then gone, so it is not left lit for the next visitor.
    CHECK_FALSE(input.pending());
}

TEST_CASE("mouse events synthesized from touch are not counted again")
{
    ImGuiScope scope;
    PointerInput input;
    input.handle(mouse_button(SDL_MOUSEBUTTONDOWN, 10, 10, SDL_TOUCH_MOUSEID), 800, 480);
    input.handle(mouse_button(SDL_MOUSEBUTTONUP, 10, 10, SDL_TOUCH_MOUSEID), 800, 480);
    CHECK_FALSE(input.pending());
}

TEST_CASE("a mouse takes the same path as a finger")
{
    ImGuiScope scope;
    ImGuiIO& io = ImGui::GetIO();
    PointerInput input;
    SDL_Event motion {};
    motion.type = SDL_MOUSEMOTION;
    motion.motion.x = 50;
    motion.motion.y = 60;
    input.handle(motion, 800, 480);
    CHECK_FALSE(input.pending()); // No hover without a press.
    input.handle(mouse_button(SDL_MOUSEBUTTONDOWN, 100, 200), 800, 480);
    input.apply(io);
    CHECK(io.MouseDown[0]);
    CHECK(input.down());
    CHECK(io.MousePos.y == 200.0f);
}

TEST_CASE("a second finger is ignored until the first lifts")
{
    ImGuiScope scope;
    ImGuiIO& io = ImGui::GetIO();
    PointerInput input;
    input.handle(finger(SDL_FINGERDOWN, 0.1f, 0.1f, 1), 1000, 1000);
    input.apply(io);
    input.handle(finger(SDL_FINGERDOWN, 0.9f, 0.9f, 2), 1000, 1000);
    input.handle(finger(SDL_FINGERMOTION, 0.8f, 0.8f, 2), 1000, 1000);
    input.handle(finger(SDL_FINGERUP, 0.8f, 0.8f, 2), 1000, 1000);
    CHECK_FALSE(input.pending());
    CHECK(io.MouseDown[0]);
    input.handle(finger(SDL_FINGERMOTION, 0.2f, 0.3f, 1), 1000, 1000);
    input.apply(io);
    CHECK(io.MousePos.x == doctest::Approx(200.0f));
    CHECK(io.MousePos.y == doctest::Approx(300.0f));
}

TEST_CASE("reset forgets a press in progress")
{
    ImGuiScope scope;
    ImGuiIO& io = ImGui::GetIO();
    PointerInput input;
    input.handle(finger(SDL_FINGERDOWN, 0.5f, 0.5f), 800, 480);
    input.apply(io);
    REQUIRE(io.MouseDown[0]);
    input.reset();
    input.apply(io);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK(io.MousePos.x == -FLT_MAX);
}
