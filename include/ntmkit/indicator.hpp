// Indicators (chỉ tiêu): the quota items of a campaign, and how their values combine.
#pragma once

#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/fwd.hpp>
#include <ntmkit/unicode.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

/// How a unit's records combine over time.
enum class time_aggregation : std::uint8_t {
    sum,  ///< each record is that day's increment; cumulative = sum of records so far
    last, ///< each record is the cumulative figure; the latest one stands
};

/// How values combine up the unit tree.
enum class hierarchy_aggregation : std::uint8_t {
    sum, ///< a parent's value is the sum over all its children, organisations included
    /// Households are counted once: work reported by an organisation (its members' households)
    /// is already counted by their villages, so organisations do not add to the commune.
    distinct_households,
};

constexpr auto enum_names(time_aggregation) {
    using P = std::pair<time_aggregation, std::string_view>;
    return std::array{P{time_aggregation::sum, "sum"}, P{time_aggregation::last, "last"}};
}
constexpr auto enum_names(hierarchy_aggregation) {
    using P = std::pair<hierarchy_aggregation, std::string_view>;
    return std::array{P{hierarchy_aggregation::sum, "sum"},
                      P{hierarchy_aggregation::distinct_households, "distinct_households"}};
}

/// The words of a `measure` that mean households (docs/format.md), as detail::word_key gives
/// them: the English and the Vietnamese an officer types.
inline constexpr std::array<std::string_view, 5> household_measures{"households", "household", "hộ",
                                                                    "hộ gia đình", "hộ dân"};

/// True when `measure` names households, whatever the keyboard's normalisation, the case or
/// the spaces around it; the text itself is kept as written.
inline bool measure_counts_households(std::string_view measure) {
    if (measure == "households") // the default, answered without allocating
        return true;
    if (!is_valid_utf8(measure))
        return false;
    const auto key = detail::word_key(measure);
    return std::find(household_measures.begin(), household_measures.end(), key) !=
           household_measures.end();
}

struct indicator {
    std::string id;
    std::string name_vi;
    std::string name_en;
    std::string measure = "households"; ///< households, gardens, areas, metres…
    time_aggregation over_time = time_aggregation::sum;
    hierarchy_aggregation over_units = hierarchy_aggregation::sum;

    /// A unit cannot do more of a household item than it has households.
    bool counts_households() const { return measure_counts_households(measure); }
    /// The name in the requested language, falling back to the other one.
    const std::string& name(std::string_view language = "vi") const {
        if (language == "en" && !name_en.empty())
            return name_en;
        return name_vi.empty() ? name_en : name_vi;
    }

    friend bool operator==(const indicator& a, const indicator& b) {
        return a.id == b.id && a.name_vi == b.name_vi && a.name_en == b.name_en &&
               a.measure == b.measure && a.over_time == b.over_time && a.over_units == b.over_units;
    }
};

/// Checks ids are present and unique; `where_of(i)` locates indicator i in the input.
template <class WhereOf>
void check_indicators(const std::vector<indicator>& indicators, WhereOf where_of) {
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        if (indicators[i].id.empty())
            throw validation_error(where_of(i), "indicator id must not be empty");
        for (std::size_t j = 0; j < i; ++j)
            if (indicators[j].id == indicators[i].id)
                throw validation_error(where_of(i), "duplicate indicator id \"" + indicators[i].id +
                                                        "\" (also " + where_of(j) + ")");
    }
}

} // namespace ntmkit
