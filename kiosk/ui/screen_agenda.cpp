// The events agenda: a heading for each day ("Today", "Tomorrow", "Friday, December 4") and a row per event. Rows
// have two fixed heights, so the rows on screen are found by arithmetic and only they are laid out: 10,000
// occurrences scroll as lightly as ten.
#include "ui/controls.hpp"
#include "ui/screen.hpp"
#include "ui/translation_note.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <imgui_internal.h>

namespace kiosk::ui {

void update_agenda_rows(AgendaRows& cache, const ContentSnapshot& content, WallTime now)
{
    std::int64_t minute = std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
    if (cache.built && cache.minute == minute)
        return;
    cache.built = true;
    cache.minute = minute;
    cache.rows.clear();
    const std::string* day = nullptr;
    std::uint32_t headings = 0;
    const std::vector<Occurrence>& all = content.occurrences;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].end <= now)
            continue; // Over: gone from the list.
        if (!day || *day != all[i].date) {
            day = &all[i].date;
            cache.rows.push_back({std::uint32_t(i), ++headings, true});
        }
        cache.rows.push_back({std::uint32_t(i), headings, false});
    }
}

namespace {

// "2026-12-02" as a local time at midnight.
LocalTime date_of(const std::string& date)
{
    int year = 1970, month = 1, day = 1;
    std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &day);
    return civil_from_days(days_from_civil(year, month, day)); // With its weekday.
}

// The "Now" badge: a filled pill with the word, so colour is not the only sign.
float draw_now_badge(const ScreenContext& c, ImDrawList* list, ImVec2 pos)
{
    const Style& style = c.style;
    ImFont* font = style.fonts.small;
    std::string word = c.word("now");
    float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, word.c_str()).x + style.metrics.em(0.8f);
    float h = font->FontSize * 1.35f;
    fill_rounded(list, pos, ImVec2(pos.x + w, pos.y + h), style.theme.accent, h * 0.5f);
    draw_text(list, font, ImVec2(pos.x + style.metrics.em(0.4f), pos.y + (h - font->FontSize) * 0.5f),
        style.theme.accent_text, word);
    return h;
}

bool draw_event_row(const ScreenContext& c, const Occurrence& occurrence, ImVec2 size)
{
    const Style& style = c.style;
    const Theme& t = style.theme;
    const Metrics& m = style.metrics;
    const Event& event = *occurrence.event;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    std::string note = translation_note(
        {&event.title, &event.description, &event.location}, c.language, c.default_language(), c.strings);
    Press press = press_area("event", size, with_note(c.text(event.title), note));
    ImDrawList* list = ImGui::GetWindowDrawList();
    ImVec2 max(pos.x + size.x, pos.y + size.y);
    fill_rounded(list, pos, max, press.held ? t.surface_pressed : t.surface, style.radius());
    list->AddRect(pos, max, t.border, style.radius(), 0, style.line());

    float inset = m.em(0.7f);
    float time_w = m.em(6.0f);
    list->PushClipRect(pos, max, true);
    // Left: the start time in bold; under it the end, or "Now" while it is on.
    float y = pos.y + inset;
    if (event.all_day) {
        draw_wrapped(list, style.fonts.bold, ImVec2(pos.x + inset, y), time_w - inset, t.text, c.word("all_day"), 2);
    } else {
        std::string range = time_range(c, occurrence);
        std::size_t dash = range.find(" \xE2\x80\x93 ");
        std::string first = range.substr(0, dash);
        draw_text(list, style.fonts.bold, ImVec2(pos.x + inset, y), t.text, first);
        if (dash != std::string::npos) {
            std::string until = "\xE2\x80\x93 " + range.substr(dash + 5); // "- 7:30 PM" under "6:00 PM".
            draw_wrapped(list, style.fonts.body, ImVec2(pos.x + inset, y + style.fonts.bold->FontSize * 1.2f),
                time_w - inset * 0.5f, t.text_muted, until, 1);
        }
    }
    if (happening_now(c, occurrence))
        draw_now_badge(c, list, ImVec2(pos.x + inset, max.y - inset - style.fonts.small->FontSize * 1.35f));

    // Middle: what, where, and the first line of the description.
    float x = pos.x + inset + time_w;
    float right = max.x - inset;
    float icon = m.em(1.2f);
    draw_icon(list, event.url.empty() ? Icon::Forward : Icon::Qr, ImVec2(right - icon * 0.5f, pos.y + size.y * 0.5f),
        icon, t.accent);
    right -= icon + inset;
    float w = right - x;
    y += draw_wrapped_with_note(list, style.fonts.bold, ImVec2(x, y), w, t.text, c.text(event.title), 1, note,
             style.fonts.body, t.text_muted, NoteWithout::Room)
        + m.em(0.2f);
    const std::string& location = c.text(event.location);
    if (!location.empty())
        y += draw_wrapped(list, style.fonts.body, ImVec2(x, y), w, t.text, location, 1) + m.em(0.2f);
    draw_wrapped(list, style.fonts.body, ImVec2(x, y), w, t.text_muted, c.text(event.description), 1);
    list->PopClipRect();
    return press.clicked;
}

} // namespace

std::string date_after(const LocalTime& local, int days)
{
    return local_date(civil_from_days(days_from_civil(local.year, local.month, local.day) + days));
}

std::string day_label(const ScreenContext& c, const std::string& date)
{
    // Today and tomorrow by the kiosk's clock, even one that seems behind (earlier than the last import): the list
    // itself and the clock in the top bar go by that clock too, so the words agree with what the visitor sees.
    std::string label = c.strings.format_date(date_of(date), c.language);
    if (date == local_date(c.frame.local))
        label = c.word("today") + ", " + label;
    else if (date == date_after(c.frame.local, 1))
        label = c.word("tomorrow") + ", " + label;
    // A heading starts with a capital, in languages whose weekday names do not ("sábado" -> "Sábado").
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z')
        label[0] = char(label[0] - 'a' + 'A');
    return label;
}

std::string time_range(const ScreenContext& c, const Occurrence& occurrence)
{
    if (occurrence.event->all_day)
        return c.word("all_day");
    const TimeZone& zone = *c.frame.zone;
    std::string text = c.strings.format_time(zone.to_local(occurrence.start), c.language);
    if (occurrence.end > occurrence.start)
        text += " \xE2\x80\x93 " + c.strings.format_time(zone.to_local(occurrence.end), c.language);
    return text;
}

bool happening_now(const ScreenContext& c, const Occurrence& occurrence)
{
    return !c.clock_wrong() && occurrence.start <= c.frame.now && c.frame.now < occurrence.end;
}

std::string occurrence_path(const std::string& agenda_id, const Occurrence& occurrence)
{
    return agenda_id + "/" + occurrence.event->id + "@" + occurrence.date;
}

// A day's heading in the agenda, its words at the foot of a band `height` tall at `pos`, whole: in the heading font
// when it fits the line, else a size smaller (large text on a small panel: "Tomorrow, Wednesday, December 2").
void draw_day_heading(const ScreenContext& c, ImVec2 pos, float width, float height, const std::string& date)
{
    const Style& style = c.style;
    std::string day = day_label(c, date);
    ImFont* font = style.fonts.small;
    for (ImFont* candidate : {style.fonts.tile, style.fonts.bold}) {
        if (font == style.fonts.small && fits_in_lines(candidate, width, day, 1))
            font = candidate;
    }
    float y = pos.y + height - style.metrics.em(0.45f) - font->FontSize;
    draw_wrapped(ImGui::GetWindowDrawList(), font, ImVec2(pos.x, y), width, style.theme.text, day, 1);
}

std::optional<Intent> draw_agenda(const ScreenContext& c, const Section& section, AgendaRows& cache, ScrollArea& scroll)
{
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    bool title_cut = false;
    std::optional<Intent> intent = draw_navigation_bar(c, c.text(section.title), false, &title_cut);

    float width = ImGui::GetWindowWidth();
    float height = ImGui::GetWindowHeight();
    float pad = style.pad();
    float gap = style.gap();
    float view_h = height - style.header_height();
    ImGui::SetCursorPos(ImVec2(0.0f, style.header_height()));
    scroll.begin("agenda", ImVec2(width, view_h), c.frame.uptime, m.mm(2.0f), &style.theme, style.cue_gutter());

    width -= style.cue_gutter(); // The scroll cues' strip: the content stays left of it.
    update_agenda_rows(cache, c.content, c.frame.now);
    const std::vector<AgendaRow>& rows = cache.rows;
    float column = std::min(width - 2.0f * pad, m.em(40.0f));
    float left = std::floor((width - column) * 0.5f);
    float heading_h = std::ceil(style.fonts.tile->FontSize + m.em(1.0f));
    float event_h = std::ceil(std::max(m.touch() * 1.4f,
        m.em(1.4f) + style.fonts.bold->FontSize * 1.2f + style.fonts.body->FontSize * 2.2f + m.em(0.2f)));
    float event_step = event_h + gap;
    // The title first when the bar could not show it: the rows start below it. The first day's heading has its own
    // space above it.
    float lead = std::round(pad * 0.3f);
    if (title_cut) {
        ImGui::SetCursorPos(ImVec2(left, pad));
        draw_content_title(c, c.text(section.title), left, column);
        lead = ImGui::GetCursorPosY();
    }
    auto top_of = [&](std::size_t i) {
        // Headings before row i, and events before it; a heading row counts itself.
        std::uint32_t headings = rows[i].headings - (rows[i].heading ? 1u : 0u);
        return lead + float(headings) * heading_h + float(i - headings) * event_step;
    };

    if (rows.empty()) {
        ImGui::SetCursorPos(ImVec2(left, lead));
        float h = draw_wrapped(ImGui::GetWindowDrawList(), style.fonts.tile, ImGui::GetCursorScreenPos(), column,
            style.theme.text_muted, c.word("no_events"));
        ImGui::Dummy(ImVec2(column, h + pad));
    } else {
        // The rows whose band [top, bottom) meets the view.
        float view_top = scroll.offset() - pad;
        float view_bottom = scroll.offset() + view_h;
        std::size_t first = std::size_t(std::partition_point(rows.begin(), rows.end(), [&](const AgendaRow& r) {
            auto i = std::size_t(&r - rows.data());
            return top_of(i) + (r.heading ? heading_h : event_step) < view_top;
        }) - rows.begin());
        for (std::size_t i = first; i < rows.size(); ++i) {
            float top = top_of(i);
            if (top > view_bottom)
                break;
            const Occurrence& occurrence = c.content.occurrences[rows[i].occurrence];
            ImGui::SetCursorPos(ImVec2(left, top));
            if (rows[i].heading) {
                draw_day_heading(c, ImGui::GetCursorScreenPos(), column, heading_h, occurrence.date);
                continue;
            }
            ImGui::PushID(int(rows[i].occurrence));
            if (draw_event_row(c, occurrence, ImVec2(column, event_h)))
                intent = Intent {Intent::Kind::Open, occurrence_path(section.id, occurrence)};
            ImGui::PopID();
        }
        // The whole list's height, so the area knows how far it scrolls.
        ImGui::SetCursorPos(ImVec2(left, top_of(rows.size() - 1) + event_step));
        ImGui::Dummy(ImVec2(column, pad));
    }
    scroll.end();
    return intent;
}

std::optional<Intent> draw_occurrence(const ScreenContext& c, const Occurrence& occurrence, ScrollArea& scroll)
{
    const Event& event = *occurrence.event;
    const std::string& title = c.text(event.title);
    const std::string& location = c.text(event.location);
    const std::string& description = c.text(event.description);
    std::vector<QrDetail> details;
    std::string note = translation_note(
        {&event.title, &event.description, &event.location}, c.language, c.default_language(), c.strings);
    if (!note.empty()) // Not in the visitor's language: said first, as on its row in the agenda.
        details.push_back({note, QrDetail::Kind::Fact});
    details.push_back({day_label(c, occurrence.date) + "\n" + time_range(c, occurrence), QrDetail::Kind::Fact, true});
    if (!location.empty())
        details.push_back({location, QrDetail::Kind::Fact});
    if (!description.empty())
        details.push_back({description});
    if (!event.url.empty())
        return draw_qr_view(c, title, event.url, details, scroll);

    // No link: the event told in full, in one readable column under a bar without the title (the column starts with
    // it, as large as lets the name, day, time and place show together on the first screen).
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    std::optional<Intent> intent = draw_navigation_bar(c, "", false);
    float width = ImGui::GetWindowWidth();
    float view_h = ImGui::GetWindowHeight() - style.header_height();
    float pad = style.pad();
    bool now = happening_now(c, occurrence);
    float badge_h = now ? style.fonts.small->FontSize * 1.35f + m.em(0.4f) : 0.0f;
    float column = std::min(width - 2.0f * pad - style.cue_gutter(), m.em(34.0f));
    // The largest fonts (the name's, then the day's and time's) with which the name, the day, the time and the place
    // are whole above the fold, in roomy spacing, else tight; else the smallest, and the column scrolls.
    struct EventLook {
        ImFont* name;
        ImFont* facts;
        float space; // Above the name and after each paragraph.
    };
    float roomy = std::round(m.em(0.4f)), tight = std::round(m.em(0.2f));
    const EventLook looks[] = {{style.fonts.title, style.fonts.tile, roomy},
        {style.fonts.tile, style.fonts.tile, roomy}, {style.fonts.tile, style.fonts.bold, roomy},
        {style.fonts.bold, style.fonts.bold, roomy}, {style.fonts.bold, style.fonts.bold, tight}};
    EventLook look = looks[4];
    for (const EventLook& l : looks) {
        float h = l.space + wrapped_height(l.name, column, title) + l.space + badge_h
            + wrapped_height(l.facts, column, details[0].text) + l.space;
        if (!location.empty())
            h += wrapped_height(style.fonts.body, column, location) + l.space; // With room for its descenders.
        if (h <= view_h) {
            look = l;
            break;
        }
    }

    ImGui::SetCursorPos(ImVec2(0.0f, style.header_height()));
    scroll.begin("event", ImVec2(width, view_h), c.frame.uptime, m.mm(2.0f), &style.theme, style.cue_gutter());
    width -= style.cue_gutter(); // The scroll cues' strip: the content stays left of it.
    float left = std::floor((width - column) * 0.5f);
    ImGui::SetCursorPos(ImVec2(left, look.space));
    ImDrawList* list = ImGui::GetWindowDrawList();
    auto line = [&](TextKind kind, ImFont* font, const std::string& text, float after) {
        TextScope scope(kind);
        ImGui::SetCursorPosX(left);
        float h = draw_wrapped(list, font, ImGui::GetCursorScreenPos(), column, style.theme.text, text);
        ImGui::Dummy(ImVec2(column, h + after));
    };
    line(TextKind::Title, look.name, title, look.space);
    if (now) {
        ImGui::SetCursorPosX(left);
        float h = draw_now_badge(c, list, ImGui::GetCursorScreenPos());
        ImGui::Dummy(ImVec2(column, h + m.em(0.4f)));
    }
    line(TextKind::Detail, look.facts, details[0].text, look.space);
    if (!location.empty())
        line(TextKind::Detail, style.fonts.body, location, look.space);
    if (!description.empty())
        line(TextKind::Description, style.fonts.body, description, look.space);
    scroll.end();
    return intent;
}

} // namespace kiosk::ui
