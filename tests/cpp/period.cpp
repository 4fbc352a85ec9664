#include <ntmkit/period.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "test_dates.hpp"

namespace {

using ntmkit::date;
using ntmkit::weekday;

using test_dates::ymd;

ntmkit::week_span span(date first, date last) {
    return {first, last};
}

} // namespace

TEST_CASE("ISO weeks (DHIS2 Weekly) are numbered across a year end as ISO 8601 does") {
    // 4/1/2021 is a Monday, so 2021W1 starts then; the week before, 28/12/2020-3/1/2021, has
    // its Thursday (31/12) in 2020, so it is 2020W53. 2020 has 53 weeks: 1/1/2020 is a
    // Wednesday in 2020W1 (30/12/2019-5/1/2020) and 2020 is a leap year.
    CHECK(ntmkit::dhis2_week_id(ymd(2020, 12, 31), weekday::monday) == "2020W53");
    CHECK(ntmkit::dhis2_week_id(ymd(2021, 1, 3), weekday::monday) == "2020W53");
    CHECK(ntmkit::dhis2_week_id(ymd(2021, 1, 4), weekday::monday) == "2021W1");
    CHECK(ntmkit::dhis2_week_id(ymd(2019, 12, 30), weekday::monday) == "2020W1");
    CHECK(ntmkit::parse_dhis2_week_id("2020W53") == span(ymd(2020, 12, 28), ymd(2021, 1, 3)));
    CHECK(ntmkit::parse_dhis2_week_id("2021W1") == span(ymd(2021, 1, 4), ymd(2021, 1, 10)));
    CHECK(ntmkit::parse_dhis2_week_id("2020W1") == span(ymd(2019, 12, 30), ymd(2020, 1, 5)));
}

TEST_CASE("the seed's first report day 15/4/2022 in every DHIS2 weekly type") {
    // Week 1 starts on the start-day on or before 4/1/2022 (a Tuesday):
    //   Monday 3/1/2022: 11/4 is 98 days later -> week 15 (11/4-17/4).
    //   Wednesday 29/12/2021: 13/4 is 3 + 102 = 105 days later -> week 16 (13/4-19/4).
    //   Thursday 30/12/2021: 14/4 is 2 + 103 = 105 days later -> week 16 (14/4-20/4).
    //   Saturday 1/1/2022: 9/4 is 98 days later -> week 15 (9/4-15/4).
    //   Sunday 2/1/2022: 10/4 is 98 days later -> week 15 (10/4-16/4).
    const date day = ymd(2022, 4, 15);
    SUBCASE("Weekly") {
        CHECK(ntmkit::dhis2_week_id(day, weekday::monday) == "2022W15");
        CHECK(ntmkit::parse_dhis2_week_id("2022W15") == span(ymd(2022, 4, 11), ymd(2022, 4, 17)));
    }
    SUBCASE("WeeklyWednesday") {
        CHECK(ntmkit::dhis2_week_id(day, weekday::wednesday) == "2022WedW16");
        CHECK(ntmkit::parse_dhis2_week_id("2022WedW16") ==
              span(ymd(2022, 4, 13), ymd(2022, 4, 19)));
    }
    SUBCASE("WeeklyThursday") {
        CHECK(ntmkit::dhis2_week_id(day, weekday::thursday) == "2022ThuW16");
        CHECK(ntmkit::parse_dhis2_week_id("2022ThuW16") ==
              span(ymd(2022, 4, 14), ymd(2022, 4, 20)));
    }
    SUBCASE("WeeklySaturday") {
        CHECK(ntmkit::dhis2_week_id(day, weekday::saturday) == "2022SatW15");
        CHECK(ntmkit::parse_dhis2_week_id("2022SatW15") == span(ymd(2022, 4, 9), ymd(2022, 4, 15)));
    }
    SUBCASE("WeeklySunday") {
        CHECK(ntmkit::dhis2_week_id(day, weekday::sunday) == "2022SunW15");
        CHECK(ntmkit::parse_dhis2_week_id("2022SunW15") ==
              span(ymd(2022, 4, 10), ymd(2022, 4, 16)));
    }
}

TEST_CASE("Saturday weeks belong to the year holding their Tuesday, across year ends") {
    // A Saturday week's 4th day is its Tuesday; the week belongs to that day's year.
    // 2019: 4/1/2019 is a Friday, the Saturday before is 29/12/2018, so 2019SatW1 is
    //   29/12/2018-4/1/2019 and 31/12/2018 is already in 2019's week 1.
    // 2020: 4/1/2020 is a Saturday, so 2020SatW1 is 4/1/2020-10/1/2020; 2019 therefore has
    //   (4/1/2020 - 29/12/2018) / 7 = 371 / 7 = 53 weeks, the last 28/12/2019-3/1/2020, which
    //   holds 1/1/2020.
    // 2023: 4/1/2023 is a Wednesday, the Saturday before is 31/12/2022: 2023SatW1 is
    //   31/12/2022-6/1/2023, and 2022 (week 1 from 1/1/2022) has 364 / 7 = 52 weeks.
    CHECK(ntmkit::dhis2_week_id(ymd(2018, 12, 31), weekday::saturday) == "2019SatW1");
    CHECK(ntmkit::dhis2_week_id(ymd(2018, 12, 28), weekday::saturday) == "2018SatW52");
    CHECK(ntmkit::dhis2_week_id(ymd(2020, 1, 1), weekday::saturday) == "2019SatW53");
    CHECK(ntmkit::dhis2_week_id(ymd(2020, 1, 4), weekday::saturday) == "2020SatW1");
    CHECK(ntmkit::dhis2_week_id(ymd(2022, 12, 30), weekday::saturday) == "2022SatW52");
    CHECK(ntmkit::dhis2_week_id(ymd(2022, 12, 31), weekday::saturday) == "2023SatW1");
    CHECK(ntmkit::parse_dhis2_week_id("2019SatW1") == span(ymd(2018, 12, 29), ymd(2019, 1, 4)));
    CHECK(ntmkit::parse_dhis2_week_id("2019SatW53") == span(ymd(2019, 12, 28), ymd(2020, 1, 3)));
    CHECK(ntmkit::parse_dhis2_week_id("2023SatW1") == span(ymd(2022, 12, 31), ymd(2023, 1, 6)));
    CHECK(ntmkit::dhis2_weeks_in_year(2019, weekday::saturday) == 53);
    CHECK(ntmkit::dhis2_weeks_in_year(2022, weekday::saturday) == 52);
}

TEST_CASE("years have 52 or 53 weeks depending on the start day") {
    // ISO: 53 weeks when 1 January is a Thursday (2015, 2026) or a leap year starts on a
    // Wednesday (2020).
    CHECK(ntmkit::dhis2_weeks_in_year(2015, weekday::monday) == 53);
    CHECK(ntmkit::dhis2_weeks_in_year(2019, weekday::monday) == 52);
    CHECK(ntmkit::dhis2_weeks_in_year(2020, weekday::monday) == 53);
    CHECK(ntmkit::dhis2_weeks_in_year(2021, weekday::monday) == 52);
    CHECK(ntmkit::dhis2_weeks_in_year(2026, weekday::monday) == 53);
    // Sunday weeks: 53 when 1 January is a Wednesday (2025: 4/1 is a Saturday, week 1 from
    // Sunday 29/12/2024; 2026 week 1 from Sunday 4/1/2026; 371 days apart).
    CHECK(ntmkit::dhis2_weeks_in_year(2025, weekday::sunday) == 53);
}

TEST_CASE("every day maps to a DHIS2 week id that parses back to a week containing it") {
    for (auto start : {weekday::monday, weekday::tuesday, weekday::wednesday, weekday::thursday,
                       weekday::friday, weekday::saturday, weekday::sunday}) {
        CAPTURE(ntmkit::to_string(start));
        std::set<std::string> ids;
        for (date d = ymd(2014, 12, 1); d <= ymd(2031, 1, 31); d += boost::gregorian::days(1)) {
            const std::string id = ntmkit::dhis2_week_id(d, start);
            CAPTURE(id);
            const auto week = ntmkit::parse_dhis2_week_id(id);
            CHECK(week.first <= d);
            CHECK(d <= week.last);
            CHECK((week.last - week.first).days() == 6);
            CHECK(ntmkit::weekday_of(week.first) == start);
            if (ntmkit::weekday_of(d) == start)
                CHECK(ids.insert(id).second); // one id per week, never reused
        }
    }
}

TEST_CASE("parse_dhis2_week_id rejects week 53 in years that have 52, quoting the id") {
    CHECK_THROWS_WITH_AS(ntmkit::parse_dhis2_week_id("2021W53"),
                         doctest::Contains("DHIS2 week \"2021W53\": 2021 has weeks 1..52"),
                         ntmkit::parse_error);
    CHECK_THROWS_WITH_AS(ntmkit::parse_dhis2_week_id("2022SatW53"),
                         doctest::Contains("\"2022SatW53\""), ntmkit::parse_error);
    CHECK_THROWS_WITH_AS(ntmkit::parse_dhis2_week_id("2022W0"), doctest::Contains("got week 0"),
                         ntmkit::parse_error);
}

TEST_CASE("parse_dhis2_week_id rejects text that is not a weekly DHIS2 id") {
    for (const char* id : {"", "2022", "2022W", "22W15", "2022w15", "2022MonW15", "2022W150",
                           "2022SatW1x", " 2022W15", "2022W15 ", "2022BiW15", "202204"}) {
        CAPTURE(id);
        const std::string quoted = "DHIS2 week \"" + std::string(id) + "\"";
        CHECK_THROWS_WITH_AS(ntmkit::parse_dhis2_week_id(id), doctest::Contains(quoted.c_str()),
                             ntmkit::parse_error);
        CHECK_THROWS_WITH_AS(ntmkit::parse_dhis2_week_id(id), doctest::Contains("yyyySatWn"),
                             ntmkit::parse_error);
    }
}

TEST_CASE("DHIS2 has a weekly type for every start day, Tuesday and Friday included") {
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::monday) == "Weekly");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::tuesday) == "WeeklyTuesday");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::wednesday) == "WeeklyWednesday");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::thursday) == "WeeklyThursday");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::friday) == "WeeklyFriday");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::saturday) == "WeeklySaturday");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::sunday) == "WeeklySunday");
    CHECK(ntmkit::has_dhis2_weekly_type(weekday::tuesday));
    CHECK(ntmkit::has_dhis2_weekly_type(weekday::friday));
}

TEST_CASE("Tuesday and Friday weeks are numbered from the week holding 4 January") {
    // 2022: 4/1 is a Tuesday, so 2022TueW1 starts on it; 12/4/2022 is 98 days = 14 weeks later:
    // 2022TueW15 is 12/4-18/4. The Friday on or before 4/1/2022 is 31/12/2021 (its 4th day,
    // 3/1/2022, is in 2022): 2022FriW1 is 31/12/2021-6/1/2022 and Friday 15/4/2022 is 105 days
    // = 15 weeks later: 2022FriW16 is 15/4-21/4.
    CHECK(ntmkit::dhis2_week_id(ymd(2022, 4, 15), weekday::tuesday) == "2022TueW15");
    CHECK(ntmkit::parse_dhis2_week_id("2022TueW15") == span(ymd(2022, 4, 12), ymd(2022, 4, 18)));
    CHECK(ntmkit::dhis2_week_id(ymd(2022, 4, 15), weekday::friday) == "2022FriW16");
    CHECK(ntmkit::parse_dhis2_week_id("2022FriW16") == span(ymd(2022, 4, 15), ymd(2022, 4, 21)));
    CHECK(ntmkit::dhis2_week_id(ymd(2021, 12, 31), weekday::friday) == "2022FriW1");
    // 2020: 4/1 is a Saturday. Tuesday weeks start 31/12/2019 (2020TueW1 = 31/12/2019-6/1/2020);
    // Friday weeks start 3/1/2020, so Thursday 2/1/2020 is still in 2019's last Friday week:
    // 2019FriW1 starts on 4/1/2019 (a Friday) and 3/1/2020 is 364 days = 52 weeks later.
    CHECK(ntmkit::dhis2_week_id(ymd(2019, 12, 31), weekday::tuesday) == "2020TueW1");
    CHECK(ntmkit::parse_dhis2_week_id("2020TueW1") == span(ymd(2019, 12, 31), ymd(2020, 1, 6)));
    CHECK(ntmkit::dhis2_week_id(ymd(2020, 1, 2), weekday::friday) == "2019FriW52");
    CHECK(ntmkit::dhis2_week_id(ymd(2020, 1, 3), weekday::friday) == "2020FriW1");
    CHECK(ntmkit::dhis2_weeks_in_year(2019, weekday::friday) == 52);
    CHECK_THROWS_WITH_AS(ntmkit::parse_dhis2_week_id("2019FriW53"),
                         doctest::Contains("2019 has weeks 1..52"), ntmkit::parse_error);
}

TEST_CASE("Bi-weeks (BiW) pair ISO weeks 2n-1 and 2n, as DHIS2's period table says") {
    // DHIS2 documents 2015BiW1 as "weeks 1-2" of 2015: ISO 2015W1 starts Monday 29/12/2014.
    using T = ntmkit::dhis2_period_type;
    auto p = ntmkit::parse_dhis2_period_id("2015BiW1");
    CHECK(p.type == T::bi_weekly);
    CHECK(p.first == ymd(2014, 12, 29));
    CHECK(p.last == ymd(2015, 1, 11));
    // 15/4/2022 is in ISO week 15 (11/4-17/4): bi-week 8 is weeks 15-16, 11/4-24/4.
    p = ntmkit::dhis2_period_containing(ymd(2022, 4, 15), T::bi_weekly);
    CHECK(p.id == "2022BiW8");
    CHECK(p.first == ymd(2022, 4, 11));
    CHECK(p.last == ymd(2022, 4, 24));
    // 2020 has 53 ISO weeks, so 27 bi-weeks; BiW27 starts with week 53 on 28/12/2020 and is
    // 14 days long as DHIS2 reads it, but 4/1/2021 starts 2021BiW1. 2021 has 52 weeks: 26.
    CHECK(ntmkit::dhis2_biweeks_in_year(2020) == 27);
    CHECK(ntmkit::dhis2_biweeks_in_year(2021) == 26);
    CHECK(ntmkit::dhis2_period_containing(ymd(2020, 12, 31), T::bi_weekly).id == "2020BiW27");
    CHECK(ntmkit::dhis2_period_containing(ymd(2021, 1, 4), T::bi_weekly).id == "2021BiW1");
    CHECK(ntmkit::parse_dhis2_period_id("2020BiW27").last == ymd(2021, 1, 10));
    CHECK_THROWS_WITH_AS(ntmkit::parse_dhis2_period_id("2021BiW27"),
                         doctest::Contains("2021 has bi-weeks 1..26, got bi-week 27"),
                         ntmkit::parse_error);
}

TEST_CASE("parse_dhis2_period_id reads daily, weekly and bi-weekly ids and names their type") {
    using T = ntmkit::dhis2_period_type;
    CHECK(ntmkit::parse_dhis2_period_id("20220501").type == T::daily);
    CHECK(ntmkit::parse_dhis2_period_id("20220501").first == ymd(2022, 5, 1));
    CHECK(ntmkit::parse_dhis2_period_id("2022W15").type == T::weekly);
    CHECK(ntmkit::parse_dhis2_period_id("2022TueW15").type == T::weekly_tuesday);
    CHECK(ntmkit::parse_dhis2_period_id("2022FriW16").type == T::weekly_friday);
    CHECK(ntmkit::parse_dhis2_period_id("2022SunW15").type == T::weekly_sunday);
    CHECK(ntmkit::to_string(T::bi_weekly) == "BiWeekly");
    CHECK(ntmkit::to_string(T::weekly_tuesday) == "WeeklyTuesday");
    for (const char* id : {"2022BiW", "2022BiW1x", "202205", "2022-05-01", "20220230"}) {
        CAPTURE(id);
        CHECK_THROWS_AS(ntmkit::parse_dhis2_period_id(id), ntmkit::parse_error);
    }
}

TEST_CASE("the seed's Friday report periods are the DHIS2 weeks 2022SatW15 to 2022SatW22") {
    // 2022SatW1 starts on Saturday 1/1/2022; the first period (15/4 alone) lies in week 15
    // (9/4-15/4), the closing period 28/5-30/5 in week 22 (28/5-3/6).
    const ntmkit::date_window window{ymd(2022, 4, 15), ymd(2022, 5, 30)};
    const auto fridays = ntmkit::reporting_schedule::weekly(weekday::friday);
    const auto periods = fridays.periods(window);
    REQUIRE(periods.size() == 8);
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const std::string id = ntmkit::dhis2_period_id(fridays, periods[i]);
        CHECK(id == "2022SatW" + std::to_string(15 + i));
        const auto week = ntmkit::parse_dhis2_week_id(id);
        CHECK(week.first <= periods[i].first);
        CHECK(periods[i].last <= week.last);
    }
    CHECK(ntmkit::parse_dhis2_week_id("2022SatW22") == span(ymd(2022, 5, 28), ymd(2022, 6, 3)));
}

TEST_CASE("Monday and Thursday schedules of the seed's window get TueW and FriW ids") {
    // 15/4-30/5/2022. Mondays 18/4 ... 30/5: periods 15/4-18/4, 19/4-25/4, ..., 24/5-30/5 (7, no
    // closing period); 2022TueW15 is 12/4-18/4 and TueW21 starts 4/1 + 140 days = 24/5.
    // Thursdays 21/4 ... 26/5: 15/4-21/4, ..., 20/5-26/5, closing 27/5-30/5 (7); 2022FriW16 is
    // 15/4-21/4 and FriW22 (27/5-2/6) holds the closing period.
    const ntmkit::date_window window{ymd(2022, 4, 15), ymd(2022, 5, 30)};
    const auto mondays = ntmkit::reporting_schedule::weekly(weekday::monday);
    const auto thursdays = ntmkit::reporting_schedule::weekly(weekday::thursday);
    const auto monday_periods = mondays.periods(window);
    const auto thursday_periods = thursdays.periods(window);
    REQUIRE(monday_periods.size() == 7);
    REQUIRE(thursday_periods.size() == 7);
    for (std::size_t i = 0; i < 7; ++i) {
        CAPTURE(i);
        const std::string tue = "2022TueW" + std::to_string(15 + i);
        const std::string fri = "2022FriW" + std::to_string(16 + i);
        CHECK(ntmkit::dhis2_period_id(mondays, monday_periods[i]) == tue);
        CHECK(ntmkit::dhis2_period_id(thursdays, thursday_periods[i]) == fri);
        CHECK(ntmkit::report_period_from_dhis2_id(mondays, window, tue) == monday_periods[i]);
        CHECK(ntmkit::report_period_from_dhis2_id(thursdays, window, fri) == thursday_periods[i]);
    }
    CHECK(thursday_periods.back().first == ymd(2022, 5, 27));
    CHECK(ntmkit::parse_dhis2_week_id("2022FriW22") == span(ymd(2022, 5, 27), ymd(2022, 6, 2)));
}

TEST_CASE("a report period maps into another DHIS2 type only when one of its periods holds it") {
    // Friday weeks 16/4-22/4 lie in ISO weeks 15 and 16, both in 2022BiW8 (11/4-24/4); the next,
    // 23/4-29/4, straddles BiW8 and BiW9.
    using T = ntmkit::dhis2_period_type;
    const ntmkit::report_period inside{ymd(2022, 4, 16), ymd(2022, 4, 22), ymd(2022, 4, 22)};
    const ntmkit::report_period across{ymd(2022, 4, 23), ymd(2022, 4, 29), ymd(2022, 4, 29)};
    CHECK(ntmkit::dhis2_period_of(inside, T::bi_weekly).id == "2022BiW8");
    CHECK_THROWS_WITH_AS(ntmkit::dhis2_period_of(across, T::bi_weekly),
                         doctest::Contains("spans more than one DHIS2 period of type BiWeekly"),
                         ntmkit::validation_error);
    CHECK_THROWS_AS(ntmkit::dhis2_period_of(inside, T::daily), ntmkit::validation_error);
}

TEST_CASE("daily report periods map to DHIS2 daily ids yyyyMMdd") {
    const auto daily = ntmkit::reporting_schedule::daily();
    CHECK(ntmkit::dhis2_period_id(daily, ntmkit::report_period{ymd(2022, 5, 1), ymd(2022, 5, 1),
                                                               ymd(2022, 5, 1)}) == "20220501");
}

TEST_CASE("Report periods have an unambiguous key and a label, and DHIS2 ids name them back") {
    const ntmkit::date_window window(ymd(2019, 12, 20), ymd(2020, 1, 10));
    const auto friday = ntmkit::reporting_schedule::weekly(weekday::friday);
    const auto periods = friday.periods(window);
    // 20/12/2019 is a Friday: launch day alone, then Saturday-to-Friday weeks.
    REQUIRE(periods.size() == 4);
    // 2019SatW1 starts Saturday 29/12/2018; 14/12/2019 is 50 weeks later: week 51.
    const char* ids[] = {"2019SatW51", "2019SatW52", "2019SatW53", "2020SatW1"};
    for (std::size_t k = 0; k < periods.size(); ++k) {
        CAPTURE(k);
        CHECK(ntmkit::dhis2_period_id(friday, periods[k]) == ids[k]);
        CHECK(ntmkit::report_period_from_dhis2_id(friday, window, ids[k]) == periods[k]);
    }
    // The week across new year: key and label carry both years.
    CHECK(ntmkit::period_key(periods[2]) == "2019-12-28/2020-01-03");
    CHECK(ntmkit::period_key(periods[0]) == "2019-12-20");
    CHECK(ntmkit::period_label(friday, window, periods[2]) == "kỳ 3/4 (28/12/2019–3/1/2020)");
    CHECK(ntmkit::period_label(friday, window, periods[2], "en") ==
          "period 3/4 (28/12/2019–3/1/2020)");
    CHECK(ntmkit::period_number(friday, window, periods[3]) == 4);

    SUBCASE("ids of another weekly type or outside the campaign are refused") {
        CHECK_THROWS_AS(ntmkit::report_period_from_dhis2_id(friday, window, "2020W1"),
                        ntmkit::validation_error);
        CHECK_THROWS_AS(ntmkit::report_period_from_dhis2_id(friday, window, "2020SatW5"),
                        ntmkit::validation_error);
        CHECK_THROWS_AS(ntmkit::report_period_from_dhis2_id(friday, window, "2020SatWx"),
                        ntmkit::parse_error);
    }
    SUBCASE("daily schedules take yyyyMMdd") {
        const auto daily = ntmkit::reporting_schedule::daily();
        const auto p = ntmkit::report_period_from_dhis2_id(daily, window, "20200101");
        CHECK(p.first == ymd(2020, 1, 1));
        CHECK(p.last == ymd(2020, 1, 1));
        CHECK_THROWS_AS(ntmkit::report_period_from_dhis2_id(daily, window, "20200230"),
                        ntmkit::parse_error);
    }
}
