// The Friday report as documents: the full report (Markdown, HTML), the officer's printout
// (plain text: one block per unit, aligned columns) and the flat table (CSV).
#pragma once

#include <ntmkit/render/funds.hpp>
#include <ntmkit/render/parts.hpp>
#include <ntmkit/render/support.hpp>
#include <ntmkit/render/write.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace ntmkit {
namespace doc {

/// The sections of a weekly report that only campaigns keeping such data have (labour
/// support, funds), in every format; other reports stay as they were.
inline void add_weekly_extras(document& d, const campaign& c, const weekly_report& rep) {
    if (rep.support)
        d.sections.push_back(support_section(c, *rep.support, d.language));
    if (rep.funds)
        d.sections.push_back(funds_section(c, *rep.funds, d.language));
}

inline document weekly_document(const campaign& c, const weekly_report& rep,
                                std::string_view language) {
    const labels L{language};
    document d{
        std::string(language), L(label::progress_report) + " — " + rep.campaign_name, {}, {}};
    std::string when = L(label::report_date) + ": " + format_date_vi(rep.report_date) + " — " +
                       L(label::period_word) + " " + std::to_string(rep.period_number) + "/" +
                       std::to_string(rep.period_count) + " (" + format_date_vi(rep.period.first) +
                       "–" + format_date_vi(rep.period.last) + "; " + L(label::period_key_word) +
                       " " + rep.period_key;
    if (!rep.dhis2_period.empty())
        when += "; DHIS2 " + rep.dhis2_period;
    d.blocks.emplace_back(paragraph(when + ")."));
    if (rep.known_by)
        d.blocks.emplace_back(paragraph(L(label::as_it_stood, {format_date_vi(*rep.known_by)})));
    add_reporting_section(d, c, rep.reporting,
                          " " + L(label::due) + ": " +
                              format_date_vi(c.schedule().due_date(rep.period.report_date)) + ".");
    if (!rep.themes.empty())
        d.sections.push_back(
            {2, L(label::theme_of_period), {theme_table(c, rep.themes, language)}});
    add_indicator_tables(d, c, rep, L(label::this_period));
    add_weekly_extras(d, c, rep);
    if (rep.revisions)
        add_revision_sections(d, c, *rep.revisions);
    return d;
}

/// The printout: the heading lines, then per unit its indicators in aligned columns.
inline document weekly_text_document(const campaign& c, const weekly_report& rep,
                                     std::string_view language) {
    const labels L{language};
    document d{
        std::string(language), L(label::progress_report_caps) + " — " + rep.campaign_name, {}, {}};
    d.blocks.emplace_back(
        paragraph(L(label::report_date) + ": " + format_date_vi(rep.report_date) + " — " +
                  L(label::period_word) + " " + std::to_string(rep.period_number) + "/" +
                  std::to_string(rep.period_count) + " (" + format_date_vi(rep.period.first) + "–" +
                  format_date_vi(rep.period.last) + ")"));
    // Added lines only appear for campaigns that keep them, so older outputs stay as they were.
    if (rep.known_by)
        d.blocks.emplace_back(
            paragraph(L(label::as_known_on) + " " + format_date_vi(*rep.known_by)));
    for (auto& b :
         reporting_paragraphs(c, rep.reporting, language, "", L(label::reported_late), ""))
        d.blocks.push_back(std::move(b));
    for (std::size_t k = 0; k < rep.themes.size(); ++k) {
        const auto& m = rep.themes[k];
        const auto& th = c.themes()[m.theme];
        if (k == 0 || rep.themes[k - 1].theme != m.theme)
            d.blocks.emplace_back(paragraph(L(label::theme) + ": " + th.name(language) + " (" +
                                            format_date_vi(th.first) + "–" +
                                            format_date_vi(th.last) + ")"));
        d.blocks.emplace_back(paragraph("  " + theme_line(c, m, language)));
    }
    // Every unit's block has the same columns: the names as wide as the campaign's longest.
    std::size_t name_w = 9;
    for (const auto& ind : c.indicators())
        name_w = std::max(name_w, display_width(ind.name(language)));
    std::size_t k = 0;
    for (auto u : rep.units) {
        std::string heading = u == c.units().root() ? L(label::unit_total) + ": " : std::string();
        heading += unit_name(c, u);
        if (auto h = c.units().households_known(u))
            heading += " (" + format_quantity(static_cast<double>(*h), language) + " " +
                       L(label::households) + ")";
        table t{{L(label::indicator), L(label::target), L(label::this_period), L(label::cumulative),
                 "%", L(label::status)},
                {false, true, true, true, true, false},
                {},
                {name_w, 9, 9, 9, 9, 0}};
        for (; k < rep.rows.size() && rep.rows[k].unit == u; ++k) {
            const auto& v = rep.rows[k].values;
            t.rows.push_back({c.indicator_of(rep.rows[k].indicator).name(language),
                              target_cell(c, rep.rows[k], language),
                              format_quantity(v.tally.done_period, language),
                              format_quantity(v.tally.cumulative, language),
                              ratio_cell(v, language),
                              status_cell(c, rep.report_date, v, language)});
        }
        d.sections.push_back({2, std::move(heading), {std::move(t)}});
    }
    add_weekly_extras(d, c, rep);
    return d;
}

/// One row per unit and indicator, ids next to names, for spreadsheets.
inline document weekly_csv_document(const campaign& c, const weekly_report& rep,
                                    std::string_view language) {
    const labels L{language};
    table t{{L(label::report_date), L(label::period_key), L(label::unit_id), L(label::unit),
             L(label::indicator_id), L(label::indicator), L(label::target), L(label::this_period),
             L(label::cumulative), "%", L(label::status)},
            {},
            {},
            {}};
    t.numeric.assign(t.header.size(), false);
    for (const auto& row : rep.rows) {
        const auto& v = row.values;
        t.rows.push_back({format_date_vi(rep.report_date), rep.period_key,
                          std::string(c.units().id(row.unit)), unit_name(c, row.unit),
                          c.indicator_of(row.indicator).id,
                          c.indicator_of(row.indicator).name(language),
                          v.target ? format_quantity(*v.target, language) : "",
                          format_quantity(v.tally.done_period, language),
                          format_quantity(v.tally.cumulative, language),
                          v.ratio ? format_number(*v.ratio * 100, 1, language) : "",
                          status_cell(c, rep.report_date, v, language)});
    }
    document d{std::string(language), {}, {std::move(t)}, {}};
    add_weekly_extras(d, c, rep); // CSV: their tables follow the main one
    return d;
}

} // namespace doc

/// A weekly report in `format`; `language` "vi" or "en".
inline std::string render(const campaign& c, const weekly_report& rep, report_format format,
                          std::string_view language = "vi") {
    return doc::write(format == report_format::csv    ? doc::weekly_csv_document(c, rep, language)
                      : format == report_format::text ? doc::weekly_text_document(c, rep, language)
                                                      : doc::weekly_document(c, rep, language),
                      format);
}

/// Plain text for a message or a printout: one block per unit, aligned columns.
inline std::string render_text(const campaign& c, const weekly_report& rep,
                               std::string_view language = "vi") {
    return render(c, rep, report_format::text, language);
}

} // namespace ntmkit
