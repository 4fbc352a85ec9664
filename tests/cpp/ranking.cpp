// End-of-campaign ranking, every figure worked out by hand in the comments.
#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/json.hpp>
#include <ntmkit/ranking.hpp>
#include <ntmkit/render/ranking.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

using namespace ntmkit;
using fixtures::rec;

namespace {

// Five villages of ten households, window 15/4–30/5/2022. Targets on A–D, none on E.
//
//            hedge (target 10)   garden (target 4)   capped, equal weights   total done
//   A Thượng   10  100%              4  100%          (1 + 1) / 2    = 1        14
//   B Hạ       10  100%              7  175%          (1 + 1) / 2    = 1        17
//   C Trung     6   60%              1   25%          (.6 + .25) / 2 = .425      7
//   D Đoài      2   20%              3   75%          (.2 + .75) / 2 = .475      5
//   E Mới       no target                              unscored
campaign villages() {
    fixtures::campaign_setup s;
    s.id = "rank";
    s.name = "Ranking test";
    for (auto [id, name] : {std::pair{"A", "Thôn Thượng"},
                            {"B", "Thôn Hạ"},
                            {"C", "Thôn Trung"},
                            {"D", "Thôn Đoài"},
                            {"E", "Thôn Mới"}})
        s.units.push_back(fixtures::unit_spec_of(id, name, unit_level::village, "xa", 10));
    auto c = fixtures::make_campaign(s);
    std::vector<target_spec> targets;
    for (const char* v : {"A", "B", "C", "D"}) {
        targets.push_back({v, "hedge", 10, target_basis::planned});
        targets.push_back({v, "garden", 4, target_basis::planned});
    }
    c.set_targets(targets);
    const date d(2022, 5, 2);
    c.add_progress({rec("A", "hedge", d, 10), rec("A", "garden", d, 4), rec("B", "hedge", d, 10),
                    rec("B", "garden", d, 7), rec("C", "hedge", d, 6), rec("C", "garden", d, 1),
                    rec("D", "hedge", d, 2), rec("D", "garden", d, 3)});
    return c;
}

const date end_day(2022, 5, 30);

ranking_options at_village() {
    ranking_options o;
    o.level = unit_level::village;
    return o;
}

std::vector<std::string> ids(const campaign_ranking& r) {
    std::vector<std::string> out;
    for (const auto& s : r.ranked)
        out.push_back(s.id);
    return out;
}

std::vector<int> ranks(const campaign_ranking& r) {
    std::vector<int> out;
    for (const auto& s : r.ranked)
        out.push_back(s.rank);
    return out;
}

std::vector<std::string> listed(const campaign_ranking& r, const std::vector<std::size_t>& ks) {
    std::vector<std::string> out;
    for (auto k : ks)
        out.push_back(r.ranked[k].id);
    return out;
}

using strings = std::vector<std::string>;

} // namespace

TEST_CASE("Equal scores share a rank and the next rank skips") {
    const auto c = villages();
    const auto r = rank_units(c, end_day, at_village());
    CHECK(ranks(r) == std::vector<int>{1, 1, 3, 4});
    CHECK(r.ranked[0].score == doctest::Approx(1.0));
    CHECK(r.ranked[1].score == doctest::Approx(1.0));
    CHECK(r.ranked[2].id == "D");
    CHECK(r.ranked[2].score == doctest::Approx(0.475));
    CHECK(r.ranked[3].id == "C");
    CHECK(r.ranked[3].score == doctest::Approx(0.425));
    CHECK(r.ranked[3].indicators.size() == 2);
    CHECK(r.ranked[3].indicators[1].ratio == doctest::Approx(0.25));
}

TEST_CASE("The tie-break orders a shared rank for display without splitting it") {
    const auto c = villages();
    auto o = at_village();
    SUBCASE("none keeps the order of the unit tree") {
        o.tie = tie_break::none;
        CHECK(ids(rank_units(c, end_day, o)) == strings{"A", "B", "D", "C"});
    }
    SUBCASE("cumulative total: B did 17, A 14") {
        o.tie = tie_break::cumulative_total;
        const auto r = rank_units(c, end_day, o);
        CHECK(ids(r) == strings{"B", "A", "D", "C"});
        CHECK(r.ranked[0].cumulative_total == 17);
        CHECK(ranks(r) == std::vector<int>{1, 1, 3, 4});
    }
    SUBCASE("name: \"Thôn Hạ\" before \"Thôn Thượng\"") {
        o.tie = tie_break::name;
        const auto r = rank_units(c, end_day, o);
        CHECK(ids(r) == strings{"B", "A", "D", "C"});
        CHECK(ranks(r) == std::vector<int>{1, 1, 3, 4});
    }
}

TEST_CASE("Units with no target are listed as unscored, not ranked") {
    const auto r = rank_units(villages(), end_day, at_village());
    CHECK(r.ranked.size() == 4);
    REQUIRE(r.unscored.size() == 1);
    CHECK(r.unscored[0].id == "E");
    CHECK(r.unscored[0].name == "Thôn Mới");
}

TEST_CASE("Without the cap, work beyond a quota raises the score") {
    auto o = at_village();
    o.cap_at_100 = false;
    const auto r = rank_units(villages(), end_day, o);
    // B: (1 + 1.75) / 2 = 1.375 now leads alone; A stays at 1.
    CHECK(ids(r) == strings{"B", "A", "D", "C"});
    CHECK(ranks(r) == std::vector<int>{1, 2, 3, 4});
    CHECK(r.ranked[0].score == doctest::Approx(1.375));
    CHECK(r.ranked[0].indicators[1].counted == doctest::Approx(1.75));
}

TEST_CASE("Weights change the score and the order") {
    const auto c = villages();
    auto o = at_village();
    SUBCASE("hedge 3, garden 1") {
        o.weights = {{"hedge", 3}};
        const auto r = rank_units(c, end_day, o);
        // C: (3 × .6 + .25) / 4 = .5125; D: (3 × .2 + .75) / 4 = .3375.
        CHECK(ids(r) == strings{"A", "B", "C", "D"});
        CHECK(r.ranked[2].score == doctest::Approx(0.5125));
        CHECK(r.ranked[3].score == doctest::Approx(0.3375));
        CHECK(r.weights.at("garden") == 1);
    }
    SUBCASE("a weight of 0 leaves the indicator out") {
        o.weights = {{"garden", 0}};
        const auto r = rank_units(c, end_day, o);
        CHECK(r.ranked[2].id == "C");
        CHECK(r.ranked[2].score == doctest::Approx(0.6));
        CHECK(r.ranked[2].indicators.size() == 1);
    }
    SUBCASE("an unknown indicator or a negative weight is an error") {
        o.weights = {{"toilet", 1}};
        CHECK_THROWS_AS(rank_units(c, end_day, o), validation_error);
        o.weights = {{"hedge", -1}};
        CHECK_THROWS_AS(rank_units(c, end_day, o), validation_error);
    }
}

TEST_CASE("The lists to commend and to remind follow the declared rules") {
    const auto c = villages();
    auto o = at_village();
    SUBCASE("nobody is commended unless a rule is given; below 50% is reminded") {
        const auto r = rank_units(c, end_day, o);
        CHECK(r.commend.empty());
        CHECK(listed(r, r.remind) == strings{"D", "C"});
        CHECK(r.ranked[2].reminded);
    }
    SUBCASE("top 1 takes everyone sharing rank 1") {
        o.commend_top_k = 1;
        const auto r = rank_units(c, end_day, o);
        CHECK(listed(r, r.commend) == strings{"A", "B"});
    }
    SUBCASE("top 3") {
        o.commend_top_k = 3;
        o.remind_below = 0.4;
        const auto r = rank_units(c, end_day, o);
        CHECK(listed(r, r.commend) == strings{"A", "B", "D"});
    }
    SUBCASE("a unit reminded is not commended, even in the top k") {
        o.commend_top_k = 3; // D ranks 3rd with 47.5%, under the 50% remind line
        const auto r = rank_units(c, end_day, o);
        CHECK(listed(r, r.commend) == strings{"A", "B"});
        CHECK(listed(r, r.remind) == strings{"D", "C"});
        CHECK_FALSE(r.ranked[2].commended);
    }
    SUBCASE("a threshold") {
        o.commend_at_least = 0.475; // D's score exactly: at least
        o.remind_below = 0.4;
        const auto r = rank_units(c, end_day, o);
        CHECK(listed(r, r.commend) == strings{"A", "B", "D"});
    }
    SUBCASE("top k and a threshold must both hold") {
        o.commend_top_k = 3;
        o.commend_at_least = 0.9;
        const auto r = rank_units(c, end_day, o);
        CHECK(listed(r, r.commend) == strings{"A", "B"});
    }
    SUBCASE("another remind threshold") {
        o.remind_below = 0.45;
        const auto r = rank_units(c, end_day, o);
        CHECK(listed(r, r.remind) == strings{"C"});
    }
}

TEST_CASE("Evenness of a worked example: mean, standard deviation, CV and Gini") {
    SUBCASE("0.2, 0.4, 0.6, 0.8") {
        // mean .5; Σ(x − mean)² = .09 + .01 + .01 + .09 = .2, / 4 = .05, σ = √.05 ≈ .22361;
        // CV = σ / .5 ≈ .44721. Gini: pair differences .2 .4 .6 .2 .4 .2 sum to 2, both
        // orders 4; 4 / (2 × 4² × .5) = 4 / 16 = .25.
        const auto s = spread_of({0.8, 0.2, 0.6, 0.4});
        CHECK(s.count == 4);
        CHECK(s.mean == doctest::Approx(0.5));
        CHECK(s.stddev == doctest::Approx(std::sqrt(0.05)));
        CHECK(*s.cv == doctest::Approx(0.4472136));
        CHECK(*s.gini == doctest::Approx(0.25));
        CHECK(s.min == doctest::Approx(0.2));
        CHECK(s.max == doctest::Approx(0.8));
    }
    SUBCASE("all equal is perfectly even") {
        const auto s = spread_of({0.7, 0.7, 0.7});
        CHECK(s.stddev == doctest::Approx(0));
        CHECK(*s.gini == doctest::Approx(0));
    }
    SUBCASE("all zero has no CV or Gini") {
        const auto s = spread_of({0, 0});
        CHECK_FALSE(s.cv);
        CHECK_FALSE(s.gini);
    }
    SUBCASE("nothing") {
        CHECK(spread_of({}).count == 0);
    }
}

TEST_CASE("Evenness of the villages' scores and of each indicator") {
    const auto r = rank_units(villages(), end_day, at_village());
    // Scores 1, 1, .475, .425: mean 2.9 / 4 = .725. Deviations .275 .275 −.25 −.3, squares
    // .075625 .075625 .0625 .09 sum .30375, / 4 = .0759375, σ ≈ .275568, CV ≈ .380093.
    // Gini: pair differences 0 .525 .575 .525 .575 .05 sum 2.25, both orders 4.5;
    // 4.5 / (2 × 16 × .725) = 4.5 / 23.2 ≈ .193966.
    const auto& e = r.evenness;
    CHECK(e.count == 4);
    CHECK(e.mean == doctest::Approx(0.725));
    CHECK(e.stddev == doctest::Approx(std::sqrt(0.0759375)));
    CHECK(*e.cv == doctest::Approx(std::sqrt(0.0759375) / 0.725));
    CHECK(*e.gini == doctest::Approx(4.5 / 23.2));
    CHECK(e.min == doctest::Approx(0.425));
    CHECK(e.max == doctest::Approx(1.0));
    // Per indicator, capped: hedge 1 1 .6 .2 (mean .7), garden 1 1 .25 .75 (mean .75).
    REQUIRE(r.per_indicator.size() == 2);
    CHECK(r.per_indicator[0].id == "hedge");
    CHECK(r.per_indicator[0].stats.mean == doctest::Approx(0.7));
    CHECK(r.per_indicator[1].stats.mean == doctest::Approx(0.75));
    CHECK(r.per_indicator[1].stats.min == doctest::Approx(0.25));
}

TEST_CASE("A ranking at a level with no units is empty") {
    const auto r = rank_units(villages(), end_day, {}); // household groups: none here
    CHECK(r.ranked.empty());
    CHECK(r.unscored.empty());
    CHECK(r.evenness.count == 0);
}

TEST_CASE("The ranking is written to JSON with enums as strings") {
    auto o = at_village();
    o.tie = tie_break::cumulative_total;
    o.commend_top_k = 1;
    const auto r = rank_units(villages(), end_day, o);
    nlohmann::json j = r;
    CHECK(j["as_of"] == "2022-05-30");
    CHECK(j["level"] == "village");
    CHECK(j["tie_break"] == "cumulative_total");
    CHECK(j["cap_at_100"] == true);
    CHECK(j["weights"]["hedge"] == 1.0);
    CHECK(j["ranked"].size() == 4);
    CHECK(j["ranked"][0]["id"] == "B");
    CHECK(j["ranked"][1]["rank"] == 1);
    CHECK(j["ranked"][3]["indicators"][0]["ratio"].get<double>() == doctest::Approx(0.6));
    CHECK(j["commend"] == nlohmann::json{"B", "A"});
    CHECK(j["remind"] == nlohmann::json{"D", "C"});
    CHECK(j["unscored"][0]["id"] == "E");
    CHECK(j["evenness"]["mean"].get<double>() == doctest::Approx(0.725));
    CHECK(j["per_indicator"]["garden"]["count"] == 4);
    CHECK(nlohmann::json(spread_of({0.0}))["gini"].is_null());
}

TEST_CASE("The final-report section is in Vietnamese with decimal commas, or in English") {
    const auto c = villages();
    auto o = at_village();
    o.commend_top_k = 1;
    const auto r = rank_units(c, end_day, o);
    SUBCASE("Vietnamese") {
        const auto md = render_ranking_markdown(c, r);
        CHECK(md.find("## Đánh giá, xếp hạng cuối đợt") != std::string::npos);
        CHECK(md.find("| 3 | Thôn Đoài ⚠ | 47,5% |") != std::string::npos);
        CHECK(md.find("Thôn Thượng ★") != std::string::npos);
        CHECK(md.find("**Cần nhắc nhở** (⚠): Thôn Đoài (47,5%), Thôn Trung (42,5%)") !=
              std::string::npos);
        CHECK(md.find("trung bình 72,5%") != std::string::npos);
        CHECK(md.find("Gini 0,194") != std::string::npos);
        CHECK(md.find("Thôn Mới") != std::string::npos);
    }
    SUBCASE("English") {
        const auto md = render_ranking_markdown(c, r, "en");
        CHECK(md.find("## End-of-campaign ranking") != std::string::npos);
        CHECK(md.find("| Rank | Unit | Score | Green hedge | Ecological garden |") !=
              std::string::npos);
        CHECK(md.find("mean 72.5%") != std::string::npos);
        CHECK(md.find("Gini 0.194") != std::string::npos);
    }
}

namespace {
// Villages with one quota each on `garden` (gardens: no household cap) and optionally on
// `hedge`, in the order given: {id, name, garden target, garden done, hedge done}.
struct village_work {
    const char* id;
    const char* name;
    double garden_target, garden_done, hedge_done;
};

campaign villages_of(const std::vector<village_work>& vs, bool with_hedge) {
    fixtures::campaign_setup setup;
    for (const auto& v : vs)
        setup.units.push_back(fixtures::unit_spec_of(v.id, v.name, unit_level::village, "xa", 10));
    campaign c = fixtures::make_campaign(setup);
    std::vector<target_spec> targets;
    std::vector<progress_record> work;
    const date d(2022, 5, 2);
    for (const auto& v : vs) {
        targets.push_back({v.id, "garden", v.garden_target, target_basis::planned});
        work.push_back(rec(v.id, "garden", d, v.garden_done));
        if (with_hedge) {
            targets.push_back({v.id, "hedge", 10, target_basis::planned});
            work.push_back(rec(v.id, "hedge", d, v.hedge_done));
        }
    }
    c.set_targets(targets);
    c.add_progress(work);
    return c;
}

std::map<std::string, int> rank_of(const campaign_ranking& r) {
    std::map<std::string, int> out;
    for (const auto& s : r.ranked)
        out[s.id] = s.rank;
    return out;
}
} // namespace

TEST_CASE("Near-equal scores rank the same whatever the order of the units") {
    // V0..V7 score 0.5 + k·6e-10 (garden done 5e8 + 0.6k of 1e9). On the 1e-9 grid the
    // keys are 5e8 + round(0.6k) = +0, +1, +1, +2, +2, +3, +4, +4: V7 and V6 share rank 1,
    // V5 is 3rd, V4 and V3 share 4th, V2 and V1 share 6th, V0 is 8th.
    const char* names[] = {"V0", "V1", "V2", "V3", "V4", "V5", "V6", "V7"};
    std::vector<village_work> vs;
    for (int k = 0; k < 8; ++k)
        vs.push_back({names[k], names[k], 1e9, 5e8 + 0.6 * k, 0});
    const std::map<std::string, int> want{{"V7", 1}, {"V6", 1}, {"V5", 3}, {"V4", 4},
                                          {"V3", 4}, {"V2", 6}, {"V1", 6}, {"V0", 8}};
    auto o = at_village();
    const auto forward = rank_units(villages_of(vs, false), end_day, o);
    std::reverse(vs.begin(), vs.end());
    const auto backward = rank_units(villages_of(vs, false), end_day, o);
    CHECK(rank_of(forward) == want);
    CHECK(rank_of(backward) == want);
    for (const auto* r : {&forward, &backward})
        for (std::size_t k = 1; k < r->ranked.size(); ++k)
            CHECK(score_key(r->ranked[k - 1].score) >= score_key(r->ranked[k].score));
}

TEST_CASE("The name tie-break is byte order, the total tie-break the larger total first") {
    // All three score 100% (capped). Totals: Bắc 10 + 6 = 16, Đông 10 + 4 = 14, Tây 10 + 8
    // = 18. Byte order puts "Tây" (T = 0x54) before "Đông" (Đ = 0xC4 0x90), where Vietnamese
    // collation would put Đ (after D) before T.
    const auto c = villages_of(
        {{"bac", "Bắc", 4, 6, 10}, {"dong", "Đông", 4, 4, 10}, {"tay", "Tây", 4, 8, 10}}, true);
    auto o = at_village();
    o.tie = tie_break::none;
    CHECK(ids(rank_units(c, end_day, o)) == strings{"bac", "dong", "tay"});
    o.tie = tie_break::cumulative_total;
    CHECK(ids(rank_units(c, end_day, o)) == strings{"tay", "bac", "dong"});
    o.tie = tie_break::name;
    const auto r = rank_units(c, end_day, o);
    CHECK(ids(r) == strings{"bac", "tay", "dong"});
    CHECK(ranks(r) == std::vector<int>{1, 1, 1});
}

TEST_CASE("Scores a billionth apart tie; scores further apart do not") {
    // 0.5 and 0.5 + 4e-10 round to the same key; 0.5 and 0.5 + 1e-8 do not.
    const auto close = villages_of({{"a", "a", 1e9, 5e8, 0}, {"b", "b", 1e9, 5e8 + 0.4, 0}}, false);
    CHECK(ranks(rank_units(close, end_day, at_village())) == std::vector<int>{1, 1});
    const auto apart = villages_of({{"a", "a", 1e9, 5e8, 0}, {"b", "b", 1e9, 5e8 + 10, 0}}, false);
    const auto r = rank_units(apart, end_day, at_village());
    CHECK(ids(r) == strings{"b", "a"});
    CHECK(ranks(r) == std::vector<int>{1, 2});
}

TEST_CASE("Thresholds that are not numbers are refused") {
    const auto c = villages();
    auto o = at_village();
    SUBCASE("commend_at_least") {
        o.commend_at_least = std::nan("");
        CHECK_THROWS_WITH_AS(rank_units(c, end_day, o),
                             doctest::Contains("ranking commend_at_least"), validation_error);
    }
    SUBCASE("remind_below") {
        o.remind_below = std::numeric_limits<double>::infinity();
        CHECK_THROWS_WITH_AS(rank_units(c, end_day, o), doctest::Contains("ranking remind_below"),
                             validation_error);
    }
}
