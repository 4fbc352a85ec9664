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
    for (auto start : {weekday::monday, weekday::wednesday, weekday::thursday, weekday::saturday,
                       weekday::sunday}) {
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
    for (const char* id :
         {"", "2022", "2022W", "22W15", "2022w15", "2022TueW15", "2022FriW15", "2022W150",
          "2022SatW1x", " 2022W15", "2022W15 ", "2022BiW15", "202204"}) {
        CAPTURE(id);
        const std::string quoted = "DHIS2 week \"" + std::string(id) + "\"";
        CHECK_THROWS_WITH_AS(ntmkit::parse_dhis2_week_id(id), doctest::Contains(quoted.c_str()),
                             ntmkit::parse_error);
        CHECK_THROWS_WITH_AS(ntmkit::parse_dhis2_week_id(id), doctest::Contains("yyyySatWn"),
                             ntmkit::parse_error);
    }
}

TEST_CASE("DHIS2 has weekly types only for weeks starting Monday, Wednesday, Thursday, "
          "Saturday and Sunday") {
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::monday) == "Weekly");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::wednesday) == "WeeklyWednesday");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::thursday) == "WeeklyThursday");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::saturday) == "WeeklySaturday");
    CHECK(ntmkit::dhis2_weekly_period_type(weekday::sunday) == "WeeklySunday");
    CHECK_FALSE(ntmkit::has_dhis2_weekly_type(weekday::tuesday));
    CHECK_FALSE(ntmkit::has_dhis2_weekly_type(weekday::friday));
    CHECK_THROWS_WITH_AS(ntmkit::dhis2_week_id(ymd(2022, 4, 15), weekday::tuesday),
                         doctest::Contains("weeks starting on tuesday"), ntmkit::validation_error);
    CHECK_THROWS_WITH_AS(ntmkit::dhis2_weekly_period_type(weekday::friday),
                         doctest::Contains("weeks starting on friday"), ntmkit::validation_error);
}

TEST_CASE("a weekly schedule maps to the DHIS2 weeks starting the day after its report day") {
    using S = ntmkit::reporting_schedule;
    CHECK(ntmkit::dhis2_week_start(S::weekly(weekday::friday)) == weekday::saturday);
    CHECK(ntmkit::dhis2_week_start(S::weekly(weekday::saturday)) == weekday::sunday);
    CHECK(ntmkit::dhis2_week_start(S::weekly(weekday::sunday)) == weekday::monday);
    CHECK(ntmkit::dhis2_week_start(S::weekly(weekday::tuesday)) == weekday::wednesday);
    CHECK(ntmkit::dhis2_week_start(S::weekly(weekday::wednesday)) == weekday::thursday);
    SUBCASE("Monday reports would need Tuesday weeks") {
        CHECK_THROWS_WITH_AS(ntmkit::dhis2_week_start(S::weekly(weekday::monday)),
                             doctest::Contains("weekly schedule on monday: its weeks would start "
                                               "on tuesday"),
                             ntmkit::validation_error);
    }
    SUBCASE("Thursday reports would need Friday weeks") {
        CHECK_THROWS_AS(ntmkit::dhis2_week_start(S::weekly(weekday::thursday)),
                        ntmkit::validation_error);
    }
    SUBCASE("daily schedules have no weekly type") {
        CHECK_THROWS_WITH_AS(ntmkit::dhis2_week_start(S::daily()),
                             doctest::Contains("schedule daily"), ntmkit::validation_error);
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
