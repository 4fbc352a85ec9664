// ntmkit.Error (a ValueError) → ParseError, ValidationError, DTypeError, ArgumentError; each
// instance keeps the C++ message and its parts: `where` (JSON pointer, CSV row, unit id) and
// `detail`. Arguments of the wrong Python type are checked here too (number_arg, text_arg…), so
// no binding lets a raw pybind11 cast error or RuntimeError through.
#include "common.hpp"

namespace ntmkit_py {

namespace {

PyObject* error_type = nullptr;
PyObject* parse_error_type = nullptr;
PyObject* validation_error_type = nullptr;
PyObject* dtype_error_type = nullptr;
PyObject* argument_error_type = nullptr;

void raise(PyObject* type, const ntmkit::error& e) {
    py::object instance = py::reinterpret_borrow<py::object>(type)(e.what());
    instance.attr("where") = e.where();
    instance.attr("detail") = e.detail();
    PyErr_SetObject(type, instance.ptr());
}

} // namespace

std::string describe_value(py::handle h) {
    auto text = py::repr(h).cast<std::string>();
    if (text.size() > 40)
        text = text.substr(0, 37) + "...";
    return py::str(py::type::of(h).attr("__name__")).cast<std::string>() + " " + text;
}

double number_arg(py::handle h, const std::string& where) {
    // bool is an int to Python, and text like "77" would be a guess: both refused.
    if (!py::isinstance<py::bool_>(h) && !py::isinstance<py::str>(h) &&
        !py::isinstance<py::bytes>(h) && PyNumber_Check(h.ptr())) {
        const double v = PyFloat_AsDouble(h.ptr()); // int, float, numpy scalars, Decimal
        if (!(v == -1.0 && PyErr_Occurred()))
            return v;
        PyErr_Clear();
    }
    throw argument_error(where, "expected a number (int or float), got " + describe_value(h));
}

long long integer_arg(py::handle h, const std::string& where) {
    if (!py::isinstance<py::bool_>(h) && PyIndex_Check(h.ptr())) {
        const long long v =
            PyLong_AsLongLong(py::reinterpret_steal<py::object>(PyNumber_Index(h.ptr())).ptr());
        if (!(v == -1 && PyErr_Occurred()))
            return v;
        PyErr_Clear();
    }
    throw argument_error(where, "expected a whole number (int), got " + describe_value(h));
}

std::string text_arg(py::handle h, const std::string& where) {
    if (!py::isinstance<py::str>(h))
        throw argument_error(where, "expected text (str), got " + describe_value(h));
    return h.cast<std::string>();
}

void add_errors(py::module_& m) {
    // Module-lifetime references, like pybind11's own exception types.
    error_type = PyErr_NewExceptionWithDoc(
        "ntmkit.Error",
        "Root of ntmkit errors (a ValueError). `where` locates the problem (JSON pointer, CSV "
        "row and column, unit id, date text), `detail` says what was expected; str(e) is "
        "\"<where>: <detail>\", the same text as the C++ library.",
        PyExc_ValueError, nullptr);
    parse_error_type = PyErr_NewExceptionWithDoc(
        "ntmkit.ParseError", "Text that could not be read: a date, a number, a CSV line, JSON.",
        error_type, nullptr);
    validation_error_type = PyErr_NewExceptionWithDoc(
        "ntmkit.ValidationError",
        "Well-formed input that contradicts the campaign: unknown unit, duplicate id, negative "
        "quantity, a day outside the window, more households than the unit has.",
        error_type, nullptr);
    py::tuple bases = py::make_tuple(py::handle(error_type), py::handle(PyExc_TypeError));
    dtype_error_type = PyErr_NewExceptionWithDoc(
        "ntmkit.DTypeError",
        "An array of the wrong dtype, e.g. floats where integer indices or days are required "
        "(they are rejected rather than truncated). Also a TypeError.",
        bases.ptr(), nullptr);
    argument_error_type = PyErr_NewExceptionWithDoc(
        "ntmkit.ArgumentError",
        "A Python argument of the wrong type, e.g. text \"77\" where a number is needed; "
        "`where` names the argument, `detail` the type expected and the one given. Also a "
        "TypeError.",
        bases.ptr(), nullptr);
    if (!error_type || !parse_error_type || !validation_error_type || !dtype_error_type ||
        !argument_error_type)
        throw py::error_already_set();
    m.attr("Error") = py::handle(error_type);
    m.attr("ParseError") = py::handle(parse_error_type);
    m.attr("ValidationError") = py::handle(validation_error_type);
    m.attr("DTypeError") = py::handle(dtype_error_type);
    m.attr("ArgumentError") = py::handle(argument_error_type);

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p)
                std::rethrow_exception(p);
        } catch (const dtype_error& e) {
            raise(dtype_error_type, e);
        } catch (const argument_error& e) {
            raise(argument_error_type, e);
        } catch (const ntmkit::parse_error& e) {
            raise(parse_error_type, e);
        } catch (const ntmkit::validation_error& e) {
            raise(validation_error_type, e);
        } catch (const ntmkit::error& e) {
            raise(error_type, e);
        } catch (const py::cast_error& e) {
            // A conversion no binding checked by name (h.cast<T>() on a value of another type):
            // still an ntmkit error, with pybind11's description of the types.
            raise(argument_error_type,
                  argument_error("argument", std::string("wrong type: ") + e.what()));
        }
    });
}

} // namespace ntmkit_py
