// The aggregation rules on their own, every value worked out by hand in the comments.
#include <doctest/doctest.h>
#include <ntmkit/aggregation.hpp>
#include <ntmkit/unit.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace ntmkit;

namespace {
constexpr auto distinct = hierarchy_aggregation::distinct_households;
constexpr auto summed = hierarchy_aggregation::sum;

//   xa (commune) ── A (village) ── A1 (household group)
//                └─ hnd (organisation) ── hnd_A (branch in village A)
unit_tree small_tree() {
    return unit_tree::build({
        {"xa", "Xã", unit_level::commune, "", std::nullopt, false},
        {"A", "Thôn A", unit_level::village, "xa", 10, false},
        {"A1", "Tổ 1", unit_level::household_group, "A", 4, false},
        {"hnd", "Hội Nông dân", unit_level::organisation, "xa", std::nullopt, false},
        {"hnd_A", "Chi hội A", unit_level::branch, "hnd", std::nullopt, false},
    });
}

std::vector<std::string> counting_ancestors(const unit_tree& t, const char* id,
                                            hierarchy_aggregation how) {
    std::vector<std::string> out;
    for_each_counting_ancestor(t, t.at(id), how, [&](unit_index a) { out.emplace_back(t.id(a)); });
    return out;
}
} // namespace

TEST_CASE("An organisation's distinct-household work stays out of its commune; sums carry") {
    using L = unit_level;
    CHECK_FALSE(carries_into_parent(L::organisation, L::commune, distinct));
    CHECK_FALSE(carries_into_parent(L::organisation, L::province, distinct));
    CHECK(carries_into_parent(L::organisation, L::commune, summed));
    CHECK(carries_into_parent(L::branch, L::organisation, distinct)); // inside the organisation
    CHECK(carries_into_parent(L::village, L::commune, distinct));
    CHECK(carries_into_parent(L::household_group, L::village, distinct));
    CHECK_FALSE(households_carry_into_parent(L::organisation, L::commune));
    CHECK(households_carry_into_parent(L::village, L::commune));
}

TEST_CASE("A branch's work counts up to its organisation, or to the commune for sums") {
    const auto t = small_tree();
    CHECK(counting_ancestors(t, "hnd_A", distinct) == std::vector<std::string>{"hnd_A", "hnd"});
    CHECK(counting_ancestors(t, "hnd_A", summed) == std::vector<std::string>{"hnd_A", "hnd", "xa"});
    CHECK(counting_ancestors(t, "A1", distinct) == std::vector<std::string>{"A1", "A", "xa"});
    CHECK(counts_into(t, t.at("A1"), t.at("xa"), distinct));
    CHECK_FALSE(counts_into(t, t.at("hnd_A"), t.at("xa"), distinct));
    CHECK(counts_into(t, t.at("hnd_A"), t.at("xa"), summed));
    CHECK_FALSE(counts_into(t, t.at("A"), t.at("A1"), summed)); // not an ancestor
}

TEST_CASE("A record stands once done and reported by then, until its correction is known") {
    // As of day 10, known by day 12.
    CHECK(record_stands(10, 12, never, 10, 12));
    CHECK_FALSE(record_stands(11, 11, never, 10, 12)); // done after the as-of day
    CHECK_FALSE(record_stands(9, 13, never, 10, 12));  // reported after day 12
    CHECK_FALSE(record_stands(9, 9, 12, 10, 12));      // its correction was reported on day 12
    CHECK(record_stands(9, 9, 13, 10, 12));            // … or only later
}

TEST_CASE("A sum tally splits the as-of day, the period so far and the whole campaign") {
    const tally_days days{10, 6}; // as of day 10, in a period that began on day 6
    progress_tally t;
    days.add(t, 3, 2);  // before the period: cumulative only
    days.add(t, 7, 3);  // in the period
    days.add(t, 10, 5); // on the day, in the period
    CHECK(t == progress_tally{5, 8, 10});
}

TEST_CASE("The latest figure stands by day done, then day reported, then record order") {
    latest_figure f;
    CHECK_FALSE(f.known());
    f.offer(5, 5, 100);
    f.offer(3, 9, 50); // done earlier: older, although reported later
    CHECK(f.value == 100);
    f.offer(5, 7, 120); // same day, reported later
    CHECK(f.value == 120);
    f.offer(5, 7, 130); // same days, a later record
    CHECK(f.value == 130);
    f.offer(5, 6, 999); // same day, reported earlier
    CHECK(f.value == 130);
    CHECK(f.known());

    latest_figure first_day; // a figure done on the campaign's first day (day 0) is known
    first_day.offer(0, 0, 7);
    CHECK(first_day.known());
    CHECK(first_day.value == 7);
}

TEST_CASE("A latest-figure tally's period and day amounts are its change since before them") {
    const tally_days days{10, 6};
    latest_tally l;
    l.offer(days, 2, 2, 100);
    l.offer(days, 5, 5, 140);   // the last figure before the period
    l.offer(days, 8, 8, 170);   // the last figure before the day
    l.offer(days, 10, 10, 200); // the figure now
    CHECK(l.tally() == progress_tally{30, 60, 200});
    latest_tally only_today;
    only_today.offer(days, 10, 10, 40); // nothing before: the whole figure is new
    CHECK(only_today.tally() == progress_tally{40, 40, 40});
}

TEST_CASE("Latest figures merge to the newest by day done, day reported, then record number") {
    latest_figure a, b, none;
    a.offer(5, 7, 120, 4);
    b.offer(5, 7, 130, 2); // same days, an earlier record: a's figure stands either way
    auto ab = a, ba = b;
    ab.merge(b);
    ba.merge(a);
    CHECK(ab.value == 120);
    CHECK(ba.value == 120);
    b.offer(5, 8, 140, 1); // reported later: newer, whatever its record number
    ba = b;
    ba.merge(a);
    CHECK(ba.value == 140);
    ab.merge(none); // an unknown figure changes nothing
    CHECK(ab.value == 120);

    const tally_days days{10, 6};
    latest_tally early, late; // one unit's records split between two partials
    early.offer(days, 5, 5, 140, 0);
    late.offer(days, 8, 8, 170, 1);
    late.offer(days, 10, 10, 200, 2);
    early.merge(late);
    CHECK(early.tally() == progress_tally{30, 60, 200}); // as offered to one tally
}

TEST_CASE("A unit without a target of its own takes the sum of its children's targets") {
    const double none = std::numeric_limits<double>::quiet_NaN();
    double sum = 0;
    std::uint8_t any = 0;
    add_child_target(none, sum, any); // a child without a target adds nothing
    CHECK_FALSE(any);
    add_child_target(3, sum, any);
    add_child_target(4, sum, any);
    CHECK(sum == 7);
    double own = none;
    CHECK(derive_target(own, sum, any));
    CHECK(own == 7);
    double set = 5; // a target of its own stands
    CHECK_FALSE(derive_target(set, sum, any));
    CHECK(set == 5);
    double nothing = none; // no child had one either
    CHECK_FALSE(derive_target(nothing, 0, false));
    CHECK(std::isnan(nothing));
}
