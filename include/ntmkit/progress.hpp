// Progress records: what was done, where, on which day, and when it was reported.
//
// The log is append-only and columnar (one array per field) so a country's ~50 million
// records are scanned sequentially by the roll-up. A correction is a new record that
// supersedes an earlier one: the earlier record stays, so what was known on a past Friday
// can be reproduced exactly.
//
// Beside the columns in record order the log keeps a scan layout (detail/scan_layout.hpp) that
// roll-ups read unit block by unit block. Batches of any size go through the same checks
// (detail/progress_checks.hpp); big ones check household capacity with a dense delta and one
// backward pass over the units.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/calendar.hpp>
#include <ntmkit/detail/huge_pages.hpp>
#include <ntmkit/detail/progress_checks.hpp>
#include <ntmkit/detail/scan_layout.hpp>
#include <ntmkit/detail/stamp.hpp>
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
#include <stdexcept>
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
    /// Stable ids, kept by a campaign store (store/store.hpp, docs/store.md): this record's
    /// (empty: the store names it by source and row) and, for a correction, the id it corrects
    /// instead of a record number.
    std::string id;
    std::string supersedes_id;
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

class rollup;

/// A version of a progress log: the stamp its latest batch took (detail/stamp.hpp; 0 before
/// the first) and its number of records then.
struct log_version {
    std::uint64_t stamp = 0;
    std::size_t records = 0;
};

class progress_log {
public:
    /// The record columns' types: an indicator in a byte and day offsets in two bytes (17
    /// bytes a record with the unit and quantity, not 24): a log holds at most 256 indicators,
    /// and days up to detail::max_day_offset after the campaign began (~89 years).
    using indicator_column = std::uint8_t;
    using day_column = std::int16_t;

    std::size_t size() const { return unit_.size(); }

    // Columns, in record order.
    const std::vector<unit_index>& units() const { return unit_; }
    const std::vector<indicator_column>& indicators() const { return indicator_; }
    const std::vector<day_column>& done_days() const { return done_; }
    const std::vector<day_column>& reported_days() const { return reported_; }
    const std::vector<double>& quantities() const { return quantity_; }

    /// Reported day of the correction that superseded record r, or `never` (also for a record
    /// of a batch being checked, past the end of the log).
    std::int32_t superseded_on(record_index r) const {
        const auto k = static_cast<std::size_t>(r);
        return k < superseded_on_.size() ? superseded_on_[k] : never;
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
                     const record_locator& where = default_record_locator) {
        add_columns(n, unit, indicator, done, reported, quantity, ctx, where, nullptr);
    }

    /// Record columns in the log's own types, for take_columns.
    struct columns {
        std::vector<unit_index> unit;
        std::vector<indicator_column> indicator;
        std::vector<day_column> done, reported;
        std::vector<double> quantity;
    };
    /// add_columns of columns the caller gives up (a store's load): an empty log keeps them
    /// instead of copying them, so their memory is not faulted in a second time; the same
    /// checks and errors. A log that holds records copies them.
    void take_columns(columns&& c, const progress_context& ctx,
                      const record_locator& where = default_record_locator);

    /// This version of the log, and whether the log is version `v` with batches appended
    /// since (or unchanged): its first v.records records are the ones it had then.
    log_version version() const { return versions_.empty() ? log_version{} : versions_.back(); }
    bool extends(const log_version& v) const {
        if (v.stamp == 0)
            return v.records == 0;
        for (auto it = versions_.rbegin(); it != versions_.rend(); ++it)
            if (it->stamp == v.stamp)
                return it->records == v.records;
        return false;
    }

    /// Whether roll-ups can use the scan layout (no corrections on record).
    bool has_scan_layout() const { return scan_.usable() && !has_corrections(); }
    /// The records by (done, reported) and block of units, for roll-ups; read only while
    /// has_scan_layout().
    const detail::scan_layout& scan_layout() const { return scan_; }
    /// Units per block of the scan layout.
    std::size_t scan_block_units() const { return scan_.block_units(); }

    friend bool operator==(const progress_log& a, const progress_log& b) {
        return a.unit_ == b.unit_ && a.indicator_ == b.indicator_ && a.done_ == b.done_ &&
               a.reported_ == b.reported_ && a.quantity_ == b.quantity_ && a.notes_ == b.notes_ &&
               a.reporters_ == b.reporters_ && a.supersedes_ == b.supersedes_;
    }

private:
    template <class U, class I, class D, class R, class Q>
    void add_columns(std::size_t n, const U* unit, const I* indicator, const D* done,
                     const R* reported, const Q* quantity, const progress_context& ctx,
                     const record_locator& where, columns* taken);

    void prepare(const progress_context& ctx) {
        detail::check_column_limits(ctx);
        if (!prepared_) {
            indicator_count_ = ctx.indicators.size();
            scan_.reset(ctx.units.size(), indicator_count_);
            prepared_ = true;
        }
    }

    /// Adds a checked batch's total deltas (check_capacity's dense or sparse result). While
    /// every total is 0 the array stays empty, and a dense delta simply becomes the totals:
    /// a first big batch (a store's load) neither zero-fills nor adds a second array.
    void commit_totals(std::vector<double>& dense,
                       const std::vector<std::pair<std::size_t, double>>& sparse,
                       std::size_t n_cells) {
        if (subtree_total_.empty()) {
            if (!dense.empty()) {
                subtree_total_.swap(dense);
                return;
            }
            if (sparse.empty())
                return;
            detail::reserve_huge(subtree_total_, n_cells);
            subtree_total_.assign(n_cells, 0.0);
        }
        for (std::size_t c = 0; c < dense.size(); ++c)
            subtree_total_[c] += dense[c];
        for (const auto& [c, d] : sparse)
            subtree_total_[c] += d;
        dense = {};
    }

    static std::string_view lookup(const std::unordered_map<record_index, std::string>& m,
                                   record_index r) {
        auto it = m.find(r);
        return it == m.end() ? std::string_view() : std::string_view(it->second);
    }
    std::size_t cell(unit_index u, indicator_index i) const {
        return static_cast<std::size_t>(u) * indicator_count_ + static_cast<std::size_t>(i);
    }

    std::vector<unit_index> unit_;
    std::vector<indicator_column> indicator_;
    std::vector<day_column> done_, reported_;
    std::vector<double> quantity_;
    std::unordered_map<record_index, std::string> notes_, reporters_;
    std::unordered_map<record_index, record_index> supersedes_; // correction → original
    std::vector<std::int32_t> superseded_on_;                   // empty until the first correction
    std::vector<double> subtree_total_; // units × indicators, for capacity checks; empty: all 0
    std::size_t indicator_count_ = 0;
    bool prepared_ = false;
    detail::scan_layout scan_;
    std::vector<log_version> versions_; // one per batch appended
};

// ---------------------------------------------------------------------------------------------

inline void progress_log::take_columns(columns&& c, const progress_context& ctx,
                                       const record_locator& where) {
    const auto n = c.unit.size();
    if (c.indicator.size() != n || c.done.size() != n || c.reported.size() != n ||
        c.quantity.size() != n)
        throw std::invalid_argument("progress_log::take_columns: columns of unequal lengths");
    add_columns(n, c.unit.data(), c.indicator.data(), c.done.data(), c.reported.data(),
                c.quantity.data(), ctx, where, size() == 0 ? &c : nullptr);
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
        fresh = scan_.make_segments(
            batch.size(),
            [&](std::size_t i) {
                return std::pair(std::int64_t{batch[i].done}, std::int64_t{batch[i].reported});
            },
            [&](std::size_t i) {
                const auto& r = batch[i];
                return std::pair(static_cast<std::uint32_t>(cell(r.unit, r.indicator)), r.quantity);
            });
    std::vector<double> dense;
    auto sparse = detail::check_capacity(
        subtree_total_, batch.size() + corrected_in_batch.size(), visit, ctx, where, dense,
        scan_.usable() && corrected_in_batch.empty() ? &fresh : nullptr, scan_.block_cells());

    // Commit: nothing below can fail except allocation.
    commit_totals(dense, sparse, ctx.units.size() * indicator_count_);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& r = batch[i];
        const record_index id = first_new + static_cast<record_index>(i);
        unit_.push_back(r.unit);
        indicator_.push_back(static_cast<indicator_column>(r.indicator)); // checked above
        done_.push_back(static_cast<day_column>(r.done));
        reported_.push_back(static_cast<day_column>(r.reported));
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
        scan_.drop();
    }
    if (scan_.usable())
        scan_.merge(std::move(fresh));
    versions_.push_back({detail::next_stamp(), size()});
}

/// Calls f(r) for each record r, in record order, that stands as of day offset `day` known by
/// `known_by` (aggregation.hpp's record_stands, with the log's corrections).
template <class F>
void for_each_standing_record(const progress_log& log, std::int32_t day, std::int32_t known_by,
                              F&& f) {
    const auto& done = log.done_days();
    const auto& reported = log.reported_days();
    if (!log.has_corrections()) {
        for (std::size_t r = 0, n = log.size(); r < n; ++r)
            if (record_stands(done[r], reported[r], never, day, known_by))
                f(r);
        return;
    }
    for (std::size_t r = 0, n = log.size(); r < n; ++r)
        if (record_stands(done[r], reported[r], log.superseded_on(static_cast<record_index>(r)),
                          day, known_by))
            f(r);
}

template <class U, class I, class D, class R, class Q>
void progress_log::add_columns(std::size_t n, const U* unit, const I* indicator, const D* done,
                               const R* reported, const Q* quantity, const progress_context& ctx,
                               const record_locator& where, columns* taken) {
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
    const long long last_day = ctx.window.days() - 1, max_day = detail::max_day_offset;
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
                 (rep(j) < d) | (rep(j) > max_day);
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
        if (taken) { // the caller's buffers become the columns: the pointers stay valid
            unit_.swap(taken->unit);
            indicator_.swap(taken->indicator);
            done_.swap(taken->done);
            reported_.swap(taken->reported);
            quantity_.swap(taken->quantity);
            return;
        }
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
        fresh = scan_.make_segments(
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
        sparse = detail::check_capacity(subtree_total_, n, visit, ctx, where, dense,
                                        scan_.usable() ? &fresh : nullptr, scan_.block_cells());
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

    // Commit: the totals first (all or nothing), then nothing below can fail except allocation.
    try {
        commit_totals(dense, sparse, ctx.units.size() * indicator_count_);
    } catch (...) {
        cut_back();
        throw;
    }
    if (superseded_on_.size() > 0)
        superseded_on_.resize(size(), never);
    scan_.merge(std::move(fresh));
    versions_.push_back({detail::next_stamp(), size()});
}

} // namespace ntmkit
