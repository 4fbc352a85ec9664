// Year-end grading (đánh giá, xếp loại cuối năm): the seed makes the campaign's results an
// important criterion when party cells, villages, mass organisations and cadres are graded at
// year end. A grading table holds, for each graded subject, values between 0 and 1 of several
// components (each campaign's completion, criteria kept, reporting on time, support given),
// the weight of each component and the score thresholds of the grades. Everything is the
// commune's choice: the default thresholds are illustrative, not an official rule
// (docs/grading.md). File format "ntmkit-grading" version 1 (grading_json.hpp).
//
//   score = Σ w × value / Σ w over the components counted for the subject
//   grade = the best grade whose threshold the score reaches (compared to 9 decimals)
#pragma once

#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/evaluation.hpp>
#include <ntmkit/format.hpp>
#include <ntmkit/ranking.hpp>
#include <ntmkit/submission.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

/// The four grades of the year-end review, best first.
enum class grade : std::uint8_t {
    excellent,     ///< Hoàn thành xuất sắc (nhiệm vụ)
    good,          ///< Hoàn thành tốt
    completed,     ///< Hoàn thành
    not_completed, ///< Không hoàn thành
};

constexpr auto enum_names(grade) {
    using P = std::pair<grade, std::string_view>;
    return std::array{P{grade::excellent, "excellent"}, P{grade::good, "good"},
                      P{grade::completed, "completed"}, P{grade::not_completed, "not_completed"}};
}

/// What a component measures; only descriptive (the value is always a fraction 0..1).
enum class grading_source : std::uint8_t {
    campaign_completion,  ///< a campaign's ranking score (weighted completion of the quotas)
    criteria_kept,        ///< criteria met ÷ criteria (e.g. 20/20 kept = 1)
    reporting_timeliness, ///< reports received on time ÷ reports expected
    support_given,        ///< support given ÷ support pledged or asked (labour, funds)
    other,
};

constexpr auto enum_names(grading_source) {
    using S = grading_source;
    using P = std::pair<S, std::string_view>;
    return std::array{P{S::campaign_completion, "campaign_completion"},
                      P{S::criteria_kept, "criteria_kept"},
                      P{S::reporting_timeliness, "reporting_timeliness"},
                      P{S::support_given, "support_given"}, P{S::other, "other"}};
}

/// One column of the table.
struct grading_component {
    std::string id;
    std::string name_vi;
    std::string name_en;
    double weight = 1; ///< ≥ 0; 0 shows the column without counting it
    grading_source source = grading_source::other;
    /// A subject without a value: false leaves the component out of its score (the weights of
    /// the others count), true counts it as 0.
    bool missing_counts_as_zero = false;
};

/// The lowest score of each grade but the last; the commune's decision.
struct grade_thresholds {
    double excellent = 0.9;
    double good = 0.7;
    double completed = 0.5;
    /// True until the commune adopts its own figures: reports then say the thresholds are
    /// illustrative, not official.
    bool illustrative = true;

    double at_least(grade g) const {
        return g == grade::excellent   ? excellent
               : g == grade::good      ? good
               : g == grade::completed ? completed
                                       : 0.0;
    }
};

/// One graded subject: a village, party cell, organisation or cadre. `kind` is free text
/// ("village", "party_cell", "organisation", "cadre"…): cadres are not units of a campaign.
struct grading_subject {
    std::string id;
    std::string name;
    std::string kind;
    std::map<std::string, double> values; ///< component id → 0..1
};

struct grading_table {
    std::string id;
    std::string name;
    std::optional<int> year;
    std::vector<grading_component> components;
    grade_thresholds thresholds;
    std::vector<grading_subject> subjects;

    const grading_component* component(std::string_view id) const {
        for (const auto& c : components)
            if (c.id == id)
                return &c;
        return nullptr;
    }
    /// The subject with this id, added (with `name` and `kind`) when absent.
    grading_subject& subject(const std::string& id, const std::string& name = {},
                             const std::string& kind = {}) {
        for (auto& s : subjects)
            if (s.id == id)
                return s;
        subjects.push_back({id, name.empty() ? id : name, kind, {}});
        return subjects.back();
    }
    /// Sets one value; an unknown component or a value outside 0..1 is a validation_error.
    void set_value(const std::string& subject_id, const std::string& component_id, double value) {
        check_value(component_id, value, "subject \"" + subject_id + "\", " + component_id);
        subject(subject_id).values[component_id] = value;
    }

    void check_value(const std::string& component_id, double value,
                     const std::string& where) const {
        if (!component(component_id))
            throw validation_error(where, "no component \"" + component_id + "\" in the table");
        if (!std::isfinite(value) || value < 0 || value > 1)
            throw validation_error(where, "a value must be a fraction from 0 to 1, got " +
                                              number_text(value));
    }
};

/// Checks ids are unique, weights finite and ≥ 0, thresholds ordered, values 0..1; errors
/// name the JSON pointer of the table's file ("/components/2/weight").
inline void validate(const grading_table& t) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t k = 0; k < t.components.size(); ++k) {
        const auto& c = t.components[k];
        const auto at = "/components/" + std::to_string(k);
        if (c.id.empty())
            throw validation_error(at + "/id", "a component needs an id");
        if (!seen.emplace(c.id, k).second)
            throw validation_error(at + "/id", "component \"" + c.id + "\" listed twice");
        if (!std::isfinite(c.weight) || c.weight < 0)
            throw validation_error(at + "/weight", "a weight must be a finite number 0 or more, "
                                                   "got " +
                                                       number_text(c.weight));
    }
    const auto& th = t.thresholds;
    for (auto [v, name] : {std::pair{th.excellent, "excellent"}, std::pair{th.good, "good"},
                           std::pair{th.completed, "completed"}})
        if (!std::isfinite(v) || v < 0 || v > 1)
            throw validation_error(std::string("/thresholds/") + name,
                                   "a threshold must be a fraction from 0 to 1, got " +
                                       number_text(v));
    if (!(th.completed <= th.good && th.good <= th.excellent))
        throw validation_error("/thresholds", "thresholds must not decrease from completed (" +
                                                  number_text(th.completed) + ") to good (" +
                                                  number_text(th.good) + ") to excellent (" +
                                                  number_text(th.excellent) + ")");
    seen.clear();
    for (std::size_t k = 0; k < t.subjects.size(); ++k) {
        const auto& s = t.subjects[k];
        const auto at = "/subjects/" + std::to_string(k);
        if (s.id.empty())
            throw validation_error(at + "/id", "a subject needs an id");
        if (!seen.emplace(s.id, k).second)
            throw validation_error(at + "/id", "subject \"" + s.id + "\" listed twice");
        for (const auto& [id, v] : s.values)
            t.check_value(id, v, at + "/values/" + id);
    }
}

// --- filling a table from campaigns -------------------------------------------------------------

/// Each ranked unit's score (its weighted completion; at most 1 even when the ranking counts
/// work beyond the quotas) as the value of `component`; unscored units get no value.
inline void add_completion(grading_table& t, const std::string& component,
                           const campaign_ranking& r) {
    if (!t.component(component))
        throw validation_error(component, "no component \"" + component + "\" in the table");
    for (const auto& s : r.ranked)
        t.subject(s.id, s.name, std::string(to_string(r.level))).values[component] =
            std::min(s.score, 1.0);
}

/// Each unit of `level`'s reports received on time ÷ reports expected, over the periods
/// reported by `as_of` (the campaign's last day when unset). A campaign without any
/// submission recorded gives no value: its timeliness was not tracked.
inline void add_timeliness(grading_table& t, const std::string& component, const campaign& c,
                           unit_level level, std::optional<date> as_of = std::nullopt,
                           std::optional<date> known_by = std::nullopt) {
    if (!t.component(component))
        throw validation_error(component, "no component \"" + component + "\" in the table");
    if (c.submissions().empty())
        return;
    const date until = as_of.value_or(c.window().last());
    std::vector<report_period> periods;
    for (const auto& p : c.schedule().periods(c.window()))
        if (p.report_date <= until)
            periods.push_back(p);
    const submission_context ctx{c.units(), c.schedule(), c.window()};
    for (const auto u : c.units().units_at(level)) {
        completeness_options o;
        o.level = level;
        o.within = u;
        o.known_by = known_by;
        const auto co = reporting_completeness(c.submissions(), ctx, periods, o);
        if (co.expected == 0)
            continue;
        t.subject(std::string(c.units().id(u)), std::string(c.units().name(u)),
                  std::string(to_string(level)))
            .values[component] = co.on_time_rate(); // a fraction, like the other components
    }
}

/// The criteria a subject kept, met ÷ criteria of an evaluation ("20/20" kept is 1; a criterion
/// still unknown counts as not kept, as the evaluation's summary says).
inline void add_criteria_kept(grading_table& t, const std::string& component,
                              const std::string& subject_id, const evaluation& e) {
    if (e.total() == 0)
        throw validation_error(subject_id, "an evaluation without criteria keeps nothing");
    t.set_value(subject_id, component,
                static_cast<double>(e.met_count()) / static_cast<double>(e.total()));
}

// --- grading -------------------------------------------------------------------------------------

/// One component of a subject's score, as it counted.
struct graded_component {
    std::string id;
    std::optional<double> value; ///< as given; unset when missing
    double counted = 0;          ///< the value used (0 for a missing one counted as zero)
    double weight = 0;
    bool in_score = false; ///< counted in the score (weight > 0 and a value or counted as 0)
};

struct graded_subject {
    std::string id;
    std::string name;
    std::string kind;
    std::vector<graded_component> components; ///< in the table's order
    double weight_total = 0;                  ///< Σ w over the counted components
    double weighted_sum = 0;                  ///< Σ w × value over them
    std::optional<double> score;              ///< unset when nothing counted: not graded
    std::optional<grade> result;
};

struct grading_result {
    std::string table_id;
    std::string name;
    std::optional<int> year;
    std::vector<grading_component> components;
    grade_thresholds thresholds;
    std::vector<graded_subject> subjects; ///< in the table's order
    std::map<grade, std::size_t> counts;  ///< subjects per grade

    std::vector<const graded_subject*> ungraded() const {
        std::vector<const graded_subject*> out;
        for (const auto& s : subjects)
            if (!s.result)
                out.push_back(&s);
        return out;
    }
};

/// The grade of a score: compared on the ranking's grid of 1e-9 (score_key), so a score of
/// exactly a threshold reaches it.
inline grade grade_of(double score, const grade_thresholds& t) {
    const auto k = score_key(score);
    if (k >= score_key(t.excellent))
        return grade::excellent;
    if (k >= score_key(t.good))
        return grade::good;
    if (k >= score_key(t.completed))
        return grade::completed;
    return grade::not_completed;
}

inline grading_result grade_subjects(const grading_table& t) {
    validate(t);
    grading_result out{t.id, t.name, t.year, t.components, t.thresholds, {}, {}};
    for (const auto& s : t.subjects) {
        graded_subject g{s.id, s.name, s.kind, {}, 0, 0, std::nullopt, std::nullopt};
        for (const auto& c : t.components) {
            graded_component gc{c.id, std::nullopt, 0, c.weight, false};
            if (auto it = s.values.find(c.id); it != s.values.end())
                gc.value = it->second;
            gc.counted = gc.value.value_or(0);
            gc.in_score = c.weight > 0 && (gc.value || c.missing_counts_as_zero);
            if (gc.in_score) {
                g.weight_total += c.weight;
                g.weighted_sum += c.weight * gc.counted;
            }
            g.components.push_back(std::move(gc));
        }
        if (g.weight_total > 0) {
            g.score = g.weighted_sum / g.weight_total;
            g.result = grade_of(*g.score, t.thresholds);
            ++out.counts[*g.result];
        }
        out.subjects.push_back(std::move(g));
    }
    return out;
}

} // namespace ntmkit
