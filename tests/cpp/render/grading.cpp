// The year-end grading written out, with how each grade was reached.
#include "../grading_table.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render/grading.hpp>

using namespace ntmkit;
using grading_fixture::subject_of;
using grading_fixture::year_table;

TEST_CASE("the explanation says how each component counted, the score as a sum and the "
          "threshold reached") {
    const auto r = grade_subjects(year_table());
    CHECK(doc::grade_explanation(r, subject_of(r, "B"), "vi") ==
          "Đợt cao điểm: 80,0% × 3; Đợt 2: 60,0% × 2; Giữ vững tiêu chí: 100,0% × 2; "
          "Báo cáo đúng hạn: 60,0% × 1; Hỗ trợ: không có số liệu, không tính; "
          "điểm = 6,2 / 8 = 77,5%; 77,5% ≥ 70,0% (ngưỡng Hoàn thành tốt) → Hoàn thành tốt; "
          "cần 90,0% để đạt Hoàn thành xuất sắc.");
    CHECK(doc::grade_explanation(r, subject_of(r, "D"), "en") ==
          "Peak drive: 70.0% × 3; Second drive: no value, left out; Criteria kept: no value, "
          "left out; Reports on time: no value, left out; Support given: no value, left out; "
          "score = 2.1 / 3 = 70.0%; 70.0% ≥ 70.0% (threshold of Good) → Good; 90.0% needed "
          "for Excellent.");
    const std::string c = doc::grade_explanation(r, subject_of(r, "C"), "vi");
    CHECK(c.find("39,4% < 50,0% (ngưỡng Hoàn thành) → Không hoàn thành; cần 50,0% để đạt "
                 "Hoàn thành.") != std::string::npos);
}

TEST_CASE("the grading renders in Vietnamese and English, saying the default thresholds are "
          "illustrative") {
    const auto r = grade_subjects(year_table());
    const auto vi = render_grading(r, report_format::markdown);
    CHECK(vi.find("# Đánh giá, xếp loại cuối năm — Xếp loại thôn năm 2022") != std::string::npos);
    CHECK(vi.find("minh họa, không phải quy định chính thức") != std::string::npos);
    CHECK(vi.find("| 2 | Thôn B | village | 80,0% | 60,0% | 100,0% | 60,0% | — | 77,5% | "
                  "Hoàn thành tốt |") != std::string::npos);
    CHECK(vi.find("Hoàn thành xuất sắc 1, Hoàn thành tốt 2, Hoàn thành 0, Không hoàn thành 1") !=
          std::string::npos);
    const auto en = render_grading(r, report_format::text, "en");
    CHECK(en.find("Illustrative grade thresholds") != std::string::npos);
    CHECK(en.find("Excellent from 90.0%, Good from 70.0%, Completed from 50.0%.") !=
          std::string::npos);
    const auto csv = render_grading(r, report_format::csv, "en");
    CHECK(csv.rfind("No.,Unit,Kind,Peak drive (weight 3)", 0) == 0);
    CHECK(csv.find("Ông E,cadre,—,—,—,—,—,—,—,\"Peak drive: no value") != std::string::npos);
}
