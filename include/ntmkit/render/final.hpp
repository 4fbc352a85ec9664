// The closing review (tổng kết) as documents: the campaign's span and reports received, the
// ranking with each unit's reporting rate, the themed weeks and the closing figures; as CSV
// the closing figures per unit and indicator.
#pragma once

#include <ntmkit/render/parts.hpp>
#include <ntmkit/render/ranking.hpp>
#include <ntmkit/render/weekly.hpp>
#include <ntmkit/render/write.hpp>

#include <string>
#include <string_view>

namespace ntmkit {
namespace doc {

/// The ranking table with each unit's reporting rate over the campaign, then the lists to
/// commend and to remind.
inline void add_ranking_section(document& d, const campaign& c, const final_report& rep) {
    const labels L{d.language};
    const auto& r = rep.ranking;
    table t = ranking_table(c, r, d.language);
    t.header.push_back(L(label::reporting_rate));
    t.numeric.push_back(true);
    for (std::size_t k = 0; k < r.ranked.size(); ++k) {
        const completeness* co = rep.reporting_of(r.ranked[k].unit);
        t.rows[k].push_back(c.submissions().empty() || !co
                                ? "—"
                                : std::to_string(co->received) + "/" +
                                      std::to_string(co->expected) + " (" +
                                      format_percent(co->reporting_rate() * 100, d.language) + ")");
    }
    section s{2, L(label::ranking_of_units), {}};
    s.blocks.emplace_back(paragraph(L(label::score_explained) +
                                    (r.cap_at_100 ? L(label::score_capped) : "") +
                                    L(label::score_ties)));
    s.blocks.emplace_back(
        paragraph(L(label::to_commend) + " (★): " + ranking_list(r, r.commend, d.language) + "."));
    s.blocks.emplace_back(
        paragraph(L(label::to_remind) + " (⚠): " + ranking_list(r, r.remind, d.language) + "."));
    if (!r.unscored.empty())
        s.blocks.emplace_back(
            paragraph(L(label::no_quota_to_score) + ": " + unscored_list(r) + "."));
    s.blocks.emplace_back(
        paragraph(L(label::evenness) + ": " + evenness_text(r.evenness, d.language)));
    s.blocks.emplace_back(std::move(t));
    d.sections.push_back(std::move(s));
}

inline document final_document(const campaign& c, const final_report& rep,
                               std::string_view language) {
    const labels L{language};
    document d{std::string(language),
               L(label::final_report) + " — " + rep.totals.campaign_name,
               {paragraph(L(label::campaign_span, {format_date_vi(c.window().first()) + "–" +
                                                       format_date_vi(c.window().last()),
                                                   std::to_string(c.window().days())}))},
               {}};
    if (rep.totals.known_by)
        d.blocks.emplace_back(
            paragraph(L(label::only_received_by, {format_date_vi(*rep.totals.known_by)})));
    add_reporting_section(
        d, c, rep.reporting,
        " " + L(label::whole_campaign_periods, {std::to_string(rep.totals.period_count)}), true);
    add_ranking_section(d, c, rep);
    if (!rep.themes.empty())
        d.sections.push_back({2, L(label::themed_weeks), {theme_table(c, rep.themes, language)}});
    add_indicator_tables(d, c, rep.totals, L(label::last_period));
    return d;
}

} // namespace doc

/// The final review in `format`; CSV the closing figures.
inline std::string render(const campaign& c, const final_report& rep, report_format format,
                          std::string_view language = "vi") {
    return doc::write(format == report_format::csv
                          ? doc::weekly_csv_document(c, rep.totals, language)
                          : doc::final_document(c, rep, language),
                      format);
}

} // namespace ntmkit
