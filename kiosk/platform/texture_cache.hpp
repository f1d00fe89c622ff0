// Images decoded lazily into textures, a few at a time: the first draw decodes, the least recently used go first,
// so 50 pictures in a bundle never sit in memory as raw pixels all at once.
#pragma once

#include "platform/backend.hpp"

#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace kiosk::platform {

struct Texture {
    void* id = nullptr; // SDL_Texture*, as ImGui's ImTextureID.
    int width = 0;
    int height = 0;
};

class TextureCache {
public:
    // The encoded bytes (PNG or JPEG) of an image, or nothing. Must not do I/O: it reads from the content snapshot.
    using Source = std::function<const std::string*(const std::string& key)>;

    TextureCache(Backend& backend, std::size_t capacity = 24);
    ~TextureCache();
    TextureCache(const TextureCache&) = delete;
    TextureCache& operator=(const TextureCache&) = delete;

    // The texture for `key`, decoded on first use. Nothing when the image cannot be decoded; a failure is remembered
    // so a broken image costs one attempt, not one a frame.
    std::optional<Texture> get(const std::string& key, const Source& source);

    // Drops every texture: after the render device was lost, or when new content arrives.
    void clear();
    std::size_t size() const { return m_textures.size(); }

private:
    struct Entry {
        Texture texture;
        std::list<std::string>::iterator use;
    };

    Backend& m_backend;
    std::size_t m_capacity;
    std::map<std::string, Entry> m_textures;
    std::list<std::string> m_uses; // Most recently used first.
    std::set<std::string> m_failed;
};

} // namespace kiosk::platform
