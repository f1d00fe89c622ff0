// What read aloud says for a screen: the screen's words from the content snapshot, cleaned, bounded and in order.
#include "ui/spoken.hpp"

#include "content/pronounce.hpp"
#include "content/text_util.hpp"
#include "ui/translation_note.hpp"

#include <cstdio>

namespace kiosk::ui {

namespace {

bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

// `text` as one utterance: valid UTF-8, no control or invisible characters, line breaks and runs of spaces as one
// space, at most max_utterance_bytes.
std::string clean(std::string_view text)
{
    // Cut first, so a hostile text costs no more than a long paragraph does.
    std::string cut = shortened(text, 4 * max_utterance_bytes);
    std::size_t invalid = 0;
    std::string bounded = bound_display_text(replace_invalid_utf8(cut, invalid));
    std::string out;
    out.reserve(bounded.size());
    for (char ch : bounded) {
        if (is_space(ch)) {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        } else {
            out += ch;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    // shortened() adds "…" (3 bytes) to what it cuts: the limit holds with it.
    return out.size() <= max_utterance_bytes ? out : shortened(out, max_utterance_bytes - 3);
}

// The utterances of one screen, each said with the content's pronunciations of the visitor's language, bounded
// together.
class Utterances {
public:
    explicit Utterances(const Pronunciations& pronunciations)
        : m_pronunciations(pronunciations)
    { }

    void add(std::string_view text)
    {
        std::string words = clean(text);
        // Cleaned again: a said-as text may be longer than its word, or hold a run of spaces.
        if (!m_pronunciations.empty())
            words = clean(apply_pronunciations(words, m_pronunciations));
        if (words.empty() || m_bytes + words.size() > max_spoken_bytes)
            return;
        m_bytes += words.size();
        m_lines.push_back(std::move(words));
    }
    std::vector<std::string> take() { return std::move(m_lines); }

private:
    const Pronunciations& m_pronunciations;
    std::vector<std::string> m_lines;
    std::size_t m_bytes = 0;
};

// Sentences joined for the ear: a full stop between them unless one already ends in punctuation.
std::string sentences(std::initializer_list<std::string_view> parts)
{
    std::string out;
    for (std::string_view part : parts) {
        std::string words = clean(part);
        if (words.empty())
            continue;
        if (!out.empty()) {
            char last = out.back();
            out += last == '.' || last == '?' || last == '!' || last == ':' || last == ',' ? " " : ". ";
        }
        out += words;
    }
    return out;
}

std::string lower_ascii(std::string text)
{
    for (char& ch : text)
        ch = ch >= 'A' && ch <= 'Z' ? char(ch - 'A' + 'a') : ch;
    return text;
}

// An address as it is read out: without "https://", "http://", "mailto:" or "tel:" and a last "/".
std::string spoken_address(const std::string& url)
{
    std::string address = url;
    for (const char* scheme : {"https://", "http://", "mailto:", "tel:"}) {
        if (starts_with_no_case(address, scheme)) {
            address = address.substr(std::string_view(scheme).size());
            break;
        }
    }
    if (!address.empty() && address.back() == '/')
        address.pop_back();
    return address;
}

// A link's words as a listener needs them: words written as an address ("https://example.org/a/b") by its host.
std::string link_words(const std::string& text)
{
    std::string lower = lower_ascii(text);
    if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0 && lower.rfind("www.", 0) != 0)
        return text;
    std::string host = spoken_address(text);
    return host.substr(0, host.find_first_of("/?#"));
}

class Reader {
public:
    explicit Reader(const SpokenContext& context)
        : m_context(context)
        , m_out(pronunciations_for(context.content.info(), context.language))
    { }

    std::vector<std::string> read(const Target& target);

private:
    const std::string& default_language() const { return m_context.content.info().default_language(); }
    const std::string& text(const Text& t) const { return t.in(m_context.language, default_language()); }
    std::string day(const std::string& date) const;
    std::string time(const Occurrence& occurrence) const;

    void home();
    void page(const Target& target);
    void block(const Block& block);
    void cards(const Target& target);
    void agenda(const Section& section);
    void occurrence(const Occurrence& occurrence);
    void card(const Card& card, bool qr);
    void link_qr(const Target& target);
    void qr(const std::string& url);

    const SpokenContext& m_context;
    Utterances m_out;
};

// "Today, Tuesday, December 8", as the agenda's heading says it.
std::string Reader::day(const std::string& date) const
{
    int year = 1970, month = 1, day = 1;
    std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &day); // NOLINT(cert-err34-c): the snapshot's own dates.
    std::int64_t days = days_from_civil(year, month, day);
    std::string label = m_context.strings.format_date(civil_from_days(days), m_context.language);
    LocalTime local = m_context.zone.to_local(m_context.now);
    std::int64_t today = days_from_civil(local.year, local.month, local.day);
    // By the kiosk's clock even when it seems behind, as the agenda's headings say it.
    if (days == today)
        label = m_context.strings.get("today", m_context.language) + ", " + label;
    else if (days == today + 1)
        label = m_context.strings.get("tomorrow", m_context.language) + ", " + label;
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z')
        label[0] = char(label[0] - 'a' + 'A');
    return label;
}

// "6:00 PM to 7:30 PM", or "All day".
std::string Reader::time(const Occurrence& occurrence) const
{
    if (occurrence.event->all_day)
        return m_context.strings.get("all_day", m_context.language);
    std::string start = m_context.strings.format_time(m_context.zone.to_local(occurrence.start), m_context.language);
    if (occurrence.end <= occurrence.start)
        return start;
    std::string end = m_context.strings.format_time(m_context.zone.to_local(occurrence.end), m_context.language);
    return m_context.strings.format(Phrase {"spoken_time_range", {{"start", start}, {"end", end}}}, m_context.language);
}

void Reader::home()
{
    const BundleInfo& info = m_context.content.info();
    m_out.add(text(info.name));
    if (info.urgent)
        m_out.add(text(info.urgent->title));
    for (const Section& section : info.sections)
        m_out.add(text(section.title));
}

// True when the page's first block is a heading saying `title` again (the screen leaves it out under its bar).
bool repeats_title(const Document& document, const std::string& title)
{
    if (document.blocks.empty() || document.blocks.front().kind != BlockKind::Heading)
        return false;
    std::string heading;
    for (const Span& span : document.blocks.front().spans)
        heading += span.text;
    return lower_ascii(clean(heading)) == lower_ascii(clean(title));
}

void Reader::page(const Target& target)
{
    const BundleInfo& info = m_context.content.info();
    bool urgent = target.section == nullptr;
    const std::string& title = urgent ? text(info.urgent->title) : text(target.section->title);
    m_out.add(title);
    std::string shown = target.page->by_language.count(m_context.language) ? m_context.language : default_language();
    m_out.add(language_note(shown, m_context.language, m_context.strings, NoteForm::Page));
    if (urgent) {
        for (const Text& action : info.urgent->actions)
            m_out.add(text(action));
    }
    const Document& document = target.page->in(m_context.language, default_language());
    std::size_t first = repeats_title(document, title) ? 1 : 0;
    for (std::size_t i = first; i < document.blocks.size(); ++i)
        block(document.blocks[i]);
}

void Reader::block(const Block& block)
{
    if (block.kind == BlockKind::Rule)
        return;
    if (block.kind == BlockKind::Image) {
        m_out.add(block.alt);
        return;
    }
    std::string words;
    for (const Span& span : block.spans)
        words += span.link >= 0 ? link_words(span.text) : span.text;
    if (block.kind == BlockKind::ListItem && block.ordered && !block.continuation)
        words = std::to_string(block.number) + ". " + words;
    m_out.add(words);
}

void Reader::cards(const Target& target)
{
    m_out.add(text(target.section->title));
    if (!target.cards || target.cards->empty()) {
        m_out.add(m_context.strings.get("no_cards", m_context.language));
        return;
    }
    for (const Card& card : *target.cards) {
        std::string note = translation_note(
            {&card.title, &card.description}, m_context.language, default_language(), m_context.strings);
        m_out.add(sentences({with_note(text(card.title), note), text(card.description)}));
    }
}

void Reader::agenda(const Section& section)
{
    m_out.add(text(section.title));
    const std::string* date = nullptr;
    for (const Occurrence& occurrence : m_context.content.occurrences) {
        if (occurrence.end <= m_context.now)
            continue; // Over: gone from the list.
        if (!date || *date != occurrence.date) {
            date = &occurrence.date;
            m_out.add(day(occurrence.date));
        }
        const Event& event = *occurrence.event;
        std::string note = translation_note({&event.title, &event.description, &event.location}, m_context.language,
            default_language(), m_context.strings);
        bool now = m_context.now >= m_context.content.imported_at && occurrence.start <= m_context.now;
        m_out.add(sentences({now ? m_context.strings.get("now", m_context.language) : "", time(occurrence),
            with_note(text(event.title), note), text(event.location)}));
    }
    if (!date)
        m_out.add(m_context.strings.get("no_events", m_context.language));
}

void Reader::occurrence(const Occurrence& occurrence)
{
    const Event& event = *occurrence.event;
    m_out.add(text(event.title));
    m_out.add(translation_note({&event.title, &event.description, &event.location}, m_context.language,
        default_language(), m_context.strings));
    m_out.add(day(occurrence.date));
    m_out.add(time(occurrence));
    if (!text(event.location).empty())
        m_out.add(
            m_context.strings.format(Phrase {"spoken_place", {{"place", text(event.location)}}}, m_context.language));
    m_out.add(text(event.description));
    if (!event.url.empty())
        qr(event.url);
}

void Reader::card(const Card& card, bool qr_view)
{
    m_out.add(text(card.title));
    m_out.add(
        translation_note({&card.title, &card.description}, m_context.language, default_language(), m_context.strings));
    m_out.add(text(card.description));
    if (qr_view)
        qr(card.url);
}

void Reader::link_qr(const Target& target)
{
    // The link in the language shown; a translation with fewer links reads the default language's, as the screen does.
    const Document* document = &target.page->in(m_context.language, default_language());
    if (std::size_t(target.link) >= document->links.size())
        document = &target.page->in(default_language(), default_language());
    if (target.link < 0 || std::size_t(target.link) >= document->links.size())
        return;
    const Link& link = document->links[std::size_t(target.link)];
    m_out.add(link.text.empty() ? spoken_address(link.url) : link_words(link.text));
    qr(link.url);
}

void Reader::qr(const std::string& url)
{
    m_out.add(m_context.strings.get("spoken_scan_code", m_context.language));
    m_out.add(spoken_address(url));
}

std::vector<std::string> Reader::read(const Target& target)
{
    switch (target.kind) {
    case Target::Kind::Home:
        home();
        break;
    case Target::Kind::Page:
        if (target.page)
            page(target);
        break;
    case Target::Kind::Cards:
        cards(target);
        break;
    case Target::Kind::Agenda:
        agenda(*target.section);
        break;
    case Target::Kind::CardQr:
    case Target::Kind::CardDetails:
        card(*target.card, target.kind == Target::Kind::CardQr);
        break;
    case Target::Kind::LinkQr:
        link_qr(target);
        break;
    case Target::Kind::Occurrence:
        occurrence(*target.occurrence);
        break;
    }
    return m_out.take();
}

} // namespace

std::vector<std::string> spoken_text(const SpokenContext& context, const Target& target)
{
    return Reader(context).read(target);
}

std::optional<std::vector<std::string>> spoken_text(
    const SpokenContext& context, const std::string& path, std::string& error)
{
    std::optional<Target> target = resolve_path(context.content, path, error);
    if (!target)
        return std::nullopt;
    return spoken_text(context, *target);
}

} // namespace kiosk::ui
