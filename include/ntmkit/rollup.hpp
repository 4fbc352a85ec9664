// Roll-up: where every unit stands on every indicator at an as-of date.
//
// One sequential pass over the progress columns tallies each unit's own records; one
// backward pass over the pre-ordered unit tree adds children into parents. Tallies are
// mergeable values (`+=`), so partial roll-ups (per province, per thread) compose.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/enum_names.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <thread>
#include <vector>

namespace ntmkit {

enum class progress_status : std::uint8_t {
    no_target, ///< nothing to compare with
    achieved,  ///< cumulative ≥ target
    on_track,  ///< cumulative ≥ on_track_pace × expected at a linear pace
    behind,    ///< between at_risk_pace and on_track_pace of the expected
    at_risk,   ///< below at_risk_pace of the expected
};

constexpr auto enum_names(progress_status) {
    using S = progress_status;
    using P = std::pair<S, std::string_view>;
    return std::array{P{S::no_target, "no_target"}, P{S::achieved, "achieved"},
                      P{S::on_track, "on_track"}, P{S::behind, "behind"}, P{S::at_risk, "at_risk"}};
}

struct rollup_options {
    /// Use only records reported on or before this day (and the corrections known by then):
    /// reproduces a past report. Unset: everything known now.
    std::optional<date> known_by;
    double on_track_pace = 0.9; ///< share of the linear-pace expectation that is "on track"
    double at_risk_pace = 0.6;  ///< below this share the unit is "at risk"
    /// Threads for a big roll-up: 0 lets ntmkit choose (two from about a million cells, when
    /// the machine has two cores), 1 keeps it on the calling thread. Same figures either way.
    int threads = 0;
    /// Read the log's scan layout when it has one (the fast path). False reads the records in
    /// record order, as with corrections: for tests and comparisons; same figures either way.
    bool use_scan_layout = true;
};

/// One (unit, indicator) of a roll-up, with everything derived from the tally.
struct rollup_row {
    unit_index unit;
    indicator_index indicator;
    std::optional<double> target;
    bool target_derived; ///< the unit had no target of its own: sum of its children's
    progress_tally tally;
    std::optional<double> ratio; ///< cumulative / target
    double expected;             ///< target × elapsed days / campaign days
    double gap;                  ///< expected − cumulative (> 0: behind the linear pace)
    double remaining;            ///< max(target − cumulative, 0)
    double needed_per_day;       ///< remaining / days left after the as-of day (∞ if none)
    std::optional<date> projected_completion; ///< at the pace so far; unset if no pace or done
    progress_status status;
};

class rollup {
public:
    rollup(const campaign& c, date as_of, rollup_options options = {});

    date as_of() const { return as_of_; }
    const report_period& period() const { return period_; }
    int elapsed_days() const { return elapsed_; }
    std::size_t unit_count() const { return units_; }
    std::size_t indicator_count() const { return indicators_; }

    rollup_row row(unit_index u, indicator_index i) const;
    const progress_tally& tally(unit_index u, indicator_index i) const {
        return tally_[cell(u, i)];
    }

    /// Flat columns, cell = unit × indicator_count + indicator, for zero-copy export.
    const std::vector<double>& targets() const { return target_; }
    const std::vector<progress_tally>& tallies() const { return tally_; }

private:
    // Roll-up from the log's scan layout: unit blocks from the last, each block's own
    // records tallied in cache, then carried up the tree with one running sum per depth.
    void from_scan_layout(const campaign& c, std::int32_t day, std::int32_t period_first,
                          std::int32_t known_by);
    std::size_t cell(unit_index u, indicator_index i) const {
        return static_cast<std::size_t>(u) * indicators_ + static_cast<std::size_t>(i);
    }

    date as_of_;
    date window_first_;
    int campaign_days_ = 0;
    int elapsed_ = 0;
    report_period period_;
    rollup_options options_;
    std::size_t units_ = 0, indicators_ = 0;
    std::vector<double> target_;
    std::vector<std::uint8_t> target_derived_;
    std::vector<progress_tally> tally_;
};

// ---------------------------------------------------------------------------------------------

inline rollup::rollup(const campaign& c, date as_of, rollup_options options)
    : as_of_(as_of), window_first_(c.window().first()), campaign_days_(c.window().days()),
      options_(options), units_(c.units().size()), indicators_(c.indicators().size()) {
    const auto& w = c.window();
    const auto& tree = c.units();
    const auto day = static_cast<std::int32_t>((as_of - w.first()).days());
    elapsed_ = std::clamp(day + 1, 0, campaign_days_);
    period_ = c.schedule().period_for(w, std::clamp(as_of, w.first(), w.last()));
    const auto period_first = static_cast<std::int32_t>((period_.first - w.first()).days());
    const std::int32_t known_by =
        options.known_by ? static_cast<std::int32_t>((*options.known_by - w.first()).days())
                         : never - 1; // a correction on record is always known

    const auto& log = c.progress();
    std::vector<std::uint8_t> is_last(indicators_);
    bool any_last = false;
    for (std::size_t i = 0; i < indicators_; ++i)
        any_last |= (is_last[i] = c.indicators()[i].over_time == time_aggregation::last) != 0;
    if (options.use_scan_layout && log.has_scan_layout() && !any_last && log.size() > 0) {
        from_scan_layout(c, day, period_first, known_by);
        return;
    }

    tally_.assign(units_ * indicators_, {});
    const auto& units = log.units();
    const auto& inds = log.indicators();
    const auto& done = log.done_days();
    const auto& reported = log.reported_days();
    const auto& qty = log.quantities();
    const bool corrections = log.has_corrections();

    const tally_days days{day, period_first};
    auto stands = [&](std::size_t r) {
        return record_stands(done[r], reported[r],
                             corrections ? log.superseded_on(static_cast<record_index>(r)) : never,
                             day, known_by);
    };
    if (!any_last) {
        // The hot loop: a sequential scan, three adds per record.
        for (std::size_t r = 0, n = log.size(); r < n; ++r)
            if (stands(r))
                days.add(tally_[cell(units[r], inds[r])], done[r], qty[r]);
    } else {
        std::vector<latest_tally> last(units_ * indicators_);
        for (std::size_t r = 0, n = log.size(); r < n; ++r) {
            if (!stands(r))
                continue;
            const auto cl = cell(units[r], inds[r]);
            if (is_last[static_cast<std::size_t>(inds[r])])
                last[cl].offer(days, done[r], reported[r], qty[r]);
            else
                days.add(tally_[cl], done[r], qty[r]);
        }
        for (std::size_t cl = 0; cl < last.size(); ++cl)
            if (is_last[cl % indicators_] && last[cl].known())
                tally_[cl] = last[cl].tally();
    }

    // Carried up the tree, children before parents; targets derived on the way.
    target_ = c.targets().values();
    target_derived_.assign(target_.size(), 0);
    std::vector<double> child_targets(target_.size(), 0.0);
    std::vector<std::uint8_t> has_child_target(target_.size(), 0);
    for (std::size_t u = units_; u-- > 0;) {
        const auto uu = static_cast<unit_index>(u);
        const auto p = tree.parent(uu);
        const bool leaves = p != no_unit && leaves_organisations(tree.level(uu), tree.level(p));
        for (std::size_t i = 0; i < indicators_; ++i) {
            const std::size_t cu = u * indicators_ + i;
            target_derived_[cu] =
                derive_target(target_[cu], child_targets[cu], has_child_target[cu]);
            if (p == no_unit || !carries_into_parent(leaves, c.indicators()[i].over_units))
                continue;
            const std::size_t cp = static_cast<std::size_t>(p) * indicators_ + i;
            tally_[cp] += tally_[cu];
            add_child_target(target_[cu], child_targets[cp], has_child_target[cp]);
        }
    }
}

inline void rollup::from_scan_layout(const campaign& c, std::int32_t day, std::int32_t period_first,
                                     std::int32_t known_by) {
    const auto& tree = c.units();
    const auto& segs = c.progress().segments_;
    const std::size_t ni = indicators_, nu = units_;
    const auto& own_target = c.targets().values();
    detail::reserve_huge(tally_, nu * ni);
    detail::reserve_huge(target_, nu * ni);
    detail::reserve_huge(target_derived_, nu * ni);
    tally_.resize(nu * ni);
    target_.resize(nu * ni);
    target_derived_.resize(nu * ni);

    int max_depth = 0;
    for (std::size_t u = 0; u < nu; ++u)
        max_depth = std::max(max_depth, tree.depth(static_cast<unit_index>(u)));
    const auto levels = static_cast<std::size_t>(max_depth) + 2;
    std::vector<hierarchy_aggregation> how(ni);
    for (std::size_t i = 0; i < ni; ++i)
        how[i] = c.indicators()[i].over_units;
    const tally_days days{day, period_first};
    // The log's blocks: a block's tallies stay in a core's L2 while the segments stream past.
    const std::size_t block = c.progress().scan_block_units();

    // Running sums per depth: what the children at depth d + 1 add to their parent.
    struct stacks {
        std::vector<progress_tally> acc; // children's tallies
        std::vector<double> tacc;        // children's targets
        std::vector<std::uint8_t> thas;  // whether any child had a target
    };
    // Units [lo, hi) from the last block to the first; lo is a multiple of `block`.
    auto sweep = [&](std::size_t lo, std::size_t hi, stacks& st) {
        st.acc.assign(levels * ni, {});
        st.tacc.assign(levels * ni, 0.0);
        st.thas.assign(levels * ni, 0);
        struct active {
            const std::uint32_t* cell;
            const double* q;
            std::size_t end; // records at or after `end` belong to blocks already done
            bool period, today;
        };
        std::vector<active> act;
        const auto top = static_cast<std::uint32_t>(hi * ni);
        for (const auto& s : segs)
            if (record_stands(s.done, s.reported, never, day, known_by)) {
                const auto* cl = s.cell.data();
                const auto end = hi == nu ? s.cell.size()
                                          : static_cast<std::size_t>(
                                                std::lower_bound(cl, cl + s.cell.size(), top) - cl);
                act.push_back(
                    {cl, s.quantity.data(), end, days.in_period(s.done), days.on_day(s.done)});
            }
        // Own tallies of the block, one array per field: most segments add to `cumulative`
        // only, and 8 bytes a cell keep more of the block in cache than a 24-byte tally.
        std::vector<double> own_cum(block * ni), own_period(block * ni), own_day(block * ni);
        for (std::size_t ub = hi; ub > lo;) {
            const std::size_t ua = (ub - 1) / block * block;
            const auto first = static_cast<std::uint32_t>(ua * ni);
            const auto used = static_cast<std::ptrdiff_t>((ub - ua) * ni);
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
                const auto d = static_cast<std::size_t>(tree.depth(uu));
                const auto p = tree.parent(uu);
                const bool up = p != no_unit;
                const bool leaves = up && leaves_organisations(tree.level(uu), tree.level(p));
                progress_tally* here = &st.acc[d * ni];
                double* there = &st.tacc[d * ni];
                std::uint8_t* hhere = &st.thas[d * ni];
                const std::size_t k0 = (u - ua) * ni, c0 = u * ni;
                if (tree.subtree_size(uu) == 1) {
                    // A leaf (most units: household groups): nothing below to take in.
                    for (std::size_t i = 0; i < ni; ++i) {
                        const progress_tally t{own_day[k0 + i], own_period[k0 + i],
                                               own_cum[k0 + i]};
                        const double tg = own_target[c0 + i];
                        tally_[c0 + i] = t;
                        target_[c0 + i] = tg;
                        target_derived_[c0 + i] = 0;
                        if (up && carries_into_parent(leaves, how[i])) {
                            here[i] += t;
                            add_child_target(tg, there[i], hhere[i]);
                        }
                    }
                    continue;
                }
                progress_tally* below = &st.acc[(d + 1) * ni];
                double* tbelow = &st.tacc[(d + 1) * ni];
                std::uint8_t* hbelow = &st.thas[(d + 1) * ni];
                for (std::size_t i = 0; i < ni; ++i) {
                    const std::size_t cu = c0 + i;
                    const progress_tally t =
                        progress_tally{own_day[k0 + i], own_period[k0 + i], own_cum[k0 + i]} +
                        below[i];
                    below[i] = {};
                    tally_[cu] = t;
                    double tg = own_target[cu];
                    target_derived_[cu] = derive_target(tg, tbelow[i], hbelow[i]);
                    target_[cu] = tg;
                    tbelow[i] = 0;
                    hbelow[i] = 0;
                    if (up && carries_into_parent(leaves, how[i])) {
                        here[i] += t;
                        add_child_target(tg, there[i], hhere[i]);
                    }
                }
            }
            ub = ua;
        }
    };

    // Two cores: the upper half of the units on a second thread. Only the ancestors of the
    // split unit m have children on both sides; they are fixed up afterwards from their
    // children's final figures.
    std::size_t m = 0;
    const bool two = options_.threads == 0 ? nu * ni >= (std::size_t{1} << 20) &&
                                                 std::thread::hardware_concurrency() >= 2
                                           : options_.threads >= 2;
    if (two)
        m = nu / 2 / block * block;
    stacks low, high;
    if (m == 0) {
        sweep(0, nu, low);
        return;
    }
    std::exception_ptr failed;
    std::thread upper([&] {
        try {
            sweep(m, nu, high);
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

    auto counted = [&](unit_index child, unit_index parent, std::size_t i) {
        return carries_into_parent(tree.level(child), tree.level(parent), how[i]);
    };
    std::vector<progress_tally> before(ni), prev_before(ni);
    unit_index prev = no_unit;
    for (auto a = tree.parent(static_cast<unit_index>(m)); a != no_unit; a = tree.parent(a)) {
        const std::size_t ca = static_cast<std::size_t>(a) * ni;
        std::copy(tally_.begin() + static_cast<std::ptrdiff_t>(ca),
                  tally_.begin() + static_cast<std::ptrdiff_t>(ca + ni), before.begin());
        // Tallies: add the children the lower sweep did not see, and the change of the one
        // child on the path (itself fixed up just before).
        for (unit_index ch = a + 1; ch < a + tree.subtree_size(a); ch += tree.subtree_size(ch)) {
            const std::size_t cc = static_cast<std::size_t>(ch) * ni;
            for (std::size_t i = 0; i < ni; ++i) {
                if (!counted(ch, a, i))
                    continue;
                if (static_cast<std::size_t>(ch) >= m)
                    tally_[ca + i] += tally_[cc + i];
                else if (ch == prev) {
                    tally_[ca + i].cumulative +=
                        tally_[cc + i].cumulative - prev_before[i].cumulative;
                    tally_[ca + i].done_period +=
                        tally_[cc + i].done_period - prev_before[i].done_period;
                    tally_[ca + i].done_day += tally_[cc + i].done_day - prev_before[i].done_day;
                }
            }
        }
        // Targets without one of their own: the sum over all the children, again.
        for (std::size_t i = 0; i < ni; ++i) {
            if (!std::isnan(own_target[ca + i]))
                continue;
            double sum = 0;
            std::uint8_t any = 0;
            for (unit_index ch = a + 1; ch < a + tree.subtree_size(a); ch += tree.subtree_size(ch))
                if (counted(ch, a, i))
                    add_child_target(target_[static_cast<std::size_t>(ch) * ni + i], sum, any);
            target_[ca + i] = own_target[ca + i];
            target_derived_[ca + i] = derive_target(target_[ca + i], sum, any);
        }
        prev_before.swap(before);
        prev = a;
    }
}

inline rollup_row rollup::row(unit_index u, indicator_index i) const {
    const auto cl = cell(u, i);
    rollup_row r{};
    r.unit = u;
    r.indicator = i;
    r.tally = tally_[cl];
    r.target_derived = target_derived_[cl] != 0;
    const double cum = r.tally.cumulative;
    const int days_left = campaign_days_ - std::max(elapsed_, 0);
    if (std::isnan(target_[cl])) {
        r.status = progress_status::no_target;
        r.expected = r.gap = r.remaining = r.needed_per_day = 0;
        return r;
    }
    const double target = target_[cl];
    r.target = target;
    if (target > 0)
        r.ratio = cum / target;
    r.expected = target * elapsed_ / campaign_days_;
    r.gap = r.expected - cum;
    r.remaining = std::max(target - cum, 0.0);
    r.needed_per_day = r.remaining <= 0 ? 0.0
                       : days_left > 0  ? r.remaining / days_left
                                        : std::numeric_limits<double>::infinity();
    if (r.remaining > 0 && cum > 0 && elapsed_ > 0) {
        const double pace = cum / elapsed_;
        const auto more = static_cast<long>(std::ceil(r.remaining / pace - 1e-9));
        r.projected_completion = as_of_ + boost::gregorian::days(more);
    }
    if (cum >= target)
        r.status = progress_status::achieved;
    else if (r.expected <= 0 || cum >= options_.on_track_pace * r.expected)
        r.status = progress_status::on_track;
    else if (cum >= options_.at_risk_pace * r.expected)
        r.status = progress_status::behind;
    else
        r.status = progress_status::at_risk;
    return r;
}

} // namespace ntmkit
