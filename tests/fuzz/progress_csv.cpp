// The progress CSV reader on a small campaign: any bytes add a batch or give an ntmkit error
// and leave the campaign exactly as it was.
#include "common.hpp"

#include <ntmkit/csv.hpp>

namespace {
ntmkit::campaign make() {
    using namespace ntmkit;
    campaign_info info;
    info.id = "fuzz";
    info.name = "Fuzz";
    info.window = date_window(date(2022, 4, 15), date(2022, 5, 30));
    info.schedule = reporting_schedule::weekly(weekday::friday);
    std::vector<unit_spec> units{
        {"xa", "Xã Thử", unit_level::commune, "", std::nullopt, false},
        {"A", "Thôn A", unit_level::village, "xa", 10, false},
        {"A1", "Tổ 1", unit_level::household_group, "A", 4, false},
        {"hnd", "Hội Nông dân", unit_level::organisation, "xa", std::nullopt, false},
    };
    std::vector<indicator> inds{
        {"hedge", "Hàng rào xanh", "Green hedge", "households", time_aggregation::sum,
         hierarchy_aggregation::distinct_households},
        {"garden", "Vườn sinh thái", "Ecological garden", "gardens", time_aggregation::last,
         hierarchy_aggregation::sum},
    };
    return campaign(info, unit_tree::build(units), inds);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ntmkit::campaign empty = make();
    auto c = empty;
    try {
        ntmkit::add_progress_csv(c, fuzz::text(data, size), "fuzz.csv");
    } catch (const ntmkit::error& e) {
        if (!ntmkit::is_valid_utf8(e.what()) || !(c == empty))
            std::abort(); // a rejected batch must change nothing
    }
    return 0;
}
