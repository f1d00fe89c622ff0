// Backend: SDL initialisation, window and renderer creation and recovery, and the ImGui renderer backend.
#include "platform/backend.hpp"

#include "content/posix_file.hpp"
#include "platform/wayland_shm.hpp"

#include <SDL.h>
#include <cmath>
#include <cstdlib>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <string>
#include <unistd.h>

namespace kiosk::platform {

namespace {

// A GPU that Mesa drives in hardware shows up as a render node (/dev/dri/renderD*) whose kernel driver is one of
// these. Without one, OpenGL would be Mesa's llvmpipe: slower than SDL's own software renderer for flat 2D and some
// 80 MiB heavier (it loads LLVM). A display-only driver (vc4's display half, simpledrm) or a virtual GPU without 3D
// (virtio_gpu without virgl, as in the boot test's VM) has a card but no such render node.
bool has_gpu()
{
    static const char* const hardware_3d[]
        = {"i915", "amdgpu", "radeon", "nouveau", "v3d", "vc4", "panfrost", "lima", "etnaviv", "msm", "xe"};
    bool found = false;
    for (const std::string& name : posix::list_dir("/sys/class/drm").value_or(std::vector<std::string> {})) {
        if (name.rfind("renderD", 0) != 0)
            continue;
        char target[256];
        std::string link = "/sys/class/drm/" + name + "/device/driver";
        ssize_t length = readlink(link.c_str(), target, sizeof target - 1);
        if (length <= 0)
            continue;
        std::string driver(target, std::size_t(length));
        driver = driver.substr(driver.rfind('/') + 1);
        for (const char* known : hardware_3d)
            found = found || driver == known;
    }
    return found;
}

// SDL would draw on Wayland (it is asked for, or the only display there is) and could only do so through llvmpipe.
// KIOSK_WAYLAND_SHM=1 takes the shared-memory path even with a GPU, =0 never (SDL's own Wayland driver then).
bool wayland_without_gpu()
{
    const char* forced = std::getenv("KIOSK_WAYLAND_SHM");
    if (forced && *forced)
        return std::string(forced) != "0";
    const char* driver = std::getenv("SDL_VIDEODRIVER");
    bool wayland = driver && *driver ? std::string(driver) == "wayland"
                                     : std::getenv("WAYLAND_DISPLAY") != nullptr && std::getenv("DISPLAY") == nullptr;
    return wayland && !has_gpu();
}

// Wayland without a GPU: this process talks to the compositor itself, and SDL draws offscreen in software. Null
// when that is not the case here, or the compositor cannot be used so (SDL's own Wayland driver is used then).
std::unique_ptr<WaylandShm> connect_wayland(const BackendOptions& options)
{
    if (options.headless == Headless::Yes || !wayland_without_gpu())
        return nullptr;
    std::string why;
    auto wayland = WaylandShm::connect(options.width, options.height, options.fullscreen == Fullscreen::Yes, why);
    if (!wayland) {
        SDL_Log("kiosk: drawing through SDL's Wayland driver instead of shared memory: %s", why.c_str());
        return nullptr;
    }
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    return wayland;
}

} // namespace

std::unique_ptr<Backend> Backend::create(const BackendOptions& options, std::string& error)
{
    if (options.headless == Headless::Yes) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_RENDER_DRIVER", "software", 1);
        setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 1);
    }
    std::unique_ptr<WaylandShm> wayland = connect_wayland(options);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); // The app handles SIGTERM itself.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0"); // A finger arrives once, as a finger.
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        error = std::string("cannot start the display: ") + SDL_GetError();
        return nullptr;
    }
    std::unique_ptr<Backend> backend(new Backend());
    backend->m_fullscreen = options.fullscreen;
    // SDL's software renderer needs a window surface it can present without OpenGL: offscreen, dummy and X11 (shared
    // memory) have one; Wayland and KMS/DRM do not (SDL 2.26 makes every Wayland window an EGL window), so there the
    // renderer is OpenGL even without a GPU (Mesa's llvmpipe), the only way SDL draws on them.
    const char* driver = SDL_GetCurrentVideoDriver();
    std::string video = driver ? driver : "";
    bool surface_without_gl = video == "offscreen" || video == "dummy" || video == "x11";
    backend->m_software = options.headless == Headless::Yes || wayland || (!has_gpu() && surface_without_gl);
    if (backend->m_software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0"); // Present the window surface without OpenGL.
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (options.fullscreen == Fullscreen::Yes)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    else
        flags |= SDL_WINDOW_RESIZABLE;
    // Fullscreen, the window is made at the display's own size. On Wayland the compositor's fullscreen size comes
    // later in an event, and SDL's renderer keeps drawing at the size the window was made with (an 800x480 panel
    // showed a 1280x800 layout, scaled down).
    int width = options.width, height = options.height;
    SDL_DisplayMode desktop {};
    if (wayland) {
        // An offscreen window the compositor's size; its pixels go to the compositor in present().
        flags = SDL_WINDOW_SHOWN;
        width = wayland->width();
        height = wayland->height();
    } else if (options.fullscreen == Fullscreen::Yes && SDL_GetDesktopDisplayMode(0, &desktop) == 0 && desktop.w > 0
        && desktop.h > 0) {
        width = desktop.w;
        height = desktop.h;
    }
    backend->m_window
        = SDL_CreateWindow("Drop-in Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
    if (!backend->m_window) {
        error = std::string("cannot open a window: ") + SDL_GetError();
        return nullptr;
    }
    SDL_ShowCursor(options.fullscreen == Fullscreen::Yes ? SDL_DISABLE : SDL_ENABLE);
    if (wayland)
        wayland->set_window_id(SDL_GetWindowID(backend->m_window));
    backend->m_wayland = std::move(wayland);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // Never an imgui.ini: nothing about a visitor's session is written anywhere.
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    io.BackendPlatformName = "kiosk_sdl";
    if (!backend->create_renderer(error))
        return nullptr;
    backend->update_size();
    return backend;
}

bool Backend::create_renderer(std::string& error)
{
    if (!m_software)
        m_renderer = SDL_CreateRenderer(m_window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!m_renderer)
        m_renderer = SDL_CreateRenderer(m_window, -1, SDL_RENDERER_SOFTWARE);
    if (!m_renderer) {
        error = std::string("cannot draw on the display: ") + SDL_GetError();
        return false;
    }
    SDL_RendererInfo info {};
    SDL_GetRendererInfo(m_renderer, &info);
    m_renderer_name = info.name ? info.name : "unknown";
    m_imgui_renderer = ImGui_ImplSDLRenderer_Init(m_renderer);
    return m_imgui_renderer;
}

Backend::~Backend()
{
    if (m_turned)
        SDL_DestroyTexture(m_turned);
    if (m_imgui_renderer)
        ImGui_ImplSDLRenderer_Shutdown();
    if (ImGui::GetCurrentContext())
        ImGui::DestroyContext();
    if (m_renderer)
        SDL_DestroyRenderer(m_renderer);
    if (m_window)
        SDL_DestroyWindow(m_window);
    m_wayland.reset();
    SDL_Quit();
}

int Backend::event_fd() const
{
    return m_wayland ? m_wayland->fd() : -1;
}

bool Backend::pump_events()
{
    return !m_wayland || m_wayland->dispatch();
}

float Backend::diagonal_inches() const
{
    if (m_wayland)
        return m_wayland->diagonal_inches();
    int display = SDL_GetWindowDisplayIndex(m_window);
    float ddpi = 0.0f;
    SDL_DisplayMode mode {};
    if (display < 0 || SDL_GetDisplayDPI(display, &ddpi, nullptr, nullptr) != 0
        || SDL_GetDesktopDisplayMode(display, &mode) != 0 || ddpi <= 0.0f)
        return 0.0f;
    // 96 dpi is what X servers claim when the monitor said nothing.
    if (std::abs(ddpi - 96.0f) < 0.01f)
        return 0.0f;
    float inches = std::sqrt(float(mode.w) * float(mode.w) + float(mode.h) * float(mode.h)) / ddpi;
    return inches >= 4.0f && inches <= 100.0f ? inches : 0.0f;
}

bool Backend::update_size()
{
    int w = 0, h = 0;
    if (m_wayland) { // The compositor's size, given to the offscreen window (the renderer follows it).
        SDL_GetWindowSize(m_window, &w, &h);
        if (w != m_wayland->width() || h != m_wayland->height())
            SDL_SetWindowSize(m_window, m_wayland->width(), m_wayland->height());
    }
    if (SDL_GetRendererOutputSize(m_renderer, &w, &h) != 0)
        SDL_GetWindowSize(m_window, &w, &h);
    bool changed = w != m_width || h != m_height;
    m_width = w;
    m_height = h;
    return changed;
}

void Backend::upload_fonts()
{
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    ImGui_ImplSDLRenderer_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();
}

bool Backend::recreate_renderer(std::string& error)
{
    if (m_imgui_renderer)
        ImGui_ImplSDLRenderer_Shutdown();
    m_imgui_renderer = false;
    if (m_renderer)
        SDL_DestroyRenderer(m_renderer); // Its textures go with it, the turned one too.
    m_renderer = nullptr;
    m_turned = nullptr;
    if (!create_renderer(error))
        return false;
    update_size();
    return true;
}

void* Backend::create_texture(int width, int height, const unsigned char* rgba)
{
    SDL_Texture* texture
        = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, width, height);
    if (!texture)
        return nullptr;
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    // Pictures are drawn scaled to fit: smooth on GPU renderers (SDL's software triangles sample the nearest pixel).
    SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    if (SDL_UpdateTexture(texture, nullptr, rgba, width * 4) != 0) {
        SDL_DestroyTexture(texture);
        return nullptr;
    }
    return texture;
}

void Backend::destroy_texture(void* texture)
{
    if (texture)
        SDL_DestroyTexture(static_cast<SDL_Texture*>(texture));
}

void Backend::set_rotation(int degrees)
{
    m_rotation = ((degrees % 360) + 360) % 360 / 90 * 90;
}

void Backend::to_content(float& x, float& y) const
{
    float px = x, py = y, w = float(m_width), h = float(m_height);
    switch (m_rotation) {
    case 90:
        x = py, y = w - px;
        break;
    case 180:
        x = w - px, y = h - py;
        break;
    case 270:
        x = h - py, y = px;
        break;
    default:
        break;
    }
}

void Backend::to_display(float& x, float& y) const
{
    float cx = x, cy = y, w = float(m_width), h = float(m_height);
    switch (m_rotation) {
    case 90:
        x = w - cy, y = cx;
        break;
    case 180:
        x = w - cx, y = h - cy;
        break;
    case 270:
        x = cy, y = h - cx;
        break;
    default:
        break;
    }
}

void Backend::render(std::uint32_t clear_color)
{
    auto clear = [&] {
        SDL_SetRenderDrawColor(
            m_renderer, clear_color & 0xFF, (clear_color >> 8) & 0xFF, (clear_color >> 16) & 0xFF, 0xFF);
        SDL_RenderClear(m_renderer);
    };
    if (m_rotation == 0) {
        clear();
        if (ImDrawData* data = ImGui::GetDrawData())
            ImGui_ImplSDLRenderer_RenderDrawData(data);
        return;
    }
    // A panel mounted turned: the content is drawn upright into a texture, then turned onto the display.
    int w = width(), h = height();
    int tw = 0, th = 0;
    if (m_turned)
        SDL_QueryTexture(m_turned, nullptr, nullptr, &tw, &th);
    if (!m_turned || tw != w || th != h) {
        if (m_turned)
            SDL_DestroyTexture(m_turned);
        m_turned = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    }
    SDL_SetRenderTarget(m_renderer, m_turned);
    clear();
    if (ImDrawData* data = ImGui::GetDrawData())
        ImGui_ImplSDLRenderer_RenderDrawData(data);
    SDL_SetRenderTarget(m_renderer, nullptr);
    SDL_SetRenderDrawColor(m_renderer, 0, 0, 0, 0xFF);
    SDL_RenderClear(m_renderer);
    SDL_Rect dst {(m_width - w) / 2, (m_height - h) / 2, w, h};
    SDL_RenderCopyEx(m_renderer, m_turned, nullptr, &dst, double(m_rotation), nullptr, SDL_FLIP_NONE);
}

void Backend::present()
{
    SDL_RenderPresent(m_renderer);
    if (m_wayland)
        m_wayland->present(SDL_GetWindowSurface(m_window));
}

bool Backend::read_pixels(std::vector<std::uint8_t>& rgba, std::string& error)
{
    // The content as the screens drew it, upright (before it was turned for the panel).
    if (m_rotation != 0 && m_turned)
        SDL_SetRenderTarget(m_renderer, m_turned);
    rgba.assign(std::size_t(width()) * std::size_t(height()) * 4, 0);
    int status = SDL_RenderReadPixels(m_renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, rgba.data(), width() * 4);
    if (m_rotation != 0)
        SDL_SetRenderTarget(m_renderer, nullptr);
    if (status != 0) {
        error = std::string("cannot read the screen: ") + SDL_GetError();
        return false;
    }
    return true;
}

} // namespace kiosk::platform
