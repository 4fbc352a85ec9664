// Built against an installed ntmkit through find_package(ntmkit): the 46-day seed window, a
// one-village roll-up, and the shipped criteria sets found under the install prefix given as
// the first argument (the prefix passed to `cmake --install --prefix`, not the configured one).
#include <ntmkit/ntmkit.hpp>

#include <filesystem>
#include <iostream>

int main(int argc, char** argv) {
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
    if (c.window().days() != 46 || cumulative != 4)
        return 1;
    if (argc < 2)
        return 0;
    namespace fs = std::filesystem;
    const auto expected = fs::weakly_canonical(fs::path(argv[1]) / "share/ntmkit/criteria");
    const auto found = fs::weakly_canonical(builtin_criteria_dir());
    const auto set = load_builtin_criteria_set("qd318-2022-xa");
    std::cout << "criteria from " << found.string() << ": " << set.id << "\n";
    return found == expected && set.id == "qd318-2022-xa" ? 0 : 1;
}
