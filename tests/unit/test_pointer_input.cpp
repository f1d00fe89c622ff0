// Pointer input: one finger counts once, taps shorter than a frame still click, nothing stays hovered.
#include "platform/frame_loop.hpp"
#include "platform/pointer_input.hpp"

#include <SDL.h>
#include <cfloat>
#include <doctest/doctest.h>
#include <imgui.h>
#include <vector>

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

namespace {

using kiosk::Millis;
using kiosk::platform::Gesture;

SDL_Event motion(float x, float y, SDL_FingerID id = 1)
{
    return finger(SDL_FINGERMOTION, x, y, id);
}

} // namespace

TEST_CASE("exploring: a tap is said once no second tap can follow, and the screens never see it")
{
    ImGuiScope scope;
    ImGuiIO& io = ImGui::GetIO();
    PointerInput input;
    input.set_exploring(true, 8.0f);
    input.handle(finger(SDL_FINGERDOWN, 0.5f, 0.25f), 800, 480, Millis(1000));
    input.handle(finger(SDL_FINGERUP, 0.5f, 0.25f), 800, 480, Millis(1060));
    input.apply(io);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK(input.pending()); // Frames go on until the tap is known.
    CHECK(input.take_gestures(Millis(1200)).empty());
    std::vector<Gesture> gestures = input.take_gestures(Millis(1420));
    REQUIRE(gestures.size() == 1);
    CHECK(gestures[0].kind == Gesture::Kind::Touch);
    CHECK(gestures[0].x == 400.0f);
    CHECK(gestures[0].y == 120.0f);
    CHECK_FALSE(input.pending());
}

TEST_CASE("exploring: two quick taps are a double tap, and only that")
{
    PointerInput input;
    input.set_exploring(true, 8.0f);
    input.handle(finger(SDL_FINGERDOWN, 0.2f, 0.2f), 800, 480, Millis(0));
    input.handle(finger(SDL_FINGERUP, 0.2f, 0.2f), 800, 480, Millis(60));
    input.handle(finger(SDL_FINGERDOWN, 0.7f, 0.7f), 800, 480, Millis(200)); // Anywhere.
    input.handle(finger(SDL_FINGERUP, 0.7f, 0.7f), 800, 480, Millis(260));
    std::vector<Gesture> gestures = input.take_gestures(Millis(1000));
    REQUIRE(gestures.size() == 1);
    CHECK(gestures[0].kind == Gesture::Kind::DoubleTap);
}

TEST_CASE("exploring: a held finger is said without lifting, and a slide passes point by point")
{
    PointerInput input;
    input.set_exploring(true, 8.0f);
    input.handle(finger(SDL_FINGERDOWN, 0.5f, 0.5f), 800, 480, Millis(0));
    std::vector<Gesture> held = input.take_gestures(Millis(400));
    REQUIRE(held.size() == 1);
    CHECK(held[0].kind == Gesture::Kind::Touch);
    input.handle(finger(SDL_FINGERUP, 0.5f, 0.5f), 800, 480, Millis(500));
    CHECK(input.take_gestures(Millis(2000)).empty()); // Lifting says nothing more.

    input.handle(finger(SDL_FINGERDOWN, 0.1f, 0.1f), 800, 480, Millis(3000));
    input.handle(motion(0.1f, 0.3f), 800, 480, Millis(3050));
    input.handle(motion(0.1f, 0.5f), 800, 480, Millis(3100));
    input.handle(finger(SDL_FINGERUP, 0.1f, 0.5f), 800, 480, Millis(3120));
    std::vector<Gesture> slide = input.take_gestures(Millis(4000));
    REQUIRE(slide.size() == 3); // Where it began, then each point it passed.
    for (const Gesture& g : slide)
        CHECK(g.kind == Gesture::Kind::Pass);
    CHECK(slide[0].y == 48.0f);
    CHECK(slide[2].y == 240.0f);
}

TEST_CASE("exploring: two fingers sliding scroll as a wheel under their middle, and never press anything")
{
    ImGuiScope scope;
    ImGuiIO& io = ImGui::GetIO();
    PointerInput input;
    input.set_exploring(true, 8.0f, 72.0f);
    // Resting, then lifted: nothing at all.
    input.handle(finger(SDL_FINGERDOWN, 0.4f, 0.5f, 1), 800, 480, Millis(0));
    input.handle(finger(SDL_FINGERDOWN, 0.6f, 0.5f, 2), 800, 480, Millis(10));
    input.handle(finger(SDL_FINGERUP, 0.6f, 0.5f, 2), 800, 480, Millis(100));
    input.handle(finger(SDL_FINGERUP, 0.4f, 0.5f, 1), 800, 480, Millis(110));
    input.apply(io);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK(io.MouseWheel == 0.0f);
    CHECK(input.take_gestures(Millis(5000)).empty());

    // Sliding up by 96 px: a wheel of -96/72 steps at their middle (the list moves on), and no press.
    input.handle(finger(SDL_FINGERDOWN, 0.4f, 0.5f, 1), 800, 480, Millis(6000));
    input.handle(finger(SDL_FINGERDOWN, 0.6f, 0.5f, 2), 800, 480, Millis(6010));
    input.handle(motion(0.4f, 0.3f, 1), 800, 480, Millis(6050));
    input.handle(motion(0.6f, 0.3f, 2), 800, 480, Millis(6060));
    input.apply(io);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK(io.MouseWheel == doctest::Approx(-96.0f / 72.0f));
    CHECK(io.MousePos.x == 400.0f);
    CHECK(io.MousePos.y == 144.0f);
    input.handle(finger(SDL_FINGERUP, 0.4f, 0.3f, 1), 800, 480, Millis(6100));
    input.handle(finger(SDL_FINGERUP, 0.6f, 0.3f, 2), 800, 480, Millis(6110));
    input.apply(io);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK(input.take_gestures(Millis(10000)).empty());
    CHECK_FALSE(input.down());
}

TEST_CASE("exploring: a finger held still 3 s in one place is a hold (the staff corner's long press)")
{
    PointerInput input;
    input.set_exploring(true, 8.0f);
    input.handle(finger(SDL_FINGERDOWN, 0.02f, 0.03f), 800, 480, Millis(0));
    CHECK(input.take_gestures(Millis(400)).size() == 1); // Said.
    std::vector<Gesture> held = input.take_gestures(Millis(3100));
    REQUIRE(held.size() == 1);
    CHECK(held[0].kind == Gesture::Kind::Hold);
    CHECK(input.take_gestures(Millis(6000)).empty()); // Once.
}

TEST_CASE("a press chosen by exploration or a keypad reaches the screens as a tap, after a frame")
{
    ImGuiScope scope;
    ImGuiIO& io = ImGui::GetIO();
    PointerInput input;
    input.set_exploring(true, 8.0f);
    input.inject_tap(100.0f, 50.0f);
    input.apply(io);
    CHECK_FALSE(io.MouseDown[0]); // A frame with nothing first.
    input.apply(io);
    CHECK(io.MouseDown[0]);
    CHECK(io.MousePos.x == 100.0f);
    input.apply(io);
    CHECK_FALSE(io.MouseDown[0]);
}

TEST_CASE("keypad keys: arrows, Tab and the numeric keypad move, Enter and 5 choose, F1, ? and + ask for help")
{
    using kiosk::platform::keypad_key;
    using kiosk::platform::KeypadKey;
    auto key = [](SDL_Keycode sym, Uint16 mod = 0) {
        SDL_Keysym k {};
        k.sym = sym;
        k.mod = mod;
        return keypad_key(k);
    };
    CHECK(key(SDLK_DOWN) == KeypadKey::Next);
    CHECK(key(SDLK_KP_2) == KeypadKey::Next);
    CHECK(key(SDLK_TAB) == KeypadKey::Next);
    CHECK(key(SDLK_TAB, KMOD_LSHIFT) == KeypadKey::Previous);
    CHECK(key(SDLK_UP) == KeypadKey::Previous);
    CHECK(key(SDLK_KP_8) == KeypadKey::Previous);
    CHECK(key(SDLK_RETURN) == KeypadKey::Activate);
    CHECK(key(SDLK_KP_5) == KeypadKey::Activate);
    CHECK(key(SDLK_F1) == KeypadKey::Help);
    CHECK(key(SDLK_KP_PLUS) == KeypadKey::Help);
    CHECK(key(SDLK_SLASH, KMOD_LSHIFT) == KeypadKey::Help);
    CHECK_FALSE(key(SDLK_SLASH));
    CHECK_FALSE(key(SDLK_a));
    CHECK_FALSE(key(SDLK_ESCAPE));
}
