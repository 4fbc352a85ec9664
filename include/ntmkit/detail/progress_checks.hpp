// The checks a progress batch passes before it is appended (progress_log::add, add_columns):
// each record on its own, then the household capacity of every unit whose total it changes.
// Errors name the batch record and field through the caller's record_locator.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/calendar.hpp>
#include <ntmkit/detail/huge_pages.hpp>
#include <ntmkit/detail/scan_layout.hpp>
#include <ntmkit/detail/sparse_carry.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/format.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/unit.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ntmkit {

/// What a batch is checked against.
struct progress_context {
    const unit_tree& units;
    const std::vector<indicator>& indicators;
    const date_window& window;
};

namespace detail {

/// The latest day offset a log keeps (its day columns are 16-bit): a campaign window and the
/// report days of its records end within ~89 years of its first day.
constexpr long long max_day_offset = 32767;

/// What the log's narrow columns hold: at most 256 indicators and a window of max_day_offset
/// days; a campaign beyond either cannot take progress records.
inline void check_column_limits(const progress_context& ctx) {
    if (ctx.indicators.size() > 256)
        throw validation_error("indicators", "a campaign taking progress has at most 256 "
                                             "indicators, this one has " +
                                                 std::to_string(ctx.indicators.size()));
    if (ctx.window.days() > max_day_offset + 1)
        throw validation_error("window", "a campaign taking progress lasts at most " +
                                             std::to_string(max_day_offset + 1) +
                                             " days, this one " +
                                             std::to_string(ctx.window.days()));
}

/// The checks on one record alone, shared by `add` and `add_columns` (same messages).
inline void check_record(std::size_t i, long long unit, long long ind, long long done,
                         long long reported, double quantity, const progress_context& ctx,
                         const record_locator& where) {
    const auto n_units = static_cast<long long>(ctx.units.size());
    const auto n_ind = static_cast<long long>(ctx.indicators.size());
    const long long last_day = ctx.window.days() - 1;
    // Offsets from 64-bit columns can lie past the calendar (years 1400–9999): shown as numbers.
    auto day_text = [&](long long d) {
        const auto first = ctx.window.first();
        if (d < -(first - date(1400, 1, 1)).days() || d > (date(9999, 12, 31) - first).days())
            return "offset " + std::to_string(d) + " (no calendar date)";
        return format_date_vi(first + boost::gregorian::days(static_cast<long>(d)));
    };
    if (unit < 0 || unit >= n_units)
        throw validation_error(where(i, "unit"),
                               "no such unit (index " + std::to_string(unit) + ")");
    if (ind < 0 || ind >= n_ind)
        throw validation_error(where(i, "indicator"),
                               "no such indicator (index " + std::to_string(ind) + ")");
    if (!std::isfinite(quantity) || quantity < 0)
        throw validation_error(where(i, "quantity"),
                               "quantity must be a number 0 or more, got " + number_text(quantity));
    if (done < 0 || done > last_day)
        throw validation_error(where(i, "date"), "day " + day_text(done) +
                                                     " is outside the campaign " +
                                                     format_date_vi(ctx.window.first()) + "–" +
                                                     format_date_vi(ctx.window.last()));
    if (reported < done)
        throw validation_error(where(i, "reported"), "reported on " + day_text(reported) +
                                                         ", before the work was done on " +
                                                         day_text(done));
    if (reported > max_day_offset)
        throw validation_error(where(i, "reported"), "reported on " + day_text(reported) +
                                                         ", more than " +
                                                         std::to_string(max_day_offset) +
                                                         " days after the campaign began");
    const auto& indi = ctx.indicators[static_cast<std::size_t>(ind)];
    if (indi.counts_households() && indi.over_time == time_aggregation::last) {
        auto cap = ctx.units.households_known(static_cast<unit_index>(unit));
        if (cap && quantity > static_cast<double>(*cap))
            throw validation_error(
                where(i, "quantity"),
                "unit \"" + std::string(ctx.units.id(static_cast<unit_index>(unit))) + "\" has " +
                    std::to_string(*cap) + " households, got " + number_text(quantity));
    }
}

/// A total over a unit's household count: names the unit, the indicator and batch record `rec`.
[[noreturn]] inline void throw_capacity(unit_index u, indicator_index i, double after,
                                        std::size_t rec, const progress_context& ctx,
                                        const record_locator& where) {
    throw validation_error(where(rec, "quantity"),
                           "unit \"" + std::string(ctx.units.id(u)) + "\" would count " +
                               number_text(std::round(after)) + " households done for \"" +
                               ctx.indicators[static_cast<std::size_t>(i)].id + "\" but has " +
                               std::to_string(*ctx.units.households_known(u)) + " households");
}

/// A batch's all-time total deltas (`sum` indicators only), from its records in scan layout,
/// carried up through only the units the batch reaches (sparse_carry.hpp). Calls over(u, i, Δ)
/// and fail(u, i, Δ) as the dense path does, units from the last in pre-order, and returns the
/// nonzero deltas. Its cost follows the batch, not the tree.
template <class Over, class Fail>
std::vector<std::pair<std::size_t, double>>
capacity_deltas_by_block(const std::vector<double>& subtree_total, const progress_context& ctx,
                         const std::vector<scan_segment>& fresh, std::size_t block_cells,
                         Over&& over, Fail&& fail) {
    const std::size_t ni = ctx.indicators.size();
    std::vector<hierarchy_aggregation> how(ni);
    for (std::size_t i = 0; i < ni; ++i)
        how[i] = ctx.indicators[i].over_units;
    struct source {
        const std::uint32_t* cell;
        const double* quantity;
        std::size_t end;
    };
    std::vector<source> sources;
    std::size_t records = 0;
    for (const auto& seg : fresh) {
        sources.push_back({seg.cell.data(), seg.quantity.data(), seg.cell.size()});
        records += seg.cell.size();
    }
    std::vector<std::pair<std::size_t, double>> deltas;
    deltas.reserve(records + records / 4); // their cells, and a few ancestors
    sparse_carry_up<double>(ctx.units, std::move(how), block_cells / ni)
        .run(
            sources,
            [&](const source& s, std::size_t k, double& own) {
                if (!subtree_total.empty())
                    prefetch_for_write(&subtree_total[s.cell[k]]); // compared below
                own += s.quantity[k];
            },
            [&](unit_index u, indicator_index i, double delta) {
                if (over(u, i, delta))
                    fail(u, i, delta);
                deltas.emplace_back(static_cast<std::size_t>(u) * ni + i, delta);
            });
    return deltas;
}

/// Household capacity of every (unit, indicator) whose all-time total (`subtree_total`,
/// cell = unit × indicators + indicator; empty while every total is 0) a batch changes; `visit(f)`
/// calls f(unit, indicator, Δ, batch record) for each record and each corrected original. Returns
/// the totals' deltas to commit, sparse, or dense in `dense`; throws on excess. `fresh`, when
/// given, holds the batch's records in scan layout: big batches then build their dense delta block
/// by block from it instead of scattering record by record.
template <class Visit>
std::vector<std::pair<std::size_t, double>>
check_capacity(const std::vector<double>& subtree_total, std::size_t n_touches, Visit visit,
               const progress_context& ctx, const record_locator& where, std::vector<double>& dense,
               const std::vector<scan_segment>* fresh, std::size_t block_cells) {
    const auto& tree = ctx.units;
    const auto& inds = ctx.indicators;
    const std::size_t n_ind = inds.size(), n_cells = tree.size() * n_ind;
    auto cell = [n_ind](unit_index u, indicator_index i) {
        return static_cast<std::size_t>(u) * n_ind + static_cast<std::size_t>(i);
    };
    auto total = [&](unit_index u, indicator_index i) {
        return subtree_total.empty() ? 0.0 : subtree_total[cell(u, i)];
    };
    std::vector<char> household_item(inds.size()); // measured once, not per record
    for (std::size_t i = 0; i < inds.size(); ++i)
        household_item[i] = inds[i].counts_households();
    auto over = [&](unit_index u, indicator_index i, double d) {
        if (d <= 0 || !household_item[static_cast<std::size_t>(i)])
            return false;
        auto cap = tree.households_known(u);
        return cap && total(u, i) + d > static_cast<double>(*cap) + 1e-9;
    };
    // When several totals would exceed their counts, name the last unit in pre-order (the
    // most specific one), then the first indicator: the same choice on both paths.
    auto fail = [&](unit_index u, indicator_index i, double d) {
        std::size_t rec = 0;
        visit([&](unit_index ru, indicator_index ri, double q, std::size_t r) {
            if (q > 0 && ri == i && r >= rec &&
                counts_into(tree, ru, u, inds[static_cast<std::size_t>(i)].over_units))
                rec = r;
        });
        throw_capacity(u, i, total(u, i) + d, rec, ctx, where);
    };
    bool all_sum = true;
    for (const auto& ind : inds)
        all_sum &= ind.over_time == time_aggregation::sum;
    // A day's batch (a quarter of the cells or fewer): by block, through the units it reaches.
    if (fresh && all_sum && n_touches * 64 >= n_cells && n_touches * 4 < n_cells)
        return capacity_deltas_by_block(subtree_total, ctx, *fresh, block_cells, over, fail);
    // Dense when the batch touches (with ~8 ancestors each) a good share of the cells.
    if (n_touches * 64 >= n_cells) {
        // Big batch: each record adds to its own cell, then one backward pass over the
        // pre-ordered units carries the deltas to the ancestors that count them.
        reserve_huge(dense, n_cells);
        dense.assign(n_cells, 0.0);
        if (fresh && all_sum) {
            // Block by block: each block takes a contiguous run from every segment, and its
            // writes stay in cache.
            std::vector<std::size_t> at(fresh->size(), 0);
            for (std::size_t a = 0; a < n_cells; a += block_cells) {
                const auto b = static_cast<std::uint32_t>(std::min(n_cells, a + block_cells));
                for (std::size_t s = 0; s < fresh->size(); ++s) {
                    const auto& seg = (*fresh)[s];
                    std::size_t r = at[s];
                    for (const std::size_t m = seg.cell.size(); r < m && seg.cell[r] < b; ++r)
                        dense[seg.cell[r]] += seg.quantity[r];
                    at[s] = r;
                }
            }
        } else
            visit([&](unit_index u, indicator_index i, double q, std::size_t) {
                if (inds[static_cast<std::size_t>(i)].over_time == time_aggregation::sum)
                    dense[cell(u, i)] += q;
            });
        std::vector<hierarchy_aggregation> how(n_ind);
        for (std::size_t i = 0; i < n_ind; ++i)
            how[i] = inds[i].over_units;
        for (auto u = static_cast<unit_index>(tree.size()); u-- > 0;) {
            // u's descendants come after it and were all added in: its delta is final.
            for (std::size_t i = 0; i < n_ind; ++i)
                if (over(u, static_cast<indicator_index>(i),
                         dense[cell(u, static_cast<indicator_index>(i))]))
                    fail(u, static_cast<indicator_index>(i),
                         dense[cell(u, static_cast<indicator_index>(i))]);
            const auto p = tree.parent(u);
            if (p == no_unit)
                break;
            const bool leaves = leaves_organisations(tree.level(u), tree.level(p));
            const double* from = &dense[cell(u, 0)];
            double* to = &dense[cell(p, 0)];
            for (std::size_t i = 0; i < n_ind; ++i)
                if (carries_into_parent(leaves, how[i]))
                    to[i] += from[i];
        }
        return {};
    }

    // Small batch: a sparse delta over the touched cells and their ancestors.
    std::unordered_map<std::size_t, double> delta;
    visit([&](unit_index u, indicator_index i, double q, std::size_t) {
        const auto& ind = inds[static_cast<std::size_t>(i)];
        if (ind.over_time != time_aggregation::sum)
            return;
        for_each_counting_ancestor(tree, u, ind.over_units,
                                   [&](unit_index a) { delta[cell(a, i)] += q; });
    });
    std::optional<std::pair<std::size_t, double>> worst;
    for (const auto& [c, d] : delta) {
        auto u = static_cast<unit_index>(c / n_ind);
        auto i = static_cast<indicator_index>(c % n_ind);
        if (over(u, i, d) &&
            (!worst || u > static_cast<unit_index>(worst->first / n_ind) ||
             (u == static_cast<unit_index>(worst->first / n_ind) && c < worst->first)))
            worst = std::pair(c, d);
    }
    if (worst)
        fail(static_cast<unit_index>(worst->first / n_ind),
             static_cast<indicator_index>(worst->first % n_ind), worst->second);
    return {delta.begin(), delta.end()};
}

} // namespace detail
} // namespace ntmkit
