// WaylandShm: wl_shm buffers from memfd, xdg-shell's window, and wl_touch/wl_pointer to SDL events.
#include "platform/wayland_shm.hpp"

#include <SDL.h>
#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <poll.h>
#include <sys/mman.h>
#include <unistd.h>
#include <wayland-client.h>
#include <xdg-shell-client-protocol.h>

namespace kiosk::platform {

namespace {

constexpr std::size_t max_buffers = 3;  // The compositor holds one until the next commit; one is drawn; one spare.
constexpr int wait_for_buffer_ms = 100; // How long present() waits for the compositor to give a buffer back.
constexpr int wait_for_configure_ms = 5000;
constexpr std::uint32_t linux_btn_left = 0x110, linux_btn_right = 0x111, linux_btn_middle = 0x112;

// Handles whatever the compositor sends within `timeout_ms`, blocking; false when the connection failed.
bool dispatch_for(wl_display* display, int timeout_ms)
{
    while (wl_display_prepare_read(display) != 0)
        if (wl_display_dispatch_pending(display) < 0)
            return false;
    if (wl_display_flush(display) < 0 && errno != EAGAIN) {
        wl_display_cancel_read(display);
        return false;
    }
    pollfd fd {wl_display_get_fd(display), POLLIN, 0};
    int ready = poll(&fd, 1, timeout_ms);
    if (ready > 0 && (fd.revents & POLLIN)) {
        if (wl_display_read_events(display) < 0)
            return false;
    } else {
        wl_display_cancel_read(display);
        if (ready > 0 && (fd.revents & (POLLHUP | POLLERR)))
            return false;
    }
    return wl_display_dispatch_pending(display) >= 0;
}

} // namespace

struct WaylandShm::Buffer {
    wl_buffer* buffer = nullptr;
    void* pixels = MAP_FAILED;
    std::size_t size = 0;
    int width = 0;
    int height = 0;
    bool busy = false; // Attached and not yet released by the compositor.

    ~Buffer()
    {
        if (buffer)
            wl_buffer_destroy(buffer);
        if (pixels != MAP_FAILED)
            munmap(pixels, size);
    }
};

// The protocol's listeners, as static functions given the WaylandShm as their data.
struct WaylandShm::Listeners {
    static WaylandShm& self(void* data) { return *static_cast<WaylandShm*>(data); }

    static void global(
        void* data, wl_registry* registry, std::uint32_t name, const char* interface, std::uint32_t version)
    {
        WaylandShm& s = self(data);
        auto bind = [&](const wl_interface* type, std::uint32_t highest) {
            return wl_registry_bind(registry, name, type, std::min(version, highest));
        };
        if (std::strcmp(interface, wl_compositor_interface.name) == 0 && version >= 4 && !s.m_compositor) {
            s.m_compositor = static_cast<wl_compositor*>(bind(&wl_compositor_interface, 4));
        } else if (std::strcmp(interface, wl_shm_interface.name) == 0 && !s.m_shm) {
            s.m_shm = static_cast<wl_shm*>(bind(&wl_shm_interface, 1));
        } else if (std::strcmp(interface, xdg_wm_base_interface.name) == 0 && !s.m_wm_base) {
            s.m_wm_base = static_cast<xdg_wm_base*>(bind(&xdg_wm_base_interface, 1));
            xdg_wm_base_add_listener(s.m_wm_base, &wm_base_listener, data);
        } else if (std::strcmp(interface, wl_seat_interface.name) == 0 && !s.m_seat) {
            s.m_seat = static_cast<wl_seat*>(bind(&wl_seat_interface, 5));
            wl_seat_add_listener(s.m_seat, &seat_listener, data);
        } else if (std::strcmp(interface, wl_output_interface.name) == 0 && !s.m_output) {
            s.m_output = static_cast<wl_output*>(bind(&wl_output_interface, 2));
            wl_output_add_listener(s.m_output, &output_listener, data);
        }
    }
    static void global_remove(void*, wl_registry*, std::uint32_t) { }
    static constexpr wl_registry_listener registry_listener {global, global_remove};

    static void ping(void*, xdg_wm_base* base, std::uint32_t serial) { xdg_wm_base_pong(base, serial); }
    static constexpr xdg_wm_base_listener wm_base_listener {ping};

    static void surface_configure(void* data, xdg_surface*, std::uint32_t serial)
    {
        WaylandShm& s = self(data);
        s.m_ack_serial = serial;
        s.m_configured = true;
        int w = s.m_toplevel_width, h = s.m_toplevel_height;
        if (w <= 0 || h <= 0) { // Ours to choose: the output's size fullscreen, else the size asked for.
            bool output = s.m_fullscreen && s.m_output_width > 0 && s.m_output_height > 0;
            w = output ? s.m_output_width : s.m_asked_width;
            h = output ? s.m_output_height : s.m_asked_height;
        }
        s.m_width = w;
        s.m_height = h;
    }
    static constexpr ::xdg_surface_listener surface_listener {surface_configure};

    static void toplevel_configure(void* data, xdg_toplevel*, std::int32_t width, std::int32_t height, wl_array*)
    {
        self(data).m_toplevel_width = width;
        self(data).m_toplevel_height = height;
    }
    static void toplevel_close(void*, xdg_toplevel*) { } // A kiosk is not closed by its compositor.
    static constexpr xdg_toplevel_listener toplevel_listener {toplevel_configure, toplevel_close, nullptr, nullptr};

    static void geometry(void* data, wl_output*, std::int32_t, std::int32_t, std::int32_t mm_width,
        std::int32_t mm_height, std::int32_t, const char*, const char*, std::int32_t)
    {
        self(data).m_output_mm_width = mm_width;
        self(data).m_output_mm_height = mm_height;
    }
    static void mode(void* data, wl_output*, std::uint32_t flags, std::int32_t width, std::int32_t height, std::int32_t)
    {
        if (flags & WL_OUTPUT_MODE_CURRENT) {
            self(data).m_output_width = width;
            self(data).m_output_height = height;
        }
    }
    static void output_done(void*, wl_output*) { }
    static void output_scale(void*, wl_output*, std::int32_t) { }
    static constexpr wl_output_listener output_listener {geometry, mode, output_done, output_scale, nullptr, nullptr};

    static void capabilities(void* data, wl_seat* seat, std::uint32_t caps)
    {
        WaylandShm& s = self(data);
        bool touch = caps & WL_SEAT_CAPABILITY_TOUCH, pointer = caps & WL_SEAT_CAPABILITY_POINTER;
        if (touch && !s.m_touch) {
            s.m_touch = wl_seat_get_touch(seat);
            wl_touch_add_listener(s.m_touch, &touch_listener, data);
        } else if (!touch && s.m_touch) {
            wl_touch_release(s.m_touch);
            s.m_touch = nullptr;
        }
        if (pointer && !s.m_pointer) {
            s.m_pointer = wl_seat_get_pointer(seat);
            wl_pointer_add_listener(s.m_pointer, &pointer_listener, data);
        } else if (!pointer && s.m_pointer) {
            wl_pointer_release(s.m_pointer);
            s.m_pointer = nullptr;
        }
    }
    static void seat_name(void*, wl_seat*, const char*) { }
    static constexpr wl_seat_listener seat_listener {capabilities, seat_name};

    static void buffer_release(void* data, wl_buffer*) { static_cast<Buffer*>(data)->busy = false; }
    static constexpr wl_buffer_listener buffer_listener {buffer_release};

    static void touch_down(
        void* data, wl_touch*, std::uint32_t, std::uint32_t, wl_surface*, std::int32_t id, wl_fixed_t x, wl_fixed_t y)
    {
        self(data).push_touch(SDL_FINGERDOWN, id, wl_fixed_to_double(x), wl_fixed_to_double(y));
    }
    static void touch_up(void* data, wl_touch*, std::uint32_t, std::uint32_t, std::int32_t id)
    {
        self(data).push_touch(SDL_FINGERUP, id, 0, 0);
    }
    static void touch_motion(void* data, wl_touch*, std::uint32_t, std::int32_t id, wl_fixed_t x, wl_fixed_t y)
    {
        self(data).push_touch(SDL_FINGERMOTION, id, wl_fixed_to_double(x), wl_fixed_to_double(y));
    }
    static void touch_frame(void*, wl_touch*) { }
    static void touch_cancel(void* data, wl_touch*)
    {
        WaylandShm& s = self(data);
        while (!s.m_fingers.empty())
            s.push_touch(SDL_FINGERUP, s.m_fingers.back().id, 0, 0);
    }
    static constexpr wl_touch_listener touch_listener {
        touch_down, touch_up, touch_motion, touch_frame, touch_cancel, nullptr, nullptr};

    static void pointer_enter(
        void* data, wl_pointer* pointer, std::uint32_t serial, wl_surface*, wl_fixed_t x, wl_fixed_t y)
    {
        WaylandShm& s = self(data);
        if (s.m_fullscreen)
            wl_pointer_set_cursor(pointer, serial, nullptr, 0, 0); // No arrow on a touch screen.
        s.m_pointer_x = wl_fixed_to_double(x);
        s.m_pointer_y = wl_fixed_to_double(y);
    }
    static void pointer_leave(void* data, wl_pointer*, std::uint32_t, wl_surface*)
    {
        WaylandShm& s = self(data);
        for (std::uint32_t button : {SDL_BUTTON_LEFT, SDL_BUTTON_MIDDLE, SDL_BUTTON_RIGHT})
            if (s.m_buttons & SDL_BUTTON(button))
                s.push_mouse_button(button, false);
    }
    static void pointer_motion(void* data, wl_pointer*, std::uint32_t, wl_fixed_t x, wl_fixed_t y)
    {
        WaylandShm& s = self(data);
        s.m_pointer_x = wl_fixed_to_double(x);
        s.m_pointer_y = wl_fixed_to_double(y);
        SDL_Event event {};
        event.type = SDL_MOUSEMOTION;
        event.motion.windowID = s.m_window_id;
        event.motion.state = s.m_buttons;
        event.motion.x = int(std::lround(s.m_pointer_x));
        event.motion.y = int(std::lround(s.m_pointer_y));
        SDL_PushEvent(&event);
    }
    static void pointer_button(
        void* data, wl_pointer*, std::uint32_t, std::uint32_t, std::uint32_t button, std::uint32_t state)
    {
        std::uint32_t sdl_button = button == linux_btn_left ? SDL_BUTTON_LEFT
            : button == linux_btn_right                     ? SDL_BUTTON_RIGHT
            : button == linux_btn_middle                    ? SDL_BUTTON_MIDDLE
                                                            : 0;
        if (sdl_button)
            self(data).push_mouse_button(sdl_button, state == WL_POINTER_BUTTON_STATE_PRESSED);
    }
    static void pointer_axis(void* data, wl_pointer*, std::uint32_t, std::uint32_t axis, wl_fixed_t value)
    {
        if (axis != WL_POINTER_AXIS_VERTICAL_SCROLL)
            return;
        WaylandShm& s = self(data);
        // Wayland gives surface pixels, positive down, about 10 to a wheel notch; SDL notches, positive up.
        auto notches = float(-wl_fixed_to_double(value) / 10.0);
        SDL_Event event {};
        event.type = SDL_MOUSEWHEEL;
        event.wheel.windowID = s.m_window_id;
        event.wheel.preciseY = notches;
        event.wheel.y = int(std::lround(notches));
        event.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
        event.wheel.mouseX = int(std::lround(s.m_pointer_x));
        event.wheel.mouseY = int(std::lround(s.m_pointer_y));
        SDL_PushEvent(&event);
    }
    static void pointer_frame(void*, wl_pointer*) { }
    static void axis_source(void*, wl_pointer*, std::uint32_t) { }
    static void axis_stop(void*, wl_pointer*, std::uint32_t, std::uint32_t) { }
    static void axis_discrete(void*, wl_pointer*, std::uint32_t, std::int32_t) { }
    static constexpr wl_pointer_listener pointer_listener {pointer_enter, pointer_leave, pointer_motion, pointer_button,
        pointer_axis, pointer_frame, axis_source, axis_stop, axis_discrete, nullptr};
};

std::unique_ptr<WaylandShm> WaylandShm::connect(int width, int height, bool fullscreen, std::string& error)
{
    std::unique_ptr<WaylandShm> s(new WaylandShm());
    s->m_fullscreen = fullscreen;
    s->m_asked_width = std::max(width, 1);
    s->m_asked_height = std::max(height, 1);
    s->m_display = wl_display_connect(nullptr);
    if (!s->m_display) {
        error = "cannot reach the Wayland compositor";
        return nullptr;
    }
    s->m_registry = wl_display_get_registry(s->m_display);
    wl_registry_add_listener(s->m_registry, &Listeners::registry_listener, s.get());
    // The globals, then the events of the ones bound (the output's size, the seat's devices).
    if (wl_display_roundtrip(s->m_display) < 0 || wl_display_roundtrip(s->m_display) < 0) {
        error = "the Wayland compositor stopped answering";
        return nullptr;
    }
    if (!s->m_compositor || !s->m_shm || !s->m_wm_base) {
        error = "the Wayland compositor lacks wl_compositor 4, wl_shm or xdg_wm_base";
        return nullptr;
    }
    s->m_surface = wl_compositor_create_surface(s->m_compositor);
    s->m_xdg_surface = xdg_wm_base_get_xdg_surface(s->m_wm_base, s->m_surface);
    xdg_surface_add_listener(s->m_xdg_surface, &Listeners::surface_listener, s.get());
    s->m_toplevel = xdg_surface_get_toplevel(s->m_xdg_surface);
    xdg_toplevel_add_listener(s->m_toplevel, &Listeners::toplevel_listener, s.get());
    xdg_toplevel_set_title(s->m_toplevel, "Drop-in Kiosk");
    xdg_toplevel_set_app_id(s->m_toplevel, "drop-in-kiosk");
    if (fullscreen)
        xdg_toplevel_set_fullscreen(s->m_toplevel, nullptr);
    wl_surface_commit(s->m_surface); // No buffer yet: asks for the first configure, which gives the size.
    for (int waited = 0; !s->m_configured && waited < wait_for_configure_ms; waited += 50)
        if (!dispatch_for(s->m_display, 50)) {
            error = "the Wayland compositor closed the connection";
            return nullptr;
        }
    if (!s->m_configured) {
        error = "the Wayland compositor never gave the window a size";
        return nullptr;
    }
    return s;
}

WaylandShm::~WaylandShm()
{
    m_buffers.clear();
    if (m_touch)
        wl_touch_release(m_touch);
    if (m_pointer)
        wl_pointer_release(m_pointer);
    if (m_toplevel)
        xdg_toplevel_destroy(m_toplevel);
    if (m_xdg_surface)
        xdg_surface_destroy(m_xdg_surface);
    if (m_surface)
        wl_surface_destroy(m_surface);
    if (m_output)
        wl_output_destroy(m_output);
    if (m_seat)
        wl_seat_destroy(m_seat);
    if (m_wm_base)
        xdg_wm_base_destroy(m_wm_base);
    if (m_shm)
        wl_shm_destroy(m_shm);
    if (m_compositor)
        wl_compositor_destroy(m_compositor);
    if (m_registry)
        wl_registry_destroy(m_registry);
    if (m_display) {
        wl_display_flush(m_display);
        wl_display_disconnect(m_display);
    }
}

float WaylandShm::diagonal_inches() const
{
    if (m_output_mm_width <= 0 || m_output_mm_height <= 0)
        return 0.0f;
    auto inches = float(std::hypot(m_output_mm_width, m_output_mm_height) / 25.4);
    return inches >= 4.0f && inches <= 100.0f ? inches : 0.0f;
}

int WaylandShm::fd() const
{
    return m_lost ? -1 : wl_display_get_fd(m_display);
}

bool WaylandShm::dispatch()
{
    if (!m_lost && !dispatch_for(m_display, 0))
        m_lost = true;
    return !m_lost;
}

void WaylandShm::push_touch(std::uint32_t type, std::int32_t id, double x, double y)
{
    auto finger = std::find_if(m_fingers.begin(), m_fingers.end(), [id](const Finger& f) { return f.id == id; });
    if (type == SDL_FINGERDOWN && finger == m_fingers.end()) {
        m_fingers.push_back({id, x, y});
        finger = m_fingers.end() - 1;
    }
    if (finger == m_fingers.end())
        return; // A touch that began elsewhere.
    if (type == SDL_FINGERUP) {
        x = finger->x, y = finger->y;
    } else {
        finger->x = x, finger->y = y;
    }
    SDL_Event event {};
    event.type = type;
    event.tfinger.touchId = 1;
    event.tfinger.fingerId = id;
    event.tfinger.x = float(x / std::max(m_width, 1));
    event.tfinger.y = float(y / std::max(m_height, 1));
    event.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    event.tfinger.windowID = m_window_id;
    if (type == SDL_FINGERUP)
        m_fingers.erase(finger);
    SDL_PushEvent(&event);
}

void WaylandShm::push_mouse_button(std::uint32_t button, bool down)
{
    if (down)
        m_buttons |= SDL_BUTTON(button);
    else
        m_buttons &= ~std::uint32_t(SDL_BUTTON(button));
    SDL_Event event {};
    event.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    event.button.windowID = m_window_id;
    event.button.button = Uint8(button);
    event.button.state = down ? SDL_PRESSED : SDL_RELEASED;
    event.button.clicks = 1;
    event.button.x = int(std::lround(m_pointer_x));
    event.button.y = int(std::lround(m_pointer_y));
    SDL_PushEvent(&event);
}

WaylandShm::Buffer* WaylandShm::free_buffer(int width, int height)
{
    // Buffers of an old size go once the compositor has let them go.
    std::erase_if(m_buffers,
        [&](const std::unique_ptr<Buffer>& b) { return !b->busy && (b->width != width || b->height != height); });
    for (int waited = 0;; waited += 10) {
        for (auto& b : m_buffers)
            if (!b->busy)
                return b.get();
        if (m_buffers.size() < max_buffers)
            break;
        if (waited >= wait_for_buffer_ms || !dispatch_for(m_display, 10))
            return nullptr;
    }
    auto b = std::make_unique<Buffer>();
    b->width = width;
    b->height = height;
    b->size = std::size_t(width) * std::size_t(height) * 4;
    auto fail = [this](const char* what) -> Buffer* {
        if (!m_warned_no_buffer)
            SDL_Log("kiosk: cannot make a frame buffer for the compositor (%s: %s)", what, std::strerror(errno));
        m_warned_no_buffer = true;
        return nullptr;
    };
    int fd = memfd_create("kiosk-frame", MFD_CLOEXEC);
    if (fd < 0)
        return fail("memfd_create");
    if (ftruncate(fd, off_t(b->size)) != 0) {
        close(fd);
        return fail("ftruncate");
    }
    b->pixels = mmap(nullptr, b->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (b->pixels == MAP_FAILED) {
        close(fd);
        return fail("mmap");
    }
    wl_shm_pool* pool = wl_shm_create_pool(m_shm, fd, std::int32_t(b->size));
    b->buffer = wl_shm_pool_create_buffer(pool, 0, width, height, width * 4, WL_SHM_FORMAT_XRGB8888);
    wl_shm_pool_destroy(pool);
    close(fd);
    wl_buffer_add_listener(b->buffer, &Listeners::buffer_listener, b.get());
    m_buffers.push_back(std::move(b));
    return m_buffers.back().get();
}

bool WaylandShm::present(const SDL_Surface* surface)
{
    if (m_lost || !surface || surface->w <= 0 || surface->h <= 0 || surface->w > 16384 || surface->h > 16384)
        return false;
    Buffer* b = free_buffer(surface->w, surface->h);
    if (!b) {
        if (!m_warned_no_buffer)
            SDL_Log("kiosk: the compositor keeps every frame buffer; frames are skipped until it lets one go");
        m_warned_no_buffer = true;
        return false;
    }
    if (SDL_ConvertPixels(surface->w, surface->h, surface->format->format, surface->pixels, surface->pitch,
            SDL_PIXELFORMAT_XRGB8888, b->pixels, surface->w * 4)
        != 0)
        return false;
    if (m_ack_serial) {
        xdg_surface_ack_configure(m_xdg_surface, m_ack_serial);
        m_ack_serial = 0;
    }
    wl_surface_attach(m_surface, b->buffer, 0, 0);
    wl_surface_damage_buffer(m_surface, 0, 0, INT32_MAX, INT32_MAX);
    wl_surface_commit(m_surface);
    b->busy = true;
    if (wl_display_flush(m_display) < 0 && errno != EAGAIN)
        m_lost = true;
    return true;
}

} // namespace kiosk::platform
