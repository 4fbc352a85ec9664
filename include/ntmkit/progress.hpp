// Progress records: what was done, where, on which day, and when it was reported.
//
// The log is append-only and columnar (one array per field) so a country's ~50 million
// records are scanned sequentially by the roll-up. A correction is a new record that
// supersedes an earlier one: the earlier record stays, so what was known on a past Friday
// can be reproduced exactly.
//
// Beside the columns in record order the log keeps a scan layout decided at ingest time:
// records grouped into segments by (done day, reported day), each segment ordered by block of
// units (a block's tallies fit in a core's cache). A roll-up as of a date reads only the segments
// that count, and, unit block by unit block, writes its tallies sequentially instead of scattering
// them over millions of household groups. Batches of any size go through the same checks; big ones
// check household capacity with a dense delta and one backward pass over the units.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/calendar.hpp>
#include <ntmkit/detail/huge_pages.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/fwd.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/unit.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ntmkit {

/// A progress record as a user writes it: units and indicators by id, days as dates.
struct progress_record {
    std::string unit;
    std::string indicator;
    date done;                    ///< the day the work was done
    std::optional<date> reported; ///< the day it was reported; defaults to `done`
    double quantity = 0;          ///< increment, or the cumulative figure for `last` indicators
    std::string note;
    std::string reporter;
    std::optional<record_index> supersedes; ///< the record this one corrects
};

/// A record with ids resolved to indices and dates to day offsets.
struct resolved_record {
    unit_index unit = no_unit;
    indicator_index indicator = -1;
    std::int32_t done = 0;
    std::int32_t reported = 0;
    double quantity = 0;
    record_index supersedes = no_record;
    std::string note;
    std::string reporter;
};

/// What a batch is checked against.
struct progress_context {
    const unit_tree& units;
    const std::vector<indicator>& indicators;
    const date_window& window;
};

/// Locates field `field` of batch record `i` in the user's input, for error messages.
using record_locator = std::function<std::string(std::size_t i, std::string_view field)>;

inline std::string default_record_locator(std::size_t i, std::string_view field) {
    return "progress record " + std::to_string(i) + ", field " + std::string(field);
}

class rollup;

namespace detail {
/// Leaves new elements uninitialised: scan-layout arrays are written in full right after
/// they are sized, and zero-filling hundreds of megabytes first would double the writes.
template <class T> struct uninit_allocator : std::allocator<T> {
    template <class U> struct rebind { using other = uninit_allocator<U>; };
    uninit_allocator() = default;
    template <class U> uninit_allocator(const uninit_allocator<U>&) noexcept {}
    T* allocate(std::size_t n) {
        T* p = std::allocator<T>::allocate(n);
        advise_huge_pages(p, n * sizeof(T));
        return p;
    }
    template <class U> void construct(U* p) noexcept { ::new (static_cast<void*>(p)) U; }
    template <class U, class... A> void construct(U* p, A&&... a) {
        ::new (static_cast<void*>(p)) U(std::forward<A>(a)...);
    }
};
template <class T> using uninit_vector = std::vector<T, uninit_allocator<T>>;

/// Records of one (done day, reported day): cell = unit × indicators + indicator, ordered by
/// block of units (progress_log::scan_block_units), in any order inside a block.
struct scan_segment {
    std::int32_t done = 0, reported = 0;
    uninit_vector<std::uint32_t> cell;
    uninit_vector<double> quantity;
};
} // namespace detail

class progress_log {
public:
    std::size_t size() const { return unit_.size(); }

    // Columns, in record order.
    const std::vector<unit_index>& units() const { return unit_; }
    const std::vector<indicator_index>& indicators() const { return indicator_; }
    const std::vector<std::int32_t>& done_days() const { return done_; }
    const std::vector<std::int32_t>& reported_days() const { return reported_; }
    const std::vector<double>& quantities() const { return quantity_; }

    /// Reported day of the correction that superseded record r, or `never`.
    std::int32_t superseded_on(record_index r) const {
        return superseded_on_.empty() ? never : superseded_on_[static_cast<std::size_t>(r)];
    }
    bool has_corrections() const { return !supersedes_.empty(); }
    record_index supersedes(record_index r) const {
        auto it = supersedes_.find(r);
        return it == supersedes_.end() ? no_record : it->second;
    }
    std::string_view note(record_index r) const { return lookup(notes_, r); }
    std::string_view reporter(record_index r) const { return lookup(reporters_, r); }

    /// Net all-time total of the subtree of u for indicator i (`sum` indicators): what the
    /// household-capacity check compares with the unit's household count.
    double subtree_total(unit_index u, indicator_index i) const {
        return subtree_total_.empty() ? 0.0 : subtree_total_[cell(u, i)];
    }

    /// Checks the whole batch, then appends it; a rejected batch changes nothing.
    void add(const std::vector<resolved_record>& batch, const progress_context& ctx,
             const record_locator& where = default_record_locator);

    /// Bulk form of `add` for columns (e.g. numpy arrays), without building a struct per
    /// record: record i is (unit[i], indicator[i], done[i], reported[i], quantity[i]), with no
    /// note, reporter or correction; `reported` may be null (reported the day it was done).
    /// Any integer and floating types. The same checks and errors as `add`, all or nothing.
    template <class U, class I, class D, class R, class Q>
    void add_columns(std::size_t n, const U* unit, const I* indicator, const D* done,
                     const R* reported, const Q* quantity, const progress_context& ctx,
                     const record_locator& where = default_record_locator);

    /// Whether roll-ups can use the scan layout (no corrections on record).
    bool has_scan_layout() const { return scan_ok_ && !has_corrections(); }
    /// Units per block of the scan layout: a power of two, ~32k cells (768 KiB of roll-up
    /// tallies, about one core's L2 cache).
    std::size_t scan_block_units() const {
        std::size_t b = 1;
        while (b * 2 * std::max<std::size_t>(indicator_count_, 1) <= (std::size_t{1} << 15))
            b *= 2;
        return b;
    }
    std::size_t scan_block_cells() const {
        return scan_block_units() * std::max<std::size_t>(indicator_count_, 1);
    }

    friend bool operator==(const progress_log& a, const progress_log& b) {
        return a.unit_ == b.unit_ && a.indicator_ == b.indicator_ && a.done_ == b.done_ &&
               a.reported_ == b.reported_ && a.quantity_ == b.quantity_ && a.notes_ == b.notes_ &&
               a.reporters_ == b.reporters_ && a.supersedes_ == b.supersedes_;
    }

private:
    friend class rollup;

    void prepare(const progress_context& ctx) {
        if (subtree_total_.empty()) {
            indicator_count_ = ctx.indicators.size();
            detail::reserve_huge(subtree_total_, ctx.units.size() * indicator_count_);
            subtree_total_.assign(ctx.units.size() * indicator_count_, 0.0);
            scan_ok_ = subtree_total_.size() < (std::size_t{1} << 32);
        }
    }
    // Household capacity of every (unit, indicator) whose total the batch changes; `visit(f)`
    // calls f(unit, indicator, Δ, batch record) for each record and each corrected original.
    // Returns the new totals' deltas to commit (dense or sparse), throws on excess.
    // `fresh`, when given, holds the batch's records in scan layout: big batches then build
    // their dense delta block by block from it instead of scattering record by record.
    template <class Visit>
    std::vector<std::pair<std::size_t, double>>
    check_capacity(std::size_t n_touches, Visit visit, const progress_context& ctx,
                   const record_locator& where, std::vector<double>& dense,
                   const std::vector<detail::scan_segment>* fresh) const;
    [[noreturn]] void throw_capacity(unit_index u, indicator_index i, double after, std::size_t rec,
                                     const progress_context& ctx,
                                     const record_locator& where) const;
    // A batch in scan layout; key(i) gives record i's (done, reported), get(i) its
    // (cell, quantity): separate, so the passes that need only the days read only those.
    template <class Key, class Get>
    std::vector<detail::scan_segment> make_segments(std::size_t n, Key key, Get get) const;
    // Adds a batch's segments to the layout, one segment per (done, reported).
    void merge_segments(std::vector<detail::scan_segment>&& fresh);

    static std::string_view lookup(const std::unordered_map<record_index, std::string>& m,
                                   record_index r) {
        auto it = m.find(r);
        return it == m.end() ? std::string_view() : std::string_view(it->second);
    }
    std::size_t cell(unit_index u, indicator_index i) const {
        return static_cast<std::size_t>(u) * indicator_count_ + static_cast<std::size_t>(i);
    }

    std::vector<unit_index> unit_;
    std::vector<indicator_index> indicator_;
    std::vector<std::int32_t> done_, reported_;
    std::vector<double> quantity_;
    std::unordered_map<record_index, std::string> notes_, reporters_;
    std::unordered_map<record_index, record_index> supersedes_; // correction → original
    std::vector<std::int32_t> superseded_on_;                   // empty until the first correction
    std::vector<double> subtree_total_; // units × indicators, for capacity checks
    std::size_t indicator_count_ = 0;
    std::vector<detail::scan_segment> segments_; // by (done, reported), one per key
    bool scan_ok_ = true;                        // cells fit in 32 bits
};

// ---------------------------------------------------------------------------------------------

namespace detail {
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
        throw validation_error(where(i, "quantity"), "quantity must be a number 0 or more, got " +
                                                         std::to_string(quantity));
    if (done < 0 || done > last_day)
        throw validation_error(where(i, "date"), "day " + day_text(done) +
                                                     " is outside the campaign " +
                                                     format_date_vi(ctx.window.first()) + "–" +
                                                     format_date_vi(ctx.window.last()));
    if (reported < done)
        throw validation_error(where(i, "reported"), "reported on " + day_text(reported) +
                                                         ", before the work was done on " +
                                                         day_text(done));
    const auto& indi = ctx.indicators[static_cast<std::size_t>(ind)];
    if (indi.counts_households() && indi.over_time == time_aggregation::last) {
        auto cap = ctx.units.households_known(static_cast<unit_index>(unit));
        if (cap && quantity > static_cast<double>(*cap))
            throw validation_error(
                where(i, "quantity"),
                "unit \"" + std::string(ctx.units.id(static_cast<unit_index>(unit))) + "\" has " +
                    std::to_string(*cap) + " households, got " + std::to_string(quantity));
    }
}
} // namespace detail

inline void progress_log::throw_capacity(unit_index u, indicator_index i, double after,
                                         std::size_t rec, const progress_context& ctx,
                                         const record_locator& where) const {
    throw validation_error(where(rec, "quantity"),
                           "unit \"" + std::string(ctx.units.id(u)) + "\" would count " +
                               std::to_string(static_cast<long long>(std::llround(after))) +
                               " households done for \"" +
                               ctx.indicators[static_cast<std::size_t>(i)].id + "\" but has " +
                               std::to_string(*ctx.units.households_known(u)) + " households");
}

template <class Visit>
std::vector<std::pair<std::size_t, double>>
progress_log::check_capacity(std::size_t n_touches, Visit visit, const progress_context& ctx,
                             const record_locator& where, std::vector<double>& dense,
                             const std::vector<detail::scan_segment>* fresh) const {
    const auto& tree = ctx.units;
    const auto& inds = ctx.indicators;
    const std::size_t n_ind = inds.size(), n_cells = subtree_total_.size();
    auto over = [&](unit_index u, indicator_index i, double d) {
        if (d <= 0 || !inds[static_cast<std::size_t>(i)].counts_households())
            return false;
        auto cap = tree.households_known(u);
        return cap && subtree_total_[cell(u, i)] + d > static_cast<double>(*cap) + 1e-9;
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
        throw_capacity(u, i, subtree_total_[cell(u, i)] + d, rec, ctx, where);
    };
    // Dense when the batch touches (with ~8 ancestors each) a good share of the cells.
    if (n_touches * 64 >= n_cells) {
        // Big batch: each record adds to its own cell, then one backward pass over the
        // pre-ordered units carries the deltas to the ancestors that count them.
        detail::reserve_huge(dense, n_cells);
        dense.assign(n_cells, 0.0);
        bool all_sum = true;
        for (const auto& ind : inds)
            all_sum &= ind.over_time == time_aggregation::sum;
        if (fresh && all_sum) {
            // Block by block: each block takes a contiguous run from every segment, and its
            // writes stay in cache.
            std::vector<std::size_t> at(fresh->size(), 0);
            for (std::size_t a = 0; a < n_cells; a += scan_block_cells()) {
                const auto b =
                    static_cast<std::uint32_t>(std::min(n_cells, a + scan_block_cells()));
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

template <class Key, class Get>
std::vector<detail::scan_segment> progress_log::make_segments(std::size_t n, Key key,
                                                              Get get) const {
    if (!scan_ok_ || n == 0)
        return {};
    // Keys (done, reported) → a small table when the lags are bounded, as they are in practice.
    std::int64_t min_done = never, max_done = -1, min_lag = never, max_lag = -1;
    for (std::size_t i = 0; i < n; ++i) {
        const auto [d, r] = key(i);
        min_done = std::min<std::int64_t>(min_done, d);
        max_done = std::max<std::int64_t>(max_done, d);
        min_lag = std::min<std::int64_t>(min_lag, std::int64_t{r} - d);
        max_lag = std::max<std::int64_t>(max_lag, std::int64_t{r} - d);
    }
    const std::int64_t lags = max_lag - min_lag + 1;
    const std::int64_t slots = (max_done - min_done + 1) * lags;
    const bool table = slots <= (std::int64_t{1} << 20);
    std::unordered_map<std::int64_t, std::uint32_t> wide; // only for far-apart report days
    auto slot_of = [&](std::int64_t d, std::int64_t r) -> std::int64_t {
        if (table)
            return (d - min_done) * lags + (r - d - min_lag);
        return wide
            .emplace(d * (std::int64_t{1} << 32) + r, static_cast<std::uint32_t>(wide.size()))
            .first->second;
    };
    std::vector<std::size_t> count((table ? static_cast<std::size_t>(slots) : n) + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto [d, r] = key(i);
        ++count[static_cast<std::size_t>(slot_of(d, r)) + 1];
    }
    std::vector<detail::scan_segment> fresh;
    std::vector<std::size_t> seg_of(count.size() - 1, 0);
    for (std::size_t k = 0; k + 1 < count.size(); ++k)
        if (count[k + 1] > 0) {
            seg_of[k] = fresh.size();
            fresh.emplace_back();
            fresh.back().cell.resize(count[k + 1]);
            fresh.back().quantity.resize(count[k + 1]);
        }
    std::vector<std::size_t> fill(fresh.size(), 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto [d, r] = key(i);
        const auto [c, q] = get(i);
        const auto s = seg_of[static_cast<std::size_t>(slot_of(d, r))];
        auto& seg = fresh[s];
        seg.done = static_cast<std::int32_t>(d);
        seg.reported = static_cast<std::int32_t>(r);
        seg.cell[fill[s]] = c;
        seg.quantity[fill[s]++] = q;
    }

    // Each segment by block of units, one counting sort while it sits in cache: roll-ups and
    // capacity checks work block by block, so the order inside a block does not matter.
    const std::uint32_t bc = static_cast<std::uint32_t>(scan_block_cells());
    const std::size_t n_blocks = (subtree_total_.size() + bc - 1) / bc;
    // A shift when the block size is a power of two (8 indicators: it is), not a division.
    int shift = 0;
    while ((std::uint32_t{1} << shift) < bc)
        ++shift;
    const bool pow2 = (std::uint32_t{1} << shift) == bc;
    auto block_of = [&](std::uint32_t cell) { return pow2 ? cell >> shift : cell / bc; };
    std::vector<std::size_t> hist(n_blocks + 1);
    detail::uninit_vector<std::uint32_t> tmp_cell;
    detail::uninit_vector<double> tmp_q;
    for (auto& seg : fresh) {
        const std::size_t m = seg.cell.size();
        std::uint32_t prev = 0;
        bool in_order = true;
        for (std::size_t i = 0; i < m; ++i) {
            const std::uint32_t b = block_of(seg.cell[i]);
            in_order &= b >= prev;
            prev = b;
        }
        if (in_order)
            continue;
        std::fill(hist.begin(), hist.end(), 0);
        for (std::size_t i = 0; i < m; ++i)
            ++hist[block_of(seg.cell[i]) + 1];
        for (std::size_t b = 0; b < n_blocks; ++b)
            hist[b + 1] += hist[b];
        tmp_cell.resize(m);
        tmp_q.resize(m);
        for (std::size_t i = 0; i < m; ++i) {
            auto& h = hist[block_of(seg.cell[i])];
            tmp_cell[h] = seg.cell[i];
            tmp_q[h++] = seg.quantity[i];
        }
        seg.cell.swap(tmp_cell);
        seg.quantity.swap(tmp_q);
    }

    return fresh;
}

inline void progress_log::merge_segments(std::vector<detail::scan_segment>&& fresh) {
    for (auto& seg : fresh) {
        auto key = [](const detail::scan_segment& x) { return std::pair(x.done, x.reported); };
        auto at = std::lower_bound(segments_.begin(), segments_.end(), seg,
                                   [&](const auto& a, const auto& b) { return key(a) < key(b); });
        if (at == segments_.end() || key(*at) != key(seg)) {
            segments_.insert(at, std::move(seg));
            continue;
        }
        detail::scan_segment merged;
        merged.done = seg.done;
        merged.reported = seg.reported;
        const std::size_t a = at->cell.size(), b = seg.cell.size();
        merged.cell.resize(a + b);
        merged.quantity.resize(a + b);
        std::size_t i = 0, j = 0, k = 0;
        const std::uint32_t bc = static_cast<std::uint32_t>(scan_block_cells());
        while (i < a || j < b) {
            const bool left = j == b || (i < a && at->cell[i] / bc <= seg.cell[j] / bc);
            merged.cell[k] = left ? at->cell[i] : seg.cell[j];
            merged.quantity[k++] = left ? at->quantity[i++] : seg.quantity[j++];
        }
        *at = std::move(merged);
    }
    fresh.clear();
}

inline void progress_log::add(const std::vector<resolved_record>& batch,
                              const progress_context& ctx, const record_locator& where) {
    prepare(ctx);
    const auto first_new = static_cast<record_index>(size());

    // Pass 1: each record on its own.
    std::unordered_map<record_index, std::size_t> corrected_in_batch;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& r = batch[i];
        detail::check_record(i, r.unit, r.indicator, r.done, r.reported, r.quantity, ctx, where);
        if (r.supersedes != no_record) {
            const auto total = first_new + static_cast<record_index>(i);
            if (r.supersedes < 0 || r.supersedes >= total)
                throw validation_error(where(i, "supersedes"),
                                       "record " + std::to_string(r.supersedes) +
                                           " does not exist before this one");
            bool already =
                superseded_on(r.supersedes) != never || corrected_in_batch.count(r.supersedes) > 0;
            if (already)
                throw validation_error(where(i, "supersedes"),
                                       "record " + std::to_string(r.supersedes) +
                                           " was already corrected; correct the latest record");
            std::int32_t original_reported =
                r.supersedes < first_new
                    ? reported_[static_cast<std::size_t>(r.supersedes)]
                    : batch[static_cast<std::size_t>(r.supersedes - first_new)].reported;
            if (r.reported < original_reported)
                throw validation_error(where(i, "reported"),
                                       "a correction cannot be reported before the record it "
                                       "corrects (record " +
                                           std::to_string(r.supersedes) + ")");
            corrected_in_batch.emplace(r.supersedes, i);
        }
    }

    // Pass 2: household capacity of every unit whose total the batch changes.
    auto visit = [&](auto&& f) {
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto& r = batch[i];
            f(r.unit, r.indicator, r.quantity, i);
            if (r.supersedes == no_record)
                continue;
            if (r.supersedes < first_new) {
                auto o = static_cast<std::size_t>(r.supersedes);
                f(unit_[o], indicator_[o], -quantity_[o], i);
            } else {
                const auto& o = batch[static_cast<std::size_t>(r.supersedes - first_new)];
                f(o.unit, o.indicator, -o.quantity, i);
            }
        }
    };
    std::vector<detail::scan_segment> fresh;
    if (corrected_in_batch.empty())
        fresh = make_segments(
            batch.size(),
            [&](std::size_t i) {
                return std::pair(std::int64_t{batch[i].done}, std::int64_t{batch[i].reported});
            },
            [&](std::size_t i) {
                const auto& r = batch[i];
                return std::pair(static_cast<std::uint32_t>(cell(r.unit, r.indicator)), r.quantity);
            });
    std::vector<double> dense;
    auto sparse = check_capacity(batch.size() + corrected_in_batch.size(), visit, ctx, where, dense,
                                 scan_ok_ && corrected_in_batch.empty() ? &fresh : nullptr);

    // Commit: nothing below can fail except allocation.
    for (std::size_t c = 0; c < dense.size(); ++c)
        subtree_total_[c] += dense[c];
    for (const auto& [c, d] : sparse)
        subtree_total_[c] += d;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& r = batch[i];
        const record_index id = first_new + static_cast<record_index>(i);
        unit_.push_back(r.unit);
        indicator_.push_back(r.indicator);
        done_.push_back(r.done);
        reported_.push_back(r.reported);
        quantity_.push_back(r.quantity);
        if (!r.note.empty())
            notes_[id] = r.note;
        if (!r.reporter.empty())
            reporters_[id] = r.reporter;
        if (r.supersedes != no_record)
            supersedes_[id] = r.supersedes;
    }
    if (!supersedes_.empty()) {
        superseded_on_.resize(size(), never);
        for (std::size_t i = 0; i < batch.size(); ++i)
            if (batch[i].supersedes != no_record)
                superseded_on_[static_cast<std::size_t>(batch[i].supersedes)] = batch[i].reported;
        // Roll-ups with corrections read the columns in record order; free the scan layout.
        scan_ok_ = false;
        segments_ = {};
    }
    if (scan_ok_)
        merge_segments(std::move(fresh));
}

template <class U, class I, class D, class R, class Q>
void progress_log::add_columns(std::size_t n, const U* unit, const I* indicator, const D* done,
                               const R* reported, const Q* quantity, const progress_context& ctx,
                               const record_locator& where) {
    static_assert(std::is_integral_v<U> && std::is_integral_v<I> && std::is_integral_v<D> &&
                      std::is_integral_v<R> && std::is_arithmetic_v<Q>,
                  "units, indicators and days are integers; quantities are numbers");
    prepare(ctx);
    auto rep = [&](std::size_t i) -> long long {
        return reported ? static_cast<long long>(reported[i]) : static_cast<long long>(done[i]);
    };
    // Pass 1, branch-free over all records; only a failing batch looks for its first error.
    const auto n_units = static_cast<long long>(ctx.units.size());
    const auto n_ind = static_cast<long long>(ctx.indicators.size());
    const long long last_day = ctx.window.days() - 1;
    bool bad = false;
    for (const auto& ind : ctx.indicators)
        bad |= ind.counts_households() && ind.over_time == time_aggregation::last;
    for (std::size_t i = 0; i < n && !bad; i += 4096) {
        const std::size_t end = std::min(n, i + 4096);
        bool b = false;
        for (std::size_t j = i; j < end; ++j) {
            const auto u = static_cast<long long>(unit[j]);
            const auto k = static_cast<long long>(indicator[j]);
            const auto d = static_cast<long long>(done[j]);
            const auto q = static_cast<double>(quantity[j]);
            b |= (u < 0) | (u >= n_units) | (k < 0) | (k >= n_ind) | !(q >= 0) |
                 !(q <= std::numeric_limits<double>::max()) | (d < 0) | (d > last_day) |
                 (rep(j) < d);
        }
        bad = b;
    }
    if (bad)
        for (std::size_t i = 0; i < n; ++i)
            detail::check_record(i, static_cast<long long>(unit[i]),
                                 static_cast<long long>(indicator[i]),
                                 static_cast<long long>(done[i]), rep(i),
                                 static_cast<double>(quantity[i]), ctx, where);

    auto visit = [&](auto&& f) {
        for (std::size_t i = 0; i < n; ++i)
            f(static_cast<unit_index>(unit[i]), static_cast<indicator_index>(indicator[i]),
              static_cast<double>(quantity[i]), i);
    };
    // The columns in record order are copied on a second thread meanwhile (big batches):
    // they do not depend on the checks, and are cut back if the batch is rejected.
    const std::size_t old = size();
    auto append = [&] {
        // Room for a quarter more, so that the next days' batches append in place instead
        // of copying every column (untouched room costs address space, not memory).
        const std::size_t room = old + n + (old + n) / 4;
        if (unit_.capacity() < old + n) {
            detail::reserve_huge(unit_, room);
            detail::reserve_huge(indicator_, room);
            detail::reserve_huge(done_, room);
            detail::reserve_huge(reported_, room);
            detail::reserve_huge(quantity_, room);
        }
        // Range inserts convert as they copy: each column is written once.
        unit_.insert(unit_.end(), unit, unit + n);
        indicator_.insert(indicator_.end(), indicator, indicator + n);
        done_.insert(done_.end(), done, done + n);
        if (reported)
            reported_.insert(reported_.end(), reported, reported + n);
        else
            reported_.insert(reported_.end(), done, done + n);
        quantity_.insert(quantity_.end(), quantity, quantity + n);
    };
    auto cut_back = [&] {
        unit_.resize(old);
        indicator_.resize(old);
        done_.resize(old);
        reported_.resize(old);
        quantity_.resize(old);
    };
    std::exception_ptr append_failed;
    std::thread copier;
    if (n >= (std::size_t{1} << 20) && std::thread::hardware_concurrency() >= 2)
        copier = std::thread([&] {
            try {
                append();
            } catch (...) {
                append_failed = std::current_exception();
            }
        });
    std::vector<detail::scan_segment> fresh;
    std::vector<double> dense;
    std::vector<std::pair<std::size_t, double>> sparse;
    try {
        fresh = make_segments(
            n,
            [&](std::size_t i) {
                return std::pair(static_cast<std::int64_t>(done[i]),
                                 static_cast<std::int64_t>(rep(i)));
            },
            [&](std::size_t i) {
                return std::pair(
                    static_cast<std::uint32_t>(cell(static_cast<unit_index>(unit[i]),
                                                    static_cast<indicator_index>(indicator[i]))),
                    static_cast<double>(quantity[i]));
            });
        sparse = check_capacity(n, visit, ctx, where, dense, scan_ok_ ? &fresh : nullptr);
    } catch (...) {
        if (copier.joinable()) {
            copier.join();
            cut_back();
        }
        throw;
    }
    if (copier.joinable()) {
        copier.join();
        if (append_failed) {
            cut_back();
            std::rethrow_exception(append_failed);
        }
    } else {
        try {
            append();
        } catch (...) {
            cut_back();
            throw;
        }
    }

    // Commit: nothing below can fail except allocation.
    for (std::size_t c = 0; c < dense.size(); ++c)
        subtree_total_[c] += dense[c];
    for (const auto& [c, d] : sparse)
        subtree_total_[c] += d;
    dense = {};
    if (superseded_on_.size() > 0)
        superseded_on_.resize(size(), never);
    merge_segments(std::move(fresh));
}

} // namespace ntmkit
