// The block model of a Markdown page being read: blocks made inside their containers, trimmed, and kept under the
// page's limits.
#include "content/markdown_document.hpp"

#include "content/text_util.hpp"

#include <algorithm>

namespace kiosk::markdown_detail {

bool PageReporter::listed(Severity severity)
{
    if (severity != Severity::Fatal && m_reported >= m_max_messages) {
        ++m_suppressed;
        return false;
    }
    ++m_reported;
    return true;
}

void PageReporter::report(Severity severity, int line, const Reason& reason)
{
    if (listed(severity))
        m_diagnostics.add(m_file_name, line, severity, reason);
}

void PageReporter::report(Severity severity, int line, const std::string& message)
{
    if (listed(severity))
        m_diagnostics.add(m_file_name, line, severity, message);
}

void PageReporter::fatal(int line, const Reason& reason)
{
    report(Severity::Fatal, line, reason);
    m_failed = true;
}

void PageReporter::finish()
{
    if (m_suppressed == 1)
        m_diagnostics.warning(m_file_name, 0, Reason::said("page_one_problem_not_listed"));
    else if (m_suppressed > 1)
        m_diagnostics.warning(
            m_file_name, 0, Reason::said("page_problems_not_listed", {{"n", std::to_string(m_suppressed)}}));
}

void DocumentBuilder::open_quote()
{
    m_containers.push_back({ContainerKind::Quote});
}

void DocumentBuilder::open_list(bool ordered, int start)
{
    Container list;
    list.kind = ContainerKind::List;
    list.ordered = ordered;
    list.number = ordered ? start : 0;
    m_containers.push_back(list);
}

void DocumentBuilder::open_item()
{
    if (m_containers.empty() || m_containers.back().kind != ContainerKind::List)
        return;
    Container item;
    item.kind = ContainerKind::Item;
    item.ordered = m_containers.back().ordered;
    item.number = item.ordered ? m_containers.back().number++ : 0;
    m_containers.push_back(item);
}

void DocumentBuilder::close_container()
{
    if (!m_containers.empty())
        m_containers.pop_back();
}

void DocumentBuilder::close_item()
{
    if (!m_containers.empty() && m_containers.back().kind == ContainerKind::Item)
        m_containers.pop_back();
}

int DocumentBuilder::list_depth() const
{
    return static_cast<int>(std::count_if(
        m_containers.begin(), m_containers.end(), [](const Container& c) { return c.kind == ContainerKind::List; }));
}

DocumentBuilder::Container* DocumentBuilder::innermost_item_or_quote()
{
    for (auto it = m_containers.rbegin(); it != m_containers.rend(); ++it) {
        if (it->kind != ContainerKind::List)
            return &*it;
    }
    return nullptr;
}

void DocumentBuilder::open_block(int line)
{
    Block block;
    block.line = line;
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

void DocumentBuilder::add_text(std::string_view text, int line, const Span& style)
{
    if (!m_block_open)
        open_block(line);
    std::vector<Span>& spans = m_block.spans;
    if (spans.empty() || spans.back().strong != style.strong || spans.back().emphasis != style.emphasis
        || spans.back().code != style.code || spans.back().link != style.link) {
        spans.push_back(style);
        spans.back().text.clear();
    }
    spans.back().text.append(text);
}

void DocumentBuilder::push_block(Block block)
{
    if (m_document.blocks.size() >= m_limits.max_blocks) {
        m_reporter.fatal(block.line, Reason::said("page_too_many_parts", {{"n", std::to_string(m_limits.max_blocks)}}));
        return;
    }
    m_document.blocks.push_back(std::move(block));
}

// Code keeps its spaces but not its last line break; other text loses the white space around it.
void DocumentBuilder::trim_block()
{
    std::vector<Span>& spans = m_block.spans;
    if (m_in_code_block) {
        while (!spans.empty() && !spans.back().text.empty() && spans.back().text.back() == '\n') {
            spans.back().text.pop_back();
            if (spans.back().text.empty())
                spans.pop_back();
        }
        return;
    }
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

void DocumentBuilder::close_block()
{
    if (!m_block_open)
        return;
    m_block_open = false;
    trim_block();
    if (m_block.spans.empty())
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

void DocumentBuilder::add_rule(int line)
{
    Block rule;
    rule.kind = BlockKind::Rule;
    rule.line = line;
    push_block(std::move(rule));
}

void DocumentBuilder::add_image(std::string path, std::string alt, int line)
{
    Block block;
    block.kind = BlockKind::Image;
    block.image = std::move(path);
    block.alt = std::move(alt);
    block.line = line;
    Container* container = innermost_item_or_quote();
    if (container != nullptr && container->kind == ContainerKind::Item)
        block.level = list_depth();
    push_block(std::move(block));
}

int DocumentBuilder::add_link(std::string url, int line)
{
    m_document.links.push_back({std::move(url), {}, line});
    return static_cast<int>(m_document.links.size()) - 1;
}

} // namespace kiosk::markdown_detail

namespace kiosk {

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

} // namespace kiosk
