// Year-end grading, every score worked out by hand (grading_table.hpp and the comments).
#include "grading_table.hpp"

#include <doctest/doctest.h>
#include <ntmkit/grading.hpp>
#include <ntmkit/ranking.hpp>

using namespace ntmkit;
using fixtures::rec;
using grading_fixture::subject_of;
using grading_fixture::year_table;

TEST_CASE("a subject's score is the weighted mean of its components and its grade the best "
          "threshold it reaches") {
    const auto r = grade_subjects(year_table());
    CHECK(*subject_of(r, "A").score == doctest::Approx(8.6 / 9));
    CHECK(*subject_of(r, "A").result == grade::excellent);
    CHECK(subject_of(r, "B").weight_total == 8);
    CHECK(*subject_of(r, "B").score == doctest::Approx(.775));
    CHECK(*subject_of(r, "B").result == grade::good);
    CHECK(*subject_of(r, "C").score == doctest::Approx(3.55 / 9));
    CHECK(*subject_of(r, "C").result == grade::not_completed);
    CHECK(*subject_of(r, "D").result == grade::good); // 2.1 / 3 reaches 70% exactly
    CHECK_FALSE(subject_of(r, "E").score);
    REQUIRE(r.ungraded().size() == 1);
    CHECK(r.ungraded()[0]->id == "E");
    CHECK(r.counts.at(grade::excellent) == 1);
    CHECK(r.counts.at(grade::good) == 2);
    CHECK(r.counts.count(grade::completed) == 0);
    CHECK(r.counts.at(grade::not_completed) == 1);
}

TEST_CASE("a missing value counted as zero lowers the grade; weight 0 shows a column without "
          "counting it") {
    auto t = year_table();
    t.components[4].missing_counts_as_zero = true; // B: 6.2 / 9 = .6889 → completed
    auto r = grade_subjects(t);
    CHECK(*subject_of(r, "B").score == doctest::Approx(6.2 / 9));
    CHECK(*subject_of(r, "B").result == grade::completed);
    t.components[0].weight = 0; // A: (1.8 + 2 + .8 + 1) / 6 = .9333, still excellent
    r = grade_subjects(t);
    CHECK(*subject_of(r, "A").score == doctest::Approx(5.6 / 6));
    CHECK_FALSE(subject_of(r, "A").components[0].in_score);
}

TEST_CASE("the commune's own thresholds decide the grades") {
    auto t = year_table();
    t.thresholds = {0.95, 0.8, 0.6, false}; // A .9556 excellent, B .775 completed, D .7 completed
    const auto r = grade_subjects(t);
    CHECK(*subject_of(r, "A").result == grade::excellent);
    CHECK(*subject_of(r, "B").result == grade::completed);
    CHECK(*subject_of(r, "D").result == grade::completed);
    CHECK(*subject_of(r, "C").result == grade::not_completed);
}

TEST_CASE("a table with thresholds out of order, a negative weight or a value above 1 is "
          "refused at its place") {
    auto t = year_table();
    t.thresholds.good = 0.95;
    CHECK(fixtures::error_of<validation_error>([&] { grade_subjects(t); }).where() ==
          "/thresholds");
    t = year_table();
    t.components[1].weight = -1;
    CHECK(fixtures::error_of<validation_error>([&] { grade_subjects(t); }).where() ==
          "/components/1/weight");
    t = year_table();
    CHECK_THROWS_AS(t.set_value("A", "dot1", 1.5), validation_error);
    CHECK_THROWS_AS(t.set_value("A", "nope", 0.5), validation_error);
}

TEST_CASE("completion of several campaigns and reporting on time fill the table from the "
          "campaigns") {
    // Campaign 1, hedge: A 10/10 = 1, B 5/20 = .25, C 4/10 = .4.
    // Campaign 2, garden: A 1/2 = .5, B 2/2 = 1, C 0/2 = 0.
    auto one = fixtures::small_campaign();
    one.set_targets({{"A", "hedge", 10}, {"B", "hedge", 20}, {"C", "hedge", 10}});
    const date d(2022, 4, 20);
    one.add_progress({rec("A", "hedge", d, 10), rec("B", "hedge", d, 5), rec("C", "hedge", d, 4)});
    auto two = fixtures::small_campaign();
    two.set_targets({{"A", "garden", 2}, {"B", "garden", 2}, {"C", "garden", 2}});
    two.add_progress({rec("A", "garden", d, 1), rec("B", "garden", d, 2)});
    // Reports due Fridays 15/4, 22/4, 29/4 by 29/4: A two on time and one late (2/3), B none
    // (0), C one early (1/3).
    one.add_submissions({{"A", date(2022, 4, 15), date(2022, 4, 15), "", ""},
                         {"A", date(2022, 4, 22), date(2022, 4, 22), "", ""},
                         {"A", date(2022, 4, 29), date(2022, 5, 2), "", ""},
                         {"C", date(2022, 4, 22), date(2022, 4, 21), "", ""}});
    grading_table t;
    t.components = {{"dot1", "Đợt 1", "", 2, grading_source::campaign_completion, false},
                    {"dot2", "Đợt 2", "", 1, grading_source::campaign_completion, false},
                    {"ontime", "Đúng hạn", "", 1, grading_source::reporting_timeliness, false}};
    ranking_options o;
    o.level = unit_level::village;
    const date end(2022, 5, 30);
    add_completion(t, "dot1", rank_units(one, end, o));
    add_completion(t, "dot2", rank_units(two, end, o));
    add_timeliness(t, "ontime", one, unit_level::village, date(2022, 4, 29));
    add_timeliness(t, "ontime", two, unit_level::village); // no submissions: nothing set
    const auto r = grade_subjects(t);
    // A: (2 + .5 + 2/3) / 4 = .7917 good; B: (.5 + 1 + 0) / 4 = .375; C: (.8 + 0 + 1/3) / 4.
    CHECK(subject_of(r, "A").components[2].value == doctest::Approx(2.0 / 3));
    CHECK(*subject_of(r, "A").score == doctest::Approx((2 + .5 + 2.0 / 3) / 4));
    CHECK(*subject_of(r, "A").result == grade::good);
    CHECK(*subject_of(r, "B").score == doctest::Approx(.375));
    CHECK(*subject_of(r, "C").score == doctest::Approx((.8 + 1.0 / 3) / 4));
    CHECK(subject_of(r, "C").kind == "village");
}

TEST_CASE("criteria kept is the share of an evaluation's criteria met") {
    auto t = year_table();
    evaluation e;
    e.criteria.resize(20);
    for (std::size_t k = 0; k < 18; ++k)
        e.criteria[k].status = criterion_status::met; // 18/20, two still unknown
    add_criteria_kept(t, "kept", "B", e);
    const auto r = grade_subjects(t);
    // B: 2.4 + 1.2 + 2 × .9 + .6 = 6 of 8 = 75% → good
    CHECK(subject_of(r, "B").components[2].value == doctest::Approx(0.9));
    CHECK(*subject_of(r, "B").score == doctest::Approx(0.75));
    CHECK_THROWS_AS(add_criteria_kept(t, "kept", "B", evaluation{}), validation_error);
}
