// Allocation: handing a parent's quota down to its children (the seed's "attached table"),
// and the reconciliation check that the parts add up to the whole.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/format.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

namespace ntmkit {

enum class allocation_method : std::uint8_t {
    proportional, ///< to the children's household counts
    equal,        ///< the same share each
};

constexpr auto enum_names(allocation_method) {
    using P = std::pair<allocation_method, std::string_view>;
    return std::array{P{allocation_method::proportional, "proportional"},
                      P{allocation_method::equal, "equal"}};
}

/// Splits a whole number `total` into parts proportional to `weights` that add up exactly
/// to `total` (largest-remainder / Hamilton method). Exact integer arithmetic; ties in the
/// remainder go to the larger weight, then to the earlier position.
inline std::vector<std::int64_t> largest_remainder(std::int64_t total,
                                                   const std::vector<std::int64_t>& weights) {
    if (total < 0)
        throw validation_error("total", "cannot split a negative total " + std::to_string(total));
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] < 0)
            throw validation_error("weight " + std::to_string(i),
                                   "weights must be 0 or more, got " + std::to_string(weights[i]));
        sum += weights[i];
    }
    std::vector<std::int64_t> parts(weights.size(), 0);
    if (total == 0)
        return parts;
    if (sum == 0)
        throw validation_error("weights", "cannot split " + std::to_string(total) +
                                              " among parts whose weights are all 0");
    if (sum > std::numeric_limits<std::int64_t>::max() / total)
        throw validation_error("weights", "total × weights is too large to split exactly");
    std::vector<std::int64_t> remainder(weights.size());
    std::int64_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const std::int64_t q = total * weights[i];
        parts[i] = static_cast<std::int64_t>(q / sum);
        remainder[i] = q % sum;
        given += parts[i];
    }
    std::vector<std::size_t> order(weights.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (remainder[a] != remainder[b])
            return remainder[a] > remainder[b];
        return weights[a] > weights[b];
    });
    for (std::size_t k = 0; given < total; ++k, ++given)
        ++parts[order[k]];
    return parts;
}

/// One child's share of a proposed allocation.
struct allocation_share {
    unit_index unit;
    double value;
    bool fixed; ///< the child already had a target, which was kept
};

/// Proposes how to split `parent`'s target on `indicator` among its children. Children that
/// already have a target keep it; the rest of the parent's target is split among the others.
/// By default the candidates are the parent's geographic children (villages under a
/// commune, household groups under a village); pass `level` to choose (e.g. organisations).
inline std::vector<allocation_share>
propose_allocation(const campaign& c, unit_index parent, indicator_index indicator,
                   allocation_method method, std::optional<unit_level> level = std::nullopt) {
    const auto& t = c.units();
    const std::string where = "unit \"" + std::string(t.id(parent)) + "\", indicator \"" +
                              c.indicator_of(indicator).id + "\"";
    auto total = c.targets().get(parent, indicator);
    if (!total)
        throw validation_error(where, "the parent has no target to split");
    if (*total != std::floor(*total))
        throw validation_error(where, "only whole-number targets can be split, got " +
                                          number_text(*total));
    // Converting 2^63 or more to an integer is undefined: refused, saying why.
    if (*total >= 9223372036854775808.0)
        throw validation_error(where, "a target of " + number_text(*total) +
                                          " is too large to split exactly; whole numbers up to "
                                          "9223372036854775807 can be");
    std::vector<allocation_share> shares;
    for (auto ch : t.children(parent)) {
        bool take = level ? t.level(ch) == *level : !is_organisational(t.level(ch));
        if (take)
            shares.push_back({ch, 0.0, false});
    }
    if (shares.empty())
        throw validation_error(where, "the parent has no children to split its target among");
    double fixed_sum = 0;
    std::vector<std::size_t> open;
    for (std::size_t k = 0; k < shares.size(); ++k) {
        if (auto v = c.targets().get(shares[k].unit, indicator)) {
            if (c.targets().basis(shares[k].unit, indicator) != target_basis::proposed) {
                shares[k] = {shares[k].unit, *v, true};
                fixed_sum += *v;
                continue;
            }
        }
        open.push_back(k);
    }
    if (fixed_sum > *total)
        throw validation_error(where, "targets already fixed for the children add up to " +
                                          number_text(fixed_sum) + ", more than the parent's " +
                                          number_text(*total));
    auto rest = static_cast<std::int64_t>(*total - fixed_sum);
    if (open.empty()) {
        if (rest != 0)
            throw validation_error(where, "every child has a fixed target; they add up to " +
                                              number_text(fixed_sum) + ", not " +
                                              number_text(*total));
        return shares;
    }
    std::vector<std::int64_t> weights;
    for (auto k : open) {
        if (method == allocation_method::equal) {
            weights.push_back(1);
            continue;
        }
        auto h = t.households_known(shares[k].unit);
        if (!h)
            throw validation_error("unit \"" + std::string(t.id(shares[k].unit)) + "\"",
                                   "household count unknown; a proportional split needs it "
                                   "(or use the equal method)");
        weights.push_back(*h);
    }
    auto parts = largest_remainder(rest, weights);
    for (std::size_t j = 0; j < open.size(); ++j)
        shares[open[j]].value = static_cast<double>(parts[j]);
    return shares;
}

/// Writes a proposal into the campaign; shares computed by the library are marked `proposed`.
inline void apply_allocation(campaign& c, indicator_index indicator,
                             const std::vector<allocation_share>& shares) {
    std::vector<target_spec> specs;
    for (const auto& s : shares)
        if (!s.fixed)
            specs.push_back({std::string(c.units().id(s.unit)), c.indicator_of(indicator).id,
                             s.value, target_basis::proposed});
    c.set_targets(specs);
}

/// A parent whose children's targets do not add up to its own.
struct reconciliation_issue {
    unit_index parent;
    indicator_index indicator;
    double parent_target;
    double children_sum;
    int children_with_target;
};

/// Lists every (parent, indicator) where the parent has a target, at least one child has one,
/// and the children's sum differs. The children counted are those whose figures carry into the
/// parent in the roll-up (aggregation.hpp): organisations are left out of a distinct-household sum.
inline std::vector<reconciliation_issue> reconcile(const campaign& c) {
    const auto& t = c.units();
    const auto& tg = c.targets();
    const std::size_t ni = c.indicators().size();
    std::vector<double> sum(t.size() * ni, 0.0);
    std::vector<int> count(t.size() * ni, 0);
    for (unit_index u = 1; u < static_cast<unit_index>(t.size()); ++u) {
        const auto p = t.parent(u);
        for (std::size_t i = 0; i < ni; ++i) {
            if (!carries_into_parent(t.level(u), t.level(p), c.indicators()[i].over_units))
                continue;
            if (auto v = tg.get(u, static_cast<indicator_index>(i))) {
                sum[static_cast<std::size_t>(p) * ni + i] += *v;
                ++count[static_cast<std::size_t>(p) * ni + i];
            }
        }
    }
    std::vector<reconciliation_issue> out;
    for (unit_index u = 0; u < static_cast<unit_index>(t.size()); ++u)
        for (std::size_t i = 0; i < ni; ++i) {
            const auto k = static_cast<std::size_t>(u) * ni + i;
            auto v = tg.get(u, static_cast<indicator_index>(i));
            if (v && count[k] > 0 && std::abs(sum[k] - *v) > 1e-9)
                out.push_back({u, static_cast<indicator_index>(i), *v, sum[k], count[k]});
        }
    return out;
}

} // namespace ntmkit
