// The home screen: the center's name and the time, a big tile for each section, and the urgent-help band.
#include "ui/screen.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>

namespace kiosk::ui {

namespace {

void draw_header(const ScreenContext& c)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = style.header_height();
    list->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), style.theme.header);

    // The clock at the right: the time in bold over the date.
    std::string time = c.strings.format_time(c.frame.local, c.language);
    std::string date = c.strings.format_date(c.frame.local, c.language);
    ImFont* time_font = style.fonts.bold;
    ImFont* date_font = style.fonts.small;
    float time_w = time_font->CalcTextSizeA(time_font->FontSize, FLT_MAX, 0, time.c_str()).x;
    float date_w = date_font->CalcTextSizeA(date_font->FontSize, FLT_MAX, 0, date.c_str()).x;
    float clock_w = std::max(time_w, date_w);
    float block_h = time_font->FontSize + date_font->FontSize * 1.05f;
    float right = origin.x + width - style.pad();
    float top = origin.y + (height - block_h) * 0.5f;
    list->AddText(time_font, time_font->FontSize, ImVec2(right - time_w, top), style.theme.header_text, time.c_str());
    list->AddText(date_font, date_font->FontSize, ImVec2(right - date_w, top + time_font->FontSize * 1.05f),
        style.theme.header_text, date.c_str());

    // The name gets what is left of the line.
    ImFont* title = style.fonts.title;
    float name_x = origin.x + style.pad();
    float name_w = right - clock_w - m.em(1.0f) - name_x;
    const std::string& name = c.text(c.content.info().name);
    float name_h = wrapped_height(title, name_w, name, 1);
    draw_wrapped(
        list, title, ImVec2(name_x, origin.y + (height - name_h) * 0.5f), name_w, style.theme.header_text, name, 1);
}

} // namespace

Icon icon_for(SectionKind kind)
{
    switch (kind) {
    case SectionKind::Page:
        return Icon::Page;
    case SectionKind::Cards:
        return Icon::Cards;
    case SectionKind::Agenda:
        return Icon::Calendar;
    }
    return Icon::Page;
}

std::optional<Intent> draw_home(const ScreenContext& c, ScrollArea& scroll)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    const BundleInfo& info = c.content.info();
    std::optional<Intent> intent;

    draw_header(c);
    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    float urgent_h = info.urgent ? std::max(m.touch() * 1.4f, m.em(3.0f)) : 0.0f;
    float urgent_space = info.urgent ? urgent_h + pad : 0.0f;

    // Tiles: as many columns as fit tiles at least 14 text-widths wide, up to three. They grow taller to fill a
    // big screen, up to 1.6 times their least height, and scroll when there are more than fit.
    float inner_w = width - 2.0f * pad;
    float min_tile_w = m.em(14.0f);
    int columns = std::clamp(int((inner_w + pad) / (min_tile_w + pad)), 1, 3);
    float tile_w = std::floor((inner_w - pad * float(columns - 1)) / float(columns));
    ImVec2 area_pos(pad, style.header_height());
    ImVec2 area_size(width - pad, height - style.header_height() - urgent_space - pad * 0.5f);
    int rows = std::max(1, int((info.sections.size() + std::size_t(columns) - 1) / std::size_t(columns)));
    float min_tile_h = std::max(m.touch() * 1.6f, m.em(4.2f));
    float fill_h = std::floor((area_size.y - pad * float(rows + 1)) / float(rows));
    float tile_h = std::clamp(fill_h, min_tile_h, min_tile_h * 1.6f);
    ImGui::SetCursorPos(area_pos);
    scroll.begin("tiles", area_size, c.frame.uptime, m.mm(2.0f));
    ImGui::SetCursorPos(ImVec2(0.0f, pad));
    for (std::size_t i = 0; i < info.sections.size(); ++i) {
        const Section& section = info.sections[i];
        int column = int(i % std::size_t(columns));
        ImGui::SetCursorPos(
            ImVec2(float(column) * (tile_w + pad), pad + float(i / std::size_t(columns)) * (tile_h + pad)));
        ImGui::PushID(section.id.c_str());
        if (tile("tile", ImVec2(tile_w, tile_h), c.text(section.title), icon_for(section.kind), style))
            intent = Intent {Intent::Kind::Open, section.id};
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(1.0f, pad * 0.5f)); // Room below the last row.
    scroll.end();

    if (info.urgent) {
        ImGui::SetCursorPos(ImVec2(pad, height - urgent_h - pad));
        if (urgent_band("urgent", ImVec2(inner_w, urgent_h), c.text(info.urgent->title), style))
            intent = Intent {Intent::Kind::Open, "urgent"};
    }
    return intent;
}

} // namespace kiosk::ui
