// File names as staff write them: pictures with spaces in pages, percent-encoded names, and "did you mean" when a
// referenced file differs from one that exists only in letter case, spaces, underscores or dashes.
#include "content/bundle_reader.hpp"
#include "content/file_names.hpp"
#include "support/diagnostics.hpp"
#include "support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <stb_image_write.h>

using namespace kiosk;
using kiosk::test::messages;

namespace {

std::string png(int width, int height)
{
    std::string rgb(std::size_t(width) * std::size_t(height) * 3, '\x40');
    std::string out;
    stbi_write_png_to_func(
        [](void* context, void* data, int size) {
            static_cast<std::string*>(context)->append(static_cast<const char*>(data), std::size_t(size));
        },
        &out, width, height, 3, rgb.data(), width * 3);
    return out;
}

// A bundle with one page section (pages/about.md holds `page`), a card list (list.csv holds `csv`) and the pictures
// images/room.png and images/Room photo.png.
struct PictureBundle {
    PictureBundle(const std::string& page, const std::string& csv)
    {
        std::filesystem::create_directories(dir.path() + "/pages");
        std::filesystem::create_directories(dir.path() + "/images");
        dir.write("bundle.toml",
            "name = \"x\"\n[[sections]]\nid = \"about\"\nkind = \"page\"\npage = \"about\"\ntitle = \"About\"\n"
            "[[sections]]\nid = \"list\"\nkind = \"cards\"\nsource = \"list.csv\"\ntitle = \"List\"\n");
        dir.write("pages/about.md", page);
        dir.write("list.csv", csv);
        dir.write("images/room.png", png(4, 4));
        dir.write("images/Room photo.png", png(4, 4));
    }
    std::optional<Bundle> read() { return read_bundle(dir.path(), diagnostics); }
    test::TempDir dir;
    Diagnostics diagnostics;
};

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("file names: percent-encoded names decode, and only into UTF-8")
{
    CHECK(percent_decoded("images/Room%20photo.png") == "images/Room photo.png");
    CHECK(percent_decoded("images/caf%C3%A9.png") == "images/caf\xC3\xA9.png");
    CHECK(percent_decoded("images/100%.png") == "images/100%.png"); // Not followed by two hex digits.
    CHECK(percent_decoded("images/a%2") == "images/a%2");
    CHECK(percent_decoded("images/a%zz.png") == "images/a%zz.png");
    CHECK(percent_decoded("images/a%FF.png") == "images/a%FF.png"); // Would not be UTF-8: kept as written.
    CHECK(spaces_encoded("images/Room photo 2.png") == "images/Room%20photo%202.png");
}

TEST_CASE("file names: a similar name differs only in letter case, spaces, underscores or dashes")
{
    std::vector<std::string> files = {"images/room.png", "images/Front_Door.jpg", "pages/about-us.md"};
    CHECK(similar_file("images/Room.PNG", files) == "images/room.png");
    CHECK(similar_file("images/front door.jpg", files) == "images/Front_Door.jpg");
    CHECK(similar_file("pages/about us.md", files) == "pages/about-us.md");
    CHECK(similar_file("pages/aboutus.md", files) == "pages/about-us.md");
    CHECK(similar_file("images/room.png", files).empty()); // It is there.
    CHECK(similar_file("images/rooms.png", files).empty());
    CHECK(similar_file("images/room.jpg", files).empty());
    CHECK(did_you_mean("images/Room.PNG", files) == "; did you mean images/room.png?");
    CHECK(did_you_mean("images/other.png", files).empty());
}

TEST_CASE("file names: a picture whose name has a space is warned about at its line, with the fix")
{
    PictureBundle b("# About\n\nOur room:\n\n![Our room](images/Room photo.png)\n", "title\nA\n");
    auto bundle = b.read();
    REQUIRE(bundle);
    std::string all = messages(b.diagnostics);
    CHECK_MESSAGE(has(all,
                      "pages/about.md:5: warning: the picture \"images/Room photo.png\" is shown as plain text, as its "
                      "name has a space: write images/Room%20photo.png, or rename the file without spaces"),
        all);
}

TEST_CASE("file names: a picture written with %20 shows the file with the space")
{
    PictureBundle b("# About\n\n![Our room](images/Room%20photo.png)\n", "title\nA\n");
    auto bundle = b.read();
    REQUIRE(bundle);
    CHECK_MESSAGE(b.diagnostics.empty(), messages(b.diagnostics));
    const Document& page = bundle->pages.at("about").in("en", "en");
    REQUIRE(page.blocks.size() == 2);
    CHECK(page.blocks[1].kind == BlockKind::Image);
    CHECK(page.blocks[1].image == "images/Room photo.png");
    CHECK(bundle->images.count("images/Room photo.png") == 1);
}

TEST_CASE("file names: a missing picture or card image whose name differs only in case says which file exists")
{
    PictureBundle b("# About\n\n![Our room](images/Room.PNG)\n", "title,image\nA,Room.PNG\nB,room-photo.png\n");
    auto bundle = b.read();
    REQUIRE(bundle);
    std::string all = messages(b.diagnostics);
    CHECK_MESSAGE(has(all,
                      "pages/about.md:3: warning: images/Room.PNG is missing or cannot be used: the page is shown "
                      "without it; did you mean images/room.png?"),
        all);
    CHECK_MESSAGE(has(all,
                      "list.csv:2: warning: images/Room.PNG is missing or cannot be used: the card is shown without "
                      "it; did you mean images/room.png?"),
        all);
    CHECK_MESSAGE(has(all,
                      "list.csv:3: warning: images/room-photo.png is missing or cannot be used: the card is "
                      "shown without it; did you mean images/Room photo.png?"),
        all);
}

TEST_CASE("file names: a section's page or card list that differs only in case says which file exists")
{
    PictureBundle b("# About\n", "title\nA\n");
    std::filesystem::rename(b.dir.file("pages/about.md"), b.dir.file("pages/About.md"));
    std::filesystem::rename(b.dir.file("list.csv"), b.dir.file("List.csv"));
    CHECK_FALSE(b.read());
    std::string all = messages(b.diagnostics);
    CHECK_MESSAGE(has(all,
                      "bundle.toml:5: error: section \"about\" points at pages/about.md, which is missing; did you "
                      "mean pages/About.md?"),
        all);
    CHECK_MESSAGE(has(all, "points at list.csv, which is missing; did you mean List.csv?"), all);
}
