// TextureCache: stb_image decoding (after the header check) into SDL textures, with least-recently-used eviction.
#include "platform/texture_cache.hpp"

#include "content/image_info.hpp"

#include <SDL.h>
#include <memory>
#include <stb_image.h>

namespace kiosk::platform {

TextureCache::TextureCache(Backend& backend, std::size_t capacity)
    : m_backend(backend)
    , m_capacity(capacity == 0 ? 1 : capacity)
{ }

TextureCache::~TextureCache()
{
    clear();
}

void TextureCache::clear()
{
    for (auto& [key, entry] : m_textures)
        m_backend.destroy_texture(entry.texture.id);
    m_textures.clear();
    m_uses.clear();
    m_failed.clear();
}

std::optional<Texture> TextureCache::get(const std::string& key, const Source& source)
{
    if (auto it = m_textures.find(key); it != m_textures.end()) {
        m_uses.splice(m_uses.begin(), m_uses, it->second.use);
        return it->second.texture;
    }
    if (m_failed.count(key))
        return std::nullopt;
    const std::string* bytes = source ? source(key) : nullptr;
    Diagnostics ignored;
    // The header is checked again here: the bytes came through the store, but decoding trusts nothing.
    if (!bytes || !read_image_info(*bytes, bytes->size(), key, ignored)) {
        m_failed.insert(key);
        return std::nullopt;
    }
    int width = 0, height = 0, channels = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels(
        stbi_load_from_memory(
            reinterpret_cast<const unsigned char*>(bytes->data()), int(bytes->size()), &width, &height, &channels, 4),
        stbi_image_free);
    Texture texture;
    if (pixels)
        texture.id = m_backend.create_texture(width, height, pixels.get());
    if (!texture.id) {
        m_failed.insert(key);
        return std::nullopt;
    }
    texture.width = width;
    texture.height = height;
    while (m_textures.size() >= m_capacity) {
        const std::string& oldest = m_uses.back();
        m_backend.destroy_texture(m_textures[oldest].texture.id);
        m_textures.erase(oldest);
        m_uses.pop_back();
    }
    m_uses.push_front(key);
    m_textures[key] = Entry {texture, m_uses.begin()};
    return texture;
}

} // namespace kiosk::platform
