// The end-of-campaign ranking as a document: rank, unit (★ to commend, ⚠ to remind), score and
// each indicator's completion, then the two lists and how even the movement was. The final
// report (final.hpp) reuses the table and the lists in its own ranking section.
#pragma once

#include <ntmkit/format.hpp>
#include <ntmkit/ranking.hpp>
#include <ntmkit/render/labels.hpp>
#include <ntmkit/render/markdown.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ntmkit {
namespace doc {

inline std::string ranking_percent(double fraction, std::string_view language) {
    return format_percent(fraction * 100, language);
}

inline table ranking_table(const campaign& c, const campaign_ranking& r,
                           std::string_view language) {
    const labels L{language};
    const bool vi = language != "en";
    table t{{L(label::rank), L(label::unit), L(label::score)}, {true, false, true}, {}, {}};
    for (const auto& ind : c.indicators()) {
        t.header.push_back(vi || ind.name_en.empty() ? ind.name_vi : ind.name_en);
        t.numeric.push_back(true);
    }
    for (const auto& s : r.ranked) {
        const std::string mark = s.commended ? " ★" : s.reminded ? " ⚠" : "";
        std::vector<std::string> row{std::to_string(s.rank), s.name + mark,
                                     ranking_percent(s.score, language)};
        for (std::size_t i = 0; i < c.indicators().size(); ++i) {
            std::string cell = "—";
            // What counts in the score, so a capped ranking never prints 200% under "at most
            // 100%"; the actual rate beside it when the cap cut it.
            for (const auto& x : s.indicators)
                if (x.indicator == static_cast<indicator_index>(i))
                    cell = ranking_percent(x.counted, language) +
                           (x.ratio > x.counted ? " (" + ranking_percent(x.ratio, language) + ")"
                                                : "");
            row.push_back(std::move(cell));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

/// "Thôn A (100,0%), Thôn B (95,0%)" for positions in `ranked`; "không có" / "none" if empty.
inline std::string ranking_list(const campaign_ranking& r, const std::vector<std::size_t>& ks,
                                std::string_view language) {
    std::string l;
    for (auto k : ks)
        l += (l.empty() ? "" : ", ") + r.ranked[k].name + " (" +
             ranking_percent(r.ranked[k].score, language) + ")";
    return l.empty() ? std::string(label_text(label::nobody, language)) : l;
}

/// The unscored units' names joined by ", ".
inline std::string unscored_list(const campaign_ranking& r) {
    std::string l;
    for (const auto& u : r.unscored)
        l += (l.empty() ? "" : ", ") + u.name;
    return l;
}

/// "trung bình 47,5%, độ lệch chuẩn …, Gini …, thấp nhất …, cao nhất …."
inline std::string evenness_text(const spread_stats& e, std::string_view language) {
    const auto pct = [&](double x) { return ranking_percent(x, language); };
    const auto num = [&](double x) { return format_number(x, 3, language); };
    return labels{language}(label::evenness_figures,
                            {pct(e.mean), pct(e.stddev), e.cv ? num(*e.cv) : "—",
                             e.gini ? num(*e.gini) : "—", pct(e.min), pct(e.max)});
}

/// The ranking as a section of its own, without a title.
inline document ranking_document(const campaign& c, const campaign_ranking& r,
                                 std::string_view language) {
    const labels L{language};
    const std::string as_of = language != "en" ? format_date_vi(r.as_of) : format_date_iso(r.as_of);
    section s{2, L(label::end_of_campaign_ranking), {}};
    s.blocks.emplace_back(
        paragraph(L(label::ranking_as_of) + ": " + as_of +
                  L(r.cap_at_100 ? label::each_quota_capped : label::quota_uncapped)));
    s.blocks.emplace_back(ranking_table(c, r, language));
    s.blocks.emplace_back(
        paragraph(L(label::to_commend), " (★): " + ranking_list(r, r.commend, language)));
    s.blocks.emplace_back(
        paragraph(L(label::to_remind), " (⚠): " + ranking_list(r, r.remind, language)));
    if (!r.unscored.empty())
        s.blocks.emplace_back(paragraph(L(label::no_quota_to_score) + ":", " " + unscored_list(r)));
    s.blocks.emplace_back(
        paragraph(L(label::evenness) + ":", " " + evenness_text(r.evenness, language)));
    return {std::string(language), {}, {}, {std::move(s)}};
}

} // namespace doc

/// The ranking as a Markdown section of the final report, in Vietnamese ("vi", the default,
/// with decimal commas) or English ("en"). Scores are shown in percent.
inline std::string render_ranking_markdown(const campaign& c, const campaign_ranking& r,
                                           std::string_view language = "vi") {
    return doc::write_markdown(doc::ranking_document(c, r, language));
}

} // namespace ntmkit
