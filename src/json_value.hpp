// JSON values <-> plain Python data (dicts, lists, str, int, float, bool, None) for the types
// that cross as their JSON file format (criteria sets, evaluations, scoring tables, rankings).
// The values are those json.loads / json.dumps would give, without importing a Python module.
#pragma once

#include "common.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <string>

namespace ntmkit_py {

inline py::object json_to_python(const nlohmann::json& j) {
    using t = nlohmann::json::value_t;
    switch (j.type()) {
    case t::boolean:
        return py::bool_(j.get<bool>());
    case t::number_integer:
        return py::int_(j.get<std::int64_t>());
    case t::number_unsigned:
        return py::int_(j.get<std::uint64_t>());
    case t::number_float: {
        const double v = j.get<double>();
        // JSON text has no NaN or infinity: the library writes them as null.
        return std::isfinite(v) ? py::object(py::float_(v)) : py::object(py::none());
    }
    case t::string:
        return py::str(j.get_ref<const std::string&>());
    case t::array: {
        py::list out;
        for (const auto& x : j)
            out.append(json_to_python(x));
        return std::move(out);
    }
    case t::object: {
        py::dict out;
        for (const auto& [k, v] : j.items())
            out[py::str(k)] = json_to_python(v);
        return std::move(out);
    }
    default:
        return py::none();
    }
}

/// `where` names the argument in errors, as "dict" did when the data went through JSON text.
inline nlohmann::json json_from_python(py::handle o, const std::string& where = "dict") {
    if (o.is_none())
        return nullptr;
    if (py::isinstance<py::bool_>(o))
        return o.cast<bool>();
    if (py::isinstance<py::int_>(o)) {
        if (o.cast<py::int_>() < py::int_(0))
            return o.cast<std::int64_t>();
        return o.cast<std::uint64_t>();
    }
    if (py::isinstance<py::float_>(o)) {
        const double v = o.cast<double>();
        if (!std::isfinite(v))
            throw ntmkit::parse_error(where, "NaN and infinity are not JSON numbers");
        return v;
    }
    if (py::isinstance<py::str>(o))
        return o.cast<std::string>();
    if (py::isinstance<py::dict>(o)) {
        auto out = nlohmann::json::object();
        for (auto [k, v] : o.cast<py::dict>()) {
            // Keys as json.dumps writes them: str as is; numbers, booleans and None as text.
            std::string key;
            if (py::isinstance<py::str>(k))
                key = k.cast<std::string>();
            else if (k.is_none() || py::isinstance<py::bool_>(k) || py::isinstance<py::int_>(k) ||
                     py::isinstance<py::float_>(k))
                key = json_from_python(k, where).dump();
            else
                throw py::type_error("keys must be str, int, float, bool or None, not " +
                                     py::str(py::type::of(k).attr("__name__")).cast<std::string>());
            out[key] = json_from_python(v, where);
        }
        return out;
    }
    if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o)) {
        auto out = nlohmann::json::array();
        for (auto x : o)
            out.push_back(json_from_python(x, where));
        return out;
    }
    throw py::type_error("Object of type " +
                         py::str(py::type::of(o).attr("__name__")).cast<std::string>() +
                         " is not JSON serializable");
}

} // namespace ntmkit_py
