// SnapshotImages: the texture cache fed from the content snapshot, emptied when the content changes.
#include "app/snapshot_images.hpp"

namespace kiosk {

SnapshotImages::SnapshotImages(platform::Backend& backend, const ui::Ui& ui)
    : m_cache(backend)
    , m_ui(ui)
{ }

std::optional<ui::ImageTexture> SnapshotImages::get(const std::string& path)
{
    const SnapshotPtr& content = m_ui.content();
    if (!content)
        return std::nullopt;
    if (content->images != m_images) {
        m_cache.clear(); // New content: its pictures may differ under the same names.
        m_images = content->images;
    }
    auto texture = m_cache.get(path, [&](const std::string& key) -> const std::string* {
        auto found = m_images->find(key);
        return found == m_images->end() ? nullptr : &found->second;
    });
    if (!texture)
        return std::nullopt;
    return ui::ImageTexture {texture->id, texture->width, texture->height};
}

} // namespace kiosk
