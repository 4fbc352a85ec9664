// Built against an installed ntmkit through find_package(ntmkit): the 46-day seed window and
// a one-village roll-up.
#include <ntmkit/ntmkit.hpp>

#include <iostream>

int main() {
    using namespace ntmkit;
    campaign_info info;
    info.id = "consumer";
    info.window = date_window(parse_date("15/4/2022"), parse_date("30/5/2022"));
    auto units = unit_tree::build({{"xa", "Xã", unit_level::commune, "", std::nullopt, false},
                                   {"A", "Thôn A", unit_level::village, "xa", 10, false}});
    campaign c(info, units, {{"hedge", "Hàng rào xanh", "", "households"}});
    c.set_target("A", "hedge", 8);
    c.add_progress(
        {{"A", "hedge", parse_date("22/4/2022"), std::nullopt, 4, "", "", std::nullopt}});
    rollup r(c, parse_date("22/4/2022"));
    const double cumulative = r.row(0, 0).tally.cumulative;
    std::cout << "window " << c.window().days() << " days, commune cumulative " << cumulative
              << "\n";
    return c.window().days() == 46 && cumulative == 4 ? 0 : 1;
}
