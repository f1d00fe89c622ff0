// Markdown pages (md4c) into a small document model the UI can draw: headings, paragraphs, lists, emphasis, links
// and images, each block with the line it came from.
#pragma once

#include "content/diagnostic.hpp"

#include <cstddef>
#include <optional>
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
    Heading, // level 1-6
    Paragraph,
    ListItem, // level = nesting depth from 1; ordered lists have a number; see Block::continuation
    Quote,    // a paragraph inside a block quote
    Image,    // image = path inside the bundle, alt = its description; level = list depth inside a list item
    Rule,     // a thematic break (---)
};

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;
    bool ordered = false;
    int number = 0;
    std::vector<Span> spans;
    std::string image;
    std::string alt;
    int line = 0;              // 1-based line in the Markdown file.
    bool continuation = false; // A list item's later paragraph: indented like the item, drawn without its bullet.
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
    int max_nesting = 16;          // Lists and quotes deeper than this are refused.
    std::size_t max_links = 500;   // Further links are shown as plain text, with one warning.
    std::size_t max_messages = 50; // Problems listed per page; the rest are counted in one last warning.
};

// Parses `text` (the whole file, UTF-8, LF or CRLF line ends). Problems go to `diagnostics` as `file_name:line: ...`:
// a file over the limits is Fatal and gives an empty document; a link that cannot become a QR code is a warning and
// stays as plain text; an image path that leaves the bundle is an error, and its description stays as plain text;
// bytes that are not UTF-8 are an error and show as U+FFFD; HTML blocks are dropped with a warning; emoji and
// right-to-left text are warned about once per page. Any bytes are safe to pass: memory and time stay bounded.
Document parse_markdown(
    std::string_view text, const std::string& file_name, Diagnostics& diagnostics, const MarkdownLimits& limits = {});

} // namespace kiosk
