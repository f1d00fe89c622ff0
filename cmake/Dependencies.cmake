# Finds the Debian 12 packages the kiosk builds against (tools/install-deps.sh installs them).
find_package(PkgConfig REQUIRED)

find_package(SDL2 CONFIG REQUIRED)
find_package(toml11 CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(doctest CONFIG REQUIRED)
find_package(Threads REQUIRED)
find_package(LibIcal CONFIG REQUIRED) # target ical

# These ship only pkg-config files on Debian 12 (PLATFORM-NOTES.md).
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(MD4C REQUIRED IMPORTED_TARGET md4c)
pkg_check_modules(QRCODEGEN REQUIRED IMPORTED_TARGET qrcodegencpp)
pkg_check_modules(LIBSYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
find_package(SQLite3 REQUIRED)

# Debian's libimgui.a holds the core and the SDL platform backend, not the SDL_Renderer backend: compile that one
# from the package's example sources.
set(KIOSK_IMGUI_BACKENDS_DIR /usr/share/doc/libimgui-dev/examples/backends
    CACHE PATH "Where Dear ImGui's backend sources are")
add_library(imgui_sdlrenderer STATIC ${KIOSK_IMGUI_BACKENDS_DIR}/imgui_impl_sdlrenderer.cpp)
target_include_directories(imgui_sdlrenderer SYSTEM PUBLIC /usr/include/imgui/backends)
target_link_libraries(imgui_sdlrenderer PUBLIC PkgConfig::IMGUI SDL2::SDL2)
set_target_properties(imgui_sdlrenderer PROPERTIES CXX_CLANG_TIDY "")
