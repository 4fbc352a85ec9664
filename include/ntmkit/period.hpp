// DHIS2 weekly period ids (2022W15, 2022SatW15, ...), so weekly village reports can be
// exchanged with DHIS2 instances.
//
// DHIS2's rule (dhis2-core WeeklyAbstractPeriodType.getIsoDate and DateUnitPeriodTypeParser,
// both java.time WeekFields.of(startDay, 4)): a week starts on the type's start day and belongs
// to the year holding at least 4 of its days, i.e. the year of its 4th day; week 1 is the week
// containing 4 January. For Monday starts this is exactly ISO 8601 week numbering.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/error.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ntmkit {

/// Inclusive days of one DHIS2 week.
struct week_span {
    date first;
    date last;

    friend bool operator==(const week_span& a, const week_span& b) {
        return a.first == b.first && a.last == b.last;
    }
    friend bool operator!=(const week_span& a, const week_span& b) { return !(a == b); }
};

namespace detail {

struct dhis2_weekly_type {
    weekday start;
    std::string_view prefix; // between year and week number in the id
    std::string_view name;   // DHIS2 periodType name
};

// One weekly type per start day. W, WedW, ThuW, SatW and SunW are in DHIS2's documented period
// format table; FriW is dhis2-core's WeeklyFriday, and TueW/FriW are the ids DHIS2's
// multi-calendar-dates library builds for WEEKLYTUE/WEEKLYFRI (docs/calendar.md).
inline constexpr std::array<dhis2_weekly_type, 7> dhis2_weekly_types{{
    {weekday::monday, "W", "Weekly"},
    {weekday::tuesday, "TueW", "WeeklyTuesday"},
    {weekday::wednesday, "WedW", "WeeklyWednesday"},
    {weekday::thursday, "ThuW", "WeeklyThursday"},
    {weekday::friday, "FriW", "WeeklyFriday"},
    {weekday::saturday, "SatW", "WeeklySaturday"},
    {weekday::sunday, "SunW", "WeeklySunday"},
}};

inline const dhis2_weekly_type& dhis2_weekly_type_of(weekday start) {
    return dhis2_weekly_types[static_cast<std::size_t>(iso_index(start))];
}

/// The start-day of the week containing `d`.
inline date week_start(date d, weekday start) {
    return d - boost::gregorian::days(days_until(start, weekday_of(d)));
}

/// First day of week 1 of `year`: the week containing 4 January.
inline date first_week_start(int year, weekday start) {
    return week_start(date(static_cast<unsigned short>(year), 1, 4), start);
}

/// Week-based year and 1-based week number of the week starting on `start` that holds `day`.
inline std::pair<int, int> week_of(date day, weekday start) {
    date first = week_start(day, start);
    int year = (first + boost::gregorian::days(3)).year();
    int week = static_cast<int>((first - first_week_start(year, start)).days()) / 7 + 1;
    return {year, week};
}

} // namespace detail

/// True for every start day since DHIS2 has TueW and FriW too; kept for callers that asked
/// before (Tuesday and Friday were refused until issue 14).
inline bool has_dhis2_weekly_type(weekday /*start*/) {
    return true;
}

/// "Weekly", "WeeklyTuesday", "WeeklyWednesday", "WeeklyThursday", "WeeklyFriday",
/// "WeeklySaturday", "WeeklySunday".
inline std::string_view dhis2_weekly_period_type(weekday start) {
    return detail::dhis2_weekly_type_of(start).name;
}

/// 52 or 53: how many weeks starting on `start` the week-based `year` has.
inline int dhis2_weeks_in_year(int year, weekday start) {
    return static_cast<int>(
               (detail::first_week_start(year + 1, start) - detail::first_week_start(year, start))
                   .days()) /
           7;
}

/// Id of the DHIS2 week starting on `start` that contains `day`: 2022W15, 2022SatW15, ...
/// The year is the week's, not the day's: 2021-01-03 is in 2020W53.
inline std::string dhis2_week_id(date day, weekday start) {
    const auto [year, week] = detail::week_of(day, start);
    return std::to_string(year) + std::string(detail::dhis2_weekly_type_of(start).prefix) +
           std::to_string(week);
}

// ---------------------------------------------------------------------------------------------
// Period types: daily, the seven weekly ones, bi-weekly
// ---------------------------------------------------------------------------------------------

/// The DHIS2 period types ntmkit reads and writes; names as DHIS2's periodType.
enum class dhis2_period_type {
    daily,
    weekly, // Monday start (ISO 8601)
    weekly_tuesday,
    weekly_wednesday,
    weekly_thursday,
    weekly_friday,
    weekly_saturday,
    weekly_sunday,
    bi_weekly, // two ISO weeks: BiW n is ISO weeks 2n-1 and 2n
};

constexpr auto enum_names(dhis2_period_type) {
    using T = dhis2_period_type;
    using P = std::pair<T, std::string_view>;
    return std::array{P{T::daily, "Daily"},
                      P{T::weekly, "Weekly"},
                      P{T::weekly_tuesday, "WeeklyTuesday"},
                      P{T::weekly_wednesday, "WeeklyWednesday"},
                      P{T::weekly_thursday, "WeeklyThursday"},
                      P{T::weekly_friday, "WeeklyFriday"},
                      P{T::weekly_saturday, "WeeklySaturday"},
                      P{T::weekly_sunday, "WeeklySunday"},
                      P{T::bi_weekly, "BiWeekly"}};
}

/// The weekly type whose weeks start on `start`.
constexpr dhis2_period_type dhis2_weekly(weekday start) {
    return static_cast<dhis2_period_type>(static_cast<int>(dhis2_period_type::weekly) +
                                          iso_index(start));
}

constexpr bool is_weekly(dhis2_period_type type) {
    return type != dhis2_period_type::daily && type != dhis2_period_type::bi_weekly;
}

/// Start day of a weekly type's weeks (Monday for BiWeekly, whose bi-weeks start on Monday).
constexpr weekday dhis2_type_start(dhis2_period_type type) {
    return is_weekly(type) ? weekday_from_iso_index(static_cast<int>(type) -
                                                    static_cast<int>(dhis2_period_type::weekly))
                           : weekday::monday;
}

/// One DHIS2 period: its id, type and inclusive days.
struct dhis2_period {
    std::string id;
    dhis2_period_type type = dhis2_period_type::daily;
    date first;
    date last;

    bool contains(date d) const { return first <= d && d <= last; }
};

/// 26 or 27: bi-weeks of `year`, one per two ISO weeks. In a 53-week year, BiW27 starts on the
/// Monday of week 53 and, as DHIS2 parses it, runs 14 days into the next year; ntmkit gives only
/// week 53's days that id (the next year's week 1 is BiW1 of that year).
inline int dhis2_biweeks_in_year(int year) {
    return (dhis2_weeks_in_year(year, weekday::monday) + 1) / 2;
}

/// The DHIS2 period of `type` that contains `day`: 20220415, 2022W15, 2022SatW15, 2022BiW8.
inline dhis2_period dhis2_period_containing(date day, dhis2_period_type type) {
    if (type == dhis2_period_type::daily) {
        std::string iso = format_date_iso(day);
        return {iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2), type, day, day};
    }
    const weekday start = dhis2_type_start(type);
    const auto [year, week] = detail::week_of(day, start);
    if (type == dhis2_period_type::bi_weekly) {
        const int n = (week + 1) / 2;
        date first = detail::first_week_start(year, start) + boost::gregorian::weeks(2 * n - 2);
        return {std::to_string(year) + "BiW" + std::to_string(n), type, first,
                first + boost::gregorian::days(13)};
    }
    date first = detail::week_start(day, start);
    return {std::to_string(year) + std::string(detail::dhis2_weekly_type_of(start).prefix) +
                std::to_string(week),
            type, first, first + boost::gregorian::days(6)};
}

namespace detail {

inline bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// Reads a weekly (or, when allowed, bi-weekly) id; `label` starts the error's location.
inline dhis2_period parse_dhis2_week_like(std::string_view id, std::string_view label,
                                          bool allow_biweekly) {
    const std::string where = std::string(label) + " \"" + std::string(id) + "\"";
    const std::string expected =
        std::string("expected yyyyWn, yyyyTueWn, yyyyWedWn, yyyyThuWn, yyyyFriWn, yyyySatWn or "
                    "yyyySunWn") +
        (allow_biweekly ? ", yyyyBiWn" : "") +
        " with a week number of 1 or 2 digits, e.g. 2022W15, 2022SatW15";
    if (id.size() < 6 || !all_digits(id.substr(0, 4)))
        throw parse_error(where, expected);
    const int year = std::stoi(std::string(id.substr(0, 4)));
    std::string_view rest = id.substr(4);
    std::optional<dhis2_period_type> type;
    std::size_t prefix = 0;
    for (const auto& t : dhis2_weekly_types)
        if (rest.substr(0, t.prefix.size()) == t.prefix && t.prefix.size() > prefix) {
            type = dhis2_weekly(t.start);
            prefix = t.prefix.size();
        }
    if (allow_biweekly && rest.substr(0, 3) == "BiW") {
        type = dhis2_period_type::bi_weekly;
        prefix = 3;
    }
    std::string_view digits = rest.substr(std::min(prefix, rest.size()));
    if (!type || digits.size() > 2 || !all_digits(digits))
        throw parse_error(where, expected);
    const int number = std::stoi(std::string(digits));
    // Keeps the neighbouring years' 4 January inside boost's 1400..9999.
    if (year < 1401 || year > 9998)
        throw parse_error(where, "year " + std::to_string(year) + " is out of range 1401..9998");
    const weekday start = dhis2_type_start(*type);
    const bool bi = *type == dhis2_period_type::bi_weekly;
    const int count = bi ? dhis2_biweeks_in_year(year) : dhis2_weeks_in_year(year, start);
    if (number < 1 || number > count)
        throw parse_error(where,
                          std::to_string(year) + " has " + (bi ? "bi-weeks" : "weeks") + " 1.." +
                              std::to_string(count) +
                              (bi ? std::string() : " for weeks starting on " + to_string(start)) +
                              ", got " + (bi ? "bi-week " : "week ") + std::to_string(number));
    const date first =
        first_week_start(year, start) + boost::gregorian::weeks(bi ? 2 * number - 2 : number - 1);
    return {std::string(id), *type, first, first + boost::gregorian::days(bi ? 13 : 6)};
}

} // namespace detail

/// Days of a DHIS2 weekly id (the seven weekly types); parse_error quoting the id when it is not
/// one of them or names a week the year does not have (2021W53).
inline week_span parse_dhis2_week_id(std::string_view id) {
    const auto p = detail::parse_dhis2_week_like(id, "DHIS2 week", false);
    return {p.first, p.last};
}

/// Any id ntmkit writes: yyyyMMdd (Daily), the weekly ids and yyyyBiWn. parse_error quoting the
/// id otherwise.
inline dhis2_period parse_dhis2_period_id(std::string_view id) {
    if (id.size() == 8 && detail::all_digits(id)) {
        const std::string s(id);
        const date day =
            detail::make_checked_date(std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)),
                                      std::stoi(s.substr(6, 2)), "DHIS2 period \"" + s + "\"");
        return {s, dhis2_period_type::daily, day, day};
    }
    return detail::parse_dhis2_week_like(id, "DHIS2 period", true);
}

// ---------------------------------------------------------------------------------------------
// Schedules and DHIS2 periods
// ---------------------------------------------------------------------------------------------

/// DHIS2 weeks matching a weekly schedule. A report on day W covers the week ending on W, so
/// its DHIS2 type is the one whose weeks start the day after: Friday reports -> SatW,
/// Saturday -> SunW, Sunday -> W (ISO), Monday -> TueW, Tuesday -> WedW, Wednesday -> ThuW,
/// Thursday -> FriW. validation_error for a daily schedule.
inline weekday dhis2_week_start(const reporting_schedule& schedule) {
    if (schedule.kind != schedule_kind::weekly)
        throw validation_error("schedule " + to_string(schedule.kind),
                               "only weekly schedules map to DHIS2 weekly period types");
    return next_weekday(schedule.report_day);
}

/// The schedule's own DHIS2 type: Daily for daily schedules, else the weekly type of
/// dhis2_week_start.
inline dhis2_period_type dhis2_period_type_of(const reporting_schedule& schedule) {
    return schedule.kind == schedule_kind::daily ? dhis2_period_type::daily
                                                 : dhis2_weekly(dhis2_week_start(schedule));
}

/// The DHIS2 period of `type` holding the whole report period; validation_error when the report
/// period spans two of them (a weekly period in a Daily type, a Friday week in ISO weeks).
inline dhis2_period dhis2_period_of(const report_period& period, dhis2_period_type type) {
    auto p = dhis2_period_containing(period.last, type);
    if (!p.contains(period.first))
        throw validation_error("report period " + format_date_vi(period.first) + " to " +
                                   format_date_vi(period.last),
                               "spans more than one DHIS2 period of type " + to_string(type));
    return p;
}

/// DHIS2 period id of one report period: the DHIS2 week containing it (weekly schedules) or
/// the day as yyyyMMdd (daily schedules, DHIS2 "Daily"). The seed's first period (15/4/2022
/// alone) is 2022SatW15 and its closing period 28/5-30/5/2022 is 2022SatW22: partial weeks
/// at the window's edges still fall inside one DHIS2 week.
inline std::string dhis2_period_id(const reporting_schedule& schedule,
                                   const report_period& period) {
    return dhis2_period_of(period, dhis2_period_type_of(schedule)).id;
}

// ---------------------------------------------------------------------------------------------
// Naming report periods
// ---------------------------------------------------------------------------------------------

/// Unambiguous, language-free name of a report period: the ISO 8601 interval of its days,
/// "2022-04-16/2022-04-22" ("2022-04-15" for a single day). Unlike "week 16" or "kỳ 2" it
/// needs no schedule, no start weekday and no window to be understood, and it sorts by date.
inline std::string period_key(const report_period& period) {
    if (period.first == period.last)
        return format_date_iso(period.first);
    return format_date_iso(period.first) + "/" + format_date_iso(period.last);
}

/// 1-based number of `period` among the schedule's periods of `window`, 0 if it is not one.
inline int period_number(const reporting_schedule& schedule, const date_window& window,
                         const report_period& period) {
    auto periods = schedule.periods(window);
    for (std::size_t k = 0; k < periods.size(); ++k)
        if (periods[k] == period)
            return static_cast<int>(k) + 1;
    return 0;
}

/// What people call the period: "kỳ 2/8 (16/4/2022–22/4/2022)", "period 2/8 (...)". Both ends
/// carry the year so that a period across new year reads right.
inline std::string period_label(const reporting_schedule& schedule, const date_window& window,
                                const report_period& period, std::string_view language = "vi") {
    std::string days = period.first == period.last
                           ? format_date_vi(period.first)
                           : format_date_vi(period.first) + "–" + format_date_vi(period.last);
    int n = period_number(schedule, window, period);
    std::string count = std::to_string(schedule.periods(window).size());
    std::string word = language == "en" ? "period " : "kỳ ";
    return n > 0 ? word + std::to_string(n) + "/" + count + " (" + days + ")" : days;
}

/// The report period of the campaign that a DHIS2 period id names: the inverse of
/// dhis2_period_id. Ids must be of the schedule's DHIS2 type (2022SatW16 for Friday reports,
/// yyyyMMdd for daily schedules). parse_error for text that is not such an id, validation_error
/// for an id of another type or a period with no day in the window.
inline report_period report_period_from_dhis2_id(const reporting_schedule& schedule,
                                                 const date_window& window, std::string_view id) {
    const std::string where = "DHIS2 period \"" + std::string(id) + "\"";
    const dhis2_period_type type = dhis2_period_type_of(schedule);
    const dhis2_period p = parse_dhis2_period_id(id);
    if (p.type != type)
        throw validation_error(where, "the schedule's DHIS2 periods are " + to_string(type) + " (" +
                                          dhis2_period_containing(window.first(), type).id +
                                          ", ...), not " + to_string(p.type));
    // The week's last day may fall after the window (the closing period) or its first day
    // before it (the first period): any day of the week inside the window finds the period.
    date probe = std::max(p.first, window.first());
    if (probe > p.last || !window.contains(probe))
        throw validation_error(where, "no day of " + format_date_vi(p.first) +
                                          (p.first == p.last ? "" : "–" + format_date_vi(p.last)) +
                                          " is in the campaign " + window.describe());
    return schedule.period_for(window, probe);
}

} // namespace ntmkit
