# Finds the Debian 12 packages the kiosk builds against (tools/install-deps.sh installs them).
find_package(PkgConfig REQUIRED)

find_package(SDL2 CONFIG REQUIRED)
find_package(toml11 CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(doctest CONFIG REQUIRED)
find_package(Threads REQUIRED)
find_package(LibIcal CONFIG REQUIRED) # target ical
# JSON between the import child and its parent, and every --json output (sync/import_report.cpp).
find_package(nlohmann_json CONFIG REQUIRED)

# These ship only pkg-config files on Debian 12 (PLATFORM-NOTES.md).
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(MD4C REQUIRED IMPORTED_TARGET md4c)
pkg_check_modules(QRCODEGEN REQUIRED IMPORTED_TARGET qrcodegencpp)
pkg_check_modules(LIBSYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
# ICU's character properties (content/text_util.cpp bounds what content may put on screen by Unicode category). No
# new package: libical-dev depends on libicu-dev, and libical already loads libicuuc at run time.
pkg_check_modules(ICU_UC REQUIRED IMPORTED_TARGET icu-uc)
# JPEGs decoded already scaled down, and encoded, at import (content/image_scale.cpp).
pkg_check_modules(TURBOJPEG REQUIRED IMPORTED_TARGET libturbojpeg)
# The import child's seccomp filter (sync/child_sandbox.cpp).
pkg_check_modules(SECCOMP REQUIRED IMPORTED_TARGET libseccomp)
# Read aloud's voice (platform/speech.cpp, issue 19). Its voices are in espeak-ng-data, which libespeak-ng1 depends on.
pkg_check_modules(ESPEAK_NG REQUIRED IMPORTED_TARGET espeak-ng)
find_package(SQLite3 REQUIRED)

# Debian's libimgui.a holds the core and the SDL platform backend, not the SDL_Renderer backend: compile that one
# from the package's example sources.
set(KIOSK_IMGUI_BACKENDS_DIR /usr/share/doc/libimgui-dev/examples/backends
    CACHE PATH "Where Dear ImGui's backend sources are")
add_library(imgui_sdlrenderer STATIC ${KIOSK_IMGUI_BACKENDS_DIR}/imgui_impl_sdlrenderer.cpp)
target_include_directories(imgui_sdlrenderer SYSTEM PUBLIC /usr/include/imgui/backends)
target_link_libraries(imgui_sdlrenderer PUBLIC PkgConfig::IMGUI SDL2::SDL2)
set_target_properties(imgui_sdlrenderer PROPERTIES CXX_CLANG_TIDY "")

# Wayland without a GPU (platform/wayland_shm.cpp): the kiosk hands cage its software-drawn frames in shared memory,
# where SDL 2.26 would need OpenGL and so Mesa's llvmpipe (some 70 MiB). xdg-shell's client code is generated from
# wayland-protocols' XML by wayland-scanner, on the build machine (libwayland-bin), for the target's libwayland-client.
pkg_check_modules(WAYLAND_CLIENT REQUIRED IMPORTED_TARGET wayland-client)
pkg_get_variable(WAYLAND_PROTOCOLS_DIR wayland-protocols pkgdatadir)
if(NOT WAYLAND_PROTOCOLS_DIR)
  set(WAYLAND_PROTOCOLS_DIR /usr/share/wayland-protocols)
endif()
find_program(WAYLAND_SCANNER wayland-scanner REQUIRED)
set(xdg_shell_xml ${WAYLAND_PROTOCOLS_DIR}/stable/xdg-shell/xdg-shell.xml)
set(xdg_shell_dir ${CMAKE_BINARY_DIR}/wayland)
file(MAKE_DIRECTORY ${xdg_shell_dir})
add_custom_command(
  OUTPUT ${xdg_shell_dir}/xdg-shell-client-protocol.h ${xdg_shell_dir}/xdg-shell-protocol.c
  COMMAND ${WAYLAND_SCANNER} client-header ${xdg_shell_xml} ${xdg_shell_dir}/xdg-shell-client-protocol.h
  COMMAND ${WAYLAND_SCANNER} private-code ${xdg_shell_xml} ${xdg_shell_dir}/xdg-shell-protocol.c
  DEPENDS ${xdg_shell_xml}
  COMMENT "Generating xdg-shell's Wayland client code")
add_library(wayland_xdg_shell STATIC ${xdg_shell_dir}/xdg-shell-protocol.c ${xdg_shell_dir}/xdg-shell-client-protocol.h)
target_include_directories(wayland_xdg_shell SYSTEM PUBLIC ${xdg_shell_dir})
target_link_libraries(wayland_xdg_shell PUBLIC PkgConfig::WAYLAND_CLIENT)
set_target_properties(wayland_xdg_shell PROPERTIES C_CLANG_TIDY "" POSITION_INDEPENDENT_CODE ON)
