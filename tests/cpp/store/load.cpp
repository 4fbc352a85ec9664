// Loading a store into memory (store::campaign): every bulk block at once, the definition from
// its compact bytes or, for versions stored before schema 3, from its JSON; what the library
// would refuse in memory (more households than a unit has) is refused when loading too.
#include "../fixtures.hpp"
#include "temp_store.hpp"

#include <ntmkit/store/store.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace ntmkit;
using test_dates::ymd;

namespace {

/// Imports one hedge record of unit `unit` (small_campaign's indices) as source `source`.
void import_one(store& s, const std::string& source, int unit, double quantity) {
    const int u[] = {unit}, ind[] = {0}, day[] = {1};
    const double q[] = {quantity};
    s.import_columns(source, 1, u, ind, day, day, q);
}

} // namespace

TEST_CASE("Bulk blocks of several imports load together, in source order, with their ids") {
    fixtures::temp_store file;
    auto s = store::open(file.path);
    s.define(fixtures::small_campaign());
    import_one(s, "day2", 5, 3); // C is unit 5, B unit 4
    import_one(s, "day1", 4, 2);
    const auto c = store::open(file.path).campaign();
    REQUIRE(c.progress().size() == 2);
    CHECK(c.progress().units()[0] == 4); // "day1" sorts first
    CHECK(c.progress().quantities()[1] == 3);
    // B 2 + C 3 households with hedges: 5 for the commune.
    CHECK(rollup(c, ymd(2022, 4, 30)).tally(0, 0).cumulative == 5);
}

TEST_CASE("A store whose blocks give a unit more households than it has is refused on loading") {
    fixtures::temp_store file;
    {
        auto s = store::open(file.path);
        s.define(fixtures::small_campaign());
        import_one(s, "day1", 5, 7);
        import_one(s, "day2", 5, 7); // C has 15 households: 14 fit
    }
    {
        // Edited behind the library's back: the second block now says 9 (16 > 15).
        detail::database db(file.path);
        const double nine = 9;
        db.prepare("UPDATE block SET quantity = ? WHERE source = 'day2'")
            .bind_blob(1, &nine, sizeof nine)
            .step();
    }
    CHECK_THROWS_AS(store::open(file.path).campaign(), validation_error);
}

TEST_CASE("A definition stored before schema 3, as JSON only, still loads the same") {
    fixtures::temp_store file;
    auto c = fixtures::small_campaign();
    c.set_target("A", "hedge", 8);
    std::string from_bytes;
    {
        auto s = store::open(file.path);
        s.define(c);
        import_one(s, "day1", 5, 7);
        from_bytes = campaign_to_json_text(s.campaign());
    }
    {
        detail::database db(file.path);
        db.exec("UPDATE definition SET bytes = NULL");
    }
    const auto from_json = store::open(file.path).campaign();
    CHECK(campaign_to_json_text(from_json) == from_bytes);
    CHECK(from_json.targets().get(1, 0) == 8);
    CHECK(from_json.progress().size() == 1);
}
