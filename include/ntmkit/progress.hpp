// Progress records: what was done, where, on which day, and when it was reported.
//
// The log is append-only and columnar (one array per field) so a country's ~50 million
// records are scanned sequentially by the roll-up. A correction is a new record that
// supersedes an earlier one: the earlier record stays, so what was known on a past Friday
// can be reproduced exactly.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/unit.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ntmkit {

using record_index = std::int64_t;
inline constexpr record_index no_record = -1;
/// Day offsets count from the campaign's first day (0); "never" is the largest offset.
inline constexpr std::int32_t never = std::numeric_limits<std::int32_t>::max();

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

    friend bool operator==(const progress_log& a, const progress_log& b) {
        return a.unit_ == b.unit_ && a.indicator_ == b.indicator_ && a.done_ == b.done_ &&
               a.reported_ == b.reported_ && a.quantity_ == b.quantity_ && a.notes_ == b.notes_ &&
               a.reporters_ == b.reporters_ && a.supersedes_ == b.supersedes_;
    }

private:
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
};

// ---------------------------------------------------------------------------------------------

namespace detail {
/// Calls f(a) for u and each ancestor a whose total includes u's work on an indicator
/// aggregated by `how` (organisations stop at the commune for distinct households).
template <class F>
void for_each_counting_ancestor(const unit_tree& t, unit_index u, hierarchy_aggregation how,
                                F&& f) {
    for (unit_index a = u; a != no_unit; a = t.parent(a)) {
        f(a);
        auto p = t.parent(a);
        if (p != no_unit && how == hierarchy_aggregation::distinct_households &&
            is_organisational(t.level(a)) && !is_organisational(t.level(p)))
            break;
    }
}
} // namespace detail

inline void progress_log::add(const std::vector<resolved_record>& batch,
                              const progress_context& ctx, const record_locator& where) {
    const auto n_units = ctx.units.size();
    const auto n_ind = ctx.indicators.size();
    if (subtree_total_.empty()) {
        indicator_count_ = n_ind;
        subtree_total_.assign(n_units * n_ind, 0.0);
    }
    const auto first_new = static_cast<record_index>(size());
    const std::int32_t last_day = ctx.window.days() - 1;

    // Pass 1: each record on its own.
    std::unordered_map<record_index, std::size_t> corrected_in_batch;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& r = batch[i];
        if (r.unit < 0 || static_cast<std::size_t>(r.unit) >= n_units)
            throw validation_error(where(i, "unit"),
                                   "no such unit (index " + std::to_string(r.unit) + ")");
        if (r.indicator < 0 || static_cast<std::size_t>(r.indicator) >= n_ind)
            throw validation_error(where(i, "indicator"),
                                   "no such indicator (index " + std::to_string(r.indicator) + ")");
        if (!std::isfinite(r.quantity) || r.quantity < 0)
            throw validation_error(where(i, "quantity"),
                                   "quantity must be a number 0 or more, got " +
                                       std::to_string(r.quantity));
        if (r.done < 0 || r.done > last_day)
            throw validation_error(
                where(i, "date"),
                "day " + format_date_vi(ctx.window.first() + boost::gregorian::days(r.done)) +
                    " is outside the campaign " + format_date_vi(ctx.window.first()) + "–" +
                    format_date_vi(ctx.window.last()));
        if (r.reported < r.done)
            throw validation_error(
                where(i, "reported"),
                "reported on " +
                    format_date_vi(ctx.window.first() + boost::gregorian::days(r.reported)) +
                    ", before the work was done on " +
                    format_date_vi(ctx.window.first() + boost::gregorian::days(r.done)));
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
        const auto& ind = ctx.indicators[static_cast<std::size_t>(r.indicator)];
        if (ind.counts_households() && ind.over_time == time_aggregation::last) {
            auto cap = ctx.units.households_known(r.unit);
            if (cap && r.quantity > static_cast<double>(*cap))
                throw validation_error(where(i, "quantity"),
                                       "unit \"" + std::string(ctx.units.id(r.unit)) + "\" has " +
                                           std::to_string(*cap) + " households, got " +
                                           std::to_string(r.quantity));
        }
    }

    // Pass 2: household capacity of every unit whose total the batch changes.
    std::unordered_map<std::size_t, std::pair<double, std::size_t>> delta; // cell → (Δ, record)
    auto touch = [&](unit_index u, indicator_index ind_i, double q, std::size_t rec) {
        const auto& ind = ctx.indicators[static_cast<std::size_t>(ind_i)];
        if (ind.over_time != time_aggregation::sum)
            return;
        detail::for_each_counting_ancestor(ctx.units, u, ind.over_units, [&](unit_index a) {
            auto& d = delta[cell(a, ind_i)];
            d.first += q;
            if (q > 0)
                d.second = rec;
        });
    };
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& r = batch[i];
        touch(r.unit, r.indicator, r.quantity, i);
        if (r.supersedes != no_record) {
            if (r.supersedes < first_new) {
                auto o = static_cast<std::size_t>(r.supersedes);
                touch(unit_[o], indicator_[o], -quantity_[o], i);
            } else {
                const auto& o = batch[static_cast<std::size_t>(r.supersedes - first_new)];
                touch(o.unit, o.indicator, -o.quantity, i);
            }
        }
    }
    for (const auto& [c, d] : delta) {
        auto u = static_cast<unit_index>(c / n_ind);
        auto ind_i = static_cast<indicator_index>(c % n_ind);
        const auto& ind = ctx.indicators[static_cast<std::size_t>(ind_i)];
        if (!ind.counts_households() || d.first <= 0)
            continue;
        auto cap = ctx.units.households_known(u);
        double after = subtree_total_[c] + d.first;
        if (cap && after > static_cast<double>(*cap) + 1e-9)
            throw validation_error(where(d.second, "quantity"),
                                   "unit \"" + std::string(ctx.units.id(u)) + "\" would count " +
                                       std::to_string(static_cast<long long>(std::llround(after))) +
                                       " households done for \"" + ind.id + "\" but has " +
                                       std::to_string(*cap) + " households");
    }

    // Commit: nothing below can fail except allocation.
    for (const auto& [c, d] : delta)
        subtree_total_[c] += d.first;
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
    }
}

} // namespace ntmkit
