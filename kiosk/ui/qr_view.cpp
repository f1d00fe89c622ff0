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

std::optional<Intent> draw_qr_view(
    const ScreenContext& c, const std::string& title, const std::string& url, const std::vector<QrDetail>& details)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::optional<Intent> intent = draw_navigation_bar(c, title, false);
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    float top = origin.y + style.header_height() + pad;

    // Words beside the code in landscape, under it in portrait.
    bool side_by_side = width > height * 1.1f;
    ImFont* hint_font = style.fonts.tile;
    ImFont* detail_font = style.fonts.body;
    ImFont* address_font = style.fonts.bold;
    std::string hint = c.word("scan_hint");
    std::string address = display_address(url);
    std::string close = c.word("close");
    float close_h = std::max(m.touch() * 1.3f, m.em(2.6f));
    float text_w = side_by_side ? std::max(width * 0.38f, m.em(12.0f)) : width - 2.0f * pad;
    float room_h = side_by_side ? height - (top - origin.y) - pad : (height - (top - origin.y)) * 0.45f;

    // The details give way first when the words do not fit: the last one (a description) loses lines, then goes.
    int detail_lines = 6;
    auto details_h = [&](int lines) {
        float h = 0.0f;
        for (std::size_t i = 0; i < details.size(); ++i) {
            bool last = i + 1 == details.size() && details.size() > 1;
            int allowed = last ? lines : 3;
            if (allowed > 0)
                h += wrapped_height(
                         details[i].strong ? style.fonts.bold : detail_font, text_w, details[i].text, allowed)
                    + m.em(0.5f);
        }
        return h;
    };
    auto words_h = [&](int lines) {
        return details_h(lines) + wrapped_height(hint_font, text_w, hint) + m.em(0.8f)
            + wrapped_height(address_font, text_w, address, 2) + m.em(1.2f) + close_h;
    };
    while (detail_lines > 0 && words_h(detail_lines) > room_h)
        --detail_lines;
    if (words_h(detail_lines) > room_h)
        hint_font = style.fonts.body;
    float text_h = words_h(detail_lines);

    float available_w = side_by_side ? width - text_w - 3.0f * pad : width - 2.0f * pad;
    float available_h
        = side_by_side ? height - (top - origin.y) - pad : height - (top - origin.y) - text_h - 2.0f * pad;

    const qrcodegen::QrCode code = qrcodegen::QrCode::encodeText(url.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
    int modules = code.getSize() + 2 * quiet_zone;
    int module_px = std::max(1, int(std::floor(std::min(available_w, available_h) / float(modules))));
    float side = float(module_px * modules);
    float code_x
        = std::floor(side_by_side ? origin.x + pad + (available_w - side) * 0.5f : origin.x + (width - side) * 0.5f);
    // In portrait the code and its words sit together in the middle of the space below the bar.
    float column_h = side + pad + text_h;
    float code_y = std::floor(side_by_side ? top + (available_h - side) * 0.5f
                                           : top + std::max(0.0f, (origin.y + height - pad - top - column_h) * 0.5f));
    list->AddRectFilled(ImVec2(code_x, code_y), ImVec2(code_x + side, code_y + side), 0xFFFFFFFF);
    for (int y = 0; y < code.getSize(); ++y) {
        for (int x = 0; x < code.getSize(); ++x) {
            if (!code.getModule(x, y))
                continue;
            float px = code_x + float((x + quiet_zone) * module_px), py = code_y + float((y + quiet_zone) * module_px);
            list->AddRectFilled(ImVec2(px, py), ImVec2(px + float(module_px), py + float(module_px)), 0xFF000000);
        }
    }

    float text_x = side_by_side ? origin.x + width - pad - text_w : origin.x + pad;
    float text_y = side_by_side ? top + std::max(0.0f, (available_h - text_h) * 0.5f) : code_y + side + pad;
    for (std::size_t i = 0; i < details.size(); ++i) {
        bool last = i + 1 == details.size() && details.size() > 1;
        int allowed = last ? detail_lines : 3;
        if (allowed <= 0)
            continue;
        text_y += draw_wrapped(list, details[i].strong ? style.fonts.bold : detail_font, ImVec2(text_x, text_y), text_w,
                      style.theme.text, details[i].text, allowed)
            + m.em(0.5f);
    }
    text_y += draw_wrapped(list, hint_font, ImVec2(text_x, text_y), text_w, style.theme.text, hint) + m.em(0.8f);
    text_y += draw_wrapped(list, address_font, ImVec2(text_x, text_y), text_w, style.theme.accent, address, 2)
        + m.em(1.2f);
    ImGui::SetCursorScreenPos(ImVec2(text_x, text_y));
    if (action_button("close", ImVec2(std::min(text_w, m.em(12.0f)), close_h), close, style))
        intent = Intent {Intent::Kind::Back, {}};
    return intent;
}

} // namespace kiosk::ui
