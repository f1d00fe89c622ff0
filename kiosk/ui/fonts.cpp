// Font loading: Noto Sans (fonts-noto-core) or DejaVu Sans (fonts-dejavu-core), regular, bold and italic.
#include "ui/fonts.hpp"

#include <cmath>
#include <imgui.h>
#include <iterator>
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

bool build_fonts(
    ImFontAtlas& atlas, const Metrics& metrics, const std::vector<ImWchar>& ranges, Fonts& fonts, std::string& error)
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
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;
    return atlas.Build();
}

} // namespace kiosk::ui
