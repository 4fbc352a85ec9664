// The unit hierarchy of a campaign: commune → villages → household groups (tổ liên gia) →
// households, and beside the villages the mass organisations and their village branches.
//
// Layout: units are stored in depth-first pre-order, so every parent comes before its
// children and every subtree is one contiguous range [i, i + subtree_size(i)). Roll-up is then
// a single backward pass, and a subtree query is a slice.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/detail/id_index.hpp>
#include <ntmkit/detail/string_pool.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/fwd.hpp>
#include <ntmkit/unicode.hpp>
#include <ntmkit/unit_level.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

/// Words that may start a village's or group's name and that an officer may leave out
/// ("Bắc Sơn" for "Thôn Bắc Sơn"), lower case as detail::word_key gives them.
inline constexpr std::array<std::string_view, 5> unit_name_prefixes{"thôn", "xóm", "tổ", "ấp",
                                                                    "bản"};

/// One unit as written by a user; the tree resolves parents and checks consistency.
struct unit_spec {
    std::string id;
    std::string name;
    unit_level level = unit_level::village;
    std::string parent;                     ///< empty for the root
    std::optional<std::int64_t> households; ///< where known
    bool illustrative = false;              ///< invented for an example, not from a source
};

class unit_tree {
public:
    unit_tree() = default;

    /// Build from specs in any order. Errors name the ids: duplicate ids, unknown parents,
    /// cycles, no root or several roots, negative household counts. `where_of(position)`
    /// lets a loader say where a spec came from (a JSON pointer, a CSV row).
    static unit_tree build(const std::vector<unit_spec>& specs,
                           const std::function<std::string(std::size_t)>& where_of = {});

    std::size_t size() const { return parent_.size(); }
    bool empty() const { return parent_.empty(); }

    std::string_view id(unit_index u) const { return ids_[static_cast<std::size_t>(u)]; }
    std::string_view name(unit_index u) const { return names_[static_cast<std::size_t>(u)]; }
    unit_level level(unit_index u) const { return level_[static_cast<std::size_t>(u)]; }
    unit_index parent(unit_index u) const { return parent_[static_cast<std::size_t>(u)]; }
    /// Household count given for the unit, if any (a household counts as 1).
    std::optional<std::int64_t> households(unit_index u) const {
        auto h = households_[static_cast<std::size_t>(u)];
        return h < 0 ? std::nullopt : std::optional<std::int64_t>(h);
    }
    /// Given count, or else the sum over children when every child's count is known.
    std::optional<std::int64_t> households_known(unit_index u) const {
        auto h = households_total_[static_cast<std::size_t>(u)];
        return h < 0 ? std::nullopt : std::optional<std::int64_t>(h);
    }
    bool illustrative(unit_index u) const { return illustrative_[static_cast<std::size_t>(u)]; }
    /// Number of units in the subtree rooted at u, u included.
    unit_index subtree_size(unit_index u) const {
        return subtree_size_[static_cast<std::size_t>(u)];
    }
    int depth(unit_index u) const { return depth_[static_cast<std::size_t>(u)]; }
    /// The deepest unit's depth (0: the root alone, or no units).
    int max_depth() const { return max_depth_; }
    unit_index root() const { return empty() ? no_unit : 0; }
    bool is_ancestor_or_self(unit_index ancestor, unit_index u) const {
        return u >= ancestor && u < ancestor + subtree_size(ancestor);
    }

    std::vector<unit_index> children(unit_index u) const;
    std::vector<unit_index> units_at(unit_level level) const;

    std::optional<unit_index> find(std::string_view id) const {
        auto r = index_.find(id, [this](std::uint32_t i) { return ids_[i]; });
        return r ? std::optional<unit_index>(static_cast<unit_index>(*r)) : std::nullopt;
    }
    /// The unit with this id; an unknown id is a validation_error naming it.
    unit_index at(std::string_view id) const {
        if (auto u = find(id))
            return *u;
        throw validation_error("unit \"" + std::string(id) + "\"", "no such unit in the campaign");
    }
    /// Units whose name equals `name` after NFC normalisation (names may repeat: "Tổ 1").
    std::vector<unit_index> find_by_name(std::string_view name) const;
    /// The units `key` may mean: the unit with that id; else every unit of that name (NFC);
    /// else every unit whose name is a prefix word (unit_name_prefixes, any case) then `key`,
    /// so "Bắc Sơn" finds "Thôn Bắc Sơn".
    std::vector<unit_index> candidates(std::string_view key) const;
    /// A unit by id, or else by its unique name or short name.
    std::optional<unit_index> find_by_id_or_name(std::string_view key) const;
    /// The one unit `key` means; else a validation_error at `where`, naming the candidates
    /// when several units share the name.
    unit_index resolve(std::string_view key, const std::string& where) const;

    unit_spec spec(unit_index u) const;
    std::vector<unit_spec> specs() const;

    friend bool operator==(const unit_tree& a, const unit_tree& b) {
        return a.specs() == b.specs();
    }

private:
    detail::string_pool ids_, names_;
    std::vector<unit_level> level_;
    std::vector<unit_index> parent_;
    std::vector<std::int64_t> households_, households_total_;
    std::vector<unit_index> subtree_size_;
    std::vector<std::uint8_t> depth_;
    int max_depth_ = 0;
    std::vector<bool> illustrative_;
    detail::id_index index_;
};

inline bool operator==(const unit_spec& a, const unit_spec& b) {
    return a.id == b.id && a.name == b.name && a.level == b.level && a.parent == b.parent &&
           a.households == b.households && a.illustrative == b.illustrative;
}

// ---------------------------------------------------------------------------------------------

inline unit_tree unit_tree::build(const std::vector<unit_spec>& specs,
                                  const std::function<std::string(std::size_t)>& where_of) {
    auto where = [&](std::size_t pos) {
        return where_of ? where_of(pos) : "unit \"" + specs[pos].id + "\"";
    };
    const std::size_t n = specs.size();

    // Positions by id, to resolve parents before the final order exists.
    detail::string_pool input_ids;
    input_ids.reserve(n, n * 12);
    for (std::size_t i = 0; i < n; ++i) {
        if (specs[i].id.empty())
            throw validation_error(where(i), "unit id must not be empty");
        input_ids.add(specs[i].id);
    }
    detail::id_index by_id;
    if (auto dup = by_id.rebuild(n, [&](std::size_t i) { return input_ids[i]; }))
        throw validation_error(where(dup->second), "duplicate unit id \"" + specs[dup->second].id +
                                                       "\" (also used by " + where(dup->first) +
                                                       ")");

    std::vector<std::int64_t> parent_pos(n, -1);
    std::int64_t root = -1;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& s = specs[i];
        if (s.households && *s.households < 0)
            throw validation_error(where(i), "household count must be 0 or more, got " +
                                                 std::to_string(*s.households));
        if (s.parent.empty()) {
            if (root >= 0)
                throw validation_error(where(i), "units \"" + specs[root].id + "\" and \"" + s.id +
                                                     "\" both have no parent; a campaign has "
                                                     "exactly one root unit");
            root = static_cast<std::int64_t>(i);
            continue;
        }
        auto p = by_id.find(s.parent, [&](std::uint32_t j) { return input_ids[j]; });
        if (!p)
            throw validation_error(where(i), "unit \"" + s.id + "\" names parent \"" + s.parent +
                                                 "\", which is not a unit of the campaign");
        parent_pos[i] = *p;
    }
    // Following parents from a unit that never reaches the root must loop: name the loop.
    auto throw_cycle = [&](std::size_t start) {
        std::vector<std::uint8_t> seen(n, 0);
        std::size_t u = start;
        while (!seen[u]) {
            seen[u] = 1;
            u = static_cast<std::size_t>(parent_pos[u]);
        }
        std::string cycle = "\"" + specs[u].id + "\"";
        for (auto v = static_cast<std::size_t>(parent_pos[u]); v != u;
             v = static_cast<std::size_t>(parent_pos[v]))
            cycle += " → \"" + specs[v].id + "\"";
        throw validation_error(where(u), "units form a cycle: " + cycle + " → \"" + specs[u].id +
                                             "\"; a campaign needs one root unit with no parent");
    };
    if (n > 0 && root < 0)
        throw_cycle(0);

    // Children lists in input order (counting sort), then an iterative pre-order walk.
    std::vector<std::size_t> first_child(n + 1, 0), child_list(n);
    for (std::size_t i = 0; i < n; ++i)
        if (parent_pos[i] >= 0)
            ++first_child[static_cast<std::size_t>(parent_pos[i]) + 1];
    for (std::size_t i = 0; i < n; ++i)
        first_child[i + 1] += first_child[i];
    {
        auto fill = first_child;
        for (std::size_t i = 0; i < n; ++i)
            if (parent_pos[i] >= 0)
                child_list[fill[static_cast<std::size_t>(parent_pos[i])]++] = i;
    }

    unit_tree t;
    t.ids_.reserve(n, n * 12);
    t.names_.reserve(n, n * 16);
    t.level_.reserve(n);
    t.parent_.reserve(n);
    t.households_.reserve(n);
    t.depth_.reserve(n);
    t.illustrative_.reserve(n);
    std::vector<unit_index> new_index(n, no_unit);
    std::vector<std::size_t> input_pos; // new index -> position in specs, for errors
    input_pos.reserve(n);
    if (n > 0) {
        std::vector<std::size_t> stack{static_cast<std::size_t>(root)};
        while (!stack.empty()) {
            auto i = stack.back();
            stack.pop_back();
            const auto& s = specs[i];
            auto me = static_cast<unit_index>(t.parent_.size());
            new_index[i] = me;
            input_pos.push_back(i);
            unit_index p = parent_pos[i] < 0 ? no_unit : new_index[parent_pos[i]];
            t.ids_.add(s.id);
            t.names_.add(nfc(s.name));
            t.level_.push_back(s.level);
            t.parent_.push_back(p);
            t.households_.push_back(s.level == unit_level::household ? 1
                                    : s.households                   ? *s.households
                                                                     : -1);
            int d = p == no_unit ? 0 : t.depth_[static_cast<std::size_t>(p)] + 1;
            if (d > 250)
                throw validation_error(where(i), "the unit tree is deeper than 250 levels");
            t.depth_.push_back(static_cast<std::uint8_t>(d));
            t.max_depth_ = std::max(t.max_depth_, d);
            t.illustrative_.push_back(s.illustrative);
            for (auto c = first_child[i + 1]; c > first_child[i]; --c)
                stack.push_back(child_list[c - 1]);
        }
    }
    if (t.parent_.size() != n) // units not reached from the root hang on a cycle of their own
        for (std::size_t i = 0; i < n; ++i)
            if (new_index[i] == no_unit)
                throw_cycle(i);

    // Subtree sizes and known household totals in one backward pass.
    t.subtree_size_.assign(n, 1);
    t.households_total_ = t.households_;
    std::vector<std::int64_t> child_sum(n, 0);
    std::vector<std::uint8_t> all_known(n, 1), has_child(n, 0);
    for (std::size_t i = n; i-- > 1;) {
        auto p = static_cast<std::size_t>(t.parent_[i]);
        t.subtree_size_[p] += t.subtree_size_[i];
        if (!households_carry_into_parent(t.level_[i], t.level_[p]))
            continue;
        if (t.households_[i] < 0 && !has_child[i])
            all_known[i] = 0;
        auto h = t.households_[i] >= 0 ? t.households_[i] : (all_known[i] ? child_sum[i] : -1);
        t.households_total_[i] = h;
        has_child[p] = 1;
        if (h < 0)
            all_known[p] = 0;
        else if (child_sum[p] > std::numeric_limits<std::int64_t>::max() - h)
            // A wrapped sum would give the parent a wrong count and blame a later check.
            throw validation_error(where(input_pos[i]),
                                   "households " + std::to_string(h) + " of unit \"" +
                                       std::string(t.ids_[i]) + "\" take unit \"" +
                                       std::string(t.ids_[p]) + "\"'s count past " +
                                       std::to_string(std::numeric_limits<std::int64_t>::max()));
        else
            child_sum[p] += h;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (t.households_[i] < 0)
            t.households_total_[i] = (has_child[i] && all_known[i]) ? child_sum[i] : -1;
    t.index_.rebuild(n, [&t](std::size_t i) { return t.ids_[i]; });
    return t;
}

inline std::vector<unit_index> unit_tree::children(unit_index u) const {
    std::vector<unit_index> out;
    for (unit_index c = u + 1; c < u + subtree_size(u); c += subtree_size(c))
        out.push_back(c);
    return out;
}

inline std::vector<unit_index> unit_tree::units_at(unit_level lv) const {
    std::vector<unit_index> out;
    for (std::size_t i = 0; i < size(); ++i)
        if (level_[i] == lv)
            out.push_back(static_cast<unit_index>(i));
    return out;
}

inline std::vector<unit_index> unit_tree::find_by_name(std::string_view name) const {
    std::vector<unit_index> out;
    const std::string key = nfc(name);
    for (std::size_t i = 0; i < size(); ++i)
        if (names_[i] == key)
            out.push_back(static_cast<unit_index>(i));
    return out;
}

inline std::vector<unit_index> unit_tree::candidates(std::string_view key) const {
    if (auto u = find(key))
        return {*u};
    auto found = find_by_name(key);
    if (!found.empty())
        return found;
    const std::string name = nfc(key);
    for (std::size_t i = 0; i < size(); ++i) {
        const std::string_view full = names_[i];
        const auto space = full.find(' ');
        // The rest is compared first: folding the prefix word allocates.
        if (space == full.npos || full.substr(space + 1) != name)
            continue;
        const auto prefix = detail::word_key(full.substr(0, space));
        if (std::find(unit_name_prefixes.begin(), unit_name_prefixes.end(), prefix) !=
            unit_name_prefixes.end())
            found.push_back(static_cast<unit_index>(i));
    }
    return found;
}

inline std::optional<unit_index> unit_tree::find_by_id_or_name(std::string_view key) const {
    auto found = candidates(key);
    return found.size() == 1 ? std::optional<unit_index>(found.front()) : std::nullopt;
}

inline unit_index unit_tree::resolve(std::string_view key, const std::string& where) const {
    return detail::only_candidate(candidates(key), key, "units", where,
                                  "no unit with id or name \"" + std::string(key) +
                                      "\" in the campaign",
                                  [this](unit_index u) { return id(u); });
}

inline unit_spec unit_tree::spec(unit_index u) const {
    unit_spec s;
    s.id = std::string(id(u));
    s.name = std::string(name(u));
    s.level = level(u);
    s.parent = parent(u) == no_unit ? std::string() : std::string(id(parent(u)));
    if (level(u) != unit_level::household)
        s.households = households(u);
    s.illustrative = illustrative(u);
    return s;
}

inline std::vector<unit_spec> unit_tree::specs() const {
    std::vector<unit_spec> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i)
        out.push_back(spec(static_cast<unit_index>(i)));
    return out;
}

} // namespace ntmkit
