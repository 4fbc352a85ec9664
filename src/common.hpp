// Shared by the register_*.cpp files: the date caster, argument helpers and the
// registration entry points that module.cpp calls.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/campaign.hpp>

#include <pybind11/native_enum.h>
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

namespace py = pybind11;

namespace ntmkit_py {

// Defined in register_calendar.cpp: the datetime C API capsule is imported per translation
// unit, so all date conversion lives in one place.
PyObject* make_pydate(const ntmkit::date& d);
/// True and sets `out` if `o` is a datetime.date (datetime and pandas.Timestamp included: their
/// own year/month/day are read, never converted between time zones).
bool read_pydate(PyObject* o, ntmkit::date& out);

/// A wrong array dtype (float where integers are required): ntmkit.DTypeError, also a TypeError.
class dtype_error : public ntmkit::error {
public:
    using ntmkit::error::error;
};

/// Binds a C++ enum as a Python enum.Enum whose member names are the stored names.
template <class E> void bind_enum(py::module_& m, const char* name, const char* doc) {
    py::native_enum<E> e(m, name, "enum.Enum", doc);
    for (const auto& [v, n] : enum_names(E{}))
        e.value(n.data(), v); // names are string literals, so NUL-terminated
    e.finalize();
}

/// An enum argument given as the enum or as its stored name ("proportional").
template <class E> E enum_arg(py::handle h, const std::string& where) {
    if (py::isinstance<py::str>(h))
        return ntmkit::parse_enum<E>(h.cast<std::string>(), where);
    return h.cast<E>();
}

/// A unit given by index, id or unique name.
ntmkit::unit_index unit_arg(const ntmkit::unit_tree& t, py::handle h);
/// An indicator given by index or id.
ntmkit::indicator_index indicator_arg(const ntmkit::campaign& c, py::handle h);
void check_unit_index(const ntmkit::unit_tree& t, long long u);

void register_errors(py::module_& m);
void register_calendar(py::module_& m);
void register_units(py::module_& m);
void register_campaign(py::module_& m);
void register_progress(py::module_& m);
void register_rollup(py::module_& m);
void register_criteria(py::module_& m);
void register_report(py::module_& m);
void register_ranking(py::module_& m);
void register_synthetic(py::module_& m); // register_synthetic.cpp: the synthetic country

} // namespace ntmkit_py

namespace pybind11::detail {

/// boost::gregorian::date <-> datetime.date; also accepts ISO and Vietnamese d/m/yyyy text.
template <> struct type_caster<boost::gregorian::date> {
    // Text is accepted on input, so signatures and stubs say so.
    PYBIND11_TYPE_CASTER(boost::gregorian::date, io_name("datetime.date | str", "datetime.date"));

    bool load(handle src, bool) {
        if (!src)
            return false;
        if (ntmkit_py::read_pydate(src.ptr(), value))
            return true;
        if (PyUnicode_Check(src.ptr())) {
            value = ntmkit::parse_date(src.cast<std::string>()); // ParseError quoting the text
            return true;
        }
        return false;
    }
    static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
        if (d.is_special())
            return none().release();
        return ntmkit_py::make_pydate(d);
    }
};

} // namespace pybind11::detail
