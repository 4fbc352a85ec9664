// The pieces every report shares (render/parts.hpp), on the small campaign of fixtures.hpp.
#include "../fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace ntmkit;
using fixtures::rec;

TEST_CASE("A household group is named with its village, other units by their name alone") {
    const auto c = fixtures::small_campaign();
    CHECK(doc::unit_name(c, c.units().at("A1")) == "Tổ 1 (Thôn A)");
    CHECK(doc::unit_name(c, c.units().at("A")) == "Thôn A");
    CHECK(doc::unit_name(c, c.units().at("hnd")) == "Hội Nông dân");
    CHECK(doc::unit_label(c, c.units().root(), "vi") == "Tổng cộng");
}

TEST_CASE("A target the allocation proposed is marked as proposed, a planned one is not") {
    auto c = fixtures::small_campaign();
    c.set_targets({{"A1", "hedge", 2, target_basis::proposed},
                   {"A2", "hedge", 3, target_basis::planned},
                   {"B", "garden", 1234.5, target_basis::proposed}});
    report_options o;
    std::map<std::pair<std::string, std::string>, std::string> cells;
    for (auto level : {unit_level::household_group, unit_level::village}) {
        o.level = level;
        const auto rep = build_weekly_report(c, date(2022, 4, 22), o);
        for (const auto& row : rep.rows)
            cells[{std::string(c.units().id(row.unit)), c.indicator_of(row.indicator).id}] =
                doc::target_cell(c, row, level == unit_level::village ? "en" : "vi");
    }
    CHECK(cells[{"A1", "hedge"}] == "2 (đề xuất)");
    CHECK(cells[{"A2", "hedge"}] == "3");
    CHECK(cells[{"A", "hedge"}] == "5"); // 2 + 3 from its groups, not a target of its own
    CHECK(cells[{"B", "garden"}] == "1,234.5 (proposed)");
}

TEST_CASE("Once the campaign's last day is reached, what is short of its target has not met it") {
    auto c = fixtures::small_campaign();
    c.set_targets({{"A", "hedge", 10, target_basis::planned}});
    c.add_progress({rec("A1", "hedge", date(2022, 4, 20), 1)});
    const auto A = c.units().at("A");
    // 1 of 10 on 20/5 (36 of 46 days: 7,8 expected) is at risk; on 30/5 (the last day) and
    // after, there is no pace left to be at risk of.
    rollup during(c, date(2022, 5, 20)), last(c, date(2022, 5, 30));
    const auto hedge = c.indicator_at("hedge");
    CHECK(doc::status_cell(c, date(2022, 5, 20), during.row(A, hedge), "vi") ==
          "Nguy cơ không đạt chỉ tiêu");
    CHECK(doc::status_cell(c, date(2022, 5, 30), last.row(A, hedge), "vi") == "Không đạt chỉ tiêu");
    CHECK(doc::status_cell(c, date(2022, 5, 30), last.row(A, hedge), "en") == "Target not met");
}

TEST_CASE("Over several periods each unit missing its reports is named once, with the periods") {
    auto c = fixtures::small_campaign();
    const auto A = c.units().at("A"), B = c.units().at("B");
    const std::vector<unit_period> missing{
        {A, date(2022, 4, 15), {}}, {B, date(2022, 4, 15), {}}, {A, date(2022, 4, 22), {}}};
    CHECK(doc::unit_list_by_unit(c, missing, false, "vi") ==
          "Thôn A (2 kỳ: 15/4/2022, 22/4/2022), Thôn B (1 kỳ: 15/4/2022)");
    const std::vector<unit_period> late{{A, date(2022, 4, 15), date(2022, 4, 18)},
                                        {A, date(2022, 4, 22), date(2022, 4, 25)}};
    CHECK(doc::unit_list_by_unit(c, late, true, "vi") == "Thôn A (18/4/2022, 25/4/2022)");
}
