// Themed weeks: which theme a report period had and how its indicators moved.
#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/json.hpp>
#include <ntmkit/render/weekly.hpp>

using namespace ntmkit;
using fixtures::rec;

namespace {
campaign hedge_week() {
    auto c = fixtures::small_campaign();
    c.set_targets({{"xa", "hedge", 20, target_basis::official}});
    c.add_progress({
        rec("A1", "hedge", date(2022, 4, 18), 2),
        rec("A2", "hedge", date(2022, 4, 21), 1),
        rec("B", "hedge", date(2022, 4, 25), 3),
        rec("C", "hedge", date(2022, 4, 29), 1),
    });
    c.set_themes({fixtures::theme("hedge_week", date(2022, 4, 23), date(2022, 4, 29), {"hedge"})});
    return c;
}
} // namespace

TEST_CASE("The Friday report names the week's theme and how its indicator moved") {
    auto c = hedge_week();
    auto rep = build_weekly_report(c, date(2022, 4, 29)); // period 23/4–29/4
    REQUIRE(rep.themes.size() == 1);
    const auto& m = rep.themes[0];
    CHECK(m.theme == 0);
    CHECK(m.indicator == c.indicator_at("hedge"));
    CHECK(m.first == date(2022, 4, 23));
    CHECK(m.last == date(2022, 4, 29));
    CHECK(m.done == 4);        // B 3 on 25/4 + C 1 on 29/4
    CHECK(m.done_before == 3); // the 7 days before, 16/4–22/4: A1 2 + A2 1
    CHECK(m.cumulative == 7);
    CHECK(m.target == 20.0);
    CHECK(render_text(c, rep, "en")
              .find("Theme: Green-hedge week (23/4/2022–29/4/2022)\n"
                    "  Green hedge: +4 (previous 7 days: +3), total 7/20") != std::string::npos);

    SUBCASE("a theme reaching into the period counts only its days inside it") {
        c.set_themes(
            {fixtures::theme("late_start", date(2022, 4, 27), date(2022, 5, 3), {"hedge"})});
        auto r = build_weekly_report(c, date(2022, 4, 29));
        REQUIRE(r.themes.size() == 1);
        CHECK(r.themes[0].first == date(2022, 4, 27));
        CHECK(r.themes[0].last == date(2022, 4, 29));
        CHECK(r.themes[0].done == 1);        // C on 29/4
        CHECK(r.themes[0].done_before == 3); // 24/4–26/4: B on 25/4
    }
    SUBCASE("weeks without a theme say nothing about themes") {
        auto r = build_weekly_report(c, date(2022, 4, 22));
        CHECK(r.themes.empty());
        CHECK(render_text(c, r).find("Chủ đề") == std::string::npos);
    }
    SUBCASE("the first days of the campaign have nothing before them") {
        c.set_themes({fixtures::theme("launch", date(2022, 4, 15), date(2022, 4, 22), {"hedge"})});
        auto r = build_weekly_report(c, date(2022, 4, 22));
        CHECK(r.themes[0].done == 3);
        CHECK(r.themes[0].done_before == 0);
    }
}

TEST_CASE("A plan of themes is checked as a whole") {
    auto c = hedge_week();
    SUBCASE("unknown indicator") {
        CHECK_THROWS_WITH_AS(
            c.set_themes({fixtures::theme("t", date(2022, 4, 23), date(2022, 4, 29), {"toilet"})}),
            "theme 0, field indicators: no indicator \"toilet\" in the campaign", validation_error);
        CHECK(c.themes().size() == 1); // the old plan stays
    }
    SUBCASE("days outside the campaign") {
        CHECK_THROWS_AS(
            c.set_themes({fixtures::theme("t", date(2022, 5, 28), date(2022, 6, 3), {"hedge"})}),
            validation_error);
    }
    SUBCASE("duplicate ids") {
        auto t = fixtures::theme("t", date(2022, 4, 23), date(2022, 4, 29), {"hedge"});
        CHECK_THROWS_WITH_AS(c.set_themes({t, t}), "theme 1, field id: duplicate theme id \"t\"",
                             validation_error);
    }
}

TEST_CASE("Themes round-trip through the campaign file; errors name the JSON pointer") {
    auto c = hedge_week();
    const auto text = campaign_to_json_text(c);
    CHECK(text.find(R"("themes": [
    {
      "id": "hedge_week",
      "name_vi": "Tuần hàng rào xanh",
      "name_en": "Green-hedge week",
      "first": "2022-04-23",
      "last": "2022-04-29",
      "indicators": [
        "hedge"
      ]
    }
  ],
  "progress": [)") != std::string::npos);
    auto again = campaign_from_json_text(text);
    CHECK(again == c);
    CHECK(campaign_to_json_text(again) == text);

    auto j = nlohmann::json::parse(text);
    j["themes"][0]["indicators"][0] = "toilet";
    CHECK_THROWS_WITH_AS(campaign_from_json(j),
                         "/themes/0/indicators: no indicator \"toilet\" in the campaign",
                         validation_error);
    j["themes"][0]["last"] = "31/4/2022";
    CHECK_THROWS_WITH_AS(campaign_from_json(j), doctest::Contains("/themes/0/last"), parse_error);

    SUBCASE("files without themes or submissions save as before") {
        auto plain = fixtures::small_campaign();
        auto t = campaign_to_json_text(plain);
        CHECK(t.find("themes") == std::string::npos);
        CHECK(t.find("submissions") == std::string::npos);
    }
}

TEST_CASE("themes overlapping a range are those with a day in it, ends included, in plan order") {
    // Themes: t0 16/4–22/4, t1 23/4–29/4, t2 20/4–25/4.
    const std::vector<theme_week> plan{
        fixtures::theme("t0", date(2022, 4, 16), date(2022, 4, 22), {"hedge"}),
        fixtures::theme("t1", date(2022, 4, 23), date(2022, 4, 29), {"hedge"}),
        fixtures::theme("t2", date(2022, 4, 20), date(2022, 4, 25), {"garden"}),
    };
    using v = std::vector<std::size_t>;
    CHECK(themes_overlapping(plan, date(2022, 4, 22), date(2022, 4, 22)) == v{0, 2});
    CHECK(themes_overlapping(plan, date(2022, 4, 23), date(2022, 4, 23)) == v{1, 2});
    CHECK(themes_overlapping(plan, date(2022, 4, 26), date(2022, 5, 6)) == v{1});
    CHECK(themes_overlapping(plan, date(2022, 4, 10), date(2022, 4, 15)) == v{});
    CHECK(themes_overlapping(plan, date(2022, 4, 15), date(2022, 4, 16)) == v{0});
    CHECK(themes_overlapping(plan, date(2022, 4, 30), date(2022, 5, 30)) == v{});
    CHECK(themes_overlapping(plan, date(2022, 4, 1), date(2022, 5, 30)) == v{0, 1, 2});
}

TEST_CASE("A theme names its indicators by id or name and keeps their ids") {
    auto c = hedge_week();
    // small_campaign's indicators: hedge "Hàng rào xanh" / "Green hedge", garden "Vườn sinh thái".
    c.set_themes(
        {fixtures::theme("t", date(2022, 4, 23), date(2022, 4, 29),
                         {"Green hedge", "Vu\xCC\x9Bo\xCC\x9B\xCC\x80n sinh tha\xCC\x81i"})});
    CHECK(c.themes()[0].indicators == std::vector<std::string>{"hedge", "garden"});
    CHECK_THROWS_WITH_AS(
        c.set_themes({fixtures::theme("t", date(2022, 4, 23), date(2022, 4, 29), {"Hàng rào"})}),
        "theme 0, field indicators: no indicator \"Hàng rào\" in the campaign", validation_error);
    CHECK(c.themes()[0].indicators == std::vector<std::string>{"hedge", "garden"}); // unchanged
}
