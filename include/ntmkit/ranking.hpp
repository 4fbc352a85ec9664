// End-of-campaign evaluation: score every unit of one level by the completion of its quotas,
// rank the units, draw up the lists to commend and to remind, and measure how even the
// movement was across units (docs/ranking.md).
//
// Score of a unit = Σ wᵢ × min(ratioᵢ, 1 if capped) / Σ wᵢ over the indicators on which the
// unit has a target > 0 (its own or its children's, as the roll-up derives it) and a weight
// > 0. A unit with no such indicator is listed as unscored, not ranked.
//
// Ranks are "standard competition" ranks (1, 2, 2, 4): units whose scores are equal (within
// 1e-9) share a rank and the next rank skips. The declared tie-break only orders the units
// *within* a shared rank for display; it never splits the rank.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/rollup.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

/// How units with equal scores are listed within their shared rank.
enum class tie_break : std::uint8_t {
    none,             ///< order of the unit tree
    cumulative_total, ///< larger total done (Σ cumulative over scored indicators) first
    name,             ///< unit name, byte order of the UTF-8 text
};

constexpr auto enum_names(tie_break) {
    using T = tie_break;
    using P = std::pair<T, std::string_view>;
    return std::array{P{T::none, "none"}, P{T::cumulative_total, "cumulative_total"},
                      P{T::name, "name"}};
}

struct ranking_options {
    unit_level level = unit_level::household_group;
    /// Indicator id → weight ≥ 0. Indicators not listed weigh 1; weight 0 leaves one out.
    std::map<std::string, double> weights;
    bool cap_at_100 = true; ///< count at most 100% of each quota
    tie_break tie = tie_break::none;
    /// Commend the units ranked k or better (all units sharing rank k are included), except
    /// those reminded: a unit below remind_below is never commended.
    std::optional<int> commend_top_k;
    /// Commend the units scoring at least this (a fraction: 0.9 = 90%). With commend_top_k
    /// too, a unit must meet both. With neither, nobody is commended.
    std::optional<double> commend_at_least;
    double remind_below = 0.5;    ///< remind the units scoring below this fraction
    std::optional<date> known_by; ///< as in rollup_options: reproduce a past evaluation
};

/// One indicator of a unit's score.
struct indicator_score {
    indicator_index indicator;
    std::string id;
    double target;     ///< > 0
    double cumulative; ///< done since the campaign began
    double ratio;      ///< cumulative / target, uncapped
    double counted;    ///< the ratio as it counts in the score (capped at 1 if so chosen)
    double weight;
};

struct unit_score {
    unit_index unit;
    std::string id;
    std::string name;
    double score;            ///< 0..1 when capped
    int rank;                ///< standard competition rank, 1 = best
    double cumulative_total; ///< Σ cumulative over the scored indicators (a tie-break key)
    std::vector<indicator_score> indicators;
    bool commended = false;
    bool reminded = false;
};

/// How even a set of values is. `cv` and `gini` are unset when the mean is 0.
struct spread_stats {
    std::size_t count = 0;
    double mean = 0;
    double stddev = 0;        ///< population standard deviation: √(Σ(x − mean)² / n)
    std::optional<double> cv; ///< coefficient of variation: stddev / mean
    double min = 0, max = 0;
    std::optional<double> gini; ///< Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean): 0 = all equal
};

struct indicator_spread {
    indicator_index indicator;
    std::string id;
    spread_stats stats; ///< over the counted ratios of the ranked units with a target on it
};

struct unscored_unit {
    unit_index unit;
    std::string id;
    std::string name;
};

struct campaign_ranking {
    date as_of;
    unit_level level;
    bool cap_at_100;
    tie_break tie;
    std::map<std::string, double> weights; ///< the weight of every indicator, as used
    std::vector<unit_score> ranked;        ///< by rank, then the tie-break, then tree order
    std::vector<unscored_unit> unscored;   ///< units of the level with nothing to score
    std::vector<std::size_t> commend;      ///< positions in `ranked`, best first
    std::vector<std::size_t> remind;       ///< positions in `ranked`, in rank order
    spread_stats evenness;                 ///< over the scores of the ranked units
    std::vector<indicator_spread> per_indicator;
};

/// Mean, population standard deviation, CV, min, max and Gini of `xs`.
inline spread_stats spread_of(std::vector<double> xs) {
    spread_stats s;
    s.count = xs.size();
    if (xs.empty())
        return s;
    const double n = static_cast<double>(xs.size());
    s.mean = std::accumulate(xs.begin(), xs.end(), 0.0) / n;
    double ss = 0;
    for (double x : xs)
        ss += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(ss / n);
    std::sort(xs.begin(), xs.end());
    s.min = xs.front();
    s.max = xs.back();
    if (s.mean != 0) {
        s.cv = s.stddev / s.mean;
        // Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σₖ (2k − n + 1) x₍ₖ₎ over the sorted values, k from 0.
        double pairs = 0;
        for (std::size_t k = 0; k < xs.size(); ++k)
            pairs += (2.0 * static_cast<double>(k) - n + 1.0) * xs[k];
        s.gini = 2 * pairs / (2 * n * n * s.mean);
    }
    return s;
}

/// Scores are ranked, tied and compared with thresholds to 9 decimal places (a billionth of
/// a quota): two scores tie when they round to the same multiple of 1e-9.
inline long long score_key(double score) {
    return std::llround(score * 1e9);
}

/// Ranks the units by the roll-up `r` (its day and its known_by; `options.known_by` is not
/// used).
inline campaign_ranking rank_units(const campaign& c, const rollup& r,
                                   const ranking_options& options = {}) {
    const auto& tree = c.units();
    const auto& inds = c.indicators();
    campaign_ranking out;
    out.as_of = r.as_of();
    out.level = options.level;
    out.cap_at_100 = options.cap_at_100;
    out.tie = options.tie;

    std::vector<double> weight(inds.size(), 1.0);
    for (const auto& [id, w] : options.weights) {
        const auto i = c.find_indicator(id);
        const std::string where = "ranking weight \"" + id + "\"";
        if (!i)
            throw validation_error(where, "no such indicator in the campaign");
        if (!std::isfinite(w) || w < 0)
            throw validation_error(where, "a weight must be a finite number 0 or more");
        weight[static_cast<std::size_t>(*i)] = w;
    }
    for (std::size_t i = 0; i < inds.size(); ++i)
        out.weights[inds[i].id] = weight[i];
    if (options.commend_top_k && *options.commend_top_k < 0)
        throw validation_error("ranking commend_top_k", "must be 0 or more");
    if (options.commend_at_least && !std::isfinite(*options.commend_at_least))
        throw validation_error("ranking commend_at_least", "must be a finite number");
    if (!std::isfinite(options.remind_below))
        throw validation_error("ranking remind_below", "must be a finite number");

    for (const unit_index u : tree.units_at(options.level)) {
        unit_score s{u, std::string(tree.id(u)), std::string(tree.name(u)), 0, 0, 0, {}};
        double wsum = 0, sum = 0;
        for (std::size_t i = 0; i < inds.size(); ++i) {
            const auto row = r.row(u, static_cast<indicator_index>(i));
            if (!row.ratio || weight[i] <= 0)
                continue;
            const double counted = options.cap_at_100 ? std::min(*row.ratio, 1.0) : *row.ratio;
            s.indicators.push_back({static_cast<indicator_index>(i), inds[i].id, *row.target,
                                    row.tally.cumulative, *row.ratio, counted, weight[i]});
            wsum += weight[i];
            sum += weight[i] * counted;
            s.cumulative_total += row.tally.cumulative;
        }
        if (s.indicators.empty()) {
            out.unscored.push_back({u, std::move(s.id), std::move(s.name)});
            continue;
        }
        s.score = sum / wsum;
        out.ranked.push_back(std::move(s));
    }

    // Scores are compared on a grid of 1e-9 (score_key): equal keys tie. Rounding first keeps
    // "equal" transitive, so ranks do not depend on the order of the units in the file.
    std::stable_sort(out.ranked.begin(), out.ranked.end(),
                     [&](const unit_score& a, const unit_score& b) {
                         const auto ka = score_key(a.score), kb = score_key(b.score);
                         if (ka != kb)
                             return ka > kb;
                         switch (options.tie) {
                         case tie_break::cumulative_total:
                             if (a.cumulative_total != b.cumulative_total)
                                 return a.cumulative_total > b.cumulative_total;
                             break;
                         case tie_break::name:
                             if (a.name != b.name)
                                 return a.name < b.name;
                             break;
                         case tie_break::none:
                             break;
                         }
                         return a.unit < b.unit;
                     });
    for (std::size_t k = 0; k < out.ranked.size(); ++k) {
        auto& s = out.ranked[k];
        const bool tied = k > 0 && score_key(s.score) == score_key(out.ranked[k - 1].score);
        s.rank = tied ? out.ranked[k - 1].rank : static_cast<int>(k) + 1;
    }

    // A unit reminded is not commended, even when ranked within commend_top_k: one mark each.
    const bool any_commend = options.commend_top_k || options.commend_at_least;
    for (std::size_t k = 0; k < out.ranked.size(); ++k) {
        auto& s = out.ranked[k];
        const auto key = score_key(s.score);
        s.reminded = key < score_key(options.remind_below);
        s.commended = any_commend && !s.reminded &&
                      (!options.commend_top_k || s.rank <= *options.commend_top_k) &&
                      (!options.commend_at_least || key >= score_key(*options.commend_at_least));
        if (s.commended)
            out.commend.push_back(k);
        if (s.reminded)
            out.remind.push_back(k);
    }

    std::vector<double> scores;
    for (const auto& s : out.ranked)
        scores.push_back(s.score);
    out.evenness = spread_of(std::move(scores));
    for (std::size_t i = 0; i < inds.size(); ++i) {
        std::vector<double> xs;
        for (const auto& s : out.ranked)
            for (const auto& is : s.indicators)
                if (is.indicator == static_cast<indicator_index>(i))
                    xs.push_back(is.counted);
        if (!xs.empty())
            out.per_indicator.push_back(
                {static_cast<indicator_index>(i), inds[i].id, spread_of(std::move(xs))});
    }
    return out;
}

/// Ranks the units by the roll-up on `as_of` as known by `options.known_by`.
inline campaign_ranking rank_units(const campaign& c, date as_of,
                                   const ranking_options& options = {}) {
    rollup_options ro;
    ro.known_by = options.known_by;
    return rank_units(c, rollup(c, as_of, ro), options);
}

// --- JSON ----------------------------------------------------------------------------------------

template <class J> void to_json(J& j, const spread_stats& s) {
    j = J::object();
    j["count"] = s.count;
    j["mean"] = s.mean;
    j["stddev"] = s.stddev;
    j["cv"] = s.cv ? J(*s.cv) : J(nullptr);
    j["min"] = s.min;
    j["max"] = s.max;
    j["gini"] = s.gini ? J(*s.gini) : J(nullptr);
}

template <class J> void to_json(J& j, const campaign_ranking& r) {
    j = J::object();
    j["as_of"] = format_date_iso(r.as_of);
    j["level"] = to_string(r.level);
    j["cap_at_100"] = r.cap_at_100;
    j["tie_break"] = to_string(r.tie);
    J w = J::object();
    for (const auto& [id, v] : r.weights)
        w[id] = v;
    j["weights"] = std::move(w);
    J ranked = J::array();
    for (const auto& s : r.ranked) {
        J u = J::object();
        u["rank"] = s.rank;
        u["id"] = s.id;
        u["name"] = s.name;
        u["score"] = s.score;
        u["cumulative_total"] = s.cumulative_total;
        u["commended"] = s.commended;
        u["reminded"] = s.reminded;
        J is = J::array();
        for (const auto& x : s.indicators) {
            J e = J::object();
            e["indicator"] = x.id;
            e["target"] = x.target;
            e["cumulative"] = x.cumulative;
            e["ratio"] = x.ratio;
            e["counted"] = x.counted;
            e["weight"] = x.weight;
            is.push_back(std::move(e));
        }
        u["indicators"] = std::move(is);
        ranked.push_back(std::move(u));
    }
    j["ranked"] = std::move(ranked);
    J unscored = J::array();
    for (const auto& u : r.unscored)
        unscored.push_back(J{{"id", u.id}, {"name", u.name}});
    j["unscored"] = std::move(unscored);
    J commend = J::array(), remind = J::array();
    for (auto k : r.commend)
        commend.push_back(r.ranked[k].id);
    for (auto k : r.remind)
        remind.push_back(r.ranked[k].id);
    j["commend"] = std::move(commend);
    j["remind"] = std::move(remind);
    j["evenness"] = r.evenness;
    J per = J::object();
    for (const auto& p : r.per_indicator)
        per[p.id] = p.stats;
    j["per_indicator"] = std::move(per);
}

} // namespace ntmkit
