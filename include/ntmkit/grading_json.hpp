// Grading tables as files (format "ntmkit-grading" version 1, docs/format.md) and grading
// results as JSON. Reading refuses unknown members and names the JSON pointer of every error.
#pragma once

#include <ntmkit/detail/json_cursor.hpp>
#include <ntmkit/detail/json_strict.hpp>
#include <ntmkit/grading.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace ntmkit {

inline constexpr std::string_view grading_format = "ntmkit-grading";
inline constexpr int grading_format_version = 1;

namespace detail {

inline double fraction_at(const json_cursor& c) {
    const double v = c.as_number();
    if (v < 0 || v > 1)
        c.invalid("expected a fraction from 0 to 1, got " + number_text(v));
    return v;
}

inline grading_component read_grading_component(const json_cursor& c) {
    require_known_members(c, {"id", "name_vi", "name_en", "weight", "source", "missing"});
    grading_component g;
    g.id = c.at("id").as_string();
    g.name_vi = optional_string(c, "name_vi");
    g.name_en = optional_string(c, "name_en");
    g.weight = optional_number(c, "weight").value_or(1);
    if (auto v = c.find("source"))
        g.source = v->as_enum<grading_source>();
    if (auto v = c.find("missing")) {
        const auto m = v->as_string();
        if (m != "left_out" && m != "zero")
            v->fail("\"left_out\" or \"zero\"");
        g.missing_counts_as_zero = m == "zero";
    }
    return g;
}

inline grade_thresholds read_thresholds(const json_cursor& c) {
    require_known_members(c, {"excellent", "good", "completed", "illustrative"});
    grade_thresholds t;
    t.excellent = fraction_at(c.at("excellent"));
    t.good = fraction_at(c.at("good"));
    t.completed = fraction_at(c.at("completed"));
    t.illustrative = optional_bool(c, "illustrative", false);
    return t;
}

inline grading_subject read_grading_subject(const json_cursor& c) {
    require_known_members(c, {"id", "name", "kind", "values"});
    grading_subject s;
    s.id = c.at("id").as_string();
    s.name = optional_string(c, "name");
    if (s.name.empty())
        s.name = s.id;
    s.kind = optional_string(c, "kind");
    if (auto v = c.find("values")) {
        v->require_object();
        for (const auto& item : v->value().items())
            s.values[item.key()] = fraction_at(v->at(item.key()));
    }
    return s;
}

} // namespace detail

/// Reads and validates a table; errors name the JSON pointer ("/subjects/3/values/dot_1").
/// Without "thresholds" the illustrative defaults apply and stay marked illustrative.
inline void from_json(const nlohmann::json& j, grading_table& t) {
    detail::json_cursor c(j);
    detail::require_known_members(c, {"format", "format_version", "id", "name", "year",
                                      "components", "thresholds", "subjects"});
    detail::require_format(c, grading_format, grading_format_version);
    grading_table r;
    r.id = c.at("id").as_string();
    r.name = detail::optional_string(c, "name");
    r.year = detail::optional_int(c, "year");
    auto comps = c.at("components");
    for (std::size_t k = 0; k < comps.size(); ++k)
        r.components.push_back(detail::read_grading_component(comps.at(k)));
    if (auto th = c.find("thresholds"))
        r.thresholds = detail::read_thresholds(*th);
    if (auto subs = c.find("subjects"))
        for (std::size_t k = 0; k < subs->size(); ++k)
            r.subjects.push_back(detail::read_grading_subject(subs->at(k)));
    validate(r);
    t = std::move(r);
}

template <class J> void to_json(J& j, const grading_table& t) {
    j = J::object();
    j["format"] = grading_format;
    j["format_version"] = grading_format_version;
    j["id"] = t.id;
    if (!t.name.empty())
        j["name"] = t.name;
    if (t.year)
        j["year"] = *t.year;
    J comps = J::array();
    for (const auto& c : t.components) {
        J x = J::object();
        x["id"] = c.id;
        x["name_vi"] = c.name_vi;
        x["name_en"] = c.name_en;
        x["weight"] = c.weight;
        x["source"] = to_string(c.source);
        x["missing"] = c.missing_counts_as_zero ? "zero" : "left_out";
        comps.push_back(std::move(x));
    }
    j["components"] = std::move(comps);
    J th = J::object();
    th["excellent"] = t.thresholds.excellent;
    th["good"] = t.thresholds.good;
    th["completed"] = t.thresholds.completed;
    th["illustrative"] = t.thresholds.illustrative;
    j["thresholds"] = std::move(th);
    J subs = J::array();
    for (const auto& s : t.subjects) {
        J x = J::object();
        x["id"] = s.id;
        x["name"] = s.name;
        if (!s.kind.empty())
            x["kind"] = s.kind;
        J values = J::object();
        for (const auto& c : t.components) // in the table's column order
            if (auto it = s.values.find(c.id); it != s.values.end())
                values[c.id] = it->second;
        x["values"] = std::move(values);
        subs.push_back(std::move(x));
    }
    j["subjects"] = std::move(subs);
}

/// The canonical text of a table file: keys in a fixed order, 2-space indent, newline at the end.
inline std::string grading_table_to_json_text(const grading_table& t) {
    nlohmann::ordered_json j;
    to_json(j, t);
    return j.dump(2) + "\n";
}

inline grading_table grading_table_from_json_text(std::string_view text,
                                                  const std::string& source = "") {
    const auto j = detail::parse_json_text(text, source.empty() ? "JSON" : source);
    grading_table t;
    detail::located_in(source, [&] { from_json(j, t); });
    return t;
}

template <class J> void to_json(J& j, const grading_result& r) {
    j = J::object();
    j["table"] = r.table_id;
    j["name"] = r.name;
    j["year"] = r.year ? J(*r.year) : J(nullptr);
    J th = J::object();
    th["excellent"] = r.thresholds.excellent;
    th["good"] = r.thresholds.good;
    th["completed"] = r.thresholds.completed;
    th["illustrative"] = r.thresholds.illustrative;
    j["thresholds"] = std::move(th);
    J subjects = J::array();
    for (const auto& s : r.subjects) {
        J x = J::object();
        x["id"] = s.id;
        x["name"] = s.name;
        x["kind"] = s.kind;
        x["score"] = s.score ? J(*s.score) : J(nullptr);
        x["grade"] = s.result ? J(std::string(to_string(*s.result))) : J(nullptr);
        x["weight_total"] = s.weight_total;
        x["weighted_sum"] = s.weighted_sum;
        J comps = J::array();
        for (const auto& c : s.components)
            comps.push_back(J{{"id", c.id},
                              {"value", c.value ? J(*c.value) : J(nullptr)},
                              {"counted", c.counted},
                              {"weight", c.weight},
                              {"in_score", c.in_score}});
        x["components"] = std::move(comps);
        subjects.push_back(std::move(x));
    }
    j["subjects"] = std::move(subjects);
}

} // namespace ntmkit
