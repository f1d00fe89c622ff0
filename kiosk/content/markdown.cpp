// Markdown with md4c into the document model, with lines, link and image checks and limits on hostile input.
#include "content/markdown.hpp"

#include "content/markdown_text.hpp"
#include "content/text_util.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <functional>
#include <utility>

#include <md4c.h>

namespace kiosk {

namespace {

constexpr std::size_t rule_search_lines = 64; // How far past the last text a thematic break is looked for.

using namespace markdown_detail;

// Walks md4c's callbacks and builds the Document, reporting problems as it goes.
class Reader {
public:
    Reader(std::string_view text, const std::string& file_name, Diagnostics& diagnostics, const MarkdownLimits& limits)
        : m_text(text)
        , m_lines(text)
        , m_file_name(file_name)
        , m_diagnostics(diagnostics)
        , m_limits(limits)
    { }

    // Parses `m_text` from `offset` on; returns false when a limit was hit and the document must be dropped.
    bool run(std::size_t offset)
    {
        MD_PARSER parser {};
        parser.flags = MD_FLAG_NOHTMLSPANS | MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_TABLES;
        parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
            return static_cast<Reader*>(self)->enter_block(type, detail);
        };
        parser.leave_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
            return static_cast<Reader*>(self)->leave_block(type, detail);
        };
        parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) {
            return static_cast<Reader*>(self)->enter_span(type, detail);
        };
        parser.leave_span
            = [](MD_SPANTYPE type, void*, void* self) { return static_cast<Reader*>(self)->leave_span(type); };
        parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
            return static_cast<Reader*>(self)->text(type, text, size);
        };
        std::string_view body = m_text.substr(offset);
        int result = md_parse(body.data(), static_cast<MD_SIZE>(body.size()), &parser, this);
        if (!m_failed && m_too_deep)
            fail_too_deep(next_text_line(m_last_line));
        if (!m_failed && result != 0)
            fatal(0, "the page could not be read: the Markdown reader ran out of memory");
        if (m_failed)
            return false;
        if (m_suppressed > 0) {
            m_diagnostics.warning(m_file_name, 0,
                std::to_string(m_suppressed) + " more problems on this page are not listed: fix the ones above first");
        }
        return true;
    }

    Document take() { return std::move(m_document); }

    // Reports a problem, keeping the number listed per page bounded.
    void report(Severity severity, int line, std::string message)
    {
        if (severity != Severity::Fatal && m_reported >= m_limits.max_messages) {
            ++m_suppressed;
            return;
        }
        ++m_reported;
        m_diagnostics.add(m_file_name, line, severity, std::move(message));
    }

private:
    enum class ContainerKind { Quote, List, Item };

    struct Container {
        ContainerKind kind = ContainerKind::Quote;
        bool ordered = false;
        int number = 0;            // A list's next number, or an item's own.
        bool bullet_shown = false; // An item's bullet went out with its first chunk of text.
    };

    struct LinkState {
        int index = -1;          // Into m_document.links, or -1 for a link shown as plain text.
        std::string problem;     // The warning to give when the link ends, if it is refused.
        int line = 0;            // Of its first text.
        int fallback_line = 0;   // Of its address, for a link without text.
        bool in_picture = false; // Inside a picture's description, where links are not links.
        bool has_text = false;
    };

    struct PictureState {
        std::string src;
        std::string alt;
        int line = 0;
        int fallback_line = 0;
        std::string problem; // Empty for a picture that is shown.
    };

    int result() const { return m_failed ? 1 : 0; }

    void fatal(int line, std::string message)
    {
        report(Severity::Fatal, line, std::move(message));
        m_failed = true;
    }

    void fail_too_deep(int line)
    {
        fatal(line,
            "lists and quotes are nested more than " + std::to_string(m_limits.max_nesting)
                + " levels deep: use fewer levels");
    }

    // The line of a pointer md4c handed back, or 0 when it points outside the page (md4c's own constant strings).
    int line_of(const char* pointer) const
    {
        const char* begin = m_text.data();
        const char* end = begin + m_text.size();
        if (pointer == nullptr || std::less<const char*> {}(pointer, begin) || !std::less<const char*> {}(pointer, end))
            return 0;
        return m_lines.line_at(static_cast<std::size_t>(pointer - begin));
    }

    // The first non-blank line after `line`, for things md4c gives no text for; `line` itself when there is none.
    int next_text_line(int line) const
    {
        int last = std::min(m_lines.count(), line + static_cast<int>(rule_search_lines));
        for (int candidate = std::max(line + 1, 1); candidate <= last; ++candidate) {
            std::string_view text = m_lines.text_of(candidate);
            if (std::any_of(text.begin(), text.end(), [](char c) { return !is_blank(c) && c != '\r'; }))
                return candidate;
        }
        return std::max(line, 1);
    }

    // md4c does not say where a thematic break is: look for one past the last text and the lines already used.
    int rule_line()
    {
        int start = std::max(m_last_line + 1, m_used_lines + 1);
        int last = std::min(m_lines.count(), start + static_cast<int>(rule_search_lines));
        int found = 0;
        for (int line = start; line <= last && found == 0; ++line) {
            std::string_view text = m_lines.text_of(line);
            std::string_view own = strip_container_marks(text);
            if (is_thematic_break(own) || is_thematic_break(strip_list_marker(own)))
                found = line;
        }
        if (found == 0)
            found = next_text_line(start - 1);
        m_used_lines = std::max(m_used_lines, found);
        return found;
    }

    int list_depth() const
    {
        return static_cast<int>(std::count_if(m_containers.begin(), m_containers.end(),
            [](const Container& c) { return c.kind == ContainerKind::List; }));
    }

    // The innermost item or quote, which decides what kind of block new text makes.
    Container* innermost_item_or_quote()
    {
        for (auto it = m_containers.rbegin(); it != m_containers.rend(); ++it) {
            if (it->kind != ContainerKind::List)
                return &*it;
        }
        return nullptr;
    }

    void open_block(int line)
    {
        Block block;
        block.line = line != 0 ? line : std::max(m_last_line, 1);
        if (m_heading_level > 0) {
            block.kind = BlockKind::Heading;
            block.level = m_heading_level;
        } else if (Container* container = innermost_item_or_quote()) {
            if (container->kind == ContainerKind::Item) {
                block.kind = BlockKind::ListItem;
                block.level = list_depth();
                block.ordered = container->ordered;
                block.number = container->number;
            } else {
                block.kind = BlockKind::Quote;
            }
        }
        m_block = std::move(block);
        m_block_open = true;
    }

    void push_block(Block block)
    {
        if (m_document.blocks.size() >= m_limits.max_blocks) {
            fatal(block.line,
                "the page has more than " + std::to_string(m_limits.max_blocks)
                    + " parts (paragraphs, headings, list items and pictures): split it into smaller pages");
            return;
        }
        m_document.blocks.push_back(std::move(block));
    }

    // Ends the block being filled: trims it, and keeps it if any text is left.
    void close_block()
    {
        if (!m_block_open)
            return;
        m_block_open = false;
        std::vector<Span>& spans = m_block.spans;
        if (m_in_code_block) {
            while (!spans.empty() && !spans.back().text.empty() && spans.back().text.back() == '\n') {
                spans.back().text.pop_back();
                if (spans.back().text.empty())
                    spans.pop_back();
            }
        } else {
            while (!spans.empty() && !spans.front().code) {
                std::string& text = spans.front().text;
                text.erase(0, std::min(text.size(), text.find_first_not_of(" \t\n")));
                if (!text.empty())
                    break;
                spans.erase(spans.begin());
            }
            while (!spans.empty() && !spans.back().code) {
                std::string& text = spans.back().text;
                std::size_t keep = text.find_last_not_of(" \t\n");
                text.resize(keep == std::string::npos ? 0 : keep + 1);
                if (!text.empty())
                    break;
                spans.pop_back();
            }
        }
        if (spans.empty())
            return;
        if (m_block.kind == BlockKind::ListItem) {
            Container* item = innermost_item_or_quote();
            if (item != nullptr && item->kind == ContainerKind::Item) {
                m_block.continuation = item->bullet_shown;
                item->bullet_shown = true;
            }
        }
        push_block(std::move(m_block));
    }

    // Warns once per page and kind about characters the kiosk cannot draw; `base` is the text's line.
    // `verbatim_source` is where the text is in the page when it is the page's own bytes, else nullptr.
    void check_characters(std::string_view decoded, const char* verbatim_source, int base)
    {
        for (UnsupportedKind kind : {UnsupportedKind::OutsideBasicPlane, UnsupportedKind::RightToLeft}) {
            bool& warned = kind == UnsupportedKind::RightToLeft ? m_warned_rtl : m_warned_emoji;
            if (warned)
                continue;
            if (auto found = find_unsupported_text(decoded, kind)) {
                warned = true;
                int line = line_of(verbatim_source) != 0 ? line_of(verbatim_source + found->offset) : base;
                report(Severity::Warning, line != 0 ? line : std::max(m_last_line, 1),
                    unsupported_text_message(kind, *found));
            }
        }
    }

    // Adds decoded text to the current block (or picture description) with the spans' current style.
    void add_text(std::string_view decoded, int line)
    {
        if (m_in_html)
            return;
        if (m_picture && m_picture->problem.empty()) {
            if (m_picture->alt.size() + decoded.size() <= m_limits.max_bytes)
                m_picture->alt.append(decoded);
            if (m_picture->line == 0)
                m_picture->line = line;
            return;
        }
        if (m_picture && m_picture->line == 0)
            m_picture->line = line;
        if (decoded.empty())
            return;
        if (!m_block_open)
            open_block(line);
        Span style;
        style.strong = m_strong > 0;
        style.emphasis = m_emphasis > 0;
        style.code = m_code_span > 0 || m_in_code_block;
        style.link = -1;
        if (!m_links.empty()) {
            LinkState& link = m_links.back();
            style.link = link.index;
            link.has_text = true;
            if (link.line == 0)
                link.line = line;
            if (link.index >= 0) {
                Link& kept = m_document.links[static_cast<std::size_t>(link.index)];
                kept.text.append(decoded);
                if (link.line != 0)
                    kept.line = link.line;
            }
        }
        std::vector<Span>& spans = m_block.spans;
        if (spans.empty() || spans.back().strong != style.strong || spans.back().emphasis != style.emphasis
            || spans.back().code != style.code || spans.back().link != style.link)
            spans.push_back(std::move(style));
        spans.back().text.append(decoded);
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size)
    {
        if (m_failed)
            return 1;
        std::string_view raw(text, size);
        int line = line_of(text);
        if (m_too_deep) {
            if (line == 0)
                return 0;
            fail_too_deep(line);
            return 1;
        }
        if (line != 0)
            m_last_line = line;
        m_decoded.clear();
        const char* verbatim_source = nullptr;
        switch (type) {
        case MD_TEXT_NULLCHAR:
            m_decoded = replacement_char;
            break;
        case MD_TEXT_BR:
            m_decoded = "\n";
            break;
        case MD_TEXT_SOFTBR:
            m_decoded = " ";
            break;
        case MD_TEXT_ENTITY:
            append_entity(m_decoded, raw);
            break;
        case MD_TEXT_HTML:
            if (m_in_html) {
                if (m_html_line == 0)
                    m_html_line = line;
                if (m_html_text.size() < 4)
                    m_html_text.append(raw.substr(0, 4));
                return 0;
            }
            m_decoded.assign(raw);
            verbatim_source = text;
            break;
        default: // Normal text, code and anything newer md4c may send: the page's own bytes.
            m_decoded.assign(raw);
            verbatim_source = text;
            break;
        }
        check_characters(m_decoded, verbatim_source, line);
        add_text(m_decoded, line);
        return result();
    }

    int enter_block(MD_BLOCKTYPE type, void* detail)
    {
        if (m_failed)
            return 1;
        end_open_spans();
        // Table cells stay in their row's paragraph; every other block boundary ends the text before it.
        if (type == MD_BLOCK_TD || type == MD_BLOCK_TH) {
            if (m_cells_in_row++ > 0 && m_block_open)
                add_text("  ", 0); // Empty cells before it add nothing.
            return result();
        }
        close_block();
        switch (type) {
        case MD_BLOCK_QUOTE:
        case MD_BLOCK_UL:
        case MD_BLOCK_OL: {
            Container container;
            container.kind = type == MD_BLOCK_QUOTE ? ContainerKind::Quote : ContainerKind::List;
            if (type == MD_BLOCK_OL) {
                container.ordered = true;
                container.number = static_cast<int>(std::min(static_cast<const MD_BLOCK_OL_DETAIL*>(detail)->start,
                    999'999'999u)); // CommonMark allows nine digits.
            }
            if (++m_depth > m_limits.max_nesting)
                m_too_deep = true;
            if (!m_too_deep)
                m_containers.push_back(container);
            break;
        }
        case MD_BLOCK_LI:
            if (!m_too_deep && !m_containers.empty() && m_containers.back().kind == ContainerKind::List) {
                Container item;
                item.kind = ContainerKind::Item;
                item.ordered = m_containers.back().ordered;
                item.number = item.ordered ? m_containers.back().number++ : 0;
                m_containers.push_back(item);
            }
            break;
        case MD_BLOCK_H:
            m_heading_level
                = static_cast<int>(std::clamp(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level, 1u, 6u));
            break;
        case MD_BLOCK_CODE:
            m_in_code_block = true;
            m_code_fence = static_cast<const MD_BLOCK_CODE_DETAIL*>(detail)->fence_char;
            break;
        case MD_BLOCK_HTML:
            m_in_html = true;
            m_html_line = 0;
            m_html_text.clear();
            break;
        case MD_BLOCK_TR:
            m_cells_in_row = 0;
            break;
        case MD_BLOCK_HR:
            if (!m_too_deep) {
                Block rule;
                rule.kind = BlockKind::Rule;
                rule.line = rule_line();
                push_block(std::move(rule));
            }
            break;
        default:
            break;
        }
        return result();
    }

    int leave_block(MD_BLOCKTYPE type, void*)
    {
        if (m_failed)
            return 1;
        end_open_spans();
        if (type == MD_BLOCK_TD || type == MD_BLOCK_TH)
            return result();
        close_block();
        switch (type) {
        case MD_BLOCK_QUOTE:
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
            if (m_too_deep) {
                fail_too_deep(next_text_line(m_last_line)); // The deep part held no text to say where it is.
                return 1;
            }
            --m_depth;
            if (!m_containers.empty())
                m_containers.pop_back();
            break;
        case MD_BLOCK_LI:
            if (!m_too_deep && !m_containers.empty() && m_containers.back().kind == ContainerKind::Item)
                m_containers.pop_back();
            break;
        case MD_BLOCK_H: {
            // A setext heading's underline is not a thematic break.
            std::string_view first = strip_list_marker(strip_container_marks(m_lines.text_of(m_last_line)));
            if (m_last_line > 0 && (first.empty() || first.front() != '#')
                && is_setext_underline(m_lines.text_of(m_last_line + 1)))
                m_used_lines = std::max(m_used_lines, m_last_line + 1);
            m_heading_level = 0;
            break;
        }
        case MD_BLOCK_CODE:
            m_in_code_block = false;
            if (m_code_fence != 0) {
                // Its closing fence is not a thematic break either.
                for (int line = m_last_line + 1; line <= std::min(m_lines.count(), m_last_line + 2); ++line) {
                    std::string_view text = strip_container_marks(m_lines.text_of(line));
                    if (text.size() >= 3 && text.find_first_not_of(m_code_fence) >= 3) {
                        m_used_lines = std::max(m_used_lines, line);
                        break;
                    }
                }
            }
            break;
        case MD_BLOCK_HTML:
            m_in_html = false;
            // A comment is meant to be hidden; other HTML probably meant to show something.
            if (m_html_text.substr(0, 4) != "<!--")
                report(Severity::Warning, m_html_line != 0 ? m_html_line : next_text_line(m_last_line),
                    "HTML is not shown: write plain Markdown");
            break;
        default:
            break;
        }
        return result();
    }

    // The value of a link's or picture's address, entities decoded.
    static std::string decode_attribute(const MD_ATTRIBUTE& attribute)
    {
        std::string out;
        if (attribute.size == 0 || attribute.text == nullptr)
            return out;
        for (std::size_t i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
            MD_OFFSET begin = attribute.substr_offsets[i];
            MD_OFFSET end = std::min(attribute.substr_offsets[i + 1], attribute.size);
            std::string_view piece(attribute.text + begin, end - begin);
            if (attribute.substr_types[i] == MD_TEXT_ENTITY)
                append_entity(out, piece);
            else if (attribute.substr_types[i] == MD_TEXT_NULLCHAR)
                out += replacement_char;
            else
                out.append(piece);
        }
        return out;
    }

    void enter_link(const MD_SPAN_A_DETAIL& detail)
    {
        LinkState link;
        link.fallback_line = line_of(detail.href.text);
        if (m_picture && m_picture->problem.empty()) {
            link.in_picture = true;
            m_links.push_back(std::move(link));
            return;
        }
        std::string url = decode_attribute(detail.href);
        if (url.size() > max_link_bytes) {
            link.problem = "link \"" + shortened(url) + "\" is longer than " + std::to_string(max_link_bytes)
                + " characters, too long for a QR code: it is shown as plain text";
        } else if (!is_link_address(url)) {
            link.problem
                = "link \"" + shortened(url) + "\" is not a web address (https://...): it is shown as plain text";
        } else if (m_document.links.size() >= m_limits.max_links) {
            if (!m_warned_links) {
                m_warned_links = true;
                link.problem = "the page has more than " + std::to_string(m_limits.max_links)
                    + " links: the rest are shown as plain text";
            }
        } else {
            link.index = static_cast<int>(m_document.links.size());
            m_document.links.push_back(
                {std::move(url), {}, link.fallback_line != 0 ? link.fallback_line : std::max(m_last_line, 1)});
        }
        m_links.push_back(std::move(link));
    }

    void leave_link()
    {
        if (m_links.empty())
            return;
        if (m_links.back().index >= 0 && !m_links.back().has_text) {
            // A link without words ("[](https://...)") shows its address, so that it can still be opened.
            add_text(
                m_document.links[static_cast<std::size_t>(m_links.back().index)].url, m_links.back().fallback_line);
        }
        LinkState link = std::move(m_links.back());
        m_links.pop_back();
        if (link.in_picture)
            return;
        int line = link.line != 0 ? link.line : link.fallback_line != 0 ? link.fallback_line : std::max(m_last_line, 1);
        if (link.index >= 0) {
            Link& kept = m_document.links[static_cast<std::size_t>(link.index)];
            std::size_t begin = kept.text.find_first_not_of(" \t\n");
            std::size_t end = kept.text.find_last_not_of(" \t\n");
            kept.text = begin == std::string::npos ? kept.url : kept.text.substr(begin, end - begin + 1);
        }
        if (!link.problem.empty())
            report(Severity::Warning, line, std::move(link.problem));
    }

    void enter_picture(const MD_SPAN_IMG_DETAIL& detail)
    {
        PictureState picture;
        picture.src = decode_attribute(detail.src);
        picture.fallback_line = line_of(detail.src.text);
        std::string quoted
            = "image \"" + shortened(picture.src) + "\" must be a file in images/, such as images/map.png";
        switch (check_image_path(picture.src)) {
        case ImageProblem::None:
            close_block(); // The picture goes between the text before it and the text after it.
            break;
        case ImageProblem::NotInImages:
            picture.problem = quoted;
            break;
        case ImageProblem::NotPicture:
            picture.problem = quoted + ": only PNG and JPEG pictures can be shown";
            break;
        case ImageProblem::Remote:
            picture.problem = quoted + ": the kiosk does not download pictures";
            break;
        }
        m_picture = std::move(picture);
    }

    void leave_picture()
    {
        PictureState picture = std::move(*m_picture);
        m_picture.reset();
        int line = picture.line != 0     ? picture.line
            : picture.fallback_line != 0 ? picture.fallback_line
                                         : std::max(m_last_line, 1);
        if (!picture.problem.empty()) {
            report(Severity::Error, line, std::move(picture.problem)); // Its description stays, as plain text.
            return;
        }
        Block block;
        block.kind = BlockKind::Image;
        block.image = std::move(picture.src);
        std::size_t begin = picture.alt.find_first_not_of(" \t\n");
        std::size_t end = picture.alt.find_last_not_of(" \t\n");
        if (begin != std::string::npos)
            block.alt = picture.alt.substr(begin, end - begin + 1);
        block.line = line;
        Container* container = innermost_item_or_quote();
        if (container != nullptr && container->kind == ContainerKind::Item)
            block.level = list_depth();
        push_block(std::move(block));
    }

    // Spans never cross blocks, but md4c 0.4.8 sometimes leaves one open (an autolink at the end of a table cell):
    // end them at each block boundary, so that a link or style does not run on into the next block.
    void end_open_spans()
    {
        while (!m_links.empty())
            leave_link();
        if (m_picture)
            leave_picture();
        m_picture_depth = 0;
        m_strong = 0;
        m_emphasis = 0;
        m_code_span = 0;
    }

    int enter_span(MD_SPANTYPE type, void* detail)
    {
        if (m_failed)
            return 1;
        if (m_too_deep)
            return 0;
        if (m_picture) {
            ++m_picture_depth; // A picture's description is text, whatever is inside it.
            if (type == MD_SPAN_A)
                enter_link(*static_cast<const MD_SPAN_A_DETAIL*>(detail));
            return result();
        }
        switch (type) {
        case MD_SPAN_EM:
            ++m_emphasis;
            break;
        case MD_SPAN_STRONG:
            ++m_strong;
            break;
        case MD_SPAN_CODE:
            ++m_code_span;
            break;
        case MD_SPAN_A:
            enter_link(*static_cast<const MD_SPAN_A_DETAIL*>(detail));
            break;
        case MD_SPAN_IMG:
            enter_picture(*static_cast<const MD_SPAN_IMG_DETAIL*>(detail));
            break;
        default:
            break;
        }
        return result();
    }

    int leave_span(MD_SPANTYPE type)
    {
        if (m_failed)
            return 1;
        if (m_too_deep)
            return 0;
        if (m_picture && m_picture_depth > 0) {
            --m_picture_depth;
            if (type == MD_SPAN_A)
                leave_link();
            return result();
        }
        switch (type) {
        case MD_SPAN_EM:
            m_emphasis = std::max(0, m_emphasis - 1);
            break;
        case MD_SPAN_STRONG:
            m_strong = std::max(0, m_strong - 1);
            break;
        case MD_SPAN_CODE:
            m_code_span = std::max(0, m_code_span - 1);
            break;
        case MD_SPAN_A:
            leave_link();
            break;
        case MD_SPAN_IMG:
            if (m_picture)
                leave_picture();
            break;
        default:
            break;
        }
        return result();
    }

    std::string_view m_text;
    LineTable m_lines;
    const std::string& m_file_name;
    Diagnostics& m_diagnostics;
    const MarkdownLimits& m_limits;
    Document m_document;

    std::vector<Container> m_containers;
    int m_depth = 0;         // Quotes and lists open, including any past the limit.
    bool m_too_deep = false; // Nesting passed the limit: fail at the next text, whose line says where.
    Block m_block;           // The block being filled, when m_block_open.
    bool m_block_open = false;
    int m_heading_level = 0; // 1-6 inside a heading.
    bool m_in_code_block = false;
    char m_code_fence = 0; // '`' or '~' for a fenced code block, 0 for an indented one.
    bool m_in_html = false;
    int m_html_line = 0;
    std::string m_html_text; // The start of an HTML block, to tell a comment.
    int m_cells_in_row = 0;

    int m_strong = 0;
    int m_emphasis = 0;
    int m_code_span = 0;
    std::vector<LinkState> m_links; // Open links, innermost last.
    std::optional<PictureState> m_picture;
    int m_picture_depth = 0; // Spans open inside the picture's description.

    std::string m_decoded; // Reused for each piece of text.
    int m_last_line = 0;   // Of the last text from the page itself.
    int m_used_lines = 0;  // Lines up to here belong to blocks already made (for placing thematic breaks).
    bool m_warned_emoji = false;
    bool m_warned_rtl = false;
    bool m_warned_links = false;
    std::size_t m_reported = 0;
    std::size_t m_suppressed = 0;
    bool m_failed = false;
};

} // namespace

std::string Document::title() const
{
    for (const Block& block : blocks) {
        if (block.kind != BlockKind::Heading)
            continue;
        std::string title;
        for (const Span& span : block.spans)
            title += span.text;
        return title;
    }
    return "";
}

Document parse_markdown(
    std::string_view text, const std::string& file_name, Diagnostics& diagnostics, const MarkdownLimits& limits)
{
    if (text.size() > limits.max_bytes || text.size() > UINT_MAX / 4) {
        diagnostics.fatal(file_name, 0,
            "the page is " + std::to_string((text.size() + 1023) / 1024) + " KiB, more than the limit of "
                + std::to_string(limits.max_bytes / 1024) + " KiB: make it shorter or split it into two pages");
        return {};
    }
    std::size_t first_invalid = std::string_view::npos;
    std::string clean = replace_invalid_utf8(text, first_invalid);
    DisplayTextChanges changes;
    std::string bounded = bound_display_text(clean, &changes);
    int changed_line = changes.any() ? LineTable(clean).line_at(changes.first) : 0;
    clean = std::move(bounded); // The same lines: line breaks are never dropped.
    Reader reader(clean, file_name, diagnostics, limits);
    if (first_invalid != std::string_view::npos) {
        reader.report(Severity::Error, LineTable(clean).line_at(first_invalid),
            "the text is not UTF-8: save the file with the UTF-8 encoding (the wrong characters are shown as "
            "\"\xEF\xBF\xBD\")");
    }
    if (changes.any())
        reader.report(Severity::Warning, changed_line, display_text_message(changes));
    // Some editors start a file with a byte order mark, which would hide a heading on the first line.
    std::size_t start = clean.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    if (!reader.run(start))
        return {};
    return reader.take();
}

} // namespace kiosk
