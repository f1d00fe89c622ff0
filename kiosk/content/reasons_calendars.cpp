// The English templates of the problems the checker finds in calendars: see content/reason_tables.hpp.
#include "content/reason_tables.hpp"

namespace kiosk {

const ReasonTable& calendar_reasons()
{
    // One entry a line, each a template staff read: a table, not logic. Split, it would only scatter what a
    // translator compares line by line with the strings files.
    static const ReasonTable all = {
        // ics.cpp: the whole file, refused before it is read, and overrides matched with their series.
        {"ics_too_large", "the calendar is {size} KiB, more than the limit of {limit} KiB"},
        {"ics_wrong_encoding", "the calendar is saved as UTF-16: save it as UTF-8"},
        {"ics_nul_bytes", "this is not an iCalendar file: it contains NUL bytes"},
        {"ics_no_begin_vcalendar", "this is not an iCalendar file: it must start with BEGIN:VCALENDAR"},
        {"ics_too_many_events", "the calendar has {events} events, more than the limit of {limit}"},
        {"ics_nested_too_deep", "the calendar nests BEGIN blocks more than {depth} deep"},
        {"ics_unreadable", "the calendar cannot be read: check that every BEGIN has its END, up to END:VCALENDAR"},
        {"ics_stray_end", "this END line has no BEGIN before it: it is ignored"},
        {"ics_override_not_a_date", "the changed occurrence (RECURRENCE-ID) is not a real date: it is ignored"},
        // ics_internal.hpp: problems past the ones listed.
        {"ics_one_more_problem_not_listed", "1 more problem in this calendar is not listed"},
        {"ics_more_problems_not_listed", "{n} more problems in this calendar are not listed"},
        // ics_prescan.cpp: libical's own parse errors.
        {"ics_rrule_unreadable", "the repeat rule (RRULE) cannot be read, so the event is shown once: \"{error}\""},
        {"ics_line_unreadable", "this line cannot be read and is ignored: \"{error}\""},
        // ics_event_reader.cpp: one event. The event's name comes first, then what is wrong with it.
        {"ics_event_untitled", "the event with no title (SUMMARY)"},
        {"ics_event_titled", "the event \"{title}\""},
        {"ics_title_language_not_in_bundle",
            " has a title (SUMMARY) in the language \"{tag}\", which is not one of the bundle's languages, so it is "
            "not shown: add \"{code}\" to languages in bundle.toml to show it"},
        {"ics_description_language_not_in_bundle",
            " has a description (DESCRIPTION) in the language \"{tag}\", which is not one of the bundle's languages, "
            "so it is not shown: add \"{code}\" to languages in bundle.toml to show it"},
        {"ics_location_language_not_in_bundle",
            " has a place (LOCATION) in the language \"{tag}\", which is not one of the bundle's languages, so it is "
            "not shown: add \"{code}\" to languages in bundle.toml to show it"},
        {"ics_no_start", " has no start (DTSTART): it is skipped"},
        {"ics_start_out_of_range", " has a start (DTSTART) that is not a date from {first} to {last}: it is skipped"},
        {"ics_url_not_web", " has a URL that is not a web address (http or https): it is ignored"},
        {"ics_ends_before_start_all_day", " ends before it starts: it is shown on its first day"},
        {"ics_ends_before_start", " ends before it starts: only its start is shown"},
        {"ics_several_rrules", " has more than one repeat rule (RRULE): only the first is used"},
        {"ics_date_out_of_range", " has a date ({property}) that is not a date from {first} to {last}: it is ignored"},
        {"ics_shown_once", " is shown once: "},
        // ics_translation.cpp: a calendar of translations (calendars/NAME.es.ics) matched with the calendar it
        // translates.
        {"ics_translation_no_uid",
            " has no UID, so the kiosk cannot tell which event of {calendar} it translates: copy the event's UID line "
            "from {calendar}"},
        {"ics_translation_override_not_a_date",
            " has a changed occurrence (RECURRENCE-ID) that is not a real date, so this translation is not shown"},
        {"ics_translation_no_occurrence_on_date",
            "the event with UID \"{uid}\" in {calendar} has no changed occurrence (RECURRENCE-ID) on {date}, so this "
            "translation is not shown: check this event's RECURRENCE-ID line against {calendar}"},
        {"ics_translation_no_occurrence_at_time",
            "the event with UID \"{uid}\" in {calendar} has no changed occurrence (RECURRENCE-ID) on {date} at {time}, "
            "so this translation is not shown: check this event's RECURRENCE-ID line against {calendar}"},
        {"ics_translation_uid_not_found",
            "no event in {calendar} has the UID \"{uid}\", so this translation is not shown: check that its UID line "
            "is the same as the event's in {calendar}"},
        // ics_zones.cpp: time zones. The problem between ics_zone_unusable and ics_zone_unusable_end is said apart.
        {"ics_zone_unknown", "the time zone \"{zone}\" is unknown: times are read in the kiosk's time zone"},
        {"ics_zone_unusable", "the time zone \"{zone}\" cannot be used ("},
        {"ics_zone_unusable_end", "): times are read in the kiosk's time zone"},
    };
    return all;
}

} // namespace kiosk
