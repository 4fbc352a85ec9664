// The reports as data, built from an existing roll-up or from a date, and the roll-ups a final
// report needs, each built once.
#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/json.hpp>
#include <ntmkit/render.hpp>

using namespace ntmkit;
using fixtures::rec;

namespace {
// Two themed weeks back to back, and a record reported three days late.
campaign two_themes() {
    auto c = fixtures::small_campaign();
    c.set_targets(
        {{"xa", "hedge", 20, target_basis::official}, {"A", "garden", 4, target_basis::official}});
    auto late = rec("C", "garden", date(2022, 5, 27), 1);
    late.reported = date(2022, 5, 30);
    c.add_progress(
        {rec("A1", "hedge", date(2022, 4, 18), 2), rec("B", "hedge", date(2022, 4, 25), 3),
         rec("A", "garden", date(2022, 5, 2), 1), rec("C", "hedge", date(2022, 5, 4), 1), late});
    c.set_themes({fixtures::theme("t1", date(2022, 4, 22), date(2022, 4, 28), {"hedge"}, "t1", ""),
                  fixtures::theme("t2", date(2022, 4, 29), date(2022, 5, 5), {"hedge", "garden"},
                                  "t2", "")});
    return c;
}
} // namespace

TEST_CASE("A weekly report from an existing roll-up is the report built from its date") {
    const auto c = two_themes();
    report_options o;
    o.known_by = date(2022, 4, 29);
    rollup_options ro;
    ro.known_by = o.known_by;
    const rollup r(c, date(2022, 4, 29), ro);
    const auto from_rollup = build_weekly_report(c, r, o);
    const auto from_date = build_weekly_report(c, date(2022, 4, 29), o);
    // t1 on 23/4–28/4 (hedge) and t2 on 29/4 (hedge, garden).
    REQUIRE(from_date.themes.size() == 3);
    CHECK(render_markdown(c, from_rollup) == render_markdown(c, from_date));
    CHECK(render_csv(c, from_rollup) == render_csv(c, from_date));
}

TEST_CASE("A final report from the last day's roll-up is the report built from the campaign") {
    const auto c = two_themes();
    final_report_options o;
    o.known_by = date(2022, 5, 29);
    rollup_options ro;
    ro.known_by = o.known_by;
    const auto a = build_final_report(c, rollup(c, c.window().last(), ro), o);
    const auto b = build_final_report(c, o);
    CHECK(render_markdown(c, a) == render_markdown(c, b));
    CHECK(nlohmann::json(a.ranking) == nlohmann::json(b.ranking));
    // The ranking is rank_units on that roll-up, and on that day as known then.
    ranking_options rank = o.ranking;
    rank.level = o.level;
    rank.known_by = o.known_by;
    CHECK(nlohmann::json(a.ranking) ==
          nlohmann::json(rank_units(c, rollup(c, c.window().last(), ro), rank)));
    CHECK(nlohmann::json(a.ranking) == nlohmann::json(rank_units(c, c.window().last(), rank)));
}

TEST_CASE("A final report builds each roll-up it needs once") {
    const auto c = two_themes();
    // Days needed: the last day 30/5 (figures and ranking); t1 22/4–28/4: its last day 28/4
    // and the day before it 21/4 (the 7 days before began on the first day); t2 29/4–5/5: 5/5,
    // 28/4 and 21/4 again. Four roll-ups (seven before they were shared).
    rollup_cache rollups(c);
    const auto rep = build_final_report(c, final_report_options{}, rollups);
    CHECK(rollups.built() == 4);
    REQUIRE(rep.themes.size() == 3);
    CHECK(rep.themes[0].done == 3);        // B on 25/4
    CHECK(rep.themes[0].done_before == 2); // A1 on 18/4
    CHECK(rep.themes[1].done == 1);        // C on 4/5
    CHECK(rep.themes[1].done_before == 3);
    CHECK(rep.themes[2].done == 1); // A's garden on 2/5

    SUBCASE("reproduced as known on the last day, the snapshot adds the day known now") {
        final_report_options o;
        o.known_by = c.window().last(); // the late record arrived that day: nothing to revise
        rollup_cache again(c);
        build_final_report(c, o, again);
        CHECK(again.built() == 5); // the four as known by 30/5, and 30/5 as known now
    }
}

TEST_CASE("A roll-up lent to the cache is used instead of building it") {
    const auto c = two_themes();
    const rollup last(c, c.window().last());
    rollup_cache rollups(c);
    rollups.lend(last, std::nullopt);
    CHECK(&rollups.at(c.window().last(), std::nullopt) == &last);
    CHECK(rollups.built() == 0);
    rollup_options ro;
    ro.known_by = date(2022, 5, 29);
    CHECK(rollups.at(c.window().last(), ro.known_by).tally(c.units().root(), 1).cumulative == 1);
    CHECK(rollups.built() == 1);
}

TEST_CASE("Each unit's reports in the final report are its own completeness over the campaign") {
    auto c = two_themes();
    // 8 periods (15/4, the Fridays 22/4 … 27/5, 30/5). A on time twice, B late once.
    c.add_submissions({{"A", date(2022, 4, 22), date(2022, 4, 22), "", ""},
                       {"A", date(2022, 4, 29), date(2022, 4, 29), "", ""},
                       {"B", date(2022, 4, 22), date(2022, 4, 25), "", ""}});
    const auto rep = build_final_report(c);
    const auto periods = c.schedule().periods(c.window());
    REQUIRE(rep.unit_reporting.size() == 3); // villages A, B, C
    for (const auto& x : rep.unit_reporting) {
        completeness_options co;
        co.within = x.unit;
        const auto own = reporting_completeness(c, periods, co);
        CAPTURE(x.unit);
        CHECK(x.reporting.expected == own.expected);
        CHECK(x.reporting.received == own.received);
        CHECK(x.reporting.on_time == own.on_time);
        CHECK(x.reporting.missing.size() == own.missing.size());
        REQUIRE(x.reporting.late.size() == own.late.size());
        for (std::size_t k = 0; k < own.late.size(); ++k)
            CHECK(x.reporting.late[k].submitted == own.late[k].submitted);
    }
    const auto* b = rep.reporting_of(c.units().at("B"));
    REQUIRE(b);
    CHECK(b->expected == static_cast<int>(periods.size()));
    CHECK(b->received == 1);
    CHECK(b->on_time == 0);
    CHECK(rep.reporting_of(c.units().at("A"))->on_time == 2);
}
