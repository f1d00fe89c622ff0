// The bundle's pictures for the screens: decoded from the snapshot's bytes on first use, a few kept as textures.
#pragma once

#include "content/snapshot.hpp"
#include "platform/backend.hpp"
#include "platform/texture_cache.hpp"
#include "ui/ui.hpp"

#include <memory>
#include <optional>
#include <string>

namespace kiosk {

class SnapshotImages final : public ui::Images {
public:
    SnapshotImages(platform::Backend& backend, const ui::Ui& ui);

    std::optional<ui::ImageTexture> get(const std::string& path) override;

private:
    platform::TextureCache m_cache;
    const ui::Ui& m_ui;
    std::shared_ptr<const ImageBytes> m_images;
};

} // namespace kiosk
