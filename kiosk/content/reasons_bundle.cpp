// The English templates of the problems the checker finds in bundle: see content/reason_tables.hpp.
#include "content/reason_tables.hpp"

namespace kiosk {

// Stays one function, however long: one entry a line, each a template staff read; a table, not logic. Split, it would
// only scatter what a translator compares line by line with the strings files.
const ReasonTable& bundle_reasons()
{
    // A part that starts with " " or ": " follows what it is about: a setting's name, a section or an action.
    static const ReasonTable all = {
        // bundle.toml (content/bundle.cpp).
        {"bundle_section", "section \"{id}\""},
        {"bundle_icon_usual_page", "; until then its tile shows the usual icon of a page (\"{icon}\")"},
        {"bundle_icon_usual_cards", "; until then its tile shows the usual icon of a list of cards (\"{icon}\")"},
        {"bundle_icon_usual_agenda", "; until then its tile shows the usual icon of events (\"{icon}\")"},
        {"bundle_not_settings", "the file must hold settings such as {example}"},
        {"bundle_unknown_setting", "unknown setting '{setting}' is ignored (known: {known})"},
        {"bundle_no_name", "the bundle has no name: add a line such as {example}"},
        {"bundle_no_sections", "the bundle has no sections: add at least one [[sections]] with an id and a kind"},
        {"bundle_not_a_list", "{setting} must be a list such as {example}, not "},
        {"bundle_language_code",
            "{setting}: each entry must be a language code such as \"{code}\" or \"{code_with_region}\""},
        {"bundle_language_twice", "language \"{code}\" is listed twice"},
        {"bundle_text_not_quoted", " must be a text in quotes, not "},
        {"bundle_language_not_listed",
            " has a text in \"{language}\", which is not in {setting}: add it there or remove it"},
        {"bundle_text_or_table", " must be a text in quotes, or a table such as {example}"},
        {"bundle_setting_not_quoted", "{setting} must be a text in quotes, not "},
        {"bundle_time_zone_unknown", "{setting} \"{name}\" is not a known time zone: use a name such as \"{example}\""},
        {"bundle_date_order_invalid",
            "{setting} must be \"{day_first}\" (day first, {day_first_example}) or \"{month_first}\" (month first, "
            "{month_first_example}): it is ignored"},
        {"bundle_page_needed", " needs {example}, the name of a file in {folder}"},
        {"bundle_page_not_plain",
            ": {setting} \"{page}\" must be a plain name of lowercase letters, digits and '-' ({file})"},
        {"bundle_points_at_missing", " points at {file}, which is missing"},
        {"bundle_urgent_not_table", "{setting} must be a table: [{setting}] with {title} and {page}"},
        {"bundle_urgent_no_title", "{heading} needs a {setting}, such as \"{example}\""},
        {"bundle_urgent_action", "{setting}: action {n}"},
        {"bundle_action_not_text", " must be a text in quotes, or a table such as {example}, not "},
        {"bundle_left_out", ": it is left out"},
        // Text the kiosk's fonts cannot show (text_util.cpp, unsupported_text_reason).
        {"text_right_to_left", "right-to-left text such as \"{sample}\" is not supported yet"},
        {"text_outside_fonts",
            "characters such as \"{sample}\" cannot be shown by the kiosk's fonts (emoji and symbols outside the basic "
            "set)"},
        // A TOML value's kind, after "..., not " (toml_reader.cpp, toml_type_reason).
        {"toml_type_text", "a text"},
        {"toml_type_whole_number", "a whole number"},
        {"toml_type_number", "a number"},
        {"toml_type_true_or_false", "true or false"},
        {"toml_type_list", "a list"},
        {"toml_type_table", "a table"},
        {"toml_type_date", "a date or time"},
        {"toml_type_nothing", "nothing"},
        {"bundle_action_empty", " is empty: write what to do, such as \"{example}\", or remove it"},
        {"bundle_too_many_actions", "{setting} has more than {n} actions: only the first {n} are shown"},
        {"bundle_action_long",
            " is long ({n} characters): keep each action under {max}, so all of them fit the first screen of a small "
            "panel"},
        {"bundle_action_long_in_language",
            " ({language}) is long ({n} characters): keep each action under {max}, so all of them fit the first "
            "screen of a small panel"},
        {"bundle_empty_in_language", " is empty in \"{language}\": the default language shows in its place"},
        {"bundle_sections_not_tables", "{setting} must be written as [[{setting}]] tables"},
        {"bundle_too_many_sections", "more than {n} sections: the limit is {n}"},
        {"bundle_section_id_twice", "two sections have the id \"{id}\": ids must be unique"},
        {"bundle_section_not_table", "each section must be a [[{setting}]] table"},
        {"bundle_unknown_section_setting", "unknown section setting '{setting}' is ignored (known: {known})"},
        {"bundle_section_no_id", "a section has no id: add {example} (lowercase letters, digits, -)"},
        {"bundle_section_id_invalid",
            ": the id must use only lowercase letters, digits and '-', and not be \"{home}\" or \"{urgent}\""},
        {"bundle_kind_missing", ": {setting} must be \"{page}\", \"{cards}\" or \"{agenda}\", and it is missing"},
        {"bundle_kind_invalid", ": {setting} must be \"{page}\", \"{cards}\" or \"{agenda}\", not \"{kind}\""},
        {"bundle_section_no_title", " has no title: its tile shows the id"},
        {"bundle_icon_unknown",
            ": the kiosk has no icon called \"{icon}\": choose from the list in the content guide ({guide}, "
            "\"{chapter}\")"},
        {"bundle_icon_unknown_one",
            ": the kiosk has no icon called \"{icon}\": write \"{first}\", or another from the list in the content "
            "guide ({guide}, \"{chapter}\")"},
        {"bundle_icon_unknown_two",
            ": the kiosk has no icon called \"{icon}\": write \"{first}\" or \"{second}\", or another from the list in "
            "the content guide ({guide}, \"{chapter}\")"},
        {"bundle_icon_unknown_three",
            ": the kiosk has no icon called \"{icon}\": write \"{first}\", \"{second}\" or \"{third}\", or another "
            "from the list in the content guide ({guide}, \"{chapter}\")"},
        {"bundle_source_needed", " needs {example}, a CSV file beside {file}"},
        {"bundle_source_invalid", " needs {example}, a CSV file beside {file}, not \"{source}\""},
        // Read aloud's pronunciations, [pronounce] (content/bundle_pronounce.cpp). A part that starts with " " follows
        // bundle_pronounce_word.
        {"bundle_pronounce_not_tables",
            "{setting} must hold a table for each language, such as [{setting}.{language}] with lines like {example}, "
            "not "},
        {"bundle_pronounce_language_not_listed",
            "[{table}] is for \"{language}\", which is not in {setting}: its words are ignored"},
        {"bundle_pronounce_not_words", "{table} must be a table of lines such as {example}, not "},
        {"bundle_pronounce_too_many", "[{table}] has more than {n} words: only the first {n} are used"},
        {"bundle_pronounce_word", "{table}: \"{word}\""},
        {"bundle_pronounce_word_empty", " is an empty word: it is left out"},
        {"bundle_pronounce_word_long", " is longer than {max} bytes: it is left out"},
        {"bundle_pronounce_word_invisible",
            " holds control, invisible or broken characters: retype the word; it is left out"},
        {"bundle_pronounce_said_empty", " is said as nothing: write how to say it, or remove the line; it is left out"},
        {"bundle_pronounce_said_long", " is said as a text longer than {max} bytes: it is left out"},
        {"bundle_pronounce_said_invisible",
            " is said as a text with control, invisible or broken characters: retype it; it is left out"},
        {"bundle_pronounce_unused",
            "pronunciation for \"{word}\" ({language}) is never used: no text in \"{language}\" says it (as a whole "
            "word, with the same capitals)"},
        // Reading a TOML file (content/toml_reader.cpp): bundle.toml, and the kiosk's settings and strings.
        {"toml_too_large", "the file is {size} KiB, more than the limit of {limit} KiB"},
        {"toml_bad_encoding", "the text is not UTF-8: save the file with the UTF-8 encoding"},
        {"toml_nul_byte", "the file contains a NUL byte: it is not text"},
        {"toml_nested_too_deep", "brackets are nested more than {n} deep"},
        {"toml_file_missing", "the file is missing"},
        {"toml_not_regular_file", "this is not a regular file"},
        {"toml_cannot_read", "the file cannot be read"},
        // TOML syntax errors in plain words (content/toml_errors.cpp).
        {"toml_given_twice_first_on", "{name} is given twice (first on line {line}): keep one of them"},
        {"toml_given_twice", "{name} is given twice: keep one of them"},
        {"toml_list_heading_not_closed", "a [[section]] heading is not closed with ]]"},
        {"toml_heading_not_closed", "a [section] heading is not closed with ]"},
        {"toml_heading_not_alone",
            "a [section] heading must be alone on its line: put what follows it on the next line"},
        {"toml_heading_bad_name", "the name in a [section] heading may hold only letters, digits, _ and -"},
        {"toml_not_valid", "this is not valid TOML"},
        {"toml_array_and_table", "{name} is given as [[{name}]] and as [{name}]: write [[{name}]] each time"},
        {"toml_quote_not_closed", "a text in quotes is not closed (add the closing {quote})"},
        {"toml_multiline_not_closed", "a text in \"\"\" or ''' is not closed (add the closing \"\"\" or ''')"},
        {"toml_bad_escape",
            "a \\ in a text in quotes must be followed by n (a new line), t, \" or \\: write \\\\ for a \\ itself"},
        {"toml_curly_quotes",
            "the quotes \xE2\x80\x9C \xE2\x80\x9D here are curly, which TOML does not read: type straight quotes \" "
            "instead (turn off smart quotes, or use a plain text editor)"},
        {"toml_needs_equals", "each line needs a name, an = sign and a value, such as {example}"},
        {"toml_inline_table_not_closed", "a {open} that starts a value must be closed with {close} on the same line"},
        {"toml_inline_table_separator", "the values inside {braces} need a , between them, and a {close} at the end"},
        {"toml_inline_table_trailing_comma", "the last value inside {braces} must not be followed by a , (remove it)"},
        {"toml_list_separator_starts_on",
            "the values in a list [ ] need a , between them, and a ] at the end (the list starts on line {line})"},
        {"toml_list_separator", "the values in a list [ ] need a , between them, and a ] at the end"},
        {"toml_line_goes_on",
            "the line goes on after its value: write one name = value on each line (a note starts with #)"},
        {"toml_not_a_value", "this value is not a text in quotes, a number, true/false or a list in [ ]"},
        {"toml_bad_name", "a name may hold only letters, digits, _ and -: put other names in quotes"},
        // Text that cannot be drawn as it is (content/text_util.cpp), often after what it is about and ": ".
        {"text_marks_one", "{n} accent piled on single letters (more than {max} on one)"},
        {"text_marks", "{n} accents piled on single letters (more than {max} on one)"},
        {"text_and", " and "},
        {"text_invisible_one",
            "{n} invisible or control character (such as zero-width spaces or text-direction marks)"},
        {"text_invisible", "{n} invisible or control characters (such as zero-width spaces or text-direction marks)"},
        {"text_left_out_one", " is left out, from here on: retype the text, or paste it as plain text"},
        {"text_left_out", " are left out, from here on: retype the text, or paste it as plain text"},
    };
    return all;
}

} // namespace kiosk
