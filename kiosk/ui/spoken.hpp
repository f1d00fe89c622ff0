// What read aloud says for a screen (issue 19): its words as utterances in reading order, from the content snapshot.
#pragma once

#include "content/snapshot.hpp"
#include "content/time_zone.hpp"
#include "ui/paths.hpp"
#include "ui/strings.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace kiosk::ui {

// The most bytes one utterance holds, cut at a character boundary: a long paragraph, some 300 words.
inline constexpr std::size_t max_utterance_bytes = 2000;
// The most bytes all the utterances of a screen hold together: what the speech engine reads in one go (Speech's
// max_text_bytes). Utterances past it are left out.
inline constexpr std::size_t max_spoken_bytes = 20000;

// What the words of a screen are read against: the content, the visitor's language and the kiosk's words for it, and
// the time ("today", "tomorrow", events already over left out of the agenda).
struct SpokenContext {
    const ContentSnapshot& content;
    const Strings& strings;
    const std::string& language;
    const TimeZone& zone;
    WallTime now;
};

// The utterances for the screen `target` shows, one sentence or paragraph each, in the order a listener needs them:
//  - home: the center's name, the urgent band's title, each tile's title;
//  - a page (the urgent page too): its title, a note when it is not in the visitor's language, the urgent actions, then
//    each block of its Markdown as words (headings, list items with their numbers, links by their words, a link
//    written as its address by its host name only, pictures by their descriptions);
//  - a card list: its title, then each card's title and description;
//  - the agenda: its title, then each day, and each event ahead that day with its time, title and place;
//  - an event: its title, day, time, place and description; a card's details: its title and description;
//  - a QR view (a card's, an event's or a page link's): its words as above, then "scan the code on the screen with
//    your phone camera" and the address, without its http:// or https://.
// Every text from content is cleaned (control and invisible characters dropped, invalid UTF-8 replaced) and bounded
// (max_utterance_bytes each, max_spoken_bytes together); utterances with no words are left out. Each utterance, the
// kiosk's own words too, is said with the bundle's pronunciations of `context.language` ([pronounce], see
// content/pronounce.hpp's apply_pronunciations): "NUSU" may be given as "new-soo".
std::vector<std::string> spoken_text(const SpokenContext& context, const Target& target);

// The same for a path (docs/cli.md's paths); nothing, with the reason in `error`, when `path` shows no screen.
std::optional<std::vector<std::string>> spoken_text(
    const SpokenContext& context, const std::string& path, std::string& error);

} // namespace kiosk::ui
