// The levels of the unit hierarchy, apart from the tree itself: the aggregation rules
// (aggregation.hpp) need them, and the tree (unit.hpp) needs those rules.
#pragma once

#include <ntmkit/detail/enum_names.hpp>

#include <array>
#include <cstdint>
#include <string_view>
#include <utility>

namespace ntmkit {

enum class unit_level : std::uint8_t {
    country,
    province,
    commune,
    village,
    household_group,
    household,
    organisation, // Hội Nông dân, Hội Phụ nữ, Hội CCB, Đoàn TN at commune level
    branch,       // chi hội / chi đoàn: an organisation's branch in one village
};

constexpr auto enum_names(unit_level) {
    using L = unit_level;
    using P = std::pair<L, std::string_view>;
    return std::array{P{L::country, "country"},
                      P{L::province, "province"},
                      P{L::commune, "commune"},
                      P{L::village, "village"},
                      P{L::household_group, "household_group"},
                      P{L::household, "household"},
                      P{L::organisation, "organisation"},
                      P{L::branch, "branch"}};
}

/// Organisations and their branches count work that their members' villages also count.
constexpr bool is_organisational(unit_level level) {
    return level == unit_level::organisation || level == unit_level::branch;
}

} // namespace ntmkit
