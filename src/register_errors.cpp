// ntmkit.Error (a ValueError) → ParseError, ValidationError, DTypeError; each instance keeps
// the C++ message and its parts: `where` (JSON pointer, CSV row, unit id) and `detail`.
#include "common.hpp"

namespace ntmkit_py {

namespace {

PyObject* error_type = nullptr;
PyObject* parse_error_type = nullptr;
PyObject* validation_error_type = nullptr;
PyObject* dtype_error_type = nullptr;

void raise(PyObject* type, const ntmkit::error& e) {
    py::object instance = py::reinterpret_borrow<py::object>(type)(e.what());
    instance.attr("where") = e.where();
    instance.attr("detail") = e.detail();
    PyErr_SetObject(type, instance.ptr());
}

} // namespace

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
    if (!error_type || !parse_error_type || !validation_error_type || !dtype_error_type)
        throw py::error_already_set();
    m.attr("Error") = py::handle(error_type);
    m.attr("ParseError") = py::handle(parse_error_type);
    m.attr("ValidationError") = py::handle(validation_error_type);
    m.attr("DTypeError") = py::handle(dtype_error_type);

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p)
                std::rethrow_exception(p);
        } catch (const dtype_error& e) {
            raise(dtype_error_type, e);
        } catch (const ntmkit::parse_error& e) {
            raise(parse_error_type, e);
        } catch (const ntmkit::validation_error& e) {
            raise(validation_error_type, e);
        } catch (const ntmkit::error& e) {
            raise(error_type, e);
        }
    });
}

} // namespace ntmkit_py
