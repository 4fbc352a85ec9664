// Roll-up: where every unit stands on every indicator at an as-of date.
//
// One sequential pass over the progress columns tallies each unit's own records; one
// backward pass over the pre-ordered unit tree adds children into parents. Tallies are
// mergeable values (`+=`), so partial roll-ups (per province, per thread) compose. Logs with a
// scan layout take the fast path of detail/rollup_scan.hpp; both paths follow the rules of
// aggregation.hpp and give the same figures.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/detail/rollup_advance.hpp>
#include <ntmkit/detail/rollup_scan.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
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
    /// From each unit's own tallies (cell = unit × indicator_count + indicator), e.g. merged
    /// partial roll-ups (partial_rollup.hpp): carried up and targets derived as above.
    rollup(const campaign& c, date as_of, rollup_options options,
           rollup_column<progress_tally> own);

    /// The roll-up of `c` as of `as_of` in place of this one, in the memory it already holds:
    /// the same figures as `rollup(c, as_of, options)`, without a national roll-up's ~0.5 GB of
    /// fresh memory to fault in (a day added, then rolled up again; a report per Friday). While
    /// the campaign has as many cells as before, the tallies and ratios stay where they were,
    /// so views of them (numpy) see the new figures. Targets are the campaign's, shared
    /// (shared_targets): a view of them keeps the ones it was taken from.
    void recompute(const campaign& c, date as_of, rollup_options options = {});
    /// The same figures as `recompute`, following only what changed when it can: if `c` is
    /// the campaign this roll-up was last computed or advanced from (the same targets, records
    /// only appended since, no corrections, no `last` indicators), known by the same day and
    /// `as_of` is not earlier, only the records that stand now and did not before are read
    /// and carried up (detail/rollup_advance.hpp). Otherwise, or when they are most of the
    /// log, it recomputes. For a day added, then rolled up again.
    void advance(const campaign& c, date as_of, rollup_options options = {});

    /// The days a roll-up of `c` as of `as_of` splits figures by, and the known-by day offset
    /// of `options`: what partial roll-ups ask too.
    static tally_days days_of(const campaign& c, date as_of);
    static std::int32_t known_by_of(const campaign& c, const rollup_options& options);

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
    const std::vector<double>& targets() const { return targets_->value; }
    /// The targets with whether each was derived, shared with the campaign and its other
    /// roll-ups of the same targets: hold it to keep a view of targets() valid.
    const std::shared_ptr<const detail::derived_targets>& shared_targets() const {
        return targets_;
    }
    const rollup_column<progress_tally>& tallies() const { return tally_; }
    /// cumulative / target per cell, NaN without a positive target (progress_ratio): kept
    /// with the tallies, so a report or a chart reads it without a pass of its own.
    const rollup_column<double>& ratios() const { return ratio_; }

private:
    /// Fills the columns as of as_of_ with options_ (the constructor's and recompute's work).
    void compute(const campaign& c);
    /// The as-of day's elapsed days and report period; returns its tally days.
    tally_days start(const campaign& c);
    // The record-order path, step by step.
    void tally_records(const progress_log& log, tally_days days, std::int32_t known_by);
    void tally_latest_figures(const campaign& c, tally_days days, std::int32_t known_by);
    void carry_up(const campaign& c);
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
    std::shared_ptr<const detail::derived_targets> targets_;
    rollup_column<progress_tally> tally_;
    rollup_column<double> ratio_;
    /// What the tallies were computed from, for `advance`.
    struct source {
        bool known = false;
        log_version log;
        std::uint64_t targets = 0;
        tally_days days;
        std::int32_t known_by = 0;
    } from_;
};

// ---------------------------------------------------------------------------------------------

inline tally_days rollup::days_of(const campaign& c, date as_of) {
    const auto& w = c.window();
    const auto period = c.schedule().period_for(w, std::clamp(as_of, w.first(), w.last()));
    return {static_cast<std::int32_t>((as_of - w.first()).days()),
            static_cast<std::int32_t>((period.first - w.first()).days())};
}

inline std::int32_t rollup::known_by_of(const campaign& c, const rollup_options& options) {
    return options.known_by
               ? static_cast<std::int32_t>((*options.known_by - c.window().first()).days())
               : never - 1; // a correction on record is always known
}

inline tally_days rollup::start(const campaign& c) {
    const auto& w = c.window();
    const tally_days days = days_of(c, as_of_);
    elapsed_ = std::clamp(days.day + 1, 0, campaign_days_);
    period_ = c.schedule().period_for(w, std::clamp(as_of_, w.first(), w.last()));
    return days;
}

inline rollup::rollup(const campaign& c, date as_of, rollup_options options,
                      rollup_column<progress_tally> own)
    : as_of_(as_of), window_first_(c.window().first()), campaign_days_(c.window().days()),
      options_(options), units_(c.units().size()), indicators_(c.indicators().size()),
      tally_(std::move(own)) {
    start(c);
    if (tally_.size() != units_ * indicators_)
        throw std::invalid_argument("rollup: own tallies must have one cell per unit × indicator");
    carry_up(c);
}

inline rollup::rollup(const campaign& c, date as_of, rollup_options options)
    : as_of_(as_of), options_(options) {
    compute(c);
}

inline void rollup::recompute(const campaign& c, date as_of, rollup_options options) {
    as_of_ = as_of;
    options_ = options;
    compute(c);
}

inline void rollup::advance(const campaign& c, date as_of, rollup_options options) {
    const auto& log = c.progress();
    const tally_days days = days_of(c, as_of);
    const std::int32_t known_by = known_by_of(c, options);
    bool any_last = false;
    for (const auto& ind : c.indicators())
        any_last |= ind.over_time == time_aggregation::last;
    const bool same = from_.known && from_.targets == c.targets().stamp() &&
                      log.extends(from_.log) && units_ == c.units().size() &&
                      indicators_ == c.indicators().size() && window_first_ == c.window().first() &&
                      campaign_days_ == c.window().days();
    if (!same || any_last || !options.use_scan_layout || !log.has_scan_layout() ||
        known_by != from_.known_by || days.day < from_.days.day ||
        (days.period_first != from_.days.period_first && days.period_first <= from_.days.day)) {
        recompute(c, as_of, options);
        return;
    }
    const detail::rollup_advance step(c, from_.days, days, known_by, from_.log.records);
    if (step.records() * 4 > log.size()) {
        recompute(c, as_of, options);
        return;
    }
    as_of_ = as_of;
    options_ = options;
    start(c);
    from_.known = false; // until the tallies are all brought forward
    step.run(tally_, targets_->value, ratio_);
    from_ = {true, log.version(), c.targets().stamp(), days, known_by};
}

inline void rollup::compute(const campaign& c) {
    from_ = {}; // unknown until the columns are filled
    window_first_ = c.window().first();
    campaign_days_ = c.window().days();
    units_ = c.units().size();
    indicators_ = c.indicators().size();
    const tally_days days = start(c);
    const std::int32_t known_by = known_by_of(c, options_);

    const auto& log = c.progress();
    bool any_last = false;
    for (const auto& ind : c.indicators())
        any_last |= ind.over_time == time_aggregation::last;
    if (options_.use_scan_layout && log.has_scan_layout() && !any_last && log.size() > 0) {
        const bool two_threads = options_.threads == 0
                                     ? units_ * indicators_ >= (std::size_t{1} << 20) &&
                                           std::thread::hardware_concurrency() >= 2
                                     : options_.threads >= 2;
        targets_ = c.derived_targets();
        detail::scan_rollup(c, days, known_by, {tally_, ratio_, targets_->value}).run(two_threads);
    } else {
        tally_.assign(units_ * indicators_, {});
        if (any_last)
            tally_latest_figures(c, days, known_by);
        else
            tally_records(log, days, known_by);
        carry_up(c);
    }
    from_ = {true, log.version(), c.targets().stamp(), days, known_by};
}

// Each unit's own records, all `sum` indicators: the hot loop, three adds per record.
inline void rollup::tally_records(const progress_log& log, tally_days days, std::int32_t known_by) {
    const auto& units = log.units();
    const auto& inds = log.indicators();
    const auto& done = log.done_days();
    const auto& qty = log.quantities();
    for_each_standing_record(log, days.day, known_by, [&](std::size_t r) {
        days.add(tally_[cell(units[r], inds[r])], done[r], qty[r]);
    });
}

// Each unit's own records when some indicators take the latest figure (`last`).
inline void rollup::tally_latest_figures(const campaign& c, tally_days days,
                                         std::int32_t known_by) {
    const auto& log = c.progress();
    const auto& units = log.units();
    const auto& inds = log.indicators();
    const auto& done = log.done_days();
    const auto& reported = log.reported_days();
    const auto& qty = log.quantities();
    std::vector<std::uint8_t> is_last(indicators_);
    for (std::size_t i = 0; i < indicators_; ++i)
        is_last[i] = c.indicators()[i].over_time == time_aggregation::last;
    std::vector<latest_tally> last(units_ * indicators_);
    for_each_standing_record(log, days.day, known_by, [&](std::size_t r) {
        const auto cl = cell(units[r], inds[r]);
        if (is_last[static_cast<std::size_t>(inds[r])])
            last[cl].offer(days, done[r], reported[r], qty[r]);
        else
            days.add(tally_[cl], done[r], qty[r]);
    });
    for (std::size_t cl = 0; cl < last.size(); ++cl)
        if (is_last[cl % indicators_] && last[cl].known())
            tally_[cl] = last[cl].tally();
}

// Children before parents: tallies carried up, ratios taken on the way.
inline void rollup::carry_up(const campaign& c) {
    const auto& tree = c.units();
    targets_ = c.derived_targets();
    const auto& target = targets_->value;
    ratio_.resize(target.size());
    for (std::size_t u = units_; u-- > 0;) {
        const auto uu = static_cast<unit_index>(u);
        const auto p = tree.parent(uu);
        const bool leaves = p != no_unit && leaves_organisations(tree.level(uu), tree.level(p));
        for (std::size_t i = 0; i < indicators_; ++i) {
            const std::size_t cu = u * indicators_ + i;
            ratio_[cu] = progress_ratio(tally_[cu].cumulative, target[cu]); // children are in
            if (p != no_unit && carries_into_parent(leaves, c.indicators()[i].over_units))
                tally_[static_cast<std::size_t>(p) * indicators_ + i] += tally_[cu];
        }
    }
}

inline rollup_row rollup::row(unit_index u, indicator_index i) const {
    const auto cl = cell(u, i);
    rollup_row r{};
    r.unit = u;
    r.indicator = i;
    r.tally = tally_[cl];
    r.target_derived = targets_->derived[cl] != 0;
    const double cum = r.tally.cumulative;
    const int days_left = campaign_days_ - std::max(elapsed_, 0);
    if (std::isnan(targets_->value[cl])) {
        r.status = progress_status::no_target;
        r.expected = r.gap = r.remaining = r.needed_per_day = 0;
        return r;
    }
    const double target = targets_->value[cl];
    r.target = target;
    if (!std::isnan(ratio_[cl]))
        r.ratio = ratio_[cl];
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
