// The "ntmkit-criteria" file format, version 1 (docs/criteria.md). Reading is strict and every
// error names the JSON pointer of the offending value, so a user editing a set can find it.
#pragma once

#include <ntmkit/criteria_set.hpp>
#include <ntmkit/detail/json_cursor.hpp>
#include <ntmkit/detail/json_strict.hpp>

#include <nlohmann/json.hpp>

#include <set>

namespace ntmkit {

inline constexpr std::string_view criteria_format = "ntmkit-criteria";
inline constexpr int criteria_format_version = 1;

namespace detail {

inline threshold_value read_threshold_value(const json_cursor& c, threshold_kind fallback) {
    require_known_members(c, {"kind", "value", "unit", "text_vi", "verified", "user_set", "note",
                              "source", "confidence"});
    threshold_value t;
    auto kind = c.find("kind");
    t.kind = kind ? kind->as_enum<threshold_kind>() : fallback;
    if (auto v = c.find("value")) {
        if (t.kind == threshold_kind::achieved) {
            // Only "must be Đạt" makes sense; false would be a threshold nobody can miss.
            if (!v->value().is_boolean() || !v->as_bool())
                v->fail("true or null for an achieved threshold");
            t.value = 1;
        } else {
            t.value = v->as_number();
        }
    }
    t.unit = optional_string(c, "unit");
    t.text_vi = optional_string(c, "text_vi");
    t.verified = c.at("verified").as_bool();
    t.user_set = optional_bool(c, "user_set", false);
    t.note = optional_string(c, "note");
    t.source = optional_string(c, "source");
    t.confidence = optional_string(c, "confidence");
    if (t.verified && t.user_set)
        c.at("user_set").invalid("a user-set figure cannot also be verified");
    return t;
}

inline threshold read_threshold(const json_cursor& c, const std::set<std::string>& variant_ids) {
    require_known_members(c, {"general", "variants"});
    threshold t;
    auto kind = threshold_kind::achieved;
    if (auto g = c.find("general")) {
        t.general = read_threshold_value(*g, kind);
        kind = t.general->kind;
    }
    if (auto vs = c.find("variants")) {
        vs->require_object();
        for (const auto& item : vs->value().items()) {
            auto v = vs->at(item.key());
            if (!variant_ids.count(item.key()))
                v.invalid("threshold for undeclared variant \"" + item.key() +
                          "\" (declare it in /variants; aliases with same_as take no figures)");
            t.variants.emplace(item.key(), read_threshold_value(v, kind));
        }
    }
    return t;
}

inline criterion_indicator read_criterion_indicator(const json_cursor& c,
                                                    const std::set<std::string>& ids,
                                                    bool needs_points) {
    require_known_members(c, {"code", "code_inferred", "content_vi", "content_source", "points",
                              "threshold", "source_urls", "source_type", "notes"});
    criterion_indicator i;
    i.code = c.at("code").as_string();
    if (i.code.empty())
        c.at("code").fail("a non-empty indicator code");
    i.code_inferred = optional_bool(c, "code_inferred", false);
    i.content_vi = optional_string(c, "content_vi");
    i.content_source = optional_string(c, "content_source");
    i.points = optional_number(c, "points");
    if (needs_points && !i.points)
        c.invalid("indicator " + i.code + " needs \"points\": its criterion is met by score");
    if (i.points && *i.points < 0)
        c.at("points").fail("a score of 0 or more");
    if (auto t = c.find("threshold"))
        i.threshold = read_threshold(*t, ids);
    i.source_urls = string_list(c, "source_urls");
    i.source_type = optional_string(c, "source_type");
    i.notes = string_list(c, "notes");
    return i;
}

inline met_rule read_met_rule(const json_cursor& c) {
    require_known_members(c, {"kind", "points"});
    met_rule r;
    r.kind = c.at("kind").as_enum<met_rule_kind>();
    if (r.kind == met_rule_kind::min_score) {
        auto p = c.at("points");
        r.min_score = p.as_number();
        if (r.min_score <= 0)
            p.fail("a positive number of points");
    }
    return r;
}

inline criterion read_criterion(const json_cursor& c, const std::set<std::string>& ids) {
    require_known_members(c, {"code", "name_vi", "name_en", "met_rule", "indicators_complete",
                              "source_urls", "notes", "indicators"});
    criterion r;
    r.code = c.at("code").as_string();
    if (r.code.empty())
        c.at("code").fail("a non-empty criterion code");
    r.name_vi = c.at("name_vi").as_string();
    r.name_en = optional_string(c, "name_en");
    if (auto m = c.find("met_rule"))
        r.met_rule = read_met_rule(*m);
    r.indicators_complete = optional_bool(c, "indicators_complete", false);
    r.source_urls = string_list(c, "source_urls");
    r.notes = string_list(c, "notes");
    auto list = c.at("indicators");
    for (std::size_t k = 0; k < list.size(); ++k)
        r.indicators.push_back(
            read_criterion_indicator(list.at(k), ids, r.met_rule.kind == met_rule_kind::min_score));
    return r;
}

inline criterion_group read_group(const json_cursor& c, const std::set<std::string>& ids) {
    require_known_members(c, {"id", "name_vi", "name_en", "source_urls", "notes", "criteria"});
    criterion_group g;
    g.id = c.at("id").as_string();
    g.name_vi = optional_string(c, "name_vi");
    g.name_en = optional_string(c, "name_en");
    g.source_urls = string_list(c, "source_urls");
    g.notes = string_list(c, "notes");
    auto list = c.at("criteria");
    for (std::size_t k = 0; k < list.size(); ++k)
        g.criteria.push_back(read_criterion(list.at(k), ids));
    return g;
}

inline criteria_variant read_variant(const json_cursor& c) {
    require_known_members(c, {"id", "name_vi", "same_as", "definition_vi", "source_urls"});
    criteria_variant v;
    v.id = c.at("id").as_string();
    v.name_vi = optional_string(c, "name_vi");
    v.same_as = optional_string(c, "same_as");
    v.definition_vi = optional_string(c, "definition_vi");
    v.source_urls = string_list(c, "source_urls");
    return v;
}

inline criteria_source read_source(const json_cursor& c) {
    require_known_members(c, {"document_vi", "title_vi", "annex_vi", "signer_vi", "date",
                              "effective_date", "primary_text_obtained", "urls", "notes"});
    criteria_source s;
    s.document_vi = optional_string(c, "document_vi");
    s.title_vi = optional_string(c, "title_vi");
    s.annex_vi = optional_string(c, "annex_vi");
    s.signer_vi = optional_string(c, "signer_vi");
    s.date = optional_string(c, "date");
    s.effective_date = optional_string(c, "effective_date");
    s.primary_text_obtained = optional_bool(c, "primary_text_obtained", false);
    s.urls = string_list(c, "urls");
    s.notes = string_list(c, "notes");
    return s;
}

inline bool valid_set_id(const std::string& id) {
    if (id.empty())
        return false;
    for (char ch : id)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
              ch == '.'))
            return false;
    return id.front() != '.';
}

// Codes must be unique: evaluation inputs and comparisons are keyed by them.
inline void check_unique_codes(const json_cursor& root, const criteria_set& s) {
    std::set<std::string> criteria, indicators;
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
        auto gc = root.at("groups").at(g).at("criteria");
        for (std::size_t k = 0; k < s.groups[g].criteria.size(); ++k) {
            const auto& c = s.groups[g].criteria[k];
            if (!criteria.insert(c.code).second)
                gc.at(k).at("code").invalid("criterion code \"" + c.code + "\" used twice");
            for (std::size_t i = 0; i < c.indicators.size(); ++i)
                if (!indicators.insert(c.indicators[i].code).second)
                    gc.at(k)
                        .at("indicators")
                        .at(i)
                        .at("code")
                        .invalid("indicator code \"" + c.indicators[i].code + "\" used twice");
        }
    }
}

inline criteria_set read_criteria_set(const json_cursor& c) {
    require_known_members(c, {"format", "format_version", "id", "title_vi", "title_en", "scope",
                              "period", "based_on", "structure_verified", "criteria_complete",
                              "stated_counts", "source", "variant_kind", "variants", "notes",
                              "groups"});
    require_format(c, criteria_format, criteria_format_version);
    criteria_set s;
    s.id = c.at("id").as_string();
    if (!valid_set_id(s.id))
        c.at("id").fail("an id of lower-case letters, digits, '-', '_' or '.'");
    s.title_vi = c.at("title_vi").as_string();
    s.title_en = optional_string(c, "title_en");
    s.scope = optional_string(c, "scope");
    if (auto p = c.find("period")) {
        require_known_members(*p, {"from", "to"});
        s.period_from = optional_int(*p, "from");
        s.period_to = optional_int(*p, "to");
    }
    s.based_on = optional_string(c, "based_on");
    s.structure_verified = c.at("structure_verified").as_bool();
    s.criteria_complete = c.at("criteria_complete").as_bool();
    if (auto n = c.find("stated_counts")) {
        require_known_members(*n, {"groups", "criteria", "indicators"});
        s.stated = {optional_int(*n, "groups"), optional_int(*n, "criteria"),
                    optional_int(*n, "indicators")};
    }
    if (auto src = c.find("source"))
        s.source = read_source(*src);
    s.variant_kind = c.at("variant_kind").as_enum<ntmkit::variant_kind>();
    std::set<std::string> all_ids, figure_ids;
    if (auto vs = c.find("variants")) {
        for (std::size_t k = 0; k < vs->size(); ++k) {
            s.variants.push_back(read_variant(vs->at(k)));
            if (!all_ids.insert(s.variants.back().id).second)
                vs->at(k).at("id").invalid("variant \"" + s.variants.back().id +
                                           "\" declared twice");
        }
        for (std::size_t k = 0; k < s.variants.size(); ++k) {
            const auto& v = s.variants[k];
            if (v.same_as.empty()) {
                figure_ids.insert(v.id);
                continue;
            }
            const criteria_variant* target = nullptr;
            for (const auto& w : s.variants)
                if (w.id == v.same_as)
                    target = &w;
            if (!target || !target->same_as.empty())
                vs->at(k).at("same_as").invalid(
                    "\"" + v.same_as + "\" is not a declared variant with its own figures");
        }
    }
    if (s.variant_kind == variant_kind::none && !s.variants.empty())
        c.at("variants").invalid("variants given but variant_kind is \"none\"");
    s.notes = string_list(c, "notes");
    auto groups = c.at("groups");
    for (std::size_t k = 0; k < groups.size(); ++k)
        s.groups.push_back(read_group(groups.at(k), figure_ids));
    check_unique_codes(c, s);
    return s;
}

} // namespace detail

inline void to_json(nlohmann::json& j, const threshold_value& t) {
    j = {{"kind", to_string(t.kind)}};
    if (!t.value)
        j["value"] = nullptr;
    else if (t.kind == threshold_kind::achieved)
        j["value"] = true;
    else
        j["value"] = *t.value;
    j["unit"] = detail::string_or_null(t.unit);
    j["text_vi"] = detail::string_or_null(t.text_vi);
    j["verified"] = t.verified;
    if (t.user_set)
        j["user_set"] = true;
    if (!t.note.empty())
        j["note"] = t.note;
    if (!t.source.empty())
        j["source"] = t.source;
    if (!t.confidence.empty())
        j["confidence"] = t.confidence;
}

inline void to_json(nlohmann::json& j, const threshold& t) {
    j = nlohmann::json::object();
    j["general"] = t.general ? nlohmann::json(*t.general) : nlohmann::json();
    j["variants"] = nlohmann::json::object();
    for (const auto& [id, v] : t.variants)
        j["variants"][id] = v;
}

inline void to_json(nlohmann::json& j, const criterion_indicator& i) {
    j = {{"code", i.code},
         {"code_inferred", i.code_inferred},
         {"content_vi", detail::string_or_null(i.content_vi)},
         {"content_source", detail::string_or_null(i.content_source)},
         {"points", detail::optional_or_null(i.points)},
         {"threshold", i.threshold},
         {"source_urls", i.source_urls},
         {"source_type", detail::string_or_null(i.source_type)},
         {"notes", i.notes}};
}

inline void to_json(nlohmann::json& j, const met_rule& r) {
    j = {{"kind", to_string(r.kind)}};
    if (r.kind == met_rule_kind::min_score)
        j["points"] = r.min_score;
}

inline void to_json(nlohmann::json& j, const criterion& c) {
    j = {{"code", c.code},
         {"name_vi", c.name_vi},
         {"name_en", detail::string_or_null(c.name_en)},
         {"met_rule", c.met_rule},
         {"indicators_complete", c.indicators_complete},
         {"source_urls", c.source_urls},
         {"notes", c.notes},
         {"indicators", c.indicators}};
}

inline void to_json(nlohmann::json& j, const criterion_group& g) {
    j = {{"id", g.id},
         {"name_vi", detail::string_or_null(g.name_vi)},
         {"name_en", detail::string_or_null(g.name_en)},
         {"source_urls", g.source_urls},
         {"notes", g.notes},
         {"criteria", g.criteria}};
}

inline void to_json(nlohmann::json& j, const criteria_variant& v) {
    j = {{"id", v.id},
         {"name_vi", detail::string_or_null(v.name_vi)},
         {"same_as", detail::string_or_null(v.same_as)},
         {"definition_vi", detail::string_or_null(v.definition_vi)},
         {"source_urls", v.source_urls}};
}

inline void to_json(nlohmann::json& j, const criteria_source& s) {
    using detail::string_or_null;
    j = {{"document_vi", string_or_null(s.document_vi)},
         {"title_vi", string_or_null(s.title_vi)},
         {"annex_vi", string_or_null(s.annex_vi)},
         {"signer_vi", string_or_null(s.signer_vi)},
         {"date", string_or_null(s.date)},
         {"effective_date", string_or_null(s.effective_date)},
         {"primary_text_obtained", s.primary_text_obtained},
         {"urls", s.urls},
         {"notes", s.notes}};
}

inline void to_json(nlohmann::json& j, const criteria_set& s) {
    using detail::optional_or_null;
    j = nlohmann::json::object();
    j["format"] = criteria_format;
    j["format_version"] = criteria_format_version;
    j["id"] = s.id;
    j["title_vi"] = s.title_vi;
    j["title_en"] = detail::string_or_null(s.title_en);
    j["scope"] = detail::string_or_null(s.scope);
    j["period"] = {{"from", optional_or_null(s.period_from)},
                   {"to", optional_or_null(s.period_to)}};
    j["based_on"] = detail::string_or_null(s.based_on);
    j["structure_verified"] = s.structure_verified;
    j["criteria_complete"] = s.criteria_complete;
    j["stated_counts"] = {{"groups", optional_or_null(s.stated.groups)},
                          {"criteria", optional_or_null(s.stated.criteria)},
                          {"indicators", optional_or_null(s.stated.indicators)}};
    j["source"] = s.source;
    j["variant_kind"] = to_string(s.variant_kind);
    j["variants"] = s.variants;
    j["notes"] = s.notes;
    j["groups"] = s.groups;
}

/// Reads a whole set; throws parse_error / validation_error whose where() is a JSON pointer.
inline void from_json(const nlohmann::json& j, criteria_set& s) {
    s = detail::read_criteria_set(detail::json_cursor(j));
}

} // namespace ntmkit
