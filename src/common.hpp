// Shared by the register_*.cpp files: the date caster, argument helpers and the add_<area>
// entry points that module.cpp calls.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/campaign.hpp>

#include <pybind11/native_enum.h>
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <optional>
#include <string>

namespace py = pybind11;

namespace ntmkit {
struct campaign_ranking; // ranking.hpp; only register_ranking.cpp and register_report.cpp need it
struct ranking_options;
} // namespace ntmkit

namespace ntmkit_py {

// Defined in register_calendar.cpp: the datetime C API capsule is imported per translation
// unit, so all date conversion lives in one place.
PyObject* make_pydate(const ntmkit::date& d);
/// True and sets `out` if `o` is a datetime.date (datetime and pandas.Timestamp included: their
/// own year/month/day are read, never converted between time zones) or a numpy.datetime64 (its
/// calendar day). NaT, numpy's or pandas', is a ParseError rather than "not a date".
bool read_pydate(PyObject* o, ntmkit::date& out);

/// A wrong array dtype (float where integers are required): ntmkit.DTypeError, also a TypeError.
class dtype_error : public ntmkit::error {
public:
    using ntmkit::error::error;
};

/// A Python argument of the wrong type (text where a number is needed): ntmkit.ArgumentError,
/// also a TypeError. `where` names the argument, `detail` the type expected and the one given.
class argument_error : public ntmkit::error {
public:
    using ntmkit::error::error;
};

/// "str '77'": a Python value's type and a short repr, for messages.
std::string describe_value(py::handle h);

/// A number argument (int, float, numpy scalar; not bool or text) at `where`, or an
/// argument_error saying what was given.
double number_arg(py::handle h, const std::string& where);

/// A whole-number argument (int, numpy integer; not bool, float or text) at `where`.
long long integer_arg(py::handle h, const std::string& where);

/// A text argument (str) at `where`.
std::string text_arg(py::handle h, const std::string& where);

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

/// The one Campaign class: module.cpp creates it and each area adds its members.
using campaign_class = py::class_<ntmkit::campaign>;

// One add_<area> per register_<area>.cpp, called in this order by module.cpp. An area that adds
// members to Campaign receives the class; none looks a class up by name.
void add_errors(py::module_& m);
void add_calendar(py::module_& m);
void add_units(py::module_& m);
void add_campaign(py::module_& m, campaign_class& campaign);
void add_progress(py::module_& m, campaign_class& campaign);
void add_rollup(py::module_& m, campaign_class& campaign);
void add_criteria(py::module_& m);
void add_ranking(py::module_& m, campaign_class& campaign);
void add_report(py::module_& m, campaign_class& campaign);
void add_synthetic(py::module_& m);
void add_dhis2(py::module_& m, campaign_class& campaign);
void add_partial(py::module_& m);
void add_support(py::module_& m, campaign_class& campaign);
void add_store(py::module_& m);
void add_year(py::module_& m, campaign_class& campaign);
void add_arrow(campaign_class& campaign);

/// A ranking as the Python CampaignRanking of `campaign` (register_ranking.cpp; FinalReport's
/// ranking uses it).
py::object wrap_ranking(py::object campaign, ntmkit::campaign_ranking r);
/// rank_units' Python arguments as ranking options (Campaign.rank_units, Partial.rank_units);
/// defined in register_ranking.cpp.
ntmkit::ranking_options ranking_options_of(py::handle level, std::map<std::string, double> weights,
                                           bool cap_at_100, py::handle tie_break,
                                           std::optional<int> commend_top_k,
                                           std::optional<double> commend_at_least,
                                           double remind_below);
/// A roll-up as the Python Rollup of `campaign` (register_rollup.cpp; partial roll-ups use it).
py::object wrap_rollup(py::object campaign, ntmkit::rollup r);

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
