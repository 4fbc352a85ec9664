// Report submissions (who sent the report for which period, and when) and the completeness
// and timeliness figures DHIS2 shows for data sets:
//   reporting rate         = reports received / reports expected × 100
//   reporting rate on time = reports received by the due date / reports expected × 100
// where "expected" is one report per unit of the level per period. A unit that sends the same
// period twice (a resubmission) counts once, with its first submission.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/unicode.hpp>
#include <ntmkit/unit.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ntmkit {

/// A submission as a user writes it: the unit by id or name, the period by its report date.
struct submission_record {
    std::string unit;
    date period;    ///< report date of the period reported on (a Friday in the seed)
    date submitted; ///< the day the report reached the commune's NTM officer
    std::string reporter;
    std::string note;
};

/// A checked submission.
struct submission {
    unit_index unit = no_unit;
    date report_date; ///< identifies the period: periods of a schedule have distinct report dates
    date submitted;
    std::string reporter;
    std::string note;

    friend bool operator==(const submission& a, const submission& b) {
        return a.unit == b.unit && a.report_date == b.report_date && a.submitted == b.submitted &&
               a.reporter == b.reporter && a.note == b.note;
    }
};

/// What submissions are checked against.
struct submission_context {
    const unit_tree& units;
    const reporting_schedule& schedule;
    const date_window& window;
};

inline std::string default_submission_locator(std::size_t i, std::string_view field) {
    return "submission " + std::to_string(i) + ", field " + std::string(field);
}

/// Append-only list of submissions, in the order they were recorded.
class submission_log {
public:
    std::size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    const std::vector<submission>& items() const { return items_; }
    const submission& operator[](std::size_t i) const { return items_[i]; }

    /// Checks the whole batch, then appends it; a rejected batch changes nothing.
    void add(const std::vector<submission_record>& batch, const submission_context& ctx,
             const record_locator& where = default_submission_locator) {
        const auto periods = ctx.schedule.periods(ctx.window);
        std::vector<submission> checked;
        checked.reserve(batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const auto& r = batch[i];
            const auto u = ctx.units.resolve(r.unit, where(i, "unit"));
            if (r.period.is_special())
                throw validation_error(where(i, "period"), "a submission needs its period");
            auto p = std::find_if(periods.begin(), periods.end(), [&](const report_period& x) {
                return x.report_date == r.period;
            });
            if (p == periods.end())
                throw validation_error(where(i, "period"),
                                       format_date_vi(r.period) +
                                           " is not a report date of the campaign " +
                                           ctx.window.describe() + nearest(periods, r.period));
            if (r.submitted.is_special())
                throw validation_error(where(i, "submitted"),
                                       "a submission needs the day it was received");
            // Sending early (on Thursday) is fine; before the period began it cannot be a report.
            if (r.submitted < p->first)
                throw validation_error(where(i, "submitted"), "received " +
                                                                  format_date_vi(r.submitted) +
                                                                  ", before its period began on " +
                                                                  format_date_vi(p->first));
            checked.push_back({u, r.period, r.submitted,
                               detail::nfc_at(r.reporter, where(i, "reporter")),
                               detail::nfc_at(r.note, where(i, "note"))});
        }
        items_.insert(items_.end(), checked.begin(), checked.end());
    }

    friend bool operator==(const submission_log& a, const submission_log& b) {
        return a.items_ == b.items_;
    }

private:
    static std::string nearest(const std::vector<report_period>& periods, date d) {
        for (const auto& p : periods)
            if (p.first <= d && d <= p.last)
                return "; the period containing it is reported on " + format_date_vi(p.report_date);
        return "";
    }

    std::vector<submission> items_;
};

// ---------------------------------------------------------------------------------------------
// Completeness and timeliness
// ---------------------------------------------------------------------------------------------

struct completeness_options {
    unit_level level = unit_level::village; ///< the units expected to report
    unit_index within = no_unit;            ///< only units in this subtree; no_unit: all
    /// Count only submissions received on or before this day: completeness as the NTM officer
    /// saw it then. Unset: everything received so far.
    std::optional<date> known_by;
};

/// One unit's report for one period.
struct unit_period {
    unit_index unit = no_unit;
    date report_date;
    date submitted; ///< not_a_date_time for missing reports

    friend bool operator==(const unit_period& a, const unit_period& b) {
        return a.unit == b.unit && a.report_date == b.report_date && a.submitted == b.submitted;
    }
};

struct completeness {
    int expected = 0;                 ///< units × periods
    int received = 0;                 ///< distinct (unit, period) with a submission
    int on_time = 0;                  ///< of those, first received by the due date
    std::vector<unit_period> late;    ///< received after the due date
    std::vector<unit_period> missing; ///< not received (as of known_by)

    /// Fractions, 0..1 (1 = 100%) like a roll-up's ratio and a ranking's score: figures are
    /// fractions, only rendered text shows percents. 0 when nothing is expected.
    double reporting_rate() const { return expected ? double(received) / expected : 0.0; }
    double on_time_rate() const { return expected ? double(on_time) / expected : 0.0; }

    completeness& operator+=(const completeness& o) {
        expected += o.expected;
        received += o.received;
        on_time += o.on_time;
        late.insert(late.end(), o.late.begin(), o.late.end());
        missing.insert(missing.end(), o.missing.begin(), o.missing.end());
        return *this;
    }
};

/// Completeness of `periods` for the units of a level; late and missing lists are in period
/// order, then unit (pre-)order.
inline completeness reporting_completeness(const submission_log& log, const submission_context& ctx,
                                           const std::vector<report_period>& periods,
                                           const completeness_options& opt = {}) {
    std::vector<unit_index> units;
    const unit_index within = opt.within == no_unit ? ctx.units.root() : opt.within;
    for (auto u : ctx.units.units_at(opt.level))
        if (within != no_unit && ctx.units.is_ancestor_or_self(within, u))
            units.push_back(u);
    // First submission per (unit, report date) known by then.
    std::map<std::pair<unit_index, date>, date> first;
    for (const auto& s : log.items()) {
        if (opt.known_by && s.submitted > *opt.known_by)
            continue;
        auto [it, inserted] = first.emplace(std::pair{s.unit, s.report_date}, s.submitted);
        if (!inserted && s.submitted < it->second)
            it->second = s.submitted;
    }
    completeness out;
    for (const auto& p : periods) {
        const date due = ctx.schedule.due_date(p.report_date);
        for (auto u : units) {
            ++out.expected;
            auto it = first.find({u, p.report_date});
            if (it == first.end()) {
                out.missing.push_back({u, p.report_date, date()});
                continue;
            }
            ++out.received;
            if (it->second <= due)
                ++out.on_time;
            else
                out.late.push_back({u, p.report_date, it->second});
        }
    }
    return out;
}

/// The same for one period.
inline completeness reporting_completeness(const submission_log& log, const submission_context& ctx,
                                           const report_period& period,
                                           const completeness_options& opt = {}) {
    return reporting_completeness(log, ctx, std::vector<report_period>{period}, opt);
}

} // namespace ntmkit
