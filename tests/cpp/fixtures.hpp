// Campaigns the tests share, so each test file states only what it varies.
//
// small_campaign(), whose roll-ups are worked out by hand in the tests:
//   xa (commune)
//   ├── A (village, 10 households) ── A1 (4), A2 (6)   household groups
//   ├── B (village, 20 households)
//   ├── C (village, 15 households)
//   └── hnd (organisation: Farmers' Union)
// Every campaign here runs over the seed's window, 15/4/2022–30/5/2022 (46 days), and reports
// on Fridays. The example campaign of examples/seed/ is in seed.hpp.
#pragma once

#include "test_dates.hpp"

#include <ntmkit/campaign.hpp>
#include <ntmkit/theme.hpp>

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

namespace fixtures {

/// Green hedges: households, counted once however many units report them.
inline ntmkit::indicator hedge() {
    return {"hedge",
            "Hàng rào xanh",
            "Green hedge",
            "households",
            ntmkit::time_aggregation::sum,
            ntmkit::hierarchy_aggregation::distinct_households};
}

/// Ecological gardens: items, summed up the tree.
inline ntmkit::indicator garden() {
    return {"garden",
            "Vườn sinh thái",
            "Ecological garden",
            "gardens",
            ntmkit::time_aggregation::sum,
            ntmkit::hierarchy_aggregation::sum};
}

/// What a test campaign varies; the rest is the seed's window and a commune "xa" at the root.
struct campaign_setup {
    std::string id = "test";
    std::string name = "Test campaign";
    std::string commune_name = "Xã Thử";
    ntmkit::reporting_schedule schedule =
        ntmkit::reporting_schedule::weekly(ntmkit::weekday::friday);
    std::vector<ntmkit::unit_spec> units; ///< below the commune, in tree order
    std::vector<ntmkit::indicator> indicators{hedge(), garden()};
};

inline ntmkit::campaign make_campaign(const campaign_setup& s) {
    using namespace ntmkit;
    campaign_info info;
    info.id = s.id;
    info.name = s.name;
    info.window = date_window(date(2022, 4, 15), date(2022, 5, 30));
    info.schedule = s.schedule;
    std::vector<unit_spec> units{
        {"xa", s.commune_name, unit_level::commune, "", std::nullopt, false}};
    units.insert(units.end(), s.units.begin(), s.units.end());
    return campaign(info, unit_tree::build(units), s.indicators);
}

/// A unit below `parent` with a known household count.
inline ntmkit::unit_spec unit_spec_of(std::string id, std::string name, ntmkit::unit_level level,
                                      std::string parent, int households) {
    return {std::move(id), std::move(name), level, std::move(parent), households, false};
}

inline ntmkit::campaign small_campaign() {
    using ntmkit::unit_level;
    campaign_setup s;
    s.units = {
        unit_spec_of("A", "Thôn A", unit_level::village, "xa", 10),
        unit_spec_of("A1", "Tổ 1", unit_level::household_group, "A", 4),
        unit_spec_of("A2", "Tổ 2", unit_level::household_group, "A", 6),
        unit_spec_of("B", "Thôn B", unit_level::village, "xa", 20),
        unit_spec_of("C", "Thôn C", unit_level::village, "xa", 15),
        {"hnd", "Hội Nông dân", unit_level::organisation, "xa", std::nullopt, false},
    };
    return make_campaign(s);
}

inline ntmkit::progress_record rec(const char* unit, const char* ind, ntmkit::date done, double q) {
    ntmkit::progress_record r;
    r.unit = unit;
    r.indicator = ind;
    r.done = done;
    r.quantity = q;
    return r;
}

/// A themed week pushing `inds` (ids) from `first` to `last`, named "Tuần hàng rào xanh" /
/// "Green-hedge week" unless a test names it.
inline ntmkit::theme_week theme(const char* id, ntmkit::date first, ntmkit::date last,
                                std::vector<std::string> inds,
                                std::string name_vi = "Tuần hàng rào xanh",
                                std::string name_en = "Green-hedge week") {
    ntmkit::theme_week t;
    t.id = id;
    t.name_vi = std::move(name_vi);
    t.name_en = std::move(name_en);
    t.first = first;
    t.last = last;
    t.indicators = std::move(inds);
    return t;
}

/// small_campaign's tree with one `last` indicator, "metres" of hedge reported as running
/// totals: A1 100 on 18/4, 160 on 25/4, 230 on 29/4; A2 50 on 20/4.
inline ntmkit::campaign running_metres() {
    using namespace ntmkit;
    const auto c = small_campaign();
    std::vector<indicator> inds{{"metres", "Mét hàng rào", "Hedge metres", "metres",
                                 time_aggregation::last, hierarchy_aggregation::sum}};
    campaign m(c.info(), c.units(), inds);
    m.add_progress(
        {rec("A1", "metres", date(2022, 4, 18), 100), rec("A1", "metres", date(2022, 4, 25), 160),
         rec("A2", "metres", date(2022, 4, 20), 50), rec("A1", "metres", date(2022, 4, 29), 230)});
    return m;
}

/// The error of type E that `f` raises; fails the test if it raises none.
template <class E, class F> E error_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e;
    }
    FAIL("no error raised");
    throw;
}

} // namespace fixtures
