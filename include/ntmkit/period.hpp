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
#include <optional>
#include <string>
#include <string_view>

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

// The weekly types of DHIS2 releases up to 2.41 (dhis2-core PeriodTypeEnum). Recent
// dhis2-core sources also carry WeeklyFriday ("FriW"); it is left out until a released
// version with it is confirmed.
inline constexpr std::array<dhis2_weekly_type, 5> dhis2_weekly_types{{
    {weekday::monday, "W", "Weekly"},
    {weekday::wednesday, "WedW", "WeeklyWednesday"},
    {weekday::thursday, "ThuW", "WeeklyThursday"},
    {weekday::saturday, "SatW", "WeeklySaturday"},
    {weekday::sunday, "SunW", "WeeklySunday"},
}};

inline const dhis2_weekly_type* find_dhis2_weekly_type(weekday start) {
    for (const auto& t : dhis2_weekly_types)
        if (t.start == start)
            return &t;
    return nullptr;
}

inline const dhis2_weekly_type& require_dhis2_weekly_type(weekday start) {
    if (const auto* t = find_dhis2_weekly_type(start))
        return *t;
    throw validation_error("weeks starting on " + to_string(start),
                           "DHIS2 has no weekly period type for them; it has weeks starting on "
                           "monday (W), wednesday (WedW), thursday (ThuW), saturday (SatW) and "
                           "sunday (SunW)");
}

/// The start-day of the week containing `d`.
inline date week_start(date d, weekday start) {
    return d - boost::gregorian::days(days_until(start, weekday_of(d)));
}

/// First day of week 1 of `year`: the week containing 4 January.
inline date first_week_start(int year, weekday start) {
    return week_start(date(static_cast<unsigned short>(year), 1, 4), start);
}

} // namespace detail

/// True for the start days DHIS2 has a weekly period type for (Mon, Wed, Thu, Sat, Sun).
inline bool has_dhis2_weekly_type(weekday start) {
    return detail::find_dhis2_weekly_type(start) != nullptr;
}

/// "Weekly", "WeeklyWednesday", "WeeklyThursday", "WeeklySaturday", "WeeklySunday";
/// validation_error for Tuesday and Friday.
inline std::string_view dhis2_weekly_period_type(weekday start) {
    return detail::require_dhis2_weekly_type(start).name;
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
    const auto& type = detail::require_dhis2_weekly_type(start);
    date first = detail::week_start(day, start);
    int year = (first + boost::gregorian::days(3)).year();
    int week = static_cast<int>((first - detail::first_week_start(year, start)).days()) / 7 + 1;
    return std::to_string(year) + std::string(type.prefix) + std::to_string(week);
}

/// Days of a DHIS2 weekly id; parse_error quoting the id when it is not one of the five weekly
/// formats or names a week the year does not have (2021W53).
inline week_span parse_dhis2_week_id(std::string_view id) {
    const std::string where = "DHIS2 week \"" + std::string(id) + "\"";
    const std::string expected = "expected yyyyWn, yyyyWedWn, yyyyThuWn, yyyySatWn or yyyySunWn "
                                 "with a week number of 1 or 2 digits, e.g. 2022W15, 2022SatW15";
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    if (id.size() < 6 || !is_digit(id[0]) || !is_digit(id[1]) || !is_digit(id[2]) ||
        !is_digit(id[3]))
        throw parse_error(where, expected);
    int year = (id[0] - '0') * 1000 + (id[1] - '0') * 100 + (id[2] - '0') * 10 + (id[3] - '0');
    std::string_view rest = id.substr(4);
    const detail::dhis2_weekly_type* type = nullptr;
    for (const auto& t : detail::dhis2_weekly_types)
        if (rest.substr(0, t.prefix.size()) == t.prefix &&
            (type == nullptr || t.prefix.size() > type->prefix.size()))
            type = &t;
    if (type == nullptr)
        throw parse_error(where, expected);
    std::string_view digits = rest.substr(type->prefix.size());
    if (digits.empty() || digits.size() > 2 || !is_digit(digits[0]) ||
        (digits.size() == 2 && !is_digit(digits[1])))
        throw parse_error(where, expected);
    int week = digits.size() == 1 ? digits[0] - '0' : (digits[0] - '0') * 10 + (digits[1] - '0');
    // Keeps the neighbouring years' 4 January inside boost's 1400..9999.
    if (year < 1401 || year > 9998)
        throw parse_error(where, "year " + std::to_string(year) + " is out of range 1401..9998");
    int weeks = dhis2_weeks_in_year(year, type->start);
    if (week < 1 || week > weeks)
        throw parse_error(where, std::to_string(year) + " has weeks 1.." + std::to_string(weeks) +
                                     " for weeks starting on " + to_string(type->start) +
                                     ", got week " + std::to_string(week));
    date first = detail::first_week_start(year, type->start) + boost::gregorian::weeks(week - 1);
    return {first, first + boost::gregorian::days(6)};
}

/// DHIS2 weeks matching a weekly schedule. A report on day W covers the week ending on W, so
/// its DHIS2 type is the one whose weeks start the day after: Friday reports -> SatW,
/// Saturday -> SunW, Sunday -> W (ISO), Tuesday -> WedW, Wednesday -> ThuW. Monday and Thursday
/// reports have no type (DHIS2 has no Tuesday- or Friday-start weeks): validation_error, as for
/// a daily schedule.
inline weekday dhis2_week_start(const reporting_schedule& schedule) {
    if (schedule.kind != schedule_kind::weekly)
        throw validation_error("schedule " + to_string(schedule.kind),
                               "only weekly schedules map to DHIS2 weekly period types");
    weekday start = next_weekday(schedule.report_day);
    if (!has_dhis2_weekly_type(start))
        throw validation_error("weekly schedule on " + to_string(schedule.report_day),
                               "its weeks would start on " + to_string(start) +
                                   ", and DHIS2 has no weekly period type starting then");
    return start;
}

/// DHIS2 period id of one report period: the DHIS2 week containing it (weekly schedules) or
/// the day as yyyyMMdd (daily schedules, DHIS2 "Daily"). The seed's first period (15/4/2022
/// alone) is 2022SatW15 and its closing period 28/5-30/5/2022 is 2022SatW22: partial weeks
/// at the window's edges still fall inside one DHIS2 week.
inline std::string dhis2_period_id(const reporting_schedule& schedule,
                                   const report_period& period) {
    if (schedule.kind == schedule_kind::daily) {
        std::string iso = format_date_iso(period.report_date);
        return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
    }
    weekday start = dhis2_week_start(schedule);
    std::string id = dhis2_week_id(period.last, start);
    if (detail::week_start(period.first, start) != detail::week_start(period.last, start))
        throw validation_error("report period " + format_date_vi(period.first) + " to " +
                                   format_date_vi(period.last),
                               "spans more than one DHIS2 week");
    return id;
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
/// dhis2_period_id. Weekly ids must be of the schedule's DHIS2 type (2022SatW16 for Friday
/// reports) and daily schedules take yyyyMMdd. parse_error for text that is not such an id,
/// validation_error for an id of another type or a week with no day in the window.
inline report_period report_period_from_dhis2_id(const reporting_schedule& schedule,
                                                 const date_window& window, std::string_view id) {
    const std::string where = "DHIS2 period \"" + std::string(id) + "\"";
    date day;
    if (schedule.kind == schedule_kind::daily) {
        bool digits = id.size() == 8;
        for (char ch : id)
            digits = digits && ch >= '0' && ch <= '9';
        if (!digits)
            throw parse_error(where, "expected a DHIS2 daily id yyyyMMdd, e.g. 20220501");
        const std::string s(id);
        day = detail::make_checked_date(std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)),
                                        std::stoi(s.substr(6, 2)), where);
        if (!window.contains(day))
            throw validation_error(where, "outside the campaign " + window.describe());
        return schedule.period_for(window, day);
    }
    const week_span week = parse_dhis2_week_id(id);
    const weekday start = dhis2_week_start(schedule);
    if (weekday_of(week.first) != start)
        throw validation_error(where, "the schedule reports on " + to_string(schedule.report_day) +
                                          ", so its DHIS2 weeks are " +
                                          std::string(dhis2_weekly_period_type(start)) + " (" +
                                          dhis2_week_id(window.first(), start) + ", ...)");
    // The week's last day may fall after the window (the closing period) or its first day
    // before it (the first period): any day of the week inside the window finds the period.
    date probe = std::max(week.first, window.first());
    if (probe > week.last || !window.contains(probe))
        throw validation_error(where, "no day of the week " + format_date_vi(week.first) + "–" +
                                          format_date_vi(week.last) + " is in the campaign " +
                                          window.describe());
    return schedule.period_for(window, probe);
}

} // namespace ntmkit
