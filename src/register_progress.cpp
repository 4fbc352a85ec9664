// Progress: records, the columnar log, and the three ways in — record lists, CSV text, and
// the numpy bulk path (columns.hpp: converted under the GIL, checked and appended without it).
#include "columns.hpp"

#include <ntmkit/csv.hpp>
#include <ntmkit/json.hpp>

#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <optional>
#include <type_traits>

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

/// A number_style keyword: None (undeclared), "vi" or "en".
ntmkit::number_style style_arg(py::handle h) {
    if (h.is_none())
        return ntmkit::number_style::undeclared;
    return ntmkit::parse_enum<ntmkit::number_style>(text_arg(h, "number_style"), "number_style");
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
        throw argument_error("progress record " + std::to_string(i),
                             "expected a ProgressRecord or a dict, got " + describe_value(h));
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
    r.quantity = number_arg(d["quantity"], where("quantity"));
    if (d.contains("note") && !missing(d["note"]))
        r.note = py::str(d["note"]).cast<std::string>();
    if (d.contains("reporter") && !missing(d["reporter"]))
        r.reporter = py::str(d["reporter"]).cast<std::string>();
    if (d.contains("supersedes") && !missing(d["supersedes"]))
        r.supersedes =
            static_cast<ntmkit::record_index>(integer_arg(d["supersedes"], where("supersedes")));
    return r;
}

/// The one bulk path from numpy columns, behind add_progress_arrays and add_progress_columns:
/// types and shapes checked and anything not directly usable converted once, under the GIL;
/// then the checks and the append run on the arrays in place, without it. All or nothing.
void add_progress_numpy(C& c, py::handle unit, py::handle indicator, py::handle done,
                        const char* done_name, py::handle quantity, py::handle reported) {
    const ntmkit::record_locator where = [](std::size_t i, std::string_view field) {
        return "arrays, position " + std::to_string(i) + ", field " + std::string(field);
    };
    auto u = int_column<std::int32_t, std::int64_t>(unit, "unit", -1);
    const auto n = u.size();
    auto i = int_column<std::uint8_t, std::int32_t, std::int64_t>(indicator, "indicator", n);
    using days = column<std::int16_t, std::int32_t, std::int64_t>;
    auto d =
        day_column<std::int16_t, std::int32_t, std::int64_t>(done, done_name, n, c, "date", where);
    auto q = float_column(quantity, "quantity", n);
    std::optional<days> r;
    if (!reported.is_none())
        r = day_column<std::int16_t, std::int32_t, std::int64_t>(reported, "reported", n, c,
                                                                 "reported", where);
    add_progress_in_place(c, u, i, std::move(d), std::move(r), q, where);
}

} // namespace

void add_progress(py::module_& m, campaign_class& cls) {
    py::class_<R>(m, "ProgressRecord",
                  "A progress record as a user writes it: unit and indicator by id (or unit by "
                  "unique name), the day the work was done, the quantity (an increment, or the "
                  "cumulative figure for 'last' indicators) and optionally when it was reported "
                  "and which earlier record it corrects.")
        .def(
            py::init([](std::string unit, std::string indicator, ntmkit::date date,
                        py::handle quantity, std::optional<ntmkit::date> reported, std::string note,
                        std::string reporter, std::optional<ntmkit::record_index> supersedes) {
                return R{std::move(unit),
                         std::move(indicator),
                         date,
                         reported,
                         number_arg(quantity, "ProgressRecord, argument quantity"),
                         std::move(note),
                         std::move(reporter),
                         supersedes,
                         {},  // id: the store names it by source and row
                         {}}; // supersedes_id: a correction by record number here
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
                return py::array_t<L::indicator_column>(l.indicators().size(),
                                                        l.indicators().data());
            },
            "Indicator index of every record (uint8).")
        .def(
            "done_days",
            [](const L& l) {
                return py::array_t<L::day_column>(l.done_days().size(), l.done_days().data());
            },
            "Day the work was done, as an offset from the window's first day (int16).")
        .def(
            "reported_days",
            [](const L& l) {
                return py::array_t<L::day_column>(l.reported_days().size(),
                                                  l.reported_days().data());
            },
            "Day reported, as an offset from the window's first day (int16).")
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

    m.def(
        "read_progress_csv",
        [](std::string_view text, int default_year, const std::string& source,
           py::handle number_style) {
            return ntmkit::read_progress_csv(text, default_year, source, style_arg(number_style));
        },
        py::arg("text"), py::arg("default_year"), py::arg("source") = "CSV",
        py::arg("number_style") = py::none(),
        "Parse progress CSV text (header: unit, indicator, date, quantity[, reported, note, "
        "reporter, supersedes], Vietnamese headers too) into ProgressRecords. ParseError names "
        "the row and column. number_style 'vi' (1.234,5) or 'en' (1,234.5) declares how the "
        "quantities are written; None accepts only numbers that cannot be misread.");
    m.def("_canonical_column", &ntmkit::detail::canonical_column, py::arg("header"));

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
            [](C& c, std::string_view text, const std::string& source, py::handle number_style) {
                ntmkit::add_progress_csv(c, text, source, style_arg(number_style));
            },
            py::arg("text"), py::arg("source") = "CSV", py::arg("number_style") = py::none(),
            "Add CSV text as one batch; errors name the spreadsheet row and column. "
            "number_style: None, 'vi' (1.234,5) or 'en' (1,234.5), as read_progress_csv.")
        .def(
            "progress_csv_problems",
            [](const C& c, std::string_view text, const std::string& source,
               py::handle number_style, std::size_t limit) {
                std::vector<std::string> out;
                for (auto& p :
                     ntmkit::progress_csv_problems(c, text, source, style_arg(number_style), limit))
                    out.push_back(std::move(p.message));
                return out;
            },
            py::arg("text"), py::arg("source") = "CSV", py::arg("number_style") = py::none(),
            py::arg("limit") = 50,
            "Every problem of CSV text (str or the file's bytes, any encoding the reader "
            "understands), up to `limit`, in row order: what add_progress_csv would stop at, "
            "then the next bad row, and so on. [] when it would add the file. The campaign is "
            "not changed.")
        .def(
            "load_progress_csv",
            [](C& c, const std::filesystem::path& path, py::handle number_style) {
                ntmkit::add_progress_csv(c, ntmkit::read_text_file(path.string()), path.string(),
                                         style_arg(number_style));
            },
            py::arg("path"), py::arg("number_style") = py::none(),
            "Add a CSV file as one batch; errors name the file, row and column. number_style: "
            "None, 'vi' (1.234,5) or 'en' (1,234.5), as read_progress_csv.")
        .def(
            "add_progress_arrays",
            [](C& c, py::handle unit, py::handle indicator, py::handle day, py::handle quantity,
               py::handle reported) {
                add_progress_numpy(c, unit, indicator, day, "day", quantity, reported);
            },
            py::arg("unit"), py::arg("indicator"), py::arg("day"), py::arg("quantity"),
            py::arg("reported") = py::none(),
            "Bulk path: parallel arrays of unit index, indicator index, day (offset from the "
            "window's first day, or datetime64 dates), quantity, and optionally reported day. "
            "Integer columns must have an integer dtype: floats raise DTypeError instead of "
            "being truncated. Contiguous int32/int64 units, uint8/int32/int64 indicators, "
            "int16/int32/int64 days and float64 quantities are read in place, other arrays "
            "converted once; nothing per record is built; the check and append run without "
            "the GIL. All or nothing; errors name \"arrays, position i, field f\".")
        .def(
            "add_progress_columns",
            [](C& c, py::handle unit, py::handle indicator, py::handle done, py::handle quantity,
               py::handle reported) {
                add_progress_numpy(c, unit, indicator, done, "done", quantity, reported);
            },
            py::arg("unit"), py::arg("indicator"), py::arg("done"), py::arg("quantity"),
            py::arg("reported") = py::none(),
            "add_progress_arrays under the name the synthetic country's columns use ('done' "
            "for the day): the same single path, checks, errors and dtypes.")
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
                        double v = number_arg(s, where(i, "supersedes"));
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
