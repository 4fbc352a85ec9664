// A small campaign whose roll-ups are worked out by hand in the tests.
//
//   xa (commune)
//   ├── A (village, 10 households) ── A1 (4), A2 (6)   household groups
//   ├── B (village, 20 households)
//   ├── C (village, 15 households)
//   └── hnd (organisation: Farmers' Union)
// Window 15/4/2022–30/5/2022 (46 days), reports every Friday.
#pragma once

#include "test_dates.hpp"

#include <ntmkit/campaign.hpp>

namespace fixtures {

inline ntmkit::campaign small_campaign() {
    using namespace ntmkit;
    campaign_info info;
    info.id = "test";
    info.name = "Test campaign";
    info.window = date_window(date(2022, 4, 15), date(2022, 5, 30));
    info.schedule = reporting_schedule::weekly(weekday::friday);
    std::vector<unit_spec> units{
        {"xa", "Xã Thử", unit_level::commune, "", std::nullopt, false},
        {"A", "Thôn A", unit_level::village, "xa", 10, false},
        {"A1", "Tổ 1", unit_level::household_group, "A", 4, false},
        {"A2", "Tổ 2", unit_level::household_group, "A", 6, false},
        {"B", "Thôn B", unit_level::village, "xa", 20, false},
        {"C", "Thôn C", unit_level::village, "xa", 15, false},
        {"hnd", "Hội Nông dân", unit_level::organisation, "xa", std::nullopt, false},
    };
    std::vector<indicator> inds{
        {"hedge", "Hàng rào xanh", "Green hedge", "households", time_aggregation::sum,
         hierarchy_aggregation::distinct_households},
        {"garden", "Vườn sinh thái", "Ecological garden", "gardens", time_aggregation::sum,
         hierarchy_aggregation::sum},
    };
    return campaign(info, unit_tree::build(units), inds);
}

inline ntmkit::progress_record rec(const char* unit, const char* ind, ntmkit::date done, double q) {
    ntmkit::progress_record r;
    r.unit = unit;
    r.indicator = ind;
    r.done = done;
    r.quantity = q;
    return r;
}

} // namespace fixtures
