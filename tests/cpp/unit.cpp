#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/unit.hpp>

#include <limits>

using namespace ntmkit;

namespace {
std::string build_error(const std::vector<unit_spec>& specs) {
    try {
        unit_tree::build(specs);
    } catch (const validation_error& e) {
        return e.what();
    }
    return "";
}
} // namespace

TEST_CASE("Units are laid out parents first with contiguous subtrees") {
    // Given in scrambled order: a group before its village, a village before the commune.
    std::vector<unit_spec> specs{
        {"A1", "Tổ 1", unit_level::household_group, "A", 4, false},
        {"B", "Thôn B", unit_level::village, "xa", 20, false},
        {"A", "Thôn A", unit_level::village, "xa", 10, false},
        {"xa", "Xã", unit_level::commune, "", std::nullopt, false},
        {"A2", "Tổ 2", unit_level::household_group, "A", 6, false},
    };
    auto t = unit_tree::build(specs);
    REQUIRE(t.size() == 5);
    // Pre-order keeps the input order among siblings: B was given before A.
    CHECK(t.id(0) == "xa");
    CHECK(t.id(1) == "B");
    CHECK(t.id(2) == "A");
    CHECK(t.id(3) == "A1");
    CHECK(t.id(4) == "A2");
    CHECK(t.subtree_size(0) == 5);
    CHECK(t.subtree_size(t.at("A")) == 3);
    CHECK(t.parent(t.at("A2")) == t.at("A"));
    CHECK(t.depth(t.at("A1")) == 2);
    CHECK(t.children(0) == std::vector<unit_index>{1, 2});
    CHECK(t.is_ancestor_or_self(t.at("A"), t.at("A2")));
    CHECK_FALSE(t.is_ancestor_or_self(t.at("B"), t.at("A2")));
}

TEST_CASE("Household counts add up from children where a unit has none of its own") {
    auto c = fixtures::small_campaign();
    const auto& t = c.units();
    CHECK(t.households(t.at("xa")) == std::nullopt);
    // 10 + 20 + 15; the organisation's members are already counted by their villages.
    CHECK(t.households_known(t.at("xa")) == 45);
    CHECK(t.households_known(t.at("A")) == 10);
    CHECK(t.households_known(t.at("hnd")) == std::nullopt);
}

TEST_CASE("A name typed in decomposed Unicode finds the same unit") {
    std::vector<unit_spec> specs{
        {"xa", "Xã", unit_level::commune, "", std::nullopt, false},
        {"cam_trang", "C\xe1\xba\xa9m Trang", unit_level::village, "xa", 200,
         false}, // precomposed ẩ
    };
    auto t = unit_tree::build(specs);
    // ẩ decomposed: a, U+0302 COMBINING CIRCUMFLEX ACCENT, U+0309 COMBINING HOOK ABOVE.
    const std::string decomposed = "Ca\xcc\x82\xcc\x89m Trang";
    REQUIRE(decomposed != "C\xe1\xba\xa9m Trang");
    CHECK(t.find_by_name(decomposed) == std::vector<unit_index>{1});
    CHECK(t.find_by_id_or_name(decomposed) == 1);
    SUBCASE("a name stored decomposed is kept in NFC") {
        std::vector<unit_spec> s2{{"xa", decomposed, unit_level::commune, "", std::nullopt, false}};
        CHECK(unit_tree::build(s2).name(0) == "C\xe1\xba\xa9m Trang");
    }
}

TEST_CASE("Inconsistent unit lists are rejected with the ids involved") {
    SUBCASE("duplicate ids") {
        auto msg = build_error({{"xa", "Xã", unit_level::commune, "", std::nullopt, false},
                                {"A", "Thôn A", unit_level::village, "xa", 1, false},
                                {"A", "Thôn A bis", unit_level::village, "xa", 1, false}});
        CHECK(msg.find("duplicate unit id \"A\"") != std::string::npos);
    }
    SUBCASE("unknown parent") {
        auto msg = build_error({{"xa", "Xã", unit_level::commune, "", std::nullopt, false},
                                {"A", "Thôn A", unit_level::village, "xx", 1, false}});
        CHECK(msg.find("names parent \"xx\"") != std::string::npos);
    }
    SUBCASE("a cycle beside the root") {
        auto msg = build_error({{"xa", "Xã", unit_level::commune, "", std::nullopt, false},
                                {"A", "Thôn A", unit_level::village, "B", 1, false},
                                {"B", "Thôn B", unit_level::village, "A", 1, false}});
        CHECK(msg.find("cycle") != std::string::npos);
        CHECK(msg.find("\"A\"") != std::string::npos);
        CHECK(msg.find("\"B\"") != std::string::npos);
    }
    SUBCASE("a cycle and no root") {
        auto msg = build_error({{"A", "Thôn A", unit_level::village, "B", 1, false},
                                {"B", "Thôn B", unit_level::village, "A", 1, false}});
        CHECK(msg.find("cycle") != std::string::npos);
    }
    SUBCASE("two roots") {
        auto msg = build_error({{"xa", "Xã", unit_level::commune, "", std::nullopt, false},
                                {"xb", "Xã B", unit_level::commune, "", std::nullopt, false}});
        CHECK(msg.find("\"xa\" and \"xb\"") != std::string::npos);
    }
    SUBCASE("a negative household count") {
        auto msg = build_error({{"xa", "Xã", unit_level::commune, "", -3, false}});
        CHECK(msg.find("-3") != std::string::npos);
    }
}

TEST_CASE("An unknown unit id is an error that names it") {
    auto c = fixtures::small_campaign();
    CHECK_THROWS_WITH_AS(c.units().at("Z9"), doctest::Contains("unit \"Z9\""), validation_error);
}

namespace {
// A commune with short names to find: Thôn Bắc Sơn and its seven "Tổ liên gia 1" (one per
// block, as a whole commune's list has them), Thôn Hạ and Ấp Hạ, Xóm Đông beside a unit named
// plainly "Đông", a lower-case "thôn Trung", and "Lò Gạch" whose first word is no prefix.
unit_tree short_names() {
    std::vector<unit_spec> specs{{"xa", "Xã Thử", unit_level::commune, "", std::nullopt, false},
                                 {"bs", "Thôn Bắc Sơn", unit_level::village, "xa", 70, false}};
    for (int k = 1; k <= 7; ++k)
        specs.push_back({"g" + std::to_string(k), "Tổ liên gia 1", unit_level::household_group,
                         "bs", 10, false});
    for (const auto& [id, name] :
         std::vector<std::pair<std::string, std::string>>{{"th", "Thôn Hạ"},
                                                          {"ah", "Ấp Hạ"},
                                                          {"xd", "Xóm Đông"},
                                                          {"dong", "Đông"},
                                                          {"tt", "thôn Trung"},
                                                          {"lg", "Lò Gạch"}})
        specs.push_back({id, name, unit_level::village, "xa", 5, false});
    return unit_tree::build(specs);
}
} // namespace

TEST_CASE("A village is found by its name without Thôn, Xóm, Tổ, Ấp or Bản") {
    const auto t = short_names();
    CHECK(t.resolve("Bắc Sơn", "here") == t.at("bs"));
    CHECK(t.resolve("B\x61\xcc\x86\xcc\x81"
                    "c So\xcc\x9bn",
                    "here") == t.at("bs")); // "Bắc Sơn" typed decomposed
    CHECK(t.find_by_id_or_name("Trung") == t.at("tt"));
    CHECK(t.find_by_id_or_name("liên gia 1") == std::nullopt); // seven groups
    // A unit's own full name wins over another's short name.
    CHECK(t.candidates("Đông") == std::vector<unit_index>{t.at("dong")});
    // Not a prefix word, or only part of the rest: nothing.
    CHECK(t.candidates("Gạch").empty());
    CHECK(t.candidates("Bắc").empty());
}

TEST_CASE("A name several units share is refused listing their ids, five then how many more") {
    const auto t = short_names();
    const auto seven =
        fixtures::error_of<validation_error>([&] { t.resolve("Tổ liên gia 1", "row 3"); });
    CHECK(seven.where() == "row 3");
    CHECK(seven.detail() ==
          "\"Tổ liên gia 1\" is the name of 7 units: g1, g2, g3, g4, g5 and 2 more; give the id");
    const auto two = fixtures::error_of<validation_error>([&] { t.resolve("Hạ", "row 4"); });
    CHECK(two.detail() == "\"Hạ\" is the name of 2 units: th, ah; give the id");
    const auto none = fixtures::error_of<validation_error>([&] { t.resolve("Tây", "row 5"); });
    CHECK(none.where() == "row 5");
    CHECK(none.detail() == "no unit with id or name \"Tây\" in the campaign");
    CHECK(t.resolve("g6", "row 6") == t.at("g6")); // the id is never ambiguous
}

TEST_CASE("Household counts whose sum overflows are refused naming the unit and the field") {
    // 2^62 each: the commune's sum would be 2^64, which wrapped to 0. Children are added from
    // the last: d + c = 2^63 is already one past the largest count, so c is named.
    const std::int64_t big = std::int64_t{1} << 62;
    std::vector<unit_spec> specs{{"xa", "Xã", unit_level::commune, "", std::nullopt, false}};
    for (const char* id : {"a", "b", "c", "d"})
        specs.push_back({id, id, unit_level::village, "xa", big, false});
    const auto e = fixtures::error_of<validation_error>([&] { unit_tree::build(specs); });
    CHECK(e.where() == "unit \"c\"");
    CHECK(e.detail() == "households 4611686018427387904 of unit \"c\" take unit \"xa\"'s count "
                        "past 9223372036854775807");
    // 2^62 - 1 and 2^62 add up to exactly the largest count, which is kept.
    specs.resize(3);
    specs[1].households = big - 1;
    specs[2].households = big;
    const auto t = unit_tree::build(specs);
    CHECK(t.households_known(0) == std::numeric_limits<std::int64_t>::max());
}
