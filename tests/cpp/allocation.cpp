#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/allocation.hpp>

using namespace ntmkit;

TEST_CASE("Largest remainder gives whole parts that add up to the total") {
    SUBCASE("7 split 5:3:2 → quotas 3.5, 2.1, 1.4 → floors 3, 2, 1, the spare 1 to 3.5") {
        CHECK(largest_remainder(7, {5, 3, 2}) == std::vector<std::int64_t>{4, 2, 1});
    }
    SUBCASE("equal remainders go to the earlier part") {
        CHECK(largest_remainder(10, {1, 1, 1}) == std::vector<std::int64_t>{4, 3, 3});
    }
    SUBCASE("equal remainders of equal weights go to the earlier part") {
        // 3 split 1:2:1:2 → 0.5, 1, 0.5, 1 → floors 0,1,0,1; the spare 1 goes to the first 0.5.
        CHECK(largest_remainder(3, {1, 2, 1, 2}) == std::vector<std::int64_t>{1, 1, 0, 1});
    }
    SUBCASE("equal remainders go to the larger weight before the earlier part") {
        // 3 split 1:3:2 (sum 6) → 3/6, 9/6, 6/6 → floors 0, 1, 1 with remainders 3/6, 3/6, 0;
        // the spare 1 goes to weight 3 (second), not to the earlier weight 1.
        CHECK(largest_remainder(3, {1, 3, 2}) == std::vector<std::int64_t>{0, 2, 1});
    }
    SUBCASE("zero weight gets nothing") {
        CHECK(largest_remainder(5, {0, 1, 1}) == std::vector<std::int64_t>{0, 3, 2});
    }
    SUBCASE("the seed's 140 hedges over its ten villages' households") {
        // Households as in examples/seed/campaign.json (1,774 in all). Quotas 140·w/1774:
        // 18.07 11.13 12.31 18.07 10.65 12.39 10.81 11.92 17.20 17.44 → floors sum to 136;
        // the 4 spare go to the largest remainders .92, .81, .65, .44 (tan_phuc, trung_tien,
        // van_giang_2, nam_thinh).
        std::vector<std::int64_t> w{229, 141, 156, 229, 135, 157, 137, 151, 218, 221};
        CHECK(largest_remainder(140, w) ==
              std::vector<std::int64_t>{18, 11, 12, 18, 11, 12, 11, 12, 17, 18});
    }
    SUBCASE("nothing to split gives zeros; a negative total is refused") {
        CHECK(largest_remainder(0, {1, 2}) == std::vector<std::int64_t>{0, 0});
        CHECK_THROWS_WITH_AS(largest_remainder(-1, {1}), doctest::Contains("negative total -1"),
                             validation_error);
    }
    CHECK_THROWS_AS(largest_remainder(5, {0, 0}), validation_error);
}

TEST_CASE("A commune target is proposed among villages by households or equally") {
    auto c = fixtures::small_campaign();
    c.set_target("xa", "hedge", 20, target_basis::official);
    const auto xa = c.units().root();
    const auto hedge = c.indicator_at("hedge");
    auto values = [](const std::vector<allocation_share>& s) {
        std::vector<double> v;
        for (const auto& x : s)
            v.push_back(x.value);
        return v;
    };
    SUBCASE("proportional to 10 : 20 : 15 households") {
        // 20 × 10/45 = 4.44, 20 × 20/45 = 8.89, 20 × 15/45 = 6.67 → 4, 8, 6 + spare 2 → 4, 9, 7.
        auto s = propose_allocation(c, xa, hedge, allocation_method::proportional);
        CHECK(values(s) == std::vector<double>{4, 9, 7});
        CHECK(s[0].unit == c.units().at("A")); // villages only, not the Farmers' Union
    }
    SUBCASE("equally") {
        auto s = propose_allocation(c, xa, hedge, allocation_method::equal);
        CHECK(values(s) == std::vector<double>{7, 7, 6});
    }
    SUBCASE("keeping a target fixed by hand and splitting the rest") {
        c.set_target("A", "hedge", 8);
        // 12 left for B (20) and C (15): 6.86, 5.14 → 6, 5 + spare 1 to B → 7, 5.
        auto s = propose_allocation(c, xa, hedge, allocation_method::proportional);
        CHECK(values(s) == std::vector<double>{8, 7, 5});
        CHECK(s[0].fixed);
        CHECK_FALSE(s[1].fixed);
        apply_allocation(c, hedge, s);
        CHECK(c.targets().get(c.units().at("B"), hedge) == 7.0);
        CHECK(c.targets().basis(c.units().at("B"), hedge) == target_basis::proposed);
        CHECK(c.targets().basis(c.units().at("A"), hedge) == target_basis::planned);
        CHECK(reconcile(c).empty());
    }
    SUBCASE("fixed targets equal to the whole leave nothing for the others") {
        c.set_target("B", "hedge", 15);
        c.set_target("C", "hedge", 5);
        auto s = propose_allocation(c, xa, hedge, allocation_method::proportional);
        CHECK(values(s) == std::vector<double>{0, 15, 5});
    }
    SUBCASE("fixed targets larger than the whole are an error") {
        c.set_target("B", "hedge", 20);
        c.set_target("C", "hedge", 1);
        CHECK_THROWS_WITH_AS(propose_allocation(c, xa, hedge, allocation_method::equal),
                             doctest::Contains("add up to 21"), validation_error);
    }
    SUBCASE("to the organisations") {
        c.set_target("xa", "garden", 1);
        auto s = propose_allocation(c, xa, c.indicator_at("garden"), allocation_method::equal,
                                    unit_level::organisation);
        REQUIRE(s.size() == 1);
        CHECK(s[0].unit == c.units().at("hnd"));
        CHECK(s[0].value == 1);
    }
}

TEST_CASE("Reconciliation lists every parent whose children's targets do not add up") {
    auto c = fixtures::small_campaign();
    c.set_targets({{"xa", "hedge", 20, target_basis::official},
                   {"A", "hedge", 8, target_basis::planned},
                   {"B", "hedge", 10, target_basis::planned},
                   {"A1", "hedge", 4, target_basis::planned},
                   {"A2", "hedge", 4, target_basis::planned},
                   {"hnd", "hedge", 5, target_basis::planned}, // not in a distinct-household sum
                   {"xa", "garden", 4, target_basis::official},
                   {"hnd", "garden", 1, target_basis::planned}});
    auto issues = reconcile(c);
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].parent == c.units().root());
    CHECK(issues[0].indicator == c.indicator_at("hedge"));
    CHECK(issues[0].parent_target == 20);
    CHECK(issues[0].children_sum == 18); // A 8 + B 10
    CHECK(issues[1].indicator == c.indicator_at("garden"));
    CHECK(issues[1].children_sum == 1);
}

TEST_CASE("Targets are checked before any is set") {
    auto c = fixtures::small_campaign();
    const auto before = c;
    SUBCASE("more households than the unit has") {
        CHECK_THROWS_WITH_AS(c.set_targets({{"B", "hedge", 5, target_basis::planned},
                                            {"A1", "hedge", 5, target_basis::planned}}),
                             doctest::Contains("target 1, field value"), validation_error);
    }
    SUBCASE("a negative target") {
        CHECK_THROWS_WITH_AS(c.set_target("B", "garden", -1), doctest::Contains("field value"),
                             validation_error);
    }
    SUBCASE("an unknown unit") {
        CHECK_THROWS_WITH_AS(c.set_target("Q", "garden", 1), doctest::Contains("\"Q\""),
                             validation_error);
    }
    CHECK(c == before);
}

TEST_CASE("A target of 2^63 or more is refused before it is split, not converted") {
    auto c = fixtures::small_campaign();
    c.set_target("xa", "garden", 9223372036854775808.0); // 2^63 gardens: no household cap
    const auto e = fixtures::error_of<validation_error>([&] {
        propose_allocation(c, c.units().root(), c.indicator_at("garden"), allocation_method::equal);
    });
    CHECK(e.where() == "unit \"xa\", indicator \"garden\"");
    CHECK(e.detail() == "a target of 9223372036854775808 is too large to split exactly; whole "
                        "numbers up to 9223372036854775807 can be");
    // 2^61 among A, B and C splits: 768614336404564650 each and the spare 2 to the first two
    // (as doubles, which round them); just below 2^63 the exact product would overflow, which
    // largest_remainder refuses with its own message.
    c.set_target("xa", "garden", 2305843009213693952.0);
    const auto s =
        propose_allocation(c, c.units().root(), c.indicator_at("garden"), allocation_method::equal);
    REQUIRE(s.size() == 3);
    CHECK(s[0].value == static_cast<double>(std::int64_t{768614336404564651}));
    CHECK(s[2].value == static_cast<double>(std::int64_t{768614336404564650}));
    c.set_target("xa", "garden", 9223372036854774784.0); // 2^63 - 1024, the double below 2^63
    CHECK_THROWS_WITH_AS(
        propose_allocation(c, c.units().root(), c.indicator_at("garden"), allocation_method::equal),
        "weights: total × weights is too large to split exactly", validation_error);
}
