// A district (or province) campaign assembled from its communes' own campaigns: one root above
// the communes' roots, every unit id namespaced by its commune ("xa-an-binh/thon-1"), the
// communes' targets and progress copied (record by record, corrections renumbered). Its
// roll-up is then the district's: each unit's figures are its commune's, and the root's are
// the communes' carried up by the usual rules. For data that outgrow one machine, the same
// campaign definition takes partial roll-ups (partial_rollup.hpp).
#pragma once

#include <ntmkit/campaign.hpp>
#include <ntmkit/error.hpp>

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ntmkit {

/// One commune's campaign and the id that namespaces its units in the district.
struct commune_campaign {
    std::string id;
    const campaign* c = nullptr;
};

/// Separates a commune's id from its unit's id in the district: "commune-id/unit-id".
inline constexpr char commune_separator = '/';

inline std::string district_unit_id(std::string_view commune, std::string_view unit) {
    return std::string(commune) + commune_separator + std::string(unit);
}

/// Assembles the district: `root` is its top unit (ntmkit has no district level: give it
/// `province`, which the rules treat alike), its id and name the campaign's. The communes must
/// share the window, the schedule and the indicators (ids, measures, rules, in order); errors
/// name the commune that differs. Submissions and themed weeks are not carried over.
inline campaign assemble_district(const unit_spec& root,
                                  const std::vector<commune_campaign>& communes) {
    if (communes.empty())
        throw validation_error("district \"" + root.id + "\"", "needs at least one commune");
    const campaign& first = *communes.front().c;
    std::vector<unit_spec> specs{root};
    specs.front().parent.clear();
    std::unordered_set<std::string> seen;
    for (const auto& part : communes) {
        const std::string where = "commune \"" + part.id + "\"";
        if (part.id.empty() || part.id.find(commune_separator) != std::string::npos)
            throw validation_error(where, std::string("a commune id must be non-empty, without '") +
                                              commune_separator + "'");
        if (!seen.insert(part.id).second)
            throw validation_error(where, "appears twice in the district");
        const campaign& c = *part.c;
        if (!(c.window() == first.window()))
            throw validation_error(where, "runs " + c.window().describe() + ", the district " +
                                              first.window().describe());
        if (c.schedule().kind != first.schedule().kind ||
            c.schedule().report_day != first.schedule().report_day)
            throw validation_error(where, "reports on another schedule than the district");
        if (!(c.indicators() == first.indicators()))
            throw validation_error(where, "has other indicators (or rules) than the district");
        for (auto s : c.units().specs()) {
            s.id = district_unit_id(part.id, s.id);
            s.parent = s.parent.empty() ? root.id : district_unit_id(part.id, s.parent);
            specs.push_back(std::move(s));
        }
    }

    campaign_info info;
    info.id = root.id;
    info.name = root.name;
    info.window = first.window();
    info.schedule = first.schedule();
    info.source =
        "assembled from the campaigns of " + std::to_string(communes.size()) + " communes";
    for (const auto& part : communes)
        info.notes.push_back("commune " + part.id + ": " + part.c->name());
    campaign out(std::move(info), unit_tree::build(specs), first.indicators());

    for (const auto& part : communes) {
        const campaign& c = *part.c;
        std::vector<unit_index> to(c.units().size());
        for (std::size_t u = 0; u < to.size(); ++u)
            to[u] =
                out.units().at(district_unit_id(part.id, c.units().id(static_cast<unit_index>(u))));
        std::vector<target_spec> targets;
        c.targets().for_each([&](unit_index u, indicator_index i, double v, target_basis b) {
            targets.push_back(
                {district_unit_id(part.id, c.units().id(u)), c.indicator_of(i).id, v, b});
        });
        out.set_targets(targets);
        const auto& log = c.progress();
        const auto shift = static_cast<record_index>(out.progress().size());
        std::vector<resolved_record> records(log.size());
        for (std::size_t r = 0; r < log.size(); ++r) {
            const auto rr = static_cast<record_index>(r);
            auto& x = records[r];
            x.unit = to[static_cast<std::size_t>(log.units()[r])];
            x.indicator = log.indicators()[r];
            x.done = log.done_days()[r];
            x.reported = log.reported_days()[r];
            x.quantity = log.quantities()[r];
            const auto s = log.supersedes(rr);
            x.supersedes = s == no_record ? no_record : s + shift;
            x.note = std::string(log.note(rr));
            x.reporter = std::string(log.reporter(rr));
        }
        out.add_progress(records, [&](std::size_t i, std::string_view field) {
            return "commune \"" + part.id + "\", " + default_record_locator(i, field);
        });
    }
    return out;
}

} // namespace ntmkit
