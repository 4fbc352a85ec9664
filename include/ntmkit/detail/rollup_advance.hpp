// A kept roll-up brought forward (rollup::advance) by only what changed: the records that
// stand now and did not before — the scan segments done after the old as-of day, and the
// records appended since that were done by it — are added to their units' tallies block by
// block and carried up the tree with one running sum per depth, through the units they reach
// and no others. `done_day` is cleared where the old as-of day's records reached, and every
// `done_period` and `done_day` when the report period moves on. Targets do not depend on the
// day and stay as they are. The carrying rules are aggregation.hpp's, as in rollup_scan.hpp.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/huge_pages.hpp>
#include <ntmkit/detail/scan_layout.hpp>
#include <ntmkit/detail/sparse_carry.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ntmkit::detail {

class rollup_advance {
public:
    /// From a roll-up as of `from` over the log's first `first_new` records to one as of `to`
    /// over all of them, both known by `known_by`. The log must have a scan layout, no `last`
    /// indicators; `to.day >= from.day`, and a new report period must begin after `from.day`.
    rollup_advance(const campaign& c, tally_days from, tally_days to, std::int32_t known_by,
                   std::size_t first_new)
        : tree_(c.units()), ni_(c.indicators().size()), block_(c.progress().scan_block_units()),
          to_(to), new_period_(to.period_first != from.period_first), how_(ni_) {
        for (std::size_t i = 0; i < ni_; ++i)
            how_[i] = c.indicators()[i].over_units;
        const auto& log = c.progress();
        const bool new_day = to.day != from.day;
        for (const auto& s : log.scan_layout().segments()) {
            if (s.reported > known_by)
                continue;
            if (s.done > from.day && s.done <= to.day)
                add_source(s, true);
            else if (new_day && !new_period_ && s.done == from.day)
                add_source(s, false); // where the old day's figures are to be cleared
        }
        // Records appended since that were done by the old day: in scan layout, like the log's.
        std::vector<std::size_t> pick;
        const auto& done = log.done_days();
        const auto& reported = log.reported_days();
        for (std::size_t r = first_new; r < log.size(); ++r)
            if (done[r] <= from.day && reported[r] <= known_by)
                pick.push_back(r);
        fresh_ = log.scan_layout().make_segments(
            pick.size(),
            [&](std::size_t k) {
                return std::pair(std::int64_t{done[pick[k]]}, std::int64_t{reported[pick[k]]});
            },
            [&](std::size_t k) {
                const auto r = pick[k];
                return std::pair(
                    static_cast<std::uint32_t>(static_cast<std::size_t>(log.units()[r]) * ni_ +
                                               log.indicators()[r]),
                    log.quantities()[r]);
            });
        for (const auto& s : fresh_)
            add_source(s, true);
    }

    /// Records it reads: when near the log's size, a full roll-up is as cheap.
    std::size_t records() const { return records_; }

    /// Brings `tally` forward, and `ratio` (progress_ratio against `target`) where it changes.
    void run(rollup_column<progress_tally>& tally, const std::vector<double>& target,
             rollup_column<double>& ratio) const {
        if (new_period_)
            for (auto& t : tally) {
                t.done_day = 0;
                t.done_period = 0;
            }
        if (sources_.empty())
            return;
        auto src = sources_;
        sparse_carry_up<change>(tree_, how_, block_)
            .run(
                src,
                [&](const source& a, std::size_t k, change& own) {
                    prefetch_for_write(&tally[a.cell[k]]); // read below, unit by unit
                    if (a.adds)
                        own.add +=
                            progress_tally{a.today ? a.q[k] : 0.0, a.period ? a.q[k] : 0.0, a.q[k]};
                    else
                        own.clear = true;
                },
                [&](unit_index u, indicator_index i, const change& c) {
                    const std::size_t cell = static_cast<std::size_t>(u) * ni_ + i;
                    auto& t = tally[cell];
                    if (c.clear)
                        t.done_day = 0;
                    t += c.add;
                    ratio[cell] = progress_ratio(t.cumulative, target[cell]);
                });
    }

private:
    /// What a cell's tally gains, and whether its day's figure starts again from 0 first.
    struct change {
        progress_tally add;
        bool clear = false;
        change& operator+=(const change& o) {
            add += o.add;
            clear |= o.clear;
            return *this;
        }
        friend bool operator==(const change& a, const change& b) {
            return a.add == b.add && a.clear == b.clear;
        }
    };
    struct source {
        const std::uint32_t* cell;
        const double* q;
        std::size_t end; // records at or after `end` belong to blocks already done
        bool adds, period, today;
    };
    void add_source(const scan_segment& s, bool adds) {
        sources_.push_back({s.cell.data(), s.quantity.data(), s.cell.size(), adds,
                            to_.in_period(s.done), to_.on_day(s.done)});
        records_ += s.cell.size();
    }

    const unit_tree& tree_;
    std::size_t ni_, block_;
    tally_days to_;
    bool new_period_;
    std::vector<hierarchy_aggregation> how_;
    std::vector<scan_segment> fresh_;
    std::vector<source> sources_;
    std::size_t records_ = 0;
};

} // namespace ntmkit::detail
