// Dates as officers type them (d/m/yyyy, ISO, d/m with a default year) and DHIS2 weekly
// period ids: any text parses or gives an ntmkit error; a parsed date prints back to itself.
#include "common.hpp"

#include <ntmkit/period.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto t = fuzz::text(data, size);
    fuzz::expect_ok_or_ntmkit_error([&] {
        const auto d = ntmkit::parse_date(t, 2022);
        if (ntmkit::parse_date(ntmkit::format_date_vi(d)) != d ||
            ntmkit::parse_date(ntmkit::format_date_iso(d)) != d)
            std::abort();
    });
    fuzz::expect_ok_or_ntmkit_error([&] { (void)ntmkit::parse_dhis2_week_id(t); });
    fuzz::expect_ok_or_ntmkit_error([&] {
        // Any period id ntmkit reads names the same days when read again.
        const auto p = ntmkit::parse_dhis2_period_id(t);
        const auto again = ntmkit::parse_dhis2_period_id(p.id);
        if (again.first != p.first || again.last != p.last || p.last < p.first)
            std::abort();
    });
    return 0;
}
