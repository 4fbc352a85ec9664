// The Friday report (báo cáo thứ Sáu) as the commune's NTM officer compiles it: per unit of a
// level (villages by default) and for the commune, per indicator: target / this week /
// cumulative / % / status. Built once as data; render.hpp writes it in every format.
#pragma once

#include <ntmkit/period.hpp>
#include <ntmkit/ranking.hpp>
#include <ntmkit/rollup.hpp>
#include <ntmkit/snapshot.hpp>
#include <ntmkit/submission.hpp>
#include <ntmkit/theme.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ntmkit {

struct report_options {
    std::string language = "vi";            ///< "vi" or "en"
    unit_level level = unit_level::village; ///< the units listed one by one
    std::optional<date> known_by;           ///< reproduce the report as it stood then
    bool include_root = true;               ///< close with the commune's totals
};

struct report_row {
    unit_index unit;
    indicator_index indicator;
    rollup_row values;
};

/// How one indicator of a themed week moved: commune totals.
struct theme_movement {
    std::size_t theme = 0; ///< index in campaign::themes()
    indicator_index indicator = -1;
    date first, last;       ///< the theme's days counted (inside the report's period)
    double done = 0;        ///< done in those days
    double done_before = 0; ///< done in as many days just before (0 before the campaign)
    double cumulative = 0;  ///< since the campaign began, at `last`
    std::optional<double> target;
};

struct weekly_report {
    std::string campaign_name;
    date report_date;
    report_period period;
    int period_number = 0; ///< 1-based among the schedule's periods
    int period_count = 0;
    std::string period_key;             ///< ISO interval, e.g. 2022-04-30/2022-05-06
    std::string dhis2_period;           ///< e.g. 2022SatW18; empty when DHIS2 has no matching type
    std::optional<date> known_by;       ///< set when the report is reproduced as it stood then
    std::vector<unit_index> units;      ///< in report order; the root last when included
    std::vector<report_row> rows;       ///< units × indicators with a target or any progress
    completeness reporting;             ///< reports of this period from units of the level
    std::vector<theme_movement> themes; ///< themes with a day in the period
    std::optional<snapshot_diff> revisions; ///< reproduced reports: what arrived since
    std::optional<support_rollup> support;  ///< campaigns that record labour support
    std::optional<funds_totals> funds;      ///< campaigns that record funds mobilised
};

/// Completeness of the campaign's submissions for some periods (see submission.hpp).
inline completeness reporting_completeness(const campaign& c,
                                           const std::vector<report_period>& periods,
                                           const completeness_options& opt = {}) {
    return reporting_completeness(c.submissions(), {c.units(), c.schedule(), c.window()}, periods,
                                  opt);
}
inline completeness reporting_completeness(const campaign& c, const report_period& period,
                                           const completeness_options& opt = {}) {
    return reporting_completeness(c, std::vector<report_period>{period}, opt);
}

/// Roll-ups of one campaign by as-of day and known_by, each built once. The reports ask it for
/// every roll-up they need (the figures, the ranking, the themed weeks, the snapshot), so a
/// day's roll-up is shared instead of rebuilt.
class rollup_cache {
public:
    explicit rollup_cache(const campaign& c) : c_(c) {}

    /// Use `r`, built by the caller with `known_by`, instead of building that roll-up again.
    /// `r` must outlive the cache.
    void lend(const rollup& r, std::optional<date> known_by) {
        index_.emplace(key{r.as_of(), known_by}, &r);
    }

    const rollup& at(date as_of, std::optional<date> known_by) {
        const key k{as_of, known_by};
        if (auto it = index_.find(k); it != index_.end())
            return *it->second;
        rollup_options o;
        o.known_by = known_by;
        const rollup& r = built_.emplace(k, rollup(c_, as_of, o)).first->second;
        index_.emplace(k, &r);
        return r;
    }

    /// How many roll-ups the cache has built (lent ones not counted).
    std::size_t built() const { return built_.size(); }

private:
    using key = std::pair<date, std::optional<date>>;
    const campaign& c_;
    std::map<key, const rollup*> index_;
    std::map<key, rollup> built_;
};

namespace detail {
/// The commune's cumulative on `i` at `d` (0 before the campaign).
inline double commune_cumulative(const campaign& c, rollup_cache& rollups, date d,
                                 std::optional<date> known_by, indicator_index i) {
    if (d < c.window().first() || c.units().empty())
        return 0;
    return rollups.at(d, known_by).tally(c.units().root(), i).cumulative;
}

/// How the indicators of theme `t` moved over its days within [from, to], against as many
/// days just before.
inline void add_theme_movements(std::vector<theme_movement>& out, const campaign& c, std::size_t t,
                                date from, date to, std::optional<date> known_by,
                                rollup_cache& rollups) {
    const date_window& w = c.window();
    const auto& th = c.themes()[t];
    const date first = std::max(th.first, from), last = std::min(th.last, to);
    const auto days = boost::gregorian::days((last - first).days() + 1);
    const date before_first = std::max(first - days, w.first());
    const date day_before = first - boost::gregorian::days(1);
    const auto cum = [&](date d, indicator_index i) {
        return commune_cumulative(c, rollups, d, known_by, i);
    };
    for (const auto& id : th.indicators) {
        theme_movement m;
        m.theme = t;
        m.indicator = c.indicator_at(id);
        m.first = first;
        m.last = last;
        m.cumulative = cum(last, m.indicator);
        m.done = m.cumulative - cum(day_before, m.indicator);
        m.done_before = first <= w.first()
                            ? 0.0
                            : cum(day_before, m.indicator) -
                                  cum(before_first - boost::gregorian::days(1), m.indicator);
        if (!c.units().empty()) // own target or its children's sum
            m.target = rollups.at(last, known_by).row(c.units().root(), m.indicator).target;
        out.push_back(m);
    }
}
} // namespace detail

/// The weekly report for `report_date`, taking its roll-ups from `rollups` (of the same
/// campaign): the one of the report date as known by `opt.known_by`, the themed week's days,
/// and for a reproduced report the day as it stood and as known now.
inline weekly_report build_weekly_report(const campaign& c, date report_date,
                                         const report_options& opt, rollup_cache& rollups) {
    const rollup& r = rollups.at(report_date, opt.known_by);
    weekly_report rep;
    rep.campaign_name = c.name();
    rep.report_date = report_date;
    rep.period = r.period();
    rep.known_by = opt.known_by;
    auto periods = c.schedule().periods(c.window());
    rep.period_count = static_cast<int>(periods.size());
    for (std::size_t k = 0; k < periods.size(); ++k)
        if (periods[k] == rep.period)
            rep.period_number = static_cast<int>(k) + 1;
    rep.period_key = period_key(rep.period);
    try {
        rep.dhis2_period = dhis2_period_id(c.schedule(), rep.period);
    } catch (const validation_error&) {
        // Kept for schedules DHIS2 has no type for (none since TueW and FriW): no id then.
    }
    rep.units = c.units().units_at(opt.level);
    if (opt.include_root && !c.units().empty())
        rep.units.push_back(c.units().root());
    for (auto u : rep.units)
        for (std::size_t i = 0; i < c.indicators().size(); ++i) {
            auto row = r.row(u, static_cast<indicator_index>(i));
            if (row.target || row.tally.cumulative > 0)
                rep.rows.push_back({u, static_cast<indicator_index>(i), row});
        }
    completeness_options co;
    co.level = opt.level;
    co.known_by = opt.known_by;
    rep.reporting = reporting_completeness(c, rep.period, co);
    const date to = std::min(rep.period.last, report_date);
    for (auto t : themes_overlapping(c.themes(), rep.period.first, to))
        detail::add_theme_movements(rep.themes, c, t, rep.period.first, to, opt.known_by, rollups);
    if (opt.known_by) {
        snapshot_options so;
        so.level = opt.level;
        so.include_root = opt.include_root;
        rep.revisions = compare_with_now(c, rollups.at(report_date, report_date),
                                         rollups.at(report_date, std::nullopt), so);
    }
    if (!c.support().empty())
        rep.support =
            roll_up_support(c.support(), c.units(), report_date, opt.level, rep.period.first);
    if (!c.funds().empty())
        rep.funds = total_funds(c.funds(), c.units(), report_date, opt.level, rep.period.first);
    return rep;
}

/// The weekly report on the day of `r`, the roll-up of that day as known by `opt.known_by`.
inline weekly_report build_weekly_report(const campaign& c, const rollup& r,
                                         const report_options& opt = {}) {
    rollup_cache rollups(c);
    rollups.lend(r, opt.known_by);
    return build_weekly_report(c, r.as_of(), opt, rollups);
}

inline weekly_report build_weekly_report(const campaign& c, date report_date,
                                         const report_options& opt = {}) {
    rollup_cache rollups(c);
    return build_weekly_report(c, report_date, opt, rollups);
}

// ---------------------------------------------------------------------------------------------
// Daily report: the loudspeaker list
// ---------------------------------------------------------------------------------------------

/// One record read out on the loudspeaker.
struct daily_entry {
    record_index record = no_record;
    unit_index unit = no_unit;  ///< who did it (a household group, a village, an organisation)
    unit_index group = no_unit; ///< its ancestor at the report's level, or itself
    indicator_index indicator = -1;
    double quantity = 0;
    std::string note;
    std::string reporter;
};

struct daily_report {
    std::string campaign_name;
    date day;
    std::optional<date> known_by;
    std::vector<daily_entry> entries;       ///< grouped by `group` in unit order
    std::vector<std::size_t> active_themes; ///< indices of the themes running that day
};

/// Who did what on `day`: the records done that day (the version that stands, known by
/// `opt.known_by` if set), grouped by the unit of `opt.level` they belong to.
inline daily_report build_daily_report(const campaign& c, date day,
                                       const report_options& opt = {}) {
    daily_report rep;
    rep.campaign_name = c.name();
    rep.day = day;
    rep.known_by = opt.known_by;
    rep.active_themes = themes_overlapping(c.themes(), day, day);
    if (!c.window().contains(day))
        return rep;
    const auto& log = c.progress();
    const auto d = static_cast<std::int32_t>((day - c.window().first()).days());
    const std::int32_t known =
        opt.known_by ? static_cast<std::int32_t>((*opt.known_by - c.window().first()).days())
                     : never - 1;
    const auto& tree = c.units();
    for (std::size_t r = 0; r < log.size(); ++r) {
        const auto rr = static_cast<record_index>(r);
        if (log.done_days()[r] != d || log.reported_days()[r] > known ||
            log.superseded_on(rr) <= known)
            continue;
        daily_entry e;
        e.record = rr;
        e.unit = log.units()[r];
        e.group = e.unit;
        for (auto a = e.unit; a != no_unit; a = tree.parent(a))
            if (tree.level(a) == opt.level)
                e.group = a;
        e.indicator = log.indicators()[r];
        e.quantity = log.quantities()[r];
        e.note = std::string(log.note(rr));
        e.reporter = std::string(log.reporter(rr));
        rep.entries.push_back(std::move(e));
    }
    std::stable_sort(rep.entries.begin(), rep.entries.end(),
                     [](const daily_entry& a, const daily_entry& b) {
                         return a.group != b.group ? a.group < b.group : a.unit < b.unit;
                     });
    return rep;
}

// ---------------------------------------------------------------------------------------------
// Final report: the closing review (tổng kết)
// ---------------------------------------------------------------------------------------------

/// Options of the final report: the report's own, and how its ranking scores the units and
/// draws up the lists to commend and to remind (ranking.hpp). The ranking's `level` and
/// `known_by` are ignored: the report's own are used.
struct final_report_options : report_options {
    /// Defaults of rank_units, except that a unit scoring 100% (every quota met) is commended.
    ranking_options ranking = [] {
        ranking_options r;
        r.commend_at_least = 1.0;
        return r;
    }();
};

/// One unit's reports over all periods.
struct unit_completeness {
    unit_index unit = no_unit;
    completeness reporting;
};

struct final_report {
    weekly_report totals;               ///< the report on the window's last day
    completeness reporting;             ///< all periods, all units of the level
    std::vector<theme_movement> themes; ///< every theme over its whole span
    /// rank_units on the window's last day at the report's level, as known by its known_by:
    /// scores, shared ranks, the lists to commend and to remind, evenness.
    campaign_ranking ranking;
    std::vector<unit_completeness> unit_reporting; ///< every unit of the level, in tree order

    /// The reports of `u` over all periods; nullptr for a unit not of the report's level.
    const completeness* reporting_of(unit_index u) const {
        for (const auto& x : unit_reporting)
            if (x.unit == u)
                return &x.reporting;
        return nullptr;
    }
};

namespace detail {
/// Each unit's part of `all`, the completeness of `periods` periods over `units`: a unit
/// expects one report a period, and its missing and late reports are its entries in `all`'s
/// lists. One pass instead of one completeness per unit, each scanning every unit.
inline std::vector<unit_completeness> unit_shares(const std::vector<unit_index>& units,
                                                  const completeness& all, int periods) {
    std::vector<unit_completeness> out;
    std::map<unit_index, std::size_t> at;
    for (auto u : units) {
        at.emplace(u, out.size());
        out.push_back({u, {}});
        out.back().reporting.expected = periods;
    }
    for (const auto& m : all.missing)
        out[at.at(m.unit)].reporting.missing.push_back(m);
    for (const auto& l : all.late)
        out[at.at(l.unit)].reporting.late.push_back(l);
    for (auto& x : out) {
        auto& r = x.reporting;
        r.received = r.expected - static_cast<int>(r.missing.size());
        r.on_time = r.received - static_cast<int>(r.late.size());
    }
    return out;
}
} // namespace detail

/// The final report, taking its roll-ups from `rollups` (of the same campaign): the last day's
/// (shared by the figures and the ranking), the themed weeks' days, the snapshot's.
inline final_report build_final_report(const campaign& c, const final_report_options& opt,
                                       rollup_cache& rollups) {
    final_report rep;
    const date end = c.window().last();
    rep.totals = build_weekly_report(c, end, opt, rollups);
    const auto periods = c.schedule().periods(c.window());
    completeness_options co;
    co.level = opt.level;
    co.known_by = opt.known_by;
    rep.reporting = reporting_completeness(c, periods, co);
    for (std::size_t t = 0; t < c.themes().size(); ++t)
        detail::add_theme_movements(rep.themes, c, t, c.themes()[t].first, c.themes()[t].last,
                                    opt.known_by, rollups);
    ranking_options ro = opt.ranking;
    ro.level = opt.level;
    ro.known_by = opt.known_by;
    rep.ranking = rank_units(c, rollups.at(end, opt.known_by), ro);
    rep.unit_reporting = detail::unit_shares(c.units().units_at(opt.level), rep.reporting,
                                             static_cast<int>(periods.size()));
    return rep;
}

/// The final report from `last_day`, the roll-up of the window's last day as known by
/// `opt.known_by`.
inline final_report build_final_report(const campaign& c, const rollup& last_day,
                                       const final_report_options& opt = {}) {
    rollup_cache rollups(c);
    rollups.lend(last_day, opt.known_by);
    return build_final_report(c, opt, rollups);
}

inline final_report build_final_report(const campaign& c, const final_report_options& opt = {}) {
    rollup_cache rollups(c);
    return build_final_report(c, opt, rollups);
}

/// The final report with the default ranking (commend at 100%, remind below 50%).
inline final_report build_final_report(const campaign& c, const report_options& opt) {
    final_report_options o;
    static_cast<report_options&>(o) = opt;
    return build_final_report(c, o);
}

} // namespace ntmkit
