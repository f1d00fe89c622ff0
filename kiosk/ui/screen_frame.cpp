// What every screen but home shares: the navigation bar, and the window they all draw in.
#include "ui/controls.hpp"
#include "ui/screen.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

namespace kiosk::ui {

std::string language_name(const ScreenContext& c, const std::string& language)
{
    if (c.strings.has_language(language))
        return c.strings.get("language_name", language);
    std::string code = language;
    for (char& ch : code)
        ch = char(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
    return code;
}

namespace {

// The languages offered: every other one when there are up to three, else the next one in the content's order.
std::vector<std::string> offered_languages(const ScreenContext& c)
{
    const std::vector<std::string>& all = c.content.info().languages;
    std::vector<std::string> others;
    for (const std::string& language : all) {
        if (language != c.language)
            others.push_back(language);
    }
    if (others.size() <= 3)
        return others;
    auto at = std::find(all.begin(), all.end(), c.language);
    std::size_t next = at == all.end() ? 0 : std::size_t(at - all.begin() + 1) % all.size();
    return {all[next]};
}

// The icon buttons' width: a little wider than a finger, wider with large text, but never more than a tenth of the
// screen: on a 7-inch panel with large text, Back, Home, a language and three of them must share one bar.
float toggle_width(const Style& style)
{
    const Metrics& m = style.metrics;
    return std::max(m.touch() * 1.15f, std::min(std::max(m.touch() * 1.3f, m.em(1.8f)), float(m.width) * 0.1f));
}

} // namespace

// True when `text` fits on `lines` lines of `width` in `font` without breaking a word.
bool fits_in_lines(ImFont* font, float width, const std::string& text, int lines)
{
    return widest_word(font, text) <= width
        && wrapped_height(font, width, text, lines + 1) < font->FontSize * (1.15f * float(lines) + 0.4f);
}

float care_buttons_width(const ScreenContext& c)
{
    const Style& style = c.style;
    float gap = style.metrics.em(0.4f);
    float w = (c.read_aloud_offered ? 3.0f : 2.0f) * (toggle_width(style) + gap);
    for (const std::string& language : offered_languages(c))
        w += header_button_width(language_name(c, language), style) + gap;
    return w - gap;
}

float draw_care_buttons(const ScreenContext& c, float right, float y, float h, std::optional<Intent>& intent)
{
    const Style& style = c.style;
    float gap = style.metrics.em(0.4f);
    float origin_x = ImGui::GetWindowPos().x;
    float x = right;
    auto place = [&](float w) {
        x -= w;
        ImGui::SetCursorPos(ImVec2(x - origin_x, y));
        float at = x;
        x -= gap;
        return at;
    };
    // Read aloud at the bar's right end, where a hand sliding along the edge finds it on every screen.
    if (c.read_aloud_offered) {
        place(toggle_width(style));
        if (header_button("read-aloud", ImVec2(toggle_width(style), h), "", Icon::Speaker, style, false,
                c.read_aloud_on, c.word("read_aloud")))
            intent = Intent {Intent::Kind::ReadAloud, {}};
        if (c.read_aloud_on)
            set_said(ImGui::GetItemID(), c.word("read_aloud_toggle_said"));
    }
    place(toggle_width(style));
    if (header_button("contrast", ImVec2(toggle_width(style), h), "", Icon::Contrast, style, false, c.contrast,
            c.word("high_contrast")))
        intent = Intent {Intent::Kind::Contrast, {}};
    place(toggle_width(style));
    if (header_button("text-size", ImVec2(toggle_width(style), h), "", Icon::TextSize, style, false, c.large_text,
            c.word("larger_text")))
        intent = Intent {Intent::Kind::LargeText, {}};
    std::vector<std::string> languages = offered_languages(c);
    for (auto language = languages.rbegin(); language != languages.rend(); ++language) {
        std::string name = language_name(c, *language);
        float w = header_button_width(name, style);
        place(w);
        ImGui::PushID(language->c_str());
        if (header_button("language", ImVec2(w, h), name, Icon::None, style))
            intent = Intent {Intent::Kind::Language, *language};
        ImGui::PopID();
    }
    return x + gap;
}

bool bar_fits_one_row(const ScreenContext& c, float width)
{
    const Style& style = c.style;
    float gap = style.metrics.em(0.4f);
    float icon_w = header_button_width("", style, Icon::Back);
    // Back and Home a gap apart, the settings anywhere right of them: large text on a 7-inch panel lying down fits.
    return style.pad() * 2.0f + 2.0f * icon_w + gap + care_buttons_width(c) <= width;
}

std::optional<Intent> draw_navigation_bar(
    const ScreenContext& c, const std::string& title, bool urgent, bool* title_cut)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::optional<Intent> intent;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = style.header_height();
    list->AddRectFilled(
        origin, ImVec2(origin.x + width, origin.y + height), urgent ? style.theme.urgent : style.theme.header);
    // A line under the bar, so it stands apart where bar and page share a colour (high contrast).
    list->AddRectFilled(ImVec2(origin.x, origin.y + height - style.line()), ImVec2(origin.x + width, origin.y + height),
        style.theme.border);

    float pad = style.pad();
    float gap = m.em(0.4f);
    float button_h = style.bar_button_height();
    float row_h = style.bar_row_height();
    float y = (row_h - button_h) * 0.5f;
    bool two_rows = style.bar_rows > 1;
    std::string back = c.word("back");
    std::string home = c.word("home");
    // Words on Back and Home while there is room for them and a title; on a narrow panel (or with large text) their
    // icons alone, which keeps every button where it always is. The overdose help is not in the bar: it has a strip
    // of its own at the foot of the screen (draw_urgent_strip).
    float care_w = care_buttons_width(c);
    float back_w = header_button_width(back, style, Icon::Back);
    float home_w = header_button_width(home, style, Icon::Home);
    bool words = pad * 2.0f + back_w + home_w + (two_rows ? 0.0f : care_w + gap) + gap * 2.0f + m.em(8.0f) <= width;
    if (!words)
        back_w = home_w = header_button_width("", style, Icon::Back);
    ImGui::SetCursorPos(ImVec2(pad, y));
    if (header_button("back", ImVec2(back_w, button_h), words ? back : "", Icon::Back, style, urgent, false, back))
        intent = Intent {Intent::Kind::Back, {}};
    ImGui::SetCursorPos(ImVec2(pad + back_w + gap, y));
    if (header_button("home", ImVec2(home_w, button_h), words ? home : "", Icon::Home, style, urgent, false, home))
        intent = Intent {Intent::Kind::Home, {}};
    // The settings at the right of the row, or of a second row of their own.
    float right = draw_care_buttons(c, origin.x + width - pad, y + (two_rows ? row_h : 0.0f), button_h, intent);
    right = two_rows ? origin.x + width - pad : right - m.em(0.8f);

    // The title, whole or not at all: on one line in the title font, else a size smaller, else on two lines in bold
    // body text. When even that does not fit (large text on a small panel) the bar leaves it out and the screen shows
    // it whole at the top of its content; a title is never cut short with "...".
    float title_x = origin.x + pad + back_w + gap + home_w + m.em(0.8f);
    float title_w = right - title_x;
    ImFont* font = nullptr;
    int lines = 1;
    if (title_w >= m.em(3.0f)) {
        for (ImFont* candidate : {style.fonts.title, style.fonts.tile}) {
            if (!font && fits_in_lines(candidate, title_w, title, 1))
                font = candidate;
        }
        if (!font && fits_in_lines(style.fonts.bold, title_w, title, 2)
            && wrapped_height(style.fonts.bold, title_w, title, 2) <= button_h) {
            font = style.fonts.bold;
            lines = 2;
        }
    }
    if (title_cut)
        *title_cut = font == nullptr;
    if (font) {
        float h = wrapped_height(font, title_w, title, lines);
        draw_wrapped(list, font, ImVec2(title_x, origin.y + std::round((row_h - h) * 0.5f)), title_w,
            urgent ? style.theme.urgent_text : style.theme.header_text, title, lines);
    }
    return intent;
}

namespace {

// How the strip at the foot lays out the urgent title: the font, the words (shortened only when two lines of body
// text cannot hold them), and the band's height.
struct UrgentStripLayout {
    ImFont* font = nullptr;
    std::string words;
    int lines = 1;
    float band_h = 0.0f; // The red band itself.
    float margin = 0.0f; // Background above and below it.
};

float strip_icon_size(const Metrics& m)
{
    return m.em(1.3f);
}
float strip_inset(const Metrics& m)
{
    return m.em(0.7f);
}

// The first sentence of `text` ("Overdose?" of "Overdose? Get help now"), or "" when it has only one.
std::string first_sentence(const std::string& text)
{
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        char ch = text[i];
        if ((ch == '?' || ch == '!' || ch == '.' || ch == ':') && text[i + 1] == ' ')
            return text.substr(0, i + 1);
    }
    return "";
}

// The words that fit on `lines` lines of `width`: the whole text; else its first sentence; else as many whole words
// as fit, then "...". Never a word cut in the middle.
std::string shorten_to_fit(ImFont* font, float width, const std::string& text, int lines)
{
    auto fits = [&](const std::string& words) { return fits_in_lines(font, width, words, lines); };
    if (fits(text))
        return text;
    if (std::string first = first_sentence(text); !first.empty() && fits(first))
        return first;
    std::string kept;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(' ', at + 1);
        std::string longer = text.substr(0, end == std::string::npos ? text.size() : end);
        if (!fits(longer + "\xE2\x80\xA6"))
            break;
        kept = longer;
        at = end == std::string::npos ? text.size() : end;
    }
    return kept + "\xE2\x80\xA6";
}

UrgentStripLayout urgent_strip_layout(const ScreenContext& c, float width)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    UrgentStripLayout layout;
    const std::string& title = c.text(c.content.info().urgent->title);
    // The band is as wide as the screen less its padding; the words sit between the icon and the chevron.
    float text_w = width - 2.0f * style.pad() - 2.0f * strip_inset(m) - strip_icon_size(m) - m.em(0.6f) - m.em(1.0f);
    layout.margin = std::round(m.em(0.25f));
    layout.words = title;
    auto band_height = [&](ImFont* font, float text_h) {
        return std::ceil(std::max({m.touch(), text_h + m.em(0.6f), font->FontSize * 1.6f}));
    };
    // Home's band's font when the title fits it on one line and the band stays within an eighth of the screen's
    // height, else bold body text on one line (large text on a short panel: the content keeps its room), else
    // secondary text on one line, else bold on two.
    ImFont* tile = style.fonts.tile;
    if (fits_in_lines(tile, text_w, title, 1) && band_height(tile, tile->FontSize) <= float(m.height) / 8.0f) {
        layout.font = style.fonts.tile;
    } else if (fits_in_lines(style.fonts.bold, text_w, title, 1)) {
        layout.font = style.fonts.bold;
    } else if (fits_in_lines(style.fonts.small, text_w, title, 1)) {
        layout.font
            = style.fonts.small; // Still at least 2.8 mm capitals (4 mm with large text): one line reads faster.
    } else {
        layout.font = style.fonts.bold;
        layout.lines = 2;
        layout.words = shorten_to_fit(layout.font, text_w, title, 2);
    }
    float text_h = wrapped_height(layout.font, text_w, layout.words, layout.lines);
    layout.band_h = band_height(layout.font, text_h);
    return layout;
}

} // namespace

float urgent_strip_height(const ScreenContext& c, float width)
{
    if (!c.content.info().urgent)
        return 0.0f;
    UrgentStripLayout layout = urgent_strip_layout(c, width);
    return layout.band_h + 2.0f * layout.margin;
}

std::optional<Intent> draw_urgent_strip(const ScreenContext& c)
{
    std::optional<Intent> intent;
    if (!c.content.info().urgent)
        return intent;
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    const Theme& t = style.theme;
    float width = ImGui::GetWindowWidth();
    UrgentStripLayout layout = urgent_strip_layout(c, width);
    float pad = style.pad();
    ImGui::SetCursorPos(ImVec2(pad, layout.margin));
    ImVec2 pos = ImGui::GetCursorScreenPos();
    ImVec2 size(width - 2.0f * pad, layout.band_h);
    // Its label is the whole urgent title, whatever had to be left out of the words shown.
    Press press = press_area("urgent", size, c.text(c.content.info().urgent->title));
    if (press.clicked)
        intent = Intent {Intent::Kind::Open, "urgent"};

    // Drawn as home's urgent band is: the same red, the same mark, white words and a chevron, so a visitor who saw
    // the band on home knows it again.
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    fill_rounded(list, pos, max, press.held ? t.urgent_pressed : t.urgent, style.radius());
    float mid_y = pos.y + size.y * 0.5f;
    float icon = strip_icon_size(m);
    float x = pos.x + strip_inset(m);
    draw_icon(list, Icon::Help, ImVec2(x + icon * 0.5f, mid_y), icon, t.urgent_text);
    x += icon + m.em(0.6f);
    float chevron = m.em(1.0f);
    ImVec2 cv(max.x - strip_inset(m) - chevron * 0.5f, mid_y);
    float s = chevron * 0.5f;
    ImVec2 points[] = {ImVec2(cv.x - s * 0.3f, cv.y - s * 0.6f), ImVec2(cv.x + s * 0.3f, cv.y),
        ImVec2(cv.x - s * 0.3f, cv.y + s * 0.6f)};
    list->AddPolyline(points, 3, t.urgent_text, 0, std::max(2.0f, chevron * 0.11f));
    float text_w = max.x - strip_inset(m) - chevron - x;
    float text_h = wrapped_height(layout.font, text_w, layout.words, layout.lines);
    list->PushClipRect(pos, max, true);
    draw_wrapped(list, layout.font, ImVec2(x, std::round(mid_y - text_h * 0.5f)), text_w, t.urgent_text, layout.words,
        layout.lines);
    list->PopClipRect();
    return intent;
}

void draw_content_title(const ScreenContext& c, const std::string& title, float left, float width)
{
    // On a short panel (large text on a 7-inch one) a size smaller: the list it heads starts on the first screen.
    const Metrics& m = c.style.metrics;
    bool short_panel = float(m.height) < m.em(16.0f);
    ImFont* font = short_panel ? c.style.fonts.tile : c.style.fonts.title;
    ImGui::SetCursorPosX(left);
    float h
        = draw_wrapped(ImGui::GetWindowDrawList(), font, ImGui::GetCursorScreenPos(), width, c.style.theme.text, title);
    ImGui::Dummy(ImVec2(width, h + m.em(short_panel ? 0.3f : 0.6f)));
}

void begin_screen(const char* id, const Style& style, ImVec2 shift, float top, float height)
{
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + shift.x, viewport->Pos.y + top + shift.y));
    ImGui::SetNextWindowSize(ImVec2(viewport->Size.x, height > 0.0f ? height : viewport->Size.y - top));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0.0f, 0.0f));
    // No window fill: the renderer clears to the background colour already, and a second full-screen fill costs a
    // software renderer about 1.5 ms a frame.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, 0u);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, 0u);
    ImGui::Begin(id, nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings
            | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushFont(style.fonts.body);
}

void end_screen()
{
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleColor(2);
    ImGui::PopStyleVar(4);
}

} // namespace kiosk::ui
