// Read aloud on the live screens (issue 19): the 3-second hold that turns it on, each new screen said while it is on,
// touch exploration, the keypad's focus, the outline of what was said and the big Stop. The words a screen says are
// spoken.cpp's; the voice is the app's (the UI only asks, through take_speech).
#include "content/pronounce.hpp"
#include "ui/controls.hpp"
#include "ui/spoken.hpp"
#include "ui/ui.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h>

namespace kiosk::ui {

namespace {

constexpr float hold_seconds = 3.0f;
constexpr const char* staff_corner_label = "staff corner";

// The utterances as one text for the engine: each ends as a sentence, so the voice pauses between them.
std::string join_utterances(const std::vector<std::string>& utterances)
{
    std::string text;
    for (const std::string& utterance : utterances) {
        if (utterance.empty())
            continue;
        text += utterance;
        char last = utterance.back();
        if (last != '.' && last != '!' && last != '?' && last != ':' && last != ';')
            text += '.';
        text += '\n';
    }
    return text;
}

bool contains(const Area& area, ImVec2 at)
{
    return at.x >= area.min.x && at.x < area.max.x && at.y >= area.min.y && at.y < area.max.y;
}

Area area_of(ImVec2 min, ImVec2 max)
{
    return Area {min, max};
}

float distance_squared(const Area& a, const Area& b)
{
    float dx = (a.min.x + a.max.x - b.min.x - b.max.x) * 0.5f;
    float dy = (a.min.y + a.max.y - b.min.y - b.max.y) * 0.5f;
    return dx * dx + dy * dy;
}

// The controls a visitor can reach, in the order drawn: all but the invisible staff corner.
std::vector<const Control*> reachable_controls()
{
    std::vector<const Control*> controls;
    for (const Control& control : drawn_controls()) {
        if (control.label != staff_corner_label)
            controls.push_back(&control);
    }
    return controls;
}

// The control said or focused before, in this frame: the same ImGui item when it has one (a row of a repeated event
// is not another row with the same words), else the one labelled `words` nearest to where it was. Null when it is gone.
const Control* find_again(const std::string& words, const Area& area, ImGuiID id)
{
    const Control* found = nullptr;
    float best = 0.0f;
    for (const Control* control : reachable_controls()) {
        if (control->label != words || (id != 0 && control->id != id))
            continue;
        float d = distance_squared(area_of(control->min, control->max), area);
        if (!found || d < best) {
            found = control;
            best = d;
        }
    }
    return found;
}

ImVec2 middle(const Control& c)
{
    return ImVec2((c.min.x + c.max.x) * 0.5f, (c.min.y + c.max.y) * 0.5f);
}

// The smallest control under `at` (a card inside a list, not the list).
const Control* control_at(ImVec2 at)
{
    const Control* found = nullptr;
    float smallest = 0.0f;
    for (const Control* control : reachable_controls()) {
        if (!contains(area_of(control->min, control->max), at))
            continue;
        float size = (control->max.x - control->min.x) * (control->max.y - control->min.y);
        if (!found || size < smallest) {
            found = control;
            smallest = size;
        }
    }
    return found;
}

// The lines of text drawn inside `area` that the control's label does not already say (a card's description, an
// event's day and place), in reading order.
std::string texts_inside(const Area& area, const std::string& label)
{
    std::string words;
    for (const DrawnText& text : drawn_texts()) {
        ImVec2 middle((text.min.x + text.max.x) * 0.5f, (text.min.y + text.max.y) * 0.5f);
        if (!contains(area, middle) || label.find(text.text) != std::string::npos)
            continue;
        words += (words.empty() ? "" : " ") + text.text;
    }
    return words;
}

// The paragraph of text under `at`: the line there with the lines of the same kind just above and below it.
std::optional<std::pair<std::string, Area>> paragraph_at(ImVec2 at)
{
    std::span<const DrawnText> texts = drawn_texts();
    auto hit = std::find_if(texts.begin(), texts.end(), [&](const DrawnText& t) {
        return contains(area_of(ImVec2(std::min(t.min.x, at.x), t.min.y), t.max), at) && at.x <= t.max.x;
    });
    if (hit == texts.end())
        return std::nullopt;
    auto joined = [](const DrawnText& a, const DrawnText& b) { // b is the line after a, in the same paragraph.
        float line = a.max.y - a.min.y;
        return a.kind == b.kind && b.min.y >= a.min.y && b.min.y - a.max.y < line * 0.6f;
    };
    auto first = hit;
    while (first != texts.begin() && joined(*(first - 1), *first))
        --first;
    auto last = hit;
    while (last + 1 != texts.end() && joined(*last, *(last + 1)))
        ++last;
    std::string words;
    Area area {first->min, first->max};
    for (auto line = first; line <= last; ++line) {
        words += (words.empty() ? "" : " ") + line->text;
        area.min = ImVec2(std::min(area.min.x, line->min.x), std::min(area.min.y, line->min.y));
        area.max = ImVec2(std::max(area.max.x, line->max.x), std::max(area.max.y, line->max.y));
    }
    return std::pair(words, area);
}

} // namespace

Area Ui::staff_corner_area() const
{
    float side = std::max(m_style.metrics.touch() * 1.5f, m_style.metrics.em(3.0f));
    ImVec2 size = ImGui::GetIO().DisplaySize;
    bool right = m_staff_corner.find("right") != std::string::npos;
    bool bottom = m_staff_corner.find("bottom") != std::string::npos;
    ImVec2 min(right ? size.x - side : 0.0f, bottom ? size.y - side : 0.0f);
    return Area {min, ImVec2(min.x + side, min.y + side)};
}

void Ui::say(std::string text, bool pronounced)
{
    if (m_staff_mode != StaffMode::None && !text.empty())
        return; // Staff screens are not read out.
    // A control's label or a paragraph touched is said with the content's pronunciations too (a screen's words from
    // spoken_text have them already).
    if (!pronounced && !text.empty() && m_content)
        text = apply_pronunciations(text, pronunciations_for(m_content->info(), m_language));
    m_speech.push_back(SpeechRequest {std::move(text), m_language});
}

void Ui::turn_read_aloud(bool on)
{
    m_read_aloud = on;
    m_outlined.reset();
    if (on) {
        m_attract = false;
        m_announce = true;
        m_said_screen.clear(); // The next frame says the screen, after saying that read aloud is on.
        return;
    }
    say(m_strings.get("read_aloud_off_said", m_language));
}

void Ui::forget_read_aloud()
{
    if (m_speaking || !m_speech.empty())
        m_speech = {SpeechRequest {}};
    m_read_aloud = m_announce = m_keypad_used = m_hold_armed = m_speaking = false;
    m_outlined.reset();
    m_said_screen.clear();
}

void Ui::watch_read_aloud_hold()
{
    // One finger held still anywhere for 3 s (away from the staff corner) turns read aloud on and says so: a gesture
    // a visitor who cannot see the control can find, and that the screen's own long presses do not use.
    ImGuiIO& io = ImGui::GetIO();
    if (!m_read_aloud_offered || m_read_aloud || m_staff_mode != StaffMode::None || !io.MouseDown[0]) {
        m_hold_armed = false;
        return;
    }
    if (io.MouseClicked[0])
        m_hold_armed = !contains(staff_corner_area(), io.MouseClickedPos[0]);
    float still = m_style.metrics.mm(4.0f);
    if (io.MouseDragMaxDistanceSqr[0] > still * still)
        m_hold_armed = false;
    if (m_hold_armed && io.MouseDownDuration[0] >= hold_seconds) {
        m_hold_armed = false;
        ImGui::ClearActiveID(); // The press chooses nothing under it, but an attract loop's button gives its language.
        if (const Control* held = control_at(io.MouseClickedPos[0]); held && !held->language.empty())
            show_language(held->language);
        turn_read_aloud(true);
    }
}

void Ui::say_screen(const FrameInfo& frame, bool announce)
{
    std::vector<std::string> parts;
    if (announce)
        parts.push_back(m_strings.get("read_aloud_on_said", m_language));
    std::vector<std::string> screen;
    if (m_content && frame.zone)
        screen = spoken_text(
            SpokenContext {*m_content, m_strings, m_language, *frame.zone, frame.now}, m_stack.back().target);
    parts.insert(parts.end(), screen.begin(), screen.end());
    say(join_utterances(parts), true);
}

void Ui::read_aloud_frame(const ScreenContext& c, std::optional<Intent>& intent)
{
    const FrameInfo& frame = c.frame;
    std::string screen = path() + '\n' + m_language + '\n' + std::to_string(int(m_staff_mode));
    if (screen != m_said_screen) {
        // A new screen: what was said and outlined belonged to the old one.
        m_said_screen = screen;
        m_outlined.reset();
        if (m_staff_mode != StaffMode::None) {
            if (m_read_aloud || m_keypad_used || m_speaking)
                forget_read_aloud(); // Staff at work: read aloud was the last visitor's.
            m_said_screen = screen;
        } else if (m_read_aloud || m_keypad_used) {
            say_screen(frame, std::exchange(m_announce, false));
        } else if (m_speaking) {
            say({});
        }
    }
    draw_outline();
    m_stop_area.reset();
    if (m_speaking && m_staff_mode == StaffMode::None) {
        if (auto stop = draw_stop(c))
            intent = stop;
    }
}

void Ui::draw_outline()
{
    if (!m_outlined)
        return;
    if (m_outlined->control) {
        const Control* again = find_again(m_outlined->words, m_outlined->area, m_outlined->id);
        if (!again) {
            m_outlined.reset();
            return;
        }
        m_outlined->area = area_of(again->min, again->max);
    }
    // Two rings, the text colour inside the background's, so the outline shows on any fill; thick enough to see
    // from a step back.
    ImDrawList* list = ImGui::GetForegroundDrawList();
    const Theme& theme = m_style.theme;
    float w = std::max(2.0f, std::round(m_style.metrics.mm(0.8f)));
    ImVec2 min(m_outlined->area.min.x - w, m_outlined->area.min.y - w);
    ImVec2 max(m_outlined->area.max.x + w, m_outlined->area.max.y + w);
    float radius = m_style.metrics.mm(1.5f);
    list->AddRect(ImVec2(min.x - w, min.y - w), ImVec2(max.x + w, max.y + w), theme.background, radius, 0, w);
    list->AddRect(min, max, theme.text, radius, 0, w * 1.5f);
}

std::optional<Intent> Ui::draw_stop(const ScreenContext& c)
{
    // Big, under the bar at the right, below the Read aloud control that started it: where the finger just was.
    const Metrics& m = m_style.metrics;
    ImGuiViewport* viewport = ImGui::GetMainViewport();
    std::string label = c.word("read_aloud_stop");
    float h = std::round(m.touch() * 1.3f);
    float w = std::min(viewport->Size.x - 2.0f * m_style.pad(),
        std::max(header_button_width(label, m_style, Icon::Stop) + m.em(2.0f), m.em(7.0f)));
    ImVec2 pos(viewport->Pos.x + viewport->Size.x - m_style.pad() - w,
        viewport->Pos.y + m_style.header_height() + m_style.pad() * 0.5f);
    m_stop_area = Area {pos, ImVec2(pos.x + w, pos.y + h)};
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin("read-aloud-stop", nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings
            | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBackground);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    float radius = m.mm(2.0f);
    fill_rounded(ImGui::GetWindowDrawList(), pos, ImVec2(pos.x + w, pos.y + h), m_style.theme.header, radius);
    std::optional<Intent> intent;
    if (header_button("stop", ImVec2(w, h), label, Icon::Stop, m_style))
        intent = Intent {Intent::Kind::StopSpeech, {}};
    ImGui::End();
    ImGui::PopStyleVar(2);
    return intent;
}

void Ui::explore_touch(ImVec2 at, bool passing)
{
    if (m_stop_area && contains(*m_stop_area, at)) {
        say({}); // The Stop works at the first touch, over whatever it covers: the visitor wants quiet.
        m_outlined.reset();
        return;
    }
    std::optional<Outlined> found;
    std::string words;
    if (const Control* control = control_at(at)) {
        found = Outlined {control->label, area_of(control->min, control->max), true, control->id};
        std::string inside = texts_inside(found->area, control->label);
        words = !control->said.empty() ? control->said : control->label + (inside.empty() ? "" : ". " + inside);
    } else if (auto paragraph = paragraph_at(at)) {
        found = Outlined {paragraph->first, paragraph->second, false};
        words = paragraph->first;
    }
    if (!found) {
        if (!passing)
            m_outlined.reset();
        return;
    }
    bool same = m_outlined && m_outlined->words == found->words && m_outlined->control == found->control
        && m_outlined->id == found->id;
    if (passing && same)
        return;
    m_outlined = found; // The keypad's focus too: it moves on from here.
    say(words);
}

void Ui::explore_hold(ImVec2 at)
{
    // The staff corner's long press works with read aloud on too: staff need not turn it off first.
    if (m_staff_enabled && m_staff_mode == StaffMode::None && contains(staff_corner_area(), at))
        open_pin_pad();
}

const Control* Ui::outlined_control() const
{
    return m_outlined && m_outlined->control ? find_again(m_outlined->words, m_outlined->area, m_outlined->id)
                                             : nullptr;
}

ImVec2 Ui::choose(const Control& control)
{
    // Quiet first: the big Stop goes before the press lands, so the press reaches the control beneath it.
    say({});
    m_speaking = false;
    return middle(control);
}

std::optional<ImVec2> Ui::explore_double_tap()
{
    const Control* control = outlined_control();
    if (!control) {
        say(m_strings.get("read_aloud_touch_first", m_language));
        return std::nullopt;
    }
    return choose(*control);
}

std::optional<ImVec2> Ui::keypad(KeypadKey key)
{
    if (m_staff_mode == StaffMode::None)
        m_keypad_used = true; // Staff's keys on the PIN pad do not make the next visitor's screens speak.
    const Control* focused = outlined_control();
    if (key == KeypadKey::Activate && focused)
        return choose(*focused);
    std::vector<const Control*> controls = reachable_controls();
    int count = int(controls.size());
    if ((key == KeypadKey::Next || key == KeypadKey::Previous) && count > 0) {
        auto at = std::find(controls.begin(), controls.end(), focused);
        int index = at == controls.end() ? -1 : int(at - controls.begin());
        int step = key == KeypadKey::Next ? 1 : -1;
        index = index < 0 ? (step > 0 ? 0 : count - 1) : (index + step + count) % count;
        const Control* c = controls[std::size_t(index)];
        m_outlined = Outlined {c->label, area_of(c->min, c->max), true, c->id};
        say(c->label);
        return std::nullopt;
    }
    // Help, or Enter with nothing chosen yet: where the visitor is and what the keys do.
    std::string where;
    if (m_content && m_zone) {
        std::vector<std::string> screen
            = spoken_text(SpokenContext {*m_content, m_strings, m_language, *m_zone, m_now}, m_stack.back().target);
        if (!screen.empty())
            where = screen.front();
    }
    Phrase help = focused ? Phrase {"keypad_help_focus_said", {{"screen", where}, {"control", focused->label}}}
                          : Phrase {"keypad_help_said", {{"screen", where}}};
    say(m_strings.format(help, m_language), true);
    return std::nullopt;
}

} // namespace kiosk::ui
