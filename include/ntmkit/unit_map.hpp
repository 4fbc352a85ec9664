// A campaign shown on the map of one day: only the units valid that day (unit_change.hpp), each
// other unit's records, submissions and targets handed to the unit that stands for it. After a
// merger the merged village holds its predecessors' history; before it, the old villages stand
// as they were, and work recorded under a unit that did not exist yet counts in the nearest
// unit that did (its parent), so the commune total is the same on every map.
//
// Records keep their numbers, so "record 12" is the same record on every map. A target moves
// with its unit to a successor that has none of its own (the successor's then is the sum of
// its predecessors'); targets of units not yet created are left out of an older map.
#pragma once

#include <ntmkit/campaign.hpp>
#include <ntmkit/rollup.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ntmkit {

inline campaign campaign_on_map(const campaign& c, date map_date) {
    const auto& tree = c.units();
    const unit_lifetimes life(tree, c.unit_changes());
    std::vector<unit_index> stand(tree.size());
    for (std::size_t u = 0; u < tree.size(); ++u)
        stand[u] = life.stand_in(static_cast<unit_index>(u), map_date);
    const auto id_of = [&](unit_index u) { return std::string(tree.id(u)); };
    const auto on_map = [&](unit_index u) { return id_of(stand[static_cast<std::size_t>(u)]); };

    std::vector<unit_spec> specs;
    for (std::size_t u = 0; u < tree.size(); ++u) {
        const auto uu = static_cast<unit_index>(u);
        if (stand[u] != uu)
            continue;
        auto s = tree.spec(uu);
        s.parent = tree.parent(uu) == no_unit ? std::string() : on_map(tree.parent(uu));
        specs.push_back(std::move(s));
    }
    campaign_info info = c.info();
    info.notes.push_back("Units as on " + format_date_vi(map_date) + ".");
    campaign out(info, unit_tree::build(specs), c.indicators());

    // Own targets stay; an ended unit's go to its stand-in when that has none of its own.
    std::map<std::pair<unit_index, indicator_index>, target_spec> own, moved;
    c.targets().for_each([&](unit_index u, indicator_index i, double v, target_basis b) {
        const auto s = stand[static_cast<std::size_t>(u)];
        const auto until = life.valid_until(u);
        if (s == u)
            own[{u, i}] = {id_of(u), c.indicator_of(i).id, v, b};
        else if (until && *until < map_date) {
            auto [it, fresh] =
                moved.emplace(std::pair(s, i), target_spec{id_of(s), c.indicator_of(i).id, v, b});
            if (!fresh)
                it->second.value += v;
        }
    });
    std::vector<target_spec> targets;
    for (const auto& [cell, t] : own)
        targets.push_back(t);
    for (const auto& [cell, t] : moved)
        if (!own.count(cell))
            targets.push_back(t);
    out.set_targets(targets);

    const auto& log = c.progress();
    std::vector<resolved_record> records;
    records.reserve(log.size());
    for (std::size_t r = 0; r < log.size(); ++r) {
        const auto rr = static_cast<record_index>(r);
        records.push_back({out.units().at(on_map(log.units()[r])), log.indicators()[r],
                           log.done_days()[r], log.reported_days()[r], log.quantities()[r],
                           log.supersedes(rr), std::string(log.note(rr)),
                           std::string(log.reporter(rr))});
    }
    out.add_progress(records);

    std::vector<submission_record> subs;
    for (const auto& s : c.submissions().items())
        subs.push_back({on_map(s.unit), s.report_date, s.submitted, s.reporter, s.note});
    out.add_submissions(subs);
    out.set_themes(c.themes());
    // Drives run by a unit that is gone are run by its stand-in; targets that meet on one unit
    // add up.
    std::vector<drive> drives = c.drives();
    for (auto& d : drives) {
        std::vector<drive_target> merged;
        for (auto t : d.targets) {
            t.unit = on_map(tree.at(t.unit.empty() ? d.unit : t.unit));
            auto same = std::find_if(merged.begin(), merged.end(), [&](const drive_target& m) {
                return m.unit == t.unit && m.indicator == t.indicator;
            });
            if (same == merged.end())
                merged.push_back(t);
            else
                same->value += t.value;
        }
        d.unit = on_map(tree.at(d.unit));
        d.targets = std::move(merged);
    }
    out.set_drives(std::move(drives));
    return out;
}

/// A roll-up with the campaign on the map it was computed on (its unit indices).
struct mapped_rollup {
    campaign map;
    rollup figures;
};

/// The roll-up as of `as_of` on the map of `map_date`; by default the map of the as-of day, so
/// a report after a merger shows the merged units with their history and one before it shows
/// the units of its time.
inline mapped_rollup rollup_on_map(const campaign& c, date as_of,
                                   std::optional<date> map_date = std::nullopt,
                                   rollup_options options = {}) {
    campaign map = campaign_on_map(c, map_date.value_or(as_of));
    rollup figures(map, as_of, options);
    return {std::move(map), std::move(figures)};
}

} // namespace ntmkit
