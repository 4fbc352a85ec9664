// What a past report said versus what is known now about the same day.
//
// A report "as it stood" on Friday D is the roll-up as of D using only records reported by D
// (rollup_options::known_by = D; a correction counts only once it was reported). Records that
// arrive later for days up to D (late reports) and corrections reported later change the
// picture of D; this header lists them and the cells they change.
#pragma once

#include <ntmkit/error.hpp>
#include <ntmkit/rollup.hpp>

#include <cmath>
#include <optional>
#include <vector>

namespace ntmkit {

/// One (unit, indicator) whose figures for the report date differ between then and now.
struct snapshot_change {
    unit_index unit = no_unit;
    indicator_index indicator = -1;
    progress_tally reported; ///< as the report stood
    progress_tally now;      ///< as known now
};

enum class revision_kind : std::uint8_t {
    late,       ///< work done by the report date, reported after it
    correction, ///< a correction reported after the report date
};

constexpr auto enum_names(revision_kind) {
    using P = std::pair<revision_kind, std::string_view>;
    return std::array{P{revision_kind::late, "late"}, P{revision_kind::correction, "correction"}};
}

struct revision {
    record_index record = no_record;
    revision_kind kind = revision_kind::late;
};

struct snapshot_diff {
    date report_date;
    std::optional<date> known_now;        ///< unset: everything on record
    std::vector<snapshot_change> changes; ///< units of the level, then the root
    std::vector<revision> revisions;      ///< in record order

    bool empty() const { return changes.empty() && revisions.empty(); }
};

struct snapshot_options {
    unit_level level = unit_level::village;
    bool include_root = true;
    std::optional<date> known_now; ///< compare with what was known then instead of now
};

/// Compares the report of a day as it stood then with the same day seen now: `then` is the
/// roll-up of the report date as known by that date, `now` the same day as known by
/// `opt.known_now` (everything on record when unset).
inline snapshot_diff compare_with_now(const campaign& c, const rollup& then, const rollup& now,
                                      const snapshot_options& opt = {}) {
    if (then.as_of() != now.as_of())
        throw validation_error("compare_with_now", "the roll-ups are of two days, " +
                                                       format_date_vi(then.as_of()) + " and " +
                                                       format_date_vi(now.as_of()));
    const date report_date = then.as_of();
    snapshot_diff out;
    out.report_date = report_date;
    out.known_now = opt.known_now;

    auto units = c.units().units_at(opt.level);
    if (opt.include_root && !c.units().empty())
        units.push_back(c.units().root());
    auto differs = [](double a, double b) { return std::abs(a - b) > 1e-9; };
    for (auto u : units)
        for (std::size_t i = 0; i < c.indicators().size(); ++i) {
            const auto ind = static_cast<indicator_index>(i);
            const auto& a = then.tally(u, ind);
            const auto& b = now.tally(u, ind);
            if (differs(a.cumulative, b.cumulative) || differs(a.done_period, b.done_period) ||
                differs(a.done_day, b.done_day))
                out.changes.push_back({u, ind, a, b});
        }

    const auto& log = c.progress();
    const auto first = c.window().first();
    const auto day = static_cast<std::int32_t>((report_date - first).days());
    const std::int32_t known =
        opt.known_now ? static_cast<std::int32_t>((*opt.known_now - first).days()) : never;
    for (std::size_t r = 0; r < log.size(); ++r) {
        const auto rr = static_cast<record_index>(r);
        if (log.reported_days()[r] <= day || log.reported_days()[r] > known)
            continue;
        const auto original = log.supersedes(rr);
        if (original != no_record) {
            // A correction matters to the report when either version is about a day it covered.
            if (log.done_days()[r] <= day ||
                log.done_days()[static_cast<std::size_t>(original)] <= day)
                out.revisions.push_back({rr, revision_kind::correction});
        } else if (log.done_days()[r] <= day) {
            out.revisions.push_back({rr, revision_kind::late});
        }
    }
    return out;
}

/// Compares the report for `report_date` as it stood then with the same day seen now.
inline snapshot_diff compare_with_now(const campaign& c, date report_date,
                                      const snapshot_options& opt = {}) {
    rollup_options then_opt;
    then_opt.known_by = report_date;
    rollup_options now_opt;
    now_opt.known_by = opt.known_now;
    return compare_with_now(c, rollup(c, report_date, then_opt), rollup(c, report_date, now_opt),
                            opt);
}

} // namespace ntmkit
