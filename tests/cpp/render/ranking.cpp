// The ranking as a Markdown section, worked out by hand for a one-unit ranking.
#include "../fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render/ranking.hpp>

using namespace ntmkit;

TEST_CASE("The ranking's Markdown escapes unit names like every other report") {
    const auto c = fixtures::small_campaign(); // indicators: Hàng rào xanh, Vườn sinh thái
    campaign_ranking r;
    r.as_of = date(2022, 5, 30);
    r.cap_at_100 = true;
    unit_score s{1, "A", "Thôn *A*_1", 0.5, 1, 5, {}};
    s.indicators.push_back({0, "hedge", 10, 5, 0.5, 0.5, 1});
    s.reminded = true;
    r.ranked.push_back(s);
    r.remind = {0};
    r.evenness = spread_of({0.5}); // one value: no spread, cv 0, Gini 0
    CHECK(render_ranking_markdown(c, r) ==
          "## Đánh giá, xếp hạng cuối đợt\n"
          "\nNgày đánh giá: 30/5/2022; mỗi chỉ tiêu tính tối đa 100%.\n"
          "\n| Hạng | Đơn vị | Điểm | Hàng rào xanh | Vườn sinh thái |\n"
          "|---:|---|---:|---:|---:|\n"
          "| 1 | Thôn \\*A\\*\\_1 ⚠ | 50,0% | 50,0% | — |\n"
          "\n**Đề nghị khen thưởng** (★): không có\n"
          "\n**Cần nhắc nhở** (⚠): Thôn \\*A\\*\\_1 (50,0%)\n"
          "\n**Mức đồng đều của phong trào:** trung bình 50,0%, độ lệch chuẩn 0,0%, hệ số biến "
          "thiên 0,000, Gini 0,000, thấp nhất 50,0%, cao nhất 50,0%.\n");
}

TEST_CASE("A capped ranking prints what counts, with the actual rate beside it when over 100%") {
    const auto c = fixtures::small_campaign();
    campaign_ranking r;
    r.as_of = date(2022, 5, 30);
    unit_score s{1, "A", "Thôn A", 1.0, 1, 10, {}};
    // 10 done of a target of 5: 200%, counted as 100% when capped.
    s.indicators.push_back({0, "hedge", 5, 10, 2.0, 1.0, 1});
    r.ranked.push_back(s);
    r.evenness = spread_of({1.0});
    SUBCASE("capped") {
        r.cap_at_100 = true;
        CHECK(doc::ranking_table(c, r, "vi").rows.at(0).at(3) == "100,0% (200,0%)");
        CHECK(doc::ranking_table(c, r, "en").rows.at(0).at(3) == "100.0% (200.0%)");
    }
    SUBCASE("uncapped: what counts is the actual rate") {
        r.cap_at_100 = false;
        r.ranked[0].indicators[0].counted = 2.0;
        CHECK(doc::ranking_table(c, r, "vi").rows.at(0).at(3) == "200,0%");
    }
}
