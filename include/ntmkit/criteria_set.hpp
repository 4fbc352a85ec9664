// A criteria set (bộ tiêu chí) as data: groups → criteria → indicators, each indicator with a
// threshold that may differ per variant (region for 2021–2025, commune group for 2026–2030).
// Sets change between periods and provinces, so nothing here is hard-coded; see docs/criteria.md.
#pragma once

#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

/// How an indicator value is compared with its threshold. `achieved` is a yes/no item ("Đạt").
enum class threshold_kind { at_least, at_most, equals, achieved };
constexpr auto enum_names(threshold_kind) {
    using k = threshold_kind;
    return std::array{std::pair{k::at_least, "at_least"}, std::pair{k::at_most, "at_most"},
                      std::pair{k::equals, "equals"}, std::pair{k::achieved, "achieved"}};
}

/// What threshold variants are keyed by.
enum class variant_kind { none, region, commune_group };
constexpr auto enum_names(variant_kind) {
    using k = variant_kind;
    return std::array{std::pair{k::none, "none"}, std::pair{k::region, "region"},
                      std::pair{k::commune_group, "commune_group"}};
}

enum class met_rule_kind { all_indicators, min_score };
constexpr auto enum_names(met_rule_kind) {
    using k = met_rule_kind;
    return std::array{std::pair{k::all_indicators, "all_indicators"},
                      std::pair{k::min_score, "min_score"}};
}

/// One threshold figure. A missing value means "not known": evaluation reports such an
/// indicator as unknown, never as met.
struct threshold_value {
    threshold_kind kind = threshold_kind::achieved;
    std::optional<double> value; ///< for `achieved`, 1 means "must be Đạt"
    std::string unit;            ///< "percent", "million_vnd_per_person", ...; empty if none
    std::string text_vi;         ///< the wording of the source
    bool verified = false;       ///< the figure was seen in a source
    bool user_set = false;       ///< set by the user: never an official figure
    std::string note;
    std::string source;     ///< address of the page the figure was read from, if recorded
    std::string confidence; ///< how far that page can be trusted, as the research stated it

    bool known() const { return value.has_value(); }
};

/// The general figure (chỉ tiêu chung) plus per-variant figures.
struct threshold {
    std::optional<threshold_value> general;
    std::map<std::string, threshold_value, std::less<>> variants;

    /// The figure for `variant` (already resolved, "" = general only): the variant's own when
    /// known, else the general one when known, else an unknown slot, else nullptr.
    const threshold_value* resolve(std::string_view variant) const {
        auto it = variant.empty() ? variants.end() : variants.find(variant);
        const threshold_value* own = it == variants.end() ? nullptr : &it->second;
        const threshold_value* gen = general ? &*general : nullptr;
        if (own && own->known())
            return own;
        if (gen && gen->known())
            return gen;
        return own ? own : gen;
    }
};

struct criterion_indicator {
    std::string code; ///< unique within the set, e.g. "15.2"
    bool code_inferred = false;
    std::string content_vi;
    std::string content_source;
    std::optional<double> points; ///< score earned when met (min_score criteria)
    ntmkit::threshold threshold;
    std::vector<std::string> source_urls;
    std::string source_type;
    std::vector<std::string> notes;
};

/// When a criterion is met: all its indicators met, or met indicators worth ≥ min_score points.
struct met_rule {
    met_rule_kind kind = met_rule_kind::all_indicators;
    double min_score = 0;

    static met_rule all_indicators() { return {}; }
    static met_rule at_least_points(double n) { return {met_rule_kind::min_score, n}; }
};

struct criterion {
    std::string code; ///< "1".."19"
    std::string name_vi;
    std::string name_en;
    ntmkit::met_rule met_rule;
    /// False when the source did not confirm the indicator list: the criterion can then be
    /// missed but not met from its indicators alone.
    bool indicators_complete = false;
    std::vector<criterion_indicator> indicators;
    std::vector<std::string> source_urls;
    std::vector<std::string> notes;
};

struct criterion_group {
    std::string id;
    std::string name_vi;
    std::string name_en;
    std::vector<criterion> criteria;
    std::vector<std::string> source_urls;
    std::vector<std::string> notes;
};

/// A region or commune group. `same_as` makes it use another variant's thresholds (QĐ 318:
/// extremely disadvantaged communes use the northern midlands and mountains figures).
struct criteria_variant {
    std::string id;
    std::string name_vi;
    std::string same_as;
    std::string definition_vi;
    std::vector<std::string> source_urls;
};

struct criteria_source {
    std::string document_vi;
    std::string title_vi;
    std::string annex_vi;
    std::string signer_vi;
    std::string date;           ///< ISO date of the document, "" if unknown
    std::string effective_date; ///< ISO date, "" if unknown
    bool primary_text_obtained = false;
    std::vector<std::string> urls;
    std::vector<std::string> notes;
};

/// Counts the source states, to check the shipped structure against.
struct stated_counts {
    std::optional<int> groups;
    std::optional<int> criteria;
    std::optional<int> indicators;
};

struct criteria_set {
    std::string id;
    std::string title_vi;
    std::string title_en;
    std::string scope; ///< "commune", "residential_area", "garden", ...
    std::optional<int> period_from;
    std::optional<int> period_to;
    std::string based_on;            ///< id of the set this one extends, informational
    bool structure_verified = false; ///< criteria names and grouping seen in a source
    bool criteria_complete = false;  ///< every criterion of the set is listed
    stated_counts stated;
    criteria_source source;
    ntmkit::variant_kind variant_kind = ntmkit::variant_kind::none;
    std::vector<criteria_variant> variants;
    std::vector<std::string> notes;
    std::vector<criterion_group> groups;

    std::size_t criterion_count() const {
        std::size_t n = 0;
        for (const auto& g : groups)
            n += g.criteria.size();
        return n;
    }
    std::size_t indicator_count() const {
        std::size_t n = 0;
        for (const auto& g : groups)
            for (const auto& c : g.criteria)
                n += c.indicators.size();
        return n;
    }
    /// Criteria in set order.
    std::vector<const criterion*> criteria() const {
        std::vector<const criterion*> out;
        for (const auto& g : groups)
            for (const auto& c : g.criteria)
                out.push_back(&c);
        return out;
    }
    const criterion* find_criterion(std::string_view code) const {
        for (const auto& g : groups)
            for (const auto& c : g.criteria)
                if (c.code == code)
                    return &c;
        return nullptr;
    }
    criterion* find_criterion(std::string_view code) {
        return const_cast<criterion*>(std::as_const(*this).find_criterion(code));
    }
    const criterion_indicator* find_indicator(std::string_view code) const {
        for (const auto& g : groups)
            for (const auto& c : g.criteria)
                for (const auto& i : c.indicators)
                    if (i.code == code)
                        return &i;
        return nullptr;
    }
    criterion_indicator* find_indicator(std::string_view code) {
        return const_cast<criterion_indicator*>(std::as_const(*this).find_indicator(code));
    }

    /// The variant whose thresholds apply: follows `same_as`. "" means general figures only.
    /// Throws validation_error for a variant the set does not declare.
    std::string resolve_variant(std::string_view variant) const {
        if (variant.empty())
            return {};
        for (const auto& v : variants)
            if (v.id == variant)
                return v.same_as.empty() ? v.id : resolve_variant(v.same_as);
        std::string expected;
        for (const auto& v : variants)
            expected += (expected.empty() ? "" : ", ") + v.id;
        throw validation_error(
            "variant \"" + std::string(variant) + "\"",
            "not a " + to_string(variant_kind) + " of criteria set " + id +
                (expected.empty() ? " (it has no variants)" : "; expected one of " + expected));
    }

    /// Fill or override a figure ("" variant = general). The figure is marked user_set and
    /// unverified; the source wording is kept in the note. For `achieved` pass 1.
    void set_threshold(std::string_view indicator_code, std::string_view variant, double value) {
        auto* ind = find_indicator(indicator_code);
        if (!ind)
            throw validation_error("indicator " + std::string(indicator_code),
                                   "not in criteria set " + id);
        auto key = resolve_variant(variant);
        threshold_value* slot = nullptr;
        if (key.empty()) {
            if (!ind->threshold.general)
                ind->threshold.general = template_slot(*ind);
            slot = &*ind->threshold.general;
        } else {
            auto it = ind->threshold.variants.find(key);
            if (it == ind->threshold.variants.end())
                it = ind->threshold.variants.emplace(key, template_slot(*ind)).first;
            slot = &it->second;
        }
        if (slot->kind == threshold_kind::achieved && value != 1)
            throw validation_error("indicator " + ind->code,
                                   "an achieved (Đạt) threshold takes the value 1, got " +
                                       std::to_string(value));
        if (!slot->text_vi.empty())
            slot->note = "set by the user; the source said: " + slot->text_vi;
        else
            slot->note = "set by the user";
        slot->text_vi.clear();
        slot->source.clear(); // the figure is the user's now, not the page's
        slot->confidence.clear();
        slot->value = value;
        slot->verified = false;
        slot->user_set = true;
    }

private:
    // A new slot takes kind and unit from the figures the indicator already has.
    static threshold_value template_slot(const criterion_indicator& ind) {
        threshold_value t;
        if (ind.threshold.general)
            t = *ind.threshold.general;
        else if (!ind.threshold.variants.empty())
            t = ind.threshold.variants.begin()->second;
        return {t.kind, std::nullopt, t.unit, "", false, false, "", "", ""};
    }
};

} // namespace ntmkit
