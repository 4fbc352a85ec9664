// Campaign calendar: dates as Vietnamese documents write them, the campaign window, and
// the reporting schedule (the seed's villages report every Friday, 15/4/2022-30/5/2022).
// Only the header-only part of Boost.Date_Time is used (gregorian_types, no facets).
#pragma once

#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

using date = boost::gregorian::date;

// ---------------------------------------------------------------------------------------------
// Formatting and parsing
// ---------------------------------------------------------------------------------------------

/// 15/4/2022: no zero padding, the way Vietnamese documents write dates.
inline std::string format_date_vi(date d) {
    return std::to_string(static_cast<int>(d.day())) + "/" +
           std::to_string(static_cast<int>(d.month())) + "/" +
           std::to_string(static_cast<int>(d.year()));
}

/// 2022-04-15 (ISO 8601), for files and DHIS2.
inline std::string format_date_iso(date d) {
    auto pad = [](int value, std::size_t width) {
        auto s = std::to_string(value);
        return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
    };
    return pad(d.year(), 4) + "-" + pad(d.month(), 2) + "-" + pad(d.day(), 2);
}

namespace detail {

inline constexpr std::array<std::string_view, 12> month_names{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

inline bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

// Checks ranges ourselves so that boost's bad_day_of_month never escapes: callers get a
// parse_error that quotes the text.
inline date make_checked_date(int y, int m, int d, const std::string& where) {
    // Boost's gregorian range is 1400..9999; anything else is a typo in a campaign file.
    if (y < 1400 || y > 9999)
        throw parse_error(where, "year " + std::to_string(y) + " is out of range 1400..9999");
    if (m < 1 || m > 12)
        throw parse_error(where, "month " + std::to_string(m) + " is not in 1..12");
    int days_in_month = boost::gregorian::gregorian_calendar::end_of_month_day(
        static_cast<unsigned short>(y), static_cast<unsigned short>(m));
    if (d < 1 || d > days_in_month)
        throw parse_error(where, std::string(month_names[static_cast<std::size_t>(m - 1)]) + " " +
                                     std::to_string(y) + " has " + std::to_string(days_in_month) +
                                     " days, got day " + std::to_string(d));
    return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                static_cast<unsigned short>(d));
}

} // namespace detail

/// Reads `2022-04-15`, `15/4/2022`, `15/4 /2022`, `01/5/2022`, `15-4-2022`, `15.4.2022`, and
/// `30/5` (year from `default_year`). Spaces around separators and the whole text are ignored.
/// Two-digit years are rejected: "22" could be 1922 or 2022 in an archive.
inline date parse_date(std::string_view text, std::optional<int> default_year = std::nullopt) {
    const std::string where = "date \"" + std::string(text) + "\"";
    const std::string expected = "expected d/m/yyyy (also d-m-yyyy, d.m.yyyy), d/m with a "
                                 "default year, or yyyy-mm-dd";
    std::string_view s = detail::trim(text);

    // Split into 2 or 3 digit groups joined by one separator kind, spaces allowed around it.
    struct group {
        int value = 0;
        std::size_t digits = 0;
    };
    std::array<group, 3> groups{};
    std::size_t count = 0;
    char separator = 0;
    std::size_t i = 0;
    while (true) {
        if (count == groups.size())
            throw parse_error(where, expected);
        group& g = groups[count++];
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (++g.digits > 4)
                throw parse_error(where, expected);
            g.value = g.value * 10 + (s[i] - '0');
            ++i;
        }
        if (g.digits == 0)
            throw parse_error(where, expected);
        if (i == s.size())
            break;
        while (i < s.size() && detail::is_space(s[i]))
            ++i;
        char c = i < s.size() ? s[i] : '\0';
        if ((c != '/' && c != '-' && c != '.') || (separator != 0 && c != separator))
            throw parse_error(where, expected);
        separator = c;
        ++i;
        while (i < s.size() && detail::is_space(s[i]))
            ++i;
    }
    if (count < 2)
        throw parse_error(where, expected);

    if (count == 3 && groups[0].digits == 4) {
        // ISO 8601 only with '-'; 2022/04/15 is not a form Vietnamese documents use.
        if (separator != '-' || groups[1].digits > 2 || groups[2].digits > 2)
            throw parse_error(where, expected);
        return detail::make_checked_date(groups[0].value, groups[1].value, groups[2].value, where);
    }
    if (groups[0].digits > 2 || groups[1].digits > 2)
        throw parse_error(where, expected);
    int year = 0;
    if (count == 3) {
        if (groups[2].digits != 4)
            throw parse_error(where, "the year must have 4 digits; " + expected);
        year = groups[2].value;
    } else if (default_year) {
        year = *default_year;
    } else {
        throw parse_error(where, "no year in the text and no default year given; " + expected);
    }
    return detail::make_checked_date(year, groups[1].value, groups[0].value, where);
}

// ---------------------------------------------------------------------------------------------
// Weekdays
// ---------------------------------------------------------------------------------------------

/// Own enum rather than boost's weekdays: ISO order (Monday first) and the project's
/// to_string/parse_enum, which boost's enum cannot join (enum_names is found by ADL).
enum class weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday };

constexpr auto enum_names(weekday) {
    return std::array{std::pair{weekday::monday, std::string_view("monday")},
                      std::pair{weekday::tuesday, std::string_view("tuesday")},
                      std::pair{weekday::wednesday, std::string_view("wednesday")},
                      std::pair{weekday::thursday, std::string_view("thursday")},
                      std::pair{weekday::friday, std::string_view("friday")},
                      std::pair{weekday::saturday, std::string_view("saturday")},
                      std::pair{weekday::sunday, std::string_view("sunday")}};
}

/// 0 for Monday .. 6 for Sunday.
constexpr int iso_index(weekday w) {
    return static_cast<int>(w);
}

constexpr weekday weekday_from_iso_index(int i) {
    return static_cast<weekday>(((i % 7) + 7) % 7);
}

/// The day after `w` (Sunday is followed by Monday).
constexpr weekday next_weekday(weekday w) {
    return weekday_from_iso_index(iso_index(w) + 1);
}

inline weekday weekday_of(date d) {
    // boost counts 0 = Sunday .. 6 = Saturday.
    return weekday_from_iso_index(static_cast<int>(d.day_of_week().as_number()) + 6);
}

/// Days to go forward from `from` to reach the next `to` (0 if they are the same day).
constexpr int days_until(weekday from, weekday to) {
    return ((iso_index(to) - iso_index(from)) % 7 + 7) % 7;
}

// ---------------------------------------------------------------------------------------------
// Campaign window
// ---------------------------------------------------------------------------------------------

/// Inclusive range of days, e.g. the seed's campaign 15/4/2022-30/5/2022 (46 days).
class date_window {
public:
    date_window(date first, date last) : first_(first), last_(last) {
        if (first.is_special() || last.is_special())
            throw validation_error("window", "first and last day must be real dates");
        if (last < first)
            throw validation_error("window " + format_date_vi(first) + " to " +
                                       format_date_vi(last),
                                   "last day " + format_date_vi(last) + " is before first day " +
                                       format_date_vi(first));
    }

    date first() const { return first_; }
    date last() const { return last_; }

    /// Counted inclusively: 15/4/2022-30/5/2022 is 46 days.
    int days() const { return static_cast<int>((last_ - first_).days()) + 1; }

    bool contains(date d) const { return !d.is_special() && first_ <= d && d <= last_; }

    /// 0 for the first day.
    int day_index(date d) const {
        if (!contains(d))
            throw validation_error(
                "date " + (d.is_special() ? std::string("(not a date)") : format_date_vi(d)),
                "outside the window " + describe());
        return static_cast<int>((d - first_).days());
    }

    date at(int day_index) const {
        if (day_index < 0 || day_index >= days())
            throw validation_error("day index " + std::to_string(day_index),
                                   "outside the window " + describe() + " (0.." +
                                       std::to_string(days() - 1) + ")");
        return first_ + boost::gregorian::days(day_index);
    }

    /// "15/4/2022 to 30/5/2022", as used in error messages.
    std::string describe() const { return format_date_vi(first_) + " to " + format_date_vi(last_); }

    friend bool operator==(const date_window& a, const date_window& b) {
        return a.first_ == b.first_ && a.last_ == b.last_;
    }
    friend bool operator!=(const date_window& a, const date_window& b) { return !(a == b); }

private:
    date first_;
    date last_;
};

// ---------------------------------------------------------------------------------------------
// Reporting schedule
// ---------------------------------------------------------------------------------------------

enum class schedule_kind { daily, weekly };

constexpr auto enum_names(schedule_kind) {
    return std::array{std::pair{schedule_kind::daily, std::string_view("daily")},
                      std::pair{schedule_kind::weekly, std::string_view("weekly")}};
}

/// The days one report covers. Periods of a schedule tile the window: no gap, no overlap.
struct report_period {
    date first;
    date last;
    date report_date;

    int days() const { return static_cast<int>((last - first).days()) + 1; }

    friend bool operator==(const report_period& a, const report_period& b) {
        return a.first == b.first && a.last == b.last && a.report_date == b.report_date;
    }
    friend bool operator!=(const report_period& a, const report_period& b) { return !(a == b); }
};

/// When villages report. Period convention (docs/calendar.md):
/// - a report covers the days after the previous report date up to and including its own
///   report date;
/// - the first report covers from the window's first day (in the seed, Friday 15/4/2022 is
///   both the first day and the first report date, so that period is the single day 15/4);
/// - days after the last report date form a closing period reported on the window's last day
///   (the final review; in the seed 28/5-30/5, reported 30/5).
/// So every day of the window belongs to exactly one period.
struct reporting_schedule {
    schedule_kind kind = schedule_kind::weekly;
    weekday report_day = weekday::friday; // only for weekly; the seed's "every Friday"
    int deadline_days = 0;                // the report is due on report date + deadline_days

    static reporting_schedule daily(int deadline_days = 0) {
        return {schedule_kind::daily, weekday::monday, deadline_days};
    }
    static reporting_schedule weekly(weekday day, int deadline_days = 0) {
        return {schedule_kind::weekly, day, deadline_days};
    }

    /// Scheduled report days inside the window (not the closing review day, unless it is one).
    std::vector<date> report_dates(const date_window& window) const {
        std::vector<date> out;
        if (kind == schedule_kind::daily) {
            out.reserve(static_cast<std::size_t>(window.days()));
            for (date d = window.first(); d <= window.last(); d += boost::gregorian::days(1))
                out.push_back(d);
            return out;
        }
        for (date d = window.first() +
                      boost::gregorian::days(days_until(weekday_of(window.first()), report_day));
             d <= window.last(); d += boost::gregorian::weeks(1))
            out.push_back(d);
        return out;
    }

    std::vector<report_period> periods(const date_window& window) const {
        std::vector<report_period> out;
        date next_first = window.first();
        for (date r : report_dates(window)) {
            out.push_back({next_first, r, r});
            next_first = r + boost::gregorian::days(1);
        }
        if (next_first <= window.last())
            out.push_back({next_first, window.last(), window.last()});
        return out;
    }

    /// The period containing `as_of`; computed directly, without listing all periods.
    report_period period_for(const date_window& window, date as_of) const {
        window.day_index(as_of); // throws when outside, naming the date and the window
        if (kind == schedule_kind::daily)
            return {as_of, as_of, as_of};
        date natural_report =
            as_of + boost::gregorian::days(days_until(weekday_of(as_of), report_day));
        date first = natural_report - boost::gregorian::days(6);
        if (first < window.first())
            first = window.first();
        if (natural_report > window.last())
            return {first, window.last(), window.last()};
        return {first, natural_report, natural_report};
    }

    date due_date(date report_date) const {
        if (deadline_days < 0)
            throw validation_error("deadline_days " + std::to_string(deadline_days),
                                   "must be 0 or more days after the report date");
        return report_date + boost::gregorian::days(deadline_days);
    }
};

} // namespace ntmkit
