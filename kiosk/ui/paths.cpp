// Paths to screens ("places/north-desk", "guide/link-1", "events/<id>@<date>"): what each shows in a snapshot, and
// its title in words for staff.
#include "ui/paths.hpp"

#include "content/text_util.hpp"

#include <algorithm>

namespace kiosk::ui {

namespace {

std::string known_screens(const ContentSnapshot& content)
{
    std::string list = "home";
    if (content.info().urgent)
        list += ", urgent";
    for (const Section& section : content.info().sections)
        list += ", " + section.id;
    return list;
}

const Page* find_page(const ContentSnapshot& content, const std::string& name)
{
    auto page = content.bundle->pages.find(name);
    return page == content.bundle->pages.end() ? nullptr : &page->second;
}

// "link-3" -> 2 (an index), or -1.
int link_index(const std::string& rest)
{
    if (rest.rfind("link-", 0) != 0 || rest.size() < 6 || rest.size() > 9)
        return -1;
    int n = 0;
    for (char ch : rest.substr(5)) {
        if (ch < '0' || ch > '9')
            return -1;
        n = n * 10 + (ch - '0');
    }
    return n - 1;
}

std::optional<Target> resolve_inner(const ContentSnapshot& content, const std::string& first, const std::string& rest,
    const Section* section, std::string& error)
{
    Target target;
    target.section = section;
    if (!section || section->kind == SectionKind::Page) {
        // The urgent page or a page section: a link in it.
        target.page = find_page(content, section ? section->page : content.info().urgent->page);
        int index = link_index(rest);
        if (!target.page || index < 0
            || std::size_t(index) >= target.page->in(content.info().default_language(), "").links.size()) {
            error = "there is no link '" + rest + "' on the page '" + first + "': use " + first + "/link-1 for its"
                + " first link";
            return std::nullopt;
        }
        target.kind = Target::Kind::LinkQr;
        target.link = index;
        return target;
    }
    if (section->kind == SectionKind::Cards) {
        auto list = content.bundle->card_lists.find(section->source);
        if (list != content.bundle->card_lists.end()) {
            for (const Card& card : list->second) {
                if (card.id == rest) {
                    target.kind = card.url.empty() ? Target::Kind::CardDetails : Target::Kind::CardQr;
                    target.card = &card;
                    return target;
                }
            }
        }
        error = "there is no card at '" + first + "/" + rest + "': use <section-id>/<card-id>";
        return std::nullopt;
    }
    // An agenda: <event-id>@YYYY-MM-DD, one of the occurrences in the days ahead.
    auto at = rest.find('@');
    std::string id = rest.substr(0, at);
    std::string date = at == std::string::npos ? "" : rest.substr(at + 1);
    std::vector<std::string> dates, ids;
    for (const Occurrence& occurrence : content.occurrences) {
        if (occurrence.event->id == id) {
            if (occurrence.date == date) {
                target.kind = Target::Kind::Occurrence;
                target.occurrence = &occurrence;
                return target;
            }
            if (dates.size() < 3)
                dates.push_back(occurrence.date);
        }
        if (ids.size() < 5 && std::find(ids.begin(), ids.end(), occurrence.event->id) == ids.end())
            ids.push_back(occurrence.event->id);
    }
    error = "there is no event at '" + first + "/" + rest + "': use " + first
        + "/<event-id>@YYYY-MM-DD for a day on which it happens, within the next 90 days";
    auto joined = [](const std::vector<std::string>& items) {
        std::string text;
        for (const std::string& item : items)
            text += (text.empty() ? "" : ", ") + item;
        return text;
    };
    if (!dates.empty())
        error += " ('" + id + "' happens on " + joined(dates) + (dates.size() == 3 ? "..." : "") + ")";
    else if (!ids.empty())
        error += " (events ahead: " + joined(ids) + (ids.size() == 5 ? "..." : "") + ")";
    return std::nullopt;
}

} // namespace

std::optional<Target> resolve_path(const ContentSnapshot& content, const std::string& path, std::string& error)
{
    if (path == "home")
        return Target {};
    auto slash = path.find('/');
    std::string first = path.substr(0, slash);
    const Section* section = content.info().find_section(first);
    bool urgent = first == "urgent" && content.info().urgent;
    if (!section && !urgent) {
        error = "there is no screen '" + first + "': use " + known_screens(content);
        return std::nullopt;
    }
    if (slash != std::string::npos)
        return resolve_inner(content, first, path.substr(slash + 1), section, error);
    Target target;
    target.section = section;
    if (urgent) {
        target.kind = Target::Kind::Page;
        target.page = find_page(content, content.info().urgent->page);
    } else if (section->kind == SectionKind::Page) {
        target.kind = Target::Kind::Page;
        target.page = find_page(content, section->page);
    } else if (section->kind == SectionKind::Cards) {
        target.kind = Target::Kind::Cards;
        auto list = content.bundle->card_lists.find(section->source);
        if (list != content.bundle->card_lists.end())
            target.cards = &list->second;
    } else {
        target.kind = Target::Kind::Agenda;
    }
    if (target.kind == Target::Kind::Page && !target.page) {
        error = "the page of '" + first + "' is missing from the content";
        return std::nullopt;
    }
    return target;
}

std::string path_title(const ContentSnapshot& content, const std::string& path)
{
    std::string error;
    std::optional<Target> target = resolve_path(content, path, error);
    const std::string& language = content.info().default_language();
    auto in = [&](const Text& text) { return text.in(language, language); };
    if (!target) {
        // An event on a day now past: still named by its id.
        auto slash = path.find('/'), at = path.find('@');
        const Section* section = content.info().find_section(path.substr(0, slash));
        if (!section || section->kind != SectionKind::Agenda || slash == std::string::npos || at == std::string::npos)
            return "";
        std::string id = path.substr(slash + 1, at - slash - 1);
        for (const Event& event : content.bundle->events)
            if (event.id == id)
                return shortened(in(section->title) + ": " + in(event.title) + ", " + path.substr(at + 1), 200);
        return "";
    }
    if (target->kind == Target::Kind::Home)
        return ""; // Home is where the counts start, never counted.
    std::string title = target->section ? in(target->section->title)
        : content.info().urgent         ? in(content.info().urgent->title)
                                        : std::string();
    std::string detail;
    if (target->card)
        detail = in(target->card->title);
    else if (target->occurrence)
        detail = in(target->occurrence->event->title) + ", " + target->occurrence->date;
    else if (target->kind == Target::Kind::LinkQr && target->page) {
        const auto& links = target->page->in(language, "").links;
        if (target->link >= 0 && std::size_t(target->link) < links.size())
            detail = links[std::size_t(target->link)].text;
    }
    return shortened(detail.empty() ? title : title + ": " + detail, 200);
}

} // namespace kiosk::ui
