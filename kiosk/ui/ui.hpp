// The visitor's UI: which screen is showing, and drawing it from the current content snapshot.
#pragma once

#include "ui/screen.hpp"

#include <string>
#include <vector>

namespace kiosk::ui {

class Ui {
public:
    Ui(Theme theme, Strings strings);

    // For a new display size or panel: rebuilds the font atlas, whose texture must then be uploaded again.
    bool set_metrics(const Metrics& metrics, std::string& error);
    void set_content(SnapshotPtr content);
    const SnapshotPtr& content() const { return m_content; }
    void set_language(const std::string& language) { m_language = language; }

    // Shows the screen at `path` (DESIGN.md's paths). Returns false and says why when the content has no such path.
    bool open(const std::string& path, std::string& error);
    void apply(const Intent& intent);

    // Builds this frame's ImGui draw lists; call between ImGui::NewFrame() and ImGui::Render().
    std::vector<Intent> frame(const FrameInfo& frame);

    // True while something moves by itself (a fling), so the frame loop keeps drawing.
    bool animating() const;
    const std::string& path() const { return m_stack.back(); }
    const std::string& language() const { return m_language; }
    const Style& style() const { return m_style; }
    const Strings& strings() const { return m_strings; }

private:
    ScrollArea& scroll_for_depth();
    // The card at "<section-id>/<card-id>" when it has a link, else nullptr.
    const Card* find_card(const std::string& path) const;

    Style m_style;
    Strings m_strings;
    SnapshotPtr m_content;
    std::string m_language = "en";
    std::vector<std::string> m_stack {"home"}; // The way back; "home" is always at the bottom.
    std::vector<ScrollArea> m_scrolls;         // One per depth of m_stack, so Back returns to where you were.
};

} // namespace kiosk::ui
