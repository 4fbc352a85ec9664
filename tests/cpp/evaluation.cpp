#include <ntmkit/criteria.hpp>
#include <ntmkit/evaluation.hpp>

#include <doctest/doctest.h>

using namespace ntmkit;

namespace {

threshold_value at_least_percent(double v) {
    return {threshold_kind::at_least, v, "percent", "", true, false, "", "", ""};
}

// n criteria "1".."n", each with one indicator "k.1": at least 50 percent.
criteria_set numbered_set(const std::string& id, int n) {
    criteria_set s;
    s.id = id;
    s.criteria_complete = true;
    s.groups.push_back({"all", "", "", {}, {}, {}});
    for (int k = 1; k <= n; ++k) {
        criterion c;
        c.code = std::to_string(k);
        c.indicators_complete = true;
        criterion_indicator i;
        i.code = c.code + ".1";
        i.threshold.general = at_least_percent(50);
        c.indicators.push_back(i);
        s.groups[0].criteria.push_back(c);
    }
    return s;
}

indicator_values all_at(int n, double v) {
    indicator_values out;
    for (int k = 1; k <= n; ++k)
        out[std::to_string(k) + ".1"] = v;
    return out;
}

} // namespace

TEST_CASE("a unit meeting 18 of 19 criteria reports 18/19 and how far the missing one is") {
    auto set = numbered_set("nineteen", 19);
    auto values = all_at(19, 60);
    values["7.1"] = 42.0;
    auto e = evaluate(set, "", values);
    CHECK(e.met_count() == 18);
    CHECK(e.total() == 19);
    CHECK(e.summary() == "18/19");
    CHECK_FALSE(e.all_met());
    CHECK(e.find("7")->status == criterion_status::not_met);
    auto missed = e.missed_indicators();
    REQUIRE(missed.size() == 1);
    CHECK(missed[0]->code == "7.1");
    CHECK(*missed[0]->shortfall == doctest::Approx(8));
    CHECK(missed[0]->reason == "42: 8 percentage points short of at least 50");
}

TEST_CASE("a value exactly at the threshold meets it") {
    auto set = numbered_set("one", 1);
    CHECK(evaluate(set, "", {{"1.1", 50.0}}).summary() == "1/1");
}

TEST_CASE("an indicator without a known threshold or without a value is unknown, never met") {
    auto set = numbered_set("two", 2);
    set.find_indicator("2.1")->threshold.general->value.reset();

    auto e = evaluate(set, "", {{"2.1", 99.0}});
    CHECK(e.find("1")->indicators[0].status == indicator_status::unknown);
    CHECK(e.find("1")->indicators[0].reason == "no value entered");
    CHECK(e.find("2")->indicators[0].status == indicator_status::unknown);
    CHECK(e.find("2")->indicators[0].reason == "no known threshold");
    CHECK(e.find("2")->status == criterion_status::unknown);
    CHECK(e.met_count() == 0);
    CHECK(e.unknown_count() == 2);
    CHECK(e.summary() == "0/2");
}

TEST_CASE("the same value meets the threshold in one region and misses it in another") {
    auto set = load_builtin_criteria_set("qd318-2022-xa");
    indicator_values v{{"15.3", 60.0}}; // share of people with an electronic health record

    SUBCASE("northern midlands and mountains: at least 50%") {
        auto r = evaluate(set, "trung_du_mien_nui_phia_bac", v).find("15")->indicators[1];
        CHECK(r.status == indicator_status::met);
    }
    SUBCASE("Red River delta: at least 70%, 10 points short") {
        auto r = evaluate(set, "dong_bang_song_hong", v).find("15")->indicators[1];
        CHECK(r.status == indicator_status::missed);
        CHECK(*r.shortfall == doctest::Approx(10));
    }
    SUBCASE("North Central Coast: figure not known, so unknown") {
        auto r = evaluate(set, "bac_trung_bo", v).find("15")->indicators[1];
        CHECK(r.status == indicator_status::unknown);
        CHECK(r.reason == "no known threshold for variant bac_trung_bo");
    }
}

TEST_CASE("a maximum is missed by the excess and flags its unverified figure") {
    auto set = load_builtin_criteria_set("qd318-2022-xa");
    auto e = evaluate(set, "bac_trung_bo", {{"15.2", 27.0}}); // stunting 27% against ≤25%
    const auto& c = *e.find("15");
    CHECK(c.indicators[0].status == indicator_status::missed);
    CHECK(*c.indicators[0].shortfall == doctest::Approx(2));
    CHECK(c.status == criterion_status::not_met);
    CHECK(c.uses_unverified_threshold());
}

TEST_CASE("a yes/no indicator is met by true and missed by false") {
    auto set = load_builtin_criteria_set("hatinh-vuon-mau");
    SUBCASE("true") {
        CHECK(evaluate(set, "", {{"1.1", true}}).find("1")->indicators[0].status ==
              indicator_status::met);
    }
    SUBCASE("false, with no distance to report") {
        auto r = evaluate(set, "", {{"1.1", false}}).find("1")->indicators[0];
        CHECK(r.status == indicator_status::missed);
        CHECK_FALSE(r.shortfall);
    }
    SUBCASE("a number other than 0 or 1 is refused") {
        CHECK_THROWS_WITH_AS(evaluate(set, "", {{"1.1", 2.0}}), doctest::Contains("indicator 1.1"),
                             validation_error);
    }
    SUBCASE("true for a percentage is refused") {
        CHECK_THROWS_AS(evaluate(set, "", {{"3.2", true}}), validation_error);
    }
}

TEST_CASE("a criterion whose indicator list is incomplete is not met from its indicators alone") {
    auto set = load_builtin_criteria_set("qd318-2022-xa");
    set.set_threshold("3.2", "", 1); // the "4 tại chỗ" item, assumed Đạt by the user
    indicator_values v{{"3.1", 85.0}, {"3.2", true}};

    auto e = evaluate(set, "bac_trung_bo", v);
    CHECK(e.find("3")->status == criterion_status::unknown);
    CHECK(e.find("3")->reason == "the indicator list is incomplete (indicators_complete false)");

    SUBCASE("a direct assessment decides it") {
        auto d = evaluate(set, "bac_trung_bo", v, {{"3", true}});
        CHECK(d.find("3")->status == criterion_status::met);
        CHECK(d.find("3")->assessed_directly);
    }
    SUBCASE("a missed indicator is enough to say not met") {
        v["3.1"] = 70.0;
        CHECK(evaluate(set, "bac_trung_bo", v).find("3")->status == criterion_status::not_met);
    }
}

TEST_CASE("a criterion met by score needs at least N points from met indicators") {
    criteria_set set = numbered_set("scored", 1);
    auto& c = set.groups[0].criteria[0];
    c.met_rule = met_rule::at_least_points(70);
    c.indicators[0].points = 40;
    for (const char* code : {"1.2", "1.3"}) {
        criterion_indicator i;
        i.code = code;
        i.points = 30;
        i.threshold.general = at_least_percent(50);
        c.indicators.push_back(i);
    }
    SUBCASE("40 + 30 = 70 points: met") {
        auto r = *evaluate(set, "", {{"1.1", 60.0}, {"1.2", 60.0}, {"1.3", 10.0}}).find("1");
        CHECK(r.status == criterion_status::met);
        CHECK(*r.score == 70);
    }
    SUBCASE("40 met, 30 unknown: 70 still reachable, so unknown") {
        auto r = *evaluate(set, "", {{"1.1", 60.0}, {"1.2", 10.0}}).find("1");
        CHECK(r.status == criterion_status::unknown);
        CHECK(r.reason == "40 of 70 points, the rest unknown");
    }
    SUBCASE("at most 30 + 30 = 60 points: not met") {
        auto r = *evaluate(set, "", {{"1.1", 10.0}, {"1.2", 60.0}}).find("1");
        CHECK(r.status == criterion_status::not_met);
        CHECK(r.reason == "at most 60 of 70 points reachable");
    }
}

TEST_CASE("values for codes the set does not have are refused, naming the code") {
    auto set = numbered_set("one", 1);
    CHECK_THROWS_WITH_AS(evaluate(set, "", {{"1.2", 60.0}}),
                         "indicator 1.2: not in criteria set one", validation_error);
    CHECK_THROWS_AS(evaluate(set, "", {}, {{"9", true}}), validation_error);
    CHECK_THROWS_AS(evaluate(set, "tay_nguyen", {}), validation_error);
}

TEST_CASE("comparing two dates shows criteria maintained, newly met and lost") {
    auto set = numbered_set("twenty", 20);
    auto before = evaluate(set, "", all_at(20, 60));
    REQUIRE(before.summary() == "20/20");

    SUBCASE("keep 20/20: nothing lost") {
        auto c = compare(before, evaluate(set, "", all_at(20, 55)));
        CHECK(c.maintained.size() == 20);
        CHECK(c.nothing_lost());
    }
    SUBCASE("criterion 17 falls below its threshold: lost") {
        auto after_values = all_at(20, 60);
        after_values["17.1"] = 45.0;
        auto c = compare(before, evaluate(set, "", after_values));
        CHECK(c.lost == std::vector<std::string>{"17"});
        CHECK(c.maintained.size() == 19);
        CHECK_FALSE(c.nothing_lost());
    }
    SUBCASE("criterion 17 not reported after: unconfirmed, not kept") {
        auto after_values = all_at(20, 60);
        after_values.erase("17.1");
        auto c = compare(before, evaluate(set, "", after_values));
        CHECK(c.unconfirmed == std::vector<std::string>{"17"});
        CHECK(c.lost.empty());
        CHECK_FALSE(c.nothing_lost());
    }
    SUBCASE("from 18/20 to 20/20: two newly met") {
        auto earlier_values = all_at(20, 60);
        earlier_values["2.1"] = 10.0;
        earlier_values.erase("5.1");
        auto c = compare(evaluate(set, "", earlier_values), before);
        CHECK(c.newly_met == std::vector<std::string>{"2", "5"});
        CHECK(c.maintained.size() == 18);
        CHECK(c.still_unmet.empty());
    }
}

TEST_CASE("the seed's 20/20 check works on the shipped Hà Tĩnh set with direct assessments") {
    auto set = load_builtin_criteria_set("hatinh-xa-ntm-20");
    criterion_assessments april, may;
    for (const criterion* c : set.criteria())
        april[c->code] = may[c->code] = true;
    may["20"] = false; // the model residential area lapsed
    auto before = evaluate(set, "bac_trung_bo", {}, april);
    auto after = evaluate(set, "bac_trung_bo", {}, may);
    CHECK(before.summary() == "20/20");
    CHECK(after.summary() == "19/20");
    auto c = compare(before, after);
    CHECK(c.lost == std::vector<std::string>{"20"});
}

TEST_CASE("evaluations of different sets cannot be compared") {
    auto a = evaluate(numbered_set("a", 1), "", {});
    auto b = evaluate(numbered_set("b", 1), "", {});
    CHECK_THROWS_AS(compare(a, b), validation_error);
}

TEST_CASE("an evaluation is written as JSON with its X/N summary") {
    auto set = numbered_set("two", 2);
    nlohmann::json j = evaluate(set, "", {{"1.1", 60.0}, {"2.1", 20.0}});
    CHECK(j["summary"] == "1/2");
    CHECK(j["criteria"][1]["status"] == "not_met");
    CHECK(j["criteria"][1]["indicators"][0]["shortfall"] == 30.0);
}

TEST_CASE("a yes/no item whose wording is not verified is met by a stated Đạt, and says so") {
    // QĐ 318 ships criterion 8's four items (8.1-8.4, list complete) as yes/no with no verified
    // wording, and criterion 5 with a regional figure. Đạt on all five: criteria 5 and 8 met,
    // 2/19; criterion 8 leans on unverified wording.
    auto set = load_builtin_criteria_set("qd318-2022-xa");
    const indicator_values v{
        {"5", true}, {"8.1", true}, {"8.2", true}, {"8.3", true}, {"8.4", true}};
    auto e = evaluate(set, "bac_trung_bo", v);
    CHECK(e.summary() == "2/19");
    CHECK(e.find("8")->status == criterion_status::met);
    CHECK(e.find("8")->uses_unverified_threshold());
    auto missed = evaluate(set, "bac_trung_bo", {{"8.3", false}}).find("8")->indicators[2];
    CHECK(missed.status == indicator_status::missed);
    CHECK(missed.reason == "not achieved");
}

TEST_CASE(
    "criteria stated met with their evidence take a commune to 19/19 and track what it keeps") {
    auto set = load_builtin_criteria_set("qd318-2022-xa");
    criterion_statements stated;
    for (const auto* c : set.criteria())
        stated[c->code] = {true, "QĐ công nhận xã đạt chuẩn NTM, 20/12/2022"};
    const auto before = evaluate(set, "bac_trung_bo", {}, stated);
    CHECK(before.summary() == "19/19");
    CHECK(before.find("17")->assessed_directly);
    CHECK(before.find("17")->evidence == "QĐ công nhận xã đạt chuẩn NTM, 20/12/2022");
    CHECK(nlohmann::json(before)["criteria"][0]["evidence"] ==
          "QĐ công nhận xã đạt chuẩn NTM, 20/12/2022");

    // A year on: criterion 17 (environment) stated not met, criterion 10 no longer stated.
    stated["17"] = {false, "biên bản kiểm tra 12/2023: rác thải chưa thu gom"};
    stated.erase("10");
    const auto after = evaluate(set, "bac_trung_bo", {}, stated);
    CHECK(after.summary() == "17/19");
    const auto moved = compare(before, after);
    CHECK(moved.lost == std::vector<std::string>{"17"});
    CHECK(moved.unconfirmed == std::vector<std::string>{"10"});
    CHECK(moved.maintained.size() == 17);
    CHECK_FALSE(moved.nothing_lost());
}
