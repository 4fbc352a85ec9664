// Targets (chỉ tiêu giao): one optional quota per (unit, indicator), stored densely so the
// roll-up reads them in the same order as the progress tallies.
#pragma once

#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/detail/stamp.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/unit.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

/// Where a target comes from, so that invented or proposed figures never pass as official.
enum class target_basis : std::uint8_t {
    official,     ///< stated in a source document (the seed's commune totals)
    planned,      ///< set by the steering committee or the unit itself
    illustrative, ///< invented for an example; not from any source
    proposed,     ///< computed by ntmkit's allocation, not yet confirmed
};

constexpr auto enum_names(target_basis) {
    using B = target_basis;
    using P = std::pair<B, std::string_view>;
    return std::array{P{B::official, "official"}, P{B::planned, "planned"},
                      P{B::illustrative, "illustrative"}, P{B::proposed, "proposed"}};
}

class target_table {
public:
    target_table() = default;
    target_table(std::size_t units, std::size_t indicators)
        : indicators_(indicators), value_(units * indicators, none()),
          basis_(units * indicators, target_basis::planned) {}

    std::size_t indicator_count() const { return indicators_; }

    std::optional<double> get(unit_index u, indicator_index i) const {
        double v = value_[cell(u, i)];
        return std::isnan(v) ? std::nullopt : std::optional<double>(v);
    }
    target_basis basis(unit_index u, indicator_index i) const { return basis_[cell(u, i)]; }
    void set(unit_index u, indicator_index i, double value, target_basis basis) {
        value_[cell(u, i)] = value;
        basis_[cell(u, i)] = basis;
        stamp_ = detail::next_stamp();
    }
    void clear(unit_index u, indicator_index i) {
        value_[cell(u, i)] = none();
        stamp_ = detail::next_stamp();
    }
    /// This version of the targets (detail/stamp.hpp): equal stamps, equal targets.
    std::uint64_t stamp() const { return stamp_; }

    /// Raw values, NaN where no target is set; cell = unit * indicator_count() + indicator.
    const std::vector<double>& values() const { return value_; }

    /// Visits every set target in (unit, indicator) order.
    template <class F> void for_each(F&& f) const {
        for (std::size_t c = 0; c < value_.size(); ++c)
            if (!std::isnan(value_[c]))
                f(static_cast<unit_index>(c / indicators_),
                  static_cast<indicator_index>(c % indicators_), value_[c], basis_[c]);
    }

    friend bool operator==(const target_table& a, const target_table& b) {
        if (a.indicators_ != b.indicators_ || a.value_.size() != b.value_.size())
            return false;
        for (std::size_t c = 0; c < a.value_.size(); ++c) {
            bool an = std::isnan(a.value_[c]), bn = std::isnan(b.value_[c]);
            if (an != bn || (!an && (a.value_[c] != b.value_[c] || a.basis_[c] != b.basis_[c])))
                return false;
        }
        return true;
    }

private:
    static constexpr double none() { return std::numeric_limits<double>::quiet_NaN(); }
    std::size_t cell(unit_index u, indicator_index i) const {
        return static_cast<std::size_t>(u) * indicators_ + static_cast<std::size_t>(i);
    }

    std::size_t indicators_ = 0;
    std::vector<double> value_;
    std::vector<target_basis> basis_;
    std::uint64_t stamp_ = detail::next_stamp();
};

} // namespace ntmkit
