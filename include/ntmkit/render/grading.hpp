// The year-end grading as a document: the thresholds (illustrative or the commune's), one row
// per subject with each component, the score and the grade, then how each grade was reached.
// As CSV one flat table whose last column is the explanation.
#pragma once

#include <ntmkit/format.hpp>
#include <ntmkit/grading.hpp>
#include <ntmkit/render/labels.hpp>
#include <ntmkit/render/write.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ntmkit {

inline std::string grade_label(grade g, std::string_view language = "vi") {
    switch (g) {
    case grade::excellent:
        return std::string(label_text(label::grade_excellent, language));
    case grade::good:
        return std::string(label_text(label::grade_good, language));
    case grade::completed:
        return std::string(label_text(label::grade_completed, language));
    case grade::not_completed:
        return std::string(label_text(label::grade_not_completed, language));
    }
    return "?";
}

namespace doc {

inline std::string grading_percent(double fraction, std::string_view language) {
    return format_percent(fraction * 100, language);
}

inline std::string component_name(const grading_component& c, std::string_view language) {
    if (language == "en" && !c.name_en.empty())
        return c.name_en;
    return c.name_vi.empty() ? c.id : c.name_vi;
}

/// How a subject's grade was reached, in one line: each component as it counted, the score
/// as a sum, the threshold it reached and what the next grade needs.
inline std::string grade_explanation(const grading_result& r, const graded_subject& s,
                                     std::string_view language) {
    const labels L{language};
    const auto pct = [&](double x) { return grading_percent(x, language); };
    const auto num = [&](double x) { return format_quantity(x, language); };
    std::string out;
    const auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
    for (std::size_t k = 0; k < s.components.size(); ++k) {
        const auto& c = s.components[k];
        const auto name = component_name(r.components[k], language);
        if (c.weight <= 0)
            add(L(label::weight_zero_left_out, {name, c.value ? pct(*c.value) : "—"}));
        else if (!c.value)
            add(L(c.in_score ? label::no_value_as_zero : label::no_value_left_out, {name}));
        else
            add(L(label::value_times_weight, {name, pct(*c.value), num(c.weight)}));
    }
    if (!s.score || !s.result)
        return out + "; " + L(label::nothing_to_grade) + ".";
    add(L(label::score_is, {num(s.weighted_sum), num(s.weight_total), pct(*s.score)}));
    const grade g = *s.result;
    if (g == grade::not_completed)
        add(L(label::below_threshold,
              {pct(*s.score), pct(r.thresholds.completed), grade_label(grade::completed, language),
               grade_label(g, language)}));
    else
        add(L(label::reaches_threshold, {pct(*s.score), pct(r.thresholds.at_least(g)),
                                         grade_label(g, language), grade_label(g, language)}));
    if (g != grade::excellent) {
        const auto next = static_cast<grade>(static_cast<int>(g) - 1);
        add(L(label::next_grade_needs,
              {pct(r.thresholds.at_least(next)), grade_label(next, language)}));
    }
    return out + ".";
}

/// "Hoàn thành xuất sắc từ 90,0%, Hoàn thành tốt từ 70,0%, Hoàn thành từ 50,0%."
inline std::string thresholds_text(const grade_thresholds& t, std::string_view language) {
    const labels L{language};
    std::string out =
        L(t.illustrative ? label::grade_thresholds_illustrative : label::grade_thresholds_commune);
    for (auto g : {grade::excellent, grade::good, grade::completed})
        out += L(label::grade_from,
                 {grade_label(g, language), grading_percent(t.at_least(g), language)}) +
               (g == grade::completed ? "." : ", ");
    return out;
}

/// The table: unit, kind, each component (with its weight), score, grade; with
/// `explanations` a last column saying how the grade was reached.
inline table grading_table_block(const grading_result& r, std::string_view language,
                                 bool explanations) {
    const labels L{language};
    table t{{L(label::row_number), L(label::unit), L(label::kind)}, {true, false, false}, {}, {}};
    for (const auto& c : r.components) {
        t.header.push_back(L(label::weight_of,
                             {component_name(c, language), format_quantity(c.weight, language)}));
        t.numeric.push_back(true);
    }
    t.header.insert(t.header.end(), {L(label::score), L(label::grade)});
    t.numeric.insert(t.numeric.end(), {true, false});
    if (explanations) {
        t.header.push_back(L(label::explanation));
        t.numeric.push_back(false);
    }
    for (std::size_t k = 0; k < r.subjects.size(); ++k) {
        const auto& s = r.subjects[k];
        std::vector<std::string> row{std::to_string(k + 1), s.name, s.kind};
        for (const auto& c : s.components)
            row.push_back(c.value ? grading_percent(*c.value, language) : "—");
        row.push_back(s.score ? grading_percent(*s.score, language) : "—");
        row.push_back(s.result ? grade_label(*s.result, language) : "—");
        if (explanations)
            row.push_back(grade_explanation(r, s, language));
        t.rows.push_back(std::move(row));
    }
    return t;
}

inline document grading_document(const grading_result& r, std::string_view language,
                                 bool flat = false) {
    const labels L{language};
    if (flat)
        return {std::string(language), {}, {grading_table_block(r, language, true)}, {}};
    std::string title = L(label::year_end_grading);
    if (!r.name.empty())
        title += " — " + r.name;
    else if (r.year)
        title += " " + std::to_string(*r.year);
    document d{std::string(language), title, {}, {}};
    d.blocks.emplace_back(paragraph(thresholds_text(r.thresholds, language)));
    d.blocks.emplace_back(paragraph(L(label::grading_score_rule)));
    std::string counts;
    for (auto g : {grade::excellent, grade::good, grade::completed, grade::not_completed}) {
        const auto it = r.counts.find(g);
        counts += (counts.empty() ? "" : ", ") + grade_label(g, language) + " " +
                  std::to_string(it == r.counts.end() ? 0 : it->second);
    }
    d.blocks.emplace_back(paragraph(L(label::grade_counts) + ":", " " + counts + "."));
    d.blocks.emplace_back(grading_table_block(r, language, false));
    section how{2, L(label::how_graded), {}};
    for (const auto& s : r.subjects)
        how.blocks.emplace_back(paragraph(s.name + ":", " " + grade_explanation(r, s, language)));
    d.sections.push_back(std::move(how));
    return d;
}

} // namespace doc

/// The grading in `format` (text, Markdown, HTML; CSV is one flat table with the
/// explanations), Vietnamese ("vi", the default) or English ("en").
inline std::string render_grading(const grading_result& r, report_format format,
                                  std::string_view language = "vi") {
    return doc::write(doc::grading_document(r, language, format == report_format::csv), format);
}

} // namespace ntmkit
