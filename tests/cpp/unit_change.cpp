// Units' validity dates and successors: who stands for a unit on a day, checks, the file format.
#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/json.hpp>
#include <ntmkit/unit_change.hpp>

using namespace ntmkit;

namespace {

// Before 1/7/2025: province P → district D → communes X, Y (merged into XY from 1/7/2025) and
// Z (kept); the district is abolished on 30/6/2025 without a successor.
unit_tree before_and_after() {
    return unit_tree::build({{"P", "Tỉnh", unit_level::province, "", std::nullopt, false},
                             {"D", "Huyện", unit_level::commune, "P", std::nullopt, false},
                             {"X", "Xã X", unit_level::commune, "D", std::nullopt, false},
                             {"Y", "Xã Y", unit_level::commune, "D", std::nullopt, false},
                             {"Z", "Xã Z", unit_level::commune, "D", std::nullopt, false},
                             {"XY", "Xã XY", unit_level::commune, "P", std::nullopt, false}});
}

const date last_old(2025, 6, 30), first_new(2025, 7, 1);

std::vector<unit_change> reform() {
    return {{"D", std::nullopt, last_old, "", "abolished"},
            {"X", std::nullopt, last_old, "XY", ""},
            {"Y", std::nullopt, last_old, "XY", ""},
            {"XY", first_new, std::nullopt, "", ""}};
}

} // namespace

TEST_CASE("a unit stands for itself while valid, then its successor; an abolished one its "
          "parent; one not yet created its parent") {
    const auto t = before_and_after();
    auto changes = reform();
    check_unit_changes(changes, t);
    const unit_lifetimes life(t, changes);
    const auto id = [&](unit_index u) { return std::string(t.id(u)); };
    CHECK(id(life.stand_in(t.at("X"), last_old)) == "X");
    CHECK(id(life.stand_in(t.at("X"), first_new)) == "XY");
    CHECK(id(life.stand_in(t.at("D"), first_new)) == "P"); // abolished: Z hangs under P
    CHECK(id(life.stand_in(t.at("Z"), first_new)) == "Z");
    CHECK(id(life.stand_in(t.at("XY"), last_old)) == "P"); // not yet created
    CHECK_FALSE(life.valid_on(t.at("XY"), last_old));
}

TEST_CASE("a successor of a unit that never ends, a unit listed twice or a successor created "
          "too late is refused") {
    const auto t = before_and_after();
    auto no_end = std::vector<unit_change>{{"X", std::nullopt, std::nullopt, "XY", ""}};
    CHECK(fixtures::error_of<validation_error>([&] { check_unit_changes(no_end, t); }).where() ==
          "unit change 0, field successor");
    auto twice = reform();
    twice.push_back({"Z", std::nullopt, last_old, "", ""});
    twice.push_back({"Z", std::nullopt, std::nullopt, "", ""});
    CHECK(fixtures::error_of<validation_error>([&] { check_unit_changes(twice, t); }).where() ==
          "unit change 5, field unit");
    auto late = reform();
    late[3].valid_from = date(2025, 7, 2);
    CHECK(fixtures::error_of<validation_error>([&] { check_unit_changes(late, t); }).detail() ==
          "successor \"XY\" is not valid on 1/7/2025, the day after \"X\" ends");
}

TEST_CASE("changes whose successors and parents lead back to a unit are refused") {
    // Y abolished on 3/5 into its parent D; D ended 1/5 with successor Z; Z ended 2/5 with
    // successor Y: from 4/5 on, nothing stands for any of them.
    const auto t = before_and_after();
    std::vector<unit_change> loop{{"D", std::nullopt, date(2022, 5, 1), "Z", ""},
                                  {"Z", std::nullopt, date(2022, 5, 2), "Y", ""},
                                  {"Y", std::nullopt, date(2022, 5, 3), "", ""}};
    const auto e = fixtures::error_of<validation_error>([&] { check_unit_changes(loop, t); });
    CHECK(e.where() == "unit change 2, field valid_until"); // found from Y, on 4/5
    CHECK(e.detail().find("lead back to it") != std::string::npos);
}
