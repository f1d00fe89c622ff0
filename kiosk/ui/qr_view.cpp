// The QR view: a link leaves with the visitor as a QR code their phone reads at the first try.
#include "content/text_util.hpp"
#include "ui/screen.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>
#include <qrcodegen.hpp>

namespace kiosk::ui {

namespace {

constexpr int quiet_zone = 4;         // Modules of white around the code, as the standard asks.
constexpr std::size_t shown_url = 60; // Characters of the address written under the code.

// The address as people read it: no scheme, shortened when long. The code itself always holds the whole address.
std::string display_address(const std::string& url)
{
    std::string shown = url;
    for (const char* scheme : {"https://", "http://", "mailto:", "tel:"}) {
        if (shown.rfind(scheme, 0) == 0) {
            shown = shown.substr(std::string(scheme).size());
            break;
        }
    }
    if (!shown.empty() && shown.back() == '/')
        shown.pop_back();
    return shortened(shown, shown_url);
}

} // namespace

namespace {

// The address on as few lines as it takes, broken after the host name rather than inside it.
std::string address_lines(ImFont* font, float width, const std::string& address)
{
    if (font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, address.c_str()).x <= width)
        return address;
    auto slash = address.find('/');
    if (slash == std::string::npos || slash == 0)
        return address;
    return address.substr(0, slash) + "\n" + address.substr(slash);
}

// What goes beside (or under) the code, one paragraph each, measured for a column width.
struct Paragraph {
    ImFont* font;
    Color color;
    std::string text;
    int max_lines;
    float space_after;
};

float paragraphs_height(const std::vector<Paragraph>& paragraphs, float width)
{
    float h = 0.0f;
    for (const Paragraph& p : paragraphs) {
        if (p.max_lines > 0)
            h += wrapped_height(p.font, width, p.text, p.max_lines) + p.space_after;
    }
    return h;
}

// The space the words have beside (or under) the code, and the code's least side, for fitting one to the other.
struct QrSpace {
    float width = 0.0f;      // The window's.
    float body_h = 0.0f;     // Below the bar, inside the padding.
    float pad = 0.0f;        // Around the code and the words.
    float least_side = 0.0f; // The code's least side: below it a phone held at arm's length starts to struggle.
    float close_h = 0.0f;    // The Close button's height, under the words.
    bool side_by_side = false;

    // The height the words have and the side the code has, when the words' column is `w` wide.
    std::pair<float, float> room(float w) const
    {
        float code_room = side_by_side ? std::min(width - w - 3.0f * pad, body_h) : 0.0f;
        return std::pair(side_by_side ? body_h : body_h - least_side - pad, code_room);
    }
};

// The words: the whole title when the bar had to cut it, the details, what to do, and last the address.
std::vector<Paragraph> qr_words(const ScreenContext& c, const std::string& title, bool title_cut,
    const std::vector<QrDetail>& details, const std::string& address)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::vector<Paragraph> words;
    if (title_cut)
        words.push_back({style.fonts.tile, style.theme.text, title, 3, m.em(0.5f)});
    for (std::size_t i = 0; i < details.size(); ++i) {
        bool last = i + 1 == details.size();
        words.push_back({details[i].strong ? style.fonts.bold : style.fonts.body, style.theme.text, details[i].text,
            last ? 10 : 4, m.em(0.5f)});
    }
    words.push_back({style.fonts.bold, style.theme.text, c.word("scan_hint"), 4, m.em(0.6f)});
    words.push_back({style.fonts.bold, style.theme.accent, address, 3, m.em(1.0f)});
    return words;
}

// The words of `qr_words` fit a column `w` wide with Close under them; the address is first broken for that width.
bool words_fit(
    std::vector<Paragraph>& words, const std::string& address, float w, const Style& style, const QrSpace& space)
{
    words.back().text = address_lines(style.fonts.bold, w, address);
    return paragraphs_height(words, w) + space.close_h <= space.room(w).first;
}

// The width of the words' column. The column widens (and the code shrinks, never below its least size) until the
// words fit; then the last detail gives up lines, and last whole paragraphs go until Close fits.
float fit_words(std::vector<Paragraph>& words, bool title_cut, bool has_details, const std::string& address,
    const Style& style, const QrSpace& space)
{
    const Metrics& m = style.metrics;
    std::size_t hint_index = words.size() - 2;
    float text_w = space.side_by_side ? std::max(space.width * 0.38f, m.em(12.0f)) : space.width - 2.0f * space.pad;
    auto fits = [&](float w) { return words_fit(words, address, w, style, space); };
    if (space.side_by_side) {
        while (!fits(text_w) && space.room(text_w + m.em(2.0f)).second >= space.least_side)
            text_w += m.em(2.0f);
    }
    // Still too much: the last detail (a description) gives up lines, then the title.
    std::size_t title_index = title_cut ? 0 : words.size();
    std::size_t last_detail = has_details ? hint_index - 1 : words.size();
    for (std::size_t shrink : {last_detail, title_index}) {
        while (shrink < words.size() && !fits(text_w) && words[shrink].max_lines > (shrink == title_index ? 1 : 0))
            --words[shrink].max_lines;
    }
    // Large text on a small panel: the details and the title go, then the address (the code holds it), and last the
    // hint, until Close fits.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < hint_index; ++i)
        order.push_back(i);
    order.push_back(hint_index + 1);
    order.push_back(hint_index);
    for (std::size_t drop : order) {
        if (fits(text_w))
            break;
        words[drop].max_lines = 0;
    }
    return text_w;
}

} // namespace

static void draw_qr_code(ImDrawList* list, const qrcodegen::QrCode& code, ImVec2 pos, int module_px)
{
    auto side = float(module_px * (code.getSize() + 2 * quiet_zone));
    list->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), 0xFFFFFFFF);
    // Runs of dark modules in a row as one rectangle: fewer shapes to draw, the same pixels.
    for (int y = 0; y < code.getSize(); ++y) {
        float py = pos.y + float((y + quiet_zone) * module_px);
        for (int x = 0; x < code.getSize();) {
            if (!code.getModule(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < code.getSize() && code.getModule(end, y))
                ++end;
            float px = pos.x + float((x + quiet_zone) * module_px);
            list->AddRectFilled(
                ImVec2(px, py), ImVec2(px + float((end - x) * module_px), py + float(module_px)), 0xFF000000);
            x = end;
        }
    }
}

float draw_qr(ImDrawList* list, const std::string& url, ImVec2 pos, float max_side)
{
    const qrcodegen::QrCode code = qrcodegen::QrCode::encodeText(url.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
    int modules = code.getSize() + 2 * quiet_zone;
    int module_px = std::max(1, int(std::floor(max_side / float(modules))));
    draw_qr_code(list, code, pos, module_px);
    return float(module_px * modules);
}

int qr_modules(const std::string& url)
{
    return qrcodegen::QrCode::encodeText(url.c_str(), qrcodegen::QrCode::Ecc::MEDIUM).getSize() + 2 * quiet_zone;
}

std::optional<Intent> draw_qr_view(
    const ScreenContext& c, const std::string& title, const std::string& url, const std::vector<QrDetail>& details)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    bool title_cut = false;
    std::optional<Intent> intent = draw_navigation_bar(c, title, false, &title_cut);
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    float top = origin.y + style.header_height() + pad;
    float body_h = origin.y + height - pad - top;

    const qrcodegen::QrCode code = qrcodegen::QrCode::encodeText(url.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
    int modules = code.getSize() + 2 * quiet_zone;
    // Below this a phone held at arm's length starts to struggle: about 1.2 mm a module.
    float least_side = float(modules) * std::max(1.0f, m.mm(1.2f));

    // The words beside the code in landscape, under it in portrait, and Close under them.
    std::string address = display_address(url);
    std::vector<Paragraph> words = qr_words(c, title, title_cut, details, address);
    float close_h = std::max(m.touch() * 1.3f, m.em(2.6f));
    bool side_by_side = width > height * 1.1f;
    QrSpace space {width, body_h, pad, least_side, close_h, side_by_side};
    float text_w = fit_words(words, title_cut, !details.empty(), address, style, space);
    float text_h = paragraphs_height(words, text_w) + close_h;

    float available_w = side_by_side ? width - text_w - 3.0f * pad : width - 2.0f * pad;
    float available_h = side_by_side ? body_h : body_h - text_h - pad;
    int module_px = std::max(1, int(std::floor(std::min(available_w, available_h) / float(modules))));
    auto side = float(module_px * modules);
    float code_x
        = std::floor(side_by_side ? origin.x + pad + (available_w - side) * 0.5f : origin.x + (width - side) * 0.5f);
    // In portrait the code and its words sit together in the middle of the space below the bar.
    float column_h = side + pad + text_h;
    float code_y = std::floor(
        side_by_side ? top + (available_h - side) * 0.5f : top + std::max(0.0f, (body_h - column_h) * 0.5f));
    draw_qr_code(list, code, ImVec2(code_x, code_y), module_px);

    float text_x = side_by_side ? origin.x + width - pad - text_w : origin.x + pad;
    float text_y = side_by_side ? top + std::max(0.0f, (available_h - text_h) * 0.5f) : code_y + side + pad;
    for (const Paragraph& p : words) {
        if (p.max_lines > 0)
            text_y += draw_wrapped(list, p.font, ImVec2(text_x, text_y), text_w, p.color, p.text, p.max_lines)
                + p.space_after;
    }
    // Close is always on the screen, whatever the words needed.
    ImGui::SetCursorScreenPos(ImVec2(text_x, std::min(text_y, origin.y + height - pad - close_h)));
    if (action_button("close", ImVec2(std::min(text_w, m.em(12.0f)), close_h), c.word("close"), style))
        intent = Intent {Intent::Kind::Back, {}};
    return intent;
}

} // namespace kiosk::ui
