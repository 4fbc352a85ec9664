// Rendered reports: the seed's Friday report against a reviewed file, and the formats' rules.
#include "fixtures.hpp"
#include "seed.hpp"

#include <doctest/doctest.h>
#include <ntmkit/csv.hpp>
#include <ntmkit/json.hpp>
#include <ntmkit/render.hpp>

using namespace ntmkit;
using fixtures::rec;

using fixtures::seed_with_progress;

TEST_CASE("The seed's Friday report of 6/5/2022 as it stood then matches the reviewed file") {
    // Reviewed by hand against progress.csv (docs/reports.md walks through the figures):
    // Cẩm Trang's hedges 10 = 3 (record 3 as corrected on 6/5) + 3 + 1 + 3; its gates 4 as
    // reported, 6 once the late record of 9/5 arrived; toilets 8/38 = 21,1%; 8 of 10 village
    // reports in by Friday, Cẩm Trang (9/5) and Trung Tiến missing.
    auto c = seed_with_progress();
    report_options o;
    o.known_by = date(2022, 5, 6);
    const auto got = render_markdown(c, build_weekly_report(c, date(2022, 5, 6), o));
    const auto expected =
        read_text_file(std::string(NTMKIT_TEST_DATA_DIR) + "/seed_report_2022-05-06.md");
    CHECK(got == expected);
}

TEST_CASE("Vietnamese reports write numbers and dates the Vietnamese way, English ones not") {
    CHECK(format_quantity(1234.5) == "1.234,5");
    CHECK(format_quantity(1234.5, "en") == "1,234.5");
    CHECK(format_quantity(26900000) == "26.900.000");
    CHECK(format_quantity(77) == "77");
    CHECK(format_quantity(0.25) == "0,25");
    CHECK(format_quantity(-1500) == "-1.500");
    CHECK(format_percent(200.0 / 3) == "66,7%");
    CHECK(format_percent(200.0 / 3, "en") == "66.7%");
}

TEST_CASE("HTML escapes names, CSV quotes decimal commas, English labels on request") {
    auto c = fixtures::small_campaign();
    c.set_targets({{"A", "hedge", 3, target_basis::planned}});
    auto r = rec("A1", "hedge", date(2022, 4, 20), 2);
    r.note = "hộ <Lê> & \"Trần\"";
    c.add_progress({r});
    auto rep = build_weekly_report(c, date(2022, 4, 22));
    const auto html = render_html(c, rep, "en");
    CHECK(html.find("<html lang=\"en\">") != std::string::npos);
    CHECK(html.find("<h3>Green hedge</h3>") != std::string::npos);
    CHECK(html.find("<td>Thôn A</td><td class=\"num\">3</td><td class=\"num\">2</td>"
                    "<td class=\"num\">2</td><td class=\"num\">66.7%</td><td>On track</td>") !=
          std::string::npos);
    const auto csv = render_csv(c, rep);
    CHECK(csv.substr(0, csv.find("\r\n")) ==
          "Ngày báo cáo,Mã kỳ,Mã đơn vị,Đơn vị,Mã chỉ tiêu,Chỉ tiêu,Kế hoạch,Kỳ này,Lũy kế,%,"
          "Tình trạng");
    CHECK(csv.find("22/4/2022,2022-04-16/2022-04-22,A,Thôn A,hedge,Hàng rào xanh,3,2,2,\"66,7\","
                   "Đúng tiến độ\r\n") != std::string::npos);

    SUBCASE("the loudspeaker list groups the day's work by village, with notes") {
        auto day = build_daily_report(c, date(2022, 4, 20));
        REQUIRE(day.entries.size() == 1);
        CHECK(day.entries[0].group == c.units().at("A"));
        const auto md = render_markdown(c, day);
        CHECK(md.find("# Danh sách đọc trên loa — ngày 20/4/2022") == 0);
        CHECK(md.find("## Thôn A\n") != std::string::npos);
        CHECK(md.find("| Tổ 1 | Hàng rào xanh | 2 | hộ \\<Lê> & \"Trần\" |") != std::string::npos);
        CHECK(render_html(c, day).find("hộ &lt;Lê&gt; &amp; &quot;Trần&quot;") !=
              std::string::npos);
        CHECK(render_csv(c, day).find(",\"hộ <Lê> & \"\"Trần\"\"\",") != std::string::npos);
        CHECK(build_daily_report(c, date(2022, 4, 21)).entries.empty());
    }
}

TEST_CASE("The loudspeaker list reads the version of a record that stands") {
    auto c = fixtures::small_campaign();
    c.add_progress({rec("A1", "hedge", date(2022, 4, 20), 3),
                    rec("B", "hedge", date(2022, 4, 20), 1),
                    rec("hnd", "hedge", date(2022, 4, 20), 2)});
    auto fix = rec("A1", "hedge", date(2022, 4, 20), 2);
    fix.reported = date(2022, 4, 21);
    fix.supersedes = 0;
    c.add_progress({fix});
    auto now = build_daily_report(c, date(2022, 4, 20));
    REQUIRE(now.entries.size() == 3); // A1's corrected record, B, the Farmers' Union
    CHECK(now.entries[0].record == 3);
    CHECK(now.entries[0].quantity == 2);
    CHECK(now.entries[1].unit == c.units().at("B"));
    CHECK(now.entries[2].group == c.units().at("hnd")); // no village: grouped by itself
    report_options then;
    then.known_by = date(2022, 4, 20);
    auto read_out = build_daily_report(c, date(2022, 4, 20), then);
    CHECK(read_out.entries[0].record == 0); // what the loudspeaker said that evening
    CHECK(read_out.entries[0].quantity == 3);
}

TEST_CASE("The final report ranks the villages as rank_units does, with their reporting rate") {
    auto c = fixtures::small_campaign();
    c.set_targets({{"A", "hedge", 4, target_basis::planned},
                   {"A", "garden", 2, target_basis::planned},
                   {"B", "hedge", 10, target_basis::planned},
                   {"B", "garden", 5, target_basis::planned},
                   {"C", "hedge", 10, target_basis::planned}});
    c.add_progress({rec("A1", "hedge", date(2022, 5, 2), 4),
                    rec("A1", "garden", date(2022, 5, 2), 3),
                    rec("B", "hedge", date(2022, 5, 2), 8), rec("B", "garden", date(2022, 5, 2), 1),
                    rec("C", "hedge", date(2022, 5, 2), 5)});
    c.add_submissions({{"A", date(2022, 4, 22), date(2022, 4, 22), "", ""},
                       {"A", date(2022, 4, 29), date(2022, 4, 29), "", ""},
                       {"B", date(2022, 4, 22), date(2022, 4, 22), "", ""}});
    const auto A = c.units().at("A"), B = c.units().at("B"), C = c.units().at("C");
    // By hand, each indicator capped at 100%, weights 1:
    //   A: hedge 4/4 = 1, garden 3/2 = 1.5 → 1; score (1 + 1) / 2 = 1
    //   B: hedge 8/10 = 0.8, garden 1/5 = 0.2; score (0.8 + 0.2) / 2 = 0.5
    //   C: hedge 5/10 = 0.5 (no garden target); score 0.5
    // Ranks 1, 2, 2 (B and C share rank 2, tree order within it). The final report commends a
    // score of 100% (A); remind_below 0.5 reminds nobody (B and C are at 0.5, not below).
    // Reports: 8 periods (seven Fridays from 15/4 and 28/5–30/5); A sent 2, B 1, C none.
    auto f = build_final_report(c);
    const auto& r = f.ranking;
    CHECK(r.level == unit_level::village); // the report's level, not the ranking's default
    CHECK(r.as_of == date(2022, 5, 30));
    REQUIRE(r.ranked.size() == 3);
    CHECK(r.ranked[0].unit == A);
    CHECK(r.ranked[0].score == doctest::Approx(1.0));
    CHECK(r.ranked[0].rank == 1);
    CHECK(r.ranked[1].unit == B);
    CHECK(r.ranked[1].score == doctest::Approx(0.5));
    CHECK(r.ranked[1].rank == 2);
    CHECK(r.ranked[2].unit == C);
    CHECK(r.ranked[2].score == doctest::Approx(0.5));
    CHECK(r.ranked[2].rank == 2);
    CHECK(r.commend == std::vector<std::size_t>{0});
    CHECK(r.remind.empty());
    REQUIRE(f.unit_reporting.size() == 3);
    CHECK(f.unit_reporting[0].unit == A);
    CHECK(f.reporting_of(A)->expected == 8);
    CHECK(f.reporting_of(A)->received == 2);
    CHECK(f.reporting_of(B)->received == 1);
    CHECK(f.reporting_of(C)->received == 0);
    CHECK(f.reporting_of(c.units().at("A1")) == nullptr);
    const auto md = render_markdown(c, f);
    CHECK(md.find("| Hạng | Đơn vị | Điểm | Hàng rào xanh | Vườn sinh thái | Tỷ lệ báo cáo |") !=
          std::string::npos);
    // Capped: the 150% garden quota counts as 100%, its actual rate beside it.
    CHECK(md.find("| 1 | Thôn A ★ | 100,0% | 100,0% | 100,0% (150,0%) | 2/8 (25,0%) |") !=
          std::string::npos);
    CHECK(md.find("| 2 | Thôn B | 50,0% | 80,0% | 20,0% | 1/8 (12,5%) |") != std::string::npos);
    CHECK(md.find("| 2 | Thôn C | 50,0% | 50,0% | — | 0/8 (0,0%) |") != std::string::npos);
    CHECK(md.find("Đề nghị khen thưởng (★): Thôn A (100,0%).") != std::string::npos);
    CHECK(md.find("Cần nhắc nhở (⚠): không có.") != std::string::npos);
    const auto en = render_markdown(c, f, "en");
    CHECK(en.find("| 2 | Thôn C | 50.0% | 50.0% | — | 0/8 (0.0%) |") != std::string::npos);
    CHECK(render_html(c, f).find("<td>Thôn A ★</td>") != std::string::npos);

    SUBCASE("the ranking's options: weights, commend and remind thresholds") {
        // Garden weighs 3: B (0.8 + 3 × 0.2) / 4 = 0.35, C 0.5 (hedge only), A 1.
        // Ranks A 1, C 2, B 3; commend the top 2 with any score: A and C; remind below 0.4: B.
        final_report_options o;
        o.ranking.weights = {{"garden", 3}};
        o.ranking.commend_at_least.reset();
        o.ranking.commend_top_k = 2;
        o.ranking.remind_below = 0.4;
        const auto g = build_final_report(c, o).ranking;
        REQUIRE(g.ranked.size() == 3);
        CHECK(g.ranked[1].unit == C);
        CHECK(g.ranked[2].unit == B);
        CHECK(g.ranked[2].score == doctest::Approx(0.35));
        CHECK(g.ranked[2].rank == 3);
        CHECK(g.commend == std::vector<std::size_t>{0, 1});
        CHECK(g.remind == std::vector<std::size_t>{2});
        const auto gmd = render_markdown(c, build_final_report(c, o));
        CHECK(gmd.find("| 3 | Thôn B ⚠ | 35,0% | 80,0% | 20,0% | 1/8 (12,5%) |") !=
              std::string::npos);
    }
    SUBCASE("as known by a day before any record arrived, every village scores 0") {
        report_options o;
        o.known_by = date(2022, 5, 1);
        const auto g = build_final_report(c, o).ranking;
        REQUIRE(g.ranked.size() == 3);
        for (const auto& s : g.ranked) {
            CHECK(s.score == 0);
            CHECK(s.rank == 1); // all equal: one shared rank
            CHECK(s.reminded);
        }
        CHECK(g.commend.empty());
    }
}
