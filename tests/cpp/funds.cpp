// Funds mobilised: exact đồng by source, unit and purpose as of any day; overflow refused.
#include "support_fixture.hpp"

#include <doctest/doctest.h>

using namespace ntmkit;
using fixtures::error_of;
using namespace support_fixture;

namespace {
std::int64_t of(const fund_amounts& a, fund_source s) {
    return a.by_source[static_cast<std::size_t>(s)];
}
} // namespace

TEST_CASE("Funds are totalled by source, unit and purpose as of a day") {
    const auto c = funded();
    const auto& t = c.units();
    auto f = total_funds(c.funds(), t, date(2022, 4, 22), unit_level::village, date(2022, 4, 16));
    // By hand: 50.000.000 + 1.200.000 + 10.000.000; nothing after 22/4.
    CHECK(f.commune.total == 61'200'000);
    CHECK(f.commune.total_period == 61'200'000);
    CHECK(f.commune.state_budget() == 50'000'000);
    CHECK(of(f.commune, fund_source::people) == 1'200'000);
    CHECK(of(f.commune, fund_source::budget_commune) == 0);
    REQUIRE(f.units.size() == 3); // A (through A1), B, the commune
    CHECK(f.units[0].unit == t.at("A"));
    CHECK(f.units[0].amounts.total == 1'200'000);
    CHECK(f.units[1].amounts.total == 10'000'000);
    CHECK(f.units[2].unit == t.root());
    REQUIRE(f.purposes.size() == 2);
    CHECK(f.purposes[0].purpose == "Khu dân cư mẫu");
    CHECK(f.purposes[0].amounts.total == 50'000'000);
    CHECK(f.purposes[1].amounts.total == 11'200'000);
}

TEST_CASE("A later day adds later money; the period counts only its own days") {
    const auto c = funded();
    auto f = total_funds(c.funds(), c.units(), date(2022, 4, 29), unit_level::village,
                         date(2022, 4, 23));
    CHECK(f.commune.total == 89'700'000);        // 61.200.000 + 5.000.000 + 3.500.000 + 20.000.000
    CHECK(f.commune.total_period == 28'500'000); // the last three
    CHECK(f.commune.state_budget() == 55'000'000);
    CHECK(f.commune.by_source_period[static_cast<std::size_t>(fund_source::integrated)] ==
          20'000'000);
    REQUIRE(f.units.size() == 4); // A, B, C, the commune
    CHECK(f.units[0].amounts.total == 6'200'000);
    CHECK(f.units[0].amounts.total_period == 5'000'000);
    CHECK(f.units[2].amounts.total == 3'500'000);
    REQUIRE(f.purposes.size() == 4); // in order of first appearance
    CHECK(f.purposes[0].amounts.total == 55'000'000);
    CHECK(f.purposes[2].purpose.empty());
    CHECK(f.purposes[3].purpose == "Đường thôn");
    CHECK(total_funds(c.funds(), c.units(), date(2022, 4, 15)).commune.total == 0);
}

TEST_CASE("Money prints as 1.234.567 đ in Vietnamese and 1,234,567 VND in English") {
    CHECK(format_dong(1234567) == "1.234.567 đ");
    CHECK(format_dong(1234567, "en") == "1,234,567 VND");
    CHECK(format_dong(0) == "0 đ");
    CHECK(format_dong(999) == "999 đ");
    CHECK(format_dong(1000) == "1.000 đ");
    CHECK(format_dong(max_dong) == "9.223.372.036.854.775.807 đ");
    CHECK(format_dong(std::numeric_limits<std::int64_t>::min(), "en") ==
          "-9,223,372,036,854,775,808 VND");
}

TEST_CASE("Funds past 2^63 − 1 đồng in all are refused naming the record, and change nothing") {
    auto c = fixtures::small_campaign();
    c.add_funds({fund(date(2022, 4, 20), fund_source::people, max_dong - 10, "A")});
    const auto before = c.funds();
    auto e = error_of<validation_error>([&] {
        c.add_funds({fund(date(2022, 4, 20), fund_source::people, 10, "B"),
                     fund(date(2022, 4, 21), fund_source::people, 1, "B")});
    });
    CHECK(e.where() == "fund record 1, field amount");
    CHECK(e.detail() == "1 đồng takes the campaign's funds past 9223372036854775807 đồng");
    CHECK(c.funds() == before);
    c.add_funds({fund(date(2022, 4, 20), fund_source::people, 10, "B")}); // exactly the limit
    CHECK(c.funds().total() == max_dong);
    CHECK(total_funds(c.funds(), c.units(), date(2022, 5, 30)).commune.total == max_dong);
}

TEST_CASE("A fund record needs a known unit, a day in the window and an amount 0 or more") {
    auto c = fixtures::small_campaign();
    auto add = [&](fund_record r) { return error_of<validation_error>([&] { c.add_funds({r}); }); };
    CHECK(add(fund(date(2022, 4, 20), fund_source::people, 5, "Z")).where() ==
          "fund record 0, field unit");
    CHECK(add(fund(date(2022, 6, 20), fund_source::people, 5, "A")).where() ==
          "fund record 0, field date");
    auto e = add(fund(date(2022, 4, 20), fund_source::people, -5, "A"));
    CHECK(e.where() == "fund record 0, field amount");
    CHECK(e.detail() == "an amount must be 0 or more đồng, got -5");
    CHECK(c.funds().empty());
}
