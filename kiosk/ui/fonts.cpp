// Font loading: Noto Sans (fonts-noto-core) or DejaVu Sans (fonts-dejavu-core), regular, bold and italic, and the
// section icons from Material Icons (fonts-material-design-icons-iconfont).
#include "ui/fonts.hpp"

#include "content/posix_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <imgui.h>
#include <iterator>
#include <optional>
#include <stb_truetype.h>
#include <sys/stat.h>

namespace kiosk::ui {

namespace {

const char* const regular_candidates[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
};
const char* const bold_candidates[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
};
const char* const italic_candidates[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
};

// Latin with the accents of most European languages, and the typographic punctuation word processors insert.
const ImWchar base_ranges[] = {
    0x0020,
    0x017F, // Basic Latin, Latin-1 (¿ ¡ ñ é), Latin Extended-A.
    0x2010,
    0x2027, // Dashes, curly quotes, bullet, ellipsis.
    0x20AC,
    0x20AC, // Euro sign.
    0,
};

const char* const icon_font_file = "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf";
constexpr std::uint64_t max_icon_font_bytes = 8u << 20; // The package's file is 348 KiB.

// The icon font's bytes, read once for each path, or null when the file is missing, too big or not a font that
// stb_truetype can open (ImGui would abort on it). The atlas reads them at every rebuild and does not own them. UI
// thread only.
const std::string* icon_font_data(const std::string& path)
{
    static std::string loaded_path;
    static std::optional<std::string> bytes;
    static bool usable = false;
    if (!bytes || path != loaded_path) {
        loaded_path = path;
        bytes = kiosk::posix::read_file(path, max_icon_font_bytes);
        usable = false;
        if (bytes && bytes->size() >= 12) {
            const auto* data = reinterpret_cast<const unsigned char*>(bytes->data());
            stbtt_fontinfo info;
            usable = stbtt_GetFontOffsetForIndex(data, 0) == 0 && stbtt_InitFont(&info, data, 0) != 0;
        }
    }
    return usable ? &*bytes : nullptr;
}

ImFont* add_icon_font(ImFontAtlas& atlas, const std::string& data, float size, const ImWchar* ranges)
{
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false; // icon_font_data keeps it.
    config.OversampleH = 1;              // Whole pixels: each icon is drawn at the size it was rasterised at.
    config.OversampleV = 1;
    config.PixelSnapH = true;
    // The font's ascent is its em and its descent 0: `size` is the em square the icon is designed in.
    return atlas.AddFontFromMemoryTTF(
        const_cast<char*>(data.data()), int(data.size()), std::round(size), &config, ranges);
}

const char* first_existing(const char* const* candidates, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i) {
        struct stat st { };
        if (stat(candidates[i], &st) == 0 && S_ISREG(st.st_mode))
            return candidates[i];
    }
    return nullptr;
}

ImFont* add_font(ImFontAtlas& atlas, const char* path, float size, const ImWchar* ranges)
{
    ImFontConfig config;
    config.OversampleH = size >= 28.0f ? 1 : 2; // Large text needs no horizontal oversampling; it halves the atlas.
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return atlas.AddFontFromFileTTF(path, size, &config, ranges);
}

} // namespace

std::vector<ImWchar> glyph_ranges(const std::vector<const std::string*>& texts)
{
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(base_ranges);
    for (const std::string* text : texts)
        builder.AddText(text->c_str(), text->c_str() + text->size());
    ImVector<ImWchar> built;
    builder.BuildRanges(&built);
    return std::vector<ImWchar>(built.begin(), built.end());
}

std::string icon_font_path()
{
    const char* chosen = std::getenv("KIOSK_ICON_FONT");
    return chosen && *chosen ? chosen : icon_font_file;
}

std::vector<ImWchar> icon_glyph_ranges(std::vector<char32_t> codepoints)
{
    std::sort(codepoints.begin(), codepoints.end());
    codepoints.erase(std::unique(codepoints.begin(), codepoints.end()), codepoints.end());
    std::vector<ImWchar> ranges;
    for (char32_t c : codepoints) {
        if (c == 0 || c > 0xFFFF) // ImGui's characters are 16 bits here; the icons are in the private use area.
            continue;
        ranges.push_back(ImWchar(c));
        ranges.push_back(ImWchar(c));
    }
    if (!ranges.empty())
        ranges.push_back(0);
    return ranges;
}

bool build_fonts(ImFontAtlas& atlas, const Metrics& metrics, const std::vector<ImWchar>& ranges,
    const std::vector<ImWchar>& icon_ranges, Fonts& fonts, std::string& error)
{
    const ImWchar* glyphs = ranges.empty() ? base_ranges : ranges.data();
    const char* regular = first_existing(regular_candidates, std::size(regular_candidates));
    const char* bold = first_existing(bold_candidates, std::size(bold_candidates));
    // Emphasis without an italic face falls back to the regular one: it still reads, only less stressed.
    const char* italic = first_existing(italic_candidates, std::size(italic_candidates));
    if (!italic)
        italic = regular;
    if (!regular || !bold) {
        error = "no font found: install the package fonts-noto-core or fonts-dejavu-core";
        return false;
    }
    atlas.Clear();
    float body = metrics.body;
    fonts.body = add_font(atlas, regular, body, glyphs);
    fonts.bold = add_font(atlas, bold, body, glyphs);
    fonts.italic = add_font(atlas, italic, body, glyphs);
    fonts.tile = add_font(atlas, bold, std::round(body * 1.25f), glyphs);
    fonts.title = add_font(atlas, bold, std::round(body * 1.6f), glyphs);
    fonts.small = add_font(atlas, regular, std::round(body * 0.8f), glyphs);
    // Only the icons the content shows: the whole font at two sizes would be most of the atlas.
    const std::string* icon_data = icon_ranges.empty() ? nullptr : icon_font_data(icon_font_path());
    float icon_em = body * icon_em_per_box;
    fonts.icons = icon_data ? add_icon_font(atlas, *icon_data, icon_em * tile_icon_ems, icon_ranges.data()) : nullptr;
    fonts.icons_small
        = icon_data ? add_icon_font(atlas, *icon_data, icon_em * compact_tile_icon_ems, icon_ranges.data()) : nullptr;
    if (!fonts.body || !fonts.bold || !fonts.italic || !fonts.tile || !fonts.title || !fonts.small) {
        error = std::string("the font files could not be read: ") + regular + ", " + bold;
        return false;
    }
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;
    return atlas.Build();
}

} // namespace kiosk::ui
