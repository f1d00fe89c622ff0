// Markdown with md4c into the document model: md4c's callbacks, with lines, link and image checks and limits on
// hostile input.
#include "content/markdown.hpp"

#include "content/file_names.hpp"
#include "content/markdown_document.hpp"
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
    Reader(std::string_view text, PageReporter& reporter, const MarkdownLimits& limits)
        : m_text(text)
        , m_lines(text)
        , m_reporter(reporter)
        , m_limits(limits)
        , m_builder(limits, reporter)
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
        if (!m_reporter.failed() && m_too_deep)
            fail_too_deep(next_text_line(m_last_line));
        if (!m_reporter.failed() && result != 0)
            m_reporter.fatal(0, Reason::said("page_reader_out_of_memory"));
        if (m_reporter.failed())
            return false;
        m_reporter.finish();
        return true;
    }

    Document take() { return m_builder.take(); }

private:
    struct LinkState {
        int index = -1;          // Into the document's links, or -1 for a link shown as plain text.
        Reason problem;          // The warning to give when the link ends, if it is refused.
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
        Reason problem; // Empty for a picture that is shown.
    };

    int result() const { return m_reporter.failed() ? 1 : 0; }

    void fail_too_deep(int line)
    {
        m_reporter.fatal(line, Reason::said("page_nested_too_deep", {{"n", std::to_string(m_limits.max_nesting)}}));
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
                m_reporter.report(Severity::Warning, line != 0 ? line : std::max(m_last_line, 1),
                    unsupported_text_reason(kind, *found));
            }
        }
    }

    // Warns about links and pictures md4c left as text because their address has a space, on lines `first` to `last`
    // (each line once).
    void check_spaced_addresses(int first, int last)
    {
        for (int line = std::max(first, m_spaced_line + 1); line <= last; ++line) {
            m_spaced_line = line;
            for (const SpacedAddress& found : find_spaced_addresses(m_lines.text_of(line)))
                m_reporter.report(Severity::Warning, line, spaced_address_reason(found));
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
        Span style;
        style.strong = m_strong > 0;
        style.emphasis = m_emphasis > 0;
        style.code = m_code_span > 0 || m_builder.in_code_block();
        style.link = -1;
        if (!m_links.empty()) {
            LinkState& link = m_links.back();
            style.link = link.index;
            link.has_text = true;
            if (link.line == 0)
                link.line = line;
            if (link.index >= 0) {
                Link& kept = m_builder.link(link.index);
                kept.text.append(decoded);
                if (link.line != 0)
                    kept.line = link.line;
            }
        }
        m_builder.add_text(decoded, line != 0 ? line : std::max(m_last_line, 1), style);
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size)
    {
        if (m_reporter.failed())
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
        if (type == MD_TEXT_NORMAL && line != 0 && size > 0)
            check_spaced_addresses(line, line_of(text + size - 1));
        check_characters(m_decoded, verbatim_source, line);
        add_text(m_decoded, line);
        return result();
    }

    int enter_block(MD_BLOCKTYPE type, void* detail)
    {
        if (m_reporter.failed())
            return 1;
        end_open_spans();
        // Table cells stay in their row's paragraph; every other block boundary ends the text before it.
        if (type == MD_BLOCK_TD || type == MD_BLOCK_TH) {
            if (m_cells_in_row++ > 0 && m_builder.block_open())
                add_text("  ", 0); // Empty cells before it add nothing.
            return result();
        }
        m_builder.close_block();
        switch (type) {
        case MD_BLOCK_QUOTE:
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
            if (++m_depth > m_limits.max_nesting)
                m_too_deep = true;
            if (m_too_deep)
                break;
            if (type == MD_BLOCK_QUOTE)
                m_builder.open_quote();
            else if (type == MD_BLOCK_UL)
                m_builder.open_list(false, 0);
            else // CommonMark allows nine digits.
                m_builder.open_list(true,
                    static_cast<int>(std::min(static_cast<const MD_BLOCK_OL_DETAIL*>(detail)->start, 999'999'999u)));
            break;
        case MD_BLOCK_LI:
            if (!m_too_deep)
                m_builder.open_item();
            break;
        case MD_BLOCK_H:
            m_builder.set_heading_level(
                static_cast<int>(std::clamp(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level, 1u, 6u)));
            break;
        case MD_BLOCK_CODE:
            m_builder.set_in_code_block(true);
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
            if (!m_too_deep)
                m_builder.add_rule(rule_line());
            break;
        default:
            break;
        }
        return result();
    }

    int leave_block(MD_BLOCKTYPE type, void*)
    {
        if (m_reporter.failed())
            return 1;
        end_open_spans();
        if (type == MD_BLOCK_TD || type == MD_BLOCK_TH)
            return result();
        m_builder.close_block();
        switch (type) {
        case MD_BLOCK_QUOTE:
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
            if (m_too_deep) {
                fail_too_deep(next_text_line(m_last_line)); // The deep part held no text to say where it is.
                return 1;
            }
            --m_depth;
            m_builder.close_container();
            break;
        case MD_BLOCK_LI:
            if (!m_too_deep)
                m_builder.close_item();
            break;
        case MD_BLOCK_H: {
            // A setext heading's underline is not a thematic break.
            std::string_view first = strip_list_marker(strip_container_marks(m_lines.text_of(m_last_line)));
            if (m_last_line > 0 && (first.empty() || first.front() != '#')
                && is_setext_underline(m_lines.text_of(m_last_line + 1)))
                m_used_lines = std::max(m_used_lines, m_last_line + 1);
            m_builder.set_heading_level(0);
            break;
        }
        case MD_BLOCK_CODE:
            m_builder.set_in_code_block(false);
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
                m_reporter.report(Severity::Warning, m_html_line != 0 ? m_html_line : next_text_line(m_last_line),
                    Reason::said("page_html"));
            break;
        default:
            break;
        }
        return result();
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
            link.problem
                = Reason::said("page_link_too_long", {{"link", shortened(url)}, {"n", std::to_string(max_link_bytes)}});
        } else if (!is_link_address(url)) {
            link.problem = Reason::said("page_link_not_web", {{"link", shortened(url)}});
        } else if (m_builder.link_count() >= m_limits.max_links) {
            if (!m_warned_links) {
                m_warned_links = true;
                link.problem = Reason::said("page_too_many_links", {{"n", std::to_string(m_limits.max_links)}});
            }
        } else {
            link.index = m_builder.add_link(
                std::move(url), link.fallback_line != 0 ? link.fallback_line : std::max(m_last_line, 1));
        }
        m_links.push_back(std::move(link));
    }

    void leave_link()
    {
        if (m_links.empty())
            return;
        if (m_links.back().index >= 0 && !m_links.back().has_text) {
            // A link without words ("[](https://...)") shows its address, so that it can still be opened.
            add_text(m_builder.link(m_links.back().index).url, m_links.back().fallback_line);
        }
        LinkState link = std::move(m_links.back());
        m_links.pop_back();
        if (link.in_picture)
            return;
        int line = link.line != 0 ? link.line : link.fallback_line != 0 ? link.fallback_line : std::max(m_last_line, 1);
        if (link.index >= 0) {
            Link& kept = m_builder.link(link.index);
            std::size_t begin = kept.text.find_first_not_of(" \t\n");
            std::size_t end = kept.text.find_last_not_of(" \t\n");
            kept.text = begin == std::string::npos ? kept.url : kept.text.substr(begin, end - begin + 1);
        }
        if (!link.problem.empty())
            m_reporter.report(Severity::Warning, line, link.problem);
    }

    void enter_picture(const MD_SPAN_IMG_DETAIL& detail)
    {
        PictureState picture;
        picture.src = percent_decoded(decode_attribute(detail.src)); // "Room%20photo.png" is "Room photo.png".
        picture.fallback_line = line_of(detail.src.text);
        picture.problem = image_problem_reason(picture.src);
        if (picture.problem.empty())
            m_builder.close_block(); // The picture goes between the text before it and the text after it.
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
            m_reporter.report(Severity::Error, line, picture.problem); // Its description stays, as plain text.
            return;
        }
        std::string alt;
        std::size_t begin = picture.alt.find_first_not_of(" \t\n");
        std::size_t end = picture.alt.find_last_not_of(" \t\n");
        if (begin != std::string::npos)
            alt = picture.alt.substr(begin, end - begin + 1);
        m_builder.add_image(std::move(picture.src), std::move(alt), line);
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
        if (m_reporter.failed())
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
        if (m_reporter.failed())
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
    PageReporter& m_reporter;
    const MarkdownLimits& m_limits;
    DocumentBuilder m_builder;

    int m_depth = 0;         // Quotes and lists open, including any past the limit.
    bool m_too_deep = false; // Nesting passed the limit: fail at the next text, whose line says where.
    char m_code_fence = 0;   // '`' or '~' for a fenced code block, 0 for an indented one.
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
    int m_spaced_line = 0; // Lines up to here were searched for addresses with spaces.
    bool m_warned_emoji = false;
    bool m_warned_rtl = false;
    bool m_warned_links = false;
};

} // namespace

Document parse_markdown(
    std::string_view text, const std::string& file_name, Diagnostics& diagnostics, const MarkdownLimits& limits)
{
    if (text.size() > limits.max_bytes || text.size() > UINT_MAX / 4) {
        diagnostics.fatal(file_name, 0,
            Reason::said("page_too_large",
                {{"size", std::to_string((text.size() + 1023) / 1024)},
                    {"limit", std::to_string(limits.max_bytes / 1024)}}));
        return {};
    }
    std::size_t first_invalid = std::string_view::npos;
    std::string clean = replace_invalid_utf8(text, first_invalid);
    DisplayTextChanges changes;
    std::string bounded = bound_display_text(clean, &changes);
    int changed_line = changes.any() ? LineTable(clean).line_at(changes.first) : 0;
    clean = std::move(bounded); // The same lines: line breaks are never dropped.
    PageReporter reporter(file_name, diagnostics, limits.max_messages);
    Reader reader(clean, reporter, limits);
    if (first_invalid != std::string_view::npos) {
        reporter.report(Severity::Error, LineTable(clean).line_at(first_invalid), Reason::said("page_not_utf8"));
    }
    if (changes.any())
        reporter.report(Severity::Warning, changed_line, display_text_reason(changes));
    // Some editors start a file with a byte order mark, which would hide a heading on the first line.
    std::size_t start = clean.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    if (!reader.run(start))
        return {};
    return reader.take();
}

} // namespace kiosk
