// Ui: navigation between screens and the frame's drawing.
#include "ui/ui.hpp"

#include <imgui.h>

namespace kiosk::ui {

Ui::Ui(Theme theme, Strings strings)
    : m_strings(std::move(strings))
{
    m_style.theme = theme;
    m_scrolls.resize(1);
}

bool Ui::set_metrics(const Metrics& metrics, std::string& error)
{
    m_style.metrics = metrics;
    return build_fonts(*ImGui::GetIO().Fonts, metrics, m_style.fonts, error);
}

void Ui::set_content(SnapshotPtr content)
{
    m_content = std::move(content);
    // A path the new content no longer has falls back home.
    std::string error;
    std::vector<std::string> stack = m_stack;
    m_stack = {"home"};
    m_scrolls.resize(1);
    for (std::size_t i = 1; i < stack.size(); ++i) {
        if (!open(stack[i], error))
            break;
    }
}

const Card* Ui::find_card(const std::string& path) const
{
    auto slash = path.find('/');
    if (!m_content || slash == std::string::npos)
        return nullptr;
    const Section* section = m_content->info().find_section(path.substr(0, slash));
    if (!section || section->kind != SectionKind::Cards)
        return nullptr;
    auto list = m_content->bundle->card_lists.find(section->source);
    if (list == m_content->bundle->card_lists.end())
        return nullptr;
    for (const Card& card : list->second) {
        if (card.id == path.substr(slash + 1))
            return card.url.empty() ? nullptr : &card;
    }
    return nullptr;
}

bool Ui::open(const std::string& path, std::string& error)
{
    if (path == "home") {
        apply(Intent {Intent::Kind::Home, {}});
        return true;
    }
    if (path.find('/') != std::string::npos) {
        if (!find_card(path)) {
            error
                = "there is no card with a link at '" + path + "': use <section-id>/<card-id> of a card that has a url";
            return false;
        }
        m_stack.push_back(path);
        m_scrolls.emplace_back();
        return true;
    }
    bool known = path == "urgent" ? m_content && m_content->info().urgent
                                  : m_content && m_content->info().find_section(path) != nullptr;
    if (!known) {
        error = "there is no screen '" + path + "': use home";
        if (m_content) {
            if (m_content->info().urgent)
                error += ", urgent";
            for (const Section& section : m_content->info().sections)
                error += ", " + section.id;
        }
        return false;
    }
    m_stack.push_back(path);
    m_scrolls.emplace_back();
    return true;
}

void Ui::apply(const Intent& intent)
{
    std::string error;
    switch (intent.kind) {
    case Intent::Kind::Open:
        open(intent.path, error);
        break;
    case Intent::Kind::Back:
        if (m_stack.size() > 1) {
            m_stack.pop_back();
            m_scrolls.pop_back();
        }
        break;
    case Intent::Kind::Home:
        m_stack.resize(1);
        m_scrolls.resize(1);
        break;
    }
}

ScrollArea& Ui::scroll_for_depth()
{
    return m_scrolls.back();
}

bool Ui::animating() const
{
    return m_scrolls.back().animating();
}

std::vector<Intent> Ui::frame(const FrameInfo& frame)
{
    std::vector<Intent> intents;
    if (!m_content)
        return intents;
    ScreenContext context {*m_content, m_style, m_strings, m_language, frame};
    begin_screen("screen", m_style);
    std::optional<Intent> intent;
    const std::string& here = path();
    if (here == "home") {
        intent = draw_home(context, scroll_for_depth());
    } else if (here == "urgent") {
        intent = draw_section(
            context, context.text(m_content->info().urgent->title), Icon::Help, true, scroll_for_depth());
    } else if (const Card* card = find_card(here)) {
        intent = draw_qr_view(context, context.text(card->title), card->url);
    } else if (const Section* section = m_content->info().find_section(here)) {
        intent
            = draw_section(context, context.text(section->title), icon_for(section->kind), false, scroll_for_depth());
    }
    end_screen();
    if (intent)
        intents.push_back(*intent);
    return intents;
}

} // namespace kiosk::ui
