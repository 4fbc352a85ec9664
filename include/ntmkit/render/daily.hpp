// The loudspeaker list as documents: the units' work of the day grouped by village
// (plain text, Markdown, HTML) and a flat table (CSV).
#pragma once

#include <ntmkit/render/parts.hpp>
#include <ntmkit/render/write.hpp>

#include <string>
#include <string_view>

namespace ntmkit {
namespace doc {

inline document daily_document(const campaign& c, const daily_report& rep,
                               std::string_view language) {
    const labels L{language};
    document d{std::string(language),
               L(label::loudspeaker_title, {format_date_vi(rep.day)}),
               {paragraph(rep.campaign_name)},
               {}};
    for (auto t : rep.active_themes)
        d.blocks.emplace_back(
            paragraph(L(label::running_now) + ": " + c.themes()[t].name(language) + "."));
    if (rep.entries.empty())
        d.blocks.emplace_back(paragraph(L(label::nothing_reported)));
    for (std::size_t k = 0; k < rep.entries.size();) {
        const unit_index g = rep.entries[k].group;
        table t{{L(label::unit), L(label::work_done), L(label::quantity), L(label::note)},
                {false, false, true, false},
                {},
                {}};
        for (; k < rep.entries.size() && rep.entries[k].group == g; ++k) {
            const auto& e = rep.entries[k];
            t.rows.push_back({std::string(c.units().name(e.unit)),
                              c.indicator_of(e.indicator).name(language),
                              format_quantity(e.quantity, language), e.note});
        }
        d.sections.push_back({2, std::string(c.units().name(g)), {std::move(t)}});
    }
    return d;
}

inline document daily_csv_document(const campaign& c, const daily_report& rep,
                                   std::string_view language) {
    const labels L{language};
    table t{{L(label::day), L(label::group), L(label::unit_id), L(label::unit),
             L(label::indicator_id), L(label::work_done), L(label::quantity), L(label::note),
             L(label::reporter), L(label::record)},
            {},
            {},
            {}};
    t.numeric.assign(t.header.size(), false);
    for (const auto& e : rep.entries)
        t.rows.push_back(
            {format_date_vi(rep.day), std::string(c.units().name(e.group)),
             std::string(c.units().id(e.unit)), std::string(c.units().name(e.unit)),
             c.indicator_of(e.indicator).id, c.indicator_of(e.indicator).name(language),
             format_quantity(e.quantity, language), e.note, e.reporter, std::to_string(e.record)});
    return {std::string(language), {}, {std::move(t)}, {}};
}

} // namespace doc

/// The loudspeaker list in `format`.
inline std::string render(const campaign& c, const daily_report& rep, report_format format,
                          std::string_view language = "vi") {
    return doc::write(format == report_format::csv ? doc::daily_csv_document(c, rep, language)
                                                   : doc::daily_document(c, rep, language),
                      format);
}

} // namespace ntmkit
