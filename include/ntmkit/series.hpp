// A unit's cumulative figure day by day (the burn-up chart's line) in one pass over the log,
// instead of one roll-up per day. The counting and time rules are aggregation.hpp's, so each
// value is what rollup(c, day, {known_by}).tally(unit, indicator).cumulative gives: exactly for
// whole-number quantities (counts of households, gardens), to rounding otherwise, as the
// figures are added in day order rather than record order.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
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

} // namespace ntmkit
