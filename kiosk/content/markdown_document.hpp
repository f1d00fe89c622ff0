// The block model of a Markdown page being read: the Document built block by block inside quotes, lists and list
// items, and the problems reported for the page.
#pragma once

#include "content/diagnostic.hpp"
#include "content/markdown.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::markdown_detail {

// The problems of one page: listed up to a limit, then counted in one last warning.
class PageReporter {
public:
    PageReporter(const std::string& file_name, Diagnostics& diagnostics, std::size_t max_messages)
        : m_file_name(file_name)
        , m_diagnostics(diagnostics)
        , m_max_messages(max_messages)
    { }

    // Reports a problem, keeping the number listed per page bounded; Fatal ones are always listed.
    void report(Severity severity, int line, const Reason& reason);
    // The same with words that have no template of their own.
    void report(Severity severity, int line, const std::string& message);
    // Reports a problem that drops the whole page.
    void fatal(int line, const Reason& reason);
    bool failed() const { return m_failed; }
    // Warns how many problems were not listed, if any.
    void finish();

private:
    // Counts a problem about to be reported; false when it is one too many to list.
    bool listed(Severity severity);

    const std::string& m_file_name;
    Diagnostics& m_diagnostics;
    std::size_t m_max_messages;
    std::size_t m_reported = 0;
    std::size_t m_suppressed = 0;
    bool m_failed = false;
};

// The document being built: blocks of styled text, pictures and rules, and the links they point to.
class DocumentBuilder {
public:
    DocumentBuilder(const MarkdownLimits& limits, PageReporter& reporter)
        : m_limits(limits)
        , m_reporter(reporter)
    { }

    // Quotes and lists hold the blocks opened inside them; a list's items are numbered from `start` when ordered.
    void open_quote();
    void open_list(bool ordered, int start);
    // Opens an item of the innermost container, when that is a list.
    void open_item();
    // Closes the innermost container, whatever it is.
    void close_container();
    // Closes the innermost container when it is a list item.
    void close_item();

    // Text added inside a heading (level 1-6, 0 for none) makes a heading block.
    void set_heading_level(int level) { m_heading_level = level; }
    // Text in a code block keeps its spaces and is code.
    void set_in_code_block(bool in_code_block) { m_in_code_block = in_code_block; }
    bool in_code_block() const { return m_in_code_block; }

    bool block_open() const { return m_block_open; }
    // Adds text with `style` (its text is ignored) to the open block, opening one at `line` when none is.
    void add_text(std::string_view text, int line, const Span& style);
    // Ends the block being filled: trims it, and keeps it if any text is left.
    void close_block();
    void add_rule(int line);
    // A picture; inside a list item it is indented like the item's text.
    void add_image(std::string path, std::string alt, int line);

    // Adds a link (its text comes later, through link()) and returns its index.
    int add_link(std::string url, int line);
    Link& link(int index) { return m_document.links[static_cast<std::size_t>(index)]; }
    std::size_t link_count() const { return m_document.links.size(); }

    Document take() { return std::move(m_document); }

private:
    enum class ContainerKind { Quote, List, Item };

    struct Container {
        ContainerKind kind = ContainerKind::Quote;
        bool ordered = false;
        int number = 0;            // A list's next number, or an item's own.
        bool bullet_shown = false; // An item's bullet went out with its first chunk of text.
    };

    int list_depth() const;
    // The innermost item or quote, which decides what kind of block new text makes.
    Container* innermost_item_or_quote();
    void open_block(int line);
    void trim_block();
    void push_block(Block block);

    const MarkdownLimits& m_limits;
    PageReporter& m_reporter;
    Document m_document;
    std::vector<Container> m_containers;
    Block m_block; // The block being filled, when m_block_open.
    bool m_block_open = false;
    int m_heading_level = 0; // 1-6 inside a heading.
    bool m_in_code_block = false;
};

} // namespace kiosk::markdown_detail
