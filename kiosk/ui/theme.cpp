// Theme loading from TOML.
#include "ui/theme.hpp"

#include "content/toml_reader.hpp"

#include <utility>

namespace kiosk::ui {

bool parse_color(const std::string& text, Color& out)
{
    if ((text.size() != 7 && text.size() != 9) || text[0] != '#')
        return false;
    std::uint32_t v = 0;
    for (std::size_t i = 1; i < text.size(); ++i) {
        char c = text[i];
        int digit = (c >= '0' && c <= '9') ? c - '0'
            : (c >= 'a' && c <= 'f')       ? c - 'a' + 10
            : (c >= 'A' && c <= 'F')       ? c - 'A' + 10
                                           : -1;
        if (digit < 0)
            return false;
        v = (v << 4) | static_cast<std::uint32_t>(digit);
    }
    if (text.size() == 7)
        v = (v << 8) | 0xFF;
    // RRGGBBAA to ImGui's AABBGGRR.
    out = ((v >> 24) & 0xFF) | (((v >> 16) & 0xFF) << 8) | (((v >> 8) & 0xFF) << 16) | ((v & 0xFF) << 24);
    return true;
}

Theme load_theme(const std::string& path, const std::string& file_name, Diagnostics& diagnostics)
{
    Theme theme;
    auto root = read_toml_file(path, file_name, diagnostics);
    if (!root)
        return theme;
    std::pair<const char*, Color*> entries[] = {
        {"background", &theme.background},
        {"surface", &theme.surface},
        {"surface_pressed", &theme.surface_pressed},
        {"border", &theme.border},
        {"text", &theme.text},
        {"text_muted", &theme.text_muted},
        {"accent", &theme.accent},
        {"header", &theme.header},
        {"header_text", &theme.header_text},
        {"header_pressed", &theme.header_pressed},
        {"urgent", &theme.urgent},
        {"urgent_text", &theme.urgent_text},
        {"urgent_pressed", &theme.urgent_pressed},
    };
    if (!root->contains("colors") || !root->at("colors").is_table()) {
        diagnostics.error(file_name, 0, "the theme needs a [colors] table");
        return theme;
    }
    for (const auto& [key, value] : root->at("colors").as_table()) {
        Color* target = nullptr;
        for (auto& [name, color] : entries) {
            if (key == name)
                target = color;
        }
        if (!target) {
            diagnostics.warning(file_name, line_of(value), "unknown colour '" + key + "' is ignored");
            continue;
        }
        if (!value.is_string() || !parse_color(value.as_string().str, *target))
            diagnostics.error(file_name, line_of(value), key + " must be a colour such as \"#1F3A4D\"");
    }
    return theme;
}

} // namespace kiosk::ui
