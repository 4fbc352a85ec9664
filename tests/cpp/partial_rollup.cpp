// Partial roll-ups: merged partials of any partition of the records give the numbers of one
// roll-up of all of them (the ordinary roll-up is the second, independent method).
#include "fixtures.hpp"
#include "random_campaign.hpp"
#include "seed.hpp"

#include <doctest/doctest.h>
#include <ntmkit/partial_rollup.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using namespace ntmkit;

namespace {

/// The partial of the log's records `which`, with their record numbers and corrections.
partial_rollup partial_of(const campaign& c, const std::vector<std::size_t>& which, date as_of,
                          const rollup_options& opt) {
    const auto& log = c.progress();
    std::vector<std::int32_t> unit, ind, done, reported, superseded;
    std::vector<double> qty;
    std::vector<std::int64_t> record;
    for (auto r : which) {
        unit.push_back(log.units()[r]);
        ind.push_back(log.indicators()[r]);
        done.push_back(log.done_days()[r]);
        reported.push_back(log.reported_days()[r]);
        qty.push_back(log.quantities()[r]);
        superseded.push_back(log.superseded_on(static_cast<record_index>(r)));
        record.push_back(static_cast<std::int64_t>(r));
    }
    partial_rollup p(c, as_of, opt);
    p.add_columns(c, which.size(), unit.data(), ind.data(), done.data(), reported.data(),
                  qty.data(), superseded.data(), record.data());
    return p;
}

/// Partials of a random partition of the records into `parts` (some may be empty).
std::vector<partial_rollup> random_partials(const campaign& c, int parts, date as_of,
                                            const rollup_options& opt, std::mt19937_64& g) {
    std::vector<std::vector<std::size_t>> part(static_cast<std::size_t>(parts));
    for (std::size_t r = 0; r < c.progress().size(); ++r)
        part[std::uniform_int_distribution<std::size_t>(0, part.size() - 1)(g)].push_back(r);
    std::vector<partial_rollup> out;
    for (const auto& p : part)
        out.push_back(partial_of(c, p, as_of, opt));
    return out;
}

/// Every cell of two roll-ups: tally, target (or none) and whether it was derived.
void check_same_cells(const rollup& a, const rollup& b) {
    REQUIRE(a.unit_count() == b.unit_count());
    REQUIRE(a.indicator_count() == b.indicator_count());
    for (std::size_t u = 0; u < a.unit_count(); ++u)
        for (std::size_t i = 0; i < a.indicator_count(); ++i) {
            const auto ra = a.row(static_cast<unit_index>(u), static_cast<indicator_index>(i));
            const auto rb = b.row(static_cast<unit_index>(u), static_cast<indicator_index>(i));
            CHECK(ra.tally == rb.tally);
            CHECK(ra.target == rb.target);
            CHECK(ra.target_derived == rb.target_derived);
            CHECK(ra.status == rb.status);
        }
}

const date days[] = {date(2022, 4, 14), date(2022, 4, 15), date(2022, 4, 22),
                     date(2022, 5, 6),  date(2022, 5, 30), date(2022, 6, 5)};

} // namespace

TEST_CASE("Merged partials of any partition of a random campaign's records equal its roll-up") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        random_campaign::options o;
        o.latest_figures = seed % 2 == 0;
        o.corrections = seed % 3 != 0;
        const auto c = random_campaign::make(seed, o);
        std::mt19937_64 g(seed);
        const date as_of = days[seed % std::size(days)];
        rollup_options opt;
        if (seed % 4 == 1)
            opt.known_by = as_of - boost::gregorian::days(2);
        auto parts = random_partials(c, 1 + static_cast<int>(seed % 5), as_of, opt, g);
        std::shuffle(parts.begin(), parts.end(), g);
        partial_rollup all(c, as_of, opt);
        for (const auto& p : parts)
            all += p;
        CAPTURE(seed);
        CHECK(all.records() == c.progress().size());
        check_same_cells(all.finish(c), rollup(c, as_of, opt));
    }
}

TEST_CASE("Merged partials of the seed campaign's records equal its Friday roll-ups") {
    const auto c = fixtures::seed_with_progress();
    std::mt19937_64 g(7);
    for (const date as_of : {date(2022, 4, 22), date(2022, 5, 6), date(2022, 5, 13)}) {
        // Contiguous slices, as files or batches would split a log…
        const std::size_t n = c.progress().size(), third = n / 3;
        auto p = partial_rollup(c, as_of);
        p.add_log(c, 0, third);
        auto q = partial_rollup(c, as_of);
        q.add_log(c, third, 2 * third);
        auto r = partial_rollup(c, as_of);
        r.add_log(c, 2 * third, n);
        check_same_cells((r + p + q).finish(c), rollup(c, as_of));
        // …and records dealt out at random.
        partial_rollup all(c, as_of);
        for (const auto& part : random_partials(c, 4, as_of, {}, g))
            all += part;
        check_same_cells(all.finish(c), rollup(c, as_of));
    }
}

TEST_CASE("The order and grouping of merges do not change a partial") {
    random_campaign::options o;
    o.latest_figures = o.corrections = true;
    const auto c = random_campaign::make(11, o);
    std::mt19937_64 g(11);
    const date as_of(2022, 5, 6);
    const auto p = random_partials(c, 4, as_of, {}, g);
    const auto left = ((p[0] + p[1]) + p[2]) + p[3];
    const auto right = p[3] + (p[2] + (p[1] + p[0]));
    const auto pairs = (p[0] + p[2]) + (p[3] + p[1]);
    CHECK(left == right);
    CHECK(left == pairs);
    CHECK(left.to_bytes() == pairs.to_bytes());
    partial_rollup empty(c, as_of);
    CHECK(left + empty == left); // an empty partial is the identity
}

TEST_CASE("A partial of another campaign definition or day is refused") {
    const auto seed = fixtures::seed_with_progress();
    const auto other = random_campaign::make(3);
    const date as_of(2022, 5, 6);
    partial_rollup p(seed, as_of), q(other, as_of);
    CHECK_THROWS_AS(p += q, validation_error);
    CHECK_THROWS_WITH_AS(p.finish(other), doctest::Contains("another campaign definition"),
                         validation_error);
    CHECK_THROWS_AS(p.add_log(other), validation_error);

    auto changed = seed; // one target changed: a different definition
    changed.set_target("cam_trang", "hang_rao_xanh", 1);
    CHECK(campaign_fingerprint(changed) != campaign_fingerprint(seed));
    CHECK_THROWS_AS(p += partial_rollup(changed, as_of), validation_error);

    CHECK_THROWS_WITH_AS(p += partial_rollup(seed, date(2022, 5, 13)),
                         doctest::Contains("different days"), validation_error);
    rollup_options earlier;
    earlier.known_by = date(2022, 5, 1);
    CHECK_THROWS_AS(p += partial_rollup(seed, as_of, earlier), validation_error);
    CHECK(campaign_fingerprint(fixtures::seed_campaign()) == campaign_fingerprint(seed));
}

TEST_CASE("A partial travels as compact bytes and comes back equal") {
    random_campaign::options o;
    o.latest_figures = o.corrections = true;
    const auto c = random_campaign::make(5, o);
    partial_rollup p(c, date(2022, 5, 6));
    p.add_log(c);
    const auto bytes = p.to_bytes();
    const auto back = partial_rollup::from_bytes(bytes);
    CHECK(back == p);
    check_same_cells(back.finish(c), rollup(c, date(2022, 5, 6)));
    // Only the touched cells travel: fewer bytes than dense tallies (24 B a cell).
    const auto seed = fixtures::seed_with_progress();
    partial_rollup s(seed, date(2022, 5, 6));
    s.add_log(seed);
    CHECK(s.to_bytes().size() < seed.units().size() * seed.indicators().size() * 24);

    CHECK_THROWS_AS(partial_rollup::from_bytes("not a partial"), parse_error);
    CHECK_THROWS_AS(partial_rollup::from_bytes(bytes.substr(0, bytes.size() - 3)), parse_error);
    CHECK_THROWS_AS(partial_rollup::from_bytes(bytes + "x"), parse_error);
}

TEST_CASE("Household capacity is checked over the merged records") {
    auto c = fixtures::small_campaign(); // village B has 20 households
    const auto B = c.units().at("B");
    const auto hedge = c.indicator_at("hedge");
    const std::int32_t unit[] = {B}, ind[] = {hedge}, done[] = {3};
    const double twelve[] = {12};
    const std::int64_t first[] = {0}, second[] = {1};
    partial_rollup p(c, date(2022, 5, 6)), q(c, date(2022, 5, 6));
    p.add_columns(c, 1, unit, ind, done, nullptr, twelve, nullptr, first);
    q.add_columns(c, 1, unit, ind, done, nullptr, twelve, nullptr, second);
    CHECK(p.finish(c).row(B, hedge).tally.cumulative == 12); // each alone fits
    CHECK_THROWS_WITH_AS((p + q).finish(c), doctest::Contains("would count 24 households"),
                         validation_error);
    // A corrected record no longer counts: record 0 superseded on day 4 leaves 12.
    const std::int32_t corrected[] = {4};
    partial_rollup r(c, date(2022, 5, 6));
    r.add_columns(c, 1, unit, ind, done, nullptr, twelve, corrected, first);
    CHECK((r + q).finish(c).row(B, hedge).tally.cumulative == 12);
}

TEST_CASE("A partial checks each record as the log does") {
    const auto c = fixtures::small_campaign();
    const std::int32_t unit[] = {99}, ind[] = {0}, done[] = {3}, early[] = {1};
    const double one[] = {1};
    partial_rollup p(c, date(2022, 5, 6));
    CHECK_THROWS_WITH_AS(p.add_columns(c, 1, unit, ind, done, nullptr, one, nullptr, nullptr),
                         doctest::Contains("record 0, field unit"), validation_error);
    const std::int32_t a1[] = {c.units().at("A1")};
    CHECK_THROWS_WITH_AS(p.add_columns(c, 1, a1, ind, done, nullptr, one, early, nullptr),
                         doctest::Contains("superseded_on"), validation_error);
    CHECK(p.records() == 0); // nothing was added
}
