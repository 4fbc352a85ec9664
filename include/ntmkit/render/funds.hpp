// The weekly report's funds section: money mobilised this period and in all, by source (with
// the state budget's levels added up) and by unit, in exact đồng.
#pragma once

#include <ntmkit/funds.hpp>
#include <ntmkit/render/parts.hpp>

#include <string>
#include <string_view>

namespace ntmkit::doc {

inline std::string fund_source_label(fund_source s, std::string_view language) {
    static constexpr label names[] = {
        label::source_budget_central, label::source_budget_province, label::source_budget_district,
        label::source_budget_commune, label::source_integrated,      label::source_socialised,
        label::source_people,         label::source_enterprise,      label::source_other};
    static_assert(sizeof names / sizeof names[0] == fund_source_count);
    return std::string(label_text(names[static_cast<std::size_t>(s)], language));
}

/// The funds section: a table by source (sources with money, the state budget's subtotal when
/// it has any, the total) and a table by unit; CSV keeps the tables only.
inline section funds_section(const campaign& c, const funds_totals& f, std::string_view language) {
    const labels L{language};
    const auto m = [&](std::int64_t v) { return format_dong(v, language); };
    section s{2, L(label::funds_section), {}};
    for (const auto& r : c.funds().records())
        if (r.illustrative) {
            s.blocks.emplace_back(paragraph(L(label::illustrative_figures)));
            break;
        }
    s.blocks.emplace_back(paragraph(L(label::funds_by_source)));
    table by_source{{L(label::fund_source), L(label::this_period), L(label::cumulative)},
                    {false, true, true},
                    {},
                    {}};
    const auto& a = f.commune;
    std::int64_t budget_period = 0;
    for (std::size_t k = 0; k < fund_source_count; ++k) {
        const auto source = static_cast<fund_source>(k);
        if (a.by_source[k] > 0)
            by_source.rows.push_back(
                {fund_source_label(source, language), m(a.by_source_period[k]), m(a.by_source[k])});
        if (is_state_budget(source))
            budget_period += a.by_source_period[k];
        if (source == fund_source::budget_commune && a.state_budget() > 0)
            by_source.rows.push_back(
                {L(label::state_budget_total), m(budget_period), m(a.state_budget())});
    }
    by_source.rows.push_back({L(label::unit_total), m(a.total_period), m(a.total)});
    s.blocks.emplace_back(std::move(by_source));
    s.blocks.emplace_back(paragraph(L(label::funds_by_unit)));
    table by_unit{
        {L(label::unit), L(label::this_period), L(label::cumulative)}, {false, true, true}, {}, {}};
    for (const auto& row : f.units)
        by_unit.rows.push_back(
            {unit_label(c, row.unit, language), m(row.amounts.total_period), m(row.amounts.total)});
    s.blocks.emplace_back(std::move(by_unit));
    return s;
}

} // namespace ntmkit::doc
