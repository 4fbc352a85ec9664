// The campaign file's "drives" and "unit_changes" members (docs/format.md), read through the
// cursor so errors name their JSON pointer; json.hpp calls these.
#pragma once

#include <ntmkit/detail/json_cursor.hpp>
#include <ntmkit/detail/json_strict.hpp>
#include <ntmkit/drive.hpp>
#include <ntmkit/unit_change.hpp>

#include <string>

namespace ntmkit::detail {

/// Whole numbers without a fraction (json.hpp).
template <class J> J number_json(double v);

/// A date member (ISO or d/m/yyyy); errors name its pointer. json.hpp reads every date so.
inline date date_at(const json_cursor& c) {
    try {
        return parse_date(c.as_string());
    } catch (const parse_error& e) {
        throw parse_error(c.where(), e.detail() + " (" + e.where() + ")");
    }
}

inline drive read_drive(const json_cursor& c) {
    require_known_members(c, {"id", "name_vi", "name_en", "unit", "first", "last", "targets",
                              "note", "illustrative"});
    drive d;
    d.id = c.at("id").as_string();
    d.name_vi = optional_string(c, "name_vi");
    d.name_en = optional_string(c, "name_en");
    d.unit = c.at("unit").as_string();
    d.first = date_at(c.at("first"));
    d.last = date_at(c.at("last"));
    if (auto ts = c.find("targets"))
        for (std::size_t k = 0; k < ts->size(); ++k) {
            const auto t = ts->at(k);
            require_known_members(t, {"unit", "indicator", "value", "basis"});
            drive_target x;
            x.unit = optional_string(t, "unit");
            x.indicator = t.at("indicator").as_string();
            x.value = t.at("value").as_number();
            if (auto b = t.find("basis"))
                x.basis = b->as_enum<target_basis>();
            d.targets.push_back(std::move(x));
        }
    d.note = optional_string(c, "note");
    d.illustrative = optional_bool(c, "illustrative", false);
    return d;
}

template <class J> J drive_json(const drive& d) {
    J o = J::object();
    o["id"] = d.id;
    o["name_vi"] = d.name_vi;
    o["name_en"] = d.name_en;
    o["unit"] = d.unit;
    o["first"] = format_date_iso(d.first);
    o["last"] = format_date_iso(d.last);
    J ts = J::array();
    for (const auto& t : d.targets) {
        J x = J::object();
        if (!t.unit.empty())
            x["unit"] = t.unit;
        x["indicator"] = t.indicator;
        x["value"] = number_json<J>(t.value);
        x["basis"] = to_string(t.basis);
        ts.push_back(std::move(x));
    }
    o["targets"] = std::move(ts);
    if (!d.note.empty())
        o["note"] = d.note;
    if (d.illustrative)
        o["illustrative"] = true;
    return o;
}

inline unit_change read_unit_change(const json_cursor& c) {
    require_known_members(c, {"unit", "valid_from", "valid_until", "successor", "note"});
    unit_change u;
    u.unit = c.at("unit").as_string();
    if (auto v = c.find("valid_from"))
        u.valid_from = date_at(*v);
    if (auto v = c.find("valid_until"))
        u.valid_until = date_at(*v);
    u.successor = optional_string(c, "successor");
    u.note = optional_string(c, "note");
    return u;
}

template <class J> J unit_change_json(const unit_change& u) {
    J o = J::object();
    o["unit"] = u.unit;
    if (u.valid_from)
        o["valid_from"] = format_date_iso(*u.valid_from);
    if (u.valid_until)
        o["valid_until"] = format_date_iso(*u.valid_until);
    if (!u.successor.empty())
        o["successor"] = u.successor;
    if (!u.note.empty())
        o["note"] = u.note;
    return o;
}

} // namespace ntmkit::detail
