// A unit's cumulative figure day by day (the burn-up chart's line) in one pass over the log,
// instead of one roll-up per day. The counting and time rules are aggregation.hpp's, so each
// value is what rollup(c, day, {known_by}).tally(unit, indicator).cumulative gives: exactly for
// whole-number quantities (counts of households, gardens), to rounding otherwise, as the
// figures are added in day order rather than record order. every_unit_cumulative_series gives
// the line of every unit at once (a national burn-up panel) in one pass over the scan layout.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/huge_pages.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

namespace ntmkit {

/// The cumulative figure of `unit` on `indicator` at the end of each day from `first` to `last`
/// (inclusive; empty if last < first), counting the records reported by `known_by` (unset:
/// everything known now) and the corrections known by then.
inline std::vector<double> cumulative_series(const campaign& c, unit_index unit,
                                             indicator_index indicator, date first, date last,
                                             std::optional<date> known_by = std::nullopt) {
    if (last < first)
        return {};
    const auto& tree = c.units();
    const auto& ind = c.indicator_of(indicator);
    const auto& w = c.window();
    const auto offset = [&](date d) { return static_cast<std::int64_t>((d - w.first()).days()); };
    const std::int32_t known = known_by ? static_cast<std::int32_t>(offset(*known_by)) : never - 1;

    // The units whose work counts into `unit`: its subtree, cut where a child does not carry.
    const auto size = static_cast<std::size_t>(tree.subtree_size(unit));
    std::vector<std::uint8_t> counted(size, 0);
    counted[0] = 1;
    for (std::size_t k = 1; k < size; ++k) {
        const auto v = unit + static_cast<unit_index>(k);
        const auto p = tree.parent(v);
        counted[k] = counted[static_cast<std::size_t>(p - unit)] &&
                     carries_into_parent(tree.level(v), tree.level(p), ind.over_units);
    }

    // What each day of the campaign adds to the cumulative figure.
    const auto days = static_cast<std::size_t>(w.days());
    std::vector<double> change(days, 0.0);
    const auto& log = c.progress();
    const auto& units = log.units();
    const auto& inds = log.indicators();
    const auto& done = log.done_days();
    const auto& qty = log.quantities();
    // The records done by any day that count into the unit, in record order.
    auto for_each_counted_record = [&](auto&& f) {
        for_each_standing_record(log, never - 1, known, [&](std::size_t r) {
            const auto u = units[r];
            if (inds[r] == indicator && tree.is_ancestor_or_self(unit, u) &&
                counted[static_cast<std::size_t>(u - unit)])
                f(r);
        });
    };
    if (ind.over_time == time_aggregation::sum) {
        for_each_counted_record(
            [&](std::size_t r) { change[static_cast<std::size_t>(done[r])] += qty[r]; });
    } else {
        // Each unit's latest figure changes only on days it reports: offer the records day by
        // day (in record order within a day) and add each change of a unit's figure.
        std::vector<std::size_t> start(days + 1, 0), order;
        for_each_counted_record(
            [&](std::size_t r) { ++start[static_cast<std::size_t>(done[r]) + 1]; });
        for (std::size_t d = 0; d < days; ++d)
            start[d + 1] += start[d];
        order.resize(start[days]);
        auto fill = start;
        for_each_counted_record(
            [&](std::size_t r) { order[fill[static_cast<std::size_t>(done[r])]++] = r; });
        const auto& reported = log.reported_days();
        std::vector<latest_figure> latest(size);
        for (std::size_t d = 0; d < days; ++d)
            for (std::size_t k = start[d]; k < start[d + 1]; ++k) {
                const auto r = order[k];
                auto& l = latest[static_cast<std::size_t>(units[r] - unit)];
                const double before = l.value;
                l.offer(done[r], reported[r], qty[r]);
                change[d] += l.value - before;
            }
    }

    // Running totals, read off for each requested day.
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>((last - first).days()) + 1);
    double total = 0;
    std::int64_t through = -1; // change[0 .. through] is in `total`
    for (date d = first; d <= last; d += boost::gregorian::days(1)) {
        const std::int64_t day =
            std::min<std::int64_t>(offset(d), static_cast<std::int64_t>(days) - 1);
        while (through < day)
            total += change[static_cast<std::size_t>(++through)];
        out.push_back(day < 0 ? 0.0 : total);
    }
    return out;
}

namespace detail {
/// Units [lo, hi) from the last, each after all of its descendants: a unit's row holds its own
/// daily amounts plus its children's; it goes into its parent's row as it is (where the edge
/// carries), then becomes running totals.
inline void carry_up_and_accumulate(const unit_tree& tree, const std::vector<std::uint8_t>& carries,
                                    double* rows, std::size_t days, std::size_t lo,
                                    std::size_t hi) {
    for (std::size_t u = hi; u-- > lo;) {
        double* row = rows + u * days;
        if (carries[u]) {
            double* up =
                rows + static_cast<std::size_t>(tree.parent(static_cast<unit_index>(u))) * days;
            for (std::size_t d = 0; d < days; ++d)
                up[d] += row[d];
        }
        for (std::size_t d = 1; d < days; ++d)
            row[d] += row[d - 1];
    }
}
} // namespace detail

/// The burn-up line of every unit at once: the cumulative figure of each unit on a `sum`
/// indicator at the end of each day of the window, values[unit × window days + day], counting
/// the records reported by `known_by` (unset: everything known now) and the corrections known
/// by then. One pass over the records (the log's scan layout, block of units by block, when it
/// has one and `use_scan_layout`), then one over the units: each value is what
/// rollup(c, day, {known_by}).tally(unit, indicator).cumulative gives, exactly for whole-number
/// quantities. A national campaign's indicator is 1.84 M units × 46 days (0.68 GB).
/// Latest-figure (`last`) indicators: cumulative_series, unit by unit.
inline std::vector<double> every_unit_cumulative_series(const campaign& c,
                                                        indicator_index indicator,
                                                        std::optional<date> known_by = std::nullopt,
                                                        bool use_scan_layout = true) {
    const auto& ind = c.indicator_of(indicator);
    if (ind.over_time != time_aggregation::sum)
        throw std::invalid_argument("every_unit_cumulative_series: \"" + ind.id +
                                    "\" takes the latest figure; use cumulative_series per unit");
    const auto& tree = c.units();
    const auto& log = c.progress();
    const std::size_t nu = tree.size(), ni = c.indicators().size();
    const auto days = static_cast<std::size_t>(c.window().days());
    const std::int32_t known =
        known_by ? static_cast<std::int32_t>((*known_by - c.window().first()).days()) : never - 1;
    std::vector<std::uint8_t> carries(nu, 0);
    for (std::size_t u = 1; u < nu; ++u) {
        const auto p = tree.parent(static_cast<unit_index>(u));
        carries[u] = p != no_unit && carries_into_parent(tree.level(static_cast<unit_index>(u)),
                                                         tree.level(p), ind.over_units);
    }
    std::vector<double> rows;
    detail::reserve_huge(rows, nu * days);
    rows.assign(nu * days, 0.0);
    const auto ii = static_cast<std::uint32_t>(indicator);

    if (!(use_scan_layout && log.has_scan_layout())) {
        const auto& units = log.units();
        const auto& inds = log.indicators();
        const auto& done = log.done_days();
        const auto& qty = log.quantities();
        for_each_standing_record(log, never - 1, known, [&](std::size_t r) {
            if (inds[r] == indicator)
                rows[static_cast<std::size_t>(units[r]) * days +
                     static_cast<std::size_t>(done[r])] += qty[r];
        });
        detail::carry_up_and_accumulate(tree, carries, rows.data(), days, 0, nu);
        return rows;
    }
    // Block of units by block, from the last: each block's records (at the end of what is left
    // of each segment) go into rows that stay in cache, then the block's units are carried up.
    struct active {
        const std::uint32_t* cell;
        const double* q;
        std::size_t end;
        std::size_t day;
    };
    std::vector<active> act;
    for (const auto& s : log.scan_layout().segments())
        if (record_stands(s.done, s.reported, never, never - 1, known))
            act.push_back({s.cell.data(), s.quantity.data(), s.cell.size(),
                           static_cast<std::size_t>(s.done)});
    const std::size_t block = log.scan_block_units();
    const bool pow2 = (ni & (ni - 1)) == 0; // 8 indicators: a mask, not a division
    for (std::size_t ub = nu; ub > 0;) {
        const std::size_t ua = (ub - 1) / block * block;
        const auto first = static_cast<std::uint32_t>(ua * ni);
        for (auto& a : act) {
            std::size_t r = a.end;
            for (; r > 0 && a.cell[r - 1] >= first; --r) {
                const std::uint32_t cell = a.cell[r - 1];
                const std::uint32_t i = pow2 ? cell & static_cast<std::uint32_t>(ni - 1)
                                             : cell % static_cast<std::uint32_t>(ni);
                if (i == ii)
                    rows[(cell - i) / ni * days + a.day] += a.q[r - 1];
            }
            a.end = r;
        }
        detail::carry_up_and_accumulate(tree, carries, rows.data(), days, ua, ub);
        ub = ua;
    }
    return rows;
}

} // namespace ntmkit
