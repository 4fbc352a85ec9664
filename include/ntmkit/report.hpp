// The Friday report (báo cáo thứ Sáu) as the commune's NTM officer compiles it: per unit of a
// level (villages by default) and for the commune, per indicator: target / this week /
// cumulative / % / status. Built once as data, rendered as text here (other formats build on
// the same rows).
#pragma once

#include <ntmkit/format.hpp>
#include <ntmkit/period.hpp>
#include <ntmkit/ranking.hpp>
#include <ntmkit/rollup.hpp>
#include <ntmkit/snapshot.hpp>
#include <ntmkit/submission.hpp>
#include <ntmkit/theme.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
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

namespace detail {
/// Cumulative commune totals at several dates, each roll-up computed once.
class cumulative_cache {
public:
    cumulative_cache(const campaign& c, std::optional<date> known_by)
        : c_(c), known_by_(known_by) {}
    const rollup& at(date d) {
        auto it = cache_.find(d);
        if (it == cache_.end()) {
            rollup_options o;
            o.known_by = known_by_;
            it = cache_.emplace(d, rollup(c_, d, o)).first;
        }
        return it->second;
    }
    double at(date d, indicator_index i) {
        if (d < c_.window().first() || c_.units().empty())
            return 0;
        return at(d).tally(c_.units().root(), i).cumulative;
    }

private:
    const campaign& c_;
    std::optional<date> known_by_;
    std::map<date, rollup> cache_;
};

inline std::vector<theme_movement> theme_movements(const campaign& c, date from, date to,
                                                   std::optional<date> known_by) {
    std::vector<theme_movement> out;
    cumulative_cache cum(c, known_by);
    const date_window& w = c.window();
    const unit_index root = c.units().empty() ? no_unit : c.units().root();
    for (auto t : themes_overlapping(c.themes(), from, to)) {
        const auto& th = c.themes()[t];
        const date first = std::max(th.first, from), last = std::min(th.last, to);
        const auto days = boost::gregorian::days((last - first).days() + 1);
        const date before_first = std::max(first - days, w.first());
        const date day_before = first - boost::gregorian::days(1);
        for (const auto& id : th.indicators) {
            theme_movement m;
            m.theme = t;
            m.indicator = c.indicator_at(id);
            m.first = first;
            m.last = last;
            m.cumulative = cum.at(last, m.indicator);
            m.done = m.cumulative - cum.at(day_before, m.indicator);
            m.done_before = first <= w.first()
                                ? 0.0
                                : cum.at(day_before, m.indicator) -
                                      cum.at(before_first - boost::gregorian::days(1), m.indicator);
            if (root != no_unit)
                m.target = cum.at(last).row(root, m.indicator).target; // own or children's sum
            out.push_back(m);
        }
    }
    return out;
}
} // namespace detail

inline weekly_report build_weekly_report(const campaign& c, date report_date,
                                         const report_options& opt = {}) {
    rollup_options ro;
    ro.known_by = opt.known_by;
    rollup r(c, report_date, ro);
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
        // Monday/Thursday schedules have no DHIS2 weekly type: the report simply has no id.
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
    rep.themes = detail::theme_movements(c, rep.period.first,
                                         std::min(rep.period.last, report_date), opt.known_by);
    if (opt.known_by) {
        snapshot_options so;
        so.level = opt.level;
        so.include_root = opt.include_root;
        rep.revisions = compare_with_now(c, report_date, so);
    }
    return rep;
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

inline final_report build_final_report(const campaign& c, const final_report_options& opt = {}) {
    final_report rep;
    const date end = c.window().last();
    rep.totals = build_weekly_report(c, end, opt);
    const auto periods = c.schedule().periods(c.window());
    completeness_options co;
    co.level = opt.level;
    co.known_by = opt.known_by;
    rep.reporting = reporting_completeness(c, periods, co);
    for (std::size_t t = 0; t < c.themes().size(); ++t) {
        const auto& th = c.themes()[t];
        for (auto m : detail::theme_movements(c, th.first, th.last, opt.known_by))
            if (m.theme == t)
                rep.themes.push_back(m);
    }
    ranking_options ro = opt.ranking;
    ro.level = opt.level;
    ro.known_by = opt.known_by;
    rep.ranking = rank_units(c, end, ro);
    for (auto u : c.units().units_at(opt.level)) {
        co.within = u;
        rep.unit_reporting.push_back({u, reporting_completeness(c, periods, co)});
    }
    return rep;
}

/// The final report with the default ranking (commend at 100%, remind below 50%).
inline final_report build_final_report(const campaign& c, const report_options& opt) {
    final_report_options o;
    static_cast<report_options&>(o) = opt;
    return build_final_report(c, o);
}

/// Labels of the report in Vietnamese or English.
inline std::string status_label(progress_status s, std::string_view language = "vi") {
    const bool vi = language != "en";
    switch (s) {
    case progress_status::no_target:
        return vi ? "Không giao" : "No target";
    case progress_status::achieved:
        return vi ? "Hoàn thành" : "Achieved";
    case progress_status::on_track:
        return vi ? "Đúng tiến độ" : "On track";
    case progress_status::behind:
        return vi ? "Chậm" : "Behind";
    case progress_status::at_risk:
        return vi ? "Nguy cơ" : "At risk";
    }
    return "?";
}

namespace detail {
/// "Đã nhận 8/10 báo cáo (80,0%), đúng hạn 8/10 (80,0%)": DHIS2's two rates in one line.
inline std::string reporting_line(const completeness& r, std::string_view language) {
    const bool vi = language != "en";
    const std::string of = "/" + std::to_string(r.expected);
    return (vi ? "Đã nhận " : "Received ") + std::to_string(r.received) + of +
           (vi ? " báo cáo (" : " reports (") + format_percent(r.reporting_rate(), language) +
           (vi ? "), đúng hạn " : "), on time ") + std::to_string(r.on_time) + of + " (" +
           format_percent(r.on_time_rate(), language) + ")";
}

/// Unit names joined by ", "; for late reports the day received in brackets.
inline std::string unit_list(const campaign& c, const std::vector<unit_period>& items,
                             bool with_dates) {
    std::string out;
    for (const auto& it : items) {
        if (!out.empty())
            out += ", ";
        out += std::string(c.units().name(it.unit));
        if (with_dates && !it.submitted.is_special())
            out += " (" + format_date_vi(it.submitted) + ")";
    }
    return out;
}

/// "Hộ trồng mới, bổ sung hàng rào xanh: +8 (6 ngày trước đó: +2), lũy kế 20/140".
inline std::string theme_line(const campaign& c, const theme_movement& m,
                              std::string_view language) {
    const bool vi = language != "en";
    const int days = static_cast<int>((m.last - m.first).days()) + 1;
    std::string out = c.indicator_of(m.indicator).name(language) + ": +" +
                      format_quantity(m.done, language) + " (" +
                      (vi ? std::to_string(days) + " ngày trước đó: +"
                          : "previous " + std::to_string(days) + " days: +") +
                      format_quantity(m.done_before, language) + ")" +
                      (vi ? ", lũy kế " : ", total ") + format_quantity(m.cumulative, language);
    if (m.target)
        out += "/" + format_quantity(*m.target, language);
    return out;
}

/// Display width of UTF-8 text in NFC: one column per code point (Vietnamese is precomposed).
inline std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (unsigned char ch : s)
        w += (ch & 0xC0) != 0x80;
    return w;
}
inline std::string pad(std::string_view s, std::size_t width, bool right) {
    std::string fill(width > display_width(s) ? width - display_width(s) : 0, ' ');
    return right ? fill + std::string(s) : std::string(s) + fill;
}
} // namespace detail

/// Plain text for a message or a printout: one block per unit, aligned columns.
inline std::string render_text(const campaign& c, const weekly_report& rep,
                               std::string_view language = "vi") {
    const bool vi = language != "en";
    std::string out;
    out += (vi ? "BÁO CÁO TIẾN ĐỘ — " : "PROGRESS REPORT — ") + rep.campaign_name + "\n";
    out += (vi ? "Ngày báo cáo: " : "Report date: ") + format_date_vi(rep.report_date);
    out += (vi ? " — kỳ " : " — period ") + std::to_string(rep.period_number) + "/" +
           std::to_string(rep.period_count) + " (" + format_date_vi(rep.period.first) + "–" +
           format_date_vi(rep.period.last) + ")\n";
    // Added lines only appear for campaigns that keep them, so older outputs stay as they were.
    if (rep.known_by)
        out += (vi ? "Như đã biết ngày " : "As known on ") + format_date_vi(*rep.known_by) + "\n";
    if (!c.submissions().empty()) {
        out += detail::reporting_line(rep.reporting, language) + "\n";
        if (!rep.reporting.missing.empty())
            out += (vi ? "Chưa báo cáo: " : "Not reported: ") +
                   detail::unit_list(c, rep.reporting.missing, false) + "\n";
        if (!rep.reporting.late.empty())
            out += (vi ? "Báo cáo muộn: " : "Reported late: ") +
                   detail::unit_list(c, rep.reporting.late, true) + "\n";
    }
    for (std::size_t k = 0; k < rep.themes.size(); ++k) {
        const auto& m = rep.themes[k];
        if (k == 0 || rep.themes[k - 1].theme != m.theme)
            out += (vi ? "Chủ đề: " : "Theme: ") + c.themes()[m.theme].name(language) + " (" +
                   format_date_vi(c.themes()[m.theme].first) + "–" +
                   format_date_vi(c.themes()[m.theme].last) + ")\n";
        out += "  " + detail::theme_line(c, m, language) + "\n";
    }
    std::size_t name_w = 9; // at least as wide as the column heading
    for (const auto& ind : c.indicators())
        name_w = std::max(name_w, detail::display_width(ind.name(language)));
    const std::vector<std::string> heads =
        vi ? std::vector<std::string>{"Kế hoạch", "Tuần này", "Lũy kế", "%", "Tình trạng"}
           : std::vector<std::string>{"Target", "This week", "Total", "%", "Status"};
    std::size_t k = 0;
    for (auto u : rep.units) {
        std::string title =
            u == c.units().root() ? (vi ? "Toàn xã: " : "Whole commune: ") : std::string();
        title += std::string(c.units().name(u));
        if (auto h = c.units().households_known(u))
            title += " (" + std::to_string(*h) + (vi ? " hộ)" : " households)");
        out += "\n" + title + "\n";
        out += "  " + detail::pad(vi ? "Chỉ tiêu" : "Indicator", name_w, false);
        for (std::size_t h = 0; h < heads.size(); ++h)
            out += "  " + detail::pad(heads[h], h == 4 ? 0 : 9, true);
        out += "\n";
        for (; k < rep.rows.size() && rep.rows[k].unit == u; ++k) {
            const auto& v = rep.rows[k].values;
            out += "  " +
                   detail::pad(c.indicator_of(rep.rows[k].indicator).name(language), name_w, false);
            out +=
                "  " + detail::pad(v.target ? format_number(*v.target, 0, language) : "—", 9, true);
            out += "  " + detail::pad(format_number(v.tally.done_period, 0, language), 9, true);
            out += "  " + detail::pad(format_number(v.tally.cumulative, 0, language), 9, true);
            out +=
                "  " + detail::pad(v.ratio ? format_number(*v.ratio * 100, 1, language) + "%" : "—",
                                   9, true);
            out += "  " + status_label(v.status, language) + "\n";
        }
    }
    return out;
}

} // namespace ntmkit
