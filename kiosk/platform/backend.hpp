// The SDL window, its renderer and the Dear ImGui context (Tracy's Backend: a small platform interface).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct SDL_Window;
struct SDL_Texture;
struct SDL_Renderer;

namespace kiosk::platform {

class WaylandShm;

enum class Fullscreen { No, Yes };

enum class Headless {
    No,  // Whatever video driver the environment offers; the hardware renderer when there is one.
    Yes, // SDL's offscreen driver and software renderer, whatever the environment says: same pixels everywhere.
};

struct BackendOptions {
    int width = 1280;
    int height = 800;
    Fullscreen fullscreen = Fullscreen::Yes;
    Headless headless = Headless::No;
};

class Backend {
public:
    static std::unique_ptr<Backend> create(const BackendOptions& options, std::string& error);
    ~Backend();
    Backend(const Backend&) = delete;
    Backend& operator=(const Backend&) = delete;

    // The size the screens lay out in: the drawable size, turned when the panel is rotated (settings' rotation).
    int width() const { return m_rotation % 180 ? m_height : m_width; }
    int height() const { return m_rotation % 180 ? m_width : m_height; }
    // The drawable size as the display has it.
    int physical_width() const { return m_width; }
    int physical_height() const { return m_height; }
    // 0, 90, 180 or 270: the content is drawn turned this far clockwise, for a panel mounted turned.
    void set_rotation(int degrees);
    int rotation() const { return m_rotation; }
    // A point on the display (pixels) to the point of the turned content it shows.
    void to_content(float& x, float& y) const;
    // The inverse: a point of the turned content (pixels) to the point of the display that shows it.
    void to_display(float& x, float& y) const;
    bool fullscreen() const { return m_fullscreen == Fullscreen::Yes; }
    // The panel's diagonal as the display reports it, or 0 when it does not (or reports nonsense).
    float diagonal_inches() const;
    const std::string& renderer_name() const { return m_renderer_name; }
    SDL_Window* window() const { return m_window; }

    // Shown on Wayland without a GPU through shared memory (wayland_shm.hpp), not through SDL's own Wayland driver.
    bool wayland_shm() const { return m_wayland != nullptr; }
    // A descriptor the frame loop sleeps on besides its own (the Wayland connection), or -1.
    int event_fd() const;
    // Turns what arrived on event_fd() into SDL events, without blocking. False once the display is lost.
    bool pump_events();

    // Re-reads the drawable size; true when it changed.
    bool update_size();
    // Uploads ImGui's font atlas again after it was rebuilt, then frees the atlas pixels kept in memory.
    void upload_fonts();
    // After SDL reports a lost device: a new renderer, and every texture uploaded again.
    bool recreate_renderer(std::string& error);

    // A texture of `width` x `height` RGBA pixels (rows packed), or nullptr; freed with destroy_texture().
    void* create_texture(int width, int height, const unsigned char* rgba);
    void destroy_texture(void* texture);

    // Rasterises ImGui's last draw data over a cleared background. Does not present.
    void render(std::uint32_t clear_color);
    void present();
    // The pixels last rendered, as tightly packed RGBA rows. Call after render(), before present().
    bool read_pixels(std::vector<std::uint8_t>& rgba, std::string& error);

private:
    Backend() = default;
    bool create_renderer(std::string& error);

    SDL_Window* m_window = nullptr;
    SDL_Renderer* m_renderer = nullptr;
    Fullscreen m_fullscreen = Fullscreen::Yes;
    bool m_software = false; // No GPU (or headless): SDL's software renderer, no OpenGL loaded at all.
    int m_width = 0;
    int m_height = 0;
    int m_rotation = 0;
    SDL_Texture* m_turned = nullptr; // The content before it is turned, while rotation is not 0.
    std::string m_renderer_name;
    bool m_imgui_renderer = false;
    std::unique_ptr<WaylandShm> m_wayland;
};

} // namespace kiosk::platform
