// Criteria indicators derived from campaign progress: "share of households with a septic
// toilet" is (households that had one before + households done in the campaign) ÷ households.
// The result feeds evaluate() like values entered by hand.
#pragma once

#include <ntmkit/evaluation.hpp>
#include <ntmkit/rollup.hpp>

#include <string>
#include <vector>

namespace ntmkit {

enum class derivation_kind : std::uint8_t {
    share_of_households, ///< percent: (already + cumulative) ÷ the unit's households × 100
    total,               ///< already + cumulative, in the campaign indicator's measure
};

constexpr auto enum_names(derivation_kind) {
    using P = std::pair<derivation_kind, std::string_view>;
    return std::array{P{derivation_kind::share_of_households, "share_of_households"},
                      P{derivation_kind::total, "total"}};
}

/// How one indicator of a criteria set is computed from one campaign indicator.
struct derivation {
    std::string criterion_indicator; ///< code in the criteria set, e.g. "17.x"
    std::string campaign_indicator;  ///< id in the campaign, e.g. "nha_ve_sinh"
    derivation_kind kind = derivation_kind::share_of_households;
    double already = 0; ///< what the unit had before the campaign (households or items)
};

/// Values for evaluate() for one unit, from the roll-up `r` (its day, its known_by). Errors
/// name the derivation and the unit (an unknown campaign indicator; a share for a unit whose
/// household count is unknown).
inline indicator_values derive_indicator_values(const campaign& c, unit_index unit, const rollup& r,
                                                const std::vector<derivation>& how) {
    indicator_values out;
    for (std::size_t k = 0; k < how.size(); ++k) {
        const auto& d = how[k];
        const std::string where =
            "derivation " + std::to_string(k) + " (" + d.criterion_indicator + ")";
        auto ind = c.find_indicator(d.campaign_indicator);
        if (!ind)
            throw validation_error(where,
                                   "no indicator \"" + d.campaign_indicator + "\" in the campaign");
        const double have = d.already + r.row(unit, *ind).tally.cumulative;
        if (d.kind == derivation_kind::total) {
            out[d.criterion_indicator] = have;
            continue;
        }
        auto households = c.units().households_known(unit);
        if (!households || *households == 0)
            throw validation_error(where, "unit \"" + std::string(c.units().id(unit)) +
                                              "\" has no household count to take a share of");
        out[d.criterion_indicator] = have / static_cast<double>(*households) * 100.0;
    }
    return out;
}

/// Values for evaluate() for one unit as of a day (the roll-up built with `options`).
inline indicator_values derive_indicator_values(const campaign& c, unit_index unit, date as_of,
                                                const std::vector<derivation>& how,
                                                const rollup_options& options = {}) {
    return derive_indicator_values(c, unit, rollup(c, as_of, options), how);
}

} // namespace ntmkit
