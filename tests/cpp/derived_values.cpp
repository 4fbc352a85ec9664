#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/derived_values.hpp>

using namespace ntmkit;
using fixtures::rec;

namespace {
// One criterion "17" with one indicator "17.x": at least 70 percent of households.
criteria_set sanitation_set() {
    criteria_set s;
    s.id = "sanitation";
    s.criteria_complete = true;
    s.groups.push_back({"env", "", "", {}, {}, {}});
    criterion c;
    c.code = "17";
    c.indicators_complete = true;
    criterion_indicator i;
    i.code = "17.x";
    i.threshold.general =
        threshold_value{threshold_kind::at_least,       70, "percent", "", false, true,
                        "set by the user for the test", "", ""};
    c.indicators.push_back(i);
    s.groups[0].criteria.push_back(c);
    return s;
}
} // namespace

TEST_CASE("A household share is derived from what was there plus what the campaign did") {
    auto c = fixtures::small_campaign();
    // Village B has 20 households; 10 already had the item, 3 + 2 more were done.
    c.add_progress(
        {rec("B", "hedge", date(2022, 4, 20), 3), rec("B", "hedge", date(2022, 5, 2), 2)});
    std::vector<derivation> how{{"17.x", "hedge", derivation_kind::share_of_households, 10}};
    const auto B = c.units().at("B");

    auto before = derive_indicator_values(c, B, date(2022, 4, 30), how);
    CHECK(std::get<double>(before.at("17.x")) == doctest::Approx(65.0)); // (10 + 3) / 20
    auto after = derive_indicator_values(c, B, date(2022, 5, 2), how);
    CHECK(std::get<double>(after.at("17.x")) == doctest::Approx(75.0)); // (10 + 5) / 20

    auto set = sanitation_set();
    CHECK(evaluate(set, "", before).summary() == "0/1");
    CHECK(evaluate(set, "", after).summary() == "1/1");
    CHECK(compare(evaluate(set, "", before), evaluate(set, "", after)).newly_met ==
          std::vector<std::string>{"17"});
}

TEST_CASE("A total counts items rather than a share") {
    auto c = fixtures::small_campaign();
    c.add_progress({rec("hnd", "garden", date(2022, 4, 20), 1)});
    std::vector<derivation> how{{"gardens", "garden", derivation_kind::total, 2}};
    auto v = derive_indicator_values(c, c.units().root(), date(2022, 5, 30), how);
    CHECK(std::get<double>(v.at("gardens")) == 3);
}

TEST_CASE("Derivations that cannot be computed name the derivation and the unit") {
    auto c = fixtures::small_campaign();
    CHECK_THROWS_WITH_AS(
        derive_indicator_values(c, 0, date(2022, 5, 1), {{"17.x", "roads", {}, 0}}),
        doctest::Contains("derivation 0 (17.x)"), validation_error);
    CHECK_THROWS_WITH_AS(derive_indicator_values(c, c.units().at("hnd"), date(2022, 5, 1),
                                                 {{"17.x", "hedge", {}, 0}}),
                         doctest::Contains("unit \"hnd\" has no household count"),
                         validation_error);
}

TEST_CASE("Values derived from an existing roll-up are those derived from its date") {
    auto c = fixtures::small_campaign();
    c.add_progress(
        {rec("B", "hedge", date(2022, 4, 20), 3), rec("B", "hedge", date(2022, 5, 2), 2)});
    std::vector<derivation> how{{"17.x", "hedge", derivation_kind::share_of_households, 10}};
    const auto B = c.units().at("B");
    const rollup r(c, date(2022, 5, 2));
    CHECK(std::get<double>(derive_indicator_values(c, B, r, how).at("17.x")) ==
          doctest::Approx(75.0)); // (10 + 5) / 20
    CHECK(derive_indicator_values(c, B, r, how) ==
          derive_indicator_values(c, B, date(2022, 5, 2), how));
}
