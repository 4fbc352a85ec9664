// The weekly report's labour-support section: who helped whom this period, what each receiver
// still needs, and each giver's pledges against what it delivered. Laid out once as document
// blocks, so every writer (text, Markdown, HTML, CSV) says the same.
#pragma once

#include <ntmkit/render/parts.hpp>
#include <ntmkit/support.hpp>

#include <string>
#include <string_view>

namespace ntmkit::doc {

/// What kind of giver a report prints: the supporter's kind, or a mass organisation / unit of
/// the campaign.
inline std::string giver_kind_label(const campaign& c, const giver_ref& g,
                                    std::string_view language) {
    const labels L{language};
    if (g.is_unit) {
        const auto level = c.units().level(static_cast<unit_index>(g.index));
        return level == unit_level::organisation || level == unit_level::branch
                   ? L(label::supporter_organisation)
                   : L(label::supporter_unit);
    }
    switch (c.support().plan().supporters[g.index].kind) {
    case supporter_kind::working_group:
        return L(label::supporter_working_group);
    case supporter_kind::sponsor:
        return L(label::supporter_sponsor);
    case supporter_kind::organisation:
        return L(label::supporter_organisation);
    case supporter_kind::other:
        return L(label::supporter_other);
    }
    return "?";
}

/// True when any supporter, need or record of the plan is marked illustrative.
inline bool any_illustrative(const support_plan& p) {
    for (const auto& s : p.supporters)
        if (s.illustrative)
            return true;
    for (const auto& n : p.needs)
        if (n.illustrative)
            return true;
    for (const auto& r : p.records)
        if (r.illustrative)
            return true;
    return false;
}

/// The support section: a caption and a table each for this period's deliveries, the
/// receivers and the givers. CSV keeps the tables only.
inline section support_section(const campaign& c, const support_rollup& r,
                               std::string_view language) {
    const labels L{language};
    const auto& book = c.support();
    const auto& plan = book.plan();
    const auto q = [&](double v) { return format_quantity(v, language); };
    section s{2, L(label::support_section), {}};
    if (any_illustrative(plan))
        s.blocks.emplace_back(paragraph(L(label::illustrative_figures)));
    if (r.period_deliveries.empty()) {
        s.blocks.emplace_back(paragraph(L(label::support_none_in_period)));
    } else {
        s.blocks.emplace_back(paragraph(L(label::support_in_period)));
        table t{{L(label::day), L(label::giver), L(label::receiver), L(label::person_days),
                 L(label::materials)},
                {false, false, false, true, false},
                {},
                {}};
        for (auto i : r.period_deliveries) {
            const auto& rec = plan.records[i];
            t.rows.push_back({format_date_vi(rec.day), book.giver_name(book.givers()[i], c.units()),
                              std::string(c.units().name(book.receivers()[i])), q(rec.person_days),
                              rec.materials});
        }
        s.blocks.emplace_back(std::move(t));
    }
    s.blocks.emplace_back(paragraph(L(label::support_by_receiver)));
    table by_receiver{{L(label::receiver), L(label::needed), L(label::pledged), L(label::delivered),
                       L(label::this_period), L(label::still_needed)},
                      {false, true, true, true, true, true},
                      {},
                      {}};
    for (const auto& row : r.receivers)
        by_receiver.rows.push_back({unit_label(c, row.unit, language), q(row.needed),
                                    q(row.pledged), q(row.delivered), q(row.delivered_period),
                                    q(row.still_needed())});
    s.blocks.emplace_back(std::move(by_receiver));
    s.blocks.emplace_back(paragraph(L(label::support_by_giver)));
    table by_giver{{L(label::giver), L(label::giver_kind), L(label::assigned_to), L(label::pledged),
                    L(label::delivered), L(label::not_yet_delivered)},
                   {false, false, false, true, true, true},
                   {},
                   {}};
    for (const auto& g : r.givers) {
        std::string assigned;
        if (!g.giver.is_unit)
            for (auto u : book.assigned()[g.giver.index])
                assigned += (assigned.empty() ? "" : ", ") + std::string(c.units().name(u));
        by_giver.rows.push_back({book.giver_name(g.giver, c.units()),
                                 giver_kind_label(c, g.giver, language), assigned, q(g.pledged),
                                 q(g.delivered), q(g.outstanding())});
    }
    s.blocks.emplace_back(std::move(by_giver));
    return s;
}

} // namespace ntmkit::doc
