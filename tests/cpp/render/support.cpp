// The weekly report's labour-support section, in every format.
#include "../support_fixture.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render.hpp>

using namespace ntmkit;
using namespace support_fixture;

namespace {
std::string after(const std::string& text, const std::string& from) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.substr(at);
}
} // namespace

TEST_CASE("The weekly printout ends with who helped whom, what is still needed, and each giver") {
    const auto c = supported();
    const auto rep = build_weekly_report(c, date(2022, 4, 29)); // period 23/4–29/4
    // By hand: deliveries in the period dn1 → C 3 (27/4), tct1 → A 5 (28/4); A needs 20 + 5,
    // got 6 + 4 + 5; C needs 10, got 3 of 8 pledged.
    CHECK(after(render_text(c, rep, "en"), "Labour support") ==
          "Labour support (person-days)\n"
          "Support delivered this period:\n"
          "  Day        Giver             Receiver  Person-days  Materials\n"
          "  27/4/2022  Trường THCS       Thôn C              3\n"
          "  28/4/2022  Tổ công tác số 1  Thôn A              5\n"
          "Needs and support by receiver:\n"
          "  Receiver  Needed  Pledged  Delivered  This period  Still needed\n"
          "  Thôn A        25       15         15            5            10\n"
          "  Thôn C        10        8          3            3             7\n"
          "  Total         35       23         18            8            17\n"
          "By giver:\n"
          "  Giver             Kind                          Assigned to     Pledged  Delivered  "
          "Pledged, not delivered\n"
          "  Tổ công tác số 1  Standing board working group  Thôn A, Thôn B       15         11  "
          "                     4\n"
          "  Trường THCS       Sponsor unit                  Thôn C                8          3  "
          "                     5\n"
          "  Hội Nông dân      Mass organisation                                   0          4  "
          "                     0\n");
    const auto vi = render(c, rep, report_format::markdown, "vi");
    CHECK(vi.find("## Hỗ trợ nhân lực (ngày công)\n\nHỗ trợ trong kỳ:\n") != std::string::npos);
    CHECK(vi.find("| Tổng cộng | 35 | 23 | 18 | 8 | 17 |") != std::string::npos);
    CHECK(vi.find("| Tổ công tác số 1 | Tổ công tác BTV | Thôn A, Thôn B | 15 | 11 | 4 |") !=
          std::string::npos);
    CHECK(render_html(c, rep, "vi").find("<h2>Hỗ trợ nhân lực (ngày công)</h2>") !=
          std::string::npos);
}

TEST_CASE("The weekly CSV follows its table with the support tables") {
    const auto c = supported();
    const auto csv = render_csv(c, build_weekly_report(c, date(2022, 4, 29)), "en");
    CHECK(after(csv, "Day,") == "Day,Giver,Receiver,Person-days,Materials\r\n"
                                "27/4/2022,Trường THCS,Thôn C,3,\r\n"
                                "28/4/2022,Tổ công tác số 1,Thôn A,5,\r\n"
                                "Receiver,Needed,Pledged,Delivered,This period,Still needed\r\n"
                                "Thôn A,25,15,15,5,10\r\n"
                                "Thôn C,10,8,3,3,7\r\n"
                                "Total,35,23,18,8,17\r\n"
                                "Giver,Kind,Assigned to,Pledged,Delivered,\"Pledged, not "
                                "delivered\"\r\n"
                                "Tổ công tác số 1,Standing board working group,\"Thôn A, Thôn "
                                "B\",15,11,4\r\n"
                                "Trường THCS,Sponsor unit,Thôn C,8,3,5\r\n"
                                "Hội Nông dân,Mass organisation,,0,4,0\r\n");
}

TEST_CASE("A week without deliveries says so; illustrative support is flagged; none, no section") {
    auto c = supported();
    auto text = render_text(c, build_weekly_report(c, date(2022, 5, 6)), "en");
    CHECK(text.find("No support delivered this period.\n") != std::string::npos);
    CHECK(text.find("illustrative") == std::string::npos);
    support_plan p;
    p.records = {given(delivery, date(2022, 5, 2), "tct1", "B", 2)};
    p.records[0].illustrative = true;
    c.add_support(p);
    text = render_text(c, build_weekly_report(c, date(2022, 5, 6)), "vi");
    CHECK(text.find("Hỗ trợ nhân lực (ngày công)\n"
                    "Có số liệu minh họa, không phải số liệu chính thức.\n") != std::string::npos);
    const auto plain = fixtures::small_campaign();
    CHECK(render_text(plain, build_weekly_report(plain, date(2022, 5, 6))).find("Hỗ trợ") ==
          std::string::npos);
}
