// Report submissions: completeness and timeliness as DHIS2 computes reporting rates, worked
// out by hand for five villages.
#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/json.hpp>
#include <ntmkit/render/weekly.hpp>

using namespace ntmkit;

namespace {
// Xã with villages V1..V5; window 15/4/2022–30/5/2022, reports every Friday, due one day
// later (deadline_days 1: the Friday 22/4 report is on time up to Saturday 23/4).
campaign five_villages() {
    fixtures::campaign_setup s;
    s.id = "five";
    s.name = "Five villages";
    s.commune_name = "Xã";
    s.schedule = reporting_schedule::weekly(weekday::friday, 1);
    for (const char* v : {"V1", "V2", "V3", "V4", "V5"})
        s.units.push_back(
            fixtures::unit_spec_of(v, std::string("Thôn ") + v, unit_level::village, "xa", 30));
    s.units.push_back(
        fixtures::unit_spec_of("V1_1", "Tổ 1", unit_level::household_group, "V1", 30));
    s.indicators = {fixtures::hedge()};
    return fixtures::make_campaign(s);
}

submission_record sub(const char* unit, date period, date submitted) {
    return {unit, period, submitted, "", ""};
}

const report_period week_22_4{date(2022, 4, 16), date(2022, 4, 22), date(2022, 4, 22)};
} // namespace

TEST_CASE("A week where two of five villages report late has a 100% reporting rate and 60% "
          "on time") {
    auto c = five_villages();
    c.add_submissions({
        sub("V1", date(2022, 4, 22), date(2022, 4, 22)), // on the Friday
        sub("V2", date(2022, 4, 22), date(2022, 4, 21)), // a day early
        sub("V3", date(2022, 4, 22), date(2022, 4, 23)), // on the due day: still on time
        sub("V4", date(2022, 4, 22), date(2022, 4, 24)), // late
        sub("V5", date(2022, 4, 22), date(2022, 4, 26)), // late
    });
    auto r = reporting_completeness(c, week_22_4);
    CHECK(r.expected == 5);
    CHECK(r.received == 5);
    CHECK(r.on_time == 3);
    CHECK(r.reporting_rate() == doctest::Approx(1.0));
    CHECK(r.on_time_rate() == doctest::Approx(0.6)); // 3 / 5
    REQUIRE(r.late.size() == 2);
    CHECK(r.late[0] == unit_period{c.units().at("V4"), date(2022, 4, 22), date(2022, 4, 24)});
    CHECK(r.late[1] == unit_period{c.units().at("V5"), date(2022, 4, 22), date(2022, 4, 26)});
    CHECK(r.missing.empty());

    SUBCASE("as the officer saw it on the due day, the two late villages are missing") {
        completeness_options o;
        o.known_by = date(2022, 4, 23);
        auto then = reporting_completeness(c, week_22_4, o);
        CHECK(then.received == 3);
        CHECK(then.on_time == 3);
        CHECK(then.reporting_rate() == doctest::Approx(0.6));
        REQUIRE(then.missing.size() == 2);
        CHECK(then.missing[0].unit == c.units().at("V4"));
        CHECK(then.missing[1].unit == c.units().at("V5"));
        CHECK(then.missing[0].submitted.is_special());
    }
    SUBCASE("a resubmission counts once, with the first date") {
        c.add_submissions({sub("V1", date(2022, 4, 22), date(2022, 4, 25))});
        auto again = reporting_completeness(c, week_22_4);
        CHECK(again.received == 5);
        CHECK(again.on_time == 3);
    }
    SUBCASE("over two periods, expected reports are villages × periods") {
        // Launch day 15/4 is its own period; only V1 reported it (on time, due 16/4).
        c.add_submissions({sub("Thôn V1", date(2022, 4, 15), date(2022, 4, 16))});
        const report_period launch{date(2022, 4, 15), date(2022, 4, 15), date(2022, 4, 15)};
        auto both = reporting_completeness(c, std::vector<report_period>{launch, week_22_4});
        CHECK(both.expected == 10);
        CHECK(both.received == 6);
        CHECK(both.on_time == 4);
        CHECK(both.reporting_rate() == doctest::Approx(0.6));
        CHECK(both.on_time_rate() == doctest::Approx(0.4));
        CHECK(both.missing.size() == 4); // V2..V5 for 15/4
    }
    SUBCASE("within one village's subtree only that village is expected") {
        completeness_options o;
        o.within = c.units().at("V4");
        auto v4 = reporting_completeness(c, week_22_4, o);
        CHECK(v4.expected == 1);
        CHECK(v4.on_time == 0);
        CHECK(v4.late.size() == 1);
    }
    SUBCASE("the weekly report carries the period's completeness") {
        auto rep = build_weekly_report(c, date(2022, 4, 22));
        CHECK(rep.reporting.on_time == 3);
        CHECK(render_text(c, rep).find("Đã nhận 5/5 báo cáo (100,0%), đúng hạn 3/5 (60,0%)") !=
              std::string::npos);
        CHECK(render_text(c, rep, "en")
                  .find("Reported late: Thôn V4 (24/4/2022), Thôn V5 "
                        "(26/4/2022)") != std::string::npos);
    }
}

TEST_CASE("Submissions are checked as a batch and name the offending field") {
    auto c = five_villages();
    SUBCASE("a period that is not a report date, with the one that is") {
        CHECK_THROWS_WITH_AS(c.add_submissions({sub("V1", date(2022, 4, 22), date(2022, 4, 22)),
                                                sub("V2", date(2022, 4, 20), date(2022, 4, 22))}),
                             "submission 1, field period: 20/4/2022 is not a report date of the "
                             "campaign 15/4/2022 to 30/5/2022; the period containing it is "
                             "reported on 22/4/2022",
                             validation_error);
        CHECK(c.submissions().empty()); // the valid first one was not kept either
    }
    SUBCASE("an unknown unit") {
        CHECK_THROWS_WITH_AS(c.add_submissions({sub("V9", date(2022, 4, 22), date(2022, 4, 22))}),
                             "submission 0, field unit: no unit with id or name \"V9\" in the "
                             "campaign",
                             validation_error);
    }
    SUBCASE("received before the period began") {
        CHECK_THROWS_AS(c.add_submissions({sub("V1", date(2022, 4, 29), date(2022, 4, 22))}),
                        validation_error);
    }
}

TEST_CASE("Submissions round-trip through the campaign file and may name DHIS2 periods") {
    auto c = five_villages();
    c.add_submissions({{"V1", date(2022, 4, 22), date(2022, 4, 23), "Trưởng thôn", "nộp muộn"}});
    const auto text = campaign_to_json_text(c);
    CHECK(text.find(R"("submissions": [
    {
      "unit": "V1",
      "period": "2022-04-22",
      "submitted": "2022-04-23",
      "reporter": "Trưởng thôn",
      "note": "nộp muộn"
    }
  ])") != std::string::npos);
    auto again = campaign_from_json_text(text);
    CHECK(again == c);
    CHECK(campaign_to_json_text(again) == text);

    auto j = nlohmann::json::parse(text);
    SUBCASE("a DHIS2 weekly id names the period") {
        j["submissions"][0]["period"] = "2022SatW16"; // 16/4–22/4/2022
        CHECK(campaign_from_json(j) == c);
    }
    SUBCASE("errors name the JSON pointer") {
        j["submissions"][0]["period"] = "2022-04-21";
        CHECK_THROWS_WITH_AS(campaign_from_json(j),
                             doctest::Contains("/submissions/0/period: 21/4/2022 is not a report "
                                               "date"),
                             validation_error);
        j["submissions"][0]["period"] = "2022W16"; // Monday weeks: not the Friday schedule's
        CHECK_THROWS_WITH_AS(campaign_from_json(j), doctest::Contains("/submissions/0/period"),
                             parse_error);
        j["submissions"][0]["period"] = "2022-04-22";
        j["submissions"][0].erase("submitted");
        CHECK_THROWS_WITH_AS(campaign_from_json(j), "/submissions/0: missing member \"submitted\"",
                             parse_error);
    }
}
