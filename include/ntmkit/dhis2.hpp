// DHIS2 exchange: a campaign's figures as a dataValueSets payload (POST /api/dataValueSets) and
// such a payload back into progress records. DHIS2 knows data elements and organisation units by
// its own uids: a user-supplied mapping table names them (docs/format.md, "DHIS2 exchange").
#pragma once

#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/json_strict.hpp>
#include <ntmkit/format.hpp>
#include <ntmkit/period.hpp>
#include <ntmkit/rollup.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace ntmkit {

/// What a DHIS2 instance calls the campaign's indicators and units. An empty table keeps
/// ntmkit's ids; a non-empty one exports only what it names.
struct dhis2_mapping {
    std::string data_set;                             ///< dataSet uid; empty: left out
    std::map<std::string, std::string> data_elements; ///< indicator id -> dataElement
    std::map<std::string, std::string> org_units;     ///< unit id -> orgUnit
};

/// What the exported values are: the cumulative figure (lũy kế) as of the day, in the period
/// holding that day, or each period's own figure (work done in it; the latest figure for
/// `last` indicators) for every period from the campaign's start.
enum class dhis2_values { cumulative, per_period };

constexpr auto enum_names(dhis2_values) {
    using P = std::pair<dhis2_values, std::string_view>;
    return std::array{P{dhis2_values::cumulative, "cumulative"},
                      P{dhis2_values::per_period, "per_period"}};
}

struct dhis2_export_options {
    unit_level level = unit_level::village;
    dhis2_values values = dhis2_values::cumulative;
    /// DHIS2 period type of the data set; unset: the schedule's own (SatW for Friday reports).
    std::optional<dhis2_period_type> period_type;
};

namespace detail {

inline std::map<std::string, std::string> read_id_table(const json_cursor& c,
                                                        std::string_view key) {
    std::map<std::string, std::string> out;
    auto m = c.find(key);
    if (!m)
        return out;
    m->require_object();
    for (const auto& item : m->value().items())
        out[item.key()] = m->at(item.key()).as_string();
    return out;
}

// Two ntmkit ids on one DHIS2 uid would make an import ambiguous; an id the campaign lacks is a
// typo that would otherwise drop figures silently.
template <class Known>
void check_id_table(const std::map<std::string, std::string>& table, const std::string& member,
                    std::string_view what, Known known) {
    std::map<std::string, std::string> seen;
    for (const auto& [id, uid] : table) {
        const std::string where = "DHIS2 mapping /" + member + "/" + id;
        if (!known(id))
            throw validation_error(where,
                                   "no " + std::string(what) + " \"" + id + "\" in the campaign");
        if (uid.empty())
            throw validation_error(where, "empty DHIS2 uid");
        if (auto [it, fresh] = seen.emplace(uid, id); !fresh)
            throw validation_error(where,
                                   "\"" + uid + "\" is also the uid of \"" + it->second + "\"");
    }
}

inline void check_mapping(const campaign& c, const dhis2_mapping& m) {
    check_id_table(m.data_elements, "dataElements", "indicator",
                   [&](const std::string& id) { return c.find_indicator(id).has_value(); });
    check_id_table(m.org_units, "orgUnits", "unit",
                   [&](const std::string& id) { return c.units().find(id).has_value(); });
}

/// ntmkit id -> DHIS2 uid, or nothing when the table leaves the id out.
inline std::optional<std::string> to_dhis2(const std::map<std::string, std::string>& table,
                                           std::string_view id) {
    if (table.empty())
        return std::string(id);
    auto it = table.find(std::string(id));
    return it == table.end() ? std::nullopt : std::optional<std::string>(it->second);
}

inline std::optional<std::string> from_dhis2(const std::map<std::string, std::string>& table,
                                             const std::string& uid) {
    if (table.empty())
        return uid;
    for (const auto& [id, u] : table)
        if (u == uid)
            return id;
    return std::nullopt;
}

/// The DHIS2 periods of `type` from the window's first day to `last` (inclusive).
inline std::vector<dhis2_period> dhis2_periods(date first, date last, dhis2_period_type type) {
    std::vector<dhis2_period> out;
    for (date d = first; d <= last; d = out.back().last + boost::gregorian::days(1))
        out.push_back(dhis2_period_containing(d, type));
    return out;
}

} // namespace detail

/// Reads a mapping table: {"format": "ntmkit-dhis2-mapping", "format_version": 1,
/// "dataSet": uid, "dataElements": {indicator: uid}, "orgUnits": {unit: uid}}.
inline dhis2_mapping parse_dhis2_mapping(const nlohmann::json& json) {
    const detail::json_cursor c(json);
    detail::require_known_members(
        c, {"format", "format_version", "dataSet", "dataElements", "orgUnits", "notes"});
    detail::require_format(c, "ntmkit-dhis2-mapping", 1);
    return {detail::optional_string(c, "dataSet"), detail::read_id_table(c, "dataElements"),
            detail::read_id_table(c, "orgUnits")};
}

/// The campaign's figures as of `as_of` as a DHIS2 dataValueSets payload:
/// {"dataSet"?, "period"? (cumulative), "dataValues": [{"dataElement", "period", "orgUnit",
/// "value"}]}, values as text ("12", "1.5"), zeros left out (DHIS2 does not store them by
/// default), units of `options.level` in tree order then indicators in campaign order.
inline nlohmann::json dhis2_data_value_set(const campaign& c, date as_of,
                                           const dhis2_mapping& mapping = {},
                                           const dhis2_export_options& options = {}) {
    detail::check_mapping(c, mapping);
    const auto& w = c.window();
    const auto type = options.period_type.value_or(dhis2_period_type_of(c.schedule()));
    const date last = std::min(as_of, w.last());
    if (last < w.first())
        throw validation_error("date " + format_date_vi(as_of),
                               "before the campaign " + w.describe());
    const auto units = c.units().units_at(options.level);
    const auto& indicators = c.indicators();

    nlohmann::json values = nlohmann::json::array();
    auto add = [&](unit_index u, std::size_t i, const std::string& period, double value) {
        auto element = detail::to_dhis2(mapping.data_elements, indicators[i].id);
        auto org_unit = detail::to_dhis2(mapping.org_units, c.units().id(u));
        if (value == 0 || !element || !org_unit)
            return;
        values.push_back({{"dataElement", *element},
                          {"period", period},
                          {"orgUnit", *org_unit},
                          {"value", number_text(value)}});
    };
    nlohmann::json payload = nlohmann::json::object();
    if (!mapping.data_set.empty())
        payload["dataSet"] = mapping.data_set;

    if (options.values == dhis2_values::cumulative) {
        const auto period = dhis2_period_of(c.schedule().period_for(w, last), type).id;
        const rollup r(c, as_of);
        for (auto u : units)
            for (std::size_t i = 0; i < indicators.size(); ++i)
                add(u, i, period, r.tally(u, static_cast<indicator_index>(i)).cumulative);
        payload["period"] = period;
    } else {
        // A period's own figure is the cumulative at its end minus that at the end of the one
        // before (0 before the campaign); `last` indicators send the figure itself.
        std::vector<double> before(units.size() * indicators.size(), 0.0);
        for (const auto& p : detail::dhis2_periods(w.first(), last, type)) {
            const rollup r(c, std::min(p.last, last));
            for (std::size_t k = 0; k < units.size(); ++k)
                for (std::size_t i = 0; i < indicators.size(); ++i) {
                    const double now =
                        r.tally(units[k], static_cast<indicator_index>(i)).cumulative;
                    double& prior = before[k * indicators.size() + i];
                    add(units[k], i, p.id,
                        indicators[i].over_time == time_aggregation::last ? now : now - prior);
                    prior = now;
                }
        }
    }
    payload["dataValues"] = std::move(values);
    return payload;
}

/// Progress records from a dataValueSets payload (as exported above, or as DHIS2 returns it:
/// members other than dataElement, period, orgUnit and value are ignored). Each value is dated
/// the last day of its period inside the campaign and noted "DHIS2 <period>". `values` says what
/// the figures are: cumulative figures become increments over the unit's previous period
/// (`sum` indicators), per-period figures are taken as they are. Errors name the value's
/// pointer, e.g. "/dataValues/3/orgUnit: no unit is mapped to \"DiszpKrYNg8\"".
inline std::vector<progress_record>
progress_from_dhis2(const campaign& c, const nlohmann::json& payload,
                    const dhis2_mapping& mapping = {},
                    dhis2_values values = dhis2_values::cumulative) {
    detail::check_mapping(c, mapping);
    const detail::json_cursor root(payload);
    const auto list = root.at("dataValues");
    const std::string default_period = detail::optional_string(root, "period");
    const std::string default_org_unit = detail::optional_string(root, "orgUnit");
    const auto& w = c.window();

    struct entry {
        std::string unit, indicator, period;
        date day;
        double value;
        std::string where;
    };
    std::vector<entry> entries;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const auto v = list.at(k);
        auto text = [&](std::string_view key, const std::string& fallback) {
            auto m = v.find(key);
            if (!m && !fallback.empty())
                return fallback;
            return (m ? *m : v.at(key)).as_string();
        };
        const auto element = text("dataElement", "");
        const auto indicator = detail::from_dhis2(mapping.data_elements, element);
        if (!indicator || !c.find_indicator(*indicator))
            throw validation_error(v.member_where("dataElement"),
                                   "no indicator is mapped to \"" + element + "\"");
        const auto org_unit = text("orgUnit", default_org_unit);
        const auto unit = detail::from_dhis2(mapping.org_units, org_unit);
        if (!unit || !c.units().find(*unit))
            throw validation_error(v.member_where("orgUnit"),
                                   "no unit is mapped to \"" + org_unit + "\"");
        const auto period_id = text("period", default_period);
        dhis2_period p;
        try {
            p = parse_dhis2_period_id(period_id);
        } catch (const parse_error& e) {
            throw parse_error(v.member_where("period"), e.detail());
        }
        if (p.last < w.first() || p.first > w.last())
            throw validation_error(v.member_where("period"), "\"" + period_id +
                                                                 "\" has no day in the campaign " +
                                                                 w.describe());
        const auto value_cursor = v.at("value");
        double value = 0;
        if (value_cursor.value().is_number()) {
            value = value_cursor.as_number();
        } else {
            const auto s = value_cursor.as_string();
            std::size_t used = 0;
            try {
                value = std::stod(s, &used);
            } catch (const std::exception&) {
                used = 0;
            }
            if (s.empty() || used != s.size() || !std::isfinite(value))
                throw parse_error(value_cursor.where(), "expected a number, got \"" + s + "\"");
        }
        entries.push_back(
            {*unit, *indicator, period_id, std::min(p.last, w.last()), value, v.where()});
    }

    // Cumulative figures: each (unit, indicator) in period order, the increment over the one
    // before. The same cell twice in one period cannot be told apart: refused.
    std::stable_sort(entries.begin(), entries.end(), [](const entry& a, const entry& b) {
        return std::tie(a.unit, a.indicator, a.day) < std::tie(b.unit, b.indicator, b.day);
    });
    std::vector<progress_record> records;
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const auto& e = entries[k];
        const bool same_cell =
            k > 0 && entries[k - 1].unit == e.unit && entries[k - 1].indicator == e.indicator;
        if (same_cell && entries[k - 1].day == e.day)
            throw validation_error(e.where, "a second value for " + e.unit + " × " + e.indicator +
                                                " in period " + e.period);
        const bool cumulative_sum =
            values == dhis2_values::cumulative &&
            c.indicator_of(*c.find_indicator(e.indicator)).over_time == time_aggregation::sum;
        progress_record r;
        r.unit = e.unit;
        r.indicator = e.indicator;
        r.done = e.day;
        r.quantity = cumulative_sum && same_cell ? e.value - entries[k - 1].value : e.value;
        r.note = "DHIS2 " + e.period;
        if (r.quantity != 0 || !cumulative_sum)
            records.push_back(std::move(r));
    }
    return records;
}

} // namespace ntmkit
