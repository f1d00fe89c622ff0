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

// An icon waiting for its rectangle of the atlas to be drawn into.
struct PendingIcon {
    IconGlyphs* set;
    std::size_t index; // In set->glyphs.
    int glyph;         // stb_truetype's glyph index.
    int rect;          // The atlas's custom rectangle.
    float scale;
};

// The icon font, read and opened for one rebuild of the atlas (it is not kept: ImGui never sees it).
class IconFont {
public:
    explicit IconFont(const std::string& path)
        : m_bytes(kiosk::posix::read_file(path, max_icon_font_bytes))
    {
        if (!m_bytes || m_bytes->size() < 12)
            return;
        const auto* data = reinterpret_cast<const unsigned char*>(m_bytes->data());
        m_usable = stbtt_GetFontOffsetForIndex(data, 0) == 0 && stbtt_InitFont(&m_info, data, 0) != 0;
        if (m_usable) {
            int descent = 0, gap = 0;
            stbtt_GetFontVMetrics(&m_info, &m_ascent, &descent, &gap);
        }
    }

    IconFont(const IconFont&) = delete; // m_info points into m_bytes.
    IconFont& operator=(const IconFont&) = delete;

    bool usable() const { return m_usable; }

    // Asks `atlas` for a rectangle for each of `codepoints` the font has, drawn with an em square `em` pixels wide.
    void reserve(ImFontAtlas& atlas, const std::vector<char32_t>& codepoints, float em, IconGlyphs& set,
        std::vector<PendingIcon>& pending)
    {
        set = {};
        set.em = std::round(em);
        float scale = stbtt_ScaleForMappingEmToPixels(&m_info, set.em);
        for (char32_t codepoint : codepoints) {
            int glyph = stbtt_FindGlyphIndex(&m_info, int(codepoint));
            int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            if (glyph == 0)
                continue; // Not in this font: the tile draws its kind's icon.
            stbtt_GetGlyphBitmapBox(&m_info, glyph, scale, scale, &x0, &y0, &x1, &y1);
            if (x1 <= x0 || y1 <= y0)
                continue;
            // The em square's top is the ascent above the baseline (Material Icons: the em, with no descent).
            IconGlyph icon {codepoint, ImVec2(float(x0), float(m_ascent) * scale + float(y0)),
                ImVec2(float(x1 - x0), float(y1 - y0)), {}, {}};
            pending.push_back({&set, set.glyphs.size(), glyph, atlas.AddCustomRectRegular(x1 - x0, y1 - y0), scale});
            set.glyphs.push_back(icon);
        }
    }

    // Draws the reserved icons into the built atlas's pixels, before the backend takes them.
    void draw(ImFontAtlas& atlas, const std::vector<PendingIcon>& pending)
    {
        for (const PendingIcon& icon : pending) {
            IconGlyph& glyph = icon.set->glyphs[icon.index];
            const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(icon.rect);
            unsigned char* pixels
                = atlas.TexPixelsAlpha8 + std::size_t(rect->Y) * std::size_t(atlas.TexWidth) + rect->X;
            stbtt_MakeGlyphBitmap(
                &m_info, pixels, rect->Width, rect->Height, atlas.TexWidth, icon.scale, icon.scale, icon.glyph);
            atlas.CalcCustomRectUV(rect, &glyph.uv0, &glyph.uv1);
        }
    }

private:
    std::optional<std::string> m_bytes;
    stbtt_fontinfo m_info {};
    bool m_usable = false;
    int m_ascent = 0;
};

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

const IconGlyph* IconGlyphs::find(char32_t codepoint) const
{
    auto found = std::find_if(
        glyphs.begin(), glyphs.end(), [&](const IconGlyph& glyph) { return glyph.codepoint == codepoint; });
    return found == glyphs.end() ? nullptr : &*found;
}

bool build_fonts(ImFontAtlas& atlas, const Metrics& metrics, const std::vector<ImWchar>& ranges,
    const std::vector<char32_t>& icons, Fonts& fonts, std::string& error)
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
    fonts.small = add_font(atlas, regular, metrics.secondary(), glyphs);
    if (!fonts.body || !fonts.bold || !fonts.italic || !fonts.tile || !fonts.title || !fonts.small) {
        error = std::string("the font files could not be read: ") + regular + ", " + bold;
        return false;
    }
    // Only the icons the content shows, at the two sizes tiles draw them: the whole font would be most of the atlas.
    fonts.icons = {};
    fonts.icons_small = {};
    std::vector<PendingIcon> pending;
    std::optional<IconFont> icon_font;
    if (!icons.empty())
        icon_font.emplace(icon_font_path());
    if (icon_font && icon_font->usable()) {
        float em = body * icon_em_per_box;
        icon_font->reserve(atlas, icons, em * tile_icon_ems, fonts.icons, pending);
        icon_font->reserve(atlas, icons, em * compact_tile_icon_ems, fonts.icons_small, pending);
    }
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;
    if (!atlas.Build())
        return false;
    if (icon_font && icon_font->usable())
        icon_font->draw(atlas, pending);
    return true;
}

} // namespace kiosk::ui
