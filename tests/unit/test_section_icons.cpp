// Section icons: bundle.toml's `icon` read, an unknown name warned about with the names meant, and the list checked
// against the installed Material Icons font.
#include "content/bundle.hpp"
#include "content/section_icons.hpp"
#include "support/diagnostics.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace kiosk;
using kiosk::test::messages;

namespace {

// A bundle folder whose one page section has these extra lines.
struct IconBundle {
    explicit IconBundle(const std::string& section_lines)
    {
        std::filesystem::create_directories(dir.path() + "/pages");
        dir.write("bundle.toml",
            "name = \"Center\"\n"                 // 1
            "[[sections]]\n"                      // 2
            "id = \"about\"\n"                    // 3
            "kind = \"page\"\n"                   // 4
            "page = \"about\"\n"                  // 5
            "title = \"About us\"\n"              // 6
                + section_lines                   // 7...
                + "\n[[sections]]\n"              //
                  "id = \"events\"\n"             //
                  "kind = \"agenda\"\n"           //
                  "title = \"Events\"\n"          //
                  "icon = \"calendar_today\"\n"); // A Material name the kiosk does not list.
        dir.write("pages/about.md", "# About\n");
    }
    std::optional<BundleInfo> read() { return read_bundle_info(dir.path(), diagnostics); }
    test::TempDir dir;
    Diagnostics diagnostics;
};

const char* const font_file = "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf";
const char* const codepoints_file = "/usr/share/fonts-material-design-icons-iconfont/scss/_variables.scss";

} // namespace

TEST_CASE("section icons: a known name is read into the section, and a section without one shows its kind's")
{
    IconBundle b("icon = \"local_hospital\"\n");
    auto info = b.read();
    REQUIRE(info);
    const Section* about = info->find_section("about");
    REQUIRE(about);
    CHECK(about->icon == "local_hospital");
    CHECK(shown_section_icon(*about).codepoint == 0xe548);

    Section plain;
    plain.kind = SectionKind::Cards;
    CHECK(plain.icon.empty());
    CHECK(shown_section_icon(plain).name == "view_module");
    plain.kind = SectionKind::Agenda;
    CHECK(shown_section_icon(plain).name == "calendar_month");
    plain.kind = SectionKind::Page;
    CHECK(shown_section_icon(plain).name == "article");
}

TEST_CASE("section icons: an unknown name is a warning at its line naming the closest, and the kind's icon shows")
{
    IconBundle b("icon = \"hosptal\"\n");
    auto info = b.read();
    REQUIRE(info); // A warning: the bundle imports.
    CHECK_FALSE(b.diagnostics.has_errors());
    std::string all = messages(b.diagnostics);
    CHECK_MESSAGE(all.find("bundle.toml:7: warning: section \"about\": the kiosk has no icon called \"hosptal\": write "
                           "\"local_hospital\"")
            != std::string::npos,
        all);
    CHECK_MESSAGE(all.find("docs/content-guide.md, \"Section icons\"") != std::string::npos, all);
    CHECK_MESSAGE(
        all.find("until then its tile shows the usual icon of a page (\"article\")") != std::string::npos, all);
    const Section* about = info->find_section("about");
    REQUIRE(about);
    CHECK(about->icon.empty());
    CHECK(shown_section_icon(*about).name == "article");

    // The second section's Material name, not in the list, is warned about at its own line, with the agenda's icon.
    CHECK_MESSAGE(all.find("bundle.toml:13: warning: section \"events\": the kiosk has no icon called "
                           "\"calendar_today\": write \"calendar_month\"")
            != std::string::npos,
        all);
    CHECK_MESSAGE(all.find("usual icon of events (\"calendar_month\")") != std::string::npos, all);
    CHECK(info->find_section("events")->icon.empty());
}

TEST_CASE("section icons: an icon that is not a text is an error at its line, and the tile keeps its kind's icon")
{
    IconBundle b("icon = 3\n");
    auto info = b.read();
    REQUIRE(info);
    CHECK(messages(b.diagnostics).find("bundle.toml:7: error: icon must be a text in quotes") != std::string::npos);
    CHECK(info->find_section("about")->icon.empty());
}

TEST_CASE("section icons: a long unknown name is quoted shortened, and an empty one means the kind's icon")
{
    IconBundle b("icon = \"" + std::string(300, 'x') + "\"\n");
    REQUIRE(b.read());
    std::string all = messages(b.diagnostics);
    CHECK(all.find("\"" + std::string(40, 'x') + "...\"") != std::string::npos);
    CHECK(all.find(std::string(41, 'x')) == std::string::npos);
    CHECK(all.find("choose from the list") != std::string::npos); // Nothing is close.

    IconBundle empty("icon = \"\"\n");
    auto info = empty.read();
    REQUIRE(info);
    CHECK(info->find_section("about")->icon.empty());
    CHECK(messages(empty.diagnostics).find("\"about\"") == std::string::npos);
}

TEST_CASE("section icons: names close to a misspelt one, another spelling or a plain word")
{
    using Names = std::vector<std::string_view>;
    CHECK(similar_icon_names("Local-Hospital") == Names {"local_hospital"});
    CHECK(similar_icon_names("calendar_today").front() == "calendar_month");
    CHECK(similar_icon_names("events") == Names {"event"});
    CHECK(similar_icon_names("shwer").front() == "shower");
    CHECK(similar_icon_names("food").front() == "restaurant");
    CHECK(similar_icon_names("laundry").front() == "local_laundry_service");
    CHECK(similar_icon_names("legal").front() == "gavel");
    CHECK(similar_icon_names("calendar").front() == "calendar_month");
    CHECK(similar_icon_names("hospital").front() == "local_hospital");
    CHECK(similar_icon_names("housing").size() == 2); // bed, home
    CHECK(similar_icon_names("zzzzzzzzzz") == Names {});
    CHECK(similar_icon_names("") == Names {});
    CHECK(similar_icon_names(std::string(100, 'a')) == Names {});
    CHECK(similar_icon_names("a", 3).size() <= 3);
}

TEST_CASE("section icons: the list has unique names, and the defaults are in it")
{
    std::set<std::string_view> names;
    std::set<char32_t> codepoints;
    for (const SectionIcon& icon : section_icons()) {
        CHECK(names.insert(icon.name).second);
        CHECK(codepoints.insert(icon.codepoint).second);
        CHECK(icon.codepoint >= 0xe000); // The private use area, where the font keeps its icons.
        CHECK(icon.codepoint <= 0xf8ff);
    }
    CHECK(section_icons().size() >= 25);
    CHECK(section_icons().size() <= 40);
    for (SectionKind kind : {SectionKind::Page, SectionKind::Cards, SectionKind::Agenda})
        CHECK(find_section_icon(default_section_icon(kind).name) == &default_section_icon(kind));
}

TEST_CASE("section icons: every name and code point is the installed font package's")
{
    std::ifstream in(codepoints_file);
    if (!in || !std::filesystem::exists(font_file)) {
        MESSAGE("skipped: fonts-material-design-icons-iconfont is not installed");
        return;
    }
    // Lines such as `\t"local_hospital": e548,`.
    std::map<std::string, char32_t> package;
    std::string line;
    while (std::getline(in, line)) {
        auto open = line.find('"'), close = line.find("\":");
        if (open == std::string::npos || close == std::string::npos || close <= open)
            continue;
        package[line.substr(open + 1, close - open - 1)] = char32_t(std::stoul(line.substr(close + 2), nullptr, 16));
    }
    REQUIRE(package.size() > 2000);
    for (const SectionIcon& icon : section_icons()) {
        CAPTURE(icon.name);
        auto found = package.find(std::string(icon.name));
        REQUIRE(found != package.end());
        CHECK(found->second == icon.codepoint);
    }
}

TEST_CASE("section icons: the demo bundle names a listed icon for each of its sections")
{
    Diagnostics d;
    auto info = read_bundle_info(KIOSK_SOURCE_DIR "/data/demo", d);
    REQUIRE(info);
    CHECK_MESSAGE(d.empty(), messages(d));
    std::set<std::string> used;
    for (const Section& section : info->sections) {
        CAPTURE(section.id);
        CHECK(find_section_icon(section.icon));
        used.insert(section.icon);
    }
    CHECK(used.size() == info->sections.size()); // Each tile tells itself apart.
}

TEST_CASE("section icons: the content guide lists every name, and its picture is there")
{
    std::ifstream in(KIOSK_SOURCE_DIR "/docs/content-guide.md");
    std::stringstream guide;
    guide << in.rdbuf();
    std::string text = guide.str();
    REQUIRE(text.find("## Section icons") != std::string::npos);
    CHECK(text.find("![Every section icon with its name](section-icons.png)") != std::string::npos);
    CHECK(std::filesystem::exists(KIOSK_SOURCE_DIR "/docs/section-icons.png"));
    CHECK(text.find("The kiosk has these " + std::to_string(section_icons().size()) + ":") != std::string::npos);
    for (const SectionIcon& icon : section_icons()) {
        CAPTURE(icon.name);
        CHECK(text.find("`" + std::string(icon.name) + "`") != std::string::npos);
    }
}
