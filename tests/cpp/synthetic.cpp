// The synthetic country, the column ingest and the scan-layout roll-up at small scale.
#include "fixtures.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <ntmkit/rollup.hpp>
#include <ntmkit/synthetic.hpp>

using namespace ntmkit;

namespace {
const synthetic::country& small_country() {
    static const auto c = synthetic::make_country({0.002, 7, true});
    return c;
}

std::vector<resolved_record> as_records(const synthetic::progress_columns& r, std::size_t a,
                                        std::size_t b) {
    std::vector<resolved_record> out;
    for (std::size_t k = a; k < b; ++k) {
        resolved_record x;
        x.unit = r.unit[k];
        x.indicator = r.indicator[k];
        x.done = r.done[k];
        x.reported = r.reported[k];
        x.quantity = r.quantity[k];
        out.push_back(x);
    }
    return out;
}
} // namespace

TEST_CASE("The synthetic country is deterministic and shaped like the country") {
    const auto& c = small_country();
    const auto again = synthetic::make_country({0.002, 7, true});
    CHECK(again.records.unit == c.records.unit);
    CHECK(again.records.quantity == c.records.quantity);
    const auto& t = c.camp.units();
    CHECK(t.level(0) == unit_level::country);
    CHECK(t.units_at(unit_level::commune).size() == 5); // 2634 × 0.002
    CHECK(*t.households_known(0) == c.households);
    CHECK(c.camp.indicators().size() == 8);
    CHECK(c.records.day_start.size() == 47);
    CHECK(c.records.day_start.back() == c.records.size());
    for (std::size_t d = 0; d < 46; ++d)
        for (auto k = c.records.day_start[d]; k < c.records.day_start[d + 1]; ++k)
            REQUIRE(c.records.done[k] == static_cast<std::int16_t>(d));
}

TEST_CASE("The options name the campaign and move its window, leaving the records as they are") {
    synthetic::country_options o{0.002, 7, true};
    o.id = "ntm-2013";
    o.name = "Campaign 2013";
    o.first = date(2013, 4, 15);
    const auto moved = synthetic::make_country(o);
    CHECK(moved.camp.id() == "ntm-2013");
    CHECK(moved.camp.name() == "Campaign 2013");
    CHECK(moved.camp.window().first() == date(2013, 4, 15));
    CHECK(moved.camp.window().last() == date(2013, 5, 30)); // 46 days: 16 in April, 30 in May
    CHECK(moved.records.unit == small_country().records.unit);
    CHECK(moved.records.done == small_country().records.done);
}

TEST_CASE("Columns and resolved records make the same campaign and the same roll-ups") {
    const auto& c = small_country();
    const auto& r = c.records;
    campaign by_cols = c.camp, by_recs = c.camp;
    const auto cut = r.day_start[45];
    by_cols.add_progress_columns(cut, r.unit.data(), r.indicator.data(), r.done.data(),
                                 r.reported.data(), r.quantity.data());
    by_recs.add_progress(as_records(r, 0, cut));
    CHECK(by_cols == by_recs);
    // One more day, in small batches on one side (the sparse capacity check).
    by_cols.add_progress_columns(r.size() - cut, r.unit.data() + cut, r.indicator.data() + cut,
                                 r.done.data() + cut, r.reported.data() + cut,
                                 r.quantity.data() + cut);
    for (auto k = cut; k < r.size(); k += 7)
        by_recs.add_progress(as_records(r, k, std::min(r.size(), k + 7)));
    CHECK(by_cols == by_recs);
    for (auto as_of : {date(2022, 4, 20), date(2022, 5, 13), date(2022, 5, 30)}) {
        rollup a(by_cols, as_of), b(by_recs, as_of);
        CHECK(a.tallies() == b.tallies());
        CHECK(a.targets().size() == b.targets().size());
    }
}

TEST_CASE("The scan-layout roll-up matches a plain record-by-record tally") {
    const auto& c = small_country();
    const auto& r = c.records;
    campaign w = c.camp;
    w.add_progress_columns(r.size(), r.unit.data(), r.indicator.data(), r.done.data(),
                           r.reported.data(), r.quantity.data());
    REQUIRE(w.progress().has_scan_layout());
    const auto as_of = date(2022, 5, 13); // a Friday, day 28
    rollup roll(w, as_of, {date(2022, 5, 15)});
    const std::int32_t day = 28, known_by = 30;
    const auto period_first =
        static_cast<std::int32_t>((roll.period().first - w.window().first()).days());
    CHECK(period_first > 0);
    const auto& t = w.units();
    const std::size_t ni = 8;
    std::vector<progress_tally> expect(t.size() * ni);
    for (std::size_t k = 0; k < r.size(); ++k) {
        if (r.done[k] > day || r.reported[k] > known_by)
            continue;
        auto& x = expect[static_cast<std::size_t>(r.unit[k]) * ni + r.indicator[k]];
        x.cumulative += r.quantity[k];
        if (r.done[k] >= period_first)
            x.done_period += r.quantity[k];
        if (r.done[k] == day)
            x.done_day += r.quantity[k];
    }
    for (std::size_t u = t.size(); u-- > 1;)
        for (std::size_t i = 0; i < ni; ++i)
            expect[static_cast<std::size_t>(t.parent(static_cast<unit_index>(u))) * ni + i] +=
                expect[u * ni + i];
    // Quantities are whole numbers: sums are exact.
    CHECK(std::equal(roll.tallies().begin(), roll.tallies().end(), expect.begin(), expect.end()));
    // Targets: the groups' own, the communes' own, and sums of children above them.
    const auto v = t.units_at(unit_level::village).front();
    double groups = 0;
    for (auto g : t.children(v))
        groups += *w.targets().get(g, 3);
    CHECK(roll.row(v, 3).target == groups);
    CHECK(roll.row(v, 3).target_derived);
    CHECK_FALSE(roll.row(v, 0).target);
}

TEST_CASE("A bad column batch is rejected whole, naming the position and field") {
    auto c = fixtures::small_campaign();
    const auto before = c;
    const std::int32_t unit[] = {2, 2, 9};
    const std::uint8_t ind[] = {0, 0, 0};
    const std::int16_t done[] = {1, 2, 3};
    const double qty[] = {1, 1, 1};
    try {
        c.add_progress_columns(3, unit, ind, done, static_cast<const std::int16_t*>(nullptr), qty);
        FAIL("accepted");
    } catch (const validation_error& e) {
        CHECK(std::string(e.what()).find("progress record 2, field unit") != std::string::npos);
    }
    CHECK(c == before);
    const std::int32_t a1[] = {2, 2}; // A1 has 4 households
    const double too_many[] = {3, 2};
    try {
        c.add_progress_columns(2, a1, ind, done, static_cast<const std::int16_t*>(nullptr),
                               too_many);
        FAIL("accepted");
    } catch (const validation_error& e) {
        CHECK(std::string(e.what()).find("progress record 1, field quantity") != std::string::npos);
        CHECK(std::string(e.what()).find("\"A1\" would count 5 households") != std::string::npos);
    }
    CHECK(c == before);
    // Big enough for the columns to be copied on a second thread: still nothing changes.
    const std::size_t n = std::size_t{1} << 20;
    std::vector<std::int32_t> bu(n, 4); // B, 20 households
    std::vector<std::uint8_t> bi(n, 0);
    std::vector<std::int16_t> bd(n, 5);
    std::vector<double> bq(n, 0.0);
    bq.back() = 21;
    CHECK_THROWS_WITH(c.add_progress_columns(n, bu.data(), bi.data(), bd.data(),
                                             static_cast<const std::int16_t*>(nullptr), bq.data()),
                      doctest::Contains("\"B\" would count 21 households"));
    CHECK(c == before);
    bq.back() = 20;
    c.add_progress_columns(n, bu.data(), bi.data(), bd.data(),
                           static_cast<const std::int16_t*>(nullptr), bq.data());
    CHECK(c.progress().size() == n);
    CHECK(rollup(c, date(2022, 5, 30)).tally(4, 0).cumulative == 20);
}

TEST_CASE("A roll-up on two threads gives the same figures as on one") {
    const auto c = synthetic::make_country({0.005, 11, true}); // > one block of units
    campaign w = c.camp;
    const auto& r = c.records;
    w.add_progress_columns(r.size(), r.unit.data(), r.indicator.data(), r.done.data(),
                           r.reported.data(), r.quantity.data());
    rollup_options one, two;
    one.threads = 1;
    two.threads = 2;
    for (auto as_of : {date(2022, 5, 6), date(2022, 5, 30)}) {
        rollup a(w, as_of, one), b(w, as_of, two);
        CHECK(a.tallies() == b.tallies());
        for (std::size_t k = 0; k < a.targets().size(); ++k) {
            const double x = a.targets()[k], y = b.targets()[k];
            REQUIRE((x == y || (std::isnan(x) && std::isnan(y))));
        }
        for (unit_index u = 0; u < static_cast<unit_index>(w.units().size()); u += 97)
            for (indicator_index i = 0; i < 8; ++i)
                REQUIRE(a.row(u, i).target_derived == b.row(u, i).target_derived);
    }
}
