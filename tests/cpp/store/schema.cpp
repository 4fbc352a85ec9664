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
        db.exec("UPDATE meta SET value = '5' WHERE key = 'schema_version'");
    }
    CHECK_THROWS_WITH_AS(store::open(file.path),
                         (file.path + ": written with store schema 5, this ntmkit reads schema 4 "
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
        CHECK(s.schema_version() == 4);
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

TEST_CASE("A store opened only if it is there refuses a missing one and creates nothing") {
    fixtures::temp_store place; // nothing there yet: no file, or no schema
    store_options must_exist;
    must_exist.create = false;
    std::string first;
    try {
        store::open(place.path, must_exist);
    } catch (const store_error& e) {
        first = e.what();
    }
    CHECK(first.rfind(place.path + ": no such store (", 0) == 0);
    CHECK(first.find("nothing has been stored") == std::string::npos);
    // Again: the same answer, so the first try left no file or schema behind.
    CHECK_THROWS_WITH_AS(store::open(place.path, must_exist), first.c_str(), store_error);

    SUBCASE("a file or schema with no store in it is refused, and stays empty") {
        detail::database(place.path).exec("SELECT 1"); // the file or the schema, no tables
        CHECK_THROWS_WITH_AS(
            store::open(place.path, must_exist),
            (place.path + ": no such store (nothing has been stored here)").c_str(), store_error);
        CHECK(detail::database(place.path).table_count() == 0);
    }
    SUBCASE("a store that is there opens as before") {
        store::open(place.path).define(fixtures::small_campaign());
        const auto c = store::open(place.path, must_exist).campaign();
        CHECK(c.id() == fixtures::small_campaign().id());
        CHECK(c.units().size() == fixtures::small_campaign().units().size());
    }
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

TEST_CASE("A definition over the JSON limit is kept as bytes only and loads, compares and copies "
          "as one kept as JSON") {
    fixtures::temp_store file, copy;
    store_options bytes_only;
    bytes_only.definition_json_limit = 0; // every definition is "too large" for its JSON
    auto c = fixtures::small_campaign();
    auto s = store::open(file.path, bytes_only);
    CHECK(s.define(c, "plan") == 1);
    c.set_themes({fixtures::theme("hedge-week", ymd(2022, 4, 18), ymd(2022, 4, 24), {"hedge"})});
    CHECK(s.define(c, "themes") == 2);
    {
        detail::database db(file.path);
        auto kept = db.prepare("SELECT count(*) FROM definition WHERE json IS NULL AND bytes IS "
                               "NOT NULL");
        kept.step();
        CHECK(kept.integer(0) == 2);
        auto themes = db.prepare("SELECT id FROM theme WHERE version = 2");
        REQUIRE(themes.step());
        CHECK(themes.text(0) == "hedge-week");
    }
    CHECK(s.define(c) == 2); // the same definition: no new version
    // A CSV's dates are read in the definition's year, now from its bytes.
    s.import_csv("unit,indicator,date,quantity\nB,hedge,16/4/2022,3\nC,hedge,17/4/2022,4\n",
                 "bc.csv");
    const auto loaded = store::open(file.path).campaign();
    CHECK(loaded.themes().size() == 1);
    // B 3 + C 4 households with hedges: 7 for the commune (unit 0, hedge indicator 0).
    CHECK(rollup(loaded, ymd(2022, 4, 30)).tally(0, 0).cumulative == 7);
    // Copied into a store that keeps JSON, it stays bytes only and rolls up the same.
    auto target = store::open(copy.path);
    CHECK(s.copy_to(target).added == 2);
    CHECK(target.campaign() == loaded);
    CHECK(s.copy_to(target).added == 0);
    c.set_target("A", "hedge", 4);
    CHECK(s.define(c, "revised") == 3);
}

TEST_CASE("A store of schema 3 with a definition kept as JSON only migrates to schema 4 and "
          "still loads and compares it") {
    fixtures::temp_store original, file;
    auto c = fixtures::small_campaign();
    c.set_target("A", "hedge", 8);
    std::string json; // the definition's JSON as a schema-3 store kept it
    {
        store::open(original.path).define(c);
        detail::database db(original.path);
        auto s = db.prepare("SELECT json FROM definition WHERE version = 1");
        s.step();
        json = s.text(0);
    }
    {
        detail::database db(file.path);
        detail::migrate_store(db, 3);
        db.prepare("INSERT INTO definition (version, stored, note, json) VALUES (1, "
                   "'2025-01-01T00:00:00Z', 'old', ?)")
            .bind(1, json)
            .step();
    }
    auto s = store::open(file.path);
    CHECK(s.schema_version() == 4);
    CHECK(s.define(c) == 1); // compared through the bytes made from the old JSON
    const auto loaded = s.campaign();
    CHECK(loaded.targets().get(1, 0) == 8); // A is unit 1, hedge indicator 0
    CHECK(loaded == c);
}
