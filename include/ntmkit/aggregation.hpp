// How figures combine: over the unit tree (which child adds into its parent), over time (which
// records stand as of a day, and which figure stands for a `last` indicator) and into targets
// (a unit without a target of its own). The roll-ups, the household-capacity check, the unit
// tree's household totals, target reconciliation and the cumulative series all ask here, so a
// new aggregation rule is written once, in this header, and tested in tests/cpp/aggregation.cpp.
//
// Everything is inline and branch-light: the national roll-up calls these per cell.
#pragma once

#include <ntmkit/fwd.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/unit_level.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

namespace ntmkit {

// Over units --------------------------------------------------------------------------------

/// Whether the edge child → parent leaves the organisations for the geographic tree (an
/// organisation under its commune): the members' households are counted by their villages.
constexpr bool leaves_organisations(unit_level child, unit_level parent) {
    return is_organisational(child) && !is_organisational(parent);
}

/// Whether a child's figure on an indicator combined by `how` adds into its parent's, given
/// whether the edge leaves the organisations (hot loops work that out once per unit).
constexpr bool carries_into_parent(bool leaves_organisations, hierarchy_aggregation how) {
    return !(leaves_organisations && how == hierarchy_aggregation::distinct_households);
}
constexpr bool carries_into_parent(unit_level child, unit_level parent, hierarchy_aggregation how) {
    return carries_into_parent(leaves_organisations(child, parent), how);
}
/// Household counts are distinct households by nature.
constexpr bool households_carry_into_parent(unit_level child, unit_level parent) {
    return carries_into_parent(child, parent, hierarchy_aggregation::distinct_households);
}

/// Calls f(a) for u and then each ancestor a whose total includes u's work on an indicator
/// combined by `how`. `Tree` is a unit_tree (a template so that unit.hpp can use this header).
template <class Tree, class F>
void for_each_counting_ancestor(const Tree& units, unit_index u, hierarchy_aggregation how, F&& f) {
    for (unit_index a = u; a != no_unit; a = units.parent(a)) {
        f(a);
        const auto p = units.parent(a);
        if (p != no_unit && !carries_into_parent(units.level(a), units.level(p), how))
            break;
    }
}

/// Whether work done at u counts in the total of a (u itself or one of its ancestors).
template <class Tree>
bool counts_into(const Tree& units, unit_index u, unit_index a, hierarchy_aggregation how) {
    bool reached = false;
    for_each_counting_ancestor(units, u, how, [&](unit_index x) { reached |= x == a; });
    return reached;
}

// Over time ---------------------------------------------------------------------------------

/// Whether a record done on `done` and reported on `reported` counts as of `day`, known by
/// `known_by` (day offsets): done by then, reported by then, and not yet corrected by then
/// (`superseded_on` is the reported day of its correction, or `never`).
constexpr bool record_stands(std::int32_t done, std::int32_t reported, std::int32_t superseded_on,
                             std::int32_t day, std::int32_t known_by) {
    return done <= day && reported <= known_by && superseded_on > known_by;
}

/// What a unit did on an indicator, as of a day: mergeable by `+=`.
struct progress_tally {
    double done_day = 0;    ///< done on the as-of day
    double done_period = 0; ///< done in the report period so far (e.g. this Friday week)
    double cumulative = 0;  ///< done since the campaign began

    progress_tally& operator+=(const progress_tally& o) {
        done_day += o.done_day;
        done_period += o.done_period;
        cumulative += o.cumulative;
        return *this;
    }
    friend progress_tally operator+(progress_tally a, const progress_tally& b) { return a += b; }
    friend bool operator==(const progress_tally& a, const progress_tally& b) {
        return a.done_day == b.done_day && a.done_period == b.done_period &&
               a.cumulative == b.cumulative;
    }
};

/// The days a tally splits figures by: the as-of day and the first day of its report period.
struct tally_days {
    std::int32_t day = 0;
    std::int32_t period_first = 0;

    /// In the report period so far (records after the as-of day do not stand at all).
    constexpr bool in_period(std::int32_t done) const { return done >= period_first; }
    constexpr bool on_day(std::int32_t done) const { return done == day; }
    /// `sum` indicators: a standing record adds its quantity.
    void add(progress_tally& t, std::int32_t done, double quantity) const {
        t.cumulative += quantity;
        if (in_period(done))
            t.done_period += quantity;
        if (on_day(done))
            t.done_day += quantity;
    }
};

/// Whether a figure done on `done`, reported on `reported` by record number `record` replaces
/// the one standing from (done0, reported0, record0): the later day done wins, then the later
/// day reported, then the later record. Callers that offer records in record order may leave
/// the numbers 0 (a tie goes to the figure offered last); partial roll-ups that merge pass them.
constexpr bool newer_figure(std::int32_t done, std::int32_t reported, std::int32_t done0,
                            std::int32_t reported0, record_index record = 0,
                            record_index record0 = 0) {
    return done > done0 || (done == done0 &&
                            (reported > reported0 || (reported == reported0 && record >= record0)));
}

/// The figure that stands for a `last` indicator: each record is the cumulative figure.
/// Mergeable: the figure standing over two sets of records is the newer of theirs.
struct latest_figure {
    std::int32_t done = -1, reported = -1;
    record_index record = 0;
    double value = 0; ///< 0 until a record is offered

    bool known() const { return done >= 0; }
    void offer(std::int32_t d, std::int32_t r, double quantity, record_index rec = 0) {
        if (newer_figure(d, r, done, reported, rec, record)) {
            done = d;
            reported = r;
            record = rec;
            value = quantity;
        }
    }
    void merge(const latest_figure& o) {
        if (o.known())
            offer(o.done, o.reported, o.value, o.record);
    }
};

/// A `last` indicator's tally: the latest figure; the period and day amounts are its change
/// since the last figure before the period and before the day.
struct latest_tally {
    latest_figure now, before_period, before_day;

    bool known() const { return now.known(); }
    void offer(const tally_days& days, std::int32_t done, std::int32_t reported, double quantity,
               record_index record = 0) {
        now.offer(done, reported, quantity, record);
        if (!days.in_period(done))
            before_period.offer(done, reported, quantity, record);
        if (done < days.day)
            before_day.offer(done, reported, quantity, record);
    }
    /// The tally over the records of both (same as-of day).
    void merge(const latest_tally& o) {
        now.merge(o.now);
        before_period.merge(o.before_period);
        before_day.merge(o.before_day);
    }
    progress_tally tally() const {
        return {now.value - before_day.value, now.value - before_period.value, now.value};
    }
};

// Targets -----------------------------------------------------------------------------------

/// Adds a counted child's target (NaN: none) to its parent's running sum.
inline void add_child_target(double child_target, double& sum, std::uint8_t& any) {
    if (!std::isnan(child_target)) {
        sum += child_target;
        any = 1;
    }
}

/// A unit's target is its own (NaN: none), or else the sum of the targets of the children that
/// carry into it, when at least one has one. Returns whether `target` was derived.
inline bool derive_target(double& target, double children_sum, bool any_child) {
    if (!std::isnan(target) || !any_child)
        return false;
    target = children_sum;
    return true;
}

/// How far along a target is: cumulative / target, NaN where there is no positive target
/// (none, or 0: nothing to be a share of). The roll-up keeps it per cell; rows report it.
inline double progress_ratio(double cumulative, double target) {
    return target > 0 ? cumulative / target : std::numeric_limits<double>::quiet_NaN();
}

} // namespace ntmkit
