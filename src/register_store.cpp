// ntmkit.Store: the campaign store (ntmkit/store/store.hpp, docs/store.md) on SQLite, and on
// PostgreSQL when built with libpq (postgresql:// URLs, Store.postgres). Imports release the GIL
// while they check and write; errors are StoreError / StoreConflict (both ntmkit.Error) besides
// the usual ParseError and ValidationError.
#include "common.hpp"

#include <ntmkit/store/store.hpp>
#ifdef NTMKIT_STORE_POSTGRES
#include <ntmkit/store/postgres.hpp>
#endif

#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ntmkit_py {

namespace {

PyObject* store_error_type = nullptr;
PyObject* store_conflict_type = nullptr;

std::optional<std::string> text_cell(const py::dict& d, const char* key) {
    if (!d.contains(key))
        return std::nullopt;
    py::handle h = d[key];
    if (h.is_none() || (py::isinstance<py::float_>(h) && std::isnan(h.cast<double>())))
        return std::nullopt;
    return py::str(h).cast<std::string>();
}

ntmkit::date date_of(py::handle h, const std::string& where) {
    ntmkit::date d;
    if (read_pydate(h.ptr(), d))
        return d;
    try {
        return ntmkit::parse_date(py::str(h).cast<std::string>());
    } catch (const ntmkit::parse_error& e) {
        throw ntmkit::parse_error(where, e.detail());
    }
}

/// Records as dicts with the CSV's canonical keys (unit, indicator, date, quantity, and
/// optionally reported, note, reporter, supersedes, id); `supersedes` a record number or an id.
std::vector<ntmkit::progress_record> records_of(const py::list& rows,
                                                const ntmkit::record_locator& where) {
    std::vector<ntmkit::progress_record> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto d = rows[i].cast<py::dict>();
        ntmkit::progress_record r;
        r.unit = text_cell(d, "unit").value_or("");
        r.indicator = text_cell(d, "indicator").value_or("");
        r.done = date_of(d["date"], where(i, "date"));
        if (auto rep = text_cell(d, "reported"))
            r.reported = date_of(d["reported"], where(i, "reported"));
        r.quantity = d["quantity"].cast<double>();
        r.note = text_cell(d, "note").value_or("");
        r.reporter = text_cell(d, "reporter").value_or("");
        r.id = text_cell(d, "id").value_or("");
        if (text_cell(d, "supersedes")) {
            py::handle s = d["supersedes"];
            if (py::isinstance<py::str>(s))
                r.supersedes_id = s.cast<std::string>();
            else
                r.supersedes = s.cast<ntmkit::record_index>();
        }
        out.push_back(std::move(r));
    }
    return out;
}

/// Reports received as dicts with keys unit (id or name), period (the report day of the period
/// reported on) and submitted (the day received), dates as datetime.date or text, and
/// optionally reporter and note: what Campaign.submissions gives.
std::vector<ntmkit::submission_record> submissions_of(const py::list& rows,
                                                      const ntmkit::record_locator& where) {
    std::vector<ntmkit::submission_record> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto d = rows[i].cast<py::dict>();
        ntmkit::submission_record r;
        r.unit = text_cell(d, "unit").value_or("");
        for (auto [key, day] :
             {std::pair("period", &r.period), std::pair("submitted", &r.submitted)}) {
            if (!text_cell(d, key))
                throw ntmkit::validation_error(where(i, key),
                                               "missing: a date such as 6/5/2022 is needed");
            *day = date_of(d[key], where(i, key));
        }
        r.reporter = text_cell(d, "reporter").value_or("");
        r.note = text_cell(d, "note").value_or("");
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

void add_store(py::module_& m) {
    store_error_type = PyErr_NewExceptionWithDoc(
        "ntmkit.StoreError",
        "A campaign store that cannot be opened, read or written (a newer schema, not a store, "
        "the database's own error).",
        m.attr("Error").ptr(), nullptr);
    store_conflict_type = PyErr_NewExceptionWithDoc(
        "ntmkit.StoreConflict",
        "An import that contradicts the store (the same id with other figures): nothing was "
        "imported; the message shows both versions.",
        store_error_type, nullptr);
    if (!store_error_type || !store_conflict_type)
        throw py::error_already_set();
    m.attr("StoreError") = py::handle(store_error_type);
    m.attr("StoreConflict") = py::handle(store_conflict_type);
    py::register_exception_translator([](std::exception_ptr p) {
        auto raise = [](PyObject* type, const ntmkit::error& e) {
            py::object instance = py::reinterpret_borrow<py::object>(type)(e.what());
            instance.attr("where") = e.where();
            instance.attr("detail") = e.detail();
            PyErr_SetObject(type, instance.ptr());
        };
        try {
            if (p)
                std::rethrow_exception(p);
        } catch (const ntmkit::store_conflict& e) {
            raise(store_conflict_type, e);
        } catch (const ntmkit::store_error& e) {
            raise(store_error_type, e);
        }
    });

    py::class_<ntmkit::import_result>(m, "ImportResult",
                                      "What an import did: records read, added and skipped.")
        .def_readonly("import_id", &ntmkit::import_result::import_id)
        .def_readonly("read", &ntmkit::import_result::read)
        .def_readonly("added", &ntmkit::import_result::added)
        .def_readonly("skipped", &ntmkit::import_result::skipped)
        .def("__repr__", [](const ntmkit::import_result& r) {
            return "ImportResult(read=" + std::to_string(r.read) +
                   ", added=" + std::to_string(r.added) + ", skipped=" + std::to_string(r.skipped) +
                   ")";
        });

    using S = ntmkit::store;
    py::class_<S> store(m, "Store",
                        "A campaign kept in one SQLite file, or in one schema of a PostgreSQL "
                        "database (docs/store.md): definition versions, progress under stable "
                        "ids, submissions and criteria evaluations. Every import is one "
                        "transaction; importing a file again adds nothing.");
    store.def(py::init([](const std::string& path) { return S::open(path); }), py::arg("path"))
        .def_static(
            "open",
            [](const std::string& path, bool create) {
                ntmkit::store_options o;
                o.create = create;
                return S::open(path, o);
            },
            py::arg("path"), py::arg("create") = true,
            "Opens the store in `path` (a file, or postgresql://…#schema), creating it when "
            "missing and migrating an older one. create=False: a store must be there (a "
            "StoreError \"no such store\" otherwise), and nothing is created.")
        .def_property_readonly("path", &S::path)
        .def_property_readonly("schema_version", &S::schema_version)
        .def("define", &S::define, py::arg("campaign"), py::arg("note") = "",
             py::call_guard<py::gil_scoped_release>(),
             "Stores the campaign's definition as a new version when it differs from the "
             "latest; returns the version number.")
        .def(
            "import_campaign",
            [](S& s, const ntmkit::campaign& c, const std::string& source) {
                py::gil_scoped_release nogil;
                return s.import_campaign(c, source);
            },
            py::arg("campaign"), py::arg("source"),
            "define(), then the campaign's own progress and submissions; an ImportResult.")
        .def(
            "versions",
            [](const S& s) {
                py::list out;
                for (const auto& v : s.versions()) {
                    py::dict d;
                    d["version"] = v.version;
                    d["stored"] = v.stored;
                    d["note"] = v.note;
                    out.append(d);
                }
                return out;
            },
            "The definition versions, oldest first: dicts of version, stored (UTC), note.")
        .def(
            "imports",
            [](const S& s) {
                py::list out;
                for (const auto& i : s.imports()) {
                    py::dict d;
                    d["id"] = i.id;
                    d["source"] = i.source;
                    d["kind"] = i.kind;
                    d["stored"] = i.stored;
                    d["read"] = i.read;
                    d["added"] = i.added;
                    out.append(d);
                }
                return out;
            },
            "The imports that added something, oldest first: dicts of id, source, kind "
            "(progress, columns, submissions), stored (UTC), read, added. An import that added "
            "nothing (the same file again) or was refused is not listed.")
        .def(
            "campaign",
            [](const S& s, std::optional<int> version) {
                py::gil_scoped_release nogil;
                return s.campaign(version);
            },
            py::arg("version") = py::none(),
            "The campaign of a definition version (default: the latest) with every record.")
        .def(
            "import_csv",
            [](S& s, const std::string& path, std::optional<std::string> source) {
                const auto name = source.value_or(std::filesystem::path(path).filename().string());
                py::gil_scoped_release nogil;
                return s.import_csv(ntmkit::read_text_file(path), name);
            },
            py::arg("path"), py::arg("source") = py::none(),
            "Imports a progress CSV as one transaction; the source (default: the file's name) "
            "names rows without an id: <source>:<row>.")
        .def(
            "import_csv_text",
            [](S& s, const std::string& text, const std::string& source) {
                py::gil_scoped_release nogil;
                return s.import_csv(text, source);
            },
            py::arg("text"), py::arg("source"))
        .def(
            "_import_records",
            [](S& s, const py::list& rows, const std::string& source,
               std::vector<std::string> labels) {
                ntmkit::record_locator where = [&](std::size_t i, std::string_view field) {
                    return source + " row " + labels.at(i) + ", column " + std::string(field);
                };
                auto records = records_of(rows, where);
                py::gil_scoped_release nogil;
                return s.import_progress(records, source, {}, where);
            },
            py::arg("rows"), py::arg("source"), py::arg("labels"))
        .def(
            "import_submissions",
            [](S& s, const py::list& rows, const std::string& source) {
                ntmkit::record_locator where = [&](std::size_t i, std::string_view field) {
                    return source + ", submission " + std::to_string(i) + ", field " +
                           std::string(field);
                };
                auto records = submissions_of(rows, where);
                py::gil_scoped_release nogil;
                return s.import_submissions(records, source, where);
            },
            py::arg("submissions"), py::arg("source"),
            "Imports reports received as one transaction: dicts of unit (id or name), period "
            "(the report day of the period reported on), submitted (the day received), and "
            "optionally reporter and note, as Campaign.submissions gives them. Kept by (unit, "
            "period, day received): the same again adds nothing; the same key with another "
            "reporter or note is a StoreConflict showing both. An ImportResult.")
        .def("save_evaluation", &S::save_evaluation, py::arg("id"), py::arg("unit"),
             py::arg("as_of"), py::arg("evaluation"),
             "Keeps a criteria evaluation under `id`; the same id with another result is a "
             "StoreConflict.")
        .def(
            "evaluations",
            [](const S& s) {
                py::list out;
                for (const auto& e : s.evaluations()) {
                    py::dict d;
                    d["id"] = e.id;
                    d["unit"] = e.unit;
                    d["set_id"] = e.set_id;
                    d["variant"] = e.variant;
                    d["as_of"] = py::reinterpret_steal<py::object>(make_pydate(e.as_of));
                    d["json"] = e.json;
                    out.append(d);
                }
                return out;
            },
            "Saved criteria evaluations, by id.")
        .def("copy_to", &S::copy_to, py::arg("target"), py::call_guard<py::gil_scoped_release>(),
             "Copies everything this store holds into `target` (a commune into its schema of "
             "a district's PostgreSQL database) under the same ids; copying again adds "
             "nothing. An ImportResult summing every import.");
#ifdef NTMKIT_STORE_POSTGRES
    store.def_static(
        "postgres",
        [](const std::string& conninfo, const std::string& schema) {
            py::gil_scoped_release nogil;
            return ntmkit::open_postgres_store(conninfo, schema);
        },
        py::arg("conninfo"), py::arg("schema") = "public",
        "Opens the campaign kept in `schema` of a PostgreSQL database (libpq conninfo: "
        "'host=/run/postgresql dbname=district' or a URL), creating it when missing.");
#endif
}

} // namespace ntmkit_py
