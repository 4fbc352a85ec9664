// Units that change: from 1/7/2025 Vietnam merged communes and abolished districts, and
// villages merge too. A unit may carry validity dates and a successor. The campaign's tree holds
// old and new units side by side; a map of a day (unit_map.hpp) keeps the units valid that day
// and hands every other unit's records to the unit that stands for it.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/unit.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace ntmkit {

/// When a unit is valid, and who takes over after it.
struct unit_change {
    std::string unit;
    std::optional<date> valid_from;  ///< first day; unset: since always
    std::optional<date> valid_until; ///< last day; unset: still valid
    /// The unit its history passes to after valid_until (the merged commune or village);
    /// empty: none, the unit is abolished and its children pass to its parent's successor.
    std::string successor;
    std::string note;

    friend bool operator==(const unit_change& a, const unit_change& b) {
        return a.unit == b.unit && a.valid_from == b.valid_from && a.valid_until == b.valid_until &&
               a.successor == b.successor && a.note == b.note;
    }
};

inline std::string default_unit_change_locator(std::size_t i, std::string_view field) {
    return "unit change " + std::to_string(i) + ", field " + std::string(field);
}

/// Every unit's validity, by unit index: built from the tree and its changes.
class unit_lifetimes {
public:
    unit_lifetimes(const unit_tree& units, const std::vector<unit_change>& changes)
        : units_(&units), from_(units.size()), until_(units.size()),
          successor_(units.size(), no_unit) {
        for (const auto& c : changes) {
            const auto u = static_cast<std::size_t>(units.at(c.unit));
            from_[u] = c.valid_from;
            until_[u] = c.valid_until;
            if (!c.successor.empty())
                successor_[u] = units.at(c.successor);
        }
    }

    bool valid_on(unit_index u, date d) const {
        const auto k = static_cast<std::size_t>(u);
        return (!from_[k] || *from_[k] <= d) && (!until_[k] || d <= *until_[k]);
    }
    std::optional<date> valid_from(unit_index u) const {
        return from_[static_cast<std::size_t>(u)];
    }
    std::optional<date> valid_until(unit_index u) const {
        return until_[static_cast<std::size_t>(u)];
    }
    unit_index successor(unit_index u) const { return successor_[static_cast<std::size_t>(u)]; }

    /// The unit that stands for u on day d: u while valid; after it ended, its successor's (or,
    /// abolished, its parent's); before it began, its parent's. The root stands for itself.
    /// Changes that lead back to a unit (A abolished into its parent P, whose successor is A's
    /// child C, whose successor is A) are a validation_error naming the unit.
    unit_index stand_in(unit_index u, date d) const {
        const unit_index start = u;
        for (std::size_t steps = 0; !valid_on(u, d); ++steps) {
            if (steps > units_->size())
                throw validation_error("unit \"" + std::string(units_->id(start)) + "\"",
                                       "its successors and parents lead back to it on " +
                                           format_date_vi(d) + "; no unit stands for it");
            const auto k = static_cast<std::size_t>(u);
            const bool ended = until_[k] && *until_[k] < d;
            const auto next = ended && successor_[k] != no_unit ? successor_[k] : units_->parent(u);
            if (next == no_unit)
                return u;
            u = next;
        }
        return u;
    }

private:
    const unit_tree* units_;
    std::vector<std::optional<date>> from_, until_;
    std::vector<unit_index> successor_;
};

/// Checks the changes: one entry per unit, valid_from ≤ valid_until, a successor only for a
/// unit that ends, another unit valid on the day after. Unit names are resolved to ids in
/// place. Errors name change i's field.
inline void check_unit_changes(std::vector<unit_change>& changes, const unit_tree& units,
                               const record_locator& where = default_unit_change_locator) {
    for (std::size_t i = 0; i < changes.size(); ++i) {
        auto& c = changes[i];
        c.unit = std::string(units.id(units.resolve(c.unit, where(i, "unit"))));
        for (std::size_t j = 0; j < i; ++j)
            if (changes[j].unit == c.unit)
                throw validation_error(where(i, "unit"), "unit \"" + c.unit +
                                                             "\" has two entries; give its "
                                                             "validity once");
        if (c.valid_from && c.valid_until && *c.valid_until < *c.valid_from)
            throw validation_error(where(i, "valid_until"),
                                   "the last valid day " + format_date_vi(*c.valid_until) +
                                       " is before the first " + format_date_vi(*c.valid_from));
        if (c.successor.empty())
            continue;
        c.successor = std::string(units.id(units.resolve(c.successor, where(i, "successor"))));
        if (c.successor == c.unit)
            throw validation_error(where(i, "successor"), "a unit cannot succeed itself");
        if (!c.valid_until)
            throw validation_error(where(i, "successor"),
                                   "a unit with a successor needs its last valid day "
                                   "(valid_until)");
    }
    // Successors must exist on the day after their predecessor ends: this also rules out
    // cycles, since each step moves to a later day.
    const unit_lifetimes life(units, changes);
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const auto& c = changes[i];
        if (c.successor.empty())
            continue;
        const date next = *c.valid_until + boost::gregorian::days(1);
        if (!life.valid_on(units.at(c.successor), next))
            throw validation_error(where(i, "successor"),
                                   "successor \"" + c.successor + "\" is not valid on " +
                                       format_date_vi(next) + ", the day after \"" + c.unit +
                                       "\" ends");
    }
    // A loop of successors and parents exists from the day after its last member ends on, so
    // following each ended unit on that day finds every loop.
    for (std::size_t i = 0; i < changes.size(); ++i)
        if (changes[i].valid_until) {
            try {
                life.stand_in(units.at(changes[i].unit),
                              *changes[i].valid_until + boost::gregorian::days(1));
            } catch (const validation_error& e) {
                throw validation_error(where(i, "valid_until"), e.detail());
            }
        }
}

} // namespace ntmkit
