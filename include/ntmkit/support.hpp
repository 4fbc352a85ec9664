// Labour support (hỗ trợ nhân lực): the working groups of the Party committee's standing board
// (Tổ công tác BTV) and the sponsor units (đơn vị đỡ đầu) assigned to villages, the labour a
// village says it needs (person-days, by task or indicator), and the support pledged and
// delivered (who gave, who received, person-days, materials). The roll-up compares needs with
// what was delivered by receiver and by giver as of any day.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/format.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/unicode.hpp>
#include <ntmkit/unit.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

/// Who a supporter is. Mass organisations that are units of the campaign give support under
/// their unit id and need no supporter entry; `organisation` is for one outside the tree.
enum class supporter_kind { working_group, sponsor, organisation, other };

constexpr auto enum_names(supporter_kind) {
    using P = std::pair<supporter_kind, std::string_view>;
    return std::array{
        P{supporter_kind::working_group, "working_group"}, P{supporter_kind::sponsor, "sponsor"},
        P{supporter_kind::organisation, "organisation"}, P{supporter_kind::other, "other"}};
}

/// A working group, sponsor unit or other giver outside the unit tree, and the units (usually
/// villages) it is assigned to.
struct supporter {
    std::string id;
    std::string name;
    supporter_kind kind = supporter_kind::sponsor;
    std::vector<std::string> units; ///< assigned units, by id or name
    std::string note;
    bool illustrative = false; ///< invented for an example, not from a source

    friend bool operator==(const supporter& a, const supporter& b) {
        return a.id == b.id && a.name == b.name && a.kind == b.kind && a.units == b.units &&
               a.note == b.note && a.illustrative == b.illustrative;
    }
};

/// Labour a unit says it needs, stated on `day`: the need counts from that day on.
struct labour_need {
    std::string unit;
    date day;
    double person_days = 0;
    std::string task;      ///< what the labour is for, in words
    std::string indicator; ///< optional: the indicator the work serves (id or name)
    std::string note;
    bool illustrative = false;

    friend bool operator==(const labour_need& a, const labour_need& b) {
        return a.unit == b.unit && a.day == b.day && a.person_days == b.person_days &&
               a.task == b.task && a.indicator == b.indicator && a.note == b.note &&
               a.illustrative == b.illustrative;
    }
};

enum class support_kind { pledge, delivery };

constexpr auto enum_names(support_kind) {
    using P = std::pair<support_kind, std::string_view>;
    return std::array{P{support_kind::pledge, "pledge"}, P{support_kind::delivery, "delivery"}};
}

/// Support promised (pledge) or given (delivery) on `day` by a giver — a supporter, or a unit
/// of the campaign such as a mass organisation or another village — to a receiving unit.
struct support_record {
    support_kind kind = support_kind::delivery;
    date day;
    std::string giver;    ///< supporter id or name, else a unit (id or name)
    std::string receiver; ///< a unit, by id or name
    double person_days = 0;
    std::string materials; ///< in words ("200 cây hàng rào xanh"); not added up
    std::string task;
    std::string note;
    bool illustrative = false;

    friend bool operator==(const support_record& a, const support_record& b) {
        return a.kind == b.kind && a.day == b.day && a.giver == b.giver &&
               a.receiver == b.receiver && a.person_days == b.person_days &&
               a.materials == b.materials && a.task == b.task && a.note == b.note &&
               a.illustrative == b.illustrative;
    }
};

/// Everything on labour support, as written by a user.
struct support_plan {
    std::vector<supporter> supporters;
    std::vector<labour_need> needs;
    std::vector<support_record> records;

    bool empty() const { return supporters.empty() && needs.empty() && records.empty(); }
    friend bool operator==(const support_plan& a, const support_plan& b) {
        return a.supporters == b.supporters && a.needs == b.needs && a.records == b.records;
    }
};

/// Where an error in each of the plan's lists is: item i, field f.
struct support_locators {
    record_locator supporter = [](std::size_t i, std::string_view f) {
        return "supporter " + std::to_string(i) + ", field " + std::string(f);
    };
    record_locator need = [](std::size_t i, std::string_view f) {
        return "labour need " + std::to_string(i) + ", field " + std::string(f);
    };
    record_locator record = [](std::size_t i, std::string_view f) {
        return "support record " + std::to_string(i) + ", field " + std::string(f);
    };
};

/// A giver: supporter k (`is_unit` false) or unit k of the tree.
struct giver_ref {
    bool is_unit = false;
    std::size_t index = 0;
    friend bool operator<(const giver_ref& a, const giver_ref& b) {
        return std::pair(a.is_unit, a.index) < std::pair(b.is_unit, b.index);
    }
    friend bool operator==(const giver_ref& a, const giver_ref& b) {
        return a.is_unit == b.is_unit && a.index == b.index;
    }
};

/// The plan checked against a campaign: every unit, giver and indicator resolved.
class support_book {
public:
    /// What the checks need from the campaign.
    struct context {
        const unit_tree& units;
        const std::vector<indicator>& indicators;
        const date_window& window;
    };

    const support_plan& plan() const { return plan_; }
    bool empty() const { return plan_.empty(); }
    const std::vector<std::vector<unit_index>>& assigned() const { return assigned_; }
    const std::vector<unit_index>& need_units() const { return need_units_; }
    const std::vector<giver_ref>& givers() const { return givers_; }
    const std::vector<unit_index>& receivers() const { return receivers_; }

    /// Adds `more` to the book, all or nothing; errors name the item of `more` and its field.
    void add(const support_plan& more, const context& ctx, const support_locators& where = {});

    /// A giver's name as a report prints it.
    std::string giver_name(const giver_ref& g, const unit_tree& units) const {
        return g.is_unit ? std::string(units.name(static_cast<unit_index>(g.index)))
                         : plan_.supporters[g.index].name;
    }
    std::string giver_id(const giver_ref& g, const unit_tree& units) const {
        return g.is_unit ? std::string(units.id(static_cast<unit_index>(g.index)))
                         : plan_.supporters[g.index].id;
    }

    friend bool operator==(const support_book& a, const support_book& b) {
        return a.plan_ == b.plan_;
    }

private:
    support_plan plan_;
    std::vector<std::vector<unit_index>> assigned_; ///< per supporter
    std::vector<unit_index> need_units_;            ///< per need
    std::vector<giver_ref> givers_;                 ///< per record
    std::vector<unit_index> receivers_;             ///< per record
};

namespace detail {
inline void check_person_days(double v, const std::string& where) {
    if (!std::isfinite(v) || v < 0)
        throw validation_error(where,
                               "person-days must be a number 0 or more, got " + number_text(v));
}
inline void check_support_day(date d, const date_window& w, const std::string& where) {
    if (d.is_special())
        throw validation_error(where, "a date is required");
    if (!w.contains(d))
        throw validation_error(where, "day " + format_date_vi(d) + " is outside the campaign " +
                                          w.describe());
}
} // namespace detail

inline void support_book::add(const support_plan& more, const context& ctx,
                              const support_locators& where) {
    support_book next = *this;
    auto& p = next.plan_;
    for (std::size_t i = 0; i < more.supporters.size(); ++i) {
        const auto& s = more.supporters[i];
        if (s.id.empty())
            throw validation_error(where.supporter(i, "id"), "supporter id must not be empty");
        // One name space for givers: a supporter id that is also a unit id would be ambiguous.
        if (ctx.units.find(s.id))
            throw validation_error(where.supporter(i, "id"),
                                   "\"" + s.id +
                                       "\" is already a unit of the campaign; a unit "
                                       "gives support under its own id");
        for (const auto& other : p.supporters)
            if (other.id == s.id)
                throw validation_error(where.supporter(i, "id"),
                                       "duplicate supporter id \"" + s.id + "\"");
        std::vector<unit_index> units;
        for (const auto& u : s.units)
            units.push_back(ctx.units.resolve(u, where.supporter(i, "units")));
        p.supporters.push_back(s);
        if (p.supporters.back().name.empty())
            p.supporters.back().name = s.id;
        next.assigned_.push_back(std::move(units));
    }
    for (std::size_t i = 0; i < more.needs.size(); ++i) {
        const auto& n = more.needs[i];
        next.need_units_.push_back(ctx.units.resolve(n.unit, where.need(i, "unit")));
        detail::check_support_day(n.day, ctx.window, where.need(i, "date"));
        detail::check_person_days(n.person_days, where.need(i, "person_days"));
        if (!n.indicator.empty() &&
            std::none_of(ctx.indicators.begin(), ctx.indicators.end(), [&](const indicator& ind) {
                return ind.id == n.indicator || same_name(ind.name_vi, n.indicator) ||
                       same_name(ind.name_en, n.indicator);
            }))
            throw validation_error(where.need(i, "indicator"),
                                   "no indicator \"" + n.indicator + "\" in the campaign");
        p.needs.push_back(n);
    }
    for (std::size_t i = 0; i < more.records.size(); ++i) {
        const auto& r = more.records[i];
        detail::check_support_day(r.day, ctx.window, where.record(i, "date"));
        // Supporters first (by id, then name), then units: the two cannot share an id.
        std::vector<std::size_t> found;
        for (std::size_t k = 0; k < p.supporters.size(); ++k)
            if (p.supporters[k].id == r.giver)
                found.push_back(k);
        if (found.empty())
            for (std::size_t k = 0; k < p.supporters.size(); ++k)
                if (same_name(p.supporters[k].name, r.giver))
                    found.push_back(k);
        if (found.size() > 1)
            throw validation_error(where.record(i, "giver"), "\"" + r.giver + "\" is the name of " +
                                                                 std::to_string(found.size()) +
                                                                 " supporters; give the id");
        giver_ref g;
        if (found.size() == 1) {
            g.index = found.front();
        } else {
            g.is_unit = true;
            if (ctx.units.candidates(r.giver).empty())
                throw validation_error(where.record(i, "giver"),
                                       "no supporter or unit with id or name \"" + r.giver + "\"");
            g.index =
                static_cast<std::size_t>(ctx.units.resolve(r.giver, where.record(i, "giver")));
        }
        next.givers_.push_back(g);
        next.receivers_.push_back(ctx.units.resolve(r.receiver, where.record(i, "receiver")));
        detail::check_person_days(r.person_days, where.record(i, "person_days"));
        p.records.push_back(r);
    }
    *this = std::move(next);
}

// ---------------------------------------------------------------------------------------------
// Roll-up
// ---------------------------------------------------------------------------------------------

/// Person-days for one receiving unit (its whole subtree) as of a day.
struct support_receiver_row {
    unit_index unit = no_unit;
    double needed = 0;           ///< needs stated up to the day
    double pledged = 0;          ///< pledges made up to the day
    double delivered = 0;        ///< deliveries up to the day
    double delivered_period = 0; ///< deliveries within the period asked for
    /// What is still needed: max(needed − delivered, 0).
    double still_needed() const { return std::max(needed - delivered, 0.0); }
};

/// Person-days one giver pledged and delivered, and to how many receivers.
struct support_giver_row {
    giver_ref giver;
    double pledged = 0;
    double delivered = 0;
    double delivered_period = 0;
    std::vector<unit_index> receivers; ///< units it delivered to, in tree order
    /// Pledged and not yet delivered: max(pledged − delivered, 0).
    double outstanding() const { return std::max(pledged - delivered, 0.0); }
};

struct support_rollup {
    date as_of;
    date period_first; ///< deliveries from this day to as_of are "this period"
    std::vector<support_receiver_row> receivers; ///< units of the level with any figure; root last
    std::vector<support_giver_row> givers;       ///< supporters in plan order, then units
    /// Deliveries within the period, in date then plan order: indices into plan().records.
    std::vector<std::size_t> period_deliveries;
};

/// Needs against support as of `as_of` (inclusive) for the units of `level` with any figure in
/// their subtree, then the root (the whole commune). `period_first` starts "this period" (by
/// default the day itself).
inline support_rollup roll_up_support(const support_book& book, const unit_tree& units, date as_of,
                                      unit_level level = unit_level::village,
                                      std::optional<date> period_first = std::nullopt) {
    support_rollup out;
    out.as_of = as_of;
    out.period_first = period_first.value_or(as_of);
    const auto& p = book.plan();
    std::vector<support_receiver_row> per_unit(units.size());
    auto in_period = [&](date d) { return d >= out.period_first && d <= as_of; };
    for (std::size_t i = 0; i < p.needs.size(); ++i)
        if (p.needs[i].day <= as_of)
            per_unit[static_cast<std::size_t>(book.need_units()[i])].needed +=
                p.needs[i].person_days;
    std::map<giver_ref, support_giver_row> by_giver;
    for (std::size_t k = 0; k < p.supporters.size(); ++k)
        by_giver[{false, k}].giver = {false, k};
    for (std::size_t i = 0; i < p.records.size(); ++i) {
        const auto& r = p.records[i];
        if (r.day > as_of)
            continue;
        auto& row = per_unit[static_cast<std::size_t>(book.receivers()[i])];
        auto& g = by_giver[book.givers()[i]];
        g.giver = book.givers()[i];
        if (r.kind == support_kind::pledge) {
            row.pledged += r.person_days;
            g.pledged += r.person_days;
            continue;
        }
        row.delivered += r.person_days;
        g.delivered += r.person_days;
        if (in_period(r.day)) {
            row.delivered_period += r.person_days;
            g.delivered_period += r.person_days;
            out.period_deliveries.push_back(i);
        }
        if (std::find(g.receivers.begin(), g.receivers.end(), book.receivers()[i]) ==
            g.receivers.end())
            g.receivers.push_back(book.receivers()[i]);
    }
    // Subtree sums in one backward pass over the pre-order tree.
    for (std::size_t i = units.size(); i-- > 1;) {
        auto& parent = per_unit[static_cast<std::size_t>(units.parent(static_cast<unit_index>(i)))];
        parent.needed += per_unit[i].needed;
        parent.pledged += per_unit[i].pledged;
        parent.delivered += per_unit[i].delivered;
        parent.delivered_period += per_unit[i].delivered_period;
    }
    auto any = [](const support_receiver_row& r) {
        return r.needed > 0 || r.pledged > 0 || r.delivered > 0;
    };
    std::vector<unit_index> listed = units.units_at(level);
    if (!units.empty() && (listed.empty() || listed.back() != units.root()))
        listed.push_back(units.root());
    for (auto u : listed) {
        auto row = per_unit[static_cast<std::size_t>(u)];
        row.unit = u;
        if (any(row) || (u == units.root() && !book.empty()))
            out.receivers.push_back(row);
    }
    for (auto& [ref, row] : by_giver) {
        std::sort(row.receivers.begin(), row.receivers.end());
        out.givers.push_back(std::move(row));
    }
    std::stable_sort(
        out.period_deliveries.begin(), out.period_deliveries.end(),
        [&](std::size_t a, std::size_t b) { return p.records[a].day < p.records[b].day; });
    return out;
}

} // namespace ntmkit
