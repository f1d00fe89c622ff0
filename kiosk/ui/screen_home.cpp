// The home screen: the center's name and the time, what is on now and next, a big tile for each section, and the
// urgent-help band.
#include "content/section_icons.hpp"
#include "ui/controls.hpp"
#include "ui/listen_button.hpp"
#include "ui/screen.hpp"
#include "ui/translation_note.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <imgui_internal.h>

namespace kiosk::ui {

namespace {

// "Now", "Today 7:00 PM", "Tomorrow 7:00 PM" or "Friday, December 4 6:00 PM": when an event on home starts.
std::string when(const ScreenContext& c, const Occurrence& occurrence)
{
    if (happening_now(c, occurrence))
        return c.word("now");
    std::string day = day_label(c, occurrence.date);
    // Home has room for one line: "Today", not "Today, Tuesday, December 1"; "Saturday" within the week ahead, and
    // "December 15" past it (the day label is "<weekday>, <date>" in every language the kiosk has).
    bool near = false;
    for (const char* word : {"today", "tomorrow"}) {
        if (day.rfind(c.word(word) + ",", 0) == 0) {
            day = c.word(word);
            near = true;
        }
    }
    auto comma = day.find(", ");
    if (!near && comma != std::string::npos) {
        bool this_week = occurrence.date < date_after(c.frame.local, 7);
        day = this_week ? day.substr(0, comma) : day.substr(comma + 2);
        if (!day.empty() && day[0] >= 'a' && day[0] <= 'z')
            day[0] = char(day[0] - 'a' + 'A');
    }
    if (occurrence.event->all_day)
        return day + " \xC2\xB7 " + c.word("all_day");
    return day + " \xC2\xB7 " + c.strings.format_time(c.frame.zone->to_local(occurrence.start), c.language);
}

// Up to `count` events that are on now or next, each a row `row_h` high that opens it, `gap` apart.
std::optional<Intent> draw_coming_up(
    const ScreenContext& c, const Section& agenda, int count, float width, float row_h, float gap)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    const Theme& t = style.theme;
    std::optional<Intent> intent;
    int shown = 0;
    for (std::size_t i = 0; i < c.content.occurrences.size() && shown < count; ++i) {
        const Occurrence& occurrence = c.content.occurrences[i];
        if (occurrence.end <= c.frame.now)
            continue;
        ImGui::PushID(int(i));
        ImVec2 pos = ImGui::GetCursorScreenPos();
        ImVec2 local = ImGui::GetCursorPos();
        const Event& event = *occurrence.event;
        std::string note = translation_note(
            {&event.title, &event.description, &event.location}, c.language, c.default_language(), c.strings);
        Press press = press_area("next", ImVec2(width, row_h), with_note(c.text(event.title), note));
        ImDrawList* list = ImGui::GetWindowDrawList();
        ImVec2 max(pos.x + width, pos.y + row_h);
        fill_rounded(list, pos, max, press.held ? t.surface_pressed : t.surface, style.radius());
        list->AddRect(pos, max, t.border, style.radius(), 0, style.line());
        float inset = m.em(0.6f);
        float icon = m.em(1.1f);
        draw_icon(list, Icon::Calendar, ImVec2(pos.x + inset + icon * 0.5f, pos.y + row_h * 0.5f), icon, t.accent);
        float x = pos.x + inset * 2.0f + icon;
        float right = max.x - inset - m.em(0.8f);
        draw_icon(list, Icon::Forward, ImVec2(right + m.em(0.4f), pos.y + row_h * 0.5f), m.em(0.8f), t.accent);
        std::string time = when(c, occurrence);
        ImFont* bold = style.fonts.bold;
        float time_w
            = std::min(bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0.0f, time.c_str()).x, (right - x) * 0.55f);
        float y = pos.y + (row_h - bold->FontSize) * 0.5f;
        list->PushClipRect(pos, max, true);
        draw_wrapped(list, bold, ImVec2(x, y), time_w + 1.0f, t.accent, time, 1);
        float title_x = x + time_w + m.em(0.7f);
        float title_w = right - title_x - (note.empty() ? 0.0f : m.em(0.4f)); // A note keeps off the chevron.
        draw_wrapped_with_note(list, style.fonts.body, ImVec2(title_x, y), title_w, t.text, c.text(event.title), 1,
            note, style.fonts.small, t.text_muted, NoteWithout::Room);
        list->PopClipRect();
        if (press.clicked)
            intent = Intent {Intent::Kind::Open, occurrence_path(agenda.id, occurrence)};
        ImGui::SetCursorPos(ImVec2(local.x, local.y + row_h + gap));
        ImGui::PopID();
        ++shown;
    }
    return intent;
}

// The first agenda section, or none: home's events open in it.
const Section* agenda_section(const BundleInfo& info)
{
    for (const Section& section : info.sections) {
        if (section.kind == SectionKind::Agenda)
            return &section;
    }
    return nullptr;
}

int upcoming_count(const ScreenContext& c, int most)
{
    int n = 0;
    for (const Occurrence& occurrence : c.content.occurrences) {
        if (n >= most)
            break;
        if (occurrence.end > c.frame.now)
            ++n;
    }
    return n;
}

// A panel too short for roomy spacing: a 7-inch 800x480, or large text on a 1280x800.
bool short_panel(const Style& style)
{
    return float(style.metrics.height) < style.metrics.em(26.0f);
}

// Space around and between home's blocks and tiles: the usual pad, less on a short panel (about 2 mm).
float home_gap(const Style& style)
{
    return short_panel(style) ? std::min(style.pad(), std::round(style.metrics.mm(2.0f))) : style.pad();
}

// The urgent band: big, but never more than a sixth of a short panel; on a short one, its one line of label with a
// margin, and never less than a finger and a bit. Words that need two lines even in small print (large text on a
// panel turned upright) get a band that holds both.
float urgent_band_height(const ScreenContext& c)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    float h = short_panel(style) ? std::ceil(std::max(m.touch() * 1.2f, style.fonts.bold->FontSize * 1.3f))
                                 : std::max(m.touch() * 1.4f, std::min(m.em(3.0f), float(m.height) * 0.17f));
    // As big_button lays the band out: an inset each side, the icon and the space after it, the chevron.
    float band_w = ImGui::GetWindowWidth() - 2.0f * home_gap(style);
    float text_w = band_w - 2.0f * std::min(m.em(0.8f), band_w * 0.08f) - m.em(tile_icon_ems + 0.7f + 1.0f);
    ImFont* small = style.fonts.small;
    float words_h = wrapped_height(small, text_w, c.text(c.content.info().urgent->title), 2);
    if (words_h > small->FontSize * 1.5f)
        h = std::max(h, std::ceil(words_h + m.em(0.6f)));
    return h;
}

// The grid of tiles for an area `area_w` x `area_h`, from the labels' widths in the tile font.
TileGrid home_tile_grid(const ScreenContext& c, float area_w, float area_h)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    const BundleInfo& info = c.content.info();
    TileGridInput in;
    in.width = area_w;
    in.height = area_h;
    in.count = int(info.sections.size());
    in.gap = home_gap(style);
    in.touch = m.touch();
    in.line = tile_font(TileForm::Regular, style)->FontSize;
    in.compact_line = tile_font(TileForm::Compact, style)->FontSize;
    in.regular_chrome = tile_chrome(TileForm::Regular, style);
    in.compact_chrome = tile_chrome(TileForm::Compact, style);
    in.regular_least = std::max(m.touch() * 1.6f, m.em(3.6f)); // Two lines of label and a margin.
    in.most = in.regular_least * (m.portrait() ? 3.0f : 2.4f); // A big screen's tiles grow, up to this.
    in.portrait = m.portrait();
    in.lines = [&](TileForm form, float text_w) {
        ImFont* font = tile_font(form, style);
        std::vector<int> lines;
        lines.reserve(info.sections.size());
        for (const Section& section : info.sections) {
            float h = wrapped_height(font, text_w, c.text(section.title));
            lines.push_back(int(std::lround((h / font->FontSize - 1.0f) / 1.15f)) + 1);
        }
        return lines;
    };
    // The widest word of all the titles, per form's font: measured once for all the grids tried.
    float widest[2] = {-1.0f, -1.0f};
    in.breaks_word = [&](TileForm form, float text_w) {
        float& w = widest[form == TileForm::Compact ? 1 : 0];
        if (w < 0.0f) {
            w = 0.0f;
            for (const Section& section : info.sections)
                w = std::max(w, widest_word(tile_font(form, style), c.text(section.title)));
        }
        return w > text_w;
    };
    return tile_grid(in);
}

// The center's name's width on one line in small print: the least it needs in the top band.
float name_width(const ScreenContext& c)
{
    ImFont* small = c.style.fonts.small;
    return small->CalcTextSizeA(small->FontSize, FLT_MAX, 0.0f, c.text(c.content.info().name).c_str()).x;
}

// Home's clock at the right of the top band, `right` of the window's edge: the time in bold over the date. Returns the
// clock's left edge.
float draw_clock(const ScreenContext& c, ImDrawList* list, bool with_buttons, ImVec2 origin, float width, float height)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::string time = c.strings.format_time(c.frame.local, c.language);
    std::string date = c.strings.format_date(c.frame.local, c.language);
    ImFont* time_font = style.fonts.bold;
    ImFont* date_font = style.fonts.small;
    float time_w = time_font->CalcTextSizeA(time_font->FontSize, FLT_MAX, 0, time.c_str()).x;
    float date_w = date_font->CalcTextSizeA(date_font->FontSize, FLT_MAX, 0, date.c_str()).x;
    // Whether the date shows is settled by the widest date there is, so the bar does not change from day to day.
    float widest_date = date_w;
    for (int d = 0; d < 7; ++d) { // A week of September, the longest month name in English and Spanish.
        std::string any = c.strings.format_date(civil_from_days(days_from_civil(2026, 9, 23) + d), c.language);
        widest_date = std::max(widest_date, date_font->CalcTextSizeA(date_font->FontSize, FLT_MAX, 0, any.c_str()).x);
    }
    float right = origin.x + width - style.pad();
    // The date goes when the buttons, or the name in small print, would not fit beside it (large text on a small
    // panel, a long weekday on a 7-inch one): the time stays.
    float buttons_w = with_buttons ? care_buttons_width(c) + m.em(0.8f) : 0.0f;
    float name_least = name_width(c);
    auto room = [&](float clock) { return right - clock - m.em(0.8f) - buttons_w - (origin.x + style.pad()); };
    bool with_date = room(std::max(time_w, widest_date)) >= 0.0f
        && (room(std::max(time_w, widest_date)) >= name_least || room(time_w) < name_least)
        && time_font->FontSize + date_font->FontSize * 1.05f <= height;
    float clock_w = with_date ? std::max(time_w, date_w) : time_w;
    float block_h = time_font->FontSize + (with_date ? date_font->FontSize * 1.05f : 0.0f);
    float top = origin.y + (height - block_h) * 0.5f;
    draw_text(list, time_font, ImVec2(right - time_w, top), style.theme.header_text, time);
    if (with_date)
        draw_text(list, date_font, ImVec2(right - date_w, top + time_font->FontSize * 1.05f), style.theme.header_text,
            date.c_str());
    return right - clock_w;
}

// The tiles in the area at `at`, `area` large: all of them when they fit, centred in what is left over; else as many
// rows as fit, and the rest scroll beside the scroll cues. Read aloud's `hints` go at the end of what scrolls, or
// beside the last row's tiles when it leaves room.
std::optional<Intent> draw_tiles(const ScreenContext& c, ScrollArea& scroll, TileGrid grid, ImVec2 at, ImVec2 area,
    const std::vector<std::string>& hints)
{
    const Style& style = c.style;
    const BundleInfo& info = c.content.info();
    float gap = home_gap(style);
    std::optional<Intent> intent;
    float gutter = 0.0f;
    if (!grid.fits) { // The scroll cues take a strip at the right: the tiles are laid out beside it.
        gutter = style.cue_gutter();
        grid = home_tile_grid(c, area.x - gutter, area.y);
    }
    float top = at.y;
    if (grid.fits)
        top += std::floor(std::max(0.0f, area.y - grid.height) * 0.5f);
    ImGui::SetCursorPos(ImVec2(at.x, top));
    scroll.begin("tiles", ImVec2(area.x, grid.fits ? grid.height : area.y), c.frame.uptime, style.metrics.mm(2.0f),
        &style.theme, gutter);
    float y = 0.0f;
    for (std::size_t i = 0; i < info.sections.size(); ++i) {
        const Section& section = info.sections[i];
        int column = int(i % std::size_t(grid.columns));
        std::size_t row = i / std::size_t(grid.columns); // Whole rows: the division truncates on purpose.
        if (column == 0 && row > 0)
            y += grid.row_h[row - 1] + gap;
        ImGui::SetCursorPos(ImVec2(float(column) * (grid.tile_w + gap), y));
        ImGui::PushID(section.id.c_str());
        if (tile("tile", ImVec2(grid.tile_w, grid.row_h[row]), c.text(section.title), icon_for(section), style,
                grid.form))
            intent = Intent {Intent::Kind::Open, section.id};
        ImGui::PopID();
    }
    std::size_t count = info.sections.size();
    auto columns = std::size_t(grid.columns);
    if (grid.fits && !hints.empty() && count % columns != 0) {
        // Beside the last row's tiles, in the cells it leaves empty, when the hints fit there.
        float x = float(count % columns) * (grid.tile_w + gap);
        float w = area.x - x;
        float h = read_aloud_hints_height(c, hints, w) - gap;
        ImVec2 cell(w, grid.row_h.back());
        if (h <= grid.row_h.back()) {
            ImGui::SetCursorPos(ImVec2(x, y + std::floor((grid.row_h.back() - h) * 0.5f) - gap));
            draw_read_aloud_hints(c, hints, w);
        } else if (ListenButton button = listen_button(c, cell); button.font) {
            // No room to say it: a button that does it. The tiles stay as they are.
            ImGui::SetCursorPos(ImVec2(x, y));
            if (auto language = draw_listen_button(c, button, cell))
                intent = Intent {Intent::Kind::ReadAloud, *language};
        }
    }
    if (!grid.fits) {
        if (!grid.row_h.empty())
            ImGui::SetCursorPos(ImVec2(0.0f, y + grid.row_h.back()));
        draw_read_aloud_hints(c, hints, area.x - gutter); // At the end of what scrolls.
        ImGui::Dummy(ImVec2(1.0f, gap));                  // Room below the last row.
    }
    scroll.end();
    return intent;
}

} // namespace

std::vector<std::string> read_aloud_hints(const ScreenContext& c)
{
    std::vector<std::string> hints;
    if (!c.read_aloud_offered)
        return hints;
    for (const std::string& language : c.content.info().languages) {
        if (c.strings.has_language(language))
            hints.push_back(c.strings.get("read_aloud_hint", language));
    }
    return hints;
}

float read_aloud_hints_height(const ScreenContext& c, const std::vector<std::string>& hints, float width)
{
    ImFont* font = c.style.fonts.small;
    float h = 0.0f;
    for (const std::string& hint : hints)
        h += wrapped_height(font, width - font->FontSize * 1.6f, hint, 2) + font->FontSize * 0.3f;
    return hints.empty() ? 0.0f : h + home_gap(c.style);
}

void draw_read_aloud_hints(const ScreenContext& c, const std::vector<std::string>& hints, float width)
{
    if (hints.empty())
        return;
    ImFont* font = c.style.fonts.small;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    pos.y += home_gap(c.style);
    float icon = font->FontSize * 1.6f;
    draw_icon(list, Icon::Speaker, ImVec2(pos.x + icon * 0.4f, pos.y + font->FontSize * 0.55f), font->FontSize * 0.9f,
        c.style.theme.text_muted);
    TextScope scope(TextKind::Hint);
    float y = pos.y;
    for (const std::string& hint : hints) {
        y += draw_wrapped(list, font, ImVec2(pos.x + icon, y), width - icon, c.style.theme.text_muted, hint, 2)
            + font->FontSize * 0.3f;
    }
    ImGui::Dummy(ImVec2(width, y - pos.y + home_gap(c.style)));
}

std::optional<Intent> draw_home_header(const ScreenContext& c, bool with_buttons, bool* name_shown)
{
    if (name_shown)
        *name_shown = false;
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::optional<Intent> intent;
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetWindowPos();
    float width = ImGui::GetWindowWidth();
    float height = style.header_height();
    list->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), style.theme.header);
    list->AddRectFilled(ImVec2(origin.x, origin.y + height - style.line()), ImVec2(origin.x + width, origin.y + height),
        style.theme.border);

    // The clock at the right: the time in bold over the date. On a narrow screen (a 7-inch panel turned upright) the
    // visitor's buttons come first: the clock goes when both would not fit, unless the buttons have a row of their own.
    float row_h = style.bar_row_height();
    bool buttons_beside = with_buttons && style.bar_rows == 1;
    std::string time = c.strings.format_time(c.frame.local, c.language);
    float time_w = text_width(style.fonts.bold, time);
    bool clock = !buttons_beside || 2.0f * style.pad() + care_buttons_width(c) + m.em(0.8f) + time_w <= width;
    float right = clock ? draw_clock(c, list, buttons_beside, origin, width, row_h) - m.em(0.8f)
                        : origin.x + width - style.pad();

    // The visitor's settings left of the clock, or at the right of the second row.
    if (with_buttons) {
        float button_h = style.bar_button_height();
        float y = (row_h - button_h) * 0.5f;
        if (buttons_beside)
            right = draw_care_buttons(c, right, y, button_h, intent) - m.em(0.8f);
        else
            draw_care_buttons(c, origin.x + width - style.pad(), row_h + y, button_h, intent);
    }

    // The name gets what is left of the line, a size smaller when that is short; under it, in small print, how old
    // the content is once it is more than a week old.
    const std::string& name = c.text(c.content.info().name);
    float name_x = origin.x + style.pad();
    float name_w = right - name_x;
    // The largest font the name fits in on one line, down to small print (large text on a small panel).
    ImFont* font = style.fonts.small;
    for (ImFont* candidate : {style.fonts.title, style.fonts.tile, style.fonts.bold}) {
        if (wrapped_height(candidate, name_w, name) < candidate->FontSize * 1.5f) {
            font = candidate;
            break;
        }
    }
    std::string age;
    auto since = c.frame.now - c.content.imported_at;
    long long days = std::chrono::duration_cast<std::chrono::hours>(since).count() / 24;
    // A week after the import, or sooner when the feed said the content would be replaced by now (it stopped).
    bool expired = c.content.expires_at.time_since_epoch().count() > 0 && c.frame.now > c.content.expires_at;
    if (c.content.imported_at.time_since_epoch().count() > 0 && !c.clock_wrong()
        && (days >= 7 || (expired && days >= 1))) {
        age = c.format(Phrase::plural(days, "updated_day_ago", "updated_days_ago", {{"n", std::to_string(days)}}));
    }
    float name_h = wrapped_height(font, name_w, name, 1);
    float age_h = age.empty() ? 0.0f : style.fonts.small->FontSize * 1.1f;
    float y = origin.y + (row_h - name_h - age_h) * 0.5f;
    // No room for the whole name even in small print (large text on a small panel): leave it out rather than show
    // "Centro...".
    if (name_w < m.em(3.0f) || name_width(c) > name_w)
        return intent;
    draw_wrapped(list, font, ImVec2(name_x, y), name_w, style.theme.header_text, name, 1);
    if (name_shown)
        *name_shown = true;
    if (!age.empty())
        draw_wrapped(list, style.fonts.small, ImVec2(name_x, y + name_h), name_w, style.theme.header_text, age, 1);
    return intent;
}

TileIcon icon_for(const Section& section)
{
    // The section's own icon from the icon font, else its kind's; drawn with lines when the font is missing.
    TileIcon icon {Icon::Page, shown_section_icon(section).codepoint};
    if (section.kind == SectionKind::Cards)
        icon.drawn = Icon::Cards;
    else if (section.kind == SectionKind::Agenda)
        icon.drawn = Icon::Calendar;
    return icon;
}

namespace {

// Home's layout under the name, measured before anything is drawn: how many coming-up rows, the tiles' grid, and
// where read aloud's hints or Listen button go.
struct HomePlan {
    float row_h = 0.0f; // A coming-up row.
    int next_rows = 0;
    TileGrid grid;
    float bottom = 0.0f; // The tiles' area ends here; the hints or the Listen button are below it.
    std::vector<std::string> hints;
    bool hints_below = false; // Else beside the last row or at the end of the tiles (draw_tiles), when anywhere.
    ListenButton listen;
    ImVec2 listen_size;
};

float events_height(const HomePlan& plan, int rows, float gap)
{
    return rows > 0 ? float(rows) * (plan.row_h + gap) : 0.0f;
}

// What is on now and next, above the tiles: one row on a small panel (none with large text), two on a landscape
// screen, three on a portrait one; fewer when the tiles would not all fit, more while the tiles are as tall as they
// grow anyway.
void plan_coming_up(const ScreenContext& c, HomePlan& plan, float inner_w, float top)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    bool small = short_panel(style);
    float gap = home_gap(style);
    plan.row_h = std::ceil(std::max(m.touch(), style.fonts.bold->FontSize * (small ? 1.45f : 2.0f)));
    int wanted = small ? (c.large_text ? 0 : 1) : m.portrait() ? 3 : 2;
    int available = agenda_section(c.content.info()) ? upcoming_count(c, 4) : 0;
    auto grid_under
        = [&](int rows) { return home_tile_grid(c, inner_w, plan.bottom - top - events_height(plan, rows, gap)); };
    plan.next_rows = std::min(wanted, available);
    plan.grid = grid_under(plan.next_rows);
    while (!plan.grid.fits && plan.next_rows > std::min(1, wanted))
        plan.grid = grid_under(--plan.next_rows);
    while (plan.grid.fits && plan.next_rows < available && plan.next_rows >= 1) {
        TileGrid more = grid_under(plan.next_rows + 1);
        if (!more.fits || more.tile_h < plan.grid.tile_h || more.columns != plan.grid.columns)
            break;
        plan.grid = more;
        ++plan.next_rows;
    }
}

// How to turn read aloud on: under the tiles, when they still fit above it in their form, no label cut that was
// whole; else, when the last row leaves no cell empty for the Listen button (draw_tiles), the button under the tiles,
// as wide as the fewest whole tiles it fits, the tiles keeping their form there too (a coming-up row fewer, if that
// is what it takes; one stays); else at the end of the tiles when they scroll anyway, or only on the attract loop and
// by the bar's control.
void plan_read_aloud(const ScreenContext& c, HomePlan& plan, float inner_w, float top)
{
    const Style& style = c.style;
    float gap = home_gap(style);
    plan.hints = read_aloud_hints(c);
    if (plan.hints.empty() || !plan.grid.fits)
        return;
    float hints_h = read_aloud_hints_height(c, plan.hints, inner_w);
    auto keeps_form = [&](const TileGrid& other) {
        return other.fits && other.form == plan.grid.form && (other.lines <= 2 || other.lines <= plan.grid.lines);
    };
    TileGrid hinted
        = home_tile_grid(c, inner_w, plan.bottom - top - events_height(plan, plan.next_rows, gap) - hints_h);
    if (keeps_form(hinted)) {
        plan.hints_below = true;
        plan.grid = hinted;
        plan.bottom -= hints_h;
        return;
    }
    if (c.content.info().sections.size() % std::size_t(plan.grid.columns) != 0)
        return; // Room beside the last row.
    float listen_h = std::ceil(std::max(style.metrics.touch(), style.fonts.bold->FontSize * 1.6f));
    for (int rows = plan.next_rows; rows >= std::min(plan.next_rows, 1); --rows) {
        TileGrid shorter
            = home_tile_grid(c, inner_w, plan.bottom - top - events_height(plan, rows, gap) - listen_h - gap);
        if (!keeps_form(shorter) || shorter.columns != plan.grid.columns)
            continue;
        for (int tiles = 1; tiles <= plan.grid.columns; ++tiles) {
            ImVec2 size(float(tiles) * shorter.tile_w + float(tiles - 1) * gap, listen_h);
            if (ListenButton listen = listen_button(c, size); listen.font) {
                plan.listen = listen;
                plan.listen_size = size;
                plan.grid = shorter;
                plan.next_rows = rows;
                plan.bottom -= listen_h + gap;
                return;
            }
        }
    }
}

} // namespace

std::optional<Intent> draw_home(const ScreenContext& c, ScrollArea& scroll)
{
    static const std::vector<std::string> no_hints;
    const Style& style = c.style;
    const BundleInfo& info = c.content.info();
    bool name_shown = false;
    std::optional<Intent> intent = draw_home_header(c, true, &name_shown);
    float gap = home_gap(style);
    float inner_w = ImGui::GetWindowWidth() - 2.0f * gap;
    float top = style.header_height() + gap;

    // No room for the name in the top band: it gets a line of its own under it, except with large text on a short
    // panel, where that line would cost the tiles a row (a visitor knows where they are; the choices matter more).
    if (!name_shown && !(short_panel(style) && c.large_text)) {
        const std::string& name = c.text(info.name);
        ImFont* font = style.fonts.bold;
        draw_wrapped(ImGui::GetWindowDrawList(), font, ImVec2(ImGui::GetWindowPos().x + gap, top), inner_w,
            style.theme.text, name, 1);
        top += font->FontSize * 1.15f + gap;
    }

    HomePlan plan;
    plan.bottom = ImGui::GetWindowHeight() - gap - (info.urgent ? urgent_band_height(c) + gap : 0.0f);
    plan_coming_up(c, plan, inner_w, top);
    plan_read_aloud(c, plan, inner_w, top);
    if (plan.next_rows > 0) {
        ImGui::SetCursorPos(ImVec2(gap, top));
        if (auto chosen = draw_coming_up(c, *agenda_section(info), plan.next_rows, inner_w, plan.row_h, gap))
            intent = chosen;
        top += events_height(plan, plan.next_rows, gap);
    }
    if (auto chosen = draw_tiles(c, scroll, plan.grid, ImVec2(gap, top), ImVec2(inner_w, plan.bottom - top),
            plan.hints_below ? no_hints : plan.hints))
        intent = chosen;
    if (plan.hints_below) {
        ImGui::SetCursorPos(ImVec2(gap, plan.bottom - gap * 0.5f));
        draw_read_aloud_hints(c, plan.hints, inner_w);
    }
    if (plan.listen.font) {
        ImGui::SetCursorPos(ImVec2(gap, plan.bottom + gap));
        if (auto language = draw_listen_button(c, plan.listen, plan.listen_size))
            intent = Intent {Intent::Kind::ReadAloud, *language};
    }
    draw_urgent_band(c, intent);
    return intent;
}

float draw_urgent_band(const ScreenContext& c, std::optional<Intent>& intent)
{
    const Style& style = c.style;
    float height = ImGui::GetWindowHeight();
    if (!c.content.info().urgent)
        return height;
    float gap = home_gap(style);
    float urgent_h = urgent_band_height(c);
    ImGui::SetCursorPos(ImVec2(gap, height - urgent_h - gap));
    if (urgent_band("urgent", ImVec2(ImGui::GetWindowWidth() - 2.0f * gap, urgent_h),
            c.text(c.content.info().urgent->title), style))
        intent = Intent {Intent::Kind::Open, "urgent"};
    return height - urgent_h - gap;
}

} // namespace kiosk::ui
