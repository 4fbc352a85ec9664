// Scoring tables as provinces use them (e.g. Đắk Lắk 2014): per item a standard score, the
// unit's self-assessed score and the re-checked score of the appraisal team; totals per
// criterion and overall. File format "ntmkit-scoring" version 1 (docs/criteria.md).
#pragma once

#include <ntmkit/detail/json_cursor.hpp>
#include <ntmkit/detail/json_strict.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/evaluation.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ntmkit {

inline constexpr std::string_view scoring_format = "ntmkit-scoring";
inline constexpr int scoring_format_version = 1;

struct score_item {
    std::string code;
    std::string content_vi;
    double standard = 0;                 ///< điểm chuẩn: the most the item can score
    std::optional<double> self_assessed; ///< điểm tự chấm; nullopt = not scored yet
    std::optional<double> rechecked;     ///< điểm phúc tra; nullopt = not re-checked yet
    std::string note;
};

/// Sums of one criterion or the whole table; *_missing count items not scored yet.
struct score_totals {
    double standard = 0;
    double self_assessed = 0;
    double rechecked = 0;
    std::size_t self_missing = 0;
    std::size_t rechecked_missing = 0;

    score_totals& operator+=(const score_totals& o) {
        standard += o.standard;
        self_assessed += o.self_assessed;
        rechecked += o.rechecked;
        self_missing += o.self_missing;
        rechecked_missing += o.rechecked_missing;
        return *this;
    }
};

struct scored_criterion {
    std::string code;
    std::string name_vi;
    std::optional<double> standard_total; ///< declared maximum (e.g. 100); items must sum to it
    std::optional<double> pass_score;     ///< criterion met at this total or more
    std::vector<score_item> items;

    score_totals totals() const {
        score_totals t;
        for (const auto& i : items) {
            t.standard += i.standard;
            t.self_assessed += i.self_assessed.value_or(0);
            t.rechecked += i.rechecked.value_or(0);
            t.self_missing += !i.self_assessed;
            t.rechecked_missing += !i.rechecked;
        }
        return t;
    }
};

struct scoring_table {
    std::string id;
    std::string title_vi;
    std::string unit_id;         ///< the commune or village scored
    std::string criteria_set_id; ///< the set whose criteria are scored, if any
    std::vector<scored_criterion> criteria;

    score_totals totals() const {
        score_totals t;
        for (const auto& c : criteria)
            t += c.totals();
        return t;
    }
    const scored_criterion* find(std::string_view code) const {
        for (const auto& c : criteria)
            if (c.code == code)
                return &c;
        return nullptr;
    }
};

/// Checks codes are unique, standards positive, and no score below 0 or above its standard.
/// Errors are located by JSON pointer (/criteria/0/items/2/self_assessed) and name the item.
inline void validate(const scoring_table& t) {
    std::set<std::string> criteria, items;
    auto fmt = [](double v) { return detail::number_text(v); };
    for (std::size_t c = 0; c < t.criteria.size(); ++c) {
        const auto& cr = t.criteria[c];
        auto cw = "/criteria/" + std::to_string(c);
        if (!criteria.insert(cr.code).second)
            throw validation_error(cw + "/code", "criterion " + cr.code + " listed twice");
        for (std::size_t i = 0; i < cr.items.size(); ++i) {
            const auto& it = cr.items[i];
            auto iw = cw + "/items/" + std::to_string(i);
            auto name = "item " + it.code + " of criterion " + cr.code;
            if (!items.insert(it.code).second)
                throw validation_error(iw + "/code", name + " listed twice");
            if (!(it.standard > 0))
                throw validation_error(iw + "/standard",
                                       name + ": standard score must be positive");
            auto check = [&](const std::optional<double>& s, const char* key, const char* label) {
                if (s && (*s < 0 || *s > it.standard))
                    throw validation_error(iw + "/" + key, name + ": " + label + " score " +
                                                               fmt(*s) + " is outside 0.." +
                                                               fmt(it.standard));
            };
            check(it.self_assessed, "self_assessed", "self-assessed");
            check(it.rechecked, "rechecked", "re-checked");
        }
        auto sum = cr.totals().standard;
        if (cr.standard_total && std::abs(*cr.standard_total - sum) > 1e-9)
            throw validation_error(cw + "/standard_total",
                                   "criterion " + cr.code + ": items' standard scores sum to " +
                                       fmt(sum) + ", not " + fmt(*cr.standard_total));
        if (cr.pass_score && (*cr.pass_score < 0 || *cr.pass_score > sum))
            throw validation_error(cw + "/pass_score", "criterion " + cr.code + ": pass score " +
                                                           fmt(*cr.pass_score) + " is outside 0.." +
                                                           fmt(sum));
    }
}

enum class score_basis { self_assessed, rechecked };
constexpr auto enum_names(score_basis) {
    return std::array{std::pair{score_basis::self_assessed, "self_assessed"},
                      std::pair{score_basis::rechecked, "rechecked"}};
}

/// Criteria with a pass score whose items are all scored, as assessments for evaluate().
inline criterion_assessments assessments_from(const scoring_table& t, score_basis basis) {
    criterion_assessments out;
    for (const auto& c : t.criteria) {
        auto s = c.totals();
        bool self = basis == score_basis::self_assessed;
        if (!c.pass_score || (self ? s.self_missing : s.rechecked_missing) > 0)
            continue;
        out[c.code] = (self ? s.self_assessed : s.rechecked) >= *c.pass_score;
    }
    return out;
}

namespace detail {

inline score_item read_score_item(const json_cursor& c) {
    require_known_members(c,
                          {"code", "content_vi", "standard", "self_assessed", "rechecked", "note"});
    score_item i;
    i.code = c.at("code").as_string();
    i.content_vi = optional_string(c, "content_vi");
    i.standard = c.at("standard").as_number();
    i.self_assessed = optional_number(c, "self_assessed");
    i.rechecked = optional_number(c, "rechecked");
    i.note = optional_string(c, "note");
    return i;
}

inline scored_criterion read_scored_criterion(const json_cursor& c) {
    require_known_members(c,
                          {"code", "name_vi", "standard_total", "pass_score", "items", "totals"});
    scored_criterion r;
    r.code = c.at("code").as_string();
    r.name_vi = optional_string(c, "name_vi");
    r.standard_total = optional_number(c, "standard_total");
    r.pass_score = optional_number(c, "pass_score");
    auto items = c.at("items");
    for (std::size_t k = 0; k < items.size(); ++k)
        r.items.push_back(read_score_item(items.at(k)));
    return r;
}

} // namespace detail

inline void to_json(nlohmann::json& j, const score_totals& t) {
    j = {{"standard", t.standard},
         {"self_assessed", t.self_assessed},
         {"rechecked", t.rechecked},
         {"self_missing", t.self_missing},
         {"rechecked_missing", t.rechecked_missing}};
}

inline void to_json(nlohmann::json& j, const score_item& i) {
    j = {{"code", i.code},
         {"content_vi", detail::string_or_null(i.content_vi)},
         {"standard", i.standard},
         {"self_assessed", detail::optional_or_null(i.self_assessed)},
         {"rechecked", detail::optional_or_null(i.rechecked)}};
    if (!i.note.empty())
        j["note"] = i.note;
}

/// Totals are written for readers of the file; they are recomputed, not read back.
inline void to_json(nlohmann::json& j, const scored_criterion& c) {
    j = {{"code", c.code},
         {"name_vi", detail::string_or_null(c.name_vi)},
         {"standard_total", detail::optional_or_null(c.standard_total)},
         {"pass_score", detail::optional_or_null(c.pass_score)},
         {"items", c.items},
         {"totals", c.totals()}};
}

inline void to_json(nlohmann::json& j, const scoring_table& t) {
    j = {{"format", scoring_format},
         {"format_version", scoring_format_version},
         {"id", t.id},
         {"title_vi", detail::string_or_null(t.title_vi)},
         {"unit", detail::string_or_null(t.unit_id)},
         {"criteria_set", detail::string_or_null(t.criteria_set_id)},
         {"criteria", t.criteria},
         {"totals", t.totals()}};
}

/// Reads and validates a table; errors name the JSON pointer and the item.
inline void from_json(const nlohmann::json& j, scoring_table& t) {
    detail::json_cursor c(j);
    detail::require_known_members(c, {"format", "format_version", "id", "title_vi", "unit",
                                      "criteria_set", "criteria", "totals"});
    detail::require_format(c, scoring_format, scoring_format_version);
    scoring_table r;
    r.id = c.at("id").as_string();
    r.title_vi = detail::optional_string(c, "title_vi");
    r.unit_id = detail::optional_string(c, "unit");
    r.criteria_set_id = detail::optional_string(c, "criteria_set");
    auto list = c.at("criteria");
    for (std::size_t k = 0; k < list.size(); ++k)
        r.criteria.push_back(detail::read_scored_criterion(list.at(k)));
    validate(r);
    t = std::move(r);
}

} // namespace ntmkit
