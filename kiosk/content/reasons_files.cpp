// The English templates of the problems the checker finds in files: see content/reason_tables.hpp.
#include "content/reason_tables.hpp"

namespace kiosk {

// Stays one function, however long: one entry a line, each a template staff read; a table, not logic. Split, it would
// only scatter what a translator compares line by line with the strings files.
const ReasonTable& file_reasons()
{
    static const ReasonTable all = {
        // The near miss for a missing file (file_names.cpp), added to the message about it.
        {"files_did_you_mean", "; did you mean {file}?"},
        // The bundle's folder and files (bundle_reader.cpp).
        {"files_not_a_folder", "this is not a folder"},
        {"files_folder_unreadable", "the folder cannot be read"},
        {"files_link",
            "this is a link to another place: links are not allowed in a bundle, copy the file itself instead"},
        {"files_folder_too_deep", "folders this deep are not read"},
        {"files_not_regular", "this is not a regular file: it is ignored"},
        {"files_too_many_files", "the bundle has more than {n} files, the limit"},
        {"files_too_large", "the bundle holds more than {limit} MB, the limit: make the images smaller"},
        {"files_file_too_large", "the file is {size} KiB, more than the limit of {limit} KiB"},
        {"files_unreadable", "the file cannot be read"},
        {"image_not_png_or_jpeg_name", "only PNG and JPEG images are shown: this file is not used"},
        {"image_too_many", "the bundle has more than {n} images, the limit"},
        {"image_missing_on_page", "{image} is missing or cannot be used: the page is shown without it"},
        {"image_missing_on_card", "{image} is missing or cannot be used: the card is shown without it"},
        {"page_too_many", "the bundle has more than {n} pages, the limit"},
        {"files_filter_column_invalid",
            "section \"{section}\": filter_column must be \"category\" or \"region\", not \"{column}\""},
        {"files_filter_column_missing",
            "section \"{section}\" filters by the column \"{column}\", which this file does not have: add it, or "
            "remove filter_column"},
        {"files_too_many_events", "the bundle has more than {n} events, the limit"},
        {"files_calendar_not_ics", "only .ics calendar files are read from calendars/: this file is not used"},
        {"files_too_many_calendars", "the bundle has more than {n} calendars, the limit"},
        {"files_calendar_translation_alone",
            "this looks like the \"{language}\" translation of {calendar}, but there is no {calendar}, so it is not "
            "used: name it after the calendar it translates, with .{language} before .ics"},
        {"files_events_without_agenda",
            "there are events but no section shows them: add a [[sections]] with kind = \"agenda\""},
        {"page_translation_language_unknown",
            "\"{language}\" is not in the bundle's languages, so this translation is not shown: add it to languages "
            "in bundle.toml"},
        {"page_unused", "no section uses this page: add a section with page = \"{page}\", or remove the file"},
        {"files_csv_unused",
            "no section uses this file: add a section with kind = \"cards\" and source = \"{file}\", or name it "
            "events.csv if it holds events"},
        {"files_unused", "this file is not part of a bundle and is not used"},
        // Pictures (image_info.cpp).
        {"image_too_large",
            "the image is {size} MB, more than the limit of {limit} MB: make it smaller (1280 pixels a side is "
            "plenty)"},
        {"image_jpeg_size_unreadable", "the JPEG image is damaged or unusual (its size cannot be read): save it again"},
        {"image_not_png_or_jpeg", "this is not a PNG or JPEG image: save it as PNG or JPEG"},
        {"image_no_pixels", "the image has no pixels: save it again"},
        {"image_too_many_pixels",
            "the image is {width}x{height} pixels, more than the limit of {limit} a side: make it smaller (1280 "
            "pixels a side is plenty)"},
        {"image_unreadable", "the image cannot be read"},
        // Pictures scaled at import (image_scale.cpp): why, then image_left_out.
        {"image_not_usable", "the image is not a PNG or JPEG of a usable size"},
        {"image_not_decoded", "the image is damaged and cannot be decoded"},
        {"image_not_scaled", "the image could not be scaled"},
        {"image_not_encoded", "the image could not be encoded again"},
        {"image_left_out", ": the image is left out"},
        // Markdown pages (markdown.cpp).
        {"page_reader_out_of_memory", "the page could not be read: the Markdown reader ran out of memory"},
        {"page_nested_too_deep", "lists and quotes are nested more than {n} levels deep: use fewer levels"},
        {"page_html", "HTML is not shown: write plain Markdown"},
        {"page_link_too_long",
            "link \"{link}\" is longer than {n} characters, too long for a QR code: it is shown as plain text"},
        {"page_link_not_web", "link \"{link}\" is not a web address (https://...): it is shown as plain text"},
        {"page_too_many_links", "the page has more than {n} links: the rest are shown as plain text"},
        {"page_too_large",
            "the page is {size} KiB, more than the limit of {limit} KiB: make it shorter or split it into two pages"},
        {"page_not_utf8",
            "the text is not UTF-8: save the file with the UTF-8 encoding (the wrong characters are shown as "
            "\"\xEF\xBF\xBD\")"},
        // A page's blocks and its list of problems (markdown_document.cpp).
        {"page_one_problem_not_listed", "1 more problem on this page is not listed: fix the ones above first"},
        {"page_problems_not_listed", "{n} more problems on this page are not listed: fix the ones above first"},
        {"page_too_many_parts",
            "the page has more than {n} parts (paragraphs, headings, list items and pictures): split it into smaller "
            "pages"},
        // Pictures and links in a page (markdown_text.cpp).
        {"page_picture_spaced",
            "the picture \"{address}\" is shown as plain text, as its name has a space: write {encoded}, or rename the "
            "file without spaces"},
        {"page_link_spaced",
            "the link \"{address}\" is shown as plain text, as its address has a space: write {encoded}"},
        {"page_image_not_in_images", "image \"{src}\" must be a file in images/, such as images/map.png"},
        {"page_image_only_png_jpeg", ": only PNG and JPEG pictures can be shown"},
        {"page_image_not_downloaded", ": the kiosk does not download pictures"},
        {"files_translation_of_first_language",
            "this file is not read: \"{language}\" is the content's first language (languages in bundle.toml), whose "
            "words are in {original}; put them there, or list another language first"},
    };
    return all;
}

} // namespace kiosk
