// The roll-up's fast path: from the log's scan layout (detail/scan_layout.hpp), unit blocks
// from the last to the first, each block's own records tallied in cache, then carried up the
// tree with one running sum per depth. The rules for what carries up and how targets are
// derived are aggregation.hpp's, shared with the record-order path in rollup.hpp.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/huge_pages.hpp>
#include <ntmkit/detail/scan_layout.hpp>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <thread>
#include <vector>

namespace ntmkit::detail {

/// A roll-up's columns, cell = unit × indicators + indicator: what it writes, and the targets
/// (own or derived, campaign::derived_targets) its ratios are taken against.
struct rollup_columns {
    rollup_column<progress_tally>& tally; ///< every cell written once: no zeros first
    rollup_column<double>& ratio;         ///< progress_ratio of each cell, with its tally
    const std::vector<double>& target;
};

class scan_rollup {
public:
    /// `c.progress()` must have a scan layout and no `last` indicators.
    scan_rollup(const campaign& c, tally_days days, std::int32_t known_by, rollup_columns out)
        : tree_(c.units()), layout_(c.progress().scan_layout()), days_(days), known_by_(known_by),
          out_(out), ni_(c.indicators().size()), nu_(c.units().size()),
          block_(layout_.block_units()), how_(ni_) {
        for (std::size_t i = 0; i < ni_; ++i)
            how_[i] = c.indicators()[i].over_units;
        levels_ = static_cast<std::size_t>(tree_.max_depth()) + 2;
    }

    /// Fills the columns; with `two_threads` the upper half of the units is swept on a second
    /// thread. Only the ancestors of the split unit have children on both sides; they are fixed
    /// up afterwards from their children's final figures.
    void run(bool two_threads) {
        const std::size_t n = nu_ * ni_;
        reserve_huge(out_.tally, n);
        reserve_huge(out_.ratio, n);
        out_.tally.resize(n);
        out_.ratio.resize(n);
        // Unwritten (rollup_column): fault the pages in here, then the sweeps write each cell.
        fault_in(out_.tally.data(), n * sizeof(progress_tally));
        fault_in(out_.ratio.data(), n * sizeof(double));
        const std::size_t m = two_threads ? nu_ / 2 / block_ * block_ : 0;
        stacks low, high;
        if (m == 0) {
            sweep(0, nu_, low);
            return;
        }
        std::exception_ptr failed;
        std::thread upper([&] {
            try {
                sweep(m, nu_, high);
            } catch (...) {
                failed = std::current_exception();
            }
        });
        try {
            sweep(0, m, low);
        } catch (...) {
            upper.join();
            throw;
        }
        upper.join();
        if (failed)
            std::rethrow_exception(failed);
        fix_up_ancestors_of(m);
    }

private:
    // Running sums per depth: what the children at depth d + 1 add to their parent.
    struct stacks {
        std::vector<progress_tally> acc; // children's tallies
    };

    // Units [lo, hi) from the last block to the first; lo is a multiple of the block size.
    // Threads sweep disjoint ranges, so they write disjoint cells.
    void sweep(std::size_t lo, std::size_t hi, stacks& st) const {
        progress_tally* tally = out_.tally.data();
        double* ratio = out_.ratio.data();
        const double* target = out_.target.data();
        const hierarchy_aggregation* how = how_.data();
        st.acc.assign(levels_ * ni_, {});
        struct active {
            const std::uint32_t* cell;
            const double* q;
            std::size_t end; // records at or after `end` belong to blocks already done
            bool period, today;
        };
        std::vector<active> act;
        const auto top = static_cast<std::uint32_t>(hi * ni_);
        for (const auto& s : layout_.segments())
            if (record_stands(s.done, s.reported, never, days_.day, known_by_)) {
                const auto* cl = s.cell.data();
                const auto end = hi == nu_
                                     ? s.cell.size()
                                     : static_cast<std::size_t>(
                                           std::lower_bound(cl, cl + s.cell.size(), top) - cl);
                act.push_back(
                    {cl, s.quantity.data(), end, days_.in_period(s.done), days_.on_day(s.done)});
            }
        // Own tallies of the block, one array per field: most segments add to `cumulative`
        // only, and 8 bytes a cell keep more of the block in cache than a 24-byte tally.
        std::vector<double> own_cum(block_ * ni_), own_period(block_ * ni_), own_day(block_ * ni_);
        for (std::size_t ub = hi; ub > lo;) {
            const std::size_t ua = (ub - 1) / block_ * block_;
            const auto first = static_cast<std::uint32_t>(ua * ni_);
            const auto used = static_cast<std::ptrdiff_t>((ub - ua) * ni_);
            std::fill(own_cum.begin(), own_cum.begin() + used, 0.0);
            std::fill(own_period.begin(), own_period.begin() + used, 0.0);
            std::fill(own_day.begin(), own_day.begin() + used, 0.0);
            double* oc = own_cum.data() - first;
            double* op = own_period.data() - first;
            double* od = own_day.data() - first;
            for (auto& a : act) {
                // The block's records are at the end of what is left of the segment: walk
                // back until the previous block starts (binary search probes miss the cache).
                const auto* cl = a.cell;
                const auto* q = a.q;
                std::size_t r = a.end;
                for (; r > 0 && cl[r - 1] >= first; --r)
                    oc[cl[r - 1]] += q[r - 1];
                if (a.period) // the as-of day is in the period too
                    for (std::size_t k = r; k < a.end; ++k)
                        op[cl[k]] += q[k];
                if (a.today)
                    for (std::size_t k = r; k < a.end; ++k)
                        od[cl[k]] += q[k];
                a.end = r;
            }
            for (std::size_t u = ub; u-- > ua;) {
                const auto uu = static_cast<unit_index>(u);
                const auto d = static_cast<std::size_t>(tree_.depth(uu));
                const auto p = tree_.parent(uu);
                const bool up = p != no_unit;
                const bool leaves = up && leaves_organisations(tree_.level(uu), tree_.level(p));
                progress_tally* here = &st.acc[d * ni_];
                const std::size_t k0 = (u - ua) * ni_, c0 = u * ni_;
                if (tree_.subtree_size(uu) == 1) {
                    // A leaf (most units: household groups): nothing below to take in.
                    for (std::size_t i = 0; i < ni_; ++i) {
                        const progress_tally t{own_day[k0 + i], own_period[k0 + i],
                                               own_cum[k0 + i]};
                        tally[c0 + i] = t;
                        ratio[c0 + i] = progress_ratio(t.cumulative, target[c0 + i]);
                        if (up && carries_into_parent(leaves, how[i]))
                            here[i] += t;
                    }
                    continue;
                }
                progress_tally* below = &st.acc[(d + 1) * ni_];
                for (std::size_t i = 0; i < ni_; ++i) {
                    const std::size_t cu = c0 + i;
                    const progress_tally t =
                        progress_tally{own_day[k0 + i], own_period[k0 + i], own_cum[k0 + i]} +
                        below[i];
                    below[i] = {};
                    tally[cu] = t;
                    ratio[cu] = progress_ratio(t.cumulative, target[cu]);
                    if (up && carries_into_parent(leaves, how[i]))
                        here[i] += t;
                }
            }
            ub = ua;
        }
    }

    // After a split sweep at unit m: its ancestors, nearest first, take in the children the
    // lower sweep did not see, and their ratios are taken again.
    void fix_up_ancestors_of(std::size_t m) {
        progress_tally* tally = out_.tally.data();
        auto counted = [&](unit_index child, unit_index parent, std::size_t i) {
            return carries_into_parent(tree_.level(child), tree_.level(parent), how_[i]);
        };
        std::vector<progress_tally> before(ni_), prev_before(ni_);
        unit_index prev = no_unit;
        for (auto a = tree_.parent(static_cast<unit_index>(m)); a != no_unit; a = tree_.parent(a)) {
            const std::size_t ca = static_cast<std::size_t>(a) * ni_;
            std::copy(tally + ca, tally + ca + ni_, before.begin());
            // Add the children the lower sweep did not see, and the change of the one child on
            // the path (itself fixed up just before).
            for (unit_index ch = a + 1; ch < a + tree_.subtree_size(a);
                 ch += tree_.subtree_size(ch)) {
                const std::size_t cc = static_cast<std::size_t>(ch) * ni_;
                for (std::size_t i = 0; i < ni_; ++i) {
                    if (!counted(ch, a, i))
                        continue;
                    if (static_cast<std::size_t>(ch) >= m)
                        tally[ca + i] += tally[cc + i];
                    else if (ch == prev) {
                        tally[ca + i].cumulative +=
                            tally[cc + i].cumulative - prev_before[i].cumulative;
                        tally[ca + i].done_period +=
                            tally[cc + i].done_period - prev_before[i].done_period;
                        tally[ca + i].done_day += tally[cc + i].done_day - prev_before[i].done_day;
                    }
                }
            }
            for (std::size_t i = 0; i < ni_; ++i)
                out_.ratio[ca + i] = progress_ratio(tally[ca + i].cumulative, out_.target[ca + i]);
            prev_before.swap(before);
            prev = a;
        }
    }

    const unit_tree& tree_;
    const scan_layout& layout_;
    tally_days days_;
    std::int32_t known_by_;
    rollup_columns out_;
    std::size_t ni_, nu_, block_, levels_ = 0;
    std::vector<hierarchy_aggregation> how_;
};

} // namespace ntmkit::detail
