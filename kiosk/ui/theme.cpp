// Theme loading from TOML.
#include "ui/theme.hpp"

#include "content/toml_reader.hpp"

#include <algorithm>
#include <cmath>
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

Theme contrast_theme_defaults()
{
    Theme t;
    t.background = 0xFF000000;
    t.surface = 0xFF000000;
    t.surface_pressed = 0xFF404040;
    t.border = 0xFFFFFFFF;
    t.text = 0xFFFFFFFF;
    t.text_muted = 0xFFE6E6E6;
    t.accent = 0xFF3BD4FF; // #FFD43B
    t.accent_text = 0xFF000000;
    t.header = 0xFF000000;
    t.header_text = 0xFFFFFFFF;
    t.header_pressed = 0xFF404040;
    t.urgent = 0xFF0000D4; // #D40000
    t.urgent_text = 0xFFFFFFFF;
    t.urgent_pressed = 0xFF00008C;
    t.border_mm = 0.6f;
    return t;
}

Theme load_theme(
    const std::string& path, const std::string& file_name, Diagnostics& diagnostics, const char* table, Theme defaults)
{
    Theme theme = defaults;
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
        {"accent_text", &theme.accent_text},
        {"header", &theme.header},
        {"header_text", &theme.header_text},
        {"header_pressed", &theme.header_pressed},
        {"urgent", &theme.urgent},
        {"urgent_text", &theme.urgent_text},
        {"urgent_pressed", &theme.urgent_pressed},
    };
    if (!root->contains(table) || !root->at(table).is_table()) {
        diagnostics.error(file_name, 0, std::string("the theme needs a [") + table + "] table");
        return theme;
    }
    for (const auto& [key, value] : root->at(table).as_table()) {
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

float contrast_ratio(Color a, Color b)
{
    auto luminance = [](Color c) {
        auto channel = [](Color value) {
            double v = double(value & 0xFFu) / 255.0;
            return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c) + 0.7152 * channel(c >> 8) + 0.0722 * channel(c >> 16); // 0xAABBGGRR.
    };
    double la = luminance(a), lb = luminance(b);
    return float((std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05));
}

} // namespace kiosk::ui
