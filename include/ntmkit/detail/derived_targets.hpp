// The targets a roll-up shows: each unit's own, or else the sum of those of its children that
// carry into it (aggregation.hpp). They depend on the targets, the unit tree and how each
// indicator carries over units, never on the day, so a campaign works them out once per
// version of its targets (campaign::derived_targets) and every roll-up of that version shares
// them: a roll-up then writes its tallies and ratios only.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/detail/huge_pages.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/target.hpp>
#include <ntmkit/unit.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace ntmkit::detail {

struct derived_targets {
    std::uint64_t stamp = 0;           ///< the target_table version they were worked out from
    std::vector<double> value;         ///< cell = unit × indicators + indicator; NaN: none
    std::vector<std::uint8_t> derived; ///< 1: the sum of the children's, not the unit's own
};

/// Children before parents (pre-order, from the last unit), one running sum per depth: what
/// the children at depth d + 1 add to their parent, taken when the parent is reached.
inline std::shared_ptr<const derived_targets>
derive_targets(const unit_tree& tree, const std::vector<indicator>& indicators,
               const target_table& targets) {
    auto out = std::make_shared<derived_targets>();
    const std::size_t ni = indicators.size(), nu = tree.size(), n = nu * ni;
    out->stamp = targets.stamp();
    reserve_huge(out->value, n);
    reserve_huge(out->derived, n);
    out->value = targets.values();
    out->derived.assign(n, 0);
    std::vector<hierarchy_aggregation> how(ni);
    for (std::size_t i = 0; i < ni; ++i)
        how[i] = indicators[i].over_units;
    const std::size_t levels = static_cast<std::size_t>(tree.max_depth()) + 2;
    std::vector<double> sum(levels * ni, 0.0);
    std::vector<std::uint8_t> any(levels * ni, 0);
    for (std::size_t u = nu; u-- > 0;) {
        const auto uu = static_cast<unit_index>(u);
        const auto d = static_cast<std::size_t>(tree.depth(uu));
        const auto p = tree.parent(uu);
        const bool leaves = p != no_unit && leaves_organisations(tree.level(uu), tree.level(p));
        const bool has_children = tree.subtree_size(uu) > 1;
        for (std::size_t i = 0; i < ni; ++i) {
            double& v = out->value[u * ni + i];
            if (has_children) {
                out->derived[u * ni + i] =
                    derive_target(v, sum[(d + 1) * ni + i], any[(d + 1) * ni + i] != 0);
                sum[(d + 1) * ni + i] = 0;
                any[(d + 1) * ni + i] = 0;
            }
            if (p != no_unit && carries_into_parent(leaves, how[i]))
                add_child_target(v, sum[d * ni + i], any[d * ni + i]);
        }
    }
    return out;
}

} // namespace ntmkit::detail
