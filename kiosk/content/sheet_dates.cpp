// Dates in spreadsheet cells: the forms spreadsheets write, the order a file settles, and what to write instead.
#include "content/sheet_dates.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace kiosk {

namespace {

bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads the cell left to right.
struct Scanner {
    std::string_view text;
    std::size_t at = 0;

    bool done() const { return at >= text.size(); }
    char peek() const { return done() ? '\0' : text[at]; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++at;
        return true;
    }
    // A number of `least` to `most` digits (no more follow); its value, and how many digits it had in `count`.
    std::optional<int> number(int least, int most, int* count = nullptr)
    {
        int value = 0;
        int digits = 0;
        while (!done() && digits < most && is_digit(text[at])) {
            value = value * 10 + (text[at] - '0');
            ++at;
            ++digits;
        }
        if (digits < least || (!done() && is_digit(text[at])))
            return std::nullopt;
        if (count)
            *count = digits;
        return value;
    }
};

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

// "PM", "pm", "p.m.", "p. m." (Spanish locales), with a space or the no-break spaces newer locales put before it.
DateParts::Meridiem meridiem_of(std::string_view rest)
{
    std::string letters;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        char c = rest[i];
        if (rest.substr(i, 2) == "\xC2\xA0") {
            ++i;
        } else if (rest.substr(i, 3) == "\xE2\x80\xAF") {
            i += 2;
        } else if (c != ' ' && c != '.') {
            letters += char(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (letters == "am")
        return DateParts::Meridiem::Am;
    if (letters == "pm")
        return DateParts::Meridiem::Pm;
    return DateParts::Meridiem::None;
}

// "Z", "+05:00", "-0500", "+05": minutes east of UTC.
std::optional<int> offset_of(std::string_view rest)
{
    if (rest == "Z" || rest == "z")
        return 0;
    if (rest.empty() || (rest[0] != '+' && rest[0] != '-'))
        return std::nullopt;
    std::string digits;
    for (char c : rest.substr(1)) {
        if (c != ':')
            digits += c;
    }
    if ((digits.size() != 2 && digits.size() != 4) || !std::all_of(digits.begin(), digits.end(), is_digit))
        return std::nullopt;
    int hours = std::stoi(digits.substr(0, 2));
    int minutes = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
    if (hours > 14 || minutes > 59)
        return std::nullopt;
    return (rest[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
}

// "February 2027 has 28 days": one key a month, so that each language names the month in its own sentence.
const std::array<const char*, 12> month_days_keys
    = {"date_january_has_days", "date_february_has_days", "date_march_has_days", "date_april_has_days",
        "date_may_has_days", "date_june_has_days", "date_july_has_days", "date_august_has_days",
        "date_september_has_days", "date_october_has_days", "date_november_has_days", "date_december_has_days"};

int days_in_month(int year, int month)
{
    return static_cast<int>(days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1)
        - days_from_civil(year, month, 1));
}

// What is wrong with this date, or nothing (empty).
Reason date_problem(int year, int month, int day)
{
    if (year < 1970 || year > 2199)
        return Reason::said(
            "date_year_out_of_range", {{"year", std::to_string(year)}, {"first", "1970"}, {"last", "2199"}});
    if (month < 1 || month > 12)
        return Reason::said("date_no_such_month", {{"month", std::to_string(month)}});
    if (day < 1)
        return Reason::said("date_no_such_day", {{"day", std::to_string(day)}});
    int days = days_in_month(year, month);
    if (day > days)
        return Reason::said(
            month_days_keys[std::size_t(month - 1)], {{"year", std::to_string(year)}, {"days", std::to_string(days)}});
    return {};
}

std::string two_digits(int n)
{
    std::array<char, 16> buffer {};
    std::snprintf(buffer.data(), buffer.size(), "%02d", n);
    return buffer.data();
}

// The time as written, for messages: "25:00", "13:00 PM".
std::string written_time(const DateParts& parts)
{
    std::string text
        = (parts.meridiem == DateParts::Meridiem::None ? two_digits(parts.hour) : std::to_string(parts.hour)) + ":"
        + two_digits(parts.minute);
    if (parts.second_of_minute)
        text += ":" + two_digits(parts.second_of_minute);
    if (parts.meridiem != DateParts::Meridiem::None)
        text += parts.meridiem == DateParts::Meridiem::Am ? " AM" : " PM";
    return text;
}

struct TimeCheck {
    int hour = 0;         // 0-23, when usable
    Reason problem;       // what is wrong, or nothing
    bool fixable = false; // `hour` (maybe 24) still says what was meant
};

TimeCheck check_time(const DateParts& parts)
{
    TimeCheck check;
    if (parts.date_only)
        return check;
    std::string written = written_time(parts);
    Reason wrong = Reason::said("date_not_time_of_day", {{"time", written}});
    if (parts.minute > 59 || parts.second_of_minute > 59) {
        check.problem = wrong;
        return check;
    }
    if (parts.meridiem != DateParts::Meridiem::None) {
        bool pm = parts.meridiem == DateParts::Meridiem::Pm;
        if (parts.hour >= 1 && parts.hour <= 12) {
            check.hour = parts.hour % 12 + (pm ? 12 : 0);
        } else if (parts.hour == 0 && !pm) {
            check.hour = 0;
        } else if (parts.hour >= 13 && parts.hour <= 23) {
            check.problem = Reason::said("date_time_needs_no_am_pm",
                {{"time", written}, {"as_24h", two_digits(parts.hour) + ":" + two_digits(parts.minute)}});
            check.hour = parts.hour;
            check.fixable = true;
        } else {
            check.problem = wrong;
        }
        return check;
    }
    if (parts.hour == 24 && parts.minute == 0 && parts.second_of_minute == 0) {
        check.problem = Reason::said("date_time_midnight_next_day", {{"time", written}, {"midnight", "00:00"}});
        check.hour = 24;
        check.fixable = true;
    } else if (parts.hour > 23) {
        check.problem = wrong;
    } else {
        check.hour = parts.hour;
    }
    return check;
}

// The local time of a checked date at `hour` (24 counts on into the next day).
LocalTime local_time(int year, int month, int day, int hour, const DateParts& parts)
{
    LocalTime t = civil_from_days(days_from_civil(year, month, day) + (hour == 24 ? 1 : 0));
    t.hour = hour % 24;
    t.minute = parts.minute;
    t.second = parts.second_of_minute;
    return t;
}

} // namespace

std::optional<DateParts> split_date_cell(std::string_view text)
{
    Scanner s {trimmed(text)};
    DateParts parts;
    int first_digits = 0;
    int last_digits = 0;
    auto a = s.number(1, 4, &first_digits);
    char separator = s.peek();
    if (!a || (separator != '/' && separator != '-' && separator != '.'))
        return std::nullopt;
    ++s.at;
    auto b = s.number(1, 2);
    if (!b || !s.take(separator))
        return std::nullopt;
    auto c = s.number(1, 4, &last_digits);
    if (!c)
        return std::nullopt;
    if (first_digits == 4 && last_digits <= 2) {
        parts.year = *a;
        parts.first = *b;
        parts.second = *c;
    } else if (first_digits <= 2 && (last_digits == 4 || last_digits == 2)) {
        parts.day_month_ambiguous = true;
        parts.first = *a;
        parts.second = *b;
        parts.year = last_digits == 2 ? 2000 + *c : *c;
    } else {
        return std::nullopt;
    }
    if (s.done())
        return parts;

    // The time: after 'T' (ISO 8601) or spaces, with a comma before them as some exports write.
    bool iso_t = !parts.day_month_ambiguous && (s.take('T') || s.take('t'));
    if (!iso_t) {
        s.take(',');
        if (!s.take(' '))
            return std::nullopt;
        while (s.take(' ')) { }
    }
    parts.date_only = false;
    auto hour = s.number(1, 2);
    if (!hour || !s.take(':'))
        return std::nullopt;
    auto minute = s.number(2, 2);
    if (!minute)
        return std::nullopt;
    parts.hour = *hour;
    parts.minute = *minute;
    if (s.take(':')) {
        auto second = s.number(2, 2);
        if (!second)
            return std::nullopt;
        parts.second_of_minute = *second;
        // Fractions of seconds are allowed by ISO 8601 and ignored.
        if ((s.peek() == '.' || s.peek() == ',') && s.at + 1 < s.text.size() && is_digit(s.text[s.at + 1])) {
            ++s.at;
            while (is_digit(s.peek()))
                ++s.at;
        }
    }
    std::string_view rest = s.text.substr(s.at);
    if (rest.empty())
        return parts;
    parts.meridiem = meridiem_of(rest);
    if (parts.meridiem != DateParts::Meridiem::None)
        return parts;
    if (!parts.day_month_ambiguous) {
        parts.offset_minutes = offset_of(rest);
        if (parts.offset_minutes)
            return parts;
    }
    return std::nullopt;
}

DateOrder order_shown(const DateParts& parts)
{
    if (!parts.day_month_ambiguous)
        return DateOrder::Unsettled;
    if (parts.first > 12 && parts.second <= 12)
        return DateOrder::DayFirst;
    if (parts.second > 12 && parts.first <= 12)
        return DateOrder::MonthFirst;
    return DateOrder::Unsettled;
}

DateReading read_date_cell(std::string_view text, DateOrder order)
{
    DateReading reading;
    auto parts = split_date_cell(text);
    auto say_problem = [&reading](Reason why) {
        reading.problem = why.text();
        reading.problem_reason = std::move(why);
    };
    if (!parts) {
        say_problem(Reason::said("date_not_date_and_time"));
        reading.unreadable = true;
        return reading;
    }
    TimeCheck time = check_time(*parts);
    int month = parts->first;
    int day = parts->second;
    if (parts->day_month_ambiguous) {
        if (order == DateOrder::Unsettled)
            order = order_shown(*parts);
        if (order == DateOrder::Unsettled && parts->first <= 12 && parts->second <= 12) {
            say_problem(Reason::said("date_either_order"));
            reading.unsettled = true;
            return reading;
        }
        if (order == DateOrder::DayFirst)
            std::swap(month, day);
    }
    Reason wrong_date = date_problem(parts->year, month, day);
    if (!wrong_date.empty()) {
        say_problem(Reason::said("date_not_real_date") + wrong_date);
        // Read the other way round it may be a real date: then that is what to write, if it is what was meant.
        if (parts->day_month_ambiguous && date_problem(parts->year, day, month).empty()
            && (time.problem.empty() || time.fixable)) {
            reading.rewrite = iso_cell_text(local_time(parts->year, day, month, time.hour, *parts), parts->date_only);
            reading.rewrite_if = order == DateOrder::DayFirst ? DateOrder::MonthFirst : DateOrder::DayFirst;
        }
        return reading;
    }
    if (!time.problem.empty()) {
        say_problem(Reason::said("date_not_real_time") + time.problem);
        if (time.fixable && !parts->offset_minutes)
            reading.rewrite = iso_cell_text(local_time(parts->year, month, day, time.hour, *parts), false);
        return reading;
    }
    CellTime cell;
    cell.local = local_time(parts->year, month, day, time.hour, *parts);
    cell.date_only = parts->date_only;
    cell.offset_minutes = parts->offset_minutes;
    reading.time = cell;
    return reading;
}

std::optional<CellTime> parse_cell_time(std::string_view text)
{
    return read_date_cell(text, DateOrder::Unsettled).time;
}

Reason rewrite_hint(const DateReading& reading)
{
    if (reading.rewrite.empty())
        return {};
    if (reading.rewrite_if == DateOrder::DayFirst)
        return Reason::said("date_rewrite_if_day_first", {{"value", reading.rewrite}});
    if (reading.rewrite_if == DateOrder::MonthFirst)
        return Reason::said("date_rewrite_if_month_first", {{"value", reading.rewrite}});
    return Reason::said("date_rewrite", {{"value", reading.rewrite}});
}

Reason cell_time_forms()
{
    return Reason::said("date_forms",
        {{"example", "2026-12-01 18:00"}, {"example_t", "2026-12-01T18:00"}, {"example_day", "2026-12-01"}});
}

std::string iso_cell_text(const LocalTime& time, bool date_only)
{
    std::string text = std::to_string(time.year) + "-" + two_digits(time.month) + "-" + two_digits(time.day);
    if (date_only)
        return text;
    text += " " + two_digits(time.hour) + ":" + two_digits(time.minute);
    if (time.second)
        text += ":" + two_digits(time.second);
    return text;
}

} // namespace kiosk
