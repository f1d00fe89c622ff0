// The vector icons drawn with lines (back, home, QR...) and a section's icon drawn from the icon font.
#include "ui/widgets.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {

namespace {

// Where an icon is drawn and with what: its middle, half its size, the stroke's width and the colour.
struct IconPen {
    ImDrawList* list;
    ImVec2 c;
    float s; // Half the icon's size: the icons are drawn on a square from -1 to 1.
    float t; // The stroke's width.
    Color color;

    ImVec2 at(float x, float y) const { return ImVec2(c.x + x * s, c.y + y * s); }
};

// A calendar leaf: a frame with a filled top, two rings and six days.
void draw_calendar_icon(const IconPen& pen)
{
    ImDrawList* list = pen.list;
    float s = pen.s, t = pen.t;
    Color color = pen.color;
    auto at = [&](float x, float y) { return pen.at(x, y); };
    list->AddRect(at(-0.85f, -0.7f), at(0.85f, 0.85f), color, s * 0.1f, 0, t);
    list->AddRectFilled(at(-0.85f, -0.7f), at(0.85f, -0.3f), color, s * 0.1f, ImDrawFlags_RoundCornersTop);
    list->AddLine(at(-0.45f, -0.95f), at(-0.45f, -0.55f), color, t);
    list->AddLine(at(0.45f, -0.95f), at(0.45f, -0.55f), color, t);
    for (float x : {-0.45f, 0.0f, 0.45f}) {
        for (float y : {0.05f, 0.5f})
            list->AddRectFilled(at(x - 0.12f, y - 0.12f), at(x + 0.12f, y + 0.12f), color);
    }
}

// Three finder squares and two modules: "this has a QR code".
void draw_qr_icon(const IconPen& pen)
{
    ImDrawList* list = pen.list;
    float s = pen.s, t = pen.t;
    Color color = pen.color;
    auto at = [&](float x, float y) { return pen.at(x, y); };
    for (ImVec2 corner : {at(-0.9f, -0.9f), at(0.2f, -0.9f), at(-0.9f, 0.2f)}) {
        float side = 0.7f * s;
        list->AddRect(corner, ImVec2(corner.x + side, corner.y + side), color, 0.0f, 0, t);
        list->AddRectFilled(ImVec2(corner.x + side * 0.33f, corner.y + side * 0.33f),
            ImVec2(corner.x + side * 0.67f, corner.y + side * 0.67f), color);
    }
    list->AddRectFilled(at(0.3f, 0.3f), at(0.55f, 0.55f), color);
    list->AddRectFilled(at(0.6f, 0.6f), at(0.9f, 0.9f), color);
}

// A loudspeaker (a box and its cone, filled) with two sound waves to its right: read aloud.
void draw_speaker_icon(const IconPen& pen)
{
    ImDrawList* list = pen.list;
    auto at = [&](float x, float y) { return pen.at(x, y); };
    list->AddRectFilled(at(-0.95f, -0.3f), at(-0.45f, 0.3f), pen.color);
    ImVec2 cone[] = {at(-0.55f, -0.3f), at(-0.05f, -0.8f), at(-0.05f, 0.8f), at(-0.55f, 0.3f)};
    list->AddConvexPolyFilled(cone, 4, pen.color);
    for (float r : {0.45f, 0.85f}) {
        list->PathArcTo(at(0.05f, 0.0f), r * pen.s, -0.9f, 0.9f, 16);
        list->PathStroke(pen.color, 0, pen.t);
    }
}

// "A" drawn as strokes, a big one and a small one, so no font is needed.
void draw_text_size_icon(const IconPen& pen)
{
    auto at = [&](float x, float y) { return pen.at(x, y); };
    auto letter = [&](float cx, float h, float w) {
        ImVec2 pts[] = {at(cx - w, 0.8f), at(cx, 0.8f - h), at(cx + w, 0.8f)};
        pen.list->AddPolyline(pts, 3, pen.color, 0, pen.t * 1.1f);
        pen.list->AddLine(at(cx - w * 0.55f, 0.8f - h * 0.38f), at(cx + w * 0.55f, 0.8f - h * 0.38f), pen.color, pen.t);
    };
    letter(-0.35f, 1.6f, 0.55f);
    letter(0.6f, 0.95f, 0.32f);
}

} // namespace

void draw_icon(ImDrawList* list, Icon icon, ImVec2 c, float size, Color color)
{
    float s = size * 0.5f;
    float t = std::max(2.0f, size * 0.085f); // Stroke width.
    IconPen pen {list, c, s, t, color};
    auto at = [&](float x, float y) { return pen.at(x, y); };
    switch (icon) {
    case Icon::None:
        break;
    case Icon::Page:
        list->AddRect(at(-0.62f, -0.85f), at(0.62f, 0.85f), color, s * 0.12f, 0, t);
        for (float y : {-0.4f, 0.0f, 0.4f})
            list->AddLine(at(-0.32f, y), at(0.32f, y), color, t);
        break;
    case Icon::Cards:
        for (float x : {-0.85f, 0.1f}) {
            for (float y : {-0.85f, 0.1f})
                list->AddRectFilled(at(x, y), at(x + 0.75f, y + 0.75f), color, s * 0.12f);
        }
        break;
    case Icon::Calendar:
        draw_calendar_icon(pen);
        break;
    case Icon::Help:
        list->AddCircle(c, s * 0.92f, color, 32, t);
        list->AddRectFilled(at(-0.09f, -0.55f), at(0.09f, 0.2f), color, s * 0.05f);
        list->AddCircleFilled(at(0.0f, 0.48f), s * 0.12f, color, 12);
        break;
    case Icon::Back: {
        ImVec2 points[] = {at(0.3f, -0.6f), at(-0.3f, 0.0f), at(0.3f, 0.6f)};
        list->AddPolyline(points, 3, color, 0, t * 1.3f);
        break;
    }
    case Icon::Home: {
        ImVec2 roof[] = {at(-0.85f, 0.0f), at(0.0f, -0.8f), at(0.85f, 0.0f)};
        list->AddPolyline(roof, 3, color, 0, t * 1.2f);
        ImVec2 body[] = {at(-0.55f, -0.25f), at(-0.55f, 0.75f), at(0.55f, 0.75f), at(0.55f, -0.25f)};
        list->AddPolyline(body, 4, color, 0, t * 1.2f);
        break;
    }
    case Icon::Qr:
        draw_qr_icon(pen);
        break;
    case Icon::Check: {
        ImVec2 points[] = {at(-0.7f, 0.0f), at(-0.2f, 0.5f), at(0.7f, -0.5f)};
        list->AddPolyline(points, 3, color, 0, t * 1.4f);
        break;
    }
    case Icon::Contrast:
        list->AddCircle(c, s * 0.85f, color, 32, t);
        list->PathArcTo(c, s * 0.85f, -1.5707963f, 1.5707963f, 24);
        list->PathFillConvex(color);
        break;
    case Icon::TextSize:
        draw_text_size_icon(pen);
        break;
    case Icon::Speaker:
        draw_speaker_icon(pen);
        break;
    case Icon::Stop:
        list->AddRectFilled(at(-0.6f, -0.6f), at(0.6f, 0.6f), color, s * 0.1f);
        break;
    case Icon::Forward: {
        ImVec2 points[] = {at(-0.3f, -0.6f), at(0.3f, 0.0f), at(-0.3f, 0.6f)};
        list->AddPolyline(points, 3, color, 0, t * 1.3f);
        break;
    }
    }
}

bool draw_glyph_icon(ImDrawList* list, const IconGlyphs& icons, char32_t glyph, ImVec2 c, float size, Color color)
{
    const IconGlyph* g = icons.find(glyph);
    if (!g || icons.em <= 0.0f)
        return false;
    // Drawn 1:1 when the size is the rasterised one (always, for tiles), so the icon stays as crisp as text.
    float em = size * icon_em_per_box;
    float scale = std::abs(em - icons.em) < 1.0f ? 1.0f : em / icons.em;
    em = icons.em * scale;
    ImVec2 min(std::round(c.x - em * 0.5f) + g->offset.x * scale, std::round(c.y - em * 0.5f) + g->offset.y * scale);
    ImVec2 max(min.x + g->size.x * scale, min.y + g->size.y * scale);
    list->AddImage(ImGui::GetIO().Fonts->TexID, min, max, g->uv0, g->uv1, color);
    return true;
}

} // namespace kiosk::ui
