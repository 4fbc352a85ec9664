// Random campaigns for comparing two ways of computing the same figures: a province of communes
// with villages, household groups, organisations and their branches; sum and distinct-households
// indicators; random targets, some missing; records added in a few batches. Quantities are
// halves and household counts large, so sums are exact in any order and no batch is rejected.
#pragma once
#include <ntmkit/campaign.hpp>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace random_campaign {
using namespace ntmkit;

struct options {
    bool latest_figures = false; ///< some indicators take the latest figure (`last`)
    bool corrections = false;    ///< some records correct earlier ones
    int communes = 0;            ///< 0: 1 to 3
};

inline campaign make(std::uint64_t seed, options opt = {}) {
    std::mt19937_64 g(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(g); };
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(g) < p; };
    campaign_info info;
    info.id = "random";
    info.name = "random";
    info.window = date_window(date(2022, 4, 15), date(2022, 5, 30));
    info.schedule = reporting_schedule::weekly(weekday::friday);

    std::vector<unit_spec> units{{"p", "p", unit_level::province, "", std::nullopt, false}};
    auto add = [&](unit_level level, const std::string& parent, std::optional<std::int64_t> hh) {
        const std::string id = "u" + std::to_string(units.size());
        units.push_back({id, id, level, parent, hh, false});
        return id;
    };
    for (int c = opt.communes > 0 ? opt.communes : pick(1, 3); c-- > 0;) {
        const auto commune = add(unit_level::commune, "p", std::nullopt);
        std::vector<std::string> villages;
        for (int v = pick(1, 4); v-- > 0;) {
            const int groups = pick(0, 3);
            const auto village =
                add(unit_level::village, commune,
                    groups == 0 ? std::optional<std::int64_t>(pick(200, 400)) : std::nullopt);
            for (int k = 0; k < groups; ++k)
                add(unit_level::household_group, village, pick(200, 400));
        }
        for (int o = pick(0, 3); o-- > 0;) {
            const auto org = add(unit_level::organisation, commune, std::nullopt);
            for (int b = pick(0, 3); b-- > 0;)
                add(unit_level::branch, org, std::nullopt);
        }
    }
    if (chance(0.3)) // an organisation straight under the province
        add(unit_level::organisation, "p", std::nullopt);

    std::vector<indicator> inds;
    for (int i = opt.communes > 0 ? 4 : pick(1, 4); i-- > 0;) {
        indicator ind;
        ind.id = "i" + std::to_string(inds.size());
        ind.name_vi = ind.id;
        ind.measure = chance(0.6) ? "households" : "items";
        ind.over_units =
            chance(0.5) ? hierarchy_aggregation::distinct_households : hierarchy_aggregation::sum;
        ind.over_time =
            opt.latest_figures && chance(0.4) ? time_aggregation::last : time_aggregation::sum;
        inds.push_back(ind);
    }
    campaign c(info, unit_tree::build(units), inds);

    std::vector<target_spec> targets;
    for (const auto& u : units)
        for (const auto& ind : inds)
            if (chance(0.4))
                targets.push_back(
                    {u.id, ind.id, static_cast<double>(pick(1, 25)), target_basis::planned});
    c.set_targets(targets);

    const auto n_units = static_cast<int>(c.units().size());
    const auto n_inds = static_cast<int>(inds.size());
    record_index next = 0;
    std::vector<std::int32_t> reported_of;
    std::vector<std::uint8_t> corrected;
    for (int batch = pick(1, 4); batch-- > 0;) {
        std::vector<resolved_record> recs;
        for (int k = pick(0, 50) * (opt.communes > 0 ? opt.communes : 1); k-- > 0;) {
            resolved_record r;
            r.unit = pick(0, n_units - 1);
            r.indicator = pick(0, n_inds - 1);
            r.done = pick(0, 45);
            r.reported = r.done + (chance(0.3) ? pick(1, 6) : 0);
            r.quantity = pick(0, 4) * 0.5;
            if (opt.corrections && next > 0 && chance(0.15)) {
                const auto o = static_cast<record_index>(pick(0, static_cast<int>(next) - 1));
                const bool in_batch = o >= next - static_cast<record_index>(recs.size());
                if (!corrected[static_cast<std::size_t>(o)] && !in_batch) {
                    r.supersedes = o;
                    corrected[static_cast<std::size_t>(o)] = 1;
                    r.reported = std::max(r.reported, reported_of[static_cast<std::size_t>(o)]);
                }
            }
            recs.push_back(r);
            reported_of.push_back(r.reported);
            corrected.push_back(0);
            ++next;
        }
        c.add_progress(recs);
    }
    return c;
}

} // namespace random_campaign
