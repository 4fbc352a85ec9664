// Progress: records, the columnar log, and the three ways in — record lists, CSV text, and
// the numpy bulk path (converted under the GIL, checked and appended without it).
#include "common.hpp"

#include <ntmkit/csv.hpp>
#include <ntmkit/json.hpp>

#include <pybind11/stl/filesystem.h>

#include <cstring>
#include <limits>

namespace ntmkit_py {

namespace {

using C = ntmkit::campaign;
using R = ntmkit::progress_record;

/// A date cell: datetime.date or text; parse errors are re-located at `where`.
ntmkit::date date_cell(py::handle h, const std::string& where) {
    ntmkit::date d;
    if (read_pydate(h.ptr(), d))
        return d;
    if (!py::isinstance<py::str>(h))
        throw ntmkit::parse_error(
            where, "expected a date (datetime.date or text like 15/4/2022), "
                   "got " +
                       py::str(py::type::of(h).attr("__name__")).cast<std::string>());
    try {
        return ntmkit::parse_date(h.cast<std::string>());
    } catch (const ntmkit::parse_error& e) {
        throw ntmkit::parse_error(where, e.detail() + " (" + e.where() + ")");
    }
}

bool missing(py::handle h) {
    if (h.is_none())
        return true;
    if (py::isinstance<py::float_>(h))
        return std::isnan(h.cast<double>()); // pandas writes NaN for an empty cell
    return false;
}

R record_from(py::handle h, std::size_t i) {
    if (py::isinstance<R>(h))
        return h.cast<R>();
    auto where = [i](const char* field) { return ntmkit::default_record_locator(i, field); };
    if (!py::isinstance<py::dict>(h))
        throw ntmkit::validation_error("progress record " + std::to_string(i),
                                       "expected a ProgressRecord or a dict");
    auto d = py::reinterpret_borrow<py::dict>(h);
    for (const char* key : {"unit", "indicator", "date", "quantity"})
        if (!d.contains(key))
            throw ntmkit::validation_error(where(key), std::string("missing key \"") + key + "\"");
    R r;
    r.unit = py::str(d["unit"]).cast<std::string>();
    r.indicator = py::str(d["indicator"]).cast<std::string>();
    r.done = date_cell(d["date"], where("date"));
    if (d.contains("reported") && !missing(d["reported"]))
        r.reported = date_cell(d["reported"], where("reported"));
    r.quantity = d["quantity"].cast<double>();
    if (d.contains("note") && !missing(d["note"]))
        r.note = py::str(d["note"]).cast<std::string>();
    if (d.contains("reporter") && !missing(d["reporter"]))
        r.reporter = py::str(d["reporter"]).cast<std::string>();
    if (d.contains("supersedes") && !missing(d["supersedes"]))
        r.supersedes = d["supersedes"].cast<ntmkit::record_index>();
    return r;
}

/// One integer column of the bulk path, read in place (any stride) when it is int32 or int64.
struct int_column {
    py::array keep; // owns the buffer while the GIL is released
    const char* data = nullptr;
    py::ssize_t stride = 0;
    bool wide = false;

    std::int64_t operator[](std::size_t i) const {
        const char* p = data + static_cast<py::ssize_t>(i) * stride;
        if (wide) {
            std::int64_t v;
            std::memcpy(&v, p, sizeof v);
            return v;
        }
        std::int32_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
};

struct float_column {
    py::array keep;
    const char* data = nullptr;
    py::ssize_t stride = 0;

    double operator[](std::size_t i) const {
        double v;
        std::memcpy(&v, data + static_cast<py::ssize_t>(i) * stride, sizeof v);
        return v;
    }
};

py::array as_1d_array(py::handle h, const std::string& name, py::ssize_t n) {
    auto a = py::reinterpret_steal<py::array>(
        py::detail::npy_api::get().PyArray_FromAny_(h.ptr(), nullptr, 0, 0, 0, nullptr));
    if (!a)
        throw py::error_already_set();
    if (a.ndim() != 1)
        throw dtype_error("array " + name,
                          "expected one dimension, got " + std::to_string(a.ndim()));
    if (n >= 0 && a.shape(0) != n)
        throw ntmkit::validation_error("array " + name,
                                       "has " + std::to_string(a.shape(0)) + " values, expected " +
                                           std::to_string(n) + " like the unit array");
    return a;
}

std::string dtype_name(const py::array& a) {
    return py::str(a.dtype()).cast<std::string>();
}

/// Integers only: a float array is refused rather than truncated.
int_column int_col(py::handle h, const std::string& name, py::ssize_t n) {
    auto a = as_1d_array(h, name, n);
    const char kind = a.dtype().kind();
    if (kind != 'i' && kind != 'u')
        throw dtype_error("array " + name,
                          "expected integers, got dtype " + dtype_name(a) +
                              " (values are not truncated; convert explicitly, e.g. "
                              "np.rint(x).astype(np.int64), after checking them)");
    const auto size = a.dtype().itemsize();
    if (!(kind == 'i' && (size == 4 || size == 8)) || !a.dtype().attr("isnative").cast<bool>())
        a = a.attr("astype")("int64"); // small or unsigned ints: lossless widening
    int_column c;
    c.wide = a.dtype().itemsize() == 8;
    c.data = static_cast<const char*>(a.data());
    c.stride = a.ndim() ? a.strides(0) : 0;
    c.keep = std::move(a);
    return c;
}

float_column float_col(py::handle h, const std::string& name, py::ssize_t n) {
    auto a = as_1d_array(h, name, n);
    const char kind = a.dtype().kind();
    if (kind != 'f' && kind != 'i' && kind != 'u')
        throw dtype_error("array " + name, "expected numbers, got dtype " + dtype_name(a));
    if (!(kind == 'f' && a.dtype().itemsize() == 8 && a.dtype().attr("isnative").cast<bool>()))
        a = a.attr("astype")("float64");
    float_column c;
    c.data = static_cast<const char*>(a.data());
    c.stride = a.strides(0);
    c.keep = std::move(a);
    return c;
}

/// Days as offsets from the window's first day: integer offsets, or datetime64 dates.
int_column day_col(py::handle h, const std::string& name, py::ssize_t n, const C& c,
                   std::int64_t& shift) {
    auto a = as_1d_array(h, name, n);
    shift = 0;
    if (a.dtype().kind() == 'M') {
        // Calendar days since 1970-01-01, then shifted to the window; no time zone involved.
        a = a.attr("astype")("datetime64[D]").attr("astype")("int64");
        shift = (c.window().first() - ntmkit::date(1970, 1, 1)).days();
    }
    return int_col(a, name, n);
}

std::int32_t narrow(std::int64_t v, std::size_t i, const char* field,
                    const ntmkit::record_locator& where) {
    if (v < std::numeric_limits<std::int32_t>::min() ||
        v > std::numeric_limits<std::int32_t>::max())
        throw ntmkit::validation_error(where(i, field),
                                       "value " + std::to_string(v) + " is out of range");
    return static_cast<std::int32_t>(v);
}

} // namespace

void register_progress(py::module_& m) {
    py::class_<R>(m, "ProgressRecord",
                  "A progress record as a user writes it: unit and indicator by id (or unit by "
                  "unique name), the day the work was done, the quantity (an increment, or the "
                  "cumulative figure for 'last' indicators) and optionally when it was reported "
                  "and which earlier record it corrects.")
        .def(py::init([](std::string unit, std::string indicator, ntmkit::date date,
                         double quantity, std::optional<ntmkit::date> reported, std::string note,
                         std::string reporter, std::optional<ntmkit::record_index> supersedes) {
                 return R{std::move(unit), std::move(indicator), date,      reported, quantity,
                          std::move(note), std::move(reporter),  supersedes};
             }),
             py::arg("unit"), py::arg("indicator"), py::arg("date"), py::arg("quantity"),
             py::arg("reported") = py::none(), py::arg("note") = "", py::arg("reporter") = "",
             py::arg("supersedes") = py::none())
        .def_readwrite("unit", &R::unit)
        .def_readwrite("indicator", &R::indicator)
        .def_readwrite("date", &R::done, "The day the work was done.")
        .def_readwrite("reported", &R::reported, "The day it was reported; None = the same day.")
        .def_readwrite("quantity", &R::quantity)
        .def_readwrite("note", &R::note)
        .def_readwrite("reporter", &R::reporter)
        .def_readwrite("supersedes", &R::supersedes, "Index of the record this one corrects.")
        .def("__repr__", [](const R& r) {
            return "ProgressRecord(" + r.unit + ", " + r.indicator + ", " +
                   ntmkit::format_date_iso(r.done) + ", " + std::to_string(r.quantity) + ")";
        });

    using L = ntmkit::progress_log;
    py::class_<L>(m, "ProgressLog",
                  "The append-only, columnar progress log. Columns come back as numpy copies "
                  "(the log may grow and move its buffers). A correction supersedes an earlier "
                  "record, which stays, so a past Friday's figures can be reproduced.")
        .def("__len__", &L::size)
        .def(
            "units",
            [](const L& l) {
                return py::array_t<ntmkit::unit_index>(l.units().size(), l.units().data());
            },
            "Unit index of every record (int32).")
        .def(
            "indicators",
            [](const L& l) {
                return py::array_t<ntmkit::indicator_index>(l.indicators().size(),
                                                            l.indicators().data());
            },
            "Indicator index of every record (int32).")
        .def(
            "done_days",
            [](const L& l) {
                return py::array_t<std::int32_t>(l.done_days().size(), l.done_days().data());
            },
            "Day the work was done, as an offset from the window's first day (int32).")
        .def(
            "reported_days",
            [](const L& l) {
                return py::array_t<std::int32_t>(l.reported_days().size(),
                                                 l.reported_days().data());
            },
            "Day reported, as an offset from the window's first day (int32).")
        .def("quantities",
             [](const L& l) {
                 return py::array_t<double>(l.quantities().size(), l.quantities().data());
             })
        .def("notes",
             [](const L& l) {
                 std::vector<std::string> out(l.size());
                 for (std::size_t r = 0; r < l.size(); ++r)
                     out[r] = std::string(l.note(static_cast<ntmkit::record_index>(r)));
                 return out;
             })
        .def("reporters",
             [](const L& l) {
                 std::vector<std::string> out(l.size());
                 for (std::size_t r = 0; r < l.size(); ++r)
                     out[r] = std::string(l.reporter(static_cast<ntmkit::record_index>(r)));
                 return out;
             })
        .def(
            "supersedes_column",
            [](const L& l) {
                py::array_t<std::int64_t> out(static_cast<py::ssize_t>(l.size()));
                auto* p = out.mutable_data();
                for (std::size_t r = 0; r < l.size(); ++r)
                    p[r] = l.supersedes(static_cast<ntmkit::record_index>(r));
                return out;
            },
            "Record corrected by each record, -1 where none (int64).")
        .def(
            "supersedes",
            [](const L& l, ntmkit::record_index r) -> std::optional<ntmkit::record_index> {
                if (r < 0 || static_cast<std::size_t>(r) >= l.size())
                    throw py::index_error("record " + std::to_string(r) + " does not exist");
                auto s = l.supersedes(r);
                return s == ntmkit::no_record ? std::nullopt
                                              : std::optional<ntmkit::record_index>(s);
            },
            py::arg("record"))
        .def(
            "is_superseded",
            [](const L& l, ntmkit::record_index r) {
                if (r < 0 || static_cast<std::size_t>(r) >= l.size())
                    throw py::index_error("record " + std::to_string(r) + " does not exist");
                return l.superseded_on(r) != ntmkit::never;
            },
            py::arg("record"))
        .def_property_readonly("has_corrections", &L::has_corrections)
        .def(py::self == py::self);

    m.def("read_progress_csv", &ntmkit::read_progress_csv, py::arg("text"), py::arg("default_year"),
          py::arg("source") = "CSV",
          "Parse progress CSV text (header: unit, indicator, date, quantity[, reported, note, "
          "reporter, supersedes], Vietnamese headers too) into ProgressRecords. ParseError names "
          "the row and column.");
    m.def("_canonical_column", &ntmkit::detail::canonical_column, py::arg("header"));

    auto cls = py::reinterpret_borrow<py::class_<C>>(m.attr("Campaign"));
    cls.def_property_readonly("progress", &C::progress, py::return_value_policy::reference_internal,
                              "The ProgressLog (a view that keeps the campaign alive).")
        .def(
            "add_progress",
            [](C& c, py::iterable records) {
                std::vector<R> v;
                for (auto h : records)
                    v.push_back(record_from(h, v.size()));
                py::gil_scoped_release nogil;
                c.add_progress(v);
            },
            py::arg("records"),
            "Add one batch of ProgressRecords (or dicts with the same keys): all or nothing. "
            "Errors name the record and field.")
        .def(
            "add_progress_csv",
            [](C& c, std::string_view text, const std::string& source) {
                ntmkit::add_progress_csv(c, text, source);
            },
            py::arg("text"), py::arg("source") = "CSV",
            "Add CSV text as one batch; errors name the spreadsheet row and column.")
        .def(
            "load_progress_csv",
            [](C& c, const std::filesystem::path& path) {
                ntmkit::add_progress_csv(c, ntmkit::read_text_file(path.string()), path.string());
            },
            py::arg("path"), "Add a CSV file as one batch; errors name the file, row and column.")
        .def(
            "add_progress_arrays",
            [](C& c, py::handle unit, py::handle indicator, py::handle day, py::handle quantity,
               py::object reported) {
                // Under the GIL: look at dtypes, convert only what is not int32/int64/float64.
                auto units = int_col(unit, "unit", -1);
                const auto n = units.keep.shape(0);
                auto inds = int_col(indicator, "indicator", n);
                std::int64_t shift = 0, rshift = 0;
                auto days = day_col(day, "day", n, c, shift);
                auto qty = float_col(quantity, "quantity", n);
                std::optional<int_column> rep;
                if (!reported.is_none())
                    rep = day_col(reported, "reported", n, c, rshift);
                py::gil_scoped_release nogil;
                ntmkit::record_locator where = [](std::size_t i, std::string_view field) {
                    return "arrays, position " + std::to_string(i) + ", field " +
                           std::string(field);
                };
                std::vector<ntmkit::resolved_record> batch(static_cast<std::size_t>(n));
                for (std::size_t i = 0; i < batch.size(); ++i) {
                    auto& r = batch[i];
                    r.unit = narrow(units[i], i, "unit", where);
                    r.indicator = narrow(inds[i], i, "indicator", where);
                    r.done = narrow(days[i] - shift, i, "date", where);
                    r.reported = rep ? narrow((*rep)[i] - rshift, i, "reported", where) : r.done;
                    r.quantity = qty[i];
                }
                c.add_progress(batch, where);
            },
            py::arg("unit"), py::arg("indicator"), py::arg("day"), py::arg("quantity"),
            py::arg("reported") = py::none(),
            "Bulk path: parallel arrays of unit index, indicator index, day (offset from the "
            "window's first day, or datetime64 dates), quantity, and optionally reported day. "
            "Integer columns must have an integer dtype: floats raise DTypeError instead of "
            "being truncated. int32/int64/float64 arrays are read in place; the check and "
            "append run without the GIL. All or nothing.")
        .def(
            "_add_progress_columns",
            [](C& c, std::vector<std::string> units, std::vector<std::string> indicators,
               py::sequence dates, std::vector<double> quantities, py::object reported,
               py::object notes, py::object reporters, py::object supersedes,
               std::vector<std::string> labels, const std::string& source) {
                const std::size_t n = units.size();
                auto where = [&](std::size_t i, std::string_view field) {
                    return source + " row " + labels.at(i) + ", column " + std::string(field);
                };
                std::vector<R> records(n);
                for (std::size_t i = 0; i < n; ++i) {
                    auto& r = records[i];
                    r.unit = std::move(units[i]);
                    r.indicator = std::move(indicators[i]);
                    r.done = date_cell(dates[i], where(i, "date"));
                    r.quantity = quantities.at(i);
                    if (!reported.is_none() && !missing(reported[py::int_(i)]))
                        r.reported = date_cell(reported[py::int_(i)], where(i, "reported"));
                    if (!notes.is_none() && !missing(notes[py::int_(i)]))
                        r.note = py::str(notes[py::int_(i)]).cast<std::string>();
                    if (!reporters.is_none() && !missing(reporters[py::int_(i)]))
                        r.reporter = py::str(reporters[py::int_(i)]).cast<std::string>();
                    if (!supersedes.is_none() && !missing(supersedes[py::int_(i)])) {
                        py::handle s = supersedes[py::int_(i)];
                        double v = s.cast<double>();
                        if (v < 0 || v != std::floor(v))
                            throw ntmkit::validation_error(where(i, "supersedes"),
                                                           "expected a record number, got " +
                                                               py::str(s).cast<std::string>());
                        r.supersedes = static_cast<ntmkit::record_index>(v);
                    }
                }
                py::gil_scoped_release nogil;
                c.add_progress(records, where);
            },
            py::arg("units"), py::arg("indicators"), py::arg("dates"), py::arg("quantities"),
            py::arg("reported"), py::arg("notes"), py::arg("reporters"), py::arg("supersedes"),
            py::arg("labels"), py::arg("source"));
}

} // namespace ntmkit_py
