#include <ntmkit/calendar.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_dates.hpp"

namespace {

using ntmkit::date;

using test_dates::ymd;

// The seed's campaign: 15/4/2022 (a Friday) to 30/5/2022 (a Monday).
const ntmkit::date_window seed_window{ymd(2022, 4, 15), ymd(2022, 5, 30)};

} // namespace

TEST_CASE("parse_date reads ISO dates and the forms Vietnamese documents use") {
    const date expected = ymd(2022, 4, 15);
    SUBCASE("ISO 8601") {
        CHECK(ntmkit::parse_date("2022-04-15") == expected);
    }
    SUBCASE("day/month/year without padding") {
        CHECK(ntmkit::parse_date("15/4/2022") == expected);
    }
    SUBCASE("spaces around separators") {
        CHECK(ntmkit::parse_date("15/4 /2022") == expected);
        CHECK(ntmkit::parse_date("15 / 4 / 2022") == expected);
    }
    SUBCASE("leading and trailing spaces") {
        CHECK(ntmkit::parse_date("  15/4/2022\t") == expected);
    }
    SUBCASE("zero-padded day") {
        CHECK(ntmkit::parse_date("01/5/2022") == ymd(2022, 5, 1));
    }
    SUBCASE("dashes") {
        CHECK(ntmkit::parse_date("15-4-2022") == expected);
    }
    SUBCASE("dots") {
        CHECK(ntmkit::parse_date("15.4.2022") == expected);
    }
    SUBCASE("29 February of a leap year") {
        CHECK(ntmkit::parse_date("29/2/2024") == ymd(2024, 2, 29));
    }
}

TEST_CASE("parse_date takes the year of a day/month date from the default year") {
    CHECK(ntmkit::parse_date("30/5", 2022) == ymd(2022, 5, 30));
    CHECK(ntmkit::parse_date("30 /5 ", 2022) == ymd(2022, 5, 30));
    CHECK_THROWS_WITH_AS(ntmkit::parse_date("30/5"), doctest::Contains("date \"30/5\""),
                         ntmkit::parse_error);
    CHECK_THROWS_WITH_AS(ntmkit::parse_date("30/5"), doctest::Contains("no default year"),
                         ntmkit::parse_error);
}

TEST_CASE("parse_date rejects impossible dates, quoting the text and the month length") {
    SUBCASE("31 April") {
        CHECK_THROWS_WITH_AS(ntmkit::parse_date("31/4/2022"),
                             doctest::Contains("date \"31/4/2022\": April 2022 has 30 days"),
                             ntmkit::parse_error);
    }
    SUBCASE("29 February of a common year") {
        CHECK_THROWS_WITH_AS(ntmkit::parse_date("29/2/2023"),
                             doctest::Contains("February 2023 has 28 days"), ntmkit::parse_error);
    }
    SUBCASE("ISO form too") {
        CHECK_THROWS_WITH_AS(ntmkit::parse_date("2022-04-31"),
                             doctest::Contains("date \"2022-04-31\": April 2022 has 30 days"),
                             ntmkit::parse_error);
    }
    SUBCASE("day from the default year") {
        CHECK_THROWS_WITH_AS(ntmkit::parse_date("29/2", 2023),
                             doctest::Contains("February 2023 has 28 days"), ntmkit::parse_error);
    }
    SUBCASE("month 13") {
        CHECK_THROWS_WITH_AS(ntmkit::parse_date("15/13/2022"),
                             doctest::Contains("month 13 is not in 1..12"), ntmkit::parse_error);
    }
    SUBCASE("day 0") {
        CHECK_THROWS_WITH_AS(ntmkit::parse_date("0/4/2022"),
                             doctest::Contains("April 2022 has 30 days, got day 0"),
                             ntmkit::parse_error);
    }
}

TEST_CASE("parse_date rejects text that is not a date, stating the accepted forms") {
    for (const char* text :
         {"", "   ", "abc", "15/4/22", "15/4-2022", "2022/04/15", "15//4/2022", "1/2/3/4",
          "15/4/2022x", "15 4 2022", "15/4/", "123/4/2022", "2022-4", "15/4/20222"}) {
        CAPTURE(text);
        const std::string quoted = "date \"" + std::string(text) + "\"";
        CHECK_THROWS_WITH_AS(ntmkit::parse_date(text), doctest::Contains(quoted.c_str()),
                             ntmkit::parse_error);
        CHECK_THROWS_WITH_AS(ntmkit::parse_date(text), doctest::Contains("d/m/yyyy"),
                             ntmkit::parse_error);
    }
}

TEST_CASE("dates format without padding for Vietnamese text and with padding as ISO") {
    CHECK(ntmkit::format_date_vi(ymd(2022, 4, 15)) == "15/4/2022");
    CHECK(ntmkit::format_date_vi(ymd(2022, 5, 1)) == "1/5/2022");
    CHECK(ntmkit::format_date_iso(ymd(2022, 4, 15)) == "2022-04-15");
    CHECK(ntmkit::format_date_iso(ymd(2022, 5, 1)) == "2022-05-01");
    SUBCASE("both formats read back to the same day") {
        for (date d = ymd(2021, 12, 25); d <= ymd(2022, 3, 5); d += boost::gregorian::days(1)) {
            CHECK(ntmkit::parse_date(ntmkit::format_date_vi(d)) == d);
            CHECK(ntmkit::parse_date(ntmkit::format_date_iso(d)) == d);
        }
    }
}

TEST_CASE("the seed's window 15/4/2022-30/5/2022 has 46 days counted inclusively") {
    // April 15..30 is 16 days, May 1..30 is 30 days.
    CHECK(seed_window.days() == 46);
    CHECK(seed_window.first() == ymd(2022, 4, 15));
    CHECK(seed_window.last() == ymd(2022, 5, 30));
    CHECK(ntmkit::date_window(ymd(2022, 4, 15), ymd(2022, 4, 15)).days() == 1);
}

TEST_CASE("a window contains its first and last days and nothing outside") {
    CHECK(seed_window.contains(ymd(2022, 4, 15)));
    CHECK(seed_window.contains(ymd(2022, 5, 1)));
    CHECK(seed_window.contains(ymd(2022, 5, 30)));
    CHECK_FALSE(seed_window.contains(ymd(2022, 4, 14)));
    CHECK_FALSE(seed_window.contains(ymd(2022, 5, 31)));
    CHECK_FALSE(seed_window.contains(date(boost::gregorian::not_a_date_time)));
}

TEST_CASE("day_index and at convert between days and 0-based positions in the window") {
    CHECK(seed_window.day_index(ymd(2022, 4, 15)) == 0);
    CHECK(seed_window.day_index(ymd(2022, 5, 1)) == 16);
    CHECK(seed_window.day_index(ymd(2022, 5, 30)) == 45);
    CHECK(seed_window.at(0) == ymd(2022, 4, 15));
    CHECK(seed_window.at(16) == ymd(2022, 5, 1));
    CHECK(seed_window.at(45) == ymd(2022, 5, 30));
    for (int i = 0; i < seed_window.days(); ++i)
        CHECK(seed_window.day_index(seed_window.at(i)) == i);
}

TEST_CASE("day_index and at reject days outside the window, naming the day and the window") {
    CHECK_THROWS_WITH_AS(seed_window.day_index(ymd(2022, 5, 31)),
                         doctest::Contains("date 31/5/2022: outside the window 15/4/2022 to "
                                           "30/5/2022"),
                         ntmkit::validation_error);
    CHECK_THROWS_WITH_AS(seed_window.day_index(ymd(2022, 4, 14)), doctest::Contains("14/4/2022"),
                         ntmkit::validation_error);
    CHECK_THROWS_WITH_AS(seed_window.at(46), doctest::Contains("day index 46"),
                         ntmkit::validation_error);
    CHECK_THROWS_AS(seed_window.at(-1), ntmkit::validation_error);
}

TEST_CASE("a window whose last day precedes its first is rejected, naming both days") {
    CHECK_THROWS_WITH_AS(ntmkit::date_window(ymd(2022, 5, 30), ymd(2022, 4, 15)),
                         doctest::Contains("last day 15/4/2022 is before first day 30/5/2022"),
                         ntmkit::validation_error);
}

TEST_CASE("windows are equal when their first and last days are") {
    CHECK(seed_window == ntmkit::date_window(ymd(2022, 4, 15), ymd(2022, 5, 30)));
    CHECK(seed_window != ntmkit::date_window(ymd(2022, 4, 15), ymd(2022, 5, 29)));
    CHECK(seed_window != ntmkit::date_window(ymd(2022, 4, 16), ymd(2022, 5, 30)));
}

TEST_CASE("weekdays have names monday..sunday and are computed from dates") {
    using ntmkit::weekday;
    CHECK(ntmkit::to_string(weekday::monday) == "monday");
    CHECK(ntmkit::to_string(weekday::friday) == "friday");
    CHECK(ntmkit::to_string(weekday::sunday) == "sunday");
    for (auto [value, name] : ntmkit::enum_names(weekday{}))
        CHECK(ntmkit::parse_enum<weekday>(name, "/report_day") == value);
    CHECK_THROWS_WITH_AS(ntmkit::parse_enum<weekday>("Friday", "/report_day"),
                         doctest::Contains("/report_day"), ntmkit::parse_error);
    CHECK(ntmkit::weekday_of(ymd(2022, 4, 15)) == weekday::friday);
    CHECK(ntmkit::weekday_of(ymd(2022, 5, 30)) == weekday::monday);
    CHECK(ntmkit::weekday_of(ymd(2022, 5, 29)) == weekday::sunday);
    CHECK(ntmkit::next_weekday(weekday::sunday) == weekday::monday);
    CHECK(ntmkit::next_weekday(weekday::friday) == weekday::saturday);
}

TEST_CASE("schedule kinds have the names daily and weekly") {
    CHECK(ntmkit::to_string(ntmkit::schedule_kind::daily) == "daily");
    CHECK(ntmkit::to_string(ntmkit::schedule_kind::weekly) == "weekly");
    CHECK(ntmkit::parse_enum<ntmkit::schedule_kind>("weekly", "/kind") ==
          ntmkit::schedule_kind::weekly);
    CHECK_THROWS_WITH_AS(ntmkit::parse_enum<ntmkit::schedule_kind>("monthly", "/kind"),
                         doctest::Contains("\"monthly\""), ntmkit::parse_error);
}

TEST_CASE("weekly Friday reports in the seed window fall on 7 Fridays") {
    const auto fridays = ntmkit::reporting_schedule::weekly(ntmkit::weekday::friday);
    const std::vector<date> expected{ymd(2022, 4, 15), ymd(2022, 4, 22), ymd(2022, 4, 29),
                                     ymd(2022, 5, 6),  ymd(2022, 5, 13), ymd(2022, 5, 20),
                                     ymd(2022, 5, 27)};
    CHECK(fridays.report_dates(seed_window) == expected);
}

TEST_CASE("daily reports fall on every day of the window") {
    const auto daily = ntmkit::reporting_schedule::daily();
    const auto dates = daily.report_dates(seed_window);
    REQUIRE(dates.size() == 46);
    CHECK(dates.front() == ymd(2022, 4, 15));
    CHECK(dates.back() == ymd(2022, 5, 30));
    const auto periods = daily.periods(seed_window);
    REQUIRE(periods.size() == 46);
    CHECK(periods[3] ==
          ntmkit::report_period{ymd(2022, 4, 18), ymd(2022, 4, 18), ymd(2022, 4, 18)});
}

TEST_CASE("seed periods: 15/4 alone, six full weeks, and a closing period reported on 30/5") {
    const auto fridays = ntmkit::reporting_schedule::weekly(ntmkit::weekday::friday);
    using P = ntmkit::report_period;
    const std::vector<P> expected{
        P{ymd(2022, 4, 15), ymd(2022, 4, 15), ymd(2022, 4, 15)},
        P{ymd(2022, 4, 16), ymd(2022, 4, 22), ymd(2022, 4, 22)},
        P{ymd(2022, 4, 23), ymd(2022, 4, 29), ymd(2022, 4, 29)},
        P{ymd(2022, 4, 30), ymd(2022, 5, 6), ymd(2022, 5, 6)},
        P{ymd(2022, 5, 7), ymd(2022, 5, 13), ymd(2022, 5, 13)},
        P{ymd(2022, 5, 14), ymd(2022, 5, 20), ymd(2022, 5, 20)},
        P{ymd(2022, 5, 21), ymd(2022, 5, 27), ymd(2022, 5, 27)},
        P{ymd(2022, 5, 28), ymd(2022, 5, 30), ymd(2022, 5, 30)},
    };
    const auto periods = fridays.periods(seed_window);
    CHECK(periods == expected);
    // 1 + 6 * 7 + 3 = 46 days.
    int total = 0;
    for (const auto& p : periods)
        total += p.days();
    CHECK(total == 46);
}

TEST_CASE("a window without the report weekday is one closing period") {
    // Saturday 16/4/2022 to Thursday 21/4/2022 contains no Friday.
    const ntmkit::date_window window{ymd(2022, 4, 16), ymd(2022, 4, 21)};
    const auto fridays = ntmkit::reporting_schedule::weekly(ntmkit::weekday::friday);
    CHECK(fridays.report_dates(window).empty());
    const auto periods = fridays.periods(window);
    REQUIRE(periods.size() == 1);
    CHECK(periods[0] ==
          ntmkit::report_period{ymd(2022, 4, 16), ymd(2022, 4, 21), ymd(2022, 4, 21)});
}

TEST_CASE("report periods tile the window for every weekday and schedule") {
    const std::vector<ntmkit::date_window> windows{
        seed_window,
        {ymd(2022, 4, 15), ymd(2022, 4, 15)},  // one day
        {ymd(2022, 4, 16), ymd(2022, 4, 21)},  // six days
        {ymd(2021, 12, 20), ymd(2022, 1, 10)}, // across a year end
        {ymd(2024, 2, 20), ymd(2024, 3, 5)},   // through 29 February
        {ymd(2022, 1, 1), ymd(2022, 12, 31)},  // a whole year
    };
    std::vector<ntmkit::reporting_schedule> schedules{ntmkit::reporting_schedule::daily()};
    for (auto [day, name] : ntmkit::enum_names(ntmkit::weekday{}))
        schedules.push_back(ntmkit::reporting_schedule::weekly(day));

    for (const auto& window : windows) {
        for (const auto& schedule : schedules) {
            CAPTURE(window.describe());
            CAPTURE(ntmkit::to_string(schedule.report_day));
            const auto periods = schedule.periods(window);
            REQUIRE_FALSE(periods.empty());

            // Method 1: consecutive periods touch, and the ends are the window's.
            CHECK(periods.front().first == window.first());
            CHECK(periods.back().last == window.last());
            for (std::size_t i = 1; i < periods.size(); ++i)
                CHECK(periods[i].first == periods[i - 1].last + boost::gregorian::days(1));

            // Method 2: count how many periods cover each day: exactly one.
            std::vector<int> cover(static_cast<std::size_t>(window.days()), 0);
            for (const auto& p : periods) {
                CHECK(p.first <= p.last);
                CHECK(p.report_date == p.last);
                for (date d = p.first; d <= p.last; d += boost::gregorian::days(1))
                    ++cover[static_cast<std::size_t>(window.day_index(d))];
            }
            for (int c : cover)
                CHECK(c == 1);

            // Scheduled report dates end periods; only the closing period may end otherwise.
            const auto dates = schedule.report_dates(window);
            CHECK(periods.size() ==
                  dates.size() + (dates.empty() || dates.back() != window.last()));
            for (std::size_t i = 0; i < dates.size(); ++i)
                CHECK(periods[i].report_date == dates[i]);

            // period_for agrees with periods for every day.
            for (const auto& p : periods)
                for (date d = p.first; d <= p.last; d += boost::gregorian::days(1))
                    CHECK(schedule.period_for(window, d) == p);
        }
    }
}

TEST_CASE("period_for finds the period containing a day") {
    const auto fridays = ntmkit::reporting_schedule::weekly(ntmkit::weekday::friday);
    using P = ntmkit::report_period;
    CHECK(fridays.period_for(seed_window, ymd(2022, 4, 15)) ==
          P{ymd(2022, 4, 15), ymd(2022, 4, 15), ymd(2022, 4, 15)});
    CHECK(fridays.period_for(seed_window, ymd(2022, 4, 16)) ==
          P{ymd(2022, 4, 16), ymd(2022, 4, 22), ymd(2022, 4, 22)});
    CHECK(fridays.period_for(seed_window, ymd(2022, 4, 22)) ==
          P{ymd(2022, 4, 16), ymd(2022, 4, 22), ymd(2022, 4, 22)});
    CHECK(fridays.period_for(seed_window, ymd(2022, 5, 29)) ==
          P{ymd(2022, 5, 28), ymd(2022, 5, 30), ymd(2022, 5, 30)});
    CHECK_THROWS_WITH_AS(fridays.period_for(seed_window, ymd(2022, 6, 3)),
                         doctest::Contains("date 3/6/2022: outside the window 15/4/2022"),
                         ntmkit::validation_error);
}

TEST_CASE("a report is due deadline_days after its report date") {
    CHECK(ntmkit::reporting_schedule::weekly(ntmkit::weekday::friday).due_date(ymd(2022, 4, 15)) ==
          ymd(2022, 4, 15));
    CHECK(
        ntmkit::reporting_schedule::weekly(ntmkit::weekday::friday, 2).due_date(ymd(2022, 4, 29)) ==
        ymd(2022, 5, 1));
    CHECK(ntmkit::reporting_schedule::daily(1).due_date(ymd(2022, 5, 31)) == ymd(2022, 6, 1));
    auto broken = ntmkit::reporting_schedule::weekly(ntmkit::weekday::friday, -1);
    CHECK_THROWS_WITH_AS(broken.due_date(ymd(2022, 4, 15)), doctest::Contains("deadline_days -1"),
                         ntmkit::validation_error);
}
