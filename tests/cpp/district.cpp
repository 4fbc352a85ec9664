// A district assembled from copies of the seed commune: each unit keeps its commune's figures
// and the district's are the sum of its communes' own roll-ups.
#include "fixtures.hpp"
#include "random_campaign.hpp"
#include "seed.hpp"

#include <doctest/doctest.h>
#include <ntmkit/district.hpp>
#include <ntmkit/partial_rollup.hpp>
#include <ntmkit/rollup.hpp>

using namespace ntmkit;

namespace {
const unit_spec district{"huyen", "Huyện Thử", unit_level::province, "", std::nullopt, false};
}

TEST_CASE("A district of seed communes rolls up to the sum of the communes' own roll-ups") {
    const auto seed = fixtures::seed_with_progress();
    const auto plan_only = fixtures::seed_campaign(); // a third commune: targets, no progress
    const auto d = assemble_district(district, {{"a", &seed}, {"b", &seed}, {"c", &plan_only}});
    CHECK(d.units().size() == 1 + 3 * seed.units().size());
    CHECK(d.progress().size() == 2 * seed.progress().size());
    CHECK(d.units().id(d.units().parent(d.units().at("b/" + std::string(seed.units().id(0))))) ==
          "huyen");

    const date friday(2022, 5, 6);
    const rollup own(seed, friday), none(plan_only, friday), all(d, friday);
    for (std::size_t i = 0; i < seed.indicators().size(); ++i) {
        const auto ii = static_cast<indicator_index>(i);
        CAPTURE(seed.indicators()[i].id);
        // The seed's commune totals are official targets (140 hedges, …): three communes ask
        // three times as much, and the district has no target of its own.
        const auto root = all.row(0, ii);
        CHECK(root.target_derived);
        CHECK(*root.target == 3 * *own.row(0, ii).target);
        // Two communes did the seed's work, the third nothing yet.
        CHECK(root.tally == own.tally(0, ii) + own.tally(0, ii));
        CHECK(none.tally(0, ii) == progress_tally{});
        // Every unit of a commune keeps its own figures under its namespaced id.
        for (std::size_t u = 0; u < seed.units().size(); ++u) {
            const auto uu = static_cast<unit_index>(u);
            const auto b = d.units().at(district_unit_id("b", seed.units().id(uu)));
            CHECK(all.tally(b, ii) == own.tally(uu, ii));
            CHECK(all.row(b, ii).target == own.row(uu, ii).target);
        }
    }
    // The hedges by hand: the seed's commune target is 140 households.
    CHECK(*all.row(0, d.indicator_at("hang_rao_xanh")).target == 420);
}

TEST_CASE("A district keeps each commune's corrections and latest figures") {
    random_campaign::options o;
    o.latest_figures = o.corrections = true;
    const auto x = random_campaign::make(21, o), y = random_campaign::make(21, o);
    const auto d = assemble_district(district, {{"x", &x}, {"y", &y}});
    const date as_of(2022, 5, 13);
    const rollup rx(x, as_of), rd(d, as_of);
    for (std::size_t u = 0; u < x.units().size(); ++u)
        for (std::size_t i = 0; i < x.indicators().size(); ++i) {
            const auto uu = static_cast<unit_index>(u);
            const auto ii = static_cast<indicator_index>(i);
            CHECK(rd.tally(d.units().at(district_unit_id("y", x.units().id(uu))), ii) ==
                  rx.tally(uu, ii));
        }
    // The same district from partials, one per commune's records.
    partial_rollup px(d, as_of), py(d, as_of);
    px.add_log(d, 0, x.progress().size());
    py.add_log(d, x.progress().size(), d.progress().size());
    const auto merged = (py + px).finish(d);
    for (std::size_t i = 0; i < d.indicators().size(); ++i)
        CHECK(merged.tally(0, static_cast<indicator_index>(i)) ==
              rd.tally(0, static_cast<indicator_index>(i)));
}

TEST_CASE("Communes that do not share the district's campaign are refused by name") {
    const auto seed = fixtures::seed_campaign();
    const auto other = random_campaign::make(4);
    CHECK_THROWS_WITH_AS(assemble_district(district, {{"a", &seed}, {"b", &other}}),
                         doctest::Contains("commune \"b\""), validation_error);
    CHECK_THROWS_WITH_AS(assemble_district(district, {{"a", &seed}, {"a", &seed}}),
                         doctest::Contains("appears twice"), validation_error);
    CHECK_THROWS_AS(assemble_district(district, {{"a/b", &seed}}), validation_error);
    CHECK_THROWS_AS(assemble_district(district, {}), validation_error);
}
