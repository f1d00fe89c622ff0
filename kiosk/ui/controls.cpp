// The per-frame lists of controls and texts: one vector each, reused frame after frame, emptied by a hook on ImGui's
// NewFrame.
#include "ui/controls.hpp"

#include <algorithm>
#include <imgui_internal.h>
#include <vector>

namespace kiosk::ui {

namespace {

// UI thread only, as ImGui's context is. The first `g_used` entries of `g_controls` are this frame's; those past it
// keep their string buffers for the frames to come.
std::vector<Control> g_controls;
std::size_t g_used = 0;
std::vector<DrawnText> g_texts; // The same for texts.
std::size_t g_texts_used = 0;
TextKind g_recording = TextKind::None; // The innermost TextScope's kind.
ImGuiContext* g_hooked = nullptr;      // The context whose NewFrame empties the list.

void hook_new_frame()
{
    ImGuiContext* context = ImGui::GetCurrentContext();
    if (context == g_hooked)
        return;
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_NewFramePre;
    hook.Callback = [](ImGuiContext*, ImGuiContextHook*) { g_used = g_texts_used = 0; };
    ImGui::AddContextHook(context, &hook);
    hook.Type = ImGuiContextHookType_Shutdown;
    hook.Callback = [](ImGuiContext*, ImGuiContextHook*) {
        g_used = g_texts_used = 0;
        g_hooked = nullptr;
    };
    ImGui::AddContextHook(context, &hook);
    g_hooked = context;
}

// The display's rectangle.
ImRect display_rect()
{
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    return {viewport->Pos, ImVec2(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y)};
}

} // namespace

void record_control(const std::string& label, ImVec2 min, ImVec2 max, ClipTo to, ImGuiID id)
{
    hook_new_frame();
    ImRect clip = display_rect();
    if (ImGuiWindow* window = ImGui::GetCurrentWindowRead(); window && to == ClipTo::Window)
        clip.ClipWith(window->ClipRect);
    ImVec2 a(std::max(min.x, clip.Min.x), std::max(min.y, clip.Min.y));
    ImVec2 b(std::min(max.x, clip.Max.x), std::min(max.y, clip.Max.y));
    if (a.x >= b.x || a.y >= b.y)
        return;
    if (g_used == g_controls.size())
        g_controls.emplace_back();
    Control& control = g_controls[g_used++];
    control.label.assign(label);
    control.min = a;
    control.max = b;
    control.id = id;
    control.said.clear();
    control.language.clear();
}

void set_said(ImGuiID id, const std::string& words)
{
    if (g_used > 0 && id != 0 && g_controls[g_used - 1].id == id)
        g_controls[g_used - 1].said.assign(words);
}

void set_language(ImGuiID id, const std::string& language)
{
    if (g_used > 0 && id != 0 && g_controls[g_used - 1].id == id)
        g_controls[g_used - 1].language.assign(language);
}

std::span<const Control> drawn_controls()
{
    return {g_controls.data(), g_used};
}

const char* text_kind_name(TextKind kind)
{
    switch (kind) {
    case TextKind::None:
        return "none";
    case TextKind::Title:
        return "title";
    case TextKind::Detail:
        return "detail";
    case TextKind::Hint:
        return "hint";
    case TextKind::Address:
        return "address";
    case TextKind::Description:
        return "description";
    case TextKind::Label:
        return "label";
    }
    return "none";
}

TextScope::TextScope(TextKind kind)
    : m_previous(g_recording)
{
    g_recording = kind;
}

TextScope::~TextScope()
{
    g_recording = m_previous;
}

TextKind recording_text()
{
    return g_recording;
}

void record_text(
    TextKind kind, std::string_view text, ImVec2 min, ImVec2 max, const ImDrawList* list, std::string_view more)
{
    hook_new_frame();
    ImRect clip = display_rect();
    if (list)
        clip.ClipWith(ImRect(list->GetClipRectMin(), list->GetClipRectMax()));
    ImVec2 a(std::max(min.x, clip.Min.x), std::max(min.y, clip.Min.y));
    ImVec2 b(std::min(max.x, clip.Max.x), std::min(max.y, clip.Max.y));
    if (a.x >= b.x || a.y >= b.y)
        return;
    if (g_texts_used == g_texts.size())
        g_texts.emplace_back();
    DrawnText& drawn = g_texts[g_texts_used++];
    drawn.kind = kind;
    drawn.text.assign(text);
    drawn.text.append(more);
    drawn.min = a;
    drawn.max = b;
}

std::span<const DrawnText> drawn_texts()
{
    return {g_texts.data(), g_texts_used};
}

} // namespace kiosk::ui
