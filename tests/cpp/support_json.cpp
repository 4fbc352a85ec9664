// Labour support in the campaign file and in a file of its own ("ntmkit-support").
#include "support_fixture.hpp"

#include <doctest/doctest.h>
#include <ntmkit/support_json.hpp>

using namespace ntmkit;
using fixtures::error_of;
using namespace support_fixture;

namespace {
/// The campaign file of small_campaign with `member` added at its end.
std::string with_member(const std::string& member) {
    auto text = campaign_to_json_text(fixtures::small_campaign());
    return text.substr(0, text.rfind('}')) + ", " + member + "}";
}
} // namespace

TEST_CASE("Support in the campaign file round-trips, and files without it keep their bytes") {
    const auto c = supported();
    const auto text = campaign_to_json_text(c);
    CHECK(text.find("\"support\": {") != std::string::npos);
    const auto back = campaign_from_json_text(text);
    CHECK(back == c);
    CHECK(campaign_to_json_text(back) == text);
    const auto plain = campaign_to_json_text(fixtures::small_campaign());
    CHECK(plain.find("support") == std::string::npos);
}

TEST_CASE("A support member is read with its pointers and named defaults") {
    const auto c = campaign_from_json_text(with_member(
        R"("support": {"supporters": [{"id": "dn", "kind": "sponsor", "units": ["B"]}],
           "needs": [{"unit": "B", "date": "20/4/2022", "person_days": 12.5, "task": "đổ bê tông"}],
           "records": [{"kind": "delivery", "date": "2022-04-22", "giver": "dn", "receiver": "B",
                        "person_days": 4, "materials": "5 bao xi măng", "illustrative": true}]})"));
    const auto& p = c.support().plan();
    CHECK(p.supporters[0].name == "dn"); // the name defaults to the id
    CHECK(p.needs[0].person_days == 12.5);
    CHECK(p.records[0].materials == "5 bao xi măng");
    CHECK(p.records[0].illustrative);
    auto r = roll_up_support(c.support(), c.units(), date(2022, 4, 22));
    CHECK(r.receivers[0].still_needed() == 8.5);
}

TEST_CASE("Support errors name the JSON pointer; unknown members are refused with a hint") {
    auto e = error_of<parse_error>([] {
        campaign_from_json_text(with_member(
            R"("support": {"needs": [{"unit": "B", "date": "2022-04-20", "person_day": 3}]})"));
    });
    CHECK(e.where() == "/support/needs/0/person_day");
    CHECK(e.detail() == "unknown member \"person_day\"; did you mean \"person_days\"?");
    auto v = error_of<validation_error>([] {
        campaign_from_json_text(with_member(
            R"("support": {"records": [{"kind": "pledge", "date": "2022-04-20", "giver": "x",
                                        "receiver": "B", "person_days": 3}]})"));
    });
    CHECK(v.where() == "/support/records/0/giver");
    auto k = error_of<parse_error>([] {
        campaign_from_json_text(with_member(
            R"("support": {"records": [{"kind": "gift", "date": "2022-04-20", "giver": "A",
                                        "receiver": "B"}]})"));
    });
    CHECK(k.where() == "/support/records/0/kind");
    CHECK(error_of<parse_error>([] {
              campaign_from_json_text(with_member(R"("suport": {})"));
          }).detail() == "unknown member \"suport\"; did you mean \"support\"?");
}

TEST_CASE("A support file adds to a loaded campaign, all or nothing, and only to its own") {
    auto c = fixtures::small_campaign();
    const std::string file = R"({"format": "ntmkit-support", "format_version": 1,
        "campaign": "test", "notes": ["ILLUSTRATIVE"],
        "support": {"needs": [{"unit": "C", "date": "2022-04-20", "person_days": 3}]}})";
    add_support_json_text(c, file);
    CHECK(c.support().plan().needs.size() == 1);
    add_support_json_text(c, file); // a second file adds to the first
    CHECK(c.support().plan().needs.size() == 2);
    const auto text = support_file_text(c);
    auto d = fixtures::small_campaign();
    add_support_json_text(d, text);
    CHECK(d.support() == c.support());

    auto other = error_of<validation_error>([&] {
        add_support_json_text(d, R"({"format": "ntmkit-support", "format_version": 1,
            "campaign": "another", "support": {}})",
                              "ho_tro.json");
    });
    CHECK(other.where() == "ho_tro.json#/campaign");
    CHECK(other.detail() == "this file belongs to campaign \"another\", not to \"test\"");
    auto bad = error_of<validation_error>([&] {
        add_support_json_text(d, R"({"format": "ntmkit-support", "format_version": 1,
            "campaign": "test", "support": {"needs": [
              {"unit": "C", "date": "2022-04-20", "person_days": 3},
              {"unit": "C", "date": "2022-04-20", "person_days": -3}]}})");
    });
    CHECK(bad.where() == "/support/needs/1/person_days");
    CHECK(d.support() == c.support());
}

TEST_CASE("Funds in the campaign file round-trip as exact integers of đồng") {
    auto c = funded();
    c.add_funds({fund(date(2022, 4, 30), fund_source::people, max_dong - 89'700'000, "B")});
    const auto text = campaign_to_json_text(c);
    CHECK(text.find("\"amount\": 9223372036765075807") != std::string::npos);
    const auto back = campaign_from_json_text(text);
    CHECK(back == c);
    CHECK(back.funds().total() == max_dong);
    CHECK(campaign_to_json_text(back) == text);
}

TEST_CASE("Fund amounts that are not whole đồng, or too large, are refused at their pointer") {
    auto message = [](const std::string& funds) {
        try {
            campaign_from_json_text(with_member("\"funds\": " + funds));
        } catch (const ntmkit::error& e) {
            return std::string(e.where()) + ": " + e.detail();
        }
        return std::string("no error");
    };
    const std::string rec = R"({"date": "2022-04-20", "source": "people", "unit": "A", )";
    CHECK(message("[" + rec + R"("amount": 9223372036854775808}])") ==
          "/funds/0/amount: expected an integer up to 9223372036854775807, got number "
          "9223372036854775808");
    CHECK(message("[" + rec + R"("amount": 1234.5}])") ==
          "/funds/0/amount: expected a whole number of đồng (no fraction or exponent), got "
          "number 1234.5");
    CHECK(message("[" + rec + R"("amount": -3}])") ==
          "/funds/0/amount: an amount must be 0 or more đồng, got -3");
    CHECK(message("[" + rec + R"("amount": 5000000000000000000}, )" + rec +
                  R"("amount": 5000000000000000000}])") ==
          "/funds/1/amount: 5000000000000000000 đồng takes the campaign's funds past "
          "9223372036854775807 đồng");
    CHECK(message("[" + rec + R"("ammount": 3}])") ==
          "/funds/0/ammount: unknown member \"ammount\"; did you mean \"amount\"?");
    CHECK(message(R"([{"date": "2022-04-20", "source": "bank", "unit": "A", "amount": 1}])") ==
          "/funds/0/source: expected one of \"budget_central\", \"budget_province\", "
          "\"budget_district\", \"budget_commune\", \"integrated\", \"socialised\", \"people\", "
          "\"enterprise\", \"other\", got \"bank\"");
}

TEST_CASE("A support file may carry funds; support and funds are added together or not at all") {
    auto c = fixtures::small_campaign();
    auto e = error_of<validation_error>([&] {
        add_support_json_text(c, R"({"format": "ntmkit-support", "format_version": 1,
            "campaign": "test",
            "support": {"needs": [{"unit": "C", "date": "2022-04-20", "person_days": 3}]},
            "funds": [{"date": "2022-04-20", "source": "people", "unit": "nowhere", "amount": 1}]})");
    });
    CHECK(e.where() == "/funds/0/unit");
    CHECK(c.support().empty());
    add_support_json_text(c, support_file_text(funded()));
    CHECK(c.funds() == funded().funds());
}
