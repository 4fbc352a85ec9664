// The labour-support campaign the support tests share (tests/cpp/support*.cpp, render tests):
// small_campaign (fixtures.hpp) with supporters, needs, pledges and deliveries.
#pragma once

#include "fixtures.hpp"

#include <ntmkit/support.hpp>

#include <string>
#include <utility>
#include <vector>

namespace support_fixture {
using namespace ntmkit;

inline supporter make_supporter(std::string id, std::string name, supporter_kind kind,
                                std::vector<std::string> units) {
    supporter s;
    s.id = std::move(id);
    s.name = std::move(name);
    s.kind = kind;
    s.units = std::move(units);
    return s;
}

inline labour_need need(const char* unit, date d, double pd, const char* task = "") {
    labour_need n;
    n.unit = unit;
    n.day = d;
    n.person_days = pd;
    n.task = task;
    return n;
}

inline support_record given(support_kind k, date d, const char* giver, const char* receiver,
                            double pd, const char* materials = "") {
    support_record r;
    r.kind = k;
    r.day = d;
    r.giver = giver;
    r.receiver = receiver;
    r.person_days = pd;
    r.materials = materials;
    return r;
}

inline constexpr auto pledge = support_kind::pledge;
inline constexpr auto delivery = support_kind::delivery;

/// small_campaign with a working group assigned to A and B, a sponsor assigned to C, and:
///   needs       A 20 (16/4), A1 5 (20/4), C 10 (25/4)
///   pledges     tct1 → A 15 (16/4), dn1 → C 8 (26/4)
///   deliveries  tct1 → A1 6 (18/4), hnd → A 4 (21/4), dn1 → C 3 (27/4), tct1 → A 5 (28/4)
inline campaign supported() {
    auto c = fixtures::small_campaign();
    support_plan p;
    p.supporters = {
        make_supporter("tct1", "Tổ công tác số 1", supporter_kind::working_group, {"A", "B"}),
        make_supporter("dn1", "Trường THCS", supporter_kind::sponsor, {"Thôn C"})};
    p.needs = {need("A", date(2022, 4, 16), 20, "đào hố"), need("A1", date(2022, 4, 20), 5),
               need("C", date(2022, 4, 25), 10)};
    p.records = {given(pledge, date(2022, 4, 16), "tct1", "A", 15),
                 given(delivery, date(2022, 4, 18), "tct1", "A1", 6, "100 cây chè"),
                 given(delivery, date(2022, 4, 21), "hnd", "A", 4),
                 given(delivery, date(2022, 4, 27), "Trường THCS", "C", 3),
                 given(pledge, date(2022, 4, 26), "dn1", "C", 8),
                 given(delivery, date(2022, 4, 28), "tct1", "A", 5)};
    c.add_support(p);
    return c;
}
} // namespace support_fixture

namespace support_fixture {

inline fund_record fund(date d, fund_source s, std::int64_t amount, const char* unit,
                        const char* purpose = "") {
    fund_record r;
    r.day = d;
    r.source = s;
    r.amount = amount;
    r.unit = unit;
    r.purpose = purpose;
    return r;
}

/// small_campaign with money from six sources:
///   16/4 province 50.000.000 → xa "Khu dân cư mẫu"    25/4 commune 5.000.000 → A "Khu dân cư mẫu"
///   18/4 people    1.200.000 → A1 "Hàng rào xanh"     27/4 socialised 3.500.000 → C (no purpose)
///   20/4 enterprise 10.000.000 → B "Hàng rào xanh"    28/4 integrated 20.000.000 → xa "Đường thôn"
inline campaign funded() {
    auto c = fixtures::small_campaign();
    c.add_funds(
        {fund(date(2022, 4, 16), fund_source::budget_province, 50'000'000, "xa", "Khu dân cư mẫu"),
         fund(date(2022, 4, 18), fund_source::people, 1'200'000, "A1", "Hàng rào xanh"),
         fund(date(2022, 4, 20), fund_source::enterprise, 10'000'000, "B", "Hàng rào xanh"),
         fund(date(2022, 4, 25), fund_source::budget_commune, 5'000'000, "A", "Khu dân cư mẫu"),
         fund(date(2022, 4, 27), fund_source::socialised, 3'500'000, "C"),
         fund(date(2022, 4, 28), fund_source::integrated, 20'000'000, "xa", "Đường thôn")});
    return c;
}

} // namespace support_fixture
