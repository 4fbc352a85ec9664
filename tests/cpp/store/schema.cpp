// The store's schema history (ntmkit/store/schema.hpp) and definition versions: a newer store is
// refused, an older one migrated; a changed definition is a new version, old ones still open.
#include "../fixtures.hpp"
#include "temp_store.hpp"

#include <ntmkit/store/store.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace ntmkit;
using test_dates::ymd;

TEST_CASE("A store written with a newer schema is refused with a clear message") {
    fixtures::temp_store file;
    store::open(file.path);
    {
        detail::database db(file.path);
        db.exec("UPDATE meta SET value = '4' WHERE key = 'schema_version'");
    }
    CHECK_THROWS_WITH_AS(store::open(file.path),
                         (file.path + ": written with store schema 4, this ntmkit reads schema 3 "
                                      "or older; upgrade ntmkit")
                             .c_str(),
                         store_error);
}

TEST_CASE("A store of schema 1 is migrated forward when opened, keeping its records") {
    fixtures::temp_store file;
    {
        detail::database db(file.path);
        detail::migrate_store(db, 1); // as the first release wrote it: no evaluation table
        CHECK(db.table_count("evaluation") == 0);
    }
    {
        // Schema 1 already held definitions and records.
        auto s = store::open(file.path);
        s.define(fixtures::small_campaign());
        s.import_csv("unit,indicator,date,quantity\nB,hedge,16/4/2022,3\n", "b.csv");
        CHECK(s.schema_version() == 3);
        s.save_evaluation("e1", "B", ymd(2022, 5, 30), evaluation{});
    }
    auto s = store::open(file.path);
    CHECK(s.campaign().progress().size() == 1);
    CHECK(s.evaluations().size() == 1);
}

TEST_CASE("A file that is not a campaign store is refused, not changed") {
    fixtures::temp_store file;
    {
        detail::database db(file.path);
        db.exec("CREATE TABLE other (x INTEGER)");
    }
    CHECK_THROWS_WITH_AS(
        store::open(file.path),
        (file.path + ": not an ntmkit campaign store (it has other tables)").c_str(), store_error);
}

TEST_CASE("A changed target is a new definition version; old reports reproduce against theirs") {
    fixtures::temp_store file;
    auto s = store::open(file.path);
    auto c = fixtures::small_campaign();
    c.set_target("A", "hedge", 8);
    CHECK(s.define(c, "plan") == 1);
    CHECK(s.define(c) == 1); // nothing changed: no new version
    s.import_csv("unit,indicator,date,quantity\nA1,hedge,16/4/2022,2\n", "a.csv");
    c.set_target("A", "hedge", 4);
    CHECK(s.define(c, "revised") == 2);
    const auto versions = s.versions();
    REQUIRE(versions.size() == 2);
    CHECK(versions[0].note == "plan");
    CHECK(versions[1].note == "revised");
    // A is unit 1, hedge indicator 0: 2 of 8 under version 1 (25 %), 2 of 4 under version 2.
    CHECK(rollup(s.campaign(1), ymd(2022, 4, 30)).row(1, 0).ratio == doctest::Approx(0.25));
    CHECK(rollup(s.campaign(), ymd(2022, 4, 30)).row(1, 0).ratio == doctest::Approx(0.5));
}

TEST_CASE("A definition the stored records do not fit is refused") {
    fixtures::temp_store file;
    auto s = store::open(file.path);
    s.define(fixtures::small_campaign());
    s.import_csv("unit,indicator,date,quantity\nC,hedge,16/4/2022,3\n", "c.csv");
    fixtures::campaign_setup without_c;
    without_c.units = {fixtures::unit_spec_of("A", "Thôn A", unit_level::village, "xa", 10)};
    CHECK_THROWS_AS(s.define(fixtures::make_campaign(without_c)), validation_error);
    CHECK(s.versions().size() == 1);
}

TEST_CASE("Bulk records follow their units by id into a later definition version") {
    fixtures::temp_store file;
    auto s = store::open(file.path);
    s.define(fixtures::small_campaign());
    const int unit[] = {5}, indicator[] = {0}, done[] = {1};
    const double quantity[] = {7};
    s.import_columns("day1", 1, unit, indicator, done, done, quantity); // C is unit 5
    // Version 2 puts C first among the villages: it becomes unit 1.
    fixtures::campaign_setup reordered;
    reordered.units = {fixtures::unit_spec_of("C", "Thôn C", unit_level::village, "xa", 15),
                       fixtures::unit_spec_of("B", "Thôn B", unit_level::village, "xa", 20)};
    CHECK(s.define(fixtures::make_campaign(reordered)) == 2);
    const auto c = s.campaign();
    REQUIRE(c.units().id(1) == "C");
    CHECK(rollup(c, ymd(2022, 4, 30)).tally(1, 0).cumulative == 7);
}
