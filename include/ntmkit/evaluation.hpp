// Evaluating a unit against a criteria set: which criteria are met ("X/N"), which indicators
// miss and by how much. An indicator without a known threshold or value is unknown, never met:
// the shipped sets have many unverified gaps and a silent "met" would overstate results.
#pragma once

#include <ntmkit/criteria_set.hpp>
#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ntmkit {

/// A measured value (a rate, an income) or a yes/no assessment ("Đạt").
using indicator_value = std::variant<double, bool>;
/// Indicator code → value for one unit.
using indicator_values = std::map<std::string, indicator_value, std::less<>>;
/// Criterion code → met, for criteria assessed as a whole (e.g. by the district's appraisal)
/// rather than from indicator values.
using criterion_assessments = std::map<std::string, bool, std::less<>>;

/// A commune's statement that a criterion is met or not, with its evidence (the recognition
/// decision, the appraisal record, "biên bản thẩm định 12/2022"): how "keep 20/20" is tracked
/// when the set ships too few figures to decide criteria from values.
struct criterion_statement {
    bool met = false;
    std::string evidence;
};
using criterion_statements = std::map<std::string, criterion_statement, std::less<>>;

enum class indicator_status { met, missed, unknown };
constexpr auto enum_names(indicator_status) {
    using s = indicator_status;
    return std::array{std::pair{s::met, "met"}, std::pair{s::missed, "missed"},
                      std::pair{s::unknown, "unknown"}};
}

enum class criterion_status { met, not_met, unknown };
constexpr auto enum_names(criterion_status) {
    using s = criterion_status;
    return std::array{std::pair{s::met, "met"}, std::pair{s::not_met, "not_met"},
                      std::pair{s::unknown, "unknown"}};
}

struct indicator_result {
    std::string code;
    indicator_status status = indicator_status::unknown;
    std::optional<double> value;              ///< as entered; yes/no as 1/0
    std::optional<threshold_value> threshold; ///< the figure applied, if any
    std::optional<double> shortfall;          ///< distance to the threshold when missed
    std::string reason;                       ///< why unknown or missed, in words
};

struct criterion_result {
    std::string code;
    std::string name_vi;
    criterion_status status = criterion_status::unknown;
    bool assessed_directly = false;
    std::string evidence;        ///< of a stated criterion, as stated
    std::optional<double> score; ///< points of met indicators, for min_score criteria
    std::vector<indicator_result> indicators;
    std::string reason;

    /// True when the result leans on a figure that is not an official, verified one.
    bool uses_unverified_threshold() const {
        for (const auto& i : indicators)
            if (i.threshold && !i.threshold->verified &&
                (i.threshold->known() || i.status != indicator_status::unknown))
                return true;
        return false;
    }
};

struct evaluation {
    std::string set_id;
    std::string variant;       ///< as resolved (same_as followed)
    bool set_complete = false; ///< false: the set may have criteria not shipped
    std::vector<criterion_result> criteria;

    std::size_t total() const { return criteria.size(); }
    std::size_t met_count() const { return count(criterion_status::met); }
    std::size_t unknown_count() const { return count(criterion_status::unknown); }
    bool all_met() const { return !criteria.empty() && met_count() == total(); }
    /// "18/19"
    std::string summary() const {
        return std::to_string(met_count()) + "/" + std::to_string(total());
    }

    const criterion_result* find(std::string_view code) const {
        for (const auto& c : criteria)
            if (c.code == code)
                return &c;
        return nullptr;
    }
    std::vector<const indicator_result*> missed_indicators() const {
        std::vector<const indicator_result*> out;
        for (const auto& c : criteria)
            for (const auto& i : c.indicators)
                if (i.status == indicator_status::missed)
                    out.push_back(&i);
        return out;
    }

private:
    std::size_t count(criterion_status s) const {
        std::size_t n = 0;
        for (const auto& c : criteria)
            n += c.status == s;
        return n;
    }
};

namespace detail {

inline std::string number_text(double v) {
    auto s = nlohmann::json(v).dump();
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    return s;
}

inline indicator_result evaluate_indicator(const criterion_indicator& ind,
                                           const std::string& variant,
                                           const indicator_values& values) {
    indicator_result r;
    r.code = ind.code;
    const threshold_value* t = ind.threshold.resolve(variant);
    if (t)
        r.threshold = *t;
    auto it = values.find(ind.code);
    if (it != values.end()) {
        bool achieved_kind = t && t->kind == threshold_kind::achieved;
        if (const bool* b = std::get_if<bool>(&it->second)) {
            if (t && !achieved_kind)
                throw validation_error("indicator " + ind.code,
                                       "expected a number for a " + to_string(t->kind) +
                                           " threshold, got " + (*b ? "true" : "false"));
            r.value = *b ? 1.0 : 0.0;
        } else {
            double d = std::get<double>(it->second);
            if (!std::isfinite(d))
                throw validation_error("indicator " + ind.code, "expected a finite number");
            if (achieved_kind && d != 0 && d != 1)
                throw validation_error("indicator " + ind.code,
                                       "expected true/false (or 1/0) for an achieved threshold, "
                                       "got " +
                                           number_text(d));
            r.value = d;
        }
    }
    // A yes/no item requires Đạt whatever its unverified wording: a stated Đạt meets it.
    const bool yes_no = t && t->kind == threshold_kind::achieved;
    if (!t || (!t->known() && !yes_no)) {
        r.reason =
            variant.empty() ? "no known threshold" : "no known threshold for variant " + variant;
        return r;
    }
    if (!r.value) {
        r.reason = "no value entered";
        return r;
    }
    const double v = *r.value, limit = t->value.value_or(1.0);
    const double eps = 1e-9 * std::max(1.0, std::abs(limit));
    double gap = 0;
    switch (t->kind) {
    case threshold_kind::at_least:
        gap = limit - v;
        break;
    case threshold_kind::at_most:
        gap = v - limit;
        break;
    case threshold_kind::equals:
        gap = std::abs(v - limit);
        break;
    case threshold_kind::achieved:
        gap = v == 1 ? 0 : 1;
        break;
    }
    if (gap <= eps) {
        r.status = indicator_status::met;
        return r;
    }
    r.status = indicator_status::missed;
    if (t->kind == threshold_kind::achieved) {
        r.reason = "not achieved";
        return r;
    }
    r.shortfall = gap;
    auto unit = t->unit == "percent" ? std::string(" percentage points")
                                     : (t->unit.empty() ? std::string() : " " + t->unit);
    const char* what = t->kind == threshold_kind::at_least  ? " short of at least "
                       : t->kind == threshold_kind::at_most ? " over the maximum "
                                                            : " off the required ";
    r.reason = number_text(v) + ": " + number_text(gap) + unit + what + number_text(limit);
    return r;
}

inline void decide_all_indicators(criterion_result& r, bool complete) {
    bool any_unknown = false;
    for (const auto& i : r.indicators) {
        if (i.status == indicator_status::missed) {
            r.status = criterion_status::not_met;
            r.reason = "indicator " + i.code + " missed";
            return;
        }
        any_unknown = any_unknown || i.status == indicator_status::unknown;
    }
    if (r.indicators.empty())
        r.reason = "no indicators known for this criterion";
    else if (any_unknown)
        r.reason = "some indicators are unknown";
    else if (!complete)
        r.reason = "the indicator list is incomplete (indicators_complete false)";
    else
        r.status = criterion_status::met;
}

inline void decide_min_score(criterion_result& r, const criterion& c) {
    double earned = 0, possible = 0;
    for (std::size_t k = 0; k < c.indicators.size(); ++k) {
        double pts = c.indicators[k].points.value_or(0);
        if (r.indicators[k].status == indicator_status::met)
            earned += pts;
        if (r.indicators[k].status != indicator_status::missed)
            possible += pts;
    }
    r.score = earned;
    auto need = number_text(c.met_rule.min_score);
    if (earned >= c.met_rule.min_score) {
        r.status = criterion_status::met;
    } else if (possible < c.met_rule.min_score && c.indicators_complete) {
        r.status = criterion_status::not_met;
        r.reason = "at most " + number_text(possible) + " of " + need + " points reachable";
    } else {
        r.reason = number_text(earned) + " of " + need + " points, the rest unknown";
    }
}

} // namespace detail

/// Evaluates one unit. `variant` is its region or commune group ("" = general figures only).
/// A stated criterion is met or not as stated, whatever its indicators. Throws
/// validation_error for a value keyed by a code the set does not have (a typo would otherwise
/// turn into a silent "unknown") or of the wrong type.
inline evaluation evaluate(const criteria_set& set, std::string_view variant,
                           const indicator_values& values, const criterion_statements& assessed) {
    evaluation e;
    e.set_id = set.id;
    e.variant = set.resolve_variant(variant);
    e.set_complete = set.criteria_complete;
    for (const auto& [code, v] : values)
        if (!set.find_indicator(code))
            throw validation_error("indicator " + code, "not in criteria set " + set.id);
    for (const auto& [code, v] : assessed)
        if (!set.find_criterion(code))
            throw validation_error("criterion " + code, "not in criteria set " + set.id);
    for (const criterion* c : set.criteria()) {
        criterion_result r;
        r.code = c->code;
        r.name_vi = c->name_vi;
        for (const auto& ind : c->indicators)
            r.indicators.push_back(detail::evaluate_indicator(ind, e.variant, values));
        if (auto a = assessed.find(c->code); a != assessed.end()) {
            r.assessed_directly = true;
            r.status = a->second.met ? criterion_status::met : criterion_status::not_met;
            r.reason = "assessed directly";
            r.evidence = a->second.evidence;
        } else if (c->met_rule.kind == met_rule_kind::min_score) {
            detail::decide_min_score(r, *c);
        } else {
            detail::decide_all_indicators(r, c->indicators_complete);
        }
        e.criteria.push_back(std::move(r));
    }
    return e;
}

/// The same with criteria assessed as a whole without evidence (a scoring table's pass marks).
inline evaluation evaluate(const criteria_set& set, std::string_view variant,
                           const indicator_values& values,
                           const criterion_assessments& assessed = {}) {
    criterion_statements stated;
    for (const auto& [code, met] : assessed)
        stated[code] = {met, ""};
    return evaluate(set, variant, values, stated);
}

inline void to_json(nlohmann::json& j, const indicator_result& r) {
    j = {{"code", r.code},
         {"status", to_string(r.status)},
         {"value", r.value ? nlohmann::json(*r.value) : nlohmann::json()},
         {"shortfall", r.shortfall ? nlohmann::json(*r.shortfall) : nlohmann::json()},
         {"reason", r.reason}};
    if (r.threshold) {
        j["threshold"] = {
            {"kind", to_string(r.threshold->kind)},
            {"value", r.threshold->value ? nlohmann::json(*r.threshold->value) : nlohmann::json()},
            {"verified", r.threshold->verified},
            {"user_set", r.threshold->user_set}};
    } else {
        j["threshold"] = nullptr;
    }
}

inline void to_json(nlohmann::json& j, const criterion_result& r) {
    j = {{"code", r.code},
         {"name_vi", r.name_vi},
         {"status", to_string(r.status)},
         {"assessed_directly", r.assessed_directly},
         {"evidence", r.evidence.empty() ? nlohmann::json() : nlohmann::json(r.evidence)},
         {"score", r.score ? nlohmann::json(*r.score) : nlohmann::json()},
         {"uses_unverified_threshold", r.uses_unverified_threshold()},
         {"reason", r.reason},
         {"indicators", r.indicators}};
}

inline void to_json(nlohmann::json& j, const evaluation& e) {
    j = {{"set_id", e.set_id},    {"variant", e.variant}, {"set_complete", e.set_complete},
         {"met", e.met_count()},  {"total", e.total()},   {"summary", e.summary()},
         {"criteria", e.criteria}};
}

/// Criteria by how they moved between two dates. "Keep 20/20" holds when nothing_lost().
struct comparison {
    std::vector<std::string> maintained;  ///< met before and after
    std::vector<std::string> newly_met;   ///< met after only
    std::vector<std::string> lost;        ///< met before, not met after
    std::vector<std::string> unconfirmed; ///< met before, unknown after: not yet shown kept
    std::vector<std::string> still_unmet; ///< met at neither date

    bool nothing_lost() const { return lost.empty() && unconfirmed.empty(); }
};

/// Compares two evaluations of the same set, criterion by criterion (by code).
inline comparison compare(const evaluation& before, const evaluation& after) {
    if (before.set_id != after.set_id)
        throw validation_error("compare", "evaluations of different criteria sets: " +
                                              before.set_id + " and " + after.set_id);
    comparison out;
    for (const auto& a : after.criteria) {
        const criterion_result* b = before.find(a.code);
        bool was = b && b->status == criterion_status::met;
        bool is = a.status == criterion_status::met;
        if (was && is)
            out.maintained.push_back(a.code);
        else if (is)
            out.newly_met.push_back(a.code);
        else if (was && a.status == criterion_status::not_met)
            out.lost.push_back(a.code);
        else if (was)
            out.unconfirmed.push_back(a.code);
        else
            out.still_unmet.push_back(a.code);
    }
    return out;
}

inline void to_json(nlohmann::json& j, const comparison& c) {
    j = {{"maintained", c.maintained},
         {"newly_met", c.newly_met},
         {"lost", c.lost},
         {"unconfirmed", c.unconfirmed},
         {"still_unmet", c.still_unmet},
         {"nothing_lost", c.nothing_lost()}};
}

} // namespace ntmkit
