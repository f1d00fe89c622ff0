// Markdown pages (md4c) into a small document model the UI can draw: headings, paragraphs, lists, emphasis, links
// and images, each block with the line it came from.
#pragma once

#include "content/diagnostic.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct Span {
    std::string text; // UTF-8, entities decoded (&amp; is "&"), soft line breaks as spaces.
    bool strong = false;
    bool emphasis = false;
    bool code = false;
    int link = -1; // Index into Document::links, or -1.
};

enum class BlockKind {
    Heading,   // level 1-6
    Paragraph,
    ListItem,  // level = nesting depth from 1; ordered lists have a number
    Quote,     // a paragraph inside a block quote
    Image,     // image = path inside the bundle, alt = its description
    Rule,      // a thematic break (---)
};

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;
    bool ordered = false;
    int number = 0;
    std::vector<Span> spans;
    std::string image;
    std::string alt;
    int line = 0; // 1-based line in the Markdown file.
};

struct Link {
    std::string url;  // As written; only http(s), mailto: and tel: addresses are kept.
    std::string text; // The link's words, for the chip that opens its QR view.
    int line = 0;
};

struct Document {
    std::vector<Block> blocks;
    std::vector<Link> links;
    std::string title() const; // The first heading's text, or "".
};

struct MarkdownLimits {
    std::size_t max_bytes = 256 * 1024; // A page is a few KiB; a limit keeps a hostile file cheap.
    std::size_t max_blocks = 5000;
    int max_nesting = 16;               // Lists and quotes deeper than this are refused.
};

// Parses `text` (the whole file). Problems go to `diagnostics` as `file_name:line: ...`: a file over the limits is
// Fatal and gives an empty document; a link that cannot become a QR code is a warning and stays as plain text;
// an image path that leaves the bundle is an error and is dropped.
Document parse_markdown(std::string_view text, const std::string& file_name, Diagnostics& diagnostics,
    const MarkdownLimits& limits = {});

} // namespace kiosk
