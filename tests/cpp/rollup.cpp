// Roll-ups of the small fixture campaign, every figure worked out by hand in the comments.
#include "fixtures.hpp"
#include "random_campaign.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <ntmkit/rollup.hpp>

using namespace ntmkit;
using fixtures::rec;

namespace {
campaign with_progress() {
    auto c = fixtures::small_campaign();
    c.set_targets({{"xa", "hedge", 20, target_basis::official},
                   {"A", "hedge", 8, target_basis::planned},
                   {"B", "hedge", 12, target_basis::planned},
                   {"xa", "garden", 4, target_basis::official}});
    c.add_progress({
        rec("A1", "hedge", date(2022, 4, 15), 2),  // record 0
        rec("A2", "hedge", date(2022, 4, 20), 3),  // record 1
        rec("B", "hedge", date(2022, 4, 22), 5),   // record 2
        rec("hnd", "hedge", date(2022, 4, 22), 4), // organisation: not added to the commune
        rec("B", "garden", date(2022, 4, 21), 1),
        rec("hnd", "garden", date(2022, 4, 29), 1), // gardens sum over organisations too
    });
    return c;
}
} // namespace

TEST_CASE("Roll-up on a Friday sums the day, the report week and the whole campaign") {
    auto c = with_progress();
    rollup r(c, date(2022, 4, 22));
    const auto& u = c.units();
    const auto hedge = c.indicator_at("hedge");
    // The report week of Friday 22/4 is Saturday 16/4 to Friday 22/4.
    CHECK(r.period().first == date(2022, 4, 16));
    CHECK(r.period().last == date(2022, 4, 22));
    CHECK(r.elapsed_days() == 8); // 15/4..22/4

    SUBCASE("a household group") {
        auto a1 = r.row(u.at("A1"), hedge);
        CHECK(a1.tally == progress_tally{0, 0, 2}); // its only record is 15/4, before the week
        CHECK_FALSE(a1.target);
        CHECK(a1.status == progress_status::no_target);
    }
    SUBCASE("a village from its groups") {
        auto a = r.row(u.at("A"), hedge);
        CHECK(a.tally == progress_tally{0, 3, 5}); // 2 (15/4) + 3 (20/4, in the week)
        CHECK(*a.target == 8);
        CHECK(*a.ratio == doctest::Approx(5.0 / 8));
        CHECK(a.expected == doctest::Approx(8.0 * 8 / 46));
        CHECK(a.gap == doctest::Approx(8.0 * 8 / 46 - 5));
        CHECK(a.remaining == 3);
        CHECK(a.needed_per_day == doctest::Approx(3.0 / 38)); // 23/4..30/5 is 38 days
        // Pace 5/8 a day; 3 more need 4.8 → 5 days → 27/4.
        CHECK(*a.projected_completion == date(2022, 4, 27));
        CHECK(a.status == progress_status::on_track);
    }
    SUBCASE("the commune counts households once") {
        auto xa = r.row(u.root(), hedge);
        // A 5 + B 5; the Farmers' Union's 4 households are already counted by villages.
        CHECK(xa.tally == progress_tally{5, 8, 10});
        CHECK(*xa.ratio == doctest::Approx(0.5));
        CHECK(xa.status == progress_status::on_track);
        CHECK(r.row(u.at("hnd"), hedge).tally.cumulative == 4);
    }
    SUBCASE("gardens sum over villages and organisations") {
        const auto garden = c.indicator_at("garden");
        CHECK(r.row(u.root(), garden).tally.cumulative == 1); // hnd's garden is on 29/4
        rollup later(c, date(2022, 4, 29));
        CHECK(later.row(u.root(), garden).tally == progress_tally{1, 1, 2});
    }
}

TEST_CASE("A roll-up keeps each cell's ratio, NaN without a positive target") {
    auto c = with_progress();
    c.set_target("A1", "hedge", 0); // nothing to be a share of
    const auto& u = c.units();
    const auto hedge = c.indicator_at("hedge");
    const auto garden = c.indicator_at("garden");
    auto ratio = [&](const rollup& r, const char* unit, indicator_index i) {
        return r.ratios()[static_cast<std::size_t>(u.at(unit)) * r.indicator_count() + i];
    };
    for (bool scan : {true, false}) {
        rollup_options o;
        o.use_scan_layout = scan;
        rollup r(c, date(2022, 4, 22), o);
        REQUIRE(r.ratios().size() == r.unit_count() * r.indicator_count());
        CHECK(ratio(r, "A", hedge) == 5.0 / 8);    // 2 + 3 of 8
        CHECK(ratio(r, "B", hedge) == 5.0 / 12);   // 5 of 12
        CHECK(ratio(r, "xa", hedge) == 10.0 / 20); // A 5 + B 5 of 20
        CHECK(ratio(r, "xa", garden) == 1.0 / 4);  // B's 1 of 4
        CHECK(std::isnan(ratio(r, "A1", hedge)));  // target 0
        CHECK(std::isnan(ratio(r, "A2", hedge)));  // no target
        CHECK(std::isnan(ratio(r, "B", garden)));  // no target
        // Brought forward a week: hnd's garden on 29/4 reaches the commune.
        r.advance(c, date(2022, 4, 29), o);
        CHECK(ratio(r, "xa", garden) == 2.0 / 4);
        CHECK(ratio(r, "A", hedge) == 5.0 / 8);
    }
}

TEST_CASE("Status bands follow the linear pace") {
    auto c = fixtures::small_campaign();
    // B: target 20 (its 20 households). As of 3/5 (day 19 of 46) expected = 20×19/46 ≈ 8.26.
    c.set_target("B", "hedge", 20);
    const auto B = c.units().at("B");
    const auto hedge = c.indicator_at("hedge");
    auto status_with = [&](double done) {
        auto copy = c;
        copy.add_progress({rec("B", "hedge", date(2022, 4, 20), done)});
        return rollup(copy, date(2022, 5, 3)).row(B, hedge).status;
    };
    CHECK(status_with(8) == progress_status::on_track); // 8 ≥ 0.9 × 8.26 = 7.43
    CHECK(status_with(7) == progress_status::behind);   // 4.96 ≤ 7 < 7.43
    CHECK(status_with(4) == progress_status::at_risk);  // 4 < 0.6 × 8.26 = 4.96
    CHECK(status_with(20) == progress_status::achieved);
}

TEST_CASE("A unit without a target of its own shows the sum of its children's targets") {
    auto c = fixtures::small_campaign();
    c.set_targets(
        {{"A1", "hedge", 3, target_basis::planned}, {"A2", "hedge", 4, target_basis::planned}});
    rollup r(c, date(2022, 4, 30));
    auto a = r.row(c.units().at("A"), c.indicator_at("hedge"));
    CHECK(*a.target == 7);
    CHECK(a.target_derived);
    auto xa = r.row(c.units().root(), c.indicator_at("hedge"));
    CHECK(*xa.target == 7);
}

TEST_CASE("Roll-up before the campaign starts and after it ends") {
    auto c = with_progress();
    const auto hedge = c.indicator_at("hedge");
    rollup before(c, date(2022, 4, 1));
    CHECK(before.elapsed_days() == 0);
    CHECK(before.row(0, hedge).tally.cumulative == 0);
    CHECK(before.row(0, hedge).expected == 0);
    rollup after(c, date(2022, 6, 30));
    CHECK(after.elapsed_days() == 46);
    CHECK(after.row(0, hedge).tally.cumulative == 10);
    CHECK(after.row(0, hedge).expected == 20);
    CHECK(after.row(0, hedge).needed_per_day == std::numeric_limits<double>::infinity());
}

TEST_CASE("A correction replaces a record only from the day it was reported") {
    auto c = with_progress();
    // Record 0 said 2 households in A1 on 15/4; on 25/4 the group corrects it to 3.
    auto fix = rec("A1", "hedge", date(2022, 4, 15), 3);
    fix.reported = date(2022, 4, 25);
    fix.supersedes = 0;
    c.add_progress({fix});
    const auto A = c.units().at("A");
    const auto hedge = c.indicator_at("hedge");
    // What is known now about 22/4: 3 + 3.
    CHECK(rollup(c, date(2022, 4, 22)).row(A, hedge).tally.cumulative == 6);
    // The Friday report of 22/4 as it stood then: 2 + 3.
    rollup_options as_then;
    as_then.known_by = date(2022, 4, 22);
    CHECK(rollup(c, date(2022, 4, 22), as_then).row(A, hedge).tally.cumulative == 5);
    SUBCASE("a record corrected twice must correct the latest one") {
        auto again = rec("A1", "hedge", date(2022, 4, 15), 1);
        again.reported = date(2022, 4, 26);
        again.supersedes = 0;
        CHECK_THROWS_WITH_AS(c.add_progress({again}), doctest::Contains("already corrected"),
                             validation_error);
    }
}

TEST_CASE("Late records count in a past report only once they were reported") {
    auto c = with_progress();
    auto late = rec("C", "hedge", date(2022, 4, 21), 6);
    late.reported = date(2022, 4, 27);
    c.add_progress({late});
    const auto C = c.units().at("C");
    const auto hedge = c.indicator_at("hedge");
    rollup_options as_then;
    as_then.known_by = date(2022, 4, 22);
    CHECK(rollup(c, date(2022, 4, 22), as_then).row(C, hedge).tally.cumulative == 0);
    CHECK(rollup(c, date(2022, 4, 22)).row(C, hedge).tally.cumulative == 6);
}

TEST_CASE("Latest-figure indicators take the most recent cumulative value") {
    const auto m = fixtures::running_metres();
    rollup r(m, date(2022, 4, 29)); // week 23/4..29/4
    const auto A1 = m.units().at("A1");
    // Latest 230; before the week (≤22/4) it stood at 100; before the day at 160.
    CHECK(r.row(A1, 0).tally == progress_tally{70, 130, 230});
    // A: latest figures of its groups added up: 230 + 50; week: 130 + 0.
    CHECK(r.row(m.units().at("A"), 0).tally == progress_tally{70, 130, 280});
}

TEST_CASE("Tallies merge with +=") {
    progress_tally a{1, 2, 3}, b{10, 20, 30};
    a += b;
    CHECK(a == progress_tally{11, 22, 33});
    CHECK(a + b == progress_tally{21, 42, 63});
}

namespace {
// Whether the ratio a roll-up keeps for a cell is its cumulative over its target, worked out
// here from the row (NaN without a positive target).
bool ratio_kept(const rollup& r, const rollup_row& row) {
    const double kept = r.ratios()[row.unit * r.indicator_count() + row.indicator];
    if (!row.target || *row.target <= 0)
        return std::isnan(kept) && !row.ratio;
    return kept == row.tally.cumulative / *row.target && row.ratio == kept;
}

// Cells where two roll-ups differ: tallies, targets (NaN: none) or whether a target was derived,
// or where either keeps a ratio that is not its cumulative over its target.
std::size_t differing_cells(const rollup& a, const rollup& b) {
    std::size_t differ = 0;
    for (std::size_t u = 0; u < a.unit_count(); ++u)
        for (std::size_t i = 0; i < a.indicator_count(); ++i) {
            const auto ra = a.row(static_cast<unit_index>(u), static_cast<indicator_index>(i));
            const auto rb = b.row(static_cast<unit_index>(u), static_cast<indicator_index>(i));
            differ +=
                !(ra.tally == rb.tally && ra.target == rb.target &&
                  ra.target_derived == rb.target_derived && ratio_kept(a, ra) && ratio_kept(b, rb));
        }
    return differ;
}

void check_paths_agree(const campaign& c) {
    REQUIRE(c.progress().has_scan_layout());
    for (int day : {-1, 0, 6, 7, 20, 45, 50}) {
        const date as_of = c.window().first() + boost::gregorian::days(day);
        for (bool known_later : {false, true}) {
            rollup_options in_order;
            in_order.use_scan_layout = false;
            if (known_later)
                in_order.known_by = as_of - boost::gregorian::days(2);
            rollup_options one_thread = in_order, two_threads = in_order;
            one_thread.use_scan_layout = two_threads.use_scan_layout = true;
            one_thread.threads = 1;
            two_threads.threads = 2;
            const rollup general(c, as_of, in_order);
            CHECK(differing_cells(general, rollup(c, as_of, one_thread)) == 0);
            CHECK(differing_cells(general, rollup(c, as_of, two_threads)) == 0);
        }
    }
}
} // namespace

namespace {
// Every unit's target the plain way, from its children's lists: its own, or else the sum of
// the targets of the children that carry into it, when any has one (NaN: none).
std::vector<double> targets_from_children(const campaign& c) {
    const auto& tree = c.units();
    const std::size_t ni = c.indicators().size();
    std::vector<double> t = c.targets().values();
    for (std::size_t u = tree.size(); u-- > 0;)
        for (std::size_t i = 0; i < ni; ++i) {
            if (!std::isnan(t[u * ni + i]))
                continue;
            for (auto ch : tree.children(static_cast<unit_index>(u))) {
                const double v = t[static_cast<std::size_t>(ch) * ni + i];
                if (!std::isnan(v) &&
                    carries_into_parent(tree.level(ch), tree.level(static_cast<unit_index>(u)),
                                        c.indicators()[i].over_units))
                    t[u * ni + i] = std::isnan(t[u * ni + i]) ? v : t[u * ni + i] + v;
            }
        }
    return t;
}
} // namespace

TEST_CASE("Derived targets equal the sum over each unit's children on random campaigns") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        const auto c = random_campaign::make(seed);
        const auto want = targets_from_children(c);
        const auto have = c.derived_targets();
        REQUIRE(have->value.size() == want.size());
        std::size_t differ = 0;
        for (std::size_t k = 0; k < want.size(); ++k) {
            const bool own = !std::isnan(c.targets().values()[k]);
            differ +=
                !(std::isnan(want[k]) ? std::isnan(have->value[k]) : have->value[k] == want[k]);
            differ += have->derived[k] != (!own && !std::isnan(want[k]));
        }
        CHECK(differ == 0);
    }
}

TEST_CASE("Roll-ups of the same targets share them; a changed target gives new ones") {
    auto c = with_progress();
    const rollup a(c, date(2022, 4, 22));
    const rollup b(c, date(2022, 4, 29));
    const auto copy = c;
    CHECK(a.shared_targets() == b.shared_targets());
    CHECK(rollup(copy, date(2022, 4, 22)).shared_targets() == a.shared_targets());
    const auto A = c.units().at("A");
    const auto hedge = c.indicator_at("hedge");
    c.set_target("A", "hedge", 9);
    rollup kept = a;
    kept.recompute(c, date(2022, 4, 22));
    CHECK(kept.shared_targets() != a.shared_targets());
    CHECK(*kept.row(A, hedge).target == 9);
    CHECK(*kept.row(A, hedge).ratio == 5.0 / 9);
    CHECK(*a.row(A, hedge).target == 8); // the one taken before keeps its targets
}

TEST_CASE("The record-order and scan-layout roll-ups agree on random campaigns") {
    // Small trees: every shape of a commune; the scan layout runs on one thread.
    for (std::uint64_t seed = 1; seed <= 150; ++seed)
        check_paths_agree(random_campaign::make(seed));
    // Big trees (over two blocks of 8,192 units): the two-thread sweep and its fix-up of the
    // split unit's ancestors.
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        random_campaign::options big;
        big.communes = 1700;
        const auto c = random_campaign::make(1000 + seed, big);
        REQUIRE(c.units().size() >= 2 * c.progress().scan_block_units());
        check_paths_agree(c);
    }
}

TEST_CASE("A roll-up recomputed in place equals a fresh one as days pass and records arrive") {
    for (bool latest : {false, true}) { // the scan layout, then the record-order path
        random_campaign::options big;
        big.communes = 1700; // two blocks and more: the two-thread sweep
        big.latest_figures = latest;
        auto c = random_campaign::make(77, big);
        rollup_options in_order;
        in_order.use_scan_layout = false;
        rollup kept(c, c.window().first());
        const auto* cells = kept.tallies().data();
        for (int day : {3, 20, 20, 44}) {
            // A day's records arrive (the same unit and indicator each time), then the
            // roll-up is redone as of that day in the memory it already holds.
            std::vector<resolved_record> more(2);
            for (std::size_t k = 0; k < more.size(); ++k) {
                more[k].unit = static_cast<unit_index>(3 + 2 * k);
                more[k].indicator = 0;
                more[k].done = more[k].reported = day;
                more[k].quantity = 1.5;
            }
            c.add_progress(more);
            const date as_of = c.window().first() + boost::gregorian::days(day);
            kept.recompute(c, as_of);
            CHECK(kept.as_of() == as_of);
            CHECK(differing_cells(rollup(c, as_of, in_order), kept) == 0);
            CHECK(kept.tallies().data() == cells); // no new memory
        }
        // Options change with the day: a past report, then everything known now.
        rollup_options past = in_order;
        past.known_by = c.window().first() + boost::gregorian::days(10);
        kept.recompute(c, c.window().first() + boost::gregorian::days(30), past);
        CHECK(differing_cells(rollup(c, kept.as_of(), past), kept) == 0);
    }
}

namespace {
// A day's worth of random records for the random campaign: done on `day` or a few days before,
// reported up to three days late; halves, so sums are exact in any order. With `correct`, a
// few records correct earlier ones (the log then has no scan layout).
std::vector<resolved_record> random_day(const campaign& c, std::mt19937_64& g, int day,
                                        std::size_t n, bool correct) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g); };
    std::vector<resolved_record> recs(n);
    for (auto& r : recs) {
        r.unit = pick(0, static_cast<int>(c.units().size()) - 1);
        r.indicator = pick(0, static_cast<int>(c.indicators().size()) - 1);
        r.done = std::clamp(day - (pick(0, 3) == 0 ? pick(1, 4) : 0), 0, 45);
        r.reported = r.done + pick(0, 3);
        r.quantity = pick(0, 2) * 0.5;
    }
    const auto& log = c.progress();
    if (correct && log.size() > 0)
        for (int k = 0; k < 3; ++k) {
            auto& r = recs[static_cast<std::size_t>(k)];
            const auto o = static_cast<record_index>(pick(0, static_cast<int>(log.size()) - 1));
            if (log.superseded_on(o) != never)
                continue;
            r.supersedes = o;
            r.reported = std::max<std::int32_t>(r.reported, log.reported_days()[std::size_t(o)]);
        }
    return recs;
}
} // namespace

TEST_CASE("A roll-up advanced batch by batch equals a fresh one cell by cell") {
    // Days go forward one to four at a time across Friday-week boundaries, stay on a day while
    // more records come, sometimes go back or change what is known (then it recomputes); a
    // target changes once; corrections come last (the log loses its scan layout).
    for (std::uint64_t seed : {5, 6, 7}) {
        random_campaign::options big;
        big.communes = 1700; // several blocks of units
        auto c = random_campaign::make(seed, big);
        std::mt19937_64 g(seed);
        rollup_options in_order;
        in_order.use_scan_layout = false;
        int day = 2;
        rollup kept(c, c.window().first() + boost::gregorian::days(day));
        const auto* cells = kept.tallies().data();
        for (int step = 0; step < 24; ++step) {
            const int move = std::uniform_int_distribution<int>(0, 9)(g);
            day = move == 0 ? std::max(0, day - 5) : std::min(50, day + move / 3);
            if (step == 10)
                c.set_target("u3", "i0", 7);
            const bool correct = step >= 20;
            c.add_progress(random_day(c, g, std::min(day, 45), 300, correct));
            rollup_options o;
            if (step == 14 || step == 15)
                o.known_by = c.window().first() + boost::gregorian::days(day - 1);
            const date as_of = c.window().first() + boost::gregorian::days(day);
            kept.advance(c, as_of, o);
            rollup_options fresh = in_order;
            fresh.known_by = o.known_by;
            CHECK(kept.as_of() == as_of);
            CHECK(kept.period().first == rollup(c, as_of, fresh).period().first);
            CHECK(differing_cells(rollup(c, as_of, fresh), kept) == 0);
            CHECK(kept.tallies().data() == cells);
        }
    }
}

TEST_CASE("A roll-up advanced onto a campaign that did not grow from its records recomputes") {
    random_campaign::options big;
    big.communes = 1700; // a day's few records are little next to the log: it would advance
    auto a = random_campaign::make(11, big);
    auto b = a; // the same records so far
    const date as_of = a.window().first() + boost::gregorian::days(12);
    rollup kept(a, as_of);
    std::mt19937_64 g(3);
    a.add_progress(random_day(a, g, 12, 40, false));
    b.add_progress(random_day(b, g, 12, 40, false));
    rollup_options in_order;
    in_order.use_scan_layout = false;
    kept.advance(b, as_of); // b grew from the records kept was computed from
    CHECK(differing_cells(rollup(b, as_of, in_order), kept) == 0);
    kept.advance(a, as_of); // a did not grow from b's latest batch
    CHECK(differing_cells(rollup(a, as_of, in_order), kept) == 0);
    a.set_target("u3", "i0", 7); // nor do other targets
    kept.advance(a, as_of);
    CHECK(differing_cells(rollup(a, as_of, in_order), kept) == 0);
}
