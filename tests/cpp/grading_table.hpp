// The grading table the grading tests share (tests/cpp/grading*.cpp, render/grading.cpp).
#pragma once

#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/grading.hpp>

#include <string>

namespace grading_fixture {

// Weights 3, 2, 2, 1, 1; support is left out when missing; thresholds 90 / 70 / 50 %.
//
//      dot1 dot2 kept ontime support  Σ w × v                      Σ w  score
//   A  1    .9   1    .8     1        3 + 1.8 + 2 + .8 + 1 = 8.6   9    .9556 excellent
//   B  .8   .6   1    .6     —        2.4 + 1.2 + 2 + .6 = 6.2     8    .775  good
//   C  .5   .4   .5   .25    0        1.5 + .8 + 1 + .25 = 3.55    9    .3944 not completed
//   D  .7   —    —    —      —        2.1                          3    .7    good (exactly)
//   E  nothing                                                          ungraded
inline ntmkit::grading_table year_table() {
    ntmkit::grading_table t;
    t.id = "xep-loai-2022";
    t.name = "Xếp loại thôn năm 2022";
    t.year = 2022;
    t.components = {
        {"dot1", "Đợt cao điểm", "Peak drive", 3, ntmkit::grading_source::campaign_completion,
         false},
        {"dot2", "Đợt 2", "Second drive", 2, ntmkit::grading_source::campaign_completion, false},
        {"kept", "Giữ vững tiêu chí", "Criteria kept", 2, ntmkit::grading_source::criteria_kept,
         false},
        {"ontime", "Báo cáo đúng hạn", "Reports on time", 1,
         ntmkit::grading_source::reporting_timeliness, false},
        {"support", "Hỗ trợ", "Support given", 1, ntmkit::grading_source::support_given, false}};
    t.subjects = {
        {"A",
         "Thôn A",
         "village",
         {{"dot1", 1}, {"dot2", .9}, {"kept", 1}, {"ontime", .8}, {"support", 1}}},
        {"B", "Thôn B", "village", {{"dot1", .8}, {"dot2", .6}, {"kept", 1}, {"ontime", .6}}},
        {"C",
         "Thôn C",
         "village",
         {{"dot1", .5}, {"dot2", .4}, {"kept", .5}, {"ontime", .25}, {"support", 0}}},
        {"D", "Chi bộ D", "party_cell", {{"dot1", .7}}},
        {"E", "Ông E", "cadre", {}}};
    return t;
}

inline const ntmkit::graded_subject& subject_of(const ntmkit::grading_result& r,
                                                const std::string& id) {
    for (const auto& s : r.subjects)
        if (s.id == id)
            return s;
    FAIL("no subject " << id);
    throw;
}

} // namespace grading_fixture
