#include "fixtures.hpp"

#include <ntmkit/scoring.hpp>

#include <doctest/doctest.h>

using namespace ntmkit;

namespace {

// Criterion 1 out of 100 (pass 80), criterion 2 out of 50 (pass 40), one item not re-checked.
scoring_table village_table() {
    scoring_table t;
    t.id = "cam-trang-2022";
    t.unit_id = "cam-trang";
    t.criteria.push_back({"1", "Nhà ở", 100.0, 80.0, {}});
    t.criteria[0].items = {{"1.1", "Nhà ở đạt chuẩn", 40, 40.0, 35.0, ""},
                           {"1.2", "Công trình phụ trợ", 60, 55.0, 50.0, ""}};
    t.criteria.push_back({"2", "Vườn hộ", std::nullopt, 40.0, {}});
    t.criteria[1].items = {{"2.1", "Quy hoạch vườn", 30, 30.0, std::nullopt, ""},
                           {"2.2", "Hàng rào xanh", 20, 10.0, 10.0, ""}};
    return t;
}

validation_error validation_error_of(const scoring_table& t) {
    return fixtures::error_of<validation_error>([&] { validate(t); });
}

} // namespace

TEST_CASE("scoring totals add up per criterion and overall") {
    auto t = village_table();
    REQUIRE_NOTHROW(validate(t));

    auto c1 = t.criteria[0].totals();
    CHECK(c1.standard == 100);
    CHECK(c1.self_assessed == 95);
    CHECK(c1.rechecked == 85);
    CHECK(c1.rechecked_missing == 0);

    auto c2 = t.find("2")->totals();
    CHECK(c2.standard == 50);
    CHECK(c2.self_assessed == 40);
    CHECK(c2.rechecked == 10);
    CHECK(c2.rechecked_missing == 1);

    auto all = t.totals();
    CHECK(all.standard == 150);
    CHECK(all.self_assessed == 135);
    CHECK(all.rechecked == 95);
    CHECK(all.self_missing == 0);
    CHECK(all.rechecked_missing == 1);
}

TEST_CASE("a score outside 0..standard is refused, naming the item") {
    auto t = village_table();
    SUBCASE("self-assessed above the standard") {
        t.criteria[0].items[0].self_assessed = 45;
        auto e = validation_error_of(t);
        CHECK(e.where() == "/criteria/0/items/0/self_assessed");
        CHECK(e.detail() == "item 1.1 of criterion 1: self-assessed score 45 is outside 0..40");
    }
    SUBCASE("re-checked below zero") {
        t.criteria[1].items[1].rechecked = -1;
        CHECK(validation_error_of(t).where() == "/criteria/1/items/1/rechecked");
    }
    SUBCASE("standards that do not add up to the criterion's total") {
        t.criteria[0].items[1].standard = 50;
        t.criteria[0].items[1].self_assessed = 50;
        t.criteria[0].items[1].rechecked = 50;
        auto e = validation_error_of(t);
        CHECK(e.where() == "/criteria/0/standard_total");
        CHECK(e.detail() == "criterion 1: items' standard scores sum to 90, not 100");
    }
    SUBCASE("the same item code twice") {
        t.criteria[1].items[1].code = "1.2";
        CHECK(validation_error_of(t).where() == "/criteria/1/items/1/code");
    }
}

TEST_CASE("a scoring table survives a JSON round trip and writes its totals") {
    auto t = village_table();
    nlohmann::json j = t;
    CHECK(j["format"] == "ntmkit-scoring");
    CHECK(j["totals"]["rechecked"] == 95.0);
    CHECK(j["criteria"][1]["totals"]["standard"] == 50.0);
    CHECK(j["criteria"][1]["items"][0]["rechecked"].is_null());

    auto back = j.get<scoring_table>();
    CHECK(nlohmann::json(back) == j);
}

TEST_CASE("scoring file errors name the JSON pointer") {
    nlohmann::json j = village_table();
    SUBCASE("a score written as text") {
        j["criteria"][0]["items"][1]["rechecked"] = "năm mươi";
        try {
            (void)j.get<scoring_table>();
            FAIL("no error raised");
        } catch (const parse_error& e) {
            CHECK(e.where() == "/criteria/0/items/1/rechecked");
        }
    }
    SUBCASE("a score above its standard") {
        j["criteria"][1]["items"][1]["self_assessed"] = 25;
        CHECK_THROWS_WITH_AS((void)j.get<scoring_table>(),
                             "/criteria/1/items/1/self_assessed: item 2.2 of criterion 2: "
                             "self-assessed score 25 is outside 0..20",
                             validation_error);
    }
    SUBCASE("a missing standard") {
        j["criteria"][1]["items"][0].erase("standard");
        CHECK_THROWS_WITH_AS((void)j.get<scoring_table>(),
                             "/criteria/1/items/0: missing member \"standard\"", parse_error);
    }
}

TEST_CASE("pass scores turn a scoring table into criterion assessments") {
    auto t = village_table();
    SUBCASE("re-checked: criterion 2 is not fully re-checked, so it is left out") {
        auto a = assessments_from(t, score_basis::rechecked);
        CHECK(a == criterion_assessments{{"1", true}});
    }
    SUBCASE("self-assessed: 95 of pass 80 and 40 of pass 40 both pass") {
        auto a = assessments_from(t, score_basis::self_assessed);
        CHECK(a == criterion_assessments{{"1", true}, {"2", true}});
    }
    SUBCASE("a re-checked total below the pass score fails") {
        t.criteria[0].items[1].rechecked = 40; // 35 + 40 = 75 < 80
        CHECK(assessments_from(t, score_basis::rechecked).at("1") == false);
    }
}
