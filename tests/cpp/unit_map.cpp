// A merger in the middle of a campaign, on the old map and the new, figures worked out by hand.
#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/json.hpp>
#include <ntmkit/unit_map.hpp>

using namespace ntmkit;
using fixtures::rec;

namespace {

const date merger(2022, 5, 10);

// Villages A (10 households: groups A1 4, A2 6) and B (20) merge into AB (30) on 10/5/2022;
// C (15) stays. Hedge targets A 6, B 10, C 8; AB has none of its own.
// Records: 0 A1 2 on 20/4; 1 B 3 on 25/4; 2 A 1 on 5/5; 3 AB 4 on 12/5; 4 A 1 on 15/5
// (typed under the old name after the merger); 5 C 5 on 20/5.
//
//                 old map (A, B, C)              new map (AB, C)
//   as of 6/5     A 3/6, B 3/10, C 0, xa 6       —
//   as of 13/5    A 3, B 3, xa 10 (AB's 4)        AB 10/16, C 0/8, xa 10/24
//   as of 30/5    A 4/6, B 3/10, C 5/8, xa 16    AB 11/16 (A1 2), C 5/8, xa 16/24
campaign merging_villages() {
    fixtures::campaign_setup s;
    using fixtures::unit_spec_of;
    s.units = {unit_spec_of("A", "Thôn A", unit_level::village, "xa", 10),
               unit_spec_of("A1", "Tổ 1", unit_level::household_group, "A", 4),
               unit_spec_of("A2", "Tổ 2", unit_level::household_group, "A", 6),
               unit_spec_of("B", "Thôn B", unit_level::village, "xa", 20),
               unit_spec_of("C", "Thôn C", unit_level::village, "xa", 15),
               unit_spec_of("AB", "Thôn A-B", unit_level::village, "xa", 30)};
    auto c = fixtures::make_campaign(s);
    const date before = merger - boost::gregorian::days(1);
    c.set_unit_changes({{"A", std::nullopt, before, "AB", "merged"},
                        {"B", std::nullopt, before, "AB", ""},
                        {"AB", merger, std::nullopt, "", ""}});
    c.set_targets({{"A", "hedge", 6}, {"B", "hedge", 10}, {"C", "hedge", 8}});
    c.add_progress(
        {rec("A1", "hedge", date(2022, 4, 20), 2), rec("B", "hedge", date(2022, 4, 25), 3),
         rec("A", "hedge", date(2022, 5, 5), 1), rec("AB", "hedge", date(2022, 5, 12), 4),
         rec("A", "hedge", date(2022, 5, 15), 1), rec("C", "hedge", date(2022, 5, 20), 5)});
    return c;
}

struct cell {
    std::optional<double> target;
    double done;
};

cell at(const mapped_rollup& m, const char* unit) {
    const auto row = m.figures.row(m.map.units().at(unit), m.map.indicator_at("hedge"));
    return {row.target, row.tally.cumulative};
}

} // namespace

TEST_CASE("before the merger the report shows the old villages as they were") {
    const auto m = rollup_on_map(merging_villages(), date(2022, 5, 6));
    CHECK_FALSE(m.map.units().find("AB"));
    CHECK(at(m, "A").done == 3);
    CHECK(*at(m, "A").target == 6);
    CHECK(at(m, "B").done == 3);
    CHECK(at(m, "xa").done == 6);
}

TEST_CASE("after the merger the merged village holds its predecessors' history and targets") {
    const auto c = merging_villages();
    const auto m = rollup_on_map(c, date(2022, 5, 13));
    CHECK_FALSE(m.map.units().find("A"));
    CHECK(m.map.units().parent(m.map.units().at("A1")) == m.map.units().at("AB"));
    CHECK(at(m, "AB").done == 10); // A1 2 + B 3 + A 1 + AB 4
    CHECK(*at(m, "AB").target == 16);
    CHECK(*at(m, "xa").target == 24);
    const auto end = rollup_on_map(c, date(2022, 5, 30));
    CHECK(at(end, "AB").done == 11); // + A's 1 typed under the old name on 15/5
    CHECK(at(end, "A1").done == 2);
    CHECK(at(end, "C").done == 5);
    CHECK(at(end, "xa").done == 16);
    CHECK(end.map.progress().size() == c.progress().size()); // records keep their numbers
}

TEST_CASE("the campaign's closing roll-up on the old map keeps the old villages and puts work "
          "of the new village in the commune") {
    const auto m = rollup_on_map(merging_villages(), date(2022, 5, 30), date(2022, 5, 1));
    CHECK(at(m, "A").done == 4); // 2 + 1 + 1
    CHECK(at(m, "B").done == 3);
    CHECK(at(m, "C").done == 5);
    CHECK(at(m, "xa").done == 16); // the same total as on the new map
    CHECK(*at(m, "xa").target == 24);
}

TEST_CASE("unit changes round-trip through the campaign file and a successor must exist the day "
          "after") {
    const auto c = merging_villages();
    const auto text = campaign_to_json_text(c);
    CHECK(text.find("\"unit_changes\"") != std::string::npos);
    CHECK(campaign_from_json_text(text) == c);
    auto bad = nlohmann::json::parse(text);
    bad["unit_changes"][2]["valid_from"] = "2022-05-11";
    const auto e = fixtures::error_of<validation_error>([&] { campaign_from_json(bad); });
    CHECK(e.where() == "/unit_changes/0/successor");
    CHECK(e.detail().find("not valid on 10/5/2022") != std::string::npos);
}

TEST_CASE("a campaign file without drives or unit changes keeps its exact bytes") {
    const auto c = fixtures::small_campaign();
    const auto text = campaign_to_json_text(c);
    CHECK(text.find("unit_changes") == std::string::npos);
    CHECK(text.find("drives") == std::string::npos);
}
