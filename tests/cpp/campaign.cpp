// campaign.hpp: bulk target columns refuse bad input with its position and change nothing.
#include "fixtures.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace ntmkit;

namespace {
// The error set_target_columns raises for one bad row among good ones, with the targets it
// leaves (they must be those before the call).
struct refusal {
    std::string where, what;
    bool unchanged;
};

refusal refuse(std::vector<long long> unit, std::vector<int> indicator, std::vector<double> value) {
    auto c = fixtures::small_campaign();
    c.set_targets({{"A", "hedge", 5, target_basis::official}});
    const auto before = c.targets();
    try {
        c.set_target_columns(unit.size(), unit.data(), indicator.data(), value.data());
    } catch (const validation_error& e) {
        return {e.where(), e.what(), c.targets() == before};
    }
    FAIL("no error raised");
    return {};
}
} // namespace

TEST_CASE("target columns are set as given, unit and indicator by index") {
    auto c = fixtures::small_campaign();
    const auto A1 = c.units().at("A1"), B = c.units().at("B");
    std::vector<int> unit{A1, B}, indicator{0, 1};
    std::vector<double> value{3, 2};
    c.set_target_columns(2, unit.data(), indicator.data(), value.data(), target_basis::official);
    CHECK(*c.targets().get(A1, 0) == 3);
    CHECK(*c.targets().get(B, 1) == 2);
    CHECK(c.targets().basis(B, 1) == target_basis::official);
}

TEST_CASE("a bad target column row is refused with its position and nothing changes") {
    // small_campaign: 7 units (xa, A, A1, A2, B, C, hnd), 2 indicators; A has 10 households.
    SUBCASE("a unit index past the tree") {
        auto r = refuse({1, 7}, {0, 0}, {1, 1});
        CHECK(r.where == "target 1, field unit");
        CHECK(std::string(r.what).find("no such unit (index 7)") != std::string::npos);
        CHECK(r.unchanged);
    }
    SUBCASE("a negative unit index") {
        auto r = refuse({-1}, {0}, {1});
        CHECK(r.where == "target 0, field unit");
        CHECK(r.unchanged);
    }
    SUBCASE("an indicator index past the list") {
        auto r = refuse({1, 1}, {1, 2}, {1, 1});
        CHECK(r.where == "target 1, field indicator");
        CHECK(std::string(r.what).find("no such indicator (index 2)") != std::string::npos);
        CHECK(r.unchanged);
    }
    SUBCASE("a negative or missing value") {
        for (double v : {-1.0, std::nan("")}) {
            auto r = refuse({1, 4, 5}, {0, 0, 1}, {2, 3, v});
            CHECK(r.where == "target 2, field value");
            CHECK(std::string(r.what).find("a target must be a number 0 or more") !=
                  std::string::npos);
            CHECK(r.unchanged);
        }
    }
    SUBCASE("more households than the unit has") {
        auto r = refuse({4, 1}, {0, 0}, {20, 11}); // B has 20 (fine), A has 10
        CHECK(r.where == "target 1, field value");
        CHECK(std::string(r.what).find("unit \"A\" has 10 households, target 11") !=
              std::string::npos);
        CHECK(r.unchanged);
    }
}
