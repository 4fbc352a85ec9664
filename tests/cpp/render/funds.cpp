// The weekly report's funds section, in every format.
#include "../support_fixture.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render.hpp>

using namespace ntmkit;
using namespace support_fixture;

namespace {
std::string from(const std::string& text, const std::string& start) {
    const auto at = text.find(start);
    REQUIRE(at != std::string::npos);
    return text.substr(at);
}
} // namespace

TEST_CASE("The weekly report adds up funds by source, the state budget's levels, and by unit") {
    const auto c = funded();
    const auto rep = build_weekly_report(c, date(2022, 4, 29)); // period 23/4–29/4
    // By hand: this period commune 5.000.000 (25/4), socialised 3.500.000 (27/4), integrated
    // 20.000.000 (28/4); before it province 50.000.000, people 1.200.000, enterprise 10.000.000.
    CHECK(from(render(c, rep, report_format::markdown, "vi"), "## Huy động kinh phí") ==
          "## Huy động kinh phí\n\nTheo nguồn:\n\n"
          "| Nguồn | Kỳ này | Lũy kế |\n|---|---:|---:|\n"
          "| Ngân sách tỉnh | 0 đ | 50.000.000 đ |\n"
          "| Ngân sách xã | 5.000.000 đ | 5.000.000 đ |\n"
          "| Cộng ngân sách nhà nước | 5.000.000 đ | 55.000.000 đ |\n"
          "| Lồng ghép các chương trình | 20.000.000 đ | 20.000.000 đ |\n"
          "| Xã hội hóa | 3.500.000 đ | 3.500.000 đ |\n"
          "| Nhân dân đóng góp | 0 đ | 1.200.000 đ |\n"
          "| Doanh nghiệp | 0 đ | 10.000.000 đ |\n"
          "| Tổng cộng | 28.500.000 đ | 89.700.000 đ |\n\n"
          "Theo đơn vị:\n\n"
          "| Đơn vị | Kỳ này | Lũy kế |\n|---|---:|---:|\n"
          "| Thôn A | 5.000.000 đ | 6.200.000 đ |\n"
          "| Thôn B | 0 đ | 10.000.000 đ |\n"
          "| Thôn C | 3.500.000 đ | 3.500.000 đ |\n"
          "| Tổng cộng | 28.500.000 đ | 89.700.000 đ |\n");
    const auto text = render_text(c, rep, "en");
    CHECK(text.find("Funds mobilised\nBy source:\n") != std::string::npos);
    CHECK(text.find("  Total                     28,500,000 VND  89,700,000 VND\n") !=
          std::string::npos);
    CHECK(from(render_csv(c, rep, "en"), "Source,") ==
          "Source,This period,Total\r\n"
          "Provincial budget,0 VND,\"50,000,000 VND\"\r\n"
          "Commune budget,\"5,000,000 VND\",\"5,000,000 VND\"\r\n"
          "\"State budget, all levels\",\"5,000,000 VND\",\"55,000,000 VND\"\r\n"
          "Integrated programmes,\"20,000,000 VND\",\"20,000,000 VND\"\r\n"
          "Social mobilisation,\"3,500,000 VND\",\"3,500,000 VND\"\r\n"
          "People's contributions,0 VND,\"1,200,000 VND\"\r\n"
          "Enterprises,0 VND,\"10,000,000 VND\"\r\n"
          "Total,\"28,500,000 VND\",\"89,700,000 VND\"\r\n"
          "Unit,This period,Total\r\n"
          "Thôn A,\"5,000,000 VND\",\"6,200,000 VND\"\r\n"
          "Thôn B,0 VND,\"10,000,000 VND\"\r\n"
          "Thôn C,\"3,500,000 VND\",\"3,500,000 VND\"\r\n"
          "Total,\"28,500,000 VND\",\"89,700,000 VND\"\r\n");
    CHECK(render_html(c, rep, "vi").find("<h2>Huy động kinh phí</h2>") != std::string::npos);
}

TEST_CASE("Funds without a state budget have no budget subtotal; illustrative ones are flagged") {
    auto c = fixtures::small_campaign();
    auto r = fund(date(2022, 4, 20), fund_source::people, 700'000, "B");
    r.illustrative = true;
    c.add_funds({r});
    const auto text = render_text(c, build_weekly_report(c, date(2022, 4, 22)));
    CHECK(from(text, "Huy động kinh phí") == "Huy động kinh phí\n"
                                             "Có số liệu minh họa, không phải số liệu chính thức.\n"
                                             "Theo nguồn:\n"
                                             "  Nguồn                 Kỳ này     Lũy kế\n"
                                             "  Nhân dân đóng góp  700.000 đ  700.000 đ\n"
                                             "  Tổng cộng          700.000 đ  700.000 đ\n"
                                             "Theo đơn vị:\n"
                                             "  Đơn vị        Kỳ này     Lũy kế\n"
                                             "  Thôn B     700.000 đ  700.000 đ\n"
                                             "  Tổng cộng  700.000 đ  700.000 đ\n");
}
