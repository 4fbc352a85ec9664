// Funds mobilised (huy động nguồn lực): money for the campaign's work by source — the state
// budget's levels, integrated programmes (lồng ghép), social mobilisation (xã hội hóa), the
// people's contributions, enterprises — by unit and purpose, totalled as of any day. Money is
// a whole number of đồng in an int64, never a floating-point number.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/unit.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

/// Where money comes from. The four budget levels are the state budget (ngân sách nhà nước);
/// the district level was abolished on 1/7/2025 but older campaigns have it.
enum class fund_source {
    budget_central,  ///< ngân sách trung ương
    budget_province, ///< ngân sách tỉnh
    budget_district, ///< ngân sách huyện
    budget_commune,  ///< ngân sách xã
    integrated,      ///< lồng ghép các chương trình, dự án
    socialised,      ///< xã hội hóa
    people,          ///< nhân dân đóng góp
    enterprise,      ///< doanh nghiệp
    other,
};
inline constexpr std::size_t fund_source_count = 9;

constexpr auto enum_names(fund_source) {
    using P = std::pair<fund_source, std::string_view>;
    return std::array{P{fund_source::budget_central, "budget_central"},
                      P{fund_source::budget_province, "budget_province"},
                      P{fund_source::budget_district, "budget_district"},
                      P{fund_source::budget_commune, "budget_commune"},
                      P{fund_source::integrated, "integrated"},
                      P{fund_source::socialised, "socialised"},
                      P{fund_source::people, "people"},
                      P{fund_source::enterprise, "enterprise"},
                      P{fund_source::other, "other"}};
}

inline constexpr bool is_state_budget(fund_source s) {
    return s <= fund_source::budget_commune;
}

/// Money mobilised on `day` from `source` for the work of `unit`.
struct fund_record {
    date day;
    fund_source source = fund_source::people;
    std::int64_t amount = 0; ///< đồng
    std::string unit;        ///< the unit whose work it pays for, by id or name
    std::string purpose;     ///< what for, in words ("bê tông hóa đường thôn")
    std::string contributor; ///< who gave, when named (an enterprise, a household)
    std::string note;
    bool illustrative = false; ///< invented for an example, not from a source

    friend bool operator==(const fund_record& a, const fund_record& b) {
        return a.day == b.day && a.source == b.source && a.amount == b.amount && a.unit == b.unit &&
               a.purpose == b.purpose && a.contributor == b.contributor && a.note == b.note &&
               a.illustrative == b.illustrative;
    }
};

inline std::string default_fund_locator(std::size_t i, std::string_view field) {
    return "fund record " + std::to_string(i) + ", field " + std::string(field);
}

inline constexpr std::int64_t max_dong = std::numeric_limits<std::int64_t>::max();

/// The campaign's fund records, checked: units resolved, days in the window, amounts 0 or
/// more, and their sum at most max_dong. Every total of a subset is then at most the sum, so
/// no total anywhere can overflow.
class funds_log {
public:
    const std::vector<fund_record>& records() const { return records_; }
    const std::vector<unit_index>& units() const { return units_; }
    std::int64_t total() const { return total_; }
    bool empty() const { return records_.empty(); }

    /// Adds records all or nothing; errors name the record and field (`where`).
    void add(const std::vector<fund_record>& more, const unit_tree& tree, const date_window& w,
             const record_locator& where = default_fund_locator) {
        std::vector<unit_index> units;
        std::int64_t total = total_;
        for (std::size_t i = 0; i < more.size(); ++i) {
            const auto& r = more[i];
            units.push_back(tree.resolve(r.unit, where(i, "unit")));
            if (r.day.is_special())
                throw validation_error(where(i, "date"), "a date is required");
            if (!w.contains(r.day))
                throw validation_error(where(i, "date"), "day " + format_date_vi(r.day) +
                                                             " is outside the campaign " +
                                                             w.describe());
            if (r.amount < 0)
                throw validation_error(where(i, "amount"),
                                       "an amount must be 0 or more đồng, got " +
                                           std::to_string(r.amount));
            if (r.amount > max_dong - total)
                throw validation_error(where(i, "amount"), std::to_string(r.amount) +
                                                               " đồng takes the campaign's "
                                                               "funds past " +
                                                               std::to_string(max_dong) + " đồng");
            total += r.amount;
        }
        records_.insert(records_.end(), more.begin(), more.end());
        units_.insert(units_.end(), units.begin(), units.end());
        total_ = total;
    }

    friend bool operator==(const funds_log& a, const funds_log& b) {
        return a.records_ == b.records_;
    }

private:
    std::vector<fund_record> records_;
    std::vector<unit_index> units_;
    std::int64_t total_ = 0;
};

/// Money as of a day and within a period ending on it, per source.
struct fund_amounts {
    std::array<std::int64_t, fund_source_count> by_source{};
    std::array<std::int64_t, fund_source_count> by_source_period{};
    std::int64_t total = 0;
    std::int64_t total_period = 0;
    std::int64_t state_budget() const {
        std::int64_t s = 0;
        for (std::size_t k = 0; k < fund_source_count; ++k)
            s += is_state_budget(static_cast<fund_source>(k)) ? by_source[k] : 0;
        return s;
    }
    void add(fund_source s, std::int64_t amount, bool in_period) {
        by_source[static_cast<std::size_t>(s)] += amount;
        total += amount;
        if (in_period) {
            by_source_period[static_cast<std::size_t>(s)] += amount;
            total_period += amount;
        }
    }
    void add(const fund_amounts& o) {
        for (std::size_t k = 0; k < fund_source_count; ++k) {
            by_source[k] += o.by_source[k];
            by_source_period[k] += o.by_source_period[k];
        }
        total += o.total;
        total_period += o.total_period;
    }
};

struct fund_unit_row {
    unit_index unit = no_unit;
    fund_amounts amounts; ///< records of the unit's whole subtree
};

struct fund_purpose_row {
    std::string purpose; ///< as written; "" for records without one
    fund_amounts amounts;
};

struct funds_totals {
    date as_of;
    date period_first;
    fund_amounts commune;                   ///< every record (the root's subtree)
    std::vector<fund_unit_row> units;       ///< units of the level with any money; the root last
    std::vector<fund_purpose_row> purposes; ///< in order of first appearance
};

/// Money mobilised up to `as_of` (inclusive) — and from `period_first` (default: the day
/// itself) — by source, by unit of `level` (subtree sums) and by purpose.
inline funds_totals total_funds(const funds_log& log, const unit_tree& tree, date as_of,
                                unit_level level = unit_level::village,
                                std::optional<date> period_first = std::nullopt) {
    funds_totals out;
    out.as_of = as_of;
    out.period_first = period_first.value_or(as_of);
    std::vector<fund_amounts> per_unit(tree.size());
    for (std::size_t i = 0; i < log.records().size(); ++i) {
        const auto& r = log.records()[i];
        if (r.day > as_of)
            continue;
        const bool in_period = r.day >= out.period_first;
        per_unit[static_cast<std::size_t>(log.units()[i])].add(r.source, r.amount, in_period);
        auto it = out.purposes.begin();
        while (it != out.purposes.end() && it->purpose != r.purpose)
            ++it;
        if (it == out.purposes.end())
            it = out.purposes.insert(it, fund_purpose_row{r.purpose, {}});
        it->amounts.add(r.source, r.amount, in_period);
    }
    for (std::size_t i = tree.size(); i-- > 1;)
        per_unit[static_cast<std::size_t>(tree.parent(static_cast<unit_index>(i)))].add(
            per_unit[i]);
    if (tree.empty())
        return out;
    out.commune = per_unit[static_cast<std::size_t>(tree.root())];
    auto listed = tree.units_at(level);
    if (listed.empty() || listed.back() != tree.root())
        listed.push_back(tree.root());
    for (auto u : listed)
        if (per_unit[static_cast<std::size_t>(u)].total > 0 || u == tree.root())
            out.units.push_back({u, per_unit[static_cast<std::size_t>(u)]});
    return out;
}

/// Money as reports print it: "1.234.567 đ" in Vietnamese, "1,234,567 VND" in English (the
/// number first in both, so columns of amounts line up the same way).
inline std::string format_dong(std::int64_t amount, std::string_view language = "vi") {
    const bool vi = language != "en";
    // Through the unsigned magnitude: −2^63 has no positive int64.
    std::uint64_t m =
        amount < 0 ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
    std::string digits = std::to_string(m);
    for (auto i = digits.size(); i > 3; i -= 3)
        digits.insert(i - 3, vi ? "." : ",");
    return (amount < 0 ? "-" : "") + digits + (vi ? " đ" : " VND");
}

} // namespace ntmkit
