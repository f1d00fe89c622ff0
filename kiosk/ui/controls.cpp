// The per-frame list of controls: one vector, reused frame after frame, emptied by a hook on ImGui's NewFrame.
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
ImGuiContext* g_hooked = nullptr; // The context whose NewFrame empties the list.

void hook_new_frame()
{
    ImGuiContext* context = ImGui::GetCurrentContext();
    if (context == g_hooked)
        return;
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_NewFramePre;
    hook.Callback = [](ImGuiContext*, ImGuiContextHook*) { g_used = 0; };
    ImGui::AddContextHook(context, &hook);
    hook.Type = ImGuiContextHookType_Shutdown;
    hook.Callback = [](ImGuiContext*, ImGuiContextHook*) {
        g_used = 0;
        g_hooked = nullptr;
    };
    ImGui::AddContextHook(context, &hook);
    g_hooked = context;
}

} // namespace

void record_control(const std::string& label, ImVec2 min, ImVec2 max, ClipTo to)
{
    hook_new_frame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImRect clip(viewport->Pos, ImVec2(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y));
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
}

std::span<const Control> drawn_controls()
{
    return {g_controls.data(), g_used};
}

} // namespace kiosk::ui
