// Ui: the screen stack, the way back, and the frame's drawing. What a path shows is in paths.cpp.
#include "ui/ui.hpp"

#include "content/section_icons.hpp"
#include "ui/controls.hpp"
#include "ui/translation_note.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h>

namespace kiosk::ui {

namespace {

constexpr Millis fade_time {140}; // Short and calm: the new screen comes up out of the background colour.

} // namespace

std::vector<const std::string*> Ui::content_texts() const
{
    std::vector<const std::string*> texts = m_strings.all_texts();
    if (!m_content)
        return texts;
    auto add = [&](const Text& text) {
        for (const auto& [language, words] : text.by_language())
            texts.push_back(&words);
    };
    const Bundle& bundle = *m_content->bundle;
    add(bundle.info.name);
    if (bundle.info.urgent) {
        add(bundle.info.urgent->title);
        for (const Text& action : bundle.info.urgent->actions)
            add(action);
    }
    for (const Section& section : bundle.info.sections)
        add(section.title);
    for (const auto& [name, page] : bundle.pages) {
        for (const auto& [language, document] : page.by_language) {
            for (const Block& block : document.blocks) {
                for (const Span& span : block.spans)
                    texts.push_back(&span.text);
                texts.push_back(&block.alt);
            }
            for (const Link& link : document.links)
                texts.push_back(&link.text);
        }
    }
    for (const auto& [source, cards] : bundle.card_lists) {
        for (const Card& card : cards) {
            add(card.title);
            add(card.description);
            for (const auto& [column, tag] : card.tags)
                add(tag);
        }
    }
    for (const Event& event : bundle.events) {
        add(event.title);
        add(event.description);
        add(event.location);
    }
    return texts;
}

std::vector<char32_t> Ui::content_icons() const
{
    // The kinds' own icons always, so a tile whose icon is not in the font still matches the others.
    std::vector<char32_t> codepoints;
    for (SectionKind kind : {SectionKind::Page, SectionKind::Cards, SectionKind::Agenda})
        codepoints.push_back(default_section_icon(kind).codepoint);
    if (m_content) {
        for (const Section& section : m_content->bundle->info.sections)
            codepoints.push_back(shown_section_icon(section).codepoint);
    }
    std::sort(codepoints.begin(), codepoints.end());
    codepoints.erase(std::unique(codepoints.begin(), codepoints.end()), codepoints.end());
    return codepoints;
}

Ui::Ui(Theme theme, Theme contrast, Strings strings)
    : m_theme(theme)
    , m_contrast_theme(contrast)
    , m_strings(std::move(strings))
{
    m_style.theme = theme;
    m_stack.push_back(ScreenState {"home", {}, ScrollArea(), {}});
    m_glyphs = glyph_ranges(m_strings.all_texts());
    m_icons = content_icons();
}

bool Ui::set_metrics(const Metrics& metrics, std::string& error)
{
    m_base_metrics = metrics;
    m_style.metrics = metrics;
    if (m_large_text)
        m_style.metrics = kiosk::ui::large_text(metrics);
    m_fonts_stale = false;
    return build_fonts(*ImGui::GetIO().Fonts, m_style.metrics, m_glyphs, m_icons, m_style.fonts, error);
}

Millis Ui::attract_next_change(Millis now) const
{
    Millis to_step = attract_step - Millis(now.count() % attract_step.count());
    Millis to_shift = shift_step - Millis(now.count() % shift_step.count());
    return std::min(to_step, to_shift);
}

void Ui::staff_pin_refused(Phrase message)
{
    m_pin_digits.clear();
    m_staff_message = std::move(message);
    m_staff_busy = false;
}

void Ui::staff_busy(Phrase message)
{
    m_staff_message = std::move(message);
    m_staff_busy = true;
}

void Ui::open_staff(StaffView view, Phrase message)
{
    // The staff screen is drawn in ordinary text, whatever the last visitor chose: it is a page of facts and eight
    // buttons, laid out for that size on a 7-inch panel. (Idle would have turned large text off anyway.)
    if (m_large_text)
        m_fonts_stale = true;
    m_large_text = false;
    m_staff_mode = StaffMode::Open;
    m_staff_busy = false;
    m_pin_digits.clear();
    m_staff_view = std::move(view);
    m_staff_message = std::move(message);
    m_staff_scroll.reset();
    m_fade_pending = true;
}

void Ui::staff_done(StaffView view, Phrase message)
{
    m_staff_busy = false;
    m_staff_view = std::move(view);
    m_staff_message = std::move(message);
}

std::optional<Intent> Ui::staff_tap(const Intent& intent)
{
    if (intent.kind != Intent::Kind::StaffAction || intent.confirmed)
        return intent;
    if (std::optional<Phrase> why = staff_unavailable(m_staff_view, intent.action)) {
        m_staff_message = *why;
        return std::nullopt;
    }
    if (!asks_first(intent.action))
        return intent;
    m_staff_mode = StaffMode::Question;
    m_staff_question = intent.action;
    m_question_scroll.reset();
    m_staff_message = {};
    m_fade_pending = true;
    return std::nullopt;
}

void Ui::watch_staff_corner()
{
    // A press held about 3 s in the corner opens the PIN pad; the press then clicks nothing under it.
    ImGuiIO& io = ImGui::GetIO();
    if (!m_staff_enabled || m_staff_mode != StaffMode::None) {
        m_corner_armed = false;
        return;
    }
    Area corner = staff_corner_area();
    // Invisible, but scripts press it by this name.
    record_control("staff corner", corner.min, corner.max, ClipTo::Display);
    ImVec2 pos = io.MouseClickedPos[0];
    bool in_corner = pos.x >= corner.min.x && pos.x < corner.max.x && pos.y >= corner.min.y && pos.y < corner.max.y;
    if (io.MouseClicked[0])
        m_corner_armed = in_corner;
    if (!io.MouseDown[0]) {
        m_corner_armed = false;
        return;
    }
    if (m_corner_armed && io.MouseDownDuration[0] >= 3.0f) {
        m_corner_armed = false;
        ImGui::ClearActiveID();
        open_pin_pad();
    }
}

void Ui::open_pin_pad()
{
    m_staff_mode = StaffMode::Pin;
    m_pin_digits.clear();
    m_staff_message = {};
    m_attract = false;
    // The pad in ordinary text too, as the staff screen: laid out for that size (large text shrank its keys).
    if (m_large_text)
        m_fonts_stale = true;
    m_large_text = false;
    m_fade_pending = true;
}

void Ui::reset()
{
    forget_read_aloud(); // Quiet at once, and the outline gone: the next visitor finds the kiosk as nobody touched it.
    m_staff_mode = StaffMode::None;
    m_pin_digits.clear();
    m_staff_message = {};
    m_staff_view = {};
    m_stack.resize(1);
    m_stack[0].scroll.reset();
    m_stack[0].filter.clear();
    m_language = m_start_language;
    if (m_large_text)
        m_fonts_stale = true;
    m_large_text = false;
    m_contrast = false;
    m_style.theme = m_theme;
    m_fade_pending = false;
    m_fade_start = Millis(-1);
}

void Ui::set_content(SnapshotPtr content)
{
    bool new_bundle = !m_content || !content || m_content->bundle != content->bundle;
    m_content = std::move(content);
    m_agenda = {};
    if (new_bundle) {
        // The fonts hold the characters the words need: new content may bring new ones.
        std::vector<ImWchar> glyphs = glyph_ranges(content_texts());
        if (glyphs != m_glyphs) {
            m_glyphs = std::move(glyphs);
            m_fonts_stale = true;
        }
        std::vector<char32_t> icons = content_icons();
        if (icons != m_icons) {
            m_icons = std::move(icons);
            m_fonts_stale = true;
        }
    }
    // Screens point into the old content: find them again in the new one, keeping scroll and filter; the first
    // one the new content no longer has ends the way back there.
    std::vector<ScreenState> old = std::move(m_stack);
    m_stack.clear();
    m_stack.push_back(std::move(old.front()));
    for (std::size_t i = 1; i < old.size(); ++i) {
        std::string error;
        auto target = m_content ? resolve_path(*m_content, old[i].path, error) : std::nullopt;
        if (!target)
            break;
        old[i].target = *target;
        m_stack.push_back(std::move(old[i]));
    }
}

bool Ui::push(const std::string& path, std::string& error)
{
    if (path == "home") {
        m_stack.resize(1);
        return true;
    }
    if (!m_content) {
        error = "there is no content to show";
        return false;
    }
    auto target = resolve_path(*m_content, path, error);
    if (!target)
        return false;
    m_stack.push_back(ScreenState {path, *target, ScrollArea(), {}});
    return true;
}

bool Ui::open(const std::string& path, std::string& error)
{
    if (m_content && path != "home" && !resolve_path(*m_content, path, error))
        return false;
    // A screen inside a section comes with the section under it, so Back goes where a visitor's Back would.
    auto slash = path.find('/');
    if (slash != std::string::npos && !push(path.substr(0, slash), error))
        return false;
    return push(path, error);
}

void Ui::show_language(const std::string& language)
{
    if (!m_content)
        return;
    const auto& languages = m_content->info().languages;
    if (std::find(languages.begin(), languages.end(), language) != languages.end())
        m_language = language;
}

void Ui::apply(const Intent& intent)
{
    std::string error;
    std::size_t depth = m_stack.size();
    std::string before = path();
    if (intent.kind == Intent::Kind::Open || intent.kind == Intent::Kind::Back || intent.kind == Intent::Kind::Home)
        m_attract = false;
    switch (intent.kind) {
    case Intent::Kind::Open:
        push(intent.path, error);
        break;
    case Intent::Kind::Back:
        if (m_stack.size() > 1)
            m_stack.pop_back();
        break;
    case Intent::Kind::Home:
        m_stack.resize(1);
        break;
    case Intent::Kind::Language:
        show_language(intent.path);
        return;
    case Intent::Kind::LargeText:
        m_large_text = !m_large_text;
        m_fonts_stale = true;
        return;
    case Intent::Kind::Contrast:
        m_contrast = !m_contrast;
        m_style.theme = m_contrast ? m_contrast_theme : m_theme;
        return;
    case Intent::Kind::ReadAloud:
        if (!m_read_aloud && !intent.path.empty()) // Home's Listen in one of the content's languages: that one.
            show_language(intent.path);
        turn_read_aloud(!m_read_aloud);
        return;
    case Intent::Kind::StopSpeech:
        say({});
        return;
    case Intent::Kind::Wake:
        m_attract = false;
        m_fade_pending = true;
        if (!intent.path.empty()) // One of the attract loop's buttons: its language.
            show_language(intent.path);
        return;
    case Intent::Kind::StaffClose:
        m_staff_mode = StaffMode::None;
        m_pin_digits.clear();
        m_staff_message = {};
        m_staff_view = {};
        m_fade_pending = true;
        return;
    case Intent::Kind::StaffBack:
        m_staff_mode = StaffMode::Open;
        m_fade_pending = true;
        return;
    case Intent::Kind::StaffAction:
        if (m_staff_mode == StaffMode::Question) // Confirmed: the answer shows on the staff screen.
            m_staff_mode = StaffMode::Open;
        return; // The app carries out the action, then answers.
    case Intent::Kind::StaffPin:
        return; // The app checks the PIN, then answers.
    }
    if (m_stack.size() != depth || path() != before)
        m_fade_pending = true;
    if (intent.kind == Intent::Kind::Open && m_stack.size() > depth)
        m_opened.push_back(path());
}

bool Ui::animating() const
{
    bool fading = m_fade_pending || (m_fade_start.count() >= 0 && m_last_uptime - m_fade_start < fade_time);
    // The staff screens' lists glide too (a scroll cue's tap): frames run until they rest.
    const ScrollArea& shown = m_staff_mode == StaffMode::Open ? m_staff_scroll
        : m_staff_mode == StaffMode::Question                 ? m_question_scroll
                                                              : m_stack.back().scroll;
    return fading || shown.animating();
}

std::optional<Intent> Ui::draw(const ScreenContext& c, ScreenState& screen)
{
    const Target& t = screen.target;
    const BundleInfo& info = m_content->info();
    switch (t.kind) {
    case Target::Kind::Home:
        return m_attract ? draw_attract(c) : draw_home(c, screen.scroll);
    case Target::Kind::Page: {
        bool urgent = t.section == nullptr;
        const std::string& title = c.text(urgent ? info.urgent->title : t.section->title);
        // A page without a translation shows in the default language, and says so.
        std::string shown = t.page->by_language.count(m_language) ? m_language : c.default_language();
        return draw_page(c, title, t.page->in(m_language, c.default_language()),
            language_note(shown, m_language, c.strings, NoteForm::Page), urgent, screen.path, screen.scroll);
    }
    case Target::Kind::Cards: {
        static const std::vector<Card> none;
        return draw_cards(c, *t.section, t.cards ? *t.cards : none, screen.filter, screen.scroll);
    }
    case Target::Kind::Agenda:
        return draw_agenda(c, *t.section, m_agenda, screen.scroll);
    case Target::Kind::CardQr: {
        std::vector<QrDetail> details;
        // Not in the visitor's language: said first, as on the card in its list.
        std::string note
            = translation_note({&t.card->title, &t.card->description}, m_language, c.default_language(), c.strings);
        if (!note.empty())
            details.push_back({note, QrDetail::Kind::Fact});
        if (!c.text(t.card->description).empty())
            details.push_back({c.text(t.card->description)});
        return draw_qr_view(c, c.text(t.card->title), t.card->url, details, screen.scroll);
    }
    case Target::Kind::CardDetails:
        return draw_card_details(c, *t.card, screen.scroll);
    case Target::Kind::LinkQr: {
        // The link in the language shown; a translation with fewer links shows the default language's.
        const Document* document = &t.page->in(m_language, c.default_language());
        if (std::size_t(t.link) >= document->links.size())
            document = &t.page->in(c.default_language(), c.default_language());
        const Link& link = document->links[std::size_t(t.link)];
        return draw_qr_view(c, link.text.empty() ? link.url : link.text, link.url, {}, screen.scroll);
    }
    case Target::Kind::Occurrence:
        return draw_occurrence(c, *t.occurrence, screen.scroll);
    }
    return std::nullopt;
}

void Ui::draw_banner(const ScreenContext& c, float above)
{
    // A pill near the foot of the screen (`above` the overdose help's strip), over the content: a tick and the words,
    // in the accent colours.
    const Style& style = c.style;
    const Metrics& m = style.metrics;
    ImDrawList* list = ImGui::GetForegroundDrawList();
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    std::string words = c.word(m_banner.c_str());
    ImFont* font = style.fonts.tile;
    float text_w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, words.c_str()).x;
    float h = std::max(m.touch(), font->FontSize * 1.8f);
    float w = std::min(text_w + h + m.em(1.6f), viewport->Size.x - 2.0f * style.pad());
    ImVec2 min(std::floor(viewport->Pos.x + (viewport->Size.x - w) * 0.5f),
        std::floor(viewport->Pos.y + viewport->Size.y - above - h - style.pad() * 2.0f));
    ImVec2 max(min.x + w, min.y + h);
    fill_rounded(list, min, max, style.theme.accent, h * 0.5f);
    draw_icon(list, Icon::Check, ImVec2(min.x + h * 0.55f, min.y + h * 0.5f), h * 0.45f, style.theme.accent_text);
    draw_wrapped(list, font, ImVec2(min.x + h, min.y + (h - font->FontSize) * 0.5f), w - h - m.em(0.6f),
        style.theme.accent_text, words, 1);
}

void Ui::draw_fade(const FrameInfo& frame)
{
    if (m_fade_pending) {
        m_fade_pending = false;
        m_fade_start = frame.uptime;
    }
    if (m_fade_start.count() < 0)
        return;
    Millis elapsed = frame.uptime - m_fade_start;
    if (elapsed >= fade_time) {
        m_fade_start = Millis(-1);
        return;
    }
    // The background colour over the new screen, thinning out: the screen rises from the page, it does not flash.
    float left = 1.0f - float(elapsed.count()) / float(fade_time.count());
    Color color = (m_style.theme.background & 0x00FFFFFFu) | (Color(left * left * 255.0f) << 24);
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::GetForegroundDrawList()->AddRectFilled(
        viewport->Pos, ImVec2(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y), color);
}

std::vector<Intent> Ui::frame(const FrameInfo& frame)
{
    std::vector<Intent> intents;
    m_last_uptime = frame.uptime;
    m_zone = frame.zone;
    m_now = frame.now;
    if (!m_content)
        return intents;
    ScreenContext context {*m_content, m_style, m_strings, m_language, frame, m_images, m_large_text, m_contrast,
        m_read_aloud_offered, m_read_aloud};
    watch_staff_corner();
    // Two rows of bar where one does not hold Back, Home and the visitor's settings; the staff screens and the attract
    // loop have none of these, and keep one.
    bool visitor_bar = m_staff_mode == StaffMode::None && !m_attract;
    m_style.bar_rows = visitor_bar && !bar_fits_one_row(context, ImGui::GetMainViewport()->Size.x) ? 2 : 1;
    // The overdose help's strip takes the foot of every visitor screen but home (its own band is there) and the
    // urgent page itself; the screen gets the rest, so the strip never covers any of it.
    const Target& shown = m_stack.back().target;
    bool urgent_page = shown.kind == Target::Kind::Page && shown.section == nullptr;
    bool strip = m_staff_mode == StaffMode::None && shown.kind != Target::Kind::Home && !urgent_page;
    float display_h = ImGui::GetMainViewport()->Size.y;
    float strip_h
        = strip ? std::min(urgent_strip_height(context, ImGui::GetMainViewport()->Size.x), display_h * 0.3f) : 0.0f;
    begin_screen("screen", m_style, m_attract && path() == "home" ? attract_frame(frame.uptime).shift : ImVec2(), 0.0f,
        display_h - strip_h);
    std::optional<Intent> intent;
    if (m_staff_mode == StaffMode::Pin)
        intent = draw_pin_pad(context, m_pin_digits, m_staff_message);
    else if (m_staff_mode == StaffMode::Open) {
        intent = draw_staff(context, m_staff_view, m_staff_message, m_staff_busy, m_staff_scroll, m_staff_tapped);
        if (intent)
            intent = staff_tap(*intent);
    } else if (m_staff_mode == StaffMode::Question)
        intent = draw_staff_question(context, m_staff_view, m_staff_question, m_staff_tapped, m_question_scroll);
    else
        intent = draw(context, m_stack.back());
    if (!m_banner.empty() && frame.uptime >= m_banner_until)
        m_banner.clear();
    if (!m_banner.empty())
        draw_banner(context, strip_h);
    end_screen();
    if (strip_h > 0.0f) {
        begin_screen("urgent-strip", m_style, ImVec2(), display_h - strip_h, strip_h);
        if (auto chosen = draw_urgent_strip(context))
            intent = chosen;
        end_screen();
    }
    watch_read_aloud_hold(); // After the screen: the controls under the finger are this frame's.
    read_aloud_frame(context, intent);
    draw_fade(frame);
    if (intent)
        intents.push_back(*intent);
    return intents;
}

} // namespace kiosk::ui
