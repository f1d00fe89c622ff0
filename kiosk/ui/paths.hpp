// Paths to screens: what a path shows in one content snapshot, and its title in words for staff.
#pragma once

#include "content/snapshot.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::ui {

// What a path (DESIGN.md's paths, and `<page>/link-<n>` for a link in a page) shows, resolved against one snapshot.
struct Target {
    enum class Kind { Home, Page, Cards, Agenda, CardQr, CardDetails, LinkQr, Occurrence };
    Kind kind = Kind::Home;
    const Section* section = nullptr; // Page, Cards, Agenda, CardQr, CardDetails, Occurrence; null for urgent.
    const Page* page = nullptr;       // Page, LinkQr (a section's page or the urgent page).
    const Card* card = nullptr;
    const std::vector<Card>* cards = nullptr;
    int link = -1; // LinkQr: the index in the page's document (in the language shown).
    const Occurrence* occurrence = nullptr;
};

// Finds what `path` shows in `content`; nothing, with the reason in `error`, when it has no such screen.
std::optional<Target> resolve_path(const ContentSnapshot& content, const std::string& path, std::string& error);
// What `path` shows, in words for staff and in the content's first language: "Unions", "Unions: Some Union",
// "Events: Narcan training, 2026-12-05", "Overdose help: Call 911" (a link's words); "" when `content` has no such
// screen now (the counts keep paths of content since replaced). Whatever the content holds, at most 200 bytes.
std::string path_title(const ContentSnapshot& content, const std::string& path);

} // namespace kiosk::ui
