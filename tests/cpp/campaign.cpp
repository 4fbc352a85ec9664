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

TEST_CASE("targets and progress take indicators by id or by their Vietnamese or English name") {
    auto c = fixtures::small_campaign();
    c.set_targets({{"A", "Hàng rào xanh", 4}, {"B", "Ecological garden", 2}, {"C", "hedge", 3}});
    CHECK(*c.targets().get(c.units().at("A"), c.indicator_at("hedge")) == 4);
    CHECK(*c.targets().get(c.units().at("B"), c.indicator_at("garden")) == 2);
    CHECK(*c.targets().get(c.units().at("C"), c.indicator_at("hedge")) == 3);
    // "Hàng rào xanh" typed decomposed: a, U+0300 grave.
    CHECK(c.indicator_at("Ha\xcc\x80ng ra\xcc\x80o xanh") == c.indicator_at("hedge"));
    c.add_progress({fixtures::rec("A", "Vườn sinh thái", date(2022, 4, 16), 1)});
    CHECK(c.progress().indicators()[0] == c.indicator_at("garden"));
}

TEST_CASE(
    "an ambiguous unit or indicator name is refused with the candidates and nothing changes") {
    auto setup = fixtures::campaign_setup{};
    setup.indicators.push_back(fixtures::hedge());
    setup.indicators.back().id = "hedge2"; // same names as hedge
    setup.units = {fixtures::unit_spec_of("va", "Thôn A", unit_level::village, "xa", 10),
                   fixtures::unit_spec_of("vb", "Xóm A", unit_level::village, "xa", 20)};
    auto c = fixtures::make_campaign(setup);
    c.set_targets({{"va", "hedge", 5}});
    const auto before = c;
    const auto unit = fixtures::error_of<validation_error>([&] {
        c.set_targets({{"vb", "hedge", 1}, {"A", "garden", 1}, {"va", "hedge", 2}});
    });
    CHECK(unit.where() == "target 1, field unit");
    CHECK(unit.detail() == "\"A\" is the name of 2 units: va, vb; give the id");
    CHECK(c == before);
    const auto ind = fixtures::error_of<validation_error>(
        [&] { c.add_progress({fixtures::rec("vb", "Green hedge", date(2022, 4, 16), 1)}); });
    CHECK(ind.where() == "progress record 0, field indicator");
    CHECK(ind.detail() ==
          "\"Green hedge\" is the name of 2 indicators: hedge, hedge2; give the id");
    CHECK(c == before);
    const auto none = fixtures::error_of<validation_error>([&] {
        c.set_targets({{"va", "Hàng rào", 1}});
    });
    CHECK(none.where() == "target 0, field indicator");
    CHECK(none.detail() == "no indicator with id or name \"Hàng rào\" in the campaign");
    CHECK(c == before);
}

TEST_CASE("a target of 2^63 households is refused quoting it in full and nothing changes") {
    auto c = fixtures::small_campaign(); // A has 10 households
    c.set_targets({{"A", "hedge", 5}});
    const auto before = c;
    const auto e = fixtures::error_of<validation_error>([&] {
        c.set_targets({{"A", "hedge", std::ldexp(1.0, 63)}});
    });
    CHECK(e.where() == "target 0, field value");
    CHECK(e.detail() == "unit \"A\" has 10 households, target 9223372036854775808");
    CHECK(c == before);
}
