// Changes to a few (unit, indicator) cells carried up the unit tree through only the units they
// reach: block by block of units from the last (pre-order, so a unit's descendants come after
// it), each block's own changes summed in cache, then one running sum per depth. Its cost
// follows the changes, not the tree. Used by the capacity check of a day's batch
// (progress_checks.hpp, changes are doubles) and by rollup::advance (rollup_advance.hpp,
// changes are tallies and a clear flag). The carrying rules are aggregation.hpp's.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/unit.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ntmkit::detail {

/// `Change` is a mergeable value: `Change{}` is no change, `a += b` merges, `==` compares.
template <class Change> class sparse_carry_up {
public:
    sparse_carry_up(const unit_tree& tree, std::vector<hierarchy_aggregation> how,
                    std::size_t block_units)
        : tree_(tree), how_(std::move(how)), ni_(how_.size()), block_(block_units),
          levels_(static_cast<std::size_t>(tree.max_depth()) + 2) {}

    /// Each source holds records sorted by cell (unit × indicators + indicator) in `cell`,
    /// of which the first `end` are still to be read (run() moves `end` down as it goes).
    /// `add(source, k, c)` merges source record k into its cell's change c. `apply(u, i, c)`
    /// sees every cell whose change (its own and its subtree's, as the indicator carries) is
    /// not empty: units from the last in pre-order, indicators in order.
    template <class Source, class Add, class Apply>
    void run(std::vector<Source>& sources, Add&& add, Apply&& apply) const {
        const std::size_t nu = tree_.size();
        std::vector<Change> own(block_ * ni_), acc(levels_ * ni_);
        std::vector<std::uint8_t> touched(block_), pending(levels_);
        std::size_t pending_depths = 0;
        for (std::size_t ub = nu; ub > 0;) {
            const std::size_t ua = (ub - 1) / block_ * block_;
            const auto first = static_cast<std::uint32_t>(ua * ni_);
            bool any = false;
            for (auto& s : sources) {
                std::size_t r = s.end;
                while (r > 0 && s.cell[r - 1] >= first)
                    --r;
                for (std::size_t k = r; k < s.end; ++k) {
                    const std::size_t o = s.cell[k] - first;
                    add(s, k, own[o]);
                    touched[o / ni_] = 1;
                }
                any |= r != s.end;
                s.end = r;
            }
            if (!any && pending_depths == 0) {
                ub = ua;
                continue;
            }
            for (std::size_t u = ub; u-- > ua;) {
                const auto uu = static_cast<unit_index>(u);
                const auto d = static_cast<std::size_t>(tree_.depth(uu));
                const bool below = tree_.subtree_size(uu) > 1 && pending[d + 1];
                if (!touched[u - ua] && !below)
                    continue;
                const auto p = tree_.parent(uu);
                const bool up = p != no_unit;
                const bool leaves = up && leaves_organisations(tree_.level(uu), tree_.level(p));
                Change* o = &own[(u - ua) * ni_];
                Change* from_below = &acc[(d + 1) * ni_];
                Change* here = &acc[d * ni_];
                for (std::size_t i = 0; i < ni_; ++i) {
                    Change change = o[i];
                    o[i] = Change{};
                    if (below) {
                        change += from_below[i];
                        from_below[i] = Change{};
                    }
                    if (change == Change{})
                        continue;
                    apply(uu, static_cast<indicator_index>(i), change);
                    if (up && carries_into_parent(leaves, how_[i]))
                        here[i] += change;
                }
                touched[u - ua] = 0;
                if (below) {
                    pending[d + 1] = 0;
                    --pending_depths;
                }
                if (up && !pending[d]) {
                    pending[d] = 1;
                    ++pending_depths;
                }
            }
            ub = ua;
        }
    }

private:
    const unit_tree& tree_;
    std::vector<hierarchy_aggregation> how_;
    std::size_t ni_, block_, levels_;
};

} // namespace ntmkit::detail
