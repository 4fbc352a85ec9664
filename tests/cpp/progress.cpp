#include "fixtures.hpp"
#include "random_campaign.hpp"

#include <doctest/doctest.h>
#include <ntmkit/progress.hpp>

#include <cmath>
#include <random>

using namespace ntmkit;
using fixtures::rec;

namespace {
std::string rejected(campaign& c, const std::vector<progress_record>& batch) {
    const auto before = c;
    try {
        c.add_progress(batch);
    } catch (const error& e) {
        CHECK(c == before); // a rejected batch changes nothing
        return e.what();
    }
    FAIL("the batch was accepted");
    return "";
}
} // namespace

TEST_CASE("A valid batch is appended with its dates as day offsets") {
    auto c = fixtures::small_campaign();
    auto r = rec("B", "hedge", date(2022, 4, 17), 3);
    r.reported = date(2022, 4, 22);
    r.note = "hộ ông Nguyễn Văn A";
    c.add_progress({r, rec("C", "garden", date(2022, 5, 30), 1)});
    const auto& log = c.progress();
    REQUIRE(log.size() == 2);
    CHECK(log.done_days()[0] == 2);     // 17/4 is day 2 of the campaign
    CHECK(log.reported_days()[0] == 7); // 22/4
    CHECK(log.done_days()[1] == 45);    // 30/5, the last day
    CHECK(log.reported_days()[1] == 45);
    CHECK(log.note(0) == "hộ ông Nguyễn Văn A");
}

TEST_CASE("A batch with one bad record is rejected whole, naming the record and field") {
    auto c = fixtures::small_campaign();
    c.add_progress({rec("A1", "hedge", date(2022, 4, 15), 1)});
    const auto good = rec("B", "hedge", date(2022, 4, 16), 1);
    SUBCASE("unknown unit") {
        auto msg = rejected(c, {good, rec("Z", "hedge", date(2022, 4, 16), 1)});
        CHECK(msg.find("progress record 1, field unit") != std::string::npos);
        CHECK(msg.find("\"Z\"") != std::string::npos);
    }
    SUBCASE("unknown indicator") {
        auto msg = rejected(c, {good, rec("B", "roads", date(2022, 4, 16), 1)});
        CHECK(msg.find("progress record 1, field indicator") != std::string::npos);
    }
    SUBCASE("negative quantity") {
        auto msg = rejected(c, {good, good, rec("B", "hedge", date(2022, 4, 16), -2)});
        CHECK(msg.find("progress record 2, field quantity") != std::string::npos);
    }
    SUBCASE("a day outside the campaign") {
        auto msg = rejected(c, {rec("B", "hedge", date(2022, 5, 31), 1), good});
        CHECK(msg.find("progress record 0, field date") != std::string::npos);
        CHECK(msg.find("31/5/2022") != std::string::npos);
    }
    SUBCASE("reported before it was done") {
        auto r = good;
        r.reported = date(2022, 4, 15);
        auto msg = rejected(c, {r});
        CHECK(msg.find("field reported") != std::string::npos);
    }
    SUBCASE("more households than the unit has") {
        // A1 has 4 households and already 1 done: 1 + 2 + 2 = 5 > 4.
        auto msg = rejected(c, {rec("A1", "hedge", date(2022, 4, 16), 2),
                                rec("A1", "hedge", date(2022, 4, 17), 2)});
        CHECK(msg.find("progress record 1, field quantity") != std::string::npos);
        CHECK(msg.find("\"A1\" would count 5 households") != std::string::npos);
        CHECK(msg.find("has 4 households") != std::string::npos);
    }
    SUBCASE("more households than a village has, summed over its groups") {
        // Each group stays within its own count (A1: 1 + 3 = 4, A2: 6) but village A, which
        // has 10 households, would count 4 + 6 + 1 = 11.
        auto msg = rejected(c, {rec("A1", "hedge", date(2022, 4, 16), 3),
                                rec("A2", "hedge", date(2022, 4, 16), 6),
                                rec("A", "hedge", date(2022, 4, 16), 1)});
        CHECK(msg.find("\"A\" would count 11 households") != std::string::npos);
    }
    SUBCASE("a correction of a record that does not exist") {
        auto r = good;
        r.supersedes = 7;
        auto msg = rejected(c, {r});
        CHECK(msg.find("field supersedes") != std::string::npos);
    }
    CHECK(c.progress().size() == 1);
}

TEST_CASE("A correction that lowers a figure makes room under the household count") {
    auto c = fixtures::small_campaign();
    c.add_progress({rec("A1", "hedge", date(2022, 4, 15), 4)}); // all 4 households
    auto fix = rec("A1", "hedge", date(2022, 4, 15), 1);
    fix.supersedes = 0;
    c.add_progress({fix, rec("A1", "hedge", date(2022, 4, 16), 3)}); // 1 + 3 = 4
    CHECK(c.progress().subtree_total(c.units().at("A1"), 0) == 4);
    CHECK(c.progress().subtree_total(c.units().at("xa"), 0) == 4);
    CHECK(c.progress().supersedes(1) == 0);
    CHECK(c.progress().superseded_on(0) == 0);
}

TEST_CASE("Organisations' household work is capped by nobody's household count") {
    // The Farmers' Union has no household count: its work is counted by villages.
    auto c = fixtures::small_campaign();
    c.add_progress({rec("hnd", "hedge", date(2022, 4, 15), 30)});
    CHECK(c.progress().subtree_total(c.units().at("hnd"), 0) == 30);
    CHECK(c.progress().subtree_total(c.units().root(), 0) == 0);
}

TEST_CASE("A quantity of 2^63 is quoted in full, not as a wrapped integer") {
    auto c = fixtures::small_campaign(); // A has 10 households
    const double q = std::ldexp(1.0, 63);
    CHECK(rejected(c, {rec("A", "hedge", date(2022, 4, 16), q)}) ==
          "progress record 0, field quantity: unit \"A\" would count 9223372036854775808 "
          "households done for \"hedge\" but has 10 households");
    auto m = fixtures::running_metres();
    CHECK(rejected(m, {rec("A1", "metres", date(2022, 4, 16), -q)}) ==
          "progress record 0, field quantity: quantity must be a number 0 or more, got "
          "-9223372036854775808");
}

TEST_CASE("A batch corrects one of its own records after earlier batches had corrections") {
    auto c = fixtures::small_campaign();
    auto fix = rec("B", "hedge", date(2022, 4, 16), 2);
    fix.supersedes = 0;
    c.add_progress({rec("B", "hedge", date(2022, 4, 16), 1), fix}); // records 0, 1
    auto own = rec("C", "hedge", date(2022, 4, 18), 4);
    own.supersedes = 2; // record 2 is in the same batch
    c.add_progress({rec("C", "hedge", date(2022, 4, 18), 5), own});
    CHECK(c.progress().superseded_on(0) == 1); // 16/4 is day 1
    CHECK(c.progress().superseded_on(2) == 3); // corrected on 18/4
    CHECK(c.progress().superseded_on(3) == never);
}

TEST_CASE("Days past what the log's 16-bit day columns hold are refused, not wrapped") {
    auto c = fixtures::small_campaign();
    // 15/4/2022 + 32767 days = 1/1/2112 is the last report day a record can have.
    auto last = rec("B", "hedge", date(2022, 4, 16), 1);
    last.reported = date(2112, 1, 1);
    auto later = last;
    later.reported = date(2112, 1, 2);
    const auto msg = rejected(c, {last, later});
    CHECK(msg.find("progress record 1, field reported") != std::string::npos);
    CHECK(msg.find("more than 32767 days after the campaign began") != std::string::npos);
    c.add_progress({last});
    CHECK(c.progress().reported_days()[0] == 32767);

    // A window longer than 32768 days cannot take records at all.
    auto info = c.info();
    info.window = date_window(date(2022, 4, 15), date(2112, 1, 2)); // 32769 days
    campaign long_one(info, c.units(), c.indicators());
    const auto e = fixtures::error_of<validation_error>(
        [&] { long_one.add_progress({rec("B", "hedge", date(2022, 4, 16), 1)}); });
    CHECK(std::string(e.what()).find("at most 32768 days") != std::string::npos);
}

TEST_CASE("An empty log takes given-up columns as they are, with the checks of copied ones") {
    // small_campaign: B is unit 4 and C unit 5, hedge indicator 0; C has 15 households.
    auto columns_of = [](std::vector<double> quantity) {
        progress_log::columns c;
        c.unit = {4, 5};
        c.indicator = {0, 0};
        c.done = {2, 3}; // 17/4 and 18/4
        c.reported = {2, 3};
        c.quantity = std::move(quantity);
        return c;
    };
    auto c = fixtures::small_campaign();
    auto given = columns_of({3, 4});
    const auto* buffer = given.quantity.data();
    c.take_progress_columns(std::move(given));
    REQUIRE(c.progress().size() == 2);
    CHECK(c.progress().quantities().data() == buffer); // kept, not copied
    CHECK(c.progress().units()[1] == 5);
    CHECK(c.progress().done_days()[1] == 3);
    // Into a log that holds records they are copied: four records.
    c.take_progress_columns(columns_of({1, 1}));
    CHECK(c.progress().size() == 4);
    // 16 households with hedges in C, which has 15: refused, nothing taken.
    auto fresh = fixtures::small_campaign();
    CHECK_THROWS_AS(fresh.take_progress_columns(columns_of({1, 16})), validation_error);
    CHECK(fresh.progress().size() == 0);
    auto uneven = columns_of({1, 1});
    uneven.done.pop_back();
    CHECK_THROWS_AS(fresh.take_progress_columns(std::move(uneven)), std::invalid_argument);
}

namespace {
// A day's batch for a random campaign of 1,700 communes: n records of half a household on
// random units other than `avoid`, and their unit and indicator columns.
struct day_batch {
    std::vector<std::int32_t> unit, indicator, done;
    std::vector<double> quantity;
};
day_batch halves(const campaign& c, std::size_t n, unit_index avoid, std::uint64_t seed) {
    std::mt19937_64 g(seed);
    auto pick = [&](int hi) { return std::uniform_int_distribution<int>(0, hi - 1)(g); };
    day_batch b;
    while (b.unit.size() < n) {
        const auto u = pick(static_cast<int>(c.units().size()));
        if (u == avoid)
            continue;
        b.unit.push_back(u);
        b.indicator.push_back(pick(static_cast<int>(c.indicators().size())));
        b.done.push_back(30);
        b.quantity.push_back(0.5);
    }
    return b;
}
// Every (unit, indicator)'s all-time total, worked out record by record up the tree.
std::vector<double> totals_by_walking_up(const campaign& c) {
    const auto& log = c.progress();
    const std::size_t ni = c.indicators().size();
    std::vector<double> t(c.units().size() * ni, 0.0);
    for (std::size_t r = 0; r < log.size(); ++r) {
        const std::size_t i = log.indicators()[r];
        for_each_counting_ancestor(
            c.units(), log.units()[r], c.indicators()[i].over_units,
            [&](unit_index a) { t[static_cast<std::size_t>(a) * ni + i] += log.quantities()[r]; });
    }
    return t;
}
void add(campaign& c, const day_batch& b) {
    c.add_progress_columns(b.unit.size(), b.unit.data(), b.indicator.data(), b.done.data(),
                           static_cast<const std::int32_t*>(nullptr), b.quantity.data());
}
} // namespace

TEST_CASE("A day's batch keeps every unit's all-time totals, and one over a household group's "
          "count is refused whole with the error a lone record gets") {
    random_campaign::options big;
    big.communes = 1700;
    auto c = random_campaign::make(21, big);
    const std::size_t cells = c.units().size() * c.indicators().size();
    // A group and a household indicator (the random campaign has both).
    unit_index group = no_unit;
    for (std::size_t u = 0; u < c.units().size() && group == no_unit; ++u)
        if (c.units().level(static_cast<unit_index>(u)) == unit_level::household_group)
            group = static_cast<unit_index>(u);
    std::int32_t item = -1;
    for (std::size_t i = 0; i < c.indicators().size() && item < 0; ++i)
        if (c.indicators()[i].counts_households())
            item = static_cast<std::int32_t>(i);
    REQUIRE(group != no_unit);
    REQUIRE(item >= 0);

    // A day's batch touches a sixteenth of the cells: accepted, totals as walked up by hand.
    add(c, halves(c, cells / 16, no_unit, 1));
    const auto walked = totals_by_walking_up(c);
    std::size_t differ = 0;
    for (std::size_t k = 0; k < cells; ++k)
        differ += c.progress().subtree_total(
                      static_cast<unit_index>(k / c.indicators().size()),
                      static_cast<indicator_index>(k % c.indicators().size())) != walked[k];
    CHECK(differ == 0);

    // The group's own records so far, plus one more than its households.
    const auto households = *c.units().households_known(group);
    const double before = walked[static_cast<std::size_t>(group) * c.indicators().size() +
                                 static_cast<std::size_t>(item)];
    const double over = static_cast<double>(households) + 1;
    auto batch = halves(c, cells / 16, group, 2);
    const std::size_t at = batch.unit.size() / 2;
    batch.unit[at] = group;
    batch.indicator[at] = item;
    batch.quantity[at] = over;
    const std::string expected = "unit \"" + std::string(c.units().id(group)) + "\" would count " +
                                 std::to_string(std::llround(before + over)) +
                                 " households done for \"" +
                                 c.indicators()[static_cast<std::size_t>(item)].id + "\" but has " +
                                 std::to_string(households) + " households";
    const auto kept = c;
    std::string day_error, lone_error;
    try {
        add(c, batch);
    } catch (const validation_error& e) {
        day_error = e.what();
    }
    CHECK(day_error == "progress record " + std::to_string(at) + ", field quantity: " + expected);
    CHECK(c == kept); // nothing changed
    CHECK(c.progress().version().stamp == kept.progress().version().stamp);
    differ = 0;
    for (std::size_t k = 0; k < cells; ++k)
        differ += c.progress().subtree_total(
                      static_cast<unit_index>(k / c.indicators().size()),
                      static_cast<indicator_index>(k % c.indicators().size())) != walked[k];
    CHECK(differ == 0);
    day_batch lone{{group}, {item}, {30}, {over}};
    try {
        add(c, lone);
    } catch (const validation_error& e) {
        lone_error = e.what();
    }
    CHECK(lone_error == "progress record 0, field quantity: " + expected);
}
