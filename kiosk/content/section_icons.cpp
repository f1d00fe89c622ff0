// The section icons' list, and finding the names close to one a bundle misspelt.
#include "content/section_icons.hpp"

#include <algorithm>
#include <array>

namespace kiosk {

namespace {

// Names and code points as in /usr/share/fonts-material-design-icons-iconfont/scss/_variables.scss of the Debian
// 12 package (6.7.0); unit tests check both against the installed font. Grouped as the content guide lists them.
constexpr std::array icons = {
    // People and taking part.
    SectionIcon {"groups", 0xf233, "group people union community members team"},
    SectionIcon {"handshake", 0xebcb, "agreement partners solidarity deal"},
    SectionIcon {"volunteer_activism", 0xea70, "volunteer giving donate care hands"},
    SectionIcon {"favorite", 0xe87d, "heart love care you"},
    SectionIcon {"forum", 0xe0bf, "chat talk discussion conversation meeting"},
    SectionIcon {"campaign", 0xef49, "act action advocacy megaphone announce involved"},
    SectionIcon {"public", 0xe80b, "world globe international directory unions"},
    SectionIcon {"history", 0xe889, "past story timeline"},
    // Information and time.
    SectionIcon {"info", 0xe88e, "about information"},
    SectionIcon {"help", 0xe887, "question faq questions"},
    SectionIcon {"calendar_month", 0xebcc, "calendar agenda dates month"},
    SectionIcon {"event", 0xe878, "events schedule date"},
    SectionIcon {"article", 0xef42, "page text document"},
    SectionIcon {"view_module", 0xe8f0, "cards list grid"},
    SectionIcon {"menu_book", 0xea19, "book guide resources reading library"},
    SectionIcon {"school", 0xe80c, "education class learn training"},
    // Health and safer use.
    SectionIcon {"health_and_safety", 0xe1d5, "health safety safer harm reduction"},
    SectionIcon {"medical_services", 0xf109, "medical doctor nurse first aid kit"},
    SectionIcon {"local_hospital", 0xe548, "hospital clinic"},
    SectionIcon {"medication", 0xf033, "medicine pills pharmacy prescription naloxone"},
    SectionIcon {"vaccines", 0xe138, "vaccine syringe needle injection"},
    SectionIcon {"healing", 0xe3f3, "wound bandage care"},
    SectionIcon {"science", 0xea4b, "drug checking testing lab"},
    SectionIcon {"psychology", 0xea4a, "mental health counselling counseling support mind"},
    // Everyday needs.
    SectionIcon {"restaurant", 0xe56c, "food meal meals eat kitchen"},
    SectionIcon {"water_drop", 0xe798, "water drink"},
    SectionIcon {"shower", 0xf061, "showers wash hygiene"},
    SectionIcon {"local_laundry_service", 0xe54a, "laundry washing clothes"},
    SectionIcon {"checkroom", 0xf19e, "clothes clothing coats"},
    SectionIcon {"bed", 0xefdf, "shelter sleep housing"},
    SectionIcon {"home", 0xe88a, "house housing"},
    SectionIcon {"phone", 0xe0cd, "call telephone hotline"},
    SectionIcon {"mail", 0xe158, "post letters email"},
    SectionIcon {"wifi", 0xe63e, "internet"},
    // Places, rights and work.
    SectionIcon {"place", 0xe55f, "location address where"},
    SectionIcon {"map", 0xe55b, "maps directions"},
    SectionIcon {"directions_bus", 0xe530, "bus transport transit"},
    SectionIcon {"gavel", 0xe90e, "legal law lawyer rights court justice"},
    SectionIcon {"work", 0xe8f9, "job jobs employment"},
};

std::string normalized(std::string_view name)
{
    std::string out;
    std::size_t begin = name.find_first_not_of(" \t");
    std::size_t end = name.find_last_not_of(" \t");
    if (begin == std::string_view::npos)
        return out;
    for (char c : name.substr(begin, end - begin + 1)) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        else if (c == '-' || c == ' ')
            c = '_';
        out += c;
    }
    return out;
}

// Levenshtein's distance: letters to add, remove or change to turn one into the other.
std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// Calls `visit` with each word of `words`, split at `separator`.
template <typename Visit> void for_each_word(std::string_view words, char separator, Visit visit)
{
    std::size_t start = 0;
    while (start <= words.size()) {
        std::size_t end = words.find(separator, start);
        if (end == std::string_view::npos)
            end = words.size();
        visit(words.substr(start, end - start));
        start = end + 1;
    }
}

// Whether `word` is one of the words of `words`, split at `separator`.
bool has_word(std::string_view words, std::string_view word, char separator)
{
    bool found = false;
    for_each_word(words, separator, [&](std::string_view w) { found = found || w == word; });
    return found;
}

// How far `query` (normalized) is from `icon`, in tenths of an edit; lower is closer.
int closeness(const std::string& query, const SectionIcon& icon)
{
    if (query == icon.name)
        return 0;
    if (has_word(icon.hints, query, ' '))
        return 5;
    if (query.size() >= 3 && has_word(icon.name, query, '_'))
        return 8;
    if (query.size() >= 4 && icon.name.find(query) != std::string_view::npos)
        return 9;
    int best = int(edit_distance(query, icon.name)) * 10;
    // A misspelt word of the name ("hosptal"), or a word of a longer query that names or hints at it
    // ("calendar_month").
    for_each_word(icon.name, '_', [&](std::string_view word) {
        if (word.size() >= 3)
            best = std::min(best, int(edit_distance(query, word)) * 10 + 2);
    });
    if (query.find('_') != std::string::npos) {
        for_each_word(query, '_', [&](std::string_view word) {
            if (word.size() >= 3 && (has_word(icon.hints, word, ' ') || has_word(icon.name, word, '_')))
                best = std::min(best, 12);
        });
    }
    return best;
}

} // namespace

const char* const section_icons_doc = "the content guide (docs/content-guide.md, \"Section icons\")";

std::span<const SectionIcon> section_icons()
{
    return icons;
}

const SectionIcon* find_section_icon(std::string_view name)
{
    auto found = std::find_if(icons.begin(), icons.end(), [&](const SectionIcon& icon) { return icon.name == name; });
    return found == icons.end() ? nullptr : &*found;
}

const SectionIcon& default_section_icon(SectionKind kind)
{
    std::string_view name = "article";
    if (kind == SectionKind::Cards)
        name = "view_module";
    else if (kind == SectionKind::Agenda)
        name = "calendar_month";
    return *find_section_icon(name);
}

const SectionIcon& shown_section_icon(const Section& section)
{
    const SectionIcon* chosen = find_section_icon(section.icon);
    return chosen ? *chosen : default_section_icon(section.kind);
}

std::vector<std::string_view> similar_icon_names(std::string_view name, std::size_t most)
{
    std::string query = normalized(name);
    if (query.empty() || query.size() > 64)
        return {};
    // Misspellings: up to a third of the word's letters wrong, at least one, at most three.
    int farthest = int(std::clamp<std::size_t>(query.size() / 3, 1, 3)) * 10;
    std::vector<std::pair<int, std::size_t>> found; // Closeness, place in the list.
    for (std::size_t i = 0; i < icons.size(); ++i) {
        int score = closeness(query, icons[i]);
        if (score <= farthest)
            found.emplace_back(score, i);
    }
    std::stable_sort(found.begin(), found.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::vector<std::string_view> names;
    if (!found.empty() && found.front().first == 0)
        most = std::min<std::size_t>(most, 1); // The name itself, written another way: nothing else is meant.
    for (std::size_t i = 0; i < found.size() && names.size() < most; ++i)
        names.push_back(icons[found[i].second].name);
    return names;
}

} // namespace kiosk
