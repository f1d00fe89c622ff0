// Frames drawn in software, shown on a Wayland compositor (cage) through shared memory, for boxes without a GPU.
//
// SDL 2.26 draws on Wayland only through EGL. Without a GPU that is Mesa's llvmpipe, which costs the kiosk some 70 MiB
// (libLLVM alone is 55 MiB): more than all the rest of it. Here SDL runs its offscreen driver and software renderer,
// and this class hands each finished frame to the compositor in a wl_shm buffer (the compositor's pixman renderer reads
// it as it is), and turns the compositor's touch and pointer events into the SDL events the frame loop already reads.
// Everything runs on the UI thread: the frame loop sleeps on fd() and calls dispatch().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct SDL_Surface;
struct wl_display;
struct wl_registry;
struct wl_compositor;
struct wl_shm;
struct wl_seat;
struct wl_output;
struct wl_surface;
struct wl_touch;
struct wl_pointer;
struct wl_buffer;
struct xdg_wm_base;
struct xdg_surface;
struct xdg_toplevel;

namespace kiosk::platform {

class WaylandShm {
public:
    // Connects to $WAYLAND_DISPLAY and opens a window (fullscreen, or `width` x `height`), waiting for the compositor
    // to say its size. Null, with `error` set, when there is no compositor or it lacks what is needed.
    static std::unique_ptr<WaylandShm> connect(int width, int height, bool fullscreen, std::string& error);
    ~WaylandShm();
    WaylandShm(const WaylandShm&) = delete;
    WaylandShm& operator=(const WaylandShm&) = delete;

    // The size the compositor gave the window (the output's size, fullscreen).
    int width() const { return m_width; }
    int height() const { return m_height; }
    // The output's diagonal from its reported size in millimetres, or 0 when it reported none.
    float diagonal_inches() const;

    // Input events become SDL events for this window.
    void set_window_id(std::uint32_t id) { m_window_id = id; }
    // The connection's file descriptor, readable when the compositor sent something; -1 once the connection is lost.
    int fd() const;
    // Reads and handles what the compositor sent, without blocking. False once the connection is lost.
    bool dispatch();
    // Shows `surface`'s pixels (any 32-bit format SDL converts from). False when no buffer could be had.
    bool present(const SDL_Surface* surface);

    // For the listeners (wayland_shm.cpp).
    struct Buffer;
    struct Listeners;

private:
    WaylandShm() = default;
    Buffer* free_buffer(int width, int height);
    void push_touch(std::uint32_t type, std::int32_t id, double x, double y);
    void push_mouse_button(std::uint32_t button, bool down);

    wl_display* m_display = nullptr;
    wl_registry* m_registry = nullptr;
    wl_compositor* m_compositor = nullptr;
    wl_shm* m_shm = nullptr;
    wl_seat* m_seat = nullptr;
    wl_output* m_output = nullptr;
    xdg_wm_base* m_wm_base = nullptr;
    wl_surface* m_surface = nullptr;
    xdg_surface* m_xdg_surface = nullptr;
    xdg_toplevel* m_toplevel = nullptr;
    wl_touch* m_touch = nullptr;
    wl_pointer* m_pointer = nullptr;
    std::vector<std::unique_ptr<Buffer>> m_buffers;

    bool m_fullscreen = true;
    bool m_lost = false;
    bool m_configured = false;
    std::uint32_t m_ack_serial = 0; // A configure not acknowledged yet (0: none).
    int m_width = 0;
    int m_height = 0;
    int m_asked_width = 0, m_asked_height = 0;       // The size asked for, windowed.
    int m_toplevel_width = 0, m_toplevel_height = 0; // The last toplevel configure's size (0: ours to choose).
    int m_output_width = 0, m_output_height = 0;     // The output's current mode.
    int m_output_mm_width = 0, m_output_mm_height = 0;
    std::uint32_t m_window_id = 0;

    // Touch points down (wl_touch.up carries no position), and the pointer's last position.
    struct Finger {
        std::int32_t id;
        double x, y;
    };
    std::vector<Finger> m_fingers;
    double m_pointer_x = 0, m_pointer_y = 0;
    std::uint32_t m_buttons = 0; // SDL button mask held down.
    bool m_warned_no_buffer = false;
};

} // namespace kiosk::platform
