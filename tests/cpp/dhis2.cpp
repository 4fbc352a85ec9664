#include <ntmkit/dhis2.hpp>

#include <doctest/doctest.h>

#include "fixtures.hpp"

namespace {

using fixtures::rec;
using nlohmann::json;
using ntmkit::date;

// small_campaign (Friday reports from 15/4/2022) with ecological gardens: A1 2 on Monday 18/4,
// A2 1 on Wednesday 20/4, B 3 on Friday 22/4, A 1 on Monday 25/4, the Farmers' Union 1 on 19/4
// (not a village), and a hedge of 3 households at A1 on 18/4.
ntmkit::campaign gardens(ntmkit::weekday report_day = ntmkit::weekday::friday) {
    auto s = fixtures::campaign_setup{};
    s.schedule = ntmkit::reporting_schedule::weekly(report_day);
    s.units = fixtures::small_campaign().units().specs();
    s.units.erase(s.units.begin()); // make_campaign adds the commune itself
    auto c = fixtures::make_campaign(s);
    c.add_progress(
        {rec("A1", "garden", date(2022, 4, 18), 2), rec("A2", "garden", date(2022, 4, 20), 1),
         rec("B", "garden", date(2022, 4, 22), 3), rec("A", "garden", date(2022, 4, 25), 1),
         rec("hnd", "garden", date(2022, 4, 19), 1), rec("A1", "hedge", date(2022, 4, 18), 3)});
    return c;
}

// A district data set that holds gardens only, for villages A and B.
ntmkit::dhis2_mapping district() {
    return {
        "dsNTM000001", {{"garden", "deGarden001"}}, {{"A", "ouThonA0001"}, {"B", "ouThonB0001"}}};
}

json value(const char* element, const char* period, const char* org_unit, const char* v) {
    return {{"dataElement", element}, {"period", period}, {"orgUnit", org_unit}, {"value", v}};
}

} // namespace

TEST_CASE("the cumulative export holds each village's figure in the DHIS2 week of the day") {
    // As of Friday 29/4: A = 2 + 1 + 1 = 4 gardens, B = 3, C none (left out); the report period
    // 23/4-29/4 is 2022SatW17 (2022SatW1 starts Saturday 1/1/2022; 23/4 is 112 days = 16 weeks
    // later). The hedge is not in the district's data set.
    const auto payload = ntmkit::dhis2_data_value_set(gardens(), date(2022, 4, 29), district());
    const json expected = {{"dataSet", "dsNTM000001"},
                           {"period", "2022SatW17"},
                           {"dataValues",
                            {value("deGarden001", "2022SatW17", "ouThonA0001", "4"),
                             value("deGarden001", "2022SatW17", "ouThonB0001", "3")}}};
    CHECK(payload == expected);
}

TEST_CASE("without a mapping table the export uses ntmkit's ids and every indicator") {
    // Village A: hedge 3 households (A1's), gardens 4; then B: gardens 3.
    const auto payload = ntmkit::dhis2_data_value_set(gardens(), date(2022, 4, 29));
    const json expected = {
        {"period", "2022SatW17"},
        {"dataValues",
         {value("hedge", "2022SatW17", "A", "3"), value("garden", "2022SatW17", "A", "4"),
          value("garden", "2022SatW17", "B", "3")}}};
    CHECK(payload == expected);
}

TEST_CASE("a Monday schedule exports into Tuesday weeks (TueW)") {
    // Mondays 18/4, 25/4, 2/5: as of 2/5 the period is 26/4-2/5, in 2022TueW17 (2022TueW1 starts
    // Tuesday 4/1/2022; 26/4 is 112 days = 16 weeks later). Same figures: A 4, B 3.
    const auto payload = ntmkit::dhis2_data_value_set(gardens(ntmkit::weekday::monday),
                                                      date(2022, 5, 2), district());
    CHECK(payload["period"] == "2022TueW17");
    CHECK(payload["dataValues"] == json{value("deGarden001", "2022TueW17", "ouThonA0001", "4"),
                                        value("deGarden001", "2022TueW17", "ouThonB0001", "3")});
}

TEST_CASE("the per-period export holds the work done in each DHIS2 period since the start") {
    // As of 29/4, Friday weeks: 2022SatW15 (9/4-15/4) nothing; SatW16 (16/4-22/4) A 2 + 1 = 3,
    // B 3; SatW17 (23/4-29/4) A 1. Bi-weeks: 2022BiW8 (11/4-24/4) the same as SatW16, 2022BiW9
    // (25/4-8/5, up to 29/4) A 1.
    ntmkit::dhis2_export_options options;
    options.values = ntmkit::dhis2_values::per_period;
    auto payload = ntmkit::dhis2_data_value_set(gardens(), date(2022, 4, 29), district(), options);
    CHECK_FALSE(payload.contains("period"));
    CHECK(payload["dataValues"] == json{value("deGarden001", "2022SatW16", "ouThonA0001", "3"),
                                        value("deGarden001", "2022SatW16", "ouThonB0001", "3"),
                                        value("deGarden001", "2022SatW17", "ouThonA0001", "1")});
    options.period_type = ntmkit::dhis2_period_type::bi_weekly;
    payload = ntmkit::dhis2_data_value_set(gardens(), date(2022, 4, 29), district(), options);
    CHECK(payload["dataValues"] == json{value("deGarden001", "2022BiW8", "ouThonA0001", "3"),
                                        value("deGarden001", "2022BiW8", "ouThonB0001", "3"),
                                        value("deGarden001", "2022BiW9", "ouThonA0001", "1")});
}

TEST_CASE("running totals (last indicators) are exported as the figure at each period's end") {
    // running_metres: A1 100 on 18/4, 160 on 25/4, 230 on 29/4; A2 50 on 20/4. Village A:
    // 100 + 50 = 150 at 22/4 (SatW16), 230 + 50 = 280 at 29/4 (SatW17).
    ntmkit::dhis2_export_options options;
    options.values = ntmkit::dhis2_values::per_period;
    const auto payload =
        ntmkit::dhis2_data_value_set(fixtures::running_metres(), date(2022, 4, 29), {}, options);
    CHECK(payload["dataValues"] == json{value("metres", "2022SatW16", "A", "150"),
                                        value("metres", "2022SatW17", "A", "280")});
}

TEST_CASE("a per-period payload imports back into records that roll up to the same figures") {
    ntmkit::dhis2_export_options options;
    options.values = ntmkit::dhis2_values::per_period;
    const auto payload =
        ntmkit::dhis2_data_value_set(gardens(), date(2022, 4, 29), district(), options);
    auto fresh = fixtures::small_campaign();
    const auto records =
        ntmkit::progress_from_dhis2(fresh, payload, district(), ntmkit::dhis2_values::per_period);
    // Each value is dated the last day of its week: SatW16 -> 22/4, SatW17 -> 29/4.
    REQUIRE(records.size() == 3);
    CHECK(records[0].unit == "A");
    CHECK(records[0].indicator == "garden");
    CHECK(records[0].done == date(2022, 4, 22));
    CHECK(records[0].quantity == 3);
    CHECK(records[0].note == "DHIS2 2022SatW16");
    CHECK(records[1].done == date(2022, 4, 29));
    CHECK(records[1].quantity == 1);
    CHECK(records[2].unit == "B");
    CHECK(records[2].quantity == 3);
    fresh.add_progress(records);
    const ntmkit::rollup r(fresh, date(2022, 4, 29));
    const auto garden = fresh.indicator_at("garden");
    CHECK(r.tally(fresh.units().at("A"), garden).cumulative == 4);
    CHECK(r.tally(fresh.units().at("B"), garden).cumulative == 3);
}

TEST_CASE("cumulative figures import as increments over the unit's previous period") {
    // A: 4 in SatW16 (22/4), 6 in SatW18 (30/4-6/5) -> +4 on 22/4, +2 on 6/5. The top-level
    // period serves values without their own. Numbers may be JSON numbers too.
    const json payload = {{"period", "2022SatW18"},
                          {"dataValues",
                           {{{"dataElement", "garden"}, {"orgUnit", "A"}, {"value", 6}},
                            value("garden", "2022SatW16", "A", "4")}}};
    const auto records = ntmkit::progress_from_dhis2(fixtures::small_campaign(), payload);
    REQUIRE(records.size() == 2);
    CHECK(records[0].done == date(2022, 4, 22));
    CHECK(records[0].quantity == 4);
    CHECK(records[1].done == date(2022, 5, 6));
    CHECK(records[1].quantity == 2);
}

TEST_CASE("an import refuses what it cannot place, naming the value's pointer") {
    const auto c = fixtures::small_campaign();
    auto error = [&](const json& v) {
        try {
            ntmkit::progress_from_dhis2(c, json{{"dataValues", {v}}}, district());
        } catch (const ntmkit::error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error(value("deGarden001", "2022SatW16", "ouUnknown01", "1")) ==
          "/dataValues/0/orgUnit: no unit is mapped to \"ouUnknown01\"");
    CHECK(error(value("deHedge0001", "2022SatW16", "ouThonA0001", "1")) ==
          "/dataValues/0/dataElement: no indicator is mapped to \"deHedge0001\"");
    CHECK(error(value("deGarden001", "2022SatW16", "ouThonA0001", "1,5")) ==
          "/dataValues/0/value: expected a number, got \"1,5\"");
    CHECK(error(value("deGarden001", "2022SatW30", "ouThonA0001", "1")) ==
          "/dataValues/0/period: \"2022SatW30\" has no day in the campaign 15/4/2022 to 30/5/2022");
    CHECK_THROWS_WITH_AS(ntmkit::progress_from_dhis2(
                             c,
                             json{{"dataValues",
                                   {value("deGarden001", "2022SatW16", "ouThonA0001", "1"),
                                    value("deGarden001", "2022SatW16", "ouThonA0001", "2")}}},
                             district()),
                         doctest::Contains("a second value for A × garden in period 2022SatW16"),
                         ntmkit::validation_error);
}

TEST_CASE("a mapping table is read strictly and checked against the campaign") {
    const auto m = ntmkit::parse_dhis2_mapping(json::parse(R"({
        "format": "ntmkit-dhis2-mapping", "format_version": 1, "dataSet": "dsNTM000001",
        "dataElements": {"garden": "deGarden001"}, "orgUnits": {"A": "ouThonA0001"}})"));
    CHECK(m.data_set == "dsNTM000001");
    CHECK(m.data_elements.at("garden") == "deGarden001");
    CHECK(m.org_units.at("A") == "ouThonA0001");
    CHECK_THROWS_AS(
        ntmkit::parse_dhis2_mapping(json::parse(
            R"({"format": "ntmkit-dhis2-mapping", "format_version": 1, "orgUnit": {}})")),
        ntmkit::parse_error);
    const auto c = fixtures::small_campaign();
    CHECK_THROWS_WITH_AS(
        ntmkit::dhis2_data_value_set(c, date(2022, 4, 29), {"", {{"gardn", "de1"}}, {}}),
        "DHIS2 mapping /dataElements/gardn: no indicator \"gardn\" in the campaign",
        ntmkit::validation_error);
    CHECK_THROWS_WITH_AS(
        ntmkit::dhis2_data_value_set(c, date(2022, 4, 29), {"", {}, {{"A", "ou1"}, {"B", "ou1"}}}),
        "DHIS2 mapping /orgUnits/B: \"ou1\" is also the uid of \"A\"", ntmkit::validation_error);
}
