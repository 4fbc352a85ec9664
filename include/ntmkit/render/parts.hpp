// Pieces the report builders share: the rows of a unit, the reporting line, the themed-week
// table, the indicator tables, the revisions of a reproduced report.
#pragma once

#include <ntmkit/format.hpp>
#include <ntmkit/render/document.hpp>
#include <ntmkit/render/labels.hpp>
#include <ntmkit/report.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit::doc {

/// A unit's name; below a village (household groups, households) with the village's, since
/// every village has its "Tổ liên gia 1": "Tổ liên gia 1 (Cẩm Trang)".
inline std::string unit_name(const campaign& c, unit_index u) {
    const auto& t = c.units();
    std::string name(t.name(u));
    if (t.level(u) != unit_level::household_group && t.level(u) != unit_level::household)
        return name;
    for (auto p = t.parent(u); p != no_unit; p = t.parent(p))
        if (t.level(p) == unit_level::village)
            return name + " (" + std::string(t.name(p)) + ")";
    return name;
}

/// The commune is "Tổng cộng" / "Total" in a table of units (and the heading of its block in
/// the printout); the others go by name.
inline std::string unit_label(const campaign& c, unit_index u, std::string_view language) {
    return u == c.units().root() ? std::string(label_text(label::unit_total, language))
                                 : unit_name(c, u);
}

/// A target as reports print it; one the allocation proposed and nobody confirmed yet says so.
inline std::string target_cell(const campaign& c, const report_row& row,
                               std::string_view language) {
    const auto& v = row.values;
    if (!v.target)
        return "—";
    const std::string value = format_quantity(*v.target, language);
    const bool proposed =
        !v.target_derived && c.targets().basis(row.unit, row.indicator) == target_basis::proposed;
    return proposed ? labels{language}(label::proposed_target, {value}) : value;
}

/// A status as reports print it. Once the campaign's last day is reached there is no pace
/// left to be behind or at risk of: what is short of its target has not met it.
inline std::string status_cell(const campaign& c, date as_of, const rollup_row& v,
                               std::string_view language) {
    const bool short_of_target =
        v.status == progress_status::behind || v.status == progress_status::at_risk;
    if (short_of_target && as_of >= c.window().last())
        return std::string(label_text(label::status_not_achieved, language));
    return status_label(v.status, language);
}

/// "Đã nhận 8/10 báo cáo (80,0%), đúng hạn 8/10 (80,0%)": DHIS2's two rates in one line.
inline std::string reporting_line(const completeness& r, std::string_view language) {
    const std::string of = "/" + std::to_string(r.expected);
    return labels{language}(
        label::reporting_rates,
        {std::to_string(r.received) + of, format_percent(r.reporting_rate() * 100, language),
         std::to_string(r.on_time) + of, format_percent(r.on_time_rate() * 100, language)});
}

/// Unit names joined by ", "; for late reports the day received in brackets.
inline std::string unit_list(const campaign& c, const std::vector<unit_period>& items,
                             bool with_dates) {
    std::string out;
    for (const auto& it : items) {
        if (!out.empty())
            out += ", ";
        out += unit_name(c, it.unit);
        if (with_dates && !it.submitted.is_special())
            out += " (" + format_date_vi(it.submitted) + ")";
    }
    return out;
}

/// Over several periods a unit is named once, in tree order (as villages are listed): missing
/// reports as "Trung Tiến (2 kỳ: 22/4/2022, 6/5/2022)" (the periods' report days), late ones with
/// the days received, "Cẩm Trang (9/5/2022, 16/5/2022)".
inline std::string unit_list_by_unit(const campaign& c, const std::vector<unit_period>& items,
                                     bool late, std::string_view language) {
    std::vector<std::pair<unit_index, std::vector<std::string>>> units;
    for (const auto& it : items) {
        auto u = std::find_if(units.begin(), units.end(),
                              [&](const auto& x) { return x.first == it.unit; });
        if (u == units.end())
            u = units.insert(units.end(), {it.unit, {}});
        u->second.push_back(format_date_vi(late ? it.submitted : it.report_date));
    }
    std::stable_sort(units.begin(), units.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out;
    for (const auto& [u, days] : units) {
        std::string list;
        for (const auto& d : days)
            list += (list.empty() ? "" : ", ") + d;
        out +=
            (out.empty() ? "" : ", ") + unit_name(c, u) + " (" +
            (late ? list
                  : labels{language}(label::periods_missed, {std::to_string(days.size()), list})) +
            ")";
    }
    return out;
}

/// "Hộ trồng mới, bổ sung hàng rào xanh: +8 (6 ngày trước đó: +2), lũy kế 20/140".
inline std::string theme_line(const campaign& c, const theme_movement& m,
                              std::string_view language) {
    const labels L{language};
    const int days = static_cast<int>((m.last - m.first).days()) + 1;
    std::string out = c.indicator_of(m.indicator).name(language) + ": +" +
                      format_quantity(m.done, language) + " (" +
                      L(label::days_before, {std::to_string(days)}) + ": +" +
                      format_quantity(m.done_before, language) + "), " +
                      L(label::cumulative_lower) + " " + format_quantity(m.cumulative, language);
    if (m.target)
        out += "/" + format_quantity(*m.target, language);
    return out;
}

/// The paragraphs on the reports received: the rates (then `after_rates`), who has not
/// reported, who reported late (`late_label`), each ended by `end`; `by_unit` (several
/// periods) names each unit once. None for a campaign that does not log submissions (it would
/// show 0% everywhere).
inline std::vector<block> reporting_paragraphs(const campaign& c, const completeness& r,
                                               std::string_view language,
                                               const std::string& after_rates,
                                               const std::string& late_label,
                                               const std::string& end, bool by_unit = false) {
    if (c.submissions().empty())
        return {};
    const labels L{language};
    const auto list = [&](const std::vector<unit_period>& items, bool late) {
        return by_unit ? unit_list_by_unit(c, items, late, language) : unit_list(c, items, late);
    };
    std::vector<block> out{paragraph(reporting_line(r, language) + after_rates)};
    if (!r.missing.empty())
        out.emplace_back(paragraph(L(label::not_reported) + ": " + list(r.missing, false) + end));
    if (!r.late.empty())
        out.emplace_back(paragraph(late_label + ": " + list(r.late, true) + end));
    return out;
}

/// The "Reports received" section of the Markdown / HTML reports; `due` follows the rates.
inline void add_reporting_section(document& d, const campaign& c, const completeness& r,
                                  const std::string& due, bool by_unit = false) {
    const labels L{d.language};
    auto blocks = reporting_paragraphs(c, r, d.language, "." + due,
                                       L(label::reported_late_received), ".", by_unit);
    if (!blocks.empty())
        d.sections.push_back({2, L(label::reports_received), std::move(blocks)});
}

inline std::string ratio_cell(const rollup_row& v, std::string_view language) {
    return v.ratio ? format_percent(*v.ratio * 100, language) : "—";
}

/// One subsection per indicator, one row per unit: how officers compare villages on an item.
inline void add_indicator_tables(document& d, const campaign& c, const weekly_report& rep,
                                 const std::string& this_period) {
    const labels L{d.language};
    d.sections.push_back({2, L(label::results_by_indicator), {}});
    for (std::size_t i = 0; i < c.indicators().size(); ++i) {
        table t{{L(label::unit), L(label::target), this_period, L(label::cumulative), "%",
                 L(label::status)},
                {false, true, true, true, true, false},
                {},
                {}};
        for (const auto& row : rep.rows) {
            if (row.indicator != static_cast<indicator_index>(i))
                continue;
            const auto& v = row.values;
            t.rows.push_back({unit_label(c, row.unit, d.language), target_cell(c, row, d.language),
                              format_quantity(v.tally.done_period, d.language),
                              format_quantity(v.tally.cumulative, d.language),
                              ratio_cell(v, d.language),
                              status_cell(c, rep.report_date, v, d.language)});
        }
        if (!t.rows.empty())
            d.sections.push_back({3, c.indicators()[i].name(d.language), {std::move(t)}});
    }
}

inline table theme_table(const campaign& c, const std::vector<theme_movement>& themes,
                         std::string_view language) {
    const labels L{language};
    table t{{L(label::theme), L(label::days), L(label::indicator), L(label::during_theme),
             L(label::same_days_before), L(label::cumulative), L(label::target)},
            {false, false, false, true, true, true, true},
            {},
            {}};
    for (const auto& m : themes) {
        const auto& th = c.themes()[m.theme];
        t.rows.push_back(
            {th.name(language) + (th.illustrative ? " (" + L(label::illustrative) + ")" : ""),
             format_date_vi(m.first) + "–" + format_date_vi(m.last),
             c.indicator_of(m.indicator).name(language), "+" + format_quantity(m.done, language),
             "+" + format_quantity(m.done_before, language),
             format_quantity(m.cumulative, language),
             m.target ? format_quantity(*m.target, language) : "—"});
    }
    return t;
}

/// What arrived after a reproduced report: the records, then the cells they change.
inline void add_revision_sections(document& d, const campaign& c, const snapshot_diff& diff) {
    if (diff.empty())
        return;
    const labels L{d.language};
    const auto& log = c.progress();
    const date first = c.window().first();
    table recs{{L(label::record), L(label::kind), L(label::unit), L(label::indicator),
                L(label::done_on), L(label::reported_on), L(label::quantity), L(label::note)},
               {true, false, false, false, false, false, true, false},
               {},
               {}};
    for (const auto& rv : diff.revisions) {
        const auto r = static_cast<std::size_t>(rv.record);
        std::string kind =
            rv.kind == revision_kind::late
                ? L(label::late_report)
                : L(label::corrects_record, {std::to_string(log.supersedes(rv.record))});
        recs.rows.push_back({std::to_string(rv.record), kind, unit_name(c, log.units()[r]),
                             c.indicator_of(log.indicators()[r]).name(d.language),
                             format_date_vi(first + boost::gregorian::days(log.done_days()[r])),
                             format_date_vi(first + boost::gregorian::days(log.reported_days()[r])),
                             format_quantity(log.quantities()[r], d.language),
                             std::string(log.note(rv.record))});
    }
    table cells{{L(label::unit), L(label::indicator), L(label::total_reported),
                 L(label::total_known_now), L(label::difference)},
                {false, false, true, true, true},
                {},
                {}};
    for (const auto& ch : diff.changes) {
        const double delta = ch.now.cumulative - ch.reported.cumulative;
        cells.rows.push_back({unit_label(c, ch.unit, d.language),
                              c.indicator_of(ch.indicator).name(d.language),
                              format_quantity(ch.reported.cumulative, d.language),
                              format_quantity(ch.now.cumulative, d.language),
                              (delta > 0 ? "+" : "") + format_quantity(delta, d.language)});
    }
    const std::string known = diff.known_now ? format_date_vi(*diff.known_now) : L(label::now);
    d.sections.push_back(
        {2,
         L(label::revisions),
         {paragraph(L(label::revisions_intro, {format_date_vi(diff.report_date), known})),
          std::move(recs)}});
    if (!cells.rows.empty())
        d.sections.push_back({3, L(label::what_they_change), {std::move(cells)}});
}

} // namespace ntmkit::doc
