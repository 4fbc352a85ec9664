// Cumulative series: hand-worked on the small fixture campaign, and day by day against full
// roll-ups (a second, independent method) on the seed campaign and random campaigns.
#include "fixtures.hpp"
#include "random_campaign.hpp"

#include <doctest/doctest.h>
#include <ntmkit/csv.hpp>
#include <ntmkit/json.hpp>
#include <ntmkit/rollup.hpp>
#include <ntmkit/series.hpp>

#include <optional>
#include <string>
#include <vector>

using namespace ntmkit;
using fixtures::rec;

namespace {
campaign with_hedges() {
    auto c = fixtures::small_campaign();
    auto late = rec("C", "hedge", date(2022, 4, 21), 6);
    late.reported = date(2022, 4, 27);
    c.add_progress({
        rec("A1", "hedge", date(2022, 4, 15), 2),  // record 0
        rec("A2", "hedge", date(2022, 4, 20), 3),  // record 1
        rec("B", "hedge", date(2022, 4, 22), 5),   // record 2
        rec("hnd", "hedge", date(2022, 4, 22), 4), // the organisation: not added to the commune
        late,                                      // reported five days late
    });
    return c;
}

// Every unit and indicator, every day from two days before the window to two after, against
// the cumulative figure of a full roll-up of that day.
void check_against_rollups(const campaign& c, std::optional<date> known_by) {
    const date first = c.window().first() - boost::gregorian::days(2);
    const date last = c.window().last() + boost::gregorian::days(2);
    std::vector<rollup> daily;
    rollup_options o;
    o.known_by = known_by;
    for (date d = first; d <= last; d += boost::gregorian::days(1))
        daily.emplace_back(c, d, o);
    std::size_t differ = 0;
    for (std::size_t u = 0; u < c.units().size(); ++u)
        for (std::size_t i = 0; i < c.indicators().size(); ++i) {
            const auto uu = static_cast<unit_index>(u);
            const auto ii = static_cast<indicator_index>(i);
            const auto s = cumulative_series(c, uu, ii, first, last, known_by);
            REQUIRE(s.size() == daily.size());
            for (std::size_t k = 0; k < s.size(); ++k)
                differ += s[k] != daily[k].tally(uu, ii).cumulative;
        }
    CHECK(differ == 0);
}
} // namespace

TEST_CASE("A commune's cumulative series counts each household once, from the day it is done") {
    const auto c = with_hedges();
    const auto xa = c.units().root();
    const auto hedge = c.indicator_at("hedge");
    // 14/4 is before the campaign; A1's 2 on 15/4, A2's 3 on 20/4, C's 6 on 21/4, B's 5 on
    // 22/4; the Farmers' Union's 4 stay out of the commune.
    CHECK(cumulative_series(c, xa, hedge, date(2022, 4, 14), date(2022, 4, 23)) ==
          std::vector<double>{0, 2, 2, 2, 2, 2, 5, 11, 16, 16});
    // As known on 22/4, C's late record is not there yet.
    CHECK(cumulative_series(c, xa, hedge, date(2022, 4, 20), date(2022, 4, 22),
                            date(2022, 4, 22)) == std::vector<double>{5, 5, 10});
    CHECK(cumulative_series(c, c.units().at("hnd"), hedge, date(2022, 4, 21), date(2022, 4, 22)) ==
          std::vector<double>{0, 4});
    CHECK(cumulative_series(c, xa, hedge, date(2022, 4, 22), date(2022, 4, 21)).empty());
}

TEST_CASE("A cumulative series follows a correction from the day it was reported") {
    auto c = with_hedges();
    auto fix = rec("A1", "hedge", date(2022, 4, 15), 3); // record 0 said 2
    fix.reported = date(2022, 4, 25);
    fix.supersedes = 0;
    c.add_progress({fix});
    const auto A = c.units().at("A");
    const auto hedge = c.indicator_at("hedge");
    CHECK(cumulative_series(c, A, hedge, date(2022, 4, 15), date(2022, 4, 20)) ==
          std::vector<double>{3, 3, 3, 3, 3, 6});
    CHECK(cumulative_series(c, A, hedge, date(2022, 4, 15), date(2022, 4, 20), date(2022, 4, 22)) ==
          std::vector<double>{2, 2, 2, 2, 2, 5});
}

TEST_CASE("A latest-figure series adds each group's latest running total") {
    const auto m = fixtures::running_metres();
    const auto s = cumulative_series(m, m.units().at("A"), 0, date(2022, 4, 17), date(2022, 4, 29));
    // 17/4: nothing; 18/4: 100; 20/4: 100 + 50; 25/4: 160 + 50; 29/4: 230 + 50.
    CHECK(s == std::vector<double>{0, 100, 100, 150, 150, 150, 150, 150, 210, 210, 210, 210, 280});
}

TEST_CASE("A cumulative series equals the day-by-day roll-ups of the seed campaign") {
    auto c = load_campaign(std::string(NTMKIT_EXAMPLES_DIR) + "/seed/campaign.json");
    add_progress_csv(c, read_text_file(std::string(NTMKIT_EXAMPLES_DIR) + "/seed/progress.csv"));
    check_against_rollups(c, std::nullopt);
    check_against_rollups(c, date(2022, 5, 6));
}

TEST_CASE("A cumulative series equals the day-by-day roll-ups of random campaigns") {
    // Latest-figure indicators and corrections included; quantities are halves, so exact.
    random_campaign::options opt;
    opt.latest_figures = opt.corrections = true;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const auto c = random_campaign::make(seed, opt);
        check_against_rollups(c, std::nullopt);
        check_against_rollups(c, c.window().first() + boost::gregorian::days(20));
    }
}

namespace {
// Every unit's series of every `sum` indicator against the day-by-day record-order roll-ups.
std::size_t every_unit_differs(const campaign& c, std::optional<date> known_by, bool scan) {
    rollup_options o;
    o.known_by = known_by;
    o.use_scan_layout = false;
    const std::size_t days = static_cast<std::size_t>(c.window().days());
    std::vector<rollup> daily;
    for (std::size_t d = 0; d < days; ++d)
        daily.emplace_back(c, c.window().first() + boost::gregorian::days(static_cast<long>(d)), o);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < c.indicators().size(); ++i) {
        const auto ii = static_cast<indicator_index>(i);
        if (c.indicators()[i].over_time != time_aggregation::sum)
            continue;
        const auto s = every_unit_cumulative_series(c, ii, known_by, scan);
        REQUIRE(s.size() == c.units().size() * days);
        for (std::size_t u = 0; u < c.units().size(); ++u)
            for (std::size_t d = 0; d < days; ++d)
                differ +=
                    s[u * days + d] != daily[d].tally(static_cast<unit_index>(u), ii).cumulative;
    }
    return differ;
}
} // namespace

TEST_CASE("Every unit's burn-up series in one pass equals the day-by-day roll-ups") {
    const auto hedges = with_hedges();
    const auto hedge = hedges.indicator_at("hedge");
    const auto s = every_unit_cumulative_series(hedges, hedge);
    const auto days = static_cast<std::size_t>(hedges.window().days());
    // The commune, 15/4 to 22/4 (days 0–7): A1's 2, A2's 3 on 20/4, C's 6 on 21/4, B's 5.
    const auto xa = static_cast<std::size_t>(hedges.units().root()) * days;
    CHECK(std::vector<double>(s.begin() + xa, s.begin() + xa + 8) ==
          std::vector<double>{2, 2, 2, 2, 2, 5, 11, 16});
    CHECK(s[xa + days - 1] == 16);
    CHECK_THROWS_AS(every_unit_cumulative_series(fixtures::running_metres(), 0),
                    std::invalid_argument);
    // Random campaigns: corrections (the record-order pass), then big ones read block by block
    // from the scan layout, everything known and as known on a past day.
    random_campaign::options corrected;
    corrected.corrections = true;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        const auto c = random_campaign::make(seed, corrected);
        CHECK(every_unit_differs(c, std::nullopt, true) == 0);
        CHECK(every_unit_differs(c, c.window().first() + boost::gregorian::days(20), true) == 0);
    }
    random_campaign::options big;
    big.communes = 1700;
    const auto c = random_campaign::make(31, big);
    REQUIRE(c.progress().has_scan_layout());
    CHECK(every_unit_differs(c, std::nullopt, true) == 0);
    CHECK(every_unit_differs(c, c.window().first() + boost::gregorian::days(20), true) == 0);
    CHECK(every_unit_differs(c, std::nullopt, false) == 0);
}
